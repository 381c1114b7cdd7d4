/**
 * Liaison stations (SPEC §13): stations and their keepers, representatives assigned, the reception plan (days by rule,
 * duty, publish), reception records with photos and items raised, the public page and its submission form, the
 * keeper's to-do list. Every transition and refusal, through the real app on a real database; refused writes change nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { signChallenge } from '../../server/gathering/challenge.ts';
import { addDays, shanghaiToday } from '../../shared/time.ts';
import { Client, congressWithRoles, PASSWORD, setupAdmin, uniq, useTestApp } from '../helpers/app.ts';
import { digester } from '../helpers/digest.ts';
import { solved } from '../gathering/helpers.ts';

const t = useTestApp();
const digestOf = digester({ exclude: ['rate_limits'], only: { sessions: ['id', 'revoked_at'] } });
const digest = () => digestOf(t.database);

const today = shanghaiToday();
const year = Number(today.slice(0, 4));
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (ch) => ch.charCodeAt(0));

let admin: Client;
let other: { congress: { id: string }; clients: Record<string, Client> };
let cid: string;
let base: string;
let clients: Record<string, Client>;
let keeper: Client;
let keeperUsername: string;
let stationId: string;
let station2: string;
let otherStation: string;
let reps: string[];
let otherRep: string;

async function ok<T = any>(p: Promise<{ status: number; body: any; text: string }>, what = ''): Promise<T> {
  const r = await p;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${r.text.slice(0, 300)}`);
  return r.body as T;
}
/** A refusal with this status and code that left every table as it was. */
async function refused(p: () => Promise<{ status: number; body: any }>, status: number, code: string) {
  const before = await digest();
  const r = await p();
  expect([r.status, r.body?.error?.code]).toEqual([status, code]);
  expect(await digest()).toEqual(before);
  return r;
}
const planOf = (y = year, cl = admin, s = stationId) => ok(cl.get(`${base}/stations/${s}/plan?year=${y}`), 'plan');
const dayId = async (day: string, s = stationId) => (await planOf(Number(day.slice(0, 4)), admin, s)).days.find((d: { day: string }) => d.day === day)?.id as string;

beforeAll(async () => {
  admin = await setupAdmin(t);
  const w = await congressWithRoles(t, admin);
  cid = w.congress.id;
  clients = w.clients;
  base = `/api/congresses/${cid}`;
  other = await congressWithRoles(t, admin);
  reps = [];
  for (const name of ['王芳', '李强', '张伟']) reps.push((await ok(admin.post(`${base}/representatives`, { name, delegation: '城关代表组', phone: '13700001111' }))).id);
  otherRep = (await ok(admin.post(`/api/congresses/${other.congress.id}/representatives`, { name: '外镇代表' }))).id;
  stationId = (await ok(admin.post(`${base}/stations`, { name: '城关镇中心联络站', kind: 'central', address: '镇政府一楼', contact: '0571-8888', receptionTimes: '每月15日上午', duties: '听取群众意见' }))).id;
  station2 = (await ok(admin.post(`${base}/stations`, { name: '河东村联络站', kind: 'village' }))).id;
  otherStation = (await ok(admin.post(`/api/congresses/${other.congress.id}/stations`, { name: '外镇联络站', kind: 'central' }))).id;
  keeperUsername = uniq('keeper');
  await ok(admin.post(`${base}/accounts`, { username: keeperUsername, displayName: '站管理员', password: PASSWORD, role: 'station', stationId }), 'keeper');
  keeper = new Client(t);
  await keeper.login(keeperUsername, PASSWORD);
});

