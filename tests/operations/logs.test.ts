/**
 * The log scan (design §12 applies to logs): the real server as its own process, a year's worth of kinds of request —
 * sign-ins with passwords and bearer tokens, a delegate card, a resident's proposal with name and phone, ballots
 * cast, evaluation answers with comments, a password change, forged and half-read tokens, tracking codes in the
 * address — and then every line it wrote is read. Each request is one JSON line with exactly its request id, method,
 * route pattern, status and duration; no line holds a token, a password, a mark, an answer, a comment or a contact.
 * The routes of a secret act (opening a ballot or questionnaire, casting, answering: QUIET_ROUTES) write no request
 * line at all — its time would narrow who answered when — and the casts and answers appear only in their queues'
 * summaries per minute (count, outcomes, time spent). Every request the test made is matched by the id the server
 * answered it with (X-Request-Id) to exactly one line — with its method, route pattern and status — or to none for a
 * secret act; the only other lines are the readiness polls of the test's start. The ids of what was cast and answered
 * (ballot ids decoded from the card tokens, card and ballot rows, code ids decoded from the codes and their hashes,
 * answer and comment rows) are looked for too. Runs on PGlite (a data dir, as the embedded deployment) and PostgreSQL.
 * (tests/security/secrecy.test.ts reads the same log for links between people and ballots.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import { QUIET_ROUTES } from '../../server/app.ts';
import { codeHash } from '../../server/evaluation/codes.ts';
import { SUMMARY_MS } from '../../server/lib/group-commit.ts';
import { Client, PASSWORD, uniq, useTestApp } from '../helpers/app.ts';
import { serverOn, type ServerOn } from '../reliability/server-process.ts';
import { hall, marksOf } from '../tally/helpers.ts';
import { shanghaiToday, shanghaiYear } from '../../shared/time.ts';

const t = useTestApp();
let s: ServerOn | null = null;
afterAll(async () => void (await s?.dispose()));
const payloadOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, string>;

describe('the log (the server as its own process, on PGlite and on PostgreSQL)', () => {
  it('is one JSON line per request with only its id, method, route, status and time, none for a cast or an answer; no secret, mark, answer or contact in any line', { timeout: 240_000 }, async () => {
    s = await serverOn(t, { TRUST_PROXY: '1', LOG_LEVEL: 'debug' });
    const r = s.r;
    const secrets: string[] = [PASSWORD];

    // Residents' proposals with a name and a phone number (hall() sends 张大爷 / 13912345678 for each).
    const h = await hall(r, { seated: 12, titles: ['桥梁', '广场', '学校'] });
    secrets.push('13912345678', '张大爷', ...h.codes);
    // Tracking codes ride in the address: the log keeps the route pattern, not the code.
    for (const code of h.codes) await new Client(r).get(`/api/public/track/${code}`);

    // Password sign-in gives a bearer token for scripts; it is used, then a password is changed.
    const script = new Client(r);
    const login = await script.post('/api/auth/login', { username: 'admin', password: PASSWORD });
    expect(login.status).toBe(200);
    const bearer = login.body.token as string;
    secrets.push(bearer, login.body.csrfToken);
    expect((await r.app.request('/api/auth/me', { headers: { authorization: `Bearer ${bearer}` } })).status).toBe(200);
    const username = uniq('logclerk');
    const newPassword = 'a-brand-new-password-42';
    expect((await h.admin.post(`${h.base}/accounts`, { username, displayName: '书记员', password: PASSWORD, role: 'admin' })).status).toBe(201);
    const clerk = new Client(r);
    await clerk.login(username, PASSWORD);
    secrets.push(clerk.cookie.split('=')[1], clerk.csrf);
    expect((await clerk.post('/api/auth/password', { currentPassword: PASSWORD, newPassword })).status).toBeLessThan(300);
    secrets.push(newPassword);
    expect((await new Client(r).post('/api/auth/login', { username, password: 'wrong-password-in-the-log?' })).status).toBe(401);
    secrets.push('wrong-password-in-the-log?');

    // A delegate card signs a representative in; a forged one is refused.
    const cards = (await h.admin.get(`${h.base}/roster/cards`)).body.cards as { url: string }[];
    const card = cards[0].url.split('#')[1];
    secrets.push(card.split('.')[1], card.split('.')[2]);
    expect((await new Client(r).post('/api/auth/card-login', { token: card })).status).toBe(200);
    expect((await new Client(r).post('/api/auth/card-login', { token: `${card.slice(0, -4)}AAAA` })).status).toBeGreaterThanOrEqual(400);

    // A vote cast on tablets, one half-read QR among them.
    const v = (await h.roles.presidium.post(`${h.base}/sessions/${h.sessionId}/votes`, { listId: h.listId, title: '票决', spareCards: 0 })).body;
    const path = `${h.base}/sessions/${h.sessionId}/votes/${v.id}`;
    await h.roles.scrutineer.post(`${path}/cards`, { spareCards: 0 });
    const tokens = ((await h.roles.scrutineer.get(`${path}/cards`)).body.cards as { url: string; serial: string }[]).map((c) => ({ token: c.url.split('#')[1], serial: c.serial }));
    secrets.push(...tokens.map((c) => payloadOf(c.token).b)); // the ballot id each card token carries
    await h.roles.scrutineer.post(`${path}/issue-count`, { count: tokens.length });
    await h.roles.presidium.post(`${path}/open`, {});
    for (const [i, c] of tokens.entries()) {
      const cast = await new Client(r).post('/api/public/ballot/cast', { token: c.token, marks: marksOf(h.candidateIds, ['FA-', '-FA', 'A-F'][i % 3]) });
      expect(cast.status).toBe(200);
      secrets.push(c.token.split('.')[1], c.token.split('.')[2], c.serial, cast.body.receipt);
    }
    expect((await new Client(r).post('/api/public/ballot/open', { token: tokens[0].token.slice(0, 30) })).status).toBeGreaterThanOrEqual(400);
    await h.roles.presidium.post(`${path}/close`, {});

    // An evaluation round answered by residents, each with a comment.
    const year = shanghaiYear();
    const project = (await h.admin.post(`${h.base}/projects`, { year, title: '道路硬化', leadDepartmentId: h.department.id, coDepartmentIds: [], plannedInvestment: '100', fundingSource: '县财政', plannedCompletion: `${year}-12-31` })).body;
    const round = (await h.admin.post(`${h.base}/evaluation/rounds`, { year, title: '测评', audiences: ['residents'], projectIds: [project.id] })).body;
    const rpath = `${h.base}/evaluation/rounds/${round.id}`;
    await h.admin.post(`${rpath}/open`, {});
    await h.admin.post(`${rpath}/codes`, { audience: 'residents', count: 6 });
    const codes = ((await h.admin.get(`${rpath}/codes?audience=residents`)).body as { url: string; serial: string }[]).map((s) => ({ token: s.url.split('#')[1], serial: s.serial }));
    const answers = (round.targets as { kind: 'project' | 'department'; id: string }[]).flatMap((tg) =>
      round.items[tg.kind].map((it: { id: string }, j: number) => ({ targetKind: tg.kind, targetId: tg.id, itemId: it.id, answer: ['satisfied', 'basic', 'dissatisfied'][j % 3] })),
    );
    for (const [i, c] of codes.entries()) {
      const comment = `路面坑洼第${i}处，请尽快修补 comment-secret-${i}`;
      expect((await new Client(r).post('/api/public/evaluation/open', { token: c.token })).status).toBe(200);
      const sent = await new Client(r).post('/api/public/evaluation/submit', { token: c.token, answers, comments: [{ targetKind: 'project', targetId: project.id, text: comment }] });
      expect(sent.status).toBe(200);
      secrets.push(c.token.split('.')[1], c.token.split('.')[2], c.serial, comment, payloadOf(c.token).c, codeHash(payloadOf(c.token).c));
    }
    const db = await s.stop(); // stopped, and everything it logged is in the file
    const lines = await s.server.logs();
    // The rows of what was cast and answered: none of their ids in the log either.
    for (const q of [
      ['select id, card_id, receipt from ballots where vote_id = $1', v.id],
      ['select id from cards where vote_id = $1', v.id],
      ['select id, code_id from eval_codes where round_id = $1', round.id],
      ['select id from eval_answers where round_id = $1', round.id],
      ['select id from eval_comments where round_id = $1', round.id],
      ['select code_hash from eval_spent where round_id = $1', round.id],
    ]) {
      const rows = await db.query<Record<string, string>>(q[0], [q[1]]);
      expect(rows.length, q[0]).toBeGreaterThan(0);
      secrets.push(...rows.flatMap((x) => Object.values(x)));
    }
    const parsed = lines.map((l) => {
      try {
        return JSON.parse(l) as Record<string, unknown>;
      } catch {
        throw new Error(`a log line that is not JSON: ${l.slice(0, 120)}`);
      }
    });
    const requestLines = parsed.filter((l) => l.msg === 'request');
    const ids = new Set<string>();
    for (const l of requestLines) {
      expect(Object.keys(l).sort()).toEqual(['level', 'method', 'ms', 'msg', 'requestId', 'route', 'status', 't']);
      expect(l.requestId).toMatch(/^[\w-]{8,64}$/);
      expect(typeof l.status).toBe('number');
      expect(typeof l.ms).toBe('number');
      expect(String(l.route)).toMatch(/^\/[\w/:.*-]*$/); // a pattern: no query string, no token
      ids.add(String(l.requestId));
    }
    expect(ids.size).toBe(requestLines.length); // one line per request
    // Each request this test made: exactly one line, under the id the server answered with, saying its method, route
    // pattern and status — or no line at all for a secret act.
    const linesOf = new Map<string, Record<string, unknown>[]>();
    for (const l of requestLines) linesOf.set(String(l.requestId), [...(linesOf.get(String(l.requestId)) ?? []), l]);
    const quiet = s.requests.filter((q) => QUIET_ROUTES.has(`${q.method} ${q.path.split('?')[0]}`));
    expect(quiet.length).toBe(tokens.length + 1 + 2 * codes.length); // the casts, the half-read QR, opening and answering each code
    for (const q of s.requests) {
      expect(q.requestId, `${q.method} ${q.path}: an X-Request-Id`).toMatch(/^[\w-]{8,64}$/);
      const mine = linesOf.get(q.requestId) ?? [];
      if (quiet.includes(q)) {
        expect(mine, `${q.method} ${q.path}`).toEqual([]);
        continue;
      }
      expect(mine.length, `lines for ${q.method} ${q.path}`).toBe(1);
      const [l] = mine;
      expect([l.method, l.status], `${q.method} ${q.path}`).toEqual([q.method, q.status]);
      const pattern = new RegExp(`^${String(l.route).replace(/:\w+/g, '[^/]+').replace(/\*/g, '.*')}$`);
      expect(q.path.split('?')[0], `${q.method} ${q.path} logged as ${l.route}`).toMatch(pattern);
    }
    // Other lines: only the readiness polls before the test began (the server answered them, the test did not ask).
    const made = new Set(s.requests.map((q) => q.requestId));
    expect(new Set(requestLines.filter((l) => !made.has(String(l.requestId))).map((l) => `${l.method} ${l.route}`))).toEqual(new Set(['GET /api/health']));
    expect(requestLines.some((l) => l.route === '/api/public/track/:code')).toBe(true);
    // No request line for a secret act: not for the casts, the answers, nor the opening of a ballot or questionnaire, nor
    // a hall tablet taking a representative's evaluation code with their delegate card (its time would follow them).
    expect(QUIET_ROUTES).toEqual(new Set(['POST /api/public/ballot/open', 'POST /api/public/ballot/by-serial', 'POST /api/public/ballot/cast', 'POST /api/public/evaluation/open', 'POST /api/public/evaluation/submit', 'POST /api/public/evaluation/hall-card', 'POST /api/congresses/:congressId/items/:itemId/handling-rating']));
    expect(requestLines.filter((l) => QUIET_ROUTES.has(`${l.method} ${l.route}`))).toEqual([]);
    // Instead each queue's summary per clock minute: how many, how they ended, how long the batches took — no time
    // finer than the minute, nothing per person.
    for (const [name, n] of [['cast', tokens.length], ['evaluation', codes.length]] as const) {
      const sums = parsed.filter((l) => l.msg === `${name}.batches`);
      expect(sums.length, `${name} summaries`).toBeGreaterThan(0);
      for (const l of sums) {
        expect(Object.keys(l).sort()).toEqual(['batches', 'from', 'items', 'level', 'maxMs', 'ms', 'msg', 'outcomes', 't', 'to']);
        expect(Date.parse(String(l.from)) % SUMMARY_MS, 'a window starts on the minute').toBe(0);
        expect(Object.keys(l.outcomes as object)).toEqual(['ok']);
      }
      expect(sums.reduce((x, l) => x + Number(l.items), 0), `${name} items`).toBe(n);
      expect(sums.reduce((x, l) => x + Number((l.outcomes as Record<string, number>).ok), 0), `${name} stored`).toBe(n);
      expect(sums.reduce((x, l) => x + Number(l.batches), 0), `${name} batches`).toBeGreaterThan(0);
    }

    const text = lines.join('\n');
    for (const s of secrets) expect(text.includes(s), `the log holds ${s.slice(0, 24)}…`).toBe(false);
    for (const word of ['"for"', '"against"', '"abstain"', '"satisfied"', '"basic"', '"dissatisfied"', 'authorization', 'ms_session=', 'submitterContact'])
      expect(text.includes(word), `the log holds ${word}`).toBe(false);
  });
});
