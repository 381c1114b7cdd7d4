/**
 * Kiosks (签到平板 / 投票平板): staff set one up for a session, the device opens the signed link once and can then do its
 * one job only — every other route answers 403 in words — until staff revoke it, it expires, or a staff account of its
 * congress signs in at the device to leave (a representative's or a department's cannot).
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { kiosks, sessions } from '../../server/db/schema/index.ts';
import { Client, congressWithRoles, PASSWORD, setupAdmin, useTestApp, type TestApp } from '../helpers/app.ts';
import * as Ballot from '../../shared/ballot/contract.ts';
import * as K from '../../shared/kiosk/contract.ts';
import * as S from '../../shared/session/contract.ts';
import { urlOf, type CallInput, type Contract } from '../../shared/contract.ts';
import { shanghaiToday } from '../../shared/time.ts';

const t = useTestApp();

/** A device's browser: keeps every cookie the server sets (the kiosk's own and the session's), sends the CSRF token it was given. */
class Device {
  jar = new Map<string, string>();
  csrf = '';
  constructor(
    private readonly t: TestApp,
    public lang = 'zh-CN',
  ) {}
  async request(method: string, path: string, body?: unknown, extra: Record<string, string> = {}) {
    const headers: Record<string, string> = { 'accept-language': this.lang, 'x-forwarded-for': '203.0.113.7', ...extra };
    if (this.jar.size) headers.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.csrf && method !== 'GET' && !('x-csrf-token' in extra)) headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await this.t.app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      if (!value || attrs.some((a) => /max-age=0$/i.test(a.trim()))) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    const text = await res.text();
    const json = text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
    return { status: res.status, body: json, headers: res.headers };
  }
  get = (path: string) => this.request('GET', path);
  post = (path: string, body: unknown = {}, extra?: Record<string, string>) => this.request('POST', path, body, extra);
  /** A route by its contract (shared/<stage>/contract.ts), as the device's pages call it. */
  call = <C extends Contract>(c: C, input: Partial<CallInput<C>> = {}, extra?: Record<string, string>) => {
    const i = input as { params?: Record<string, string>; query?: Record<string, unknown>; body?: unknown };
    const body = i.body ?? (c.method === 'GET' || c.method === 'DELETE' ? undefined : {});
    return this.request(c.method, urlOf(c, i.params, i.query), body, extra);
  };
}

let admin: Client;
let roles: Record<string, Client>;
let A: string;
let S1: string;
let S2: string;
let B: string;
let otherAdmin: Client;
let SB: string;
let cards: string[];
const reps: { id: string; name: string }[] = [];
const base = () => `/api/congresses/${A}`;