describe('keeper accounts (role station)', () => {
  it('names a station of the same congress, and only the station role takes one', async () => {
    const body = (over: Record<string, unknown>) => ({ username: uniq('k'), displayName: '站管理员', password: PASSWORD, role: 'station', ...over });
    await refused(() => admin.post(`${base}/accounts`, body({})), 400, 'station_required');
    await refused(() => admin.post(`${base}/accounts`, body({ role: 'government', stationId })), 400, 'station_not_allowed');
    await refused(() => admin.post(`${base}/accounts`, body({ stationId: otherStation })), 404, 'station_not_found');
    // Granting the role to an existing account follows the same rules.
    const acc = (await ok(admin.post('/api/accounts', { username: uniq('acc'), displayName: '新账号', password: PASSWORD }))).id;
    await refused(() => admin.post(`${base}/members`, { accountId: acc, role: 'station' }), 400, 'station_required');
    await refused(() => admin.post(`${base}/members`, { accountId: acc, role: 'station', stationId: otherStation }), 404, 'station_not_found');
    await ok(admin.post(`${base}/members`, { accountId: acc, role: 'station', stationId: station2 }));
    const members = await ok<any[]>(admin.get(`${base}/members`));
    expect(members.find((m) => m.accountId === acc)).toMatchObject({ role: 'station', stationId: station2, stationName: '河东村联络站' });
    const list = await ok<any[]>(admin.get(`${base}/stations`));
    expect(list.find((s) => s.id === station2).keepers.map((k: { id: string }) => k.id)).toEqual([acc]);
    expect(list.find((s) => s.id === stationId).keepers.map((k: { displayName: string }) => k.displayName)).toEqual(['站管理员']);
  });
});

describe('stations', () => {
  it('are added and edited by staff; names are unique in a congress; another congress’s station is not found', async () => {
    await refused(() => admin.post(`${base}/stations`, { name: '城关镇中心联络站', kind: 'village' }), 409, 'station_name_taken');
    await refused(() => admin.post(`${base}/stations`, { name: '新站', kind: 'hamlet' }), 400, 'validation');
    await refused(() => keeper.post(`${base}/stations`, { name: '新站', kind: 'village' }), 403, 'forbidden');
    await refused(() => keeper.patch(`${base}/stations/${stationId}`, { contact: '110' }), 403, 'forbidden');
    await refused(() => admin.patch(`${base}/stations/${otherStation}`, { contact: '110' }), 404, 'station_not_found');
    await refused(() => admin.patch(`${base}/stations/${station2}`, { name: '城关镇中心联络站' }), 409, 'station_name_taken');
    await refused(() => admin.patch(`${base}/stations/${station2}`, {}), 400, 'validation');
    await ok(admin.patch(`${base}/stations/${station2}`, { address: '河东村村委会', contact: '0571-6666' }));
    await ok(admin.patch(`${base}/stations/${station2}`, { receptionTimes: '每周二下午' }));
    const s = await ok(clients.representative.get(`${base}/stations/${station2}`));
    expect(s).toMatchObject({ name: '河东村联络站', address: '河东村村委会', contact: '0571-6666', receptionTimes: '每周二下午', canManage: false, canKeep: false });
    expect(s.publicUrl).toMatch(new RegExp(`/s/${station2}$`));
    expect(await ok(keeper.get(`${base}/stations/${stationId}`))).toMatchObject({ canManage: false, canKeep: true });
    expect(await ok(keeper.get(`${base}/stations/${station2}`))).toMatchObject({ canKeep: false });
    expect(await ok(admin.get(`${base}/stations/${station2}`))).toMatchObject({ canManage: true, canKeep: true });
    await refused(() => admin.get(`${base}/stations/${otherStation}`), 404, 'station_not_found');
  });

  it('have representatives assigned (进站); one may be in several; another congress’s representative is refused', async () => {
    await ok(admin.put(`${base}/stations/${stationId}/representatives`, { representativeIds: reps }));
    await ok(admin.put(`${base}/stations/${station2}/representatives`, { representativeIds: [reps[0]] }));
    await refused(() => admin.put(`${base}/stations/${stationId}/representatives`, { representativeIds: [reps[0], otherRep] }), 404, 'representative_not_found');
    await refused(() => keeper.put(`${base}/stations/${stationId}/representatives`, { representativeIds: [] }), 403, 'forbidden');
    const s = await ok(admin.get(`${base}/stations/${stationId}`));
    expect(s.representativeList.map((r: { name: string }) => r.name).sort()).toEqual(['张伟', '李强', '王芳'].sort());
    expect(s.representatives).toBe(3);
    expect((await ok(admin.get(`${base}/stations/${station2}`))).representatives).toBe(1);
  });
});

