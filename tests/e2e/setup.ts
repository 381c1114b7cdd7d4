/**
 * The slow part of the vote tests (hall, ballot, tally), done once here through the API: the first admin, a county
 * congress with one department, staff accounts, representatives, a collection window, proposals that pass every check
 * and are accepted as candidates, a frozen candidate list of two seats, a session today, and who is present.
 */
import type { APIRequestContext, APIResponse, Page } from 'playwright-core';
import type { Harness, ViewportName } from './harness.ts';
import { shanghaiToday, shanghaiYear } from '../../shared/time.ts';

export type Account = { displayName: string; username: string; password: string };

/** The first admin these tests set up. */
export const ADMIN: Account = { displayName: '林主任', username: 'lin.admin', password: 'qingshan-2026-admin' };
/** Staff by role; a key ending in a digit is a second account of the same role (scrutineer2 → scrutineer). */
export const STAFF = {
  government: { displayName: '陈主任', username: 'gov.chen', password: 'government-2026' },
  presidium: { displayName: '王主席', username: 'pres.wang', password: 'presidium-2026' },
  scrutineer: { displayName: '赵监票', username: 'scrut.zhao', password: 'scrutineer-2026' },
} satisfies Record<string, Account>;
export const SECOND_SCRUTINEER = (displayName: string): Account => ({ displayName, username: 'scrut.qian', password: 'scrutineer-2026-b' });

const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨帆', '赵磊', '黄敏', '周涛', '吴强', '郑丽', '孙军'];
const CHECKS = ['feasibility', 'assessment', 'legality', 'fiscal', 'environment', 'landUse', 'publicSafety'];
const INVESTMENT = ['118.00', '356.50', '42.80'];

/** The body of a 200/201 answer (or of one of `status`); anything else throws with the URL, status and body. */
export async function json<T>(res: APIResponse, status = [200, 201]): Promise<T> {
  if (!status.includes(res.status())) throw new Error(`${res.url()}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A signed-in page for one of the staff, and its CSRF token for API set-up. */
export async function signIn(h: Harness, who: { username: string; password: string }, size: ViewportName = 'tablet') {
  const page = await h.newPage(size);
  const me = await json<{ csrfToken: string }>(await page.request.post(`${h.origin}/api/auth/login`, { data: { username: who.username, password: who.password } }));
  return { page, headers: { 'X-CSRF-Token': me.csrfToken } };
}

/**
 * Proposals by these titles, entered by the admin (`post`), that pass every check and are accepted as candidates by
 * the government (`gov`, signed in), with `dept` leading; the planned investment is 118.00, 356.50, 42.80 in turn, or
 * `investment`.
 */
export async function acceptCandidates(
  h: Harness,
  post: VoteWorld['post'],
  gov: { page: Page; headers: Record<string, string> },
  congressId: string,
  dept: string,
  titles: string[],
  investment?: string,
) {
  const c = `${h.origin}/api/congresses/${congressId}`;
  const year = shanghaiYear();
  for (const [i, title] of titles.entries()) {
    const p = await post<{ id: string }>(`/congresses/${congressId}/proposals`, { title, description: `${title}，群众反映强烈。`, category: 'transport', location: '城关镇', channel: 'liaison_station', station: '城关镇代表联络站' });
    const checks = Object.fromEntries(CHECKS.map((k) => [k, { result: 'pass', note: '' }]));
    await json(await gov.page.request.put(`${c}/proposals/${p.id}/checks`, { data: checks, headers: gov.headers }));
    await json(
      await gov.page.request.post(`${c}/proposals/${p.id}/accept`, {
        headers: gov.headers,
        data: { candidate: { title, content: `${title}的具体内容。`, leadDepartmentId: dept, coDepartmentIds: [], plannedInvestment: investment ?? INVESTMENT[i % INVESTMENT.length], fundingSource: '县级财政', plannedCompletion: `${year}-11-30`, expectedOutcome: '群众满意' } },
      }),
    );
  }
}

export type VoteWorld = {
  congressId: string;
  sessionId: string;
  listId: string;
  /** In the order of the `titles` given, as on the list. */
  candidates: { id: string; title: string }[];
  /** In roster order. */
  representatives: { id: string }[];
  /** The admin's CSRF header (h.page is signed in as the admin). */
  headers: Record<string, string>;
  /** POST as the admin to `/api<path>`. */
  post: <T = unknown>(path: string, data: unknown) => Promise<T>;
};

/**
 * Everything before the vote, as the admin on h.page. `delegations`: how many representatives in each delegation,
 * in order (names from a fixed list of twelve). `attendance`: the status of the first representatives, in roster
 * order (an empty slot is left unmarked).
 */
export async function voteWorld(
  h: Harness,
  o: { staff: Record<string, Account>; delegations: [string, number][]; titles: string[]; attendance: ('present' | 'leave' | undefined)[] },
): Promise<VoteWorld> {
  const r: APIRequestContext = h.page.request;
  const year = shanghaiYear();
  const headers = { 'X-CSRF-Token': (await json<{ csrfToken: string }>(await r.post(`${h.origin}/api/setup`, { data: ADMIN }))).csrfToken };
  const post = <T,>(path: string, data: unknown) => r.post(`${h.origin}/api${path}`, { data, headers }).then((x) => json<T>(x));
  const congressId = (await post<{ id: string }>('/congresses', { name: '示范县人民代表大会', level: 'county', term: 7 })).id;
  const c = `/congresses/${congressId}`;
  const dept = await post<{ id: string }>(`${c}/departments`, { name: '县交通运输局', kind: 'bureau' });
  for (const [role, who] of Object.entries(o.staff)) await post(`${c}/accounts`, { ...who, role: role.replace(/\d$/, '') });
  let n = 0;
  for (const [delegation, count] of o.delegations) for (let i = 0; i < count; i++) await post(`${c}/representatives`, { name: NAMES[n++], delegation });
  await post(`${c}/collection-windows`, { year, opensOn: shanghaiToday(), closesOn: `${year}-12-31` });

  const gov = await signIn(h, o.staff.government);
  await acceptCandidates(h, post, gov, congressId, dept.id, o.titles);
  await gov.page.context().close();
  const all = await json<{ id: string; title: string }[]>(await r.get(`${h.origin}/api${c}/candidates`));
  const candidates = o.titles.map((t) => all.find((x) => x.title === t)!);
  const listId = (await post<{ id: string }>(`${c}/candidate-lists`, { title: '候选清单', year, seats: 2, candidateIds: candidates.map((x) => x.id) })).id;
  await post(`${c}/candidate-lists/${listId}/freeze`, { acknowledgeSurplusWarning: true });
  const sessionId = (await post<{ id: string }>(`${c}/sessions`, { name: '第七届人民代表大会第二次会议', date: shanghaiToday() })).id;
  const representatives = await json<{ id: string }[]>(await r.get(`${h.origin}/api${c}/representatives`));
  for (const [i, status] of o.attendance.entries())
    if (status) await json(await r.put(`${h.origin}/api${c}/sessions/${sessionId}/attendance/${representatives[i].id}`, { data: { status }, headers }));
  return { congressId, sessionId, listId, candidates, representatives, headers, post };
}
