/**
 * Group commit of evaluation answers: submissions arriving together are stored in one transaction, each answered
 * after the commit, with the rules of a single one — a code spends once, a bad submission does not spend its code or
 * sink the others, and a close racing the submissions loses nothing that was acknowledged.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { shanghaiToday } from '../../shared/projects/rules.ts';
import { Client, congressWithRoles, setupAdmin, useTestApp } from '../helpers/app.ts';

const t = useTestApp();
const year = Number(shanghaiToday().slice(0, 4));
let admin: Client;
let base: string;
let projectIds: string[];

beforeAll(async () => {
  admin = await setupAdmin(t);
  const made = await congressWithRoles(t, admin);
  base = `/api/congresses/${made.congress.id}`;
  const f = (title: string) => ({ year, title, leadDepartmentId: made.department.id, coDepartmentIds: [], plannedInvestment: '100', fundingSource: '县财政', plannedCompletion: `${year}-12-31` });
  projectIds = [(await admin.post(`${base}/projects`, f('道路硬化'))).body.id, (await admin.post(`${base}/projects`, f('饮水工程'))).body.id];
});

async function openRound(codes: number) {
  const r = (await admin.post(`${base}/evaluation/rounds`, { year, title: '满意度测评', audiences: ['residents'], projectIds })).body;
  const path = `${base}/evaluation/rounds/${r.id}`;
  await admin.post(`${path}/open`, {});
  await admin.post(`${path}/codes`, { audience: 'residents', count: codes });
  const slips = (await admin.get(`${path}/codes?audience=residents`)).body as { url: string }[];
  const answers = (r.targets as { kind: 'project' | 'department'; id: string }[]).flatMap((tg) => r.items[tg.kind].map((i: { id: string }) => ({ targetKind: tg.kind, targetId: tg.id, itemId: i.id, answer: 'satisfied' })));
  return { id: r.id as string, path, tokens: slips.map((s) => s.url.split('#')[1]), answers };
}
const submit = (token: string, answers: unknown[], comments: unknown[] = []) => new Client(t).post('/api/public/evaluation/submit', { token, answers, comments });
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

  it('a close racing the submissions: every acknowledged answer is stored, the rest refused as closed', async () => {
    const r = await openRound(40);
    const jobs = r.tokens.map((tk, i) => new Promise((ok) => setTimeout(ok, i % 10)).then(() => submit(tk, r.answers)));
    const closing = new Promise((ok) => setTimeout(ok, 5)).then(() => admin.post(`${r.path}/close`, {}));
    const [res, closed] = await Promise.all([Promise.all(jobs), closing]);
    expect(closed.status, closed.text).toBe(200);
    const ok = res.filter((x) => x.status === 200).length;
    for (const x of res.filter((y) => y.status !== 200)) expect(x.body.error.code).toBe('eval_round_closed');
    expect(await count('eval_spent', r.id)).toBe(ok);
    expect(await count('eval_answers', r.id)).toBe(ok * r.answers.length);
  });
});
