/**
 * The big screen's live stream: server-sent events fed by NOTIFY, so a ballot taken by one server instance shows on a
 * screen served by another. Before publication the stream carries only the count of ballots cast.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { openDatabase, type Database } from '../../server/db/client.ts';
import type { Screen } from '../../shared/tally/schema.ts';
import { Client, useTestApp } from '../helpers/app.ts';
import { hall, marksOf } from './helpers.ts';

const t = useTestApp();
const opened: Database[] = [];
afterAll(async () => {
  for (const d of opened) await d.close();
});

/** Reads `screen` events from an SSE response, one at a time, until one satisfies the test. */
function screens(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  return {
    async until(ok: (s: Screen) => boolean): Promise<Screen> {
      for (;;) {
        let cut: number;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, cut);
          buf = buf.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          if (event === 'screen') {
            const s = JSON.parse(data) as Screen;
            if (ok(s)) return s;
          }
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buf += decoder.decode(value, { stream: true });
      }
    },
    close: () => reader.cancel(),
  };
}

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

  it('two instances on one database: a ballot cast on one shows on the other’s stream', async (ctx) => {
    if (t.database.kind !== 'postgres') ctx.skip(); // PGlite is one process: there is no second instance to have
    const url = (t.database as unknown as { url: string }).url;
    const second = await openDatabase({ url, max: 4 });
    opened.push(second);
    const app2 = createApp({ deps: { ...t.deps, database: second, db: second.db } });
    const { h, cards } = await openVote();
    const res = await app2.request(`/api/public/sessions/${h.sessionId}/events`);
    const s = screens(res);
    expect((await s.until(() => true)).votes[0].cast).toBe(0);
    // Cast on the first instance; the screen served by the second hears it through LISTEN/NOTIFY.
    const cast = await new Client(t).post('/api/public/ballot/cast', { token: cards[1].url.split('#')[1], marks: {} });
    expect(cast.status).toBe(200);
    expect((await s.until((x) => x.votes[0].cast === 1)).votes[0].cast).toBe(1);
    // A check-in change on the first instance too.
    const reps = (await h.admin.get(`${h.base}/representatives`)).body as { id: string }[];
    await h.admin.put(`${h.base}/sessions/${h.sessionId}/attendance/${reps[0].id}`, { status: 'leave' });
    expect((await s.until((x) => x.present === 5)).present).toBe(5);
    await s.close();
  });
});