describe('the reception plan', () => {
  const next = year + 1;
  it('adds one day, then refuses it twice', async () => {
    const r = await ok(keeper.post(`${base}/stations/${stationId}/plan/days`, { rule: 'one', day: `${next}-03-03`, kind: 'theme_day', theme: '垃圾分类' }));
    expect(r).toEqual({ added: 1, skipped: 0, days: [`${next}-03-03`] });
    await refused(() => keeper.post(`${base}/stations/${stationId}/plan/days`, { rule: 'one', day: `${next}-03-03` }), 409, 'reception_day_exists');
    const d = (await planOf(next)).days.find((x: { day: string }) => x.day === `${next}-03-03`);
    expect(d).toMatchObject({ kind: 'theme_day', theme: '垃圾分类', published: false, duty: [], receptionId: null });
  });

  it('adds every 15th of the month and every Tuesday between two dates, skipping days already planned', async () => {
    const monthly = await ok(admin.post(`${base}/stations/${stationId}/plan/days`, { rule: 'monthly', dayOfMonth: 15, from: `${next}-01-01`, to: `${next}-12-31` }));
    expect(monthly.added).toBe(12);
    expect(monthly.days).toEqual(Array.from({ length: 12 }, (_, i) => `${next}-${String(i + 1).padStart(2, '0')}-15`));
    const again = await ok(admin.post(`${base}/stations/${stationId}/plan/days`, { rule: 'monthly', dayOfMonth: 15, from: `${next}-06-01`, to: `${next}-12-31` }));
    expect(again).toMatchObject({ added: 0, skipped: 7 });
    const weekly = await ok(keeper.post(`${base}/stations/${stationId}/plan/days`, { rule: 'weekly', weekday: 2, from: `${next}-04-01`, to: `${next}-04-30` }));
    expect(weekly.days.length).toBeGreaterThanOrEqual(4);
    for (const d of weekly.days) expect(new Date(`${d}T00:00:00Z`).getUTCDay()).toBe(2);
    // The 31st exists in some months only.
    const long = await ok(admin.post(`${base}/stations/${station2}/plan/days`, { rule: 'monthly', dayOfMonth: 31, from: `${next}-01-01`, to: `${next}-04-30` }));
    expect(long.days).toEqual([`${next}-01-31`, `${next}-03-31`]);
  });

  it('refuses a range read backwards, over two years, or giving no day, and a bad weekday', async () => {
    const add = (body: Record<string, unknown>) => () => admin.post(`${base}/stations/${stationId}/plan/days`, body);
    await refused(add({ rule: 'weekly', weekday: 2, from: `${next}-05-01`, to: `${next}-04-01` }), 400, 'plan_range_invalid');
    await refused(add({ rule: 'monthly', dayOfMonth: 15, from: `${next}-12-01`, to: `${next + 1}-01-31` }), 400, 'plan_range_invalid');
    await refused(add({ rule: 'monthly', dayOfMonth: 30, from: `${next}-02-01`, to: `${next}-02-28` }), 400, 'plan_rule_no_days');
    await refused(add({ rule: 'weekly', weekday: 8, from: `${next}-02-01`, to: `${next}-02-28` }), 400, 'validation');
    await refused(add({ rule: 'one', day: `${next}-02-30` }), 400, 'validation');
    await refused(add({ rule: 'daily', day: `${next}-02-03` }), 400, 'validation');
  });

  it('is kept by the station’s own keeper only (staff keep every station)', async () => {
    const d2 = `${next}-05-05`;
    await refused(() => keeper.post(`${base}/stations/${station2}/plan/days`, { rule: 'one', day: d2 }), 403, 'station_not_yours');
    await refused(() => clients.representative.post(`${base}/stations/${stationId}/plan/days`, { rule: 'one', day: d2 }), 403, 'forbidden');
    await refused(() => clients.government.post(`${base}/stations/${stationId}/plan/publish`, { year: next }), 403, 'forbidden');
    await refused(() => keeper.post(`${base}/stations/${station2}/plan/publish`, { year: next }), 403, 'station_not_yours');
    await refused(() => admin.post(`${base}/stations/${otherStation}/plan/days`, { rule: 'one', day: d2 }), 404, 'station_not_found');
    await ok(admin.post(`${base}/stations/${station2}/plan/days`, { rule: 'one', day: d2 }));
    const id2 = await dayId(d2, station2);
    await refused(() => keeper.delete(`${base}/stations/${station2}/plan/days/${id2}`), 403, 'station_not_yours');
    // A day of another station named under the keeper's own station is not found there.
    await refused(() => keeper.delete(`${base}/stations/${stationId}/plan/days/${id2}`), 404, 'reception_day_not_found');
    await refused(() => keeper.put(`${base}/stations/${stationId}/plan/days/${id2}/duty`, { representativeIds: [] }), 404, 'reception_day_not_found');
  });

  it('sets who is on duty: representatives of the station only', async () => {
    const id = await dayId(`${next}-01-15`);
    await ok(keeper.put(`${base}/stations/${stationId}/plan/days/${id}/duty`, { representativeIds: [reps[0], reps[1]] }));
    let d = (await planOf(next)).days.find((x: { id: string }) => x.id === id);
    expect(d.duty.map((r: { name: string }) => r.name).sort()).toEqual(['李强', '王芳'].sort());
    // 张伟 is not in 河东村's station; another congress's representative is not found.
    const id2 = await dayId(`${next}-01-31`, station2);
    await refused(() => admin.put(`${base}/stations/${station2}/plan/days/${id2}/duty`, { representativeIds: [reps[2]] }), 400, 'not_station_representative');
    await refused(() => keeper.put(`${base}/stations/${stationId}/plan/days/${id}/duty`, { representativeIds: [otherRep] }), 404, 'representative_not_found');
    await ok(keeper.put(`${base}/stations/${stationId}/plan/days/${id}/duty`, { representativeIds: [reps[2]] }));
    d = (await planOf(next)).days.find((x: { id: string }) => x.id === id);
    expect(d.duty.map((r: { name: string }) => r.name)).toEqual(['张伟']);
  });

  it('removes a day; a day with a record stays', async () => {
    const id = await dayId(`${next}-03-03`);
    await ok(keeper.delete(`${base}/stations/${stationId}/plan/days/${id}`));
    expect(await dayId(`${next}-03-03`)).toBeUndefined();
    await refused(() => keeper.delete(`${base}/stations/${stationId}/plan/days/${id}`), 404, 'reception_day_not_found');
    // Today's day with a record of it.
    await ok(admin.post(`${base}/stations/${stationId}/plan/days`, { rule: 'one', day: today }));
    const todayId = await dayId(today);
    await ok(keeper.post(`${base}/stations/${stationId}/receptions`, { heldOn: today, dayId: todayId, visitors: 4, representativeIds: [reps[0]] }));
    await refused(() => keeper.delete(`${base}/stations/${stationId}/plan/days/${todayId}`), 409, 'reception_day_recorded');
    expect((await planOf()).days.find((d: { id: string }) => d.id === todayId).receptionId).toBeTruthy();
  });

  it('is published per year; the public page shows published days from today on with who is on duty, never a phone', async () => {
    let pub = await ok(new Client(t).get(`/api/public/stations/${stationId}`));
    expect(pub.upcoming).toEqual([]);
    expect((await planOf(next)).unpublished).toBeGreaterThan(12);
    const r = await ok(keeper.post(`${base}/stations/${stationId}/plan/publish`, { year: next }));
    expect(r.published).toBeGreaterThan(12);
    expect(await ok(keeper.post(`${base}/stations/${stationId}/plan/publish`, { year: next }))).toEqual({ published: 0 });
    expect((await planOf(next)).unpublished).toBe(0);
    pub = await ok(new Client(t).get(`/api/public/stations/${stationId}`));
    expect(pub.upcoming.length).toBe(12);
    expect(pub.upcoming[0]).toMatchObject({ day: `${next}-01-15`, kind: 'reception', duty: ['张伟'] });
    expect(pub).toMatchObject({ name: '城关镇中心联络站', kind: 'central', address: '镇政府一楼', contact: '0571-8888', receptionTimes: '每月15日上午', duties: '听取群众意见' });
    expect(pub.representatives.map((x: { name: string }) => x.name).sort()).toEqual(['张伟', '李强', '王芳'].sort());
    const text = JSON.stringify(pub);
    expect(text).not.toContain('13700001111');
    expect(text).not.toContain(reps[0]);
    // The unpublished plan of the other station shows nothing.
    expect((await ok(new Client(t).get(`/api/public/stations/${station2}`))).upcoming).toEqual([]);
    expect((await new Client(t).get(`/api/public/stations/${crypto.randomUUID()}`)).status).toBe(404);
  });
});

