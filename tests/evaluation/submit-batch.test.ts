/**
 * Group commit of evaluation answers: submissions arriving together are stored in one transaction, each answered
 * after the commit, with the rules of a single one — a code spends once, a bad submission does not spend its code or
 * sink the others, and a close racing the submissions loses nothing that was acknowledged.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { codeHash } from '../../server/evaluation/codes.ts';
import { EVAL_LOCK } from '../../server/evaluation/rounds.ts';
import { flushSummaries, GroupCommit } from '../../server/lib/group-commit.ts';
import { log } from '../../server/lib/log.ts';
import * as C from '../../shared/evaluation/contract.ts';
import { Client, congressWithRoles, setupAdmin, useTestApp } from '../helpers/app.ts';
import { advisoryLock, until } from '../helpers/race.ts';
import { shanghaiToday, shanghaiYear } from '../../shared/time.ts';

const t = useTestApp();
const year = shanghaiYear();
let admin: Client;
let base: string;
let congressId: string;
let projectIds: string[];

beforeAll(async () => {
  admin = await setupAdmin(t);
  const made = await congressWithRoles(t, admin);
  congressId = made.congress.id;
  base = `/api/congresses/${congressId}`;
  const f = (title: string) => ({ year, title, leadDepartmentId: made.department.id, coDepartmentIds: [], plannedInvestment: '100', fundingSource: '县财政', plannedCompletion: `${year}-12-31` });
  projectIds = [(await admin.post(`${base}/projects`, f('道路硬化'))).body.id, (await admin.post(`${base}/projects`, f('饮水工程'))).body.id];
});

async function openRound(codes: number) {
  const r = (await admin.call(C.createRound, { params: { congressId }, body: { year, title: '满意度测评', audiences: ['residents'], projectIds } })).body;
  const params = { congressId, roundId: r.id };
  await admin.call(C.openRound, { params });
  await admin.call(C.generateCodes, { params, body: { audience: 'residents', count: codes } });
  const slips = (await admin.call(C.listSlips, { params, query: { audience: 'residents' } })).body;
  const answers = (r.targets as { kind: 'project' | 'department'; id: string }[]).flatMap((tg) => r.items[tg.kind]!.map((i: { id: string }) => ({ targetKind: tg.kind, targetId: tg.id, itemId: i.id, answer: 'satisfied' })));
  return { id: r.id as string, params, tokens: slips.map((s) => s.url.split('#')[1]), answers };
}
const submit = (token: string, answers: unknown[], comments: unknown[] = []) => new Client(t).post('/api/public/evaluation/submit', { token, answers, comments });
/** A slip's token payload: its round, code id and audience. */
const payloadOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { r: string; c: string; a: string };

const evalLock = (roundId: string) => advisoryLock(t.database, EVAL_LOCK, roundId);
const count = async (table: string, roundId: string) => (await t.database.query<{ n: number }>(`select count(*)::int as n from ${table} where round_id = $1`, [roundId]))[0].n;

