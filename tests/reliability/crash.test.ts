/**
 * Crash mid-vote (issue 9): the real server, a burst of ballots cast and evaluation answers submitted together, `kill -9`
 * while requests are in flight, a restart on the same database, and the tablets and phones retrying what got no
 * answer. Afterwards every card's ballot is stored once with the marks that card sent (matched by its card and by the
 * hash of its tablet's retry secret), every receipt given is stored, and the retries are stored once; every code's
 * submission is stored once — its comment (one per code) and, since answers cannot be traced to a code, the multiset
 * of answers (different per code) equal to what was sent.
 *
 * On both databases: PostgreSQL (the test's throwaway database) and PGlite, the embedded deployment (a data dir the
 * server opens; this process opens it only while no server runs, as a PGlite dir serves one process). What only a
 * PGlite deployment has — the lock file a killed server leaves — is in pglite-restart.test.ts.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/db/client.ts';
import { prepare, readConfig } from '../../server/start.ts';
import { type TestApp, useTestApp } from '../helpers/app.ts';
import { type Answer, cast, type Job, ledger, openVote } from './ledger.ts';
import { post, startServer, type ServerProcess } from './server-process.ts';
import { shanghaiToday, shanghaiYear } from '../../shared/time.ts';

const t = useTestApp();
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
let dir = ''; // PGlite's data dir, made by the PGlite case
const running: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((s) => s.kill('SIGKILL')));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Where the server keeps its data, and how this process reaches the same database (PGlite: only while no server runs). */
type Deployment = { env: Record<string, string>; local<T>(fn: (t: TestApp) => Promise<T>): Promise<T> };
const postgresDeployment = (): Deployment => ({ env: { DATABASE_URL: t.database.url! }, local: (fn) => fn(t) });
const pgliteDeployment = (): Deployment => {
  dir = mkdtempSync(join(os.tmpdir(), 'ms-crash-'));
  return {
    env: { DATA_DIR: dir },
    local: async (fn) => {
      // The first time, ./data/pg is made from this run's migrated dump (quicker than migrating a new one).
      const cfg = inject('testDb');
      if (cfg.kind === 'pglite' && !existsSync(join(dir, 'pg'))) await (await PGlite.create({ dataDir: join(dir, 'pg'), loadDataDir: new Blob([readFileSync(cfg.dump)]) })).close();
      const { database, keys } = await prepare(readConfig({ DATA_DIR: dir }), {});
      const deps = { database, db: database.db, keys, trustProxy: true };
      try {
        return await fn({ app: createApp({ deps }), deps, keys, database } as unknown as TestApp);
      } finally {
        await database.close();
      }
    },
  };
};

type EvalAnswer = { targetKind: 'project' | 'department'; targetId: string; itemId: string; answer: string };
type Submission = { token: string; answers: EvalAnswer[]; comments: { targetKind: 'project'; targetId: string; text: string }[] };
type Item = { kind: 'cast'; job: Job } | { kind: 'eval'; sub: Submission };

const CHOICES = ['satisfied', 'basic', 'dissatisfied', 'unknown'];

async function submit(origin: string, sub: Submission): Promise<Answer> {
  const a = await post(origin, '/api/public/evaluation/submit', sub);
  return a && { status: a.status, code: a.body?.error?.code };
}
const send = (origin: string, item: Item) => (item.kind === 'cast' ? cast(origin, item.job) : submit(origin, item.sub));

/**
 * Send every item, `width` at a time, each on its own connection. With `kill`, the server gets SIGKILL as soon as
 * `kill.after` answers came back — while the other requests are in flight: how many were is answered too.
 */
async function burst(origin: string, items: Item[], width: number, kill?: { after: number; server: ServerProcess }) {
  const answers = new Map<Item, Answer>();
  let next = 0;
  let inFlightAtKill = 0;
  let killing: Promise<void> | null = null;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const item = items[next++];
        answers.set(item, await send(origin, item));
        if (kill && !killing && answers.size >= kill.after) {
          inFlightAtKill = next - answers.size; // sent, not yet answered
          killing = kill.server.kill('SIGKILL');
        }
      }
    }),
  );
  await killing;
  return { answers, inFlightAtKill };
}

