/**
 * Secrecy audit (issue 9, SPEC §12): after a whole vote (cast, closed, tallied, signed, published) and an evaluation
 * round (answered, closed), read every table and every line the server logged, and fail if anything links an account,
 * an address or a user agent to a ballot or an answer, if a ballot token, receipt, code or comment leaks into a log,
 * or if ballots, spent codes or comments can be put back in the order they arrived.
 * The real server runs as its own process (so its log is what it really writes) on PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { shanghaiToday } from '../../shared/projects/rules.ts';
import { Client, PASSWORD, useTestApp } from '../helpers/app.ts';
import { remote, startServer, type ServerProcess } from '../reliability/server-process.ts';
import { hall, marksOf } from '../tally/helpers.ts';

const t = useTestApp();
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
let server: ServerProcess | null = null;
afterAll(async () => void (await server?.kill()));

const N = 40;
const ua = (i: number) => `SecretTablet/${i} (UA-MARK-${i})`;
const ip = (i: number) => `203.0.113.${i + 1}`;

/** Kendall's tau between two orders of the same items: 1 = the same order, −1 = reversed, ~0 = unrelated. */
function tau(a: string[], b: string[]): number {
  const pos = new Map(b.map((x, i) => [x, i]));
  let concordant = 0;
  let discordant = 0;
  for (let i = 0; i < a.length; i++) for (let j = i + 1; j < a.length; j++) (pos.get(a[i])! < pos.get(a[j])! ? concordant++ : discordant++);
  return (concordant - discordant) / (concordant + discordant);
}