describe('submissions at the same moment', () => {
  it('store each code once; a repeat is refused; an incomplete one neither spends its code nor sinks the others', async () => {
    const r = await openRound(30);
    const jobs = [
      ...r.tokens.slice(0, 25).map((tk) => submit(tk, r.answers, [{ targetKind: 'project', targetId: projectIds[0], text: '很好' }])),
      ...r.tokens.slice(0, 5).map((tk) => submit(tk, r.answers)), // the same codes again, in the same burst
      submit(r.tokens[25], r.answers.slice(1)), // one item missing
    ];
    const res = await Promise.all(jobs);
    // Of each pair on codes 0–4 exactly one is stored, the other refused as used.
    for (let i = 0; i < 5; i++) {
      const pair = [res[i], res[25 + i]];
      expect(pair.filter((x) => x.status === 200)).toHaveLength(1);
      expect(pair.find((x) => x.status !== 200)!.body.error.code).toBe('eval_code_used');
    }
    for (const x of res.slice(5, 25)) expect(x.status, x.text).toBe(200);
    expect(res[30].body.error.code).toBe('eval_answers_missing');
    expect(await count('eval_spent', r.id)).toBe(25);
    expect(await count('eval_answers', r.id)).toBe(25 * r.answers.length);
    // Comments only of the submissions stored (a refused repeat's comment is not).
    expect(await count('eval_comments', r.id)).toBe(res.slice(0, 25).filter((x) => x.status === 200).length);
    // The incomplete one's code is still good.
    expect((await submit(r.tokens[25], r.answers)).status).toBe(200);
    expect(await count('eval_spent', r.id)).toBe(26);
  });

  it('a close racing the submissions: the batch in flight when the close comes is stored, those queued behind the close are refused, a batch held several', async () => {
    // Forced as for the casts (tests/ballot/cast-batch.test.ts): a transaction of the test holds the first
    // submissions' batch in the database — on PostgreSQL it has spent their codes first, uncommitted, so the batch
    // (holding the round's lock shared) waits to spend them; PGlite has one connection, so the batch waits behind it —
    // the close is sent and waits for that batch, more submissions come after the close and queue behind it.
    const r = await openRound(21);
    // One submission first: the keys are read once, outside any batch, and stay cached.
    expect((await submit(r.tokens[20], r.answers)).status).toBe(200);
    const A = r.tokens.slice(0, 10);
    const B = r.tokens.slice(10, 20);
    const pg = t.database.kind === 'postgres';
    let letGo!: () => void;
    const gate = new Promise<void>((ok) => (letGo = ok));
    let holding!: () => void;
    const held = new Promise<void>((ok) => (holding = ok));
    const hold = t.database
      .rawTransaction(async (q) => {
        await q(`insert into eval_spent (code_hash, round_id, audience) select h, $2, 'residents' from jsonb_array_elements_text($1::jsonb) as h`, [JSON.stringify(A.map((tk) => codeHash(payloadOf(tk).c))), r.id]);
        holding();
        await gate;
        throw new Error('roll back'); // the test's codes were never spent
      })
      .catch((e: Error) => expect(e.message).toBe('roll back'));
    await held;
    flushSummaries(); // a fresh summary window: it counts the batches of the race only
    const info = vi.spyOn(log, 'info');
    const queued = vi.spyOn(GroupCommit.prototype, 'submit');
    const batchTx = vi.spyOn(t.database, 'rawTransaction');
    const closeTx = vi.spyOn(t.database.db, 'transaction');
    try {
      const a = A.map((tk, i) => submit(tk, r.answers, [{ targetKind: 'project', targetId: projectIds[0], text: `甲${i}` }]));
      await until(() => queued.mock.calls.length === A.length);
      if (pg) await until(async () => (await evalLock(r.id)).shared >= 1);
      else await until(() => batchTx.mock.calls.length >= 1, true);
      const closing = admin.call(C.closeRound, { params: r.params });
      if (pg) await until(async () => (await evalLock(r.id)).waiting === 1);
      else {
        letGo();
        await until(() => closeTx.mock.calls.length >= 1, true);
      }
      const b = B.map((tk, i) => submit(tk, r.answers, [{ targetKind: 'project', targetId: projectIds[0], text: `乙${i}` }]));
      await until(() => queued.mock.calls.length === A.length + B.length);
      letGo();
      const [resA, resB, closed] = await Promise.all([Promise.all(a), Promise.all(b), closing]);
      await hold;
      expect(closed.status, closed.text).toBe(200);
      const res = [...resA, ...resB];
      for (const x of resB) expect(x.body.error?.code, x.text).toBe('eval_round_closed');
      for (const x of res.filter((y) => y.status !== 200)) expect(x.body.error?.code, x.text).toBe('eval_round_closed');
      const ok = res.filter((x) => x.status === 200).length;
      expect(ok, 'acknowledged submissions').toBeGreaterThan(0);
      expect(ok, 'acknowledged submissions').toBeLessThan(res.length);
      // Every acknowledged submission stored once — its code spent, its answers and its comment — none of the refused.
      const spent = new Set((await t.database.query<{ code_hash: string }>('select code_hash from eval_spent where round_id = $1', [r.id])).map((x) => x.code_hash));
      expect(spent.size).toBe(ok + 1);
      [...A, ...B].forEach((tk, i) => expect(spent.has(codeHash(payloadOf(tk).c)), `code ${i}`).toBe(res[i].status === 200));
      expect(await count('eval_answers', r.id)).toBe((ok + 1) * r.answers.length);
      const texts = (await t.database.query<{ text: string }>('select text from eval_comments where round_id = $1', [r.id])).map((x) => x.text).sort();
      expect(texts).toEqual(res.flatMap((x, i) => (x.status === 200 ? [i < A.length ? `甲${i}` : `乙${i - A.length}`] : [])).sort());
      // The queue's own summary: every submission answered once, in fewer batches than submissions.
      flushSummaries();
      const sums = info.mock.calls.filter((c) => c[0] === 'evaluation.batches').map((c) => c[1] as { batches: number; items: number; retries?: number; expired?: number });
      expect(sums.reduce((n, s) => n + s.items, 0)).toBe(A.length + B.length);
      expect(sums.reduce((n, s) => n + s.batches, 0), 'batches for 20 submissions').toBeLessThan(A.length + B.length);
      expect(sums.filter((s) => s.retries || s.expired)).toEqual([]);
    } finally {
      letGo();
      vi.restoreAllMocks();
    }
  });
});
