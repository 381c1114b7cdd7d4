/**
 * Several instances act as one (README "Several instances act as one", "Limits hold", "Scaling out"): two real server
 * processes on one PostgreSQL, started once for this file, behind a pretend proxy (TRUST_PROXY=1, each caller's address
 * in X-Forwarded-For). Every case spreads its requests over both, so whatever one instance kept in its own memory —
 * a session cache, a limiter's counters, a live feed — would show: a card cast on both at once is stored once; the
 * live count and the big screen of one show casts taken by the other; a session made on one works on the other and
 * ends on both; sign-in attempts, public submissions, typed-serial misses, tracking-code lookups and repeats of a cast
 * card are counted once for both. (The same limits in one process, on both databases, are in tests/auth,
 * tests/gathering/intake.test.ts, tests/security/limits.test.ts and tests/ballot/oracle.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { LOGIN_LIMITS, signInKeys } from '../../server/auth/login.ts';
import { CARD_REPEAT_LIMIT } from '../../server/ballot/cast.ts';
import { PUBLIC_LIMITS } from '../../server/gathering/public-routes.ts';
import { LOOKUP_LIMITS } from '../../server/lib/rate-limit.ts';
import { PASSWORD, uniq, useTestApp, type Client } from '../helpers/app.ts';
import { submitPublic } from '../gathering/helpers.ts';
import { hall, marksOf, secretOf, type Hall } from '../tally/helpers.ts';
import { clientAt, expectBounded, sameBrowserOn, screenEvents, signInBurst, useTwoInstances, type Instance } from './instances.ts';

const t = useTestApp();
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

let seq = 0;
/** A fresh caller address (TEST-NET-2, never one a Client picks). */
const address = () => `198.18.${(++seq >> 8) & 255}.${seq & 255}`;