describe('the quarterly shortfall', () => {
  it('lists the station’s representatives with fewer receptions than the quarter asks, until they attend one', async () => {
    const s = await ok(admin.post(`${base}/stations`, { name: uniq('短缺站'), kind: 'village' }));
    await ok(admin.put(`${base}/stations/${s.id}/representatives`, { representativeIds: [reps[1], reps[2]] }));
    const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
    const below = async () => (await planOf(year, admin, s.id)).shortfall.find((x: { quarter: number }) => x.quarter === q).below.map((b: { name: string }) => b.name);
    const plan = await planOf(year, admin, s.id);
    expect(plan.perQuarter).toBe(1);
    expect(plan.shortfall.map((x: { quarter: number }) => x.quarter)).toEqual([1, 2, 3, 4]);
    expect(plan.shortfall.filter((x: { started: boolean }) => !x.started).every((x: { below: unknown[] }) => x.below.length === 0)).toBe(true);
    expect((await below()).sort()).toEqual(['张伟', '李强'].sort());
    // A reception at another station of the congress counts too (李强 is present there).
    await ok(admin.post(`${base}/stations/${station2}/receptions`, { heldOn: today, visitors: 2, representativeIds: [reps[1]] }));
    expect(await below()).toEqual(['张伟']);
  });
});

