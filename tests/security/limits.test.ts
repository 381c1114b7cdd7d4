/**
 * Limits (issue 9, item 8): lookups by a typed serial are limited per address on misses only; a burst larger than the
 * database pool queues and succeeds instead of failing (the pool is never exceeded, whatever the hall does). Body and
 * upload limits are swept in bad-input.test.ts; failed sign-ins in tests/auth. That the lookup limits are shared by
 * every instance is shown with two server processes in tests/reliability/two-instances.test.ts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { openDatabase, type Database } from '../../server/db/client.ts';
import { LOOKUP_LIMITS } from '../../server/lib/rate-limit.ts';
import { Client, useTestApp, type TestApp } from '../helpers/app.ts';
import { hall, marksOf } from '../tally/helpers.ts';

const t = useTestApp();
const opened: Database[] = [];
afterAll(async () => {
  for (const d of opened) await d.close();
});

async function openVote(n: number) {
  const h = await hall(t, { seated: n, titles: ['桥梁', '广场', '学校'] });
  const v = (await h.roles.presidium.post(`${h.base}/sessions/${h.sessionId}/votes`, { listId: h.listId, title: '票决', spareCards: 0 })).body;
  const path = `${h.base}/sessions/${h.sessionId}/votes/${v.id}`;
  await h.roles.scrutineer.post(`${path}/cards`, { spareCards: 0 });
  const cards = (await h.roles.scrutineer.get(`${path}/cards`)).body.cards as { serial: string; url: string }[];
  await h.roles.scrutineer.post(`${path}/issue-count`, { count: cards.length });
  await h.roles.presidium.post(`${path}/open`, {});
  return { h, voteId: v.id as string, cards };
}

describe('typed serials', () => {
  it('are limited per address on misses: past the limit even a right serial waits; other addresses and hits are not counted', async () => {
    const { h, cards } = await openVote(4);
    const guesser = new Client(t);
    const tablet = new Client(t);
    // Hits do not count.
    for (let i = 0; i < 3; i++) expect((await tablet.post('/api/public/ballot/by-serial', { congressId: h.congressId, serial: cards[0].serial })).status).toBe(200);
    for (let i = 0; i < LOOKUP_LIMITS.failuresPerTenMinutes; i++) {
      const miss = await guesser.post('/api/public/ballot/by-serial', { congressId: h.congressId, serial: `ZZZZ${String(1000 + i).slice(-4).replace(/[01]/g, '2')}` });
      expect(miss.body.error.code).toBe('card_serial_unknown');
    }
    const limited = await guesser.post('/api/public/ballot/by-serial', { congressId: h.congressId, serial: cards[1].serial });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await tablet.post('/api/public/ballot/by-serial', { congressId: h.congressId, serial: cards[1].serial })).status).toBe(200);
  });

  it('of evaluation codes too', async () => {
    const { h } = await openVote(2);
    const guesser = new Client(t);
    for (let i = 0; i < LOOKUP_LIMITS.failuresPerTenMinutes; i++) expect((await guesser.post('/api/public/evaluation/open', { congressId: h.congressId, serial: 'EZZZZZZZZ' })).body.error.code).toBe('eval_serial_unknown');
    expect((await guesser.post('/api/public/evaluation/open', { congressId: h.congressId, serial: 'EZZZZZZZZ' })).body.error.code).toBe('rate_limited');
  });
});

describe('a burst larger than the database pool', () => {
  it('queues and succeeds: 300 casts and 300 ballot openings at once over a pool of 2 connections', { timeout: 180_000 }, async () => {
    const { h, voteId, cards } = await openVote(300);
    // A second app in this process on a pool of its own, deliberately tiny (PGlite is one connection whatever the
    // setting). Not a second instance: what it shows is queueing for connections, not anything shared.
    let small: TestApp = t;
    if (t.database.url) {
      const database = await openDatabase({ url: t.database.url, max: 2 });
      opened.push(database);
      small = { ...t, app: createApp({ deps: { ...t.deps, database, db: database.db } }) };
    }
    const marks = marksOf(h.candidateIds, 'F-A');
    const tokens = cards.map((c) => c.url.split('#')[1]);
    const res = await Promise.all([
      ...tokens.map((token) => new Client(small).post('/api/public/ballot/cast', { token, marks })),
      ...tokens.map((token) => new Client(small).post('/api/public/ballot/open', { token })),
    ]);
    const statuses = new Map<number, number>();
    for (const r of res) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    expect(res.filter((r) => r.status >= 500), JSON.stringify([...statuses])).toEqual([]);
    expect(res.slice(0, tokens.length).every((r) => r.status === 200)).toBe(true);
    // An opening racing its own card's cast sees the ballot or is told the card was used — never an error of the server.
    for (const r of res.slice(tokens.length)) expect(r.status === 200 || r.body.error.code === 'card_used').toBe(true);
    const [{ n }] = await t.database.query<{ n: number }>('select count(*)::int as n from ballots where vote_id = $1', [voteId]);
    expect(n).toBe(tokens.length);
  });
});
