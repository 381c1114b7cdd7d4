/**
 * Crash mid-vote (issue 9): the real server on PostgreSQL, a burst of 1,000 casts, `kill -9` part-way, a restart, and
 * the tablets retrying what got no answer. Afterwards every acknowledged ballot is stored with its receipt, none twice,
 * and the retried ones are stored once. The same for evaluation answers. Needs PostgreSQL (TEST_DATABASE_URL): a
 * PGlite data dir serves one process, and that case is in pglite-restart.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { Client, PASSWORD, useTestApp } from '../helpers/app.ts';
import { shanghaiToday } from '../../shared/projects/rules.ts';
import { hall, marksOf, secretOf } from '../tally/helpers.ts';
import { post, remote, startServer, type ServerProcess } from './server-process.ts';

const t = useTestApp();
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const N = 1000;

/** Send every job at most `width` at a time; kill the server once `killAfter` answers came back. */
async function burst<T>(jobs: T[], width: number, send: (job: T) => Promise<{ status: number; body: any } | null>, killAfter: number, server: ServerProcess) {
  const answers = new Map<T, { status: number; body: any }>();
  let next = 0;
  let killing: Promise<void> | null = null;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++];
        const r = await send(job);
        if (r) answers.set(job, r);
        if (answers.size >= killAfter) killing ??= server.kill('SIGKILL');
      }
    }),
  );
  await killing;
  return answers;
}

describe.skipIf(!onPostgres)('a kill -9 in the middle of a burst', () => {
  it('loses no acknowledged ballot and stores none twice; retries after the restart are stored once', { timeout: 300_000 }, async () => {
    let server = await startServer({ DATABASE_URL: t.database.url! });
    const r = remote(server.origin, t);
    const h = await hall(r, { seated: N, titles: ['桥梁', '广场', '学校'] });
    const v = (await h.roles.presidium.post(`${h.base}/sessions/${h.sessionId}/votes`, { listId: h.listId, title: '票决' })).body;
    const path = `${h.base}/sessions/${h.sessionId}/votes/${v.id}`;
    expect((await h.roles.scrutineer.post(`${path}/cards`, {})).status).toBe(201);
    const tokens = ((await h.roles.scrutineer.get(`${path}/cards`)).body.cards as { url: string }[]).map((c) => c.url.split('#')[1]);
    await h.roles.scrutineer.post(`${path}/issue-count`, { count: N });
    expect((await h.roles.presidium.post(`${path}/open`, {})).status).toBe(200);
    const marks = (i: number) => marksOf(h.candidateIds, ['F--', '-F-', 'FA-', '--A'][i % 4]);
    const jobs = tokens.map((token, i) => ({ token, marks: marks(i), retry: secretOf(token) }));

    const first = await burst(jobs, 100, (j) => post(server.origin, '/api/public/ballot/cast', j), 300, server);
    const acked = [...first].filter(([, a]) => a.status === 200);
    expect(acked.length).toBeGreaterThanOrEqual(300);
    expect(acked.length).toBeLessThan(jobs.length); // the kill landed part-way

    server = await startServer({ DATABASE_URL: t.database.url! }, { port: server.port }); // the same address, as after a real restart
    const unanswered = jobs.filter((j) => first.get(j)?.status !== 200);
    const retried = new Map<(typeof jobs)[number], string>();
    for (const j of unanswered) {
      const a = await post(server.origin, '/api/public/ballot/cast', j);
      expect(a?.status, JSON.stringify(a?.body)).toBe(200);
      retried.set(j, a!.body.receipt);
    }
    const rows = await t.database.query<{ receipt: string; card_id: string }>('select receipt, card_id from ballots where vote_id = $1', [v.id]);
    expect(jobs.length).toBeGreaterThanOrEqual(N); // every card of the hall (and the spares) was cast
    expect(rows).toHaveLength(jobs.length);
    expect(new Set(rows.map((x) => x.card_id)).size).toBe(jobs.length);
    const stored = new Set(rows.map((x) => x.receipt));
    for (const [, a] of acked) expect(stored.has(a.body.receipt)).toBe(true);
    for (const receipt of retried.values()) expect(stored.has(receipt)).toBe(true);

    // The same for evaluation answers.
    const admin = new Client(r);
    await admin.login('admin', PASSWORD);
    const year = Number(shanghaiToday().slice(0, 4));
    const project = (await admin.post(`${h.base}/projects`, { year, title: '道路硬化', leadDepartmentId: h.department.id, coDepartmentIds: [], plannedInvestment: '100', fundingSource: '县财政', plannedCompletion: `${year}-12-31` })).body;
    const round = (await admin.post(`${h.base}/evaluation/rounds`, { year, title: '测评', audiences: ['residents'], projectIds: [project.id] })).body;
    const rpath = `${h.base}/evaluation/rounds/${round.id}`;
    await admin.post(`${rpath}/open`, {});
    await admin.post(`${rpath}/codes`, { audience: 'residents', count: 500 });
    const codes = ((await admin.get(`${rpath}/codes?audience=residents`)).body as { url: string }[]).map((s) => s.url.split('#')[1]);
    const answers = (round.targets as { kind: 'project' | 'department'; id: string }[]).flatMap((tg) => round.items[tg.kind].map((i: { id: string }) => ({ targetKind: tg.kind, targetId: tg.id, itemId: i.id, answer: 'satisfied' })));
    const eval1 = await burst(codes, 100, (token) => post(server.origin, '/api/public/evaluation/submit', { token, answers }), 150, server);
    const evalAcked = [...eval1].filter(([, a]) => a.status === 200).length;
    expect(evalAcked).toBeGreaterThanOrEqual(150);
    server = await startServer({ DATABASE_URL: t.database.url! }, { port: server.port }); // the same address, as after a real restart
    for (const token of codes.filter((c) => eval1.get(c)?.status !== 200)) {
      const a = await post(server.origin, '/api/public/evaluation/submit', { token, answers });
      // Stored before the kill but its answer lost: the retry is told the code was used — stored once, not twice.
      expect([200, 409, 422].includes(a!.status) && (a!.status === 200 || a!.body.error.code === 'eval_code_used'), JSON.stringify(a?.body)).toBe(true);
    }
    const [spent] = await t.database.query<{ n: number }>('select count(*)::int as n from eval_spent where round_id = $1', [round.id]);
    const [rowsN] = await t.database.query<{ n: number }>('select count(*)::int as n from eval_answers where round_id = $1', [round.id]);
    expect(spent.n).toBe(500);
    expect(rowsN.n).toBe(500 * answers.length);
    await server.kill();
  });
});
