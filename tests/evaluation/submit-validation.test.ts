/**
 * A bad submission is refused before it joins a batch (issue 18, item 5): one whose comment holds a lone UTF-16
 * surrogate used to pass validation and fail the batch's jsonb insert, sending every submission of the batch into
 * one-by-one retry (and answering itself with a 500). Now it is a 400 naming the field, and the good submissions of the
 * same burst are stored without any retry.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as C from '../../shared/evaluation/contract.ts';
import { submitAnswers } from '../../server/evaluation/answer.ts';
import { flushSummaries, GroupCommit } from '../../server/lib/group-commit.ts';
import { log } from '../../server/lib/log.ts';
import { Client, congressWithRoles, setupAdmin, useTestApp } from '../helpers/app.ts';
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
  projectIds = [(await admin.post(`${base}/projects`, f('道路硬化'))).body.id];
});
afterEach(() => void vi.restoreAllMocks());

async function openRound(codes: number) {
  const r = (await admin.call(C.createRound, { params: { congressId }, body: { year, title: '满意度测评', audiences: ['residents'], projectIds } })).body;
  const params = { congressId, roundId: r.id };
  await admin.call(C.openRound, { params });
  await admin.call(C.generateCodes, { params, body: { audience: 'residents', count: codes } });
  const slips = (await admin.call(C.listSlips, { params, query: { audience: 'residents' } })).body;
  const answers = (r.targets as { kind: 'project' | 'department'; id: string }[]).flatMap((tg) => r.items[tg.kind]!.map((i: { id: string }) => ({ targetKind: tg.kind, targetId: tg.id, itemId: i.id, answer: 'satisfied' as const })));
  return { id: r.id as string, tokens: slips.map((s) => s.url.split('#')[1]), answers };
}
const comment = (text: string) => [{ targetKind: 'project' as const, targetId: projectIds[0], text }];
const count = async (table: string, roundId: string) => (await t.database.query<{ n: number }>(`select count(*)::int as n from ${table} where round_id = $1`, [roundId]))[0].n;

describe('a bad submission among good ones', () => {
  it('is refused (400 naming the field) before the batch; the good ones are stored with no one-by-one retry', async () => {
    const r = await openRound(21);
    flushSummaries(); // start a fresh summary for this burst
    const warn = vi.spyOn(log, 'warn');
    const info = vi.spyOn(log, 'info');
    const submit = (token: string, text: string) => new Client(t, 'en').post('/api/public/evaluation/submit', { token, answers: r.answers, comments: comment(text) });
    const res = await Promise.all([
      ...r.tokens.slice(0, 10).map((tk) => submit(tk, '很好')),
      submit(r.tokens[10], '路面\ud800坑洼'), // a lone surrogate in a nested field
      ...r.tokens.slice(11).map((tk) => submit(tk, '满意')),
    ]);
    const bad = res[10];
    expect(bad.status, bad.text).toBe(400);
    expect(bad.body.error.code).toBe('validation');
    expect(bad.body.error.details).toEqual([expect.objectContaining({ path: 'comments.0.text', code: 'lone_surrogate' })]);
    for (const x of [...res.slice(0, 10), ...res.slice(11)]) expect(x.status, x.text).toBe(200);
    expect(warn.mock.calls.map((c) => c[0])).not.toContain('evaluation.batch_retry');
    // The queue's own summary: 20 items, all stored; the bad one never joined a batch.
    // (Summed: a minute may have ended during the burst, splitting it over two summaries.)
    flushSummaries();
    const summaries = info.mock.calls.filter((c) => c[0] === 'evaluation.batches').map((c) => c[1] as { items: number; outcomes: Record<string, number>; retries?: number });
    expect(summaries.reduce((n, s) => n + s.items, 0)).toBe(20);
    expect(summaries.reduce((n, s) => n + (s.outcomes.ok ?? 0), 0)).toBe(20);
    expect(summaries.filter((s) => s.retries)).toEqual([]);
    expect(await count('eval_spent', r.id)).toBe(20);
    expect(await count('eval_answers', r.id)).toBe(20 * r.answers.length);
    expect(await count('eval_comments', r.id)).toBe(20);
    // Its code was not spent: sent again without the broken character, it is stored.
    expect((await submit(r.tokens[10], '路面坑洼')).status).toBe(200);
  });

  it('is refused by submitAnswers itself, whoever calls it, before anything is queued', async () => {
    const r = await openRound(1);
    const queued = vi.spyOn(GroupCommit.prototype, 'submit');
    const sent = submitAnswers(t.database, t.keys, { token: r.tokens[0], answers: r.answers, comments: comment('\udc00') }, 'en');
    await expect(sent).rejects.toMatchObject({ code: 'validation', details: [expect.objectContaining({ path: 'comments.0.text', code: 'lone_surrogate' })] });
    expect(queued).not.toHaveBeenCalled();
    expect(await count('eval_spent', r.id)).toBe(0);
  });
});