describe.skipIf(!onPostgres)('two server processes on one PostgreSQL (skipped on PGlite: its data directory serves one process)', () => {
  // The hall is set up in this process (same database) while the two servers start.
  let h: Hall;
  let path: string;
  let voteId: string;
  let cards: { serial: string; token: string }[];
  const { a, b } = useTwoInstances(t, async () => {
    h = await hall(t, { seated: 30, titles: ['桥梁', '广场', '学校'] });
    const v = (await h.roles.presidium.post(`${h.base}/sessions/${h.sessionId}/votes`, { listId: h.listId, title: '票决', spareCards: 0 })).body;
    voteId = v.id;
    path = `${h.base}/sessions/${h.sessionId}/votes/${voteId}`;
    await h.roles.scrutineer.post(`${path}/cards`, { spareCards: 0 });
    cards = ((await h.roles.scrutineer.get(`${path}/cards`)).body.cards as { url: string; serial: string }[]).map((c) => ({ serial: c.serial, token: c.url.split('#')[1] }));
    await h.roles.scrutineer.post(`${path}/issue-count`, { count: cards.length });
    expect((await h.roles.presidium.post(`${path}/open`, {})).status).toBe(200);
  });
  /** The i-th request of a series goes to A or B in turn, as a balancer would send it. */
  const either = (i: number): Instance => (i % 2 ? a : b);
  const cast = (on: Instance, token: string, marks: Record<string, string>, retry?: string) => clientAt(on).post('/api/public/ballot/cast', { token, marks, retry });
  const ballotsStored = async () => (await t.database.query<{ n: number }>('select count(*)::int as n from ballots where vote_id = $1', [voteId]))[0].n;

  it('a ballot cast on one shows on the big screen served by the other, and so does a check-in change', async () => {
    const res = await fetch(`${b.server.origin}/api/public/sessions/${h.sessionId}/events`);
    expect(res.status).toBe(200);
    const screen = screenEvents(res);
    try {
      expect((await screen.until(() => true)).votes[0].cast).toBe(0);
      const [card] = cards;
      expect((await cast(a, card.token, marksOf(h.candidateIds, 'F--'), secretOf(card.token))).status).toBe(200);
      expect((await screen.until((s) => s.votes[0].cast === 1)).votes[0].cast).toBe(1);
      const reps = (await h.admin.get(`${h.base}/representatives`)).body as { id: string }[];
      expect((await sameBrowserOn(a, h.admin).put(`${h.base}/sessions/${h.sessionId}/attendance/${reps[0].id}`, { status: 'leave' })).status).toBe(200);
      expect((await screen.until((s) => s.present === 29)).present).toBe(29);
    } finally {
      await screen.close();
    }
  });

  it('store a card cast on both at once exactly once, and each one’s live count counts the casts the other took', async () => {
    // Card 0 was cast on A above, card 1 is kept for the repeat limit below; card 2 is cast on B only, so each instance
    // has a cast it did not take. Cards 3…: the same card on both instances at the same moment — one tablet's ballot
    // (its secret, the same marks) answers one receipt to both; other marks are refused.
    const same = marksOf(h.candidateIds, 'F--');
    const other = marksOf(h.candidateIds, '-F-');
    expect((await cast(b, cards[2].token, other, secretOf(cards[2].token))).status).toBe(200);
    const tokens = cards.slice(3).map((c) => c.token);
    const pairs = await Promise.all(
      tokens.map((token, i) => Promise.all([cast(a, token, same, secretOf(token)), cast(b, token, i % 2 ? same : other, secretOf(token))])),
    );
    const tookBy = { a: 0, b: 0 };
    for (const [i, [x, y]] of pairs.entries()) {
      if (i % 2) {
        expect([x.status, y.status]).toEqual([200, 200]);
        expect(x.body.receipt).toBe(y.body.receipt);
      } else {
        expect([x.status, y.status].sort()).toEqual([200, 409]);
        expect((x.status === 409 ? x : y).body.error.code).toBe('card_used');
        tookBy[x.status === 200 ? 'a' : 'b']++;
      }
    }
    const rows = await t.database.query<{ card_id: string }>('select card_id from ballots where vote_id = $1', [voteId]);
    expect(rows).toHaveLength(tokens.length + 2);
    expect(new Set(rows.map((r) => r.card_id)).size).toBe(rows.length);
    // The vote's live count (all that is shown while it is open), read on each instance: every ballot, wherever taken.
    for (const on of [a, b]) {
      const seen = (await sameBrowserOn(on, h.roles.presidium).get(path)).body;
      expect(seen.cards.cast ?? seen.cast, JSON.stringify(tookBy)).toBe(rows.length);
    }
  });

  it('share sessions: one made on either works on the other, and signing out on either ends it on both', async () => {
    for (const [here, there] of [[a, b], [b, a]]) {
      const browser = clientAt(here);
      await browser.login('admin', PASSWORD);
      expect((await browser.get('/api/auth/me')).status).toBe(200);
      const elsewhere = sameBrowserOn(there, browser);
      const script = clientAt(there);
      const bearer = { authorization: `Bearer ${browser.token}` };
      // Used on the other instance: read, a write with the CSRF token the session got here, and its bearer token.
      expect((await elsewhere.get('/api/auth/me')).status).toBe(200);
      expect((await elsewhere.post('/api/congresses', { name: uniq('两地会话'), level: 'township', term: 1 })).status).toBe(201);
      expect((await script.get('/api/auth/me', bearer)).status).toBe(200);
      // Signed out here: refused there at once, by cookie and by bearer token, and here too.
      expect((await browser.post('/api/auth/logout')).status).toBe(200);
      expect((await elsewhere.get('/api/auth/me')).status, 'the cookie on the other instance after sign-out').toBe(401);
      expect((await script.get('/api/auth/me', bearer)).status, 'the bearer token on the other instance after sign-out').toBe(401);
      expect((await clientAt(here).get('/api/auth/me', bearer)).status).toBe(401);
    }
  });

  it('count sign-in attempts together: bursts spread over both get at most 5 password checks from one address, 30 from many', async () => {
    const newAccount = async () => {
      const username = uniq('owner');
      expect((await h.admin.post('/api/accounts', { username, displayName: '账号本人', password: PASSWORD })).status).toBe(201);
      return username;
    };
    const via = (i: number) => (path: string, init: RequestInit) => fetch(either(i).server.origin + path, init);
    const one = await newAccount();
    const from = address();
    const r1 = await signInBurst(one, PASSWORD, () => from, via);
    expectBounded(r1, LOGIN_LIMITS.pair.free);
    const [pair] = await t.database.query<{ count: number }>('select count from rate_limits where key = $1', [signInKeys(one, from).pair]);
    expect(Number(pair.count)).toBe(r1.by.bad_credentials ?? 0);
    const many = await newAccount();
    expectBounded(await signInBurst(many, PASSWORD, () => address(), via), LOGIN_LIMITS.account.limit);
    // The owner, from an address of their own, gets in on both.
    for (const on of [a, b]) await clientAt(on, address()).login(one, PASSWORD);
  });

  it('count public submissions per address together: 10 an hour, whichever instance takes them', async () => {
    const from = address();
    const submit = (on: Instance, ip: string, i: number) => submitPublic(t, clientAt(on, ip), h.congressId, { title: `两地限流${i}` });
    for (let i = 0; i < PUBLIC_LIMITS.submitPerHour; i++) expect((await submit(either(i), from, i)).status).toBe(201);
    for (const [name, on] of [['A', a], ['B', b]] as const) {
      const over = await submit(on, from, PUBLIC_LIMITS.submitPerHour);
      expect(over.status, `submission ${PUBLIC_LIMITS.submitPerHour + 1} from one address, on ${name}`).toBe(429);
      expect(over.body.error.code).toBe('rate_limited');
    }
    expect((await submit(a, address(), 0)).status).toBe(201);
  });

  it('count typed-serial misses (ballot cards, evaluation codes) and tracking-code lookups per address together', async () => {
    const [card] = cards;
    const [code] = h.codes;
    const series: { name: string; limit: number; ask: (c: Client, i: number) => Promise<{ status: number; body: any }>; answer: string; after: (c: Client) => Promise<{ status: number; body: any }> }[] = [
      {
        name: 'card serial',
        limit: LOOKUP_LIMITS.failuresPerTenMinutes,
        ask: (c, i) => c.post('/api/public/ballot/by-serial', { congressId: h.congressId, serial: `ZZZZ${String(1000 + i).slice(-4).replace(/[01]/g, '2')}` }),
        answer: 'card_serial_unknown',
        after: (c) => c.post('/api/public/ballot/by-serial', { congressId: h.congressId, serial: card.serial }),
      },
      {
        name: 'evaluation code',
        limit: LOOKUP_LIMITS.failuresPerTenMinutes,
        ask: (c) => c.post('/api/public/evaluation/open', { congressId: h.congressId, serial: 'EZZZZZZZZ' }),
        answer: 'eval_serial_unknown',
        after: (c) => c.post('/api/public/evaluation/open', { congressId: h.congressId, serial: 'EZZZZZZZZ' }),
      },
      {
        // Every tracking lookup counts, found or not (server/gathering/public-routes.ts).
        name: 'tracking code',
        limit: PUBLIC_LIMITS.trackPerTenMinutes,
        ask: (c) => c.get(`/api/public/track/${code}`),
        answer: 'ok',
        after: (c) => c.get(`/api/public/track/${code}`),
      },
    ];
    // The three at once (their counters are apart); soft assertions, so each one that fails is reported.
    await Promise.all(
      series.map(async (s) => {
        const from = address();
        for (let i = 0; i < s.limit; i++) {
          const r = await s.ask(clientAt(either(i), from), i);
          expect.soft(r.body.error?.code ?? 'ok', `${s.name} #${i}`).toBe(s.answer);
        }
        // Past the limit, from that address, on both instances: refused (a card's right serial too).
        for (const [name, on] of [['A', a], ['B', b]] as const) {
          const r = await s.after(clientAt(on, from));
          expect.soft(r.body.error?.code ?? 'ok', `${s.name}: lookup ${s.limit + 1} from one address, on ${name}`).toBe('rate_limited');
        }
        // Another address is not held.
        expect.soft((await s.after(clientAt(a, address()))).body.error?.code ?? 'ok', s.name).not.toBe('rate_limited');
      }),
    );
  });

  it('count repeats of a cast card together: 20 in 10 minutes, wherever they arrive', async () => {
    const card = cards[1];
    const before = await ballotsStored();
    expect((await cast(a, card.token, marksOf(h.candidateIds, '--A'), secretOf(card.token))).status).toBe(200);
    for (let i = 0; i < CARD_REPEAT_LIMIT.perCard; i++) expect((await cast(either(i), card.token, {})).status).toBe(409);
    for (const [name, on] of [['A', a], ['B', b]] as const) {
      const over = await cast(on, card.token, {});
      expect(over.status, `repeat ${CARD_REPEAT_LIMIT.perCard + 1} of one card, on ${name}`).toBe(429);
      expect(over.body.error.code).toBe('rate_limited');
    }
    expect(await ballotsStored()).toBe(before + 1);
  });
});