async function makeKiosk(kind: 'check_in' | 'ballot', label: string, sessionId = S1, hours: number | null = null) {
  const res = await admin.call(K.createKiosk, { params: { congressId: A, sessionId }, body: { kind, label, hours } });
  expect(res.status, res.text).toBe(201);
  return res.body as { kiosk: { id: string; state: string; expiresAt: string }; enrolUrl: string; qrSvg: string };
}
async function enrolled(kind: 'check_in' | 'ballot', label: string, lang = 'zh-CN') {
  const made = await makeKiosk(kind, label);
  const device = new Device(t, lang);
  const res = await device.call(K.enrolKiosk, { body: { token: made.enrolUrl.split('#')[1] } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  device.csrf = res.body.kiosk.csrfToken;
  return { device, id: made.kiosk.id, token: made.enrolUrl.split('#')[1] };
}
const checkIn = (d: Device, i: number, sessionId = S1, congressId = A) => d.call(S.checkIn, { params: { congressId, sessionId }, body: { token: cards[i] } });
const actions = async () => (await admin.get(`${base()}/audit?limit=500`)).body as { action: string; actorName: string | null; targetId: string | null }[];

describe('kiosks (签到平板 / 投票平板)', () => {
  it('lets staff set up a kiosk for a session, with a signed link that works once', async () => {
    admin = await setupAdmin(t);
    const made = await congressWithRoles(t, admin);
    A = made.congress.id;
    roles = made.clients;
    for (let i = 0; i < 6; i++) await admin.post(`${base()}/representatives`, { name: `代表${i + 1}`, delegation: '一组' });
    reps.push(...(await admin.get(`${base()}/representatives`)).body);
    cards = (await admin.get(`${base()}/roster/cards?ids=${reps.map((r) => r.id).join(',')}`)).body.cards.map((c: { url: string }) => c.url);
    const today = shanghaiToday();
    S1 = (await admin.call(S.createSession, { params: { congressId: A }, body: { name: '第七届人民代表大会第二次会议', date: today } })).body.id;
    S2 = (await admin.call(S.createSession, { params: { congressId: A }, body: { name: '第七届人民代表大会第三次会议', date: today } })).body.id;
    const other = await congressWithRoles(t, admin);
    B = other.congress.id;
    otherAdmin = other.clients.admin;
    SB = (await admin.call(S.createSession, { params: { congressId: B }, body: { name: '邻镇会议', date: today } })).body.id;

    const k = await makeKiosk('check_in', '东门签到台');
    expect(k.enrolUrl).toMatch(/^http:\/\/localhost\/k#[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(k.qrSvg).toMatch(/^<svg/);
    expect(k.kiosk.state).toBe('waiting');
    // Ends at the end of the session's day, Beijing time (or an hour from now at the earliest).
    expect(Date.parse(k.kiosk.expiresAt)).toBeGreaterThanOrEqual(Math.min(Date.parse(`${today}T23:59:59+08:00`), Date.now() + 3600_000) - 1000);
    // Only the congress's administrators set kiosks up or see them.
    for (const r of ['presidium', 'scrutineer', 'representative', 'department']) {
      expect((await roles[r].call(K.createKiosk, { params: { congressId: A, sessionId: S1 }, body: { kind: 'check_in', label: 'x', hours: null } })).status).toBe(403);
      expect((await roles[r].call(K.listKiosks, { params: { congressId: A, sessionId: S1 } })).status).toBe(403);
    }
    expect((await admin.call(K.createKiosk, { params: { congressId: B, sessionId: S1 }, body: { kind: 'check_in', label: 'x', hours: null } })).status).toBe(404);

    // The tablet at the desk was signed in as staff: opening the link signs that out (revoked on the server).
    const device = new Device(t);
    await device.post('/api/auth/login', { username: 'admin', password: PASSWORD });
    const staffCookie = device.jar.get('ms_session')!;
    expect(staffCookie).toBeTruthy();
    const token = k.enrolUrl.split('#')[1];
    const res = await device.call(K.enrolKiosk, { body: { token } });
    expect(res.status).toBe(200);
    expect(res.body.kiosk).toMatchObject({ kind: 'check_in', label: '东门签到台', congressId: A, sessionId: S1, sessionName: '第七届人民代表大会第二次会议', present: 0, seated: 6 });
    expect(device.jar.has('ms_session')).toBe(false);
    expect(device.jar.get('ms_kiosk_mode')).toBe('check_in');
    const credential = res.headers.getSetCookie().find((l) => l.startsWith('ms_kiosk='))!;
    expect(credential).toMatch(/HttpOnly/i);
    expect(credential).toMatch(/SameSite=Strict/i);
    const [old] = await t.database.db.select().from(sessions).where(eq(sessions.accountId, (await admin.get('/api/auth/me')).body.account.id));
    expect(old).toBeTruthy();
    const revoked = await t.app.request('/api/auth/me', { headers: { cookie: `ms_session=${staffCookie}` } });
    expect(revoked.status).toBe(401);

    // Once: a second device with the same link is refused.
    const second = new Device(t);
    const again = await second.call(K.enrolKiosk, { body: { token } });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('kiosk_link_invalid');
    expect(second.jar.has('ms_kiosk')).toBe(false);
    // A forged or altered link is refused too.
    expect((await second.call(K.enrolKiosk, { body: { token: token.slice(0, -4) + 'AAAA' } })).status).toBe(409);

    const list = (await admin.call(K.listKiosks, { params: { congressId: A, sessionId: S1 } })).body;
    expect(list[0]).toMatchObject({ id: k.kiosk.id, state: 'active', createdBy: '管理员' });
    const log = await actions();
    expect(log.filter((e) => e.targetId === k.kiosk.id).map((e) => e.action).sort()).toEqual(['kiosk.create', 'kiosk.enrol']);
  });

  it('the check-in kiosk checks representatives in to its own session, and does nothing else', async () => {
    const { device, id } = await enrolled('check_in', '西门签到台');
    const ok = await checkIn(device, 0);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ name: reps[0].name, alreadyPresent: false, present: 1, seated: 6 });
    expect((await device.call(K.kioskMe)).body.kiosk).toMatchObject({ id, present: 1, seated: 6 });
    // The audit names the kiosk as the one who checked in.
    expect((await actions()).find((e) => e.action === 'session.check_in')).toMatchObject({ actorName: '西门签到台' });
    // Writes need the kiosk's own CSRF token.
    expect((await device.call(S.checkIn, { params: { congressId: A, sessionId: S1 }, body: { token: cards[1] } }, { 'x-csrf-token': 'nope' })).status).toBe(403);

    const refused = [
      ['GET', `${base()}/accounts`],
      ['GET', `${base()}/representatives`],
      ['GET', `${base()}/audit`],
      ['GET', `${base()}/sessions/${S1}`],
      ['GET', `${base()}/sessions/${S1}/attendance`],
      ['GET', `${base()}/sessions/${S1}/kiosks`],
      ['PUT', `${base()}/sessions/${S1}/attendance/${reps[2].id}`, { status: 'present' }],
      ['POST', `${base()}/sessions/${S2}/check-in`, { token: cards[2] }],
      ['POST', `/api/congresses/${B}/sessions/${SB}/check-in`, { token: cards[2] }],
      ['GET', `/api/congresses/${B}/accounts`],
      ['GET', '/api/congresses'],
      ['GET', '/api/accounts'],
      ['GET', '/api/auth/me'],
      ['POST', '/api/auth/login', { username: 'admin', password: PASSWORD }],
      ['POST', '/api/auth/logout'],
      ['GET', '/api/me/work'],
    ] as const;
    for (const [method, path, body] of refused) {
      const res = await device.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error?.code).toBe('kiosk_forbidden');
      expect(res.body.error?.message).toContain('这台设备已设为平板（西门签到台），只能办理这一件事');
    }
    device.lang = 'en';
    const en = await device.get(`${base()}/accounts`);
    expect(en.body.error?.message).toMatch(/This device is set up as a kiosk \(西门签到台\) and can do only that one thing/);
    // A staff session cookie riding along changes nothing: the device acts as its kiosk only.
    const staff = admin.cookie.split('=')[1];
    device.jar.set('ms_session', staff);
    expect((await device.get(`${base()}/accounts`)).status).toBe(403);
    device.jar.delete('ms_session');
    // Its one job still works, nothing else changed meanwhile.
    expect((await checkIn(device, 1)).body).toMatchObject({ present: 2 });
    const s2 = (await admin.call(S.getSession, { params: { congressId: A, sessionId: S2 } })).body;
    expect(s2.present).toBe(0);
  });

  it('the voting tablet can only show what it is and leave; casting stays public and never reads it', async () => {
    const { device } = await enrolled('ballot', '投票平板 3');
    expect(device.jar.get('ms_kiosk_mode')).toBe(`ballot.${A}`);
    const me = (await device.call(K.kioskMe)).body;
    expect(me.kiosk).toMatchObject({ kind: 'ballot', congressId: A, present: null, seated: null });
    for (const [method, path] of [
      ['POST', `${base()}/sessions/${S1}/check-in`],
      ['GET', `${base()}/sessions/${S1}`],
      ['GET', `${base()}/votes`],
      ['GET', `${base()}/accounts`],
    ] as const) {
      const res = await device.request(method, path, method === 'POST' ? { token: cards[3] } : undefined);
      expect(res.status, path).toBe(403);
      expect(res.body.error?.code).toBe('kiosk_forbidden');
    }
    // The ballot routes answer the card, as for anyone: a made-up serial is refused by the ballot, not by the kiosk.
    const serial = await device.call(Ballot.openBallotBySerial, { body: { congressId: A, serial: 'ABCDEFGH' } });
    expect(serial.body.error?.code).not.toBe('kiosk_forbidden');
    expect(serial.status).not.toBe(403);
  });

  it('leaves only by a staff sign-in of its congress; the kiosk then ends on the server', async () => {
    const { device, id } = await enrolled('check_in', '南门签到台');
    const username = async (r: string) => (await roles[r].get('/api/auth/me')).body.account.username as string;
    for (const r of ['representative', 'department', 'presidium', 'scrutineer']) {
      const res = await device.call(K.leaveKiosk, { body: { username: await username(r), password: PASSWORD } });
      expect(res.status, r).toBe(403);
      expect(res.body.error?.code).toBe('kiosk_not_staff');
    }
    const wrong = await device.call(K.leaveKiosk, { body: { username: await username('admin'), password: 'not the password' } });
    expect(wrong.status).toBe(401);
    expect((await checkIn(device, 2)).status).toBe(200); // still a kiosk after all that
    // The other congress's administrator is not staff here.
    const bAdmin = (await otherAdmin.get('/api/auth/me')).body.account.username;
    expect((await device.call(K.leaveKiosk, { body: { username: bAdmin, password: PASSWORD } })).body.error?.code).toBe('kiosk_not_staff');
    const keep = device.jar.get('ms_kiosk')!;

    const left = await device.call(K.leaveKiosk, { body: { username: await username('admin'), password: PASSWORD } });
    expect(left.status).toBe(200);
    expect(device.jar.has('ms_kiosk')).toBe(false);
    expect(device.jar.has('ms_kiosk_mode')).toBe(false);
    expect(device.jar.has('ms_session')).toBe(false); // nobody is signed in by leaving
    // The credential is dead on the server, not only forgotten by the device.
    const [row] = await t.database.db.select().from(kiosks).where(eq(kiosks.id, id));
    expect(row).toMatchObject({ endedHow: 'left' });
    const replay = await t.app.request(`${base()}/sessions/${S1}/check-in`, {
      method: 'POST',
      headers: { cookie: `ms_kiosk=${keep}`, 'content-type': 'application/json', 'x-csrf-token': device.csrf },
      body: JSON.stringify({ token: cards[3] }),
    });
    expect(replay.status).toBe(401);
    expect((await device.call(K.kioskMe)).body).toEqual({ kiosk: null, ended: null });
    const log = (await actions()).filter((e) => e.targetId === id);
    expect(log.map((e) => e.action)).toContain('kiosk.leave');
    expect((await admin.call(K.listKiosks, { params: { congressId: A, sessionId: S1 } })).body.find((k: { id: string }) => k.id === id)).toMatchObject({ state: 'left', endedBy: 'admin用户' });
  });

  it('staff revoke a kiosk; the device is told, and its credential is refused from then on', async () => {
    const { device, id } = await enrolled('check_in', '北门签到台');
    const keep = device.jar.get('ms_kiosk')!;
    expect((await roles.representative.call(K.revokeKiosk, { params: { congressId: A, sessionId: S1, kioskId: id } })).status).toBe(403);
    expect((await admin.call(K.revokeKiosk, { params: { congressId: A, sessionId: S2, kioskId: id } })).status).toBe(404);
    const res = await admin.call(K.revokeKiosk, { params: { congressId: A, sessionId: S1, kioskId: id } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'revoked', endedBy: '管理员' });
    expect((await admin.call(K.revokeKiosk, { params: { congressId: A, sessionId: S1, kioskId: id } })).status).toBe(409);
    const me = await device.call(K.kioskMe);
    expect(me.body).toEqual({ kiosk: null, ended: 'revoked' });
    expect(device.jar.has('ms_kiosk')).toBe(false); // taken off the device
    device.jar.set('ms_kiosk', keep);
    expect((await checkIn(device, 4)).status).toBe(401);
    expect((await actions()).filter((e) => e.targetId === id).map((e) => e.action)).toContain('kiosk.revoke');
    // A link not yet used can be revoked too, and then never works.
    const waiting = await makeKiosk('ballot', '备用平板');
    expect((await admin.call(K.revokeKiosk, { params: { congressId: A, sessionId: S1, kioskId: waiting.kiosk.id } })).status).toBe(200);
    expect((await new Device(t).call(K.enrolKiosk, { body: { token: waiting.enrolUrl.split('#')[1] } })).status).toBe(409);
  });

  it('expires: at its time the kiosk can do nothing, and an enrolment link works only for its ten minutes', async () => {
    const { device, id } = await enrolled('check_in', '临时签到台');
    const hours = await makeKiosk('check_in', '两小时签到台', S1, 2);
    expect(Math.abs(Date.parse(hours.kiosk.expiresAt) - (Date.now() + 2 * 3600_000))).toBeLessThan(60_000);
    await t.database.db.update(kiosks).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(kiosks.id, id));
    expect((await checkIn(device, 5)).status).toBe(401);
    expect((await admin.call(S.getSession, { params: { congressId: A, sessionId: S1 } })).body.present).toBe(3);
    expect((await admin.call(K.listKiosks, { params: { congressId: A, sessionId: S1 } })).body.find((k: { id: string }) => k.id === id)?.state).toBe('expired');
    // Expired: nothing to revoke.
    expect((await admin.call(K.revokeKiosk, { params: { congressId: A, sessionId: S1, kioskId: id } })).status).toBe(409);
    // A link past its ten minutes (moved back here rather than waited for).
    const late = await makeKiosk('check_in', '迟到的链接');
    await t.database.db.update(kiosks).set({ enrolBefore: new Date(Date.now() - 1000) }).where(eq(kiosks.id, late.kiosk.id));
    expect((await new Device(t).call(K.enrolKiosk, { body: { token: late.enrolUrl.split('#')[1] } })).status).toBe(409);
    expect((await admin.call(K.listKiosks, { params: { congressId: A, sessionId: S1 } })).body.find((k: { id: string }) => k.id === late.kiosk.id)?.state).toBe('unused');
  });

  it('a device that is a kiosk cannot take another link before staff leave it', async () => {
    const { device } = await enrolled('check_in', '一号台');
    const next = await makeKiosk('ballot', '二号台');
    const res = await device.call(K.enrolKiosk, { body: { token: next.enrolUrl.split('#')[1] } });
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('kiosk_already');
    expect(device.jar.get('ms_kiosk_mode')).toBe('check_in');
  });
});
