/**
 * Two instances on one PostgreSQL (issue 9): two real server processes. A card cast on both at the same moment is
 * stored once; a session made on one works on the other and ends on both; failed sign-ins count across them; the
 * live count of one shows casts taken by the other. (The big screen's stream across instances is also tested in
 * tests/tally/events.test.ts.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import { LOGIN_LIMITS } from '../../server/auth/login.ts';
import { Client, PASSWORD, uniq, useTestApp } from '../helpers/app.ts';
import { hall, marksOf, secretOf } from '../tally/helpers.ts';
import { post, remote, startServer, type ServerProcess } from './server-process.ts';

const t = useTestApp();
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const servers: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.kill()));
});

describe.skipIf(!onPostgres)('two server instances on one database', () => {
  it('store a card cast on both at once exactly once, share sessions, limits and live counts', { timeout: 240_000 }, async () => {
    const [a, b] = await Promise.all([startServer({ DATABASE_URL: t.database.url! }), startServer({ DATABASE_URL: t.database.url! })]);
    servers.push(a, b);
    const h = await hall(remote(a.origin, t), { seated: 30, titles: ['桥梁', '广场', '学校'] });
    const v = (await h.roles.presidium.post(`${h.base}/sessions/${h.sessionId}/votes`, { listId: h.listId, title: '票决', spareCards: 0 })).body;
    const path = `${h.base}/sessions/${h.sessionId}/votes/${v.id}`;
    await h.roles.scrutineer.post(`${path}/cards`, { spareCards: 0 });
    const tokens = ((await h.roles.scrutineer.get(`${path}/cards`)).body.cards as { url: string }[]).map((c) => c.url.split('#')[1]);
    await h.roles.scrutineer.post(`${path}/issue-count`, { count: tokens.length });
    expect((await h.roles.presidium.post(`${path}/open`, {})).status).toBe(200);

    // The same card on both instances at the same moment: one tablet's ballot (its secret, the same marks) answers one
    // receipt to both; other marks are refused.
    const same = marksOf(h.candidateIds, 'F--');
    const other = marksOf(h.candidateIds, '-F-');
    const pairs = await Promise.all(
      tokens.map((token, i) => Promise.all([post(a.origin, '/api/public/ballot/cast', { token, marks: same, retry: secretOf(token) }), post(b.origin, '/api/public/ballot/cast', { token, marks: i < 15 ? same : other, retry: secretOf(token) })])),
    );
    for (const [i, [x, y]] of pairs.entries()) {
      if (i < 15) {
        expect([x!.status, y!.status]).toEqual([200, 200]);
        expect(x!.body.receipt).toBe(y!.body.receipt);
      } else {
        expect([x!.status, y!.status].sort()).toEqual([200, 409]);
        expect([x, y].find((r) => r!.status === 409)!.body.error.code).toBe('card_used');
      }
    }
    const rows = await t.database.query<{ card_id: string }>('select card_id from ballots where vote_id = $1', [v.id]);
    expect(rows).toHaveLength(tokens.length);
    expect(new Set(rows.map((r) => r.card_id)).size).toBe(tokens.length);

    // The live count on the other instance (read while the vote is open: only the number cast, nothing else).
    const onB = new Client(remote(b.origin, t));
    onB.cookie = h.roles.presidium.cookie;
    onB.csrf = h.roles.presidium.csrf;
    const seen = (await onB.get(path)).body;
    expect(seen.cards.cast ?? seen.cast).toBe(tokens.length);

    // A session made on A works on B; signing out on B ends it on A too.
    const onA = new Client(remote(a.origin, t));
    await onA.login('admin', PASSWORD);
    const copy = new Client(remote(b.origin, t));
    copy.cookie = onA.cookie;
    copy.csrf = onA.csrf;
    expect((await copy.get('/api/auth/me')).status).toBe(200);
    expect((await copy.post('/api/auth/logout', {})).status).toBe(200);
    expect((await onA.get('/api/auth/me')).status).toBe(401);

    // Failed sign-ins for one name from one address, alternating between the instances, hit one limit.
    const username = uniq('victim');
    for (let i = 0; i < LOGIN_LIMITS.pair.free; i++) expect((await post(i % 2 ? a.origin : b.origin, '/api/auth/login', { username, password: `guess number ${i}` }))!.status).toBe(401);
    const limited = await post(a.origin, '/api/auth/login', { username, password: 'one more guess' });
    expect(limited!.status).toBe(429);
    expect(limited!.body.error.code).toBe('rate_limited');
  });
});
