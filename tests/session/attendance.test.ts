import { describe, expect, it } from 'vitest';
import { Client, congressWithRoles, setupAdmin, useTestApp } from '../helpers/app.ts';
import * as S from '../../shared/session/contract.ts';

const t = useTestApp();
let admin: Client;
let roles: Record<string, Client>;
let congressId: string;
let sessionId: string;
let reps: { id: string; name: string }[];
const base = () => `/api/congresses/${congressId}`;
const cardUrl = async (repId: string) => (await admin.get(`${base()}/roster/cards?ids=${repId}`)).body.cards[0].url as string;

describe('sessions and attendance (签到)', () => {
  it('creates a session whose seated count comes from the roster', async () => {
    admin = await setupAdmin(t);
    const made = await congressWithRoles(t, admin);
    congressId = made.congress.id;
    roles = made.clients;
    for (let i = 0; i < 9; i++) await admin.post(`${base()}/representatives`, { name: `代表${i + 1}`, delegation: i < 5 ? '一组' : '二组' });
    reps = (await admin.get(`${base()}/representatives`)).body;
    const res = await admin.call(S.createSession, { params: { congressId }, body: { name: '第十八届人民代表大会第三次会议', date: '2027-01-10' } });
    expect(res.status).toBe(201);
    sessionId = res.body.id;
    // 9 seated; the quorum of two-thirds is 6.
    expect(res.body).toMatchObject({ seated: 9, present: 0, leave: 0, absent: 0, quorum: { needed: 6, met: false } });
    expect((await roles.presidium.call(S.createSession, { params: { congressId }, body: { name: 'x', date: '2027-01-10' } })).status).toBe(403);
    expect((await admin.call(S.createSession, { params: { congressId }, body: { name: 'x', date: '2027-02-30' } })).status).toBe(400);
  });

  it('checks in by the delegate card QR (the whole URL or the token), once, and counts toward the quorum', async () => {
    const url = await cardUrl(reps[0].id);
    const first = await admin.call(S.checkIn, { params: { congressId, sessionId }, body: { token: url } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ name: reps[0].name, alreadyPresent: false, present: 1, seated: 9 });
    const again = await admin.call(S.checkIn, { params: { congressId, sessionId }, body: { token: url.split('#')[1] } });
    expect(again.body).toMatchObject({ alreadyPresent: true, present: 1 });
    for (const r of reps.slice(1, 5)) await admin.call(S.checkIn, { params: { congressId, sessionId }, body: { token: await cardUrl(r.id) } });
    let s = (await roles.presidium.call(S.getSession, { params: { congressId, sessionId } })).body;
    expect(s).toMatchObject({ present: 5, quorum: { needed: 6, met: false } });
    // Staff mark one present, one on leave, one absent.
    await admin.call(S.markAttendance, { params: { congressId, sessionId, representativeId: reps[5].id }, body: { status: 'present' } });
    await admin.call(S.markAttendance, { params: { congressId, sessionId, representativeId: reps[6].id }, body: { status: 'leave' } });
    s = (await admin.call(S.markAttendance, { params: { congressId, sessionId, representativeId: reps[7].id }, body: { status: 'absent' } })).body;
    expect(s).toMatchObject({ present: 6, leave: 1, absent: 1, quorum: { needed: 6, met: true } });
    const list = (await roles.scrutineer.call(S.listAttendance, { params: { congressId, sessionId } })).body;
    expect(list.find((r: { representativeId: string }) => r.representativeId === reps[0].id)).toMatchObject({ status: 'present', via: 'card' });
    expect(list.find((r: { representativeId: string }) => r.representativeId === reps[8].id)).toMatchObject({ status: null, via: null });
  });

  it('refuses a reissued card, a forged one, and a representative whose term has ended', async () => {
    const old = await cardUrl(reps[8].id);
    await admin.post(`${base()}/representatives/${reps[8].id}/reissue-card`);
    const res = await admin.call(S.checkIn, { params: { congressId, sessionId }, body: { token: old } });
    expect(res.status).toBe(403);
    expect(res.body.error?.code).toBe('card_invalid');
    expect((await admin.call(S.checkIn, { params: { congressId, sessionId }, body: { token: 'x'.repeat(60) } })).status).toBe(403);
    await admin.post(`${base()}/representatives/${reps[7].id}/end-term`, { endedOn: '2027-01-09' });
    expect((await admin.call(S.markAttendance, { params: { congressId, sessionId, representativeId: reps[7].id }, body: { status: 'present' } })).status).toBe(409);
    // Seated drops to 8 (quorum 6), and the ended member's absence no longer counts.
    expect((await admin.call(S.getSession, { params: { congressId, sessionId } })).body).toMatchObject({ seated: 8, present: 6, absent: 0, quorum: { needed: 6, met: true } });
  });

  it('keeps congresses apart and checks roles', async () => {
    const other = await congressWithRoles(t, admin);
    const card = await cardUrl(reps[1].id);
    const otherSession = (await admin.call(S.createSession, { params: { congressId: other.congress.id }, body: { name: '邻镇会议', date: '2027-01-11' } })).body;
    expect((await admin.call(S.checkIn, { params: { congressId: other.congress.id, sessionId: otherSession.id }, body: { token: card } })).status).toBe(403);
    expect((await admin.call(S.getSession, { params: { congressId: other.congress.id, sessionId } })).status).toBe(404);
    expect((await roles.scrutineer.call(S.checkIn, { params: { congressId, sessionId }, body: { token: card } })).status).toBe(403);
    expect((await roles.representative.call(S.listAttendance, { params: { congressId, sessionId } })).status).toBe(403);
    const log = (await admin.get(`${base()}/audit?limit=200`)).body.map((e: { action: string }) => e.action);
    expect(log).toEqual(expect.arrayContaining(['session.create', 'session.check_in', 'session.mark_attendance']));
    expect(log.filter((a: string) => a === 'session.check_in')).toHaveLength(5); // the repeated scan changed nothing
  });
});