/** What a tablet or phone does with its ballot or answers: try until an answer that is not "try again" comes. */
const settled = (a: Answer) => a !== null && a.status !== 503;

/**
 * The whole case on one deployment: `casts` cards and `codes` evaluation codes, sent mixed, `width` at a time; the
 * kill after 30 % of the answers.
 */
async function killMidBurst(d: Deployment, sizes: { casts: number; codes: number; width: number }) {
  // The hall, an open vote with a card each, and an open evaluation round with its codes, made in this process.
  const made = await d.local(async (local) => {
    const { h, voteId, jobs } = await openVote(local, sizes.casts);
    const year = shanghaiYear();
    const project = (await h.admin.post(`${h.base}/projects`, { year, title: '道路硬化', leadDepartmentId: h.department.id, coDepartmentIds: [], plannedInvestment: '100', fundingSource: '县财政', plannedCompletion: `${year}-12-31` })).body;
    const round = (await h.admin.post(`${h.base}/evaluation/rounds`, { year, title: '测评', audiences: ['residents'], projectIds: [project.id] })).body;
    const rpath = `${h.base}/evaluation/rounds/${round.id}`;
    expect((await h.admin.post(`${rpath}/open`, {})).status).toBe(200);
    await h.admin.post(`${rpath}/codes`, { audience: 'residents', count: sizes.codes });
    const codes = ((await h.admin.get(`${rpath}/codes?audience=residents`)).body as { url: string }[]).map((s) => s.url.split('#')[1]);
    const questions = (round.targets as { kind: 'project' | 'department'; id: string }[]).flatMap((tg) => round.items[tg.kind].map((i: { id: string }) => ({ targetKind: tg.kind, targetId: tg.id, itemId: i.id })));
    return { voteId, jobs, codes, questions, roundId: round.id as string, projectId: project.id as string };
  });
  const { voteId, jobs, roundId } = made;
  expect(jobs).toHaveLength(sizes.casts);
  expect(made.codes).toHaveLength(sizes.codes);
  expect(made.questions.length).toBeGreaterThanOrEqual(4);
  // Each code answers its own pattern (the digits of its number in base 4, one per question) and one comment of its own.
  const subs: Submission[] = made.codes.map((token, i) => ({
    token,
    answers: made.questions.map((q, j) => ({ ...q, answer: CHOICES[Math.floor(i / 4 ** (j % 6)) % 4] })),
    comments: [{ targetKind: 'project', targetId: made.projectId, text: `第${i}号的意见` }],
  }));
  const items: Item[] = [...jobs.map((job, i) => ({ at: i / jobs.length, item: { kind: 'cast', job } as Item })), ...subs.map((sub, i) => ({ at: (i + 0.5) / subs.length, item: { kind: 'eval', sub } as Item }))]
    .sort((a, b) => a.at - b.at)
    .map((x) => x.item);

  // The burst, and kill -9 part-way.
  let server = await startServer(d.env);
  running.push(server);
  const first = await burst(server.origin, items, sizes.width, { after: Math.floor(items.length * 0.3), server });
  expect(first.inFlightAtKill, 'requests in flight at the kill').toBeGreaterThan(0);
  const answered = [...first.answers.values()].filter((a) => a !== null);
  // A valid request is answered with a receipt, or at worst "try again"; nothing is refused.
  expect(answered.filter((a) => a.status !== 200 && a.status !== 503), JSON.stringify(answered.find((a) => a.status !== 200 && a.status !== 503))).toEqual([]);
  const ok = answered.filter((a) => a.status === 200).length;
  expect(ok).toBeGreaterThan(0);
  expect(ok, 'the kill landed part-way').toBeLessThan(items.length);

  // The same address again, as after a real restart; what got no answer (or "try again") is sent again until it settles.
  server = await startServer(d.env, { port: server.port });
  running.push(server);
  const final = new Map(first.answers);
  for (let round = 0; round < 5; round++) {
    const again = items.filter((it) => !settled(final.get(it) ?? null));
    if (!again.length) break;
    for (const [it, a] of (await burst(server.origin, again, 10)).answers) final.set(it, a);
  }
  await server.kill('SIGTERM');

  // Casts: every card acknowledged at last (first time or on retry; a retry of a ballot stored before the kill gets its
  // first receipt, by the tablet's secret). Evaluation: accepted, or — stored before the kill, its answer lost — "this
  // code was used". What is stored is checked first, then what was answered.
  const acked = new Map<Job, string>();
  for (const it of items) if (it.kind === 'cast' && final.get(it)?.status === 200) acked.set(it.job, final.get(it)!.receipt!);
  const unacked = items.filter((it) => it.kind === 'cast' && final.get(it)?.status !== 200).map((it) => final.get(it));
  const evalRefused = items.filter((it) => it.kind === 'eval' && final.get(it)?.status !== 200).map((it) => final.get(it));

  await d.local(async ({ database }) => {
    // Each card: one ballot, with the marks it sent, holding the receipt it was given; none stored without one.
    expect(await ledger(database, voteId, jobs, acked), `casts without a receipt: ${JSON.stringify(unacked.slice(0, 3))}`).toEqual({ acknowledged: jobs.length, lost: 0, doubled: 0, wrongMarks: 0, missing: 0, storedWithoutAck: 0 });
    const rows = await database.query<{ serial: string; retry_hash: string }>('select c.serial, b.retry_hash from ballots b join cards c on c.id = b.card_id where b.vote_id = $1', [voteId]);
    expect(rows).toHaveLength(jobs.length);
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    const hashOf = new Map(rows.map((r) => [r.serial, r.retry_hash]));
    expect(jobs.filter((j) => hashOf.get(j.cardSerial) !== sha(j.retry)).map((j) => j.cardSerial), "ballots whose retry hash is not their tablet's").toEqual([]);
    await checkEvaluation(database, roundId, subs);
  });
  expect(evalRefused.filter((a) => a?.code !== 'eval_code_used')).toEqual([]);
  console.info(`kill -9 mid-burst: ${ok} of ${items.length} acknowledged before the kill, ${first.inFlightAtKill} in flight; ${evalRefused.length} codes found spent on retry`);
}

