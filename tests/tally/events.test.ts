/**
 * The big screen's live stream: server-sent events fed by NOTIFY, so a ballot taken by one server instance shows on a
 * screen served by another (two server processes: tests/reliability/two-instances.test.ts). Before publication the
 * stream carries only the count of ballots cast.
 */
import { describe, expect, it } from 'vitest';
import { Client, useTestApp } from '../helpers/app.ts';
import { screenEvents as screens } from '../reliability/instances.ts';
import { hall, marksOf } from './helpers.ts';

const t = useTestApp();

async function openVote() {
  const h = await hall(t, { seated: 6, titles: ['桥梁', '广场', '学校'] });
  const v = (await h.roles.presidium.post(`${h.base}/sessions/${h.sessionId}/votes`, { listId: h.listId, title: '票决' })).body;
  const path = `${h.base}/sessions/${h.sessionId}/votes/${v.id}`;
  await h.roles.scrutineer.post(`${path}/cards`, {});
  const cards = (await h.roles.scrutineer.get(`${path}/cards`)).body.cards as { serial: string; url: string }[];
  for (const c of cards.slice(0, 6)) await h.roles.scrutineer.post(`${path}/issue`, { card: c.serial });
  await h.roles.presidium.post(`${path}/open`, {});
  return { h, voteId: v.id as string, cards, path };
}

describe('the big screen stream', () => {
  it('sends the screen at connect and again after each cast, with the count only', async () => {
    const { h, voteId, cards } = await openVote();
    const res = await t.app.request(`/api/public/sessions/${h.sessionId}/events`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const s = screens(res);
    const first = await s.until(() => true);
    expect(first).toMatchObject({ seated: 6, present: 6, session: { name: '第三次会议' } });
    expect(first.votes[0]).toMatchObject({ id: voteId, state: 'open', cast: 0, issued: 6, result: null });
    await new Client(t).post('/api/public/ballot/cast', { token: cards[0].url.split('#')[1], marks: marksOf(h.candidateIds, 'FF-') });
    const after = await s.until((x) => x.votes[0].cast === 1);
    expect(after.votes[0].result).toBeNull();
    expect(JSON.stringify(after)).not.toMatch(/"for"/);
    await s.close();
  });

  it('answers 404 (JSON) for an unknown session before any stream starts', async () => {
    const res = await new Client(t).get(`/api/public/sessions/${crypto.randomUUID()}/events`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('screen_session_not_found');
  });
});