/** Cast or submit as a distinct device: its own address and user agent (which must end up nowhere). */
async function send(origin: string, path: string, body: unknown, i: number) {
  const res = await fetch(origin + path, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': ua(i), 'x-forwarded-for': ip(i) }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

describe.skipIf(!onPostgres)('secrecy audit of the database and the log', () => {
  it('finds no link from a person, address or device to a ballot or an answer, and no order of arrival', { timeout: 240_000 }, async () => {
    server = await startServer({ DATABASE_URL: t.database.url!, TRUST_PROXY: '1' });
    const r = remote(server.origin, t);
    const logFile = server.logFile;
    const h = await hall(r, { seated: N, titles: ['桥梁', '广场', '学校', '公园'] });
    const v = (await h.roles.presidium.post(`${h.base}/sessions/${h.sessionId}/votes`, { listId: h.listId, title: '票决', spareCards: 0 })).body;
    const path = `${h.base}/sessions/${h.sessionId}/votes/${v.id}`;
    await h.roles.scrutineer.post(`${path}/cards`, { spareCards: 0 });
    const tokens = ((await h.roles.scrutineer.get(`${path}/cards`)).body.cards as { url: string }[]).map((c) => c.url.split('#')[1]);
    await h.roles.scrutineer.post(`${path}/issue-count`, { count: tokens.length });
    await h.roles.presidium.post(`${path}/open`, {});
    // One at a time, so the order of arrival is known to this test (and only to it).
    const receipts: string[] = [];
    // Each tablet's random retry secret, sent twice (the second a retry): only its hash may be stored, and the hash
    // must say nothing of the order either.
    const retrySecrets = tokens.map(() => randomBytes(16).toString('base64url'));
    for (const [i, token] of tokens.entries()) {
      const body = { token, marks: marksOf(h.candidateIds, ['F-A-', '-FF-', 'A--F', 'FF--'][i % 4]), retry: retrySecrets[i] };
      const res = await send(server.origin, '/api/public/ballot/cast', body, i);
      expect(res.status).toBe(200);
      receipts.push(res.body.receipt);
      if (i < 3) expect((await send(server.origin, '/api/public/ballot/cast', body, i)).body.receipt).toBe(res.body.receipt);
    }
    await h.roles.presidium.post(`${path}/close`, {});
    expect((await h.roles.scrutineer.post(`${path}/tally`, {})).status).toBe(201);
    await h.roles.scrutineer.post(`${path}/tally/signoff`, { chief: true, invalidChecked: true });
    await h.roles.scrutineer2.post(`${path}/tally/signoff`, { chief: false });
    expect((await h.roles.presidium.post(`${path}/tally/publish`, {})).status).toBe(200);

    // An evaluation round answered by residents, each with a comment of its own.
    const admin = new Client(r);
    await admin.login('admin', PASSWORD);
    const year = Number(shanghaiToday().slice(0, 4));
    const project = (await admin.post(`${h.base}/projects`, { year, title: '道路硬化', leadDepartmentId: h.department.id, coDepartmentIds: [], plannedInvestment: '100', fundingSource: '县财政', plannedCompletion: `${year}-12-31` })).body;
    const round = (await admin.post(`${h.base}/evaluation/rounds`, { year, title: '测评', audiences: ['residents'], projectIds: [project.id] })).body;
    const rpath = `${h.base}/evaluation/rounds/${round.id}`;
    await admin.post(`${rpath}/open`, {});
    await admin.post(`${rpath}/codes`, { audience: 'residents', count: N });
    const codes = ((await admin.get(`${rpath}/codes?audience=residents`)).body as { url: string; serial: string }[]).map((s) => ({ token: s.url.split('#')[1], serial: s.serial }));
    const answers = (round.targets as { kind: 'project' | 'department'; id: string }[]).flatMap((tg) => round.items[tg.kind].map((it: { id: string }, j: number) => ({ targetKind: tg.kind, targetId: tg.id, itemId: it.id, answer: ['satisfied', 'basic', 'dissatisfied'][j % 3] })));
    const comments: string[] = [];
    for (const [i, c] of codes.entries()) {
      comments.push(`意见第${i}条 comment-${i}`);
      expect((await send(server.origin, '/api/public/evaluation/submit', { token: c.token, answers, comments: [{ targetKind: 'project', targetId: project.id, text: comments[i] }] }, i)).status).toBe(200);
    }
    await admin.post(`${rpath}/close`, {});
    await server.kill(); // everything it logged is now in the file
    server = null;

    // 1. The tables that hold ballots and answers have no column that could name a person, a device, a time or an order.
    const columns = await t.database.query<{ table_name: string; column_name: string; data_type: string; column_default: string | null }>(
      `select table_name, column_name, data_type, column_default from information_schema.columns where table_schema = 'public' and table_name in ('ballots', 'cards', 'eval_answers', 'eval_comments', 'eval_spent')`,
    );
    for (const c of columns) {
      expect(c.data_type, `${c.table_name}.${c.column_name}`).not.toMatch(/timestamp|date|time/);
      expect(c.column_name, `${c.table_name}.${c.column_name}`).not.toMatch(/(^|_)(account|representative|person|user|ip|address|agent|device|session|created|updated|seq|position)(_|$)|_at$/);
      expect(c.column_default ?? '', `${c.table_name}.${c.column_name} default`).not.toMatch(/nextval|now\(\)|identity/);
    }

    // 2. Nothing in any table carries an address or a user agent; receipts only in ballots and the published bulletin.
    const tables = (await t.database.query<{ tablename: string }>(`select tablename from pg_tables where schemaname = 'public'`)).map((x) => x.tablename);
    for (const table of tables) {
      const dump = JSON.stringify(await t.database.query(`select * from "${table}"`));
      for (let i = 0; i < N; i++) {
        expect(dump.includes(ua(i)) || dump.includes(`UA-MARK-${i})`), `${table} holds a user agent`).toBe(false);
        expect(dump.includes(ip(i)), `${table} holds an address`).toBe(false);
      }
      if (table !== 'ballots' && table !== 'tallies') for (const x of receipts.slice(0, 5)) expect(dump.includes(x), `${table} holds a receipt`).toBe(false);
      if (table !== 'eval_comments') for (const x of comments.slice(0, 5)) expect(dump.includes(x), `${table} holds a comment`).toBe(false);
      for (const x of retrySecrets) expect(dump.includes(x), `${table} holds a retry secret`).toBe(false);
    }
    // The retry secrets' hashes are stored in random order like the rest of the ballot.
    const { createHash: sha } = await import('node:crypto');
    const hashes = (await t.database.query<{ retry_hash: string }>('select retry_hash from ballots where vote_id = $1', [v.id])).map((x) => x.retry_hash);
    expect(Math.abs(tau(retrySecrets.map((x) => sha('sha256').update(x).digest('hex')), hashes))).toBeLessThan(0.6);
    // The published bulletin lists the receipts sorted, not as cast.
    const [tallyRow] = await t.database.query<{ bulletin: string }>('select bulletin from tallies where vote_id = $1', [v.id]);
    const listed = JSON.parse(tallyRow.bulletin).receipts as string[];
    expect(listed).toEqual([...receipts].sort());

    // 3. No order of arrival: the stored order (a plain SELECT, as anyone with the database would read it) is unrelated
    //    to the order of casting, of spending codes and of commenting.
    const stored = (await t.database.query<{ receipt: string }>('select receipt from ballots where vote_id = $1', [v.id])).map((x) => x.receipt);
    expect(Math.abs(tau(receipts, stored))).toBeLessThan(0.6);
    const { createHash } = await import('node:crypto');
    const hashOf = (token: string) => createHash('sha256').update(`eval:${JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).c}`).digest('hex');
    const spent = (await t.database.query<{ code_hash: string }>('select code_hash from eval_spent where round_id = $1', [round.id])).map((x) => x.code_hash);
    expect(Math.abs(tau(codes.map((c) => hashOf(c.token)), spent))).toBeLessThan(0.6);
    const storedComments = (await t.database.query<{ text: string }>('select text from eval_comments where round_id = $1', [round.id])).map((x) => x.text);
    expect(Math.abs(tau(comments, storedComments))).toBeLessThan(0.6);

    // 4. The log: one line per request with its route pattern, never a token, receipt, mark, code, comment, address or
    //    agent — and no line at all for a cast or an answer, whose time would narrow who answered when: they are
    //    counted in their queues' summaries per minute instead (a tablet's repeats count there too).
    const lines = readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = parsed.filter((l) => l.msg === 'request');
    expect(requests.filter((l) => l.route === '/api/public/ballot/cast' || l.route === '/api/public/evaluation/submit')).toEqual([]);
    for (const l of requests) expect(Object.keys(l).sort()).toEqual(['level', 'method', 'ms', 'msg', 'requestId', 'route', 'status', 't']);
    const okIn = (name: string) => parsed.filter((l) => l.msg === `${name}.batches`).reduce((n, l) => n + Number((l.outcomes as Record<string, number>).ok ?? 0), 0);
    expect(okIn('cast')).toBeGreaterThanOrEqual(N);
    expect(okIn('evaluation')).toBe(N);
    const text = lines.join('\n');
    const secrets = [
      ...tokens.map((x) => x.split('.')[1]),
      ...receipts,
      ...codes.flatMap((c) => [c.token.split('.')[1], c.serial]),
      ...comments,
      ...retrySecrets,
      ...Array.from({ length: N }, (_, i) => [ua(i), ip(i)]).flat(),
      PASSWORD,
      '"for"',
      '"against"',
    ];
    for (const x of secrets) expect(text.includes(x), `the log holds ${x.slice(0, 30)}`).toBe(false);
  });
});