/** Every code spent once; the stored comments are the codes' comments, each once; the answers, those the codes sent. */
async function checkEvaluation(database: Pick<Database, 'query'>, roundId: string, subs: Submission[]) {
  const [spent] = await database.query<{ n: number }>('select count(*)::int as n from eval_spent where round_id = $1', [roundId]);
  expect(spent.n).toBe(subs.length);
  const comments = await database.query<{ text: string }>('select text from eval_comments where round_id = $1', [roundId]);
  expect(comments.map((c) => c.text).sort()).toEqual(subs.flatMap((s) => s.comments.map((c) => c.text)).sort());
  const tally = (rows: { k: string; t: string; i: string; v: string }[]) => {
    const m: Record<string, number> = {};
    for (const r of rows) m[`${r.k}/${r.t}/${r.i}/${r.v}`] = (m[`${r.k}/${r.t}/${r.i}/${r.v}`] ?? 0) + 1;
    return m;
  };
  const stored = await database.query<{ k: string; t: string; i: string; v: string }>('select target_kind as k, target_id as t, item_id as i, answer as v from eval_answers where round_id = $1', [roundId]);
  expect(tally(stored)).toEqual(tally(subs.flatMap((s) => s.answers.map((a) => ({ k: a.targetKind, t: a.targetId, i: a.itemId, v: a.answer })))));
}

describe('a kill -9 in the middle of a burst of casts and evaluation answers', () => {
  it.runIf(onPostgres)('on PostgreSQL (PostgreSQL run only): loses no acknowledged ballot or answer, stores each with what was sent, once; retries stored once', { timeout: 300_000 }, async () => {
    await killMidBurst(postgresDeployment(), { casts: 1000, codes: 500, width: 100 });
  });
  it.runIf(!onPostgres)('on a PGlite data dir (PGlite run only): loses no acknowledged ballot or answer, stores each with what was sent, once; retries stored once', { timeout: 300_000 }, async () => {
    await killMidBurst(pgliteDeployment(), { casts: 120, codes: 60, width: 40 });
  });
});
