import { describe, expect, it } from 'vitest';
import { Client, congressWithRoles, setupAdmin, useTestApp } from '../helpers/app.ts';

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
    const res = await admin.post(`${base()}/sessions`, { name: '第十八届人民代表大会第三次会议', date: '2027-01-10' });
    expect(res.status).toBe(201);
    sessionId = res.body.id;
    // 9 seated; the quorum of two-thirds is 6.
    expect(res.body).toMatchObject({ seated: 9, present: 0, leave: 0, absent: 0, quorum: { needed: 6, met: false } });
    expect((await roles.presidium.post(`${base()}/sessions`, { name: 'x', date: '2027-01-10' })).status).toBe(403);
    expect((await admin.post(`${base()}/sessions`, { name: 'x', date: '2027-02-30' })).status).toBe(400);
  });

  it('checks in by the delegate card QR (the whole URL or the token), once, and counts toward the quorum', async () => {
    const url = await cardUrl(reps[0].id);
    const first = await admin.post(`${base()}/sessions/${sessionId}/check-in`, { token: url });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ name: reps[0].name, alreadyPresent: false, present: 1, seated: 9 });
    const again = await admin.post(`${base()}/sessions/${sessionId}/check-in`, { token: url.split('#')[1] });
    expect(again.body).toMatchObject({ alreadyPresent: true, present: 1 });
    for (const r of reps.slice(1, 5)) await admin.post(`${base()}/sessions/${sessionId}/check-in`, { token: await cardUrl(r.id) });
    let s = (await roles.presidium.get(`${base()}/sessions/${sessionId}`)).body;
    expect(s).toMatchObject({ present: 5, quorum: { needed: 6, met: false } });
    // Staff mark one present, one on leave, one absent.
    await admin.put(`${base()}/sessions/${sessionId}/attendance/${reps[5].id}`, { status: 'present' });
    await admin.put(`${base()}/sessions/${sessionId}/attendance/${reps[6].id}`, { status: 'leave' });
    s = (await admin.put(`${base()}/sessions/${sessionId}/attendance/${reps[7].id}`, { status: 'absent' })).body;
    expect(s).toMatchObject({ present: 6, leave: 1, absent: 1, quorum: { needed: 6, met: true } });
    const list = (await roles.scrutineer.get(`${base()}/sessions/${sessionId}/attendance`)).body;
    expect(list.find((r: { representativeId: string }) => r.representativeId === reps[0].id)).toMatchObject({ status: 'present', via: 'card' });
    expect(list.find((r: { representativeId: string }) => r.representativeId === reps[8].id)).toMatchObject({ status: null, via: null });
  });

  it('refuses a reissued card, a forged one, and a representative whose term has ended', async () => {
    const old = await cardUrl(reps[8].id);
    await admin.post(`${base()}/representatives/${reps[8].id}/reissue-card`);
    const res = await admin.post(`${base()}/sessions/${sessionId}/check-in`, { token: old });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('card_invalid');
    expect((await admin.post(`${base()}/sessions/${sessionId}/check-in`, { token: 'x'.repeat(60) })).status).toBe(403);
    await admin.post(`${base()}/representatives/${reps[7].id}/end-term`, { endedOn: '2027-01-09' });
    expect((await admin.put(`${base()}/sessions/${sessionId}/attendance/${reps[7].id}`, { status: 'present' })).status).toBe(409);
    // Seated drops to 8 (quorum 6), and the ended member's absence no longer counts.
    expect((await admin.get(`${base()}/sessions/${sessionId}`)).body).toMatchObject({ seated: 8, present: 6, absent: 0, quorum: { needed: 6, met: true } });
  });

  it('keeps congresses apart and checks roles', async () => {
    const other = await congressWithRoles(t, admin);
    const card = await cardUrl(reps[1].id);
    const otherSession = (await admin.post(`/api/congresses/${other.congress.id}/sessions`, { name: '邻镇会议', date: '2027-01-11' })).body;
    expect((await admin.post(`/api/congresses/${other.congress.id}/sessions/${otherSession.id}/check-in`, { token: card })).status).toBe(403);
    expect((await admin.get(`/api/congresses/${other.congress.id}/sessions/${sessionId}`)).status).toBe(404);
    expect((await roles.scrutineer.post(`${base()}/sessions/${sessionId}/check-in`, { token: card })).status).toBe(403);
    expect((await roles.representative.get(`${base()}/sessions/${sessionId}/attendance`)).status).toBe(403);
    const log = (await admin.get(`${base()}/audit?limit=200`)).body.map((e: { action: string }) => e.action);
    expect(log).toEqual(expect.arrayContaining(['session.create', 'session.check_in', 'session.mark_attendance']));
    expect(log.filter((a: string) => a === 'session.check_in')).toHaveLength(5); // the repeated scan changed nothing
  });
});