describe('reception records', () => {
  it('record representatives present, visitors, photos and the items raised (each with a tracking code)', async () => {
    const form = new FormData();
    form.set(
      'data',
      JSON.stringify({
        heldOn: addDays(today, -1),
        kind: 'reception',
        theme: '道路安全',
        visitors: 23,
        notes: '群众反映集中在道路和路灯',
        representativeIds: [reps[0], reps[1]],
        items: [
          { category: 'urban', title: '东街路灯不亮', content: '东街路灯坏了三盏', place: '东街', submitterName: '陈阿姨', submitterContact: '13811112222', representativeId: reps[0] },
          { category: 'social', title: '老年助餐点', content: '希望村里设助餐点' },
        ],
      }),
    );
    form.append('files', new File([PNG as Uint8Array<ArrayBuffer>], '接待现场.png'));
    form.append('files', new File([new TextEncoder().encode('%PDF-1.4\n%%EOF\n') as Uint8Array<ArrayBuffer>], '签到表.pdf'));
    const made = await ok(keeper.post(`${base}/stations/${stationId}/receptions`, form));
    expect(made.items).toHaveLength(2);
    const list = await ok<any[]>(clients.presidium.get(`${base}/stations/${stationId}/receptions?year=${Number(addDays(today, -1).slice(0, 4))}`));
    const rec = list.find((r) => r.id === made.id);
    expect(rec).toMatchObject({ heldOn: addDays(today, -1), theme: '道路安全', visitors: 23, notes: '群众反映集中在道路和路灯' });
    expect(rec.representatives.map((r: { name: string }) => r.name).sort()).toEqual(['李强', '王芳'].sort());
    expect(rec.files.map((f: { mime: string }) => f.mime).sort()).toEqual(['application/pdf', 'image/png']);
    expect(rec.items.map((i: { trackingCode: string }) => i.trackingCode).sort()).toEqual(made.items.map((i: { trackingCode: string }) => i.trackingCode).sort());
    expect(JSON.stringify(list)).not.toContain('13811112222');
    const [row] = await t.database.query<any>(`select source, station_id, reception_id, representative_id, submitter_contact, received_on::text as received_on, status from items where id = $1`, [made.items[0].id]);
    expect(row).toMatchObject({ source: 'reception', station_id: stationId, reception_id: made.id, representative_id: reps[0], submitter_contact: '13811112222', received_on: addDays(today, -1), status: 'received' });
    const png = rec.files.find((f: { mime: string }) => f.mime === 'image/png');
    const file = await clients.department.get(`${base}/stations/${stationId}/receptions/${made.id}/files/${png.id}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect((await admin.get(`${base}/stations/${station2}/receptions/${made.id}/files/${png.id}`)).status).toBe(404);
    expect((await admin.get(`${base}/stations/${stationId}/receptions/${made.id}/files/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it('refuse a day still to come, a bad file, a day of another station, a representative of another congress — nothing half written', async () => {
    const rec = (body: Record<string, unknown>) => ({ heldOn: today, visitors: 1, ...body });
    await refused(() => keeper.post(`${base}/stations/${stationId}/receptions`, rec({ heldOn: addDays(today, 1) })), 400, 'reception_in_future');
    const bad = new FormData();
    bad.set('data', JSON.stringify(rec({ items: [{ category: 'other', title: '某事', content: '某事' }] })));
    bad.append('files', new File([new TextEncoder().encode('just text') as Uint8Array<ArrayBuffer>], 'photo.png'));
    await refused(() => keeper.post(`${base}/stations/${stationId}/receptions`, bad), 415, 'attachment_type');
    const d2 = await dayId(`${year + 1}-05-05`, station2);
    await refused(() => keeper.post(`${base}/stations/${stationId}/receptions`, rec({ dayId: d2 })), 404, 'reception_day_not_found');
    await refused(() => keeper.post(`${base}/stations/${stationId}/receptions`, rec({ representativeIds: [otherRep] })), 404, 'representative_not_found');
    await refused(() => keeper.post(`${base}/stations/${stationId}/receptions`, rec({ items: [{ category: 'other', title: '某事', content: '某事', representativeId: otherRep }] })), 404, 'representative_not_found');
    await refused(() => keeper.post(`${base}/stations/${stationId}/receptions`, rec({ visitors: -1 })), 400, 'validation');
    await refused(() => keeper.post(`${base}/stations/${stationId}/receptions`, rec({ kind: 'party' })), 400, 'validation');
    await refused(() => keeper.post(`${base}/stations/${station2}/receptions`, rec({})), 403, 'station_not_yours');
    await refused(() => clients.department.post(`${base}/stations/${stationId}/receptions`, rec({})), 403, 'forbidden');
    await refused(() => other.clients.admin.post(`${base}/stations/${stationId}/receptions`, rec({})), 404, 'congress_not_found');
    await refused(() => admin.post(`${base}/stations/${otherStation}/receptions`, rec({})), 404, 'station_not_found');
  });
});

const item = async (over: Record<string, unknown> = {}) => ({ category: 'ecology', title: '河道垃圾', content: '河东村河道垃圾无人清理', place: '河东村', submitterName: '', submitterContact: '13955556666', ...(await solved(t)), ...over });

describe('the public station page', () => {
  it('takes an item with a tracking code: source resident, this station, the contact kept private', async () => {
    const resident = new Client(t);
    const r = await resident.post(`/api/public/stations/${station2}/items`, await item());
    expect(r.status).toBe(201);
    const [row] = await t.database.query<any>(`select congress_id, source, station_id, submitter_contact, status, title from items where tracking_code = $1`, [r.body.trackingCode]);
    expect(row).toMatchObject({ congress_id: cid, source: 'resident', station_id: station2, submitter_contact: '13955556666', status: 'received', title: '河道垃圾' });
    expect(JSON.stringify(await ok(resident.get(`/api/public/stations/${station2}`)))).not.toContain('13955556666');
    const listed = (await ok<any[]>(admin.get(`${base}/stations`))).find((x) => x.id === station2);
    expect(listed).toMatchObject({ itemsWaiting: 1, nextDay: `${year + 1}-01-31`, receptionsThisYear: 1, representatives: 1 });
    const qr = await resident.get(`/api/public/stations/${station2}/qr.svg`);
    expect(qr.status).toBe(200);
    expect(qr.headers.get('content-type')).toContain('image/svg+xml');
  });

  it('refuses a filled hidden field, a wrong answer, a used question, an unknown station, a bad category', async () => {
    const resident = new Client(t);
    const post = (body: unknown, s = station2) => () => resident.post(`/api/public/stations/${s}/items`, body);
    await refused(post(await item({ website: 'http://spam' })), 400, 'challenge_failed');
    await refused(post(await item({ answer: '8' })), 400, 'challenge_failed');
    const quick = await signChallenge(t.deps, 3, 4);
    await refused(post(await item({ challenge: quick.token, answer: '7' })), 400, 'too_fast');
    const once = await item();
    expect((await resident.post(`/api/public/stations/${station2}/items`, once)).status).toBe(201);
    await refused(post(once), 400, 'challenge_expired');
    await refused(post(await item(), crypto.randomUUID()), 404, 'station_not_found');
    await refused(post(await item({ category: 'roads' })), 400, 'validation');
    await refused(post(await item({ title: '' })), 400, 'validation');
  });

  it('limits one address to 10 submissions an hour', async () => {
    const resident = new Client(t);
    for (let i = 0; i < 10; i++) expect((await resident.post(`/api/public/stations/${stationId}/items`, await item({ title: `第${i}条` }))).status).toBe(201);
    const r = await resident.post(`/api/public/stations/${stationId}/items`, await item());
    expect(r.status).toBe(429);
    expect(r.body.error.code).toBe('rate_limited');
  });
});

describe("the keeper's to-do list", () => {
  it('asks for a reception day today or tomorrow without a record, and counts the items waiting for triage', async () => {
    const s = await ok(admin.post(`${base}/stations`, { name: uniq('待办站'), kind: 'village' }));
    const name = uniq('kp');
    await ok(admin.post(`${base}/accounts`, { username: name, displayName: '待办站管理员', password: PASSWORD, role: 'station', stationId: s.id }));
    const k = new Client(t);
    await k.login(name, PASSWORD);
    const mine = async () => (await ok(k.get('/api/me/work'))).items.filter((i: { congressId: string }) => i.congressId === cid);
    expect(await mine()).toEqual([]);
    await ok(k.post(`${base}/stations/${s.id}/plan/days`, { rule: 'one', day: addDays(today, 1) }));
    await ok(k.post(`${base}/stations/${s.id}/plan/days`, { rule: 'one', day: addDays(today, -3) }));
    await ok(k.post(`${base}/stations/${s.id}/plan/days`, { rule: 'one', day: addDays(today, 5) }));
    await ok(new Client(t).post(`/api/public/stations/${s.id}/items`, await item()));
    let work = await mine();
    expect(work.map((w: { kind: string; dueOn: string | null; overdue: boolean; role: string }) => [w.kind, w.dueOn, w.overdue, w.role])).toEqual(
      expect.arrayContaining([
        ['reception_day', addDays(today, -3), true, 'station'],
        ['reception_day', addDays(today, 1), false, 'station'],
        ['station_items', null, false, 'station'],
      ]),
    );
    expect(work).toHaveLength(3);
    expect(work.find((w: { kind: string }) => w.kind === 'station_items').count).toBe(1);
    // Recording the past day takes it off the list.
    const d = (await planOf(year, admin, s.id)).days.find((x: { day: string }) => x.day === addDays(today, -3)) ?? (await planOf(year - 1, admin, s.id)).days.find((x: { day: string }) => x.day === addDays(today, -3));
    await ok(k.post(`${base}/stations/${s.id}/receptions`, { heldOn: addDays(today, -3), dayId: d.id, visitors: 5 }));
    work = await mine();
    expect(work.filter((w: { kind: string }) => w.kind === 'reception_day').map((w: { dueOn: string }) => w.dueOn)).toEqual([addDays(today, 1)]);
  });
});
