/** A congress world for the items tests: staff, two departments, two stations with a keeper each, two representatives with card sessions. */
import { eq } from 'drizzle-orm';
import * as C from '../../shared/items/contract.ts';
import { shanghaiToday, addDays } from '../../shared/time.ts';
import { items, stations } from '../../server/db/schema/index.ts';
import { Client, congressWithRoles, PASSWORD, uniq, type TestApp } from '../helpers/app.ts';

export const today = () => shanghaiToday();
export { addDays };

export type World = Awaited<ReturnType<typeof itemsWorld>>;

export async function itemsWorld(t: TestApp, admin: Client) {
  const made = await congressWithRoles(t, admin);
  const congressId: string = made.congress.id;
  const base = `/api/congresses/${congressId}`;
  const depA: string = made.department.id;
  const depB: string = (await admin.post(`${base}/departments`, { name: uniq('水利局'), kind: 'bureau' })).body.id;
  const depBClient = await account(t, admin, base, 'department', { departmentId: depB });
  const [st1, st2] = await t.deps.db
    .insert(stations)
    .values([
      { congressId, name: uniq('中心联络站'), kind: 'central' as const },
      { congressId, name: uniq('河东村联络站'), kind: 'village' as const },
    ])
    .returning({ id: stations.id });
  const keeper1 = await account(t, admin, base, 'station', { stationId: st1.id });
  const keeper2 = await account(t, admin, base, 'station', { stationId: st2.id });
  // Two representatives on the roster, signed in with their delegate cards.
  const repIds: string[] = [];
  for (const name of ['甲代表', '乙代表']) {
    const r = await admin.post(`${base}/representatives`, { name: `${name}${uniq('')}` });
    if (r.status !== 201) throw new Error(`rep: ${r.status} ${r.text}`);
    repIds.push(r.body.id);
  }
  const cards = (await admin.get(`${base}/roster/cards?ids=${repIds.join(',')}`)).body.cards as { id: string; url: string }[];
  const reps: Client[] = [];
  for (const id of repIds) {
    const card = cards.find((c) => c.id === id)!;
    const cl = new Client(t);
    const res = await cl.post('/api/auth/card-login', { token: card.url.split('#')[1] });
    if (res.status !== 200) throw new Error(`card: ${res.status} ${res.text}`);
    reps.push(cl);
  }
  return { congressId, base, depA, depB, st1: st1.id, st2: st2.id, staff: admin, admin: made.clients.admin, gov: made.clients.government, presidium: made.clients.presidium, depAClient: made.clients.department, depBClient, keeper1, keeper2, reps, repIds, accountRep: made.clients.representative };
}

async function account(t: TestApp, admin: Client, base: string, role: string, extra: Record<string, string>) {
  const username = uniq(role.slice(0, 5));
  const res = await admin.post(`${base}/accounts`, { username, displayName: `${role}用户`, password: PASSWORD, role, ...extra });
  if (res.status !== 201) throw new Error(`account ${role}: ${res.status} ${res.text}`);
  const cl = new Client(t);
  await cl.login(username, PASSWORD);
  return cl;
}

export const fields = (over: Record<string, unknown> = {}) => ({
  source: 'staff' as const,
  category: 'urban' as const,
  title: '河东村路灯不亮',
  content: '河东村主路十多盏路灯坏了三个月，夜里出行不便。',
  place: '河东村',
  submitterName: '王大妈',
  submitterContact: '13900001111',
  ...over,
});

/** A new item entered by `as` (staff by default); answers its id and tracking code. */
export async function newItem(w: World, over: Record<string, unknown> = {}, as: Client = w.staff) {
  const res = await as.call(C.createItem, { params: { congressId: w.congressId }, body: fields(over) as never });
  if (res.status !== 201) throw new Error(`item: ${res.status} ${res.text}`);
  return res.body as { id: string; trackingCode: string };
}

const p = (w: World, itemId: string) => ({ congressId: w.congressId, itemId });

/** An item assigned to department A. */
export async function assigned(w: World, over: Record<string, unknown> = {}) {
  const it = await newItem(w, over);
  const r = await w.staff.call(C.assignItem, { params: p(w, it.id), body: { departmentId: w.depA, urgency: 'normal' } });
  if (r.status !== 200) throw new Error(`assign: ${r.status} ${r.text}`);
  return it;
}

/** An item answered by department A and accepted by staff (done). */
export async function done(w: World, over: Record<string, unknown> = {}) {
  const it = await assigned(w, over);
  const a = await w.depAClient.call(C.answerItem, { params: p(w, it.id), body: { answerClass: 'resolved', text: '已更换路灯 12 盏。' } });
  if (a.status !== 200) throw new Error(`answer: ${a.status} ${a.text}`);
  const ok = await w.staff.call(C.acceptAnswer, { params: p(w, it.id) });
  if (ok.status !== 200) throw new Error(`accept: ${ok.status} ${ok.text}`);
  return it;
}

export const params = p;

/** The item's row as stored (to check that a refused write changed nothing). */
export async function rowOf(t: TestApp, id: string) {
  const [r] = await t.deps.db.select().from(items).where(eq(items.id, id));
  return r;
}

/** A one-pixel PNG. */
export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89]);

export function withFiles(data: unknown, files: { name: string; bytes: Uint8Array; type: string }[]) {
  const fd = new FormData();
  fd.append('data', JSON.stringify(data));
  for (const f of files) fd.append('files', new File([f.bytes as BlobPart], f.name, { type: f.type }));
  return fd;
}
