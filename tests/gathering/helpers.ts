import { signChallenge } from '../../server/gathering/challenge.ts';
import { addDays, shanghaiToday } from '../../shared/time.ts';
import type { Client, TestApp } from '../helpers/app.ts';
import * as C from '../../shared/gathering/contract.ts';

export const today = () => shanghaiToday();
export const thisYear = () => Number(today().slice(0, 4));
export { addDays };

/** A correctly answered check question, issued long enough ago to pass the minimum time. */
export async function solved(t: TestApp) {
  const { token } = await signChallenge(t.deps, 3, 4, Math.floor(Date.now() / 1000) - 10);
  return { challenge: token, answer: '7' };
}

export const proposalFields = (over: Record<string, unknown> = {}) => ({
  title: '河东村道路硬化',
  description: '河东村至镇区道路坑洼，雨天难行，建议硬化 2 公里。',
  category: 'transport' as const,
  location: '河东村',
  estimatedInvestment: '120.50',
  beneficiaries: '河东村 1200 名村民',
  ...over,
});

export async function openWindow(admin: Client, congressId: string, year = thisYear()) {
  const res = await admin.call(C.createWindow, { params: { congressId }, body: { year, opensOn: addDays(today(), -10), closesOn: addDays(today(), 20) } });
  if (res.status !== 201) throw new Error(`window: ${res.status} ${res.text}`);
  return res.body.id as string;
}

/** Answers as `client.post` did (an untyped body): other stages' tests read refusals from it without narrowing. */
export async function submitPublic(t: TestApp, client: Client, congressId: string, over: Record<string, unknown> = {}): ReturnType<Client['request']> {
  return client.call(C.submitPublicProposal, { params: { congressId }, body: { ...proposalFields(over), submitterName: '张大爷', submitterContact: '13912345678', ...(await solved(t)), ...over } });
}

export const allChecks = (result = 'pass') =>
  Object.fromEntries(['feasibility', 'assessment', 'legality', 'fiscal', 'environment', 'landUse', 'publicSafety'].map((k) => [k, { result, note: '' }]));

export const candidateFields = (departmentId: string, over: Record<string, unknown> = {}) => ({
  title: '河东村道路硬化工程',
  content: '硬化河东村至镇区道路 2 公里，宽 5 米。',
  leadDepartmentId: departmentId,
  coDepartmentIds: [],
  plannedInvestment: '118.00',
  fundingSource: '镇级财政',
  plannedCompletion: `${thisYear()}-11-30`,
  expectedOutcome: '村民出行时间缩短一半',
  ...over,
});
