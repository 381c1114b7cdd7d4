/**
 * 待办: what is the signed-in person's to do now, in every congress they hold a role in — read from the state of the
 * data (open rounds, votes, findings, deadlines…), never from flags kept for the purpose. Each role's part is one
 * function; each query is limited to that congress (and, for a department, to its own department).
 */
import { and, eq, gte, inArray, isNotNull, isNull, notExists, or, sql } from 'drizzle-orm';
import { collectionYear, orderWork, pastDue } from '../../shared/home/rules.ts';
import type { WorkItem } from '../../shared/home/schema.ts';
import { findingOverdue, isLate } from '../../shared/projects/rules.ts';
import type { Role } from '../../shared/roles.ts';
import { overseerWork } from '../county/work.ts';
import { stationWork } from '../stations/work.ts';
import { departmentItemsWork, representativeItemsWork, staffItemsWork } from '../items/work.ts';
import type { DbOrTx } from '../db/client.ts';
import {
  candidateLists,
  cards,
  changeRequests,
  collectionWindows,
  congresses,
  congressSessions,
  evalGrants,
  evalRounds,
  findings,
  inspections,
  memberships,
  milestones,
  paperEntries,
  projects,
  proposals,
  rectifications,
  tallies,
  tallySignoffs,
  votes,
} from '../db/schema/index.ts';
import { representativeOf } from '../evaluation/rounds.ts';
import { requiredSignoffs } from '../tally/actions.ts';
import { shanghaiToday } from '../../shared/time.ts';

type Congress = typeof congresses.$inferSelect;
type Scope = { db: DbOrTx; congress: Congress; accountId: string; today: string };
type Item = Omit<WorkItem, 'congressId' | 'congressName' | 'role'>;
const item = (kind: Item['kind'], href: string, over: Partial<Item> = {}): Item => ({ kind, href, objectId: null, name: null, count: null, year: null, dueOn: null, overdue: false, ...over });

/** Votes of the congress that are open now (opened, not closed). */
const openVotes = (s: Scope) =>
  s.db.select({ id: votes.id, title: votes.title, sessionId: votes.sessionId, listId: votes.listId }).from(votes).where(and(eq(votes.congressId, s.congress.id), isNotNull(votes.openedAt), isNull(votes.closedAt)));
const voteHref = (s: Scope, v: { id: string; sessionId: string }) => `/c/${s.congress.id}/sessions/${v.sessionId}/votes/${v.id}`;
/** Prepared tallies not yet published, with how many scrutineers signed. */
const unpublishedTallies = (s: Scope) =>
  s.db
    .select({ id: votes.id, title: votes.title, sessionId: votes.sessionId, signed: sql<number>`(select count(*)::int from ${tallySignoffs} where ${tallySignoffs.voteId} = ${votes.id})`, mine: sql<number>`(select count(*)::int from ${tallySignoffs} where ${tallySignoffs.voteId} = ${votes.id} and ${tallySignoffs.accountId} = ${s.accountId})` })
    .from(tallies)
    .innerJoin(votes, eq(votes.id, tallies.voteId))
    .where(and(eq(votes.congressId, s.congress.id), isNull(tallies.publishedAt)));

async function representative(s: Scope): Promise<Item[]> {
  const c = s.congress.id;
  const rep = await representativeOf(s.db, c, s.accountId);
  if (!rep || rep.status !== 'seated') return [];
  const rounds = await s.db
    .select({ id: evalRounds.id, title: evalRounds.title })
    .from(evalRounds)
    .where(
      and(
        eq(evalRounds.congressId, c),
        isNotNull(evalRounds.openedAt),
        isNull(evalRounds.closedAt),
        sql`${evalRounds.audiences} @> '["representatives"]'::jsonb`,
        notExists(s.db.select({ x: sql`1` }).from(evalGrants).where(and(eq(evalGrants.roundId, evalRounds.id), eq(evalGrants.representativeId, rep.id)))),
      ),
    );
  const open = await openVotes(s);
  // Inspections are recorded after the visit: what is theirs is to follow the findings still unsettled.
  const visits = await s.db
    .select({ id: inspections.id, title: inspections.title, date: inspections.date, n: sql<number>`count(${findings.id})::int` })
    .from(inspections)
    .innerJoin(findings, eq(findings.inspectionId, inspections.id))
    .where(and(eq(inspections.congressId, c), inArray(findings.state, ['awaiting_answer', 'answered', 'returned']), sql`${inspections.attendeeIds} @> ${JSON.stringify([rep.id])}::jsonb`))
    .groupBy(inspections.id, inspections.title, inspections.date);
  return [
    ...rounds.map((r) => item('round_code', `/c/${c}/evaluation/${r.id}`, { objectId: r.id, name: r.title })),
    // Representatives vote on the hall's tablets with the card the scrutineers hand out (design §4), never on their own
    // device: the item says so in words, and leads to what they vote on — the frozen candidate list of the vote.
    ...open.map((v) => item('vote_open', `/p/${c}/candidates?list=${v.listId}`, { objectId: v.id, name: v.title })),
    ...visits.map((i) => item('inspection_followup', `/c/${c}/inspections/${i.id}`, { objectId: i.id, name: i.title, count: Number(i.n) })),
    ...(await representativeItemsWork(s, rep.id)),
  ];
}

async function department(s: Scope, departmentIds: string[]): Promise<Item[]> {
  if (departmentIds.length === 0) return [];
  const c = s.congress.id;
  const ours = or(inArray(projects.leadDepartmentId, departmentIds), ...departmentIds.map((d) => sql`${projects.coDepartmentIds} @> ${JSON.stringify([d])}::jsonb`));
  const late = (
    await s.db
      .select({ id: milestones.id, name: milestones.name, plannedDate: milestones.plannedDate, status: milestones.status, projectId: projects.id, project: projects.title })
      .from(milestones)
      .innerJoin(projects, eq(projects.id, milestones.projectId))
      .where(and(eq(projects.congressId, c), eq(projects.status, 'active'), ours))
  ).filter((m) => isLate(m, s.today));
  const toAnswer = await s.db
    .select({ id: findings.id, text: findings.text, state: findings.state, answerDueOn: findings.answerDueOn, inspectionId: findings.inspectionId })
    .from(findings)
    .innerJoin(projects, eq(projects.id, findings.projectId))
    .where(and(eq(projects.congressId, c), inArray(findings.departmentId, departmentIds), inArray(findings.state, ['awaiting_answer', 'returned'])));
  const rects = await s.db
    .select({ id: rectifications.id, deadline: rectifications.deadline, targetKind: rectifications.targetKind, targetId: rectifications.targetId, project: projects.title })
    .from(rectifications)
    .leftJoin(projects, and(eq(rectifications.targetKind, 'project'), eq(projects.id, rectifications.targetId)))
    .where(and(eq(rectifications.congressId, c), inArray(rectifications.departmentId, departmentIds), inArray(rectifications.state, ['open', 'returned'])));
  const changes = await s.db
    .select({ id: changeRequests.id, kind: changeRequests.kind, projectId: projects.id, project: projects.title })
    .from(changeRequests)
    .innerJoin(projects, eq(projects.id, changeRequests.projectId))
    .where(and(eq(projects.congressId, c), eq(changeRequests.state, 'pending'), ours));
  return [
    ...late.map((m) => item('milestone_late', `/c/${c}/projects/${m.projectId}`, { objectId: m.id, name: `${m.project} · ${m.name}`, dueOn: m.plannedDate, overdue: true })),
    ...toAnswer.map((f) => item('finding_answer', `/c/${c}/inspections/${f.inspectionId}`, { objectId: f.id, name: f.text.length > 60 ? `${f.text.slice(0, 60)}…` : f.text, dueOn: f.answerDueOn, overdue: findingOverdue(f, s.today) })),
    ...rects.map((r) => item('rectification_due', `/c/${c}/rectifications`, { objectId: r.id, name: r.project ?? null, dueOn: r.deadline, overdue: pastDue(r.deadline, s.today) })),
    ...changes.map((x) => item('change_waiting', `/c/${c}/projects/${x.projectId}`, { objectId: x.id, name: x.project })),
    ...(await departmentItemsWork(s, departmentIds)),
  ];
}

async function government(s: Scope): Promise<Item[]> {
  const c = s.congress.id;
  const [waiting] = await s.db.select({ n: sql<number>`count(*)::int` }).from(proposals).where(and(eq(proposals.congressId, c), eq(proposals.status, 'submitted')));
  const drafts = await s.db.select({ id: candidateLists.id, title: candidateLists.title }).from(candidateLists).where(and(eq(candidateLists.congressId, c), isNull(candidateLists.frozenAt)));
  return [
    ...(Number(waiting?.n ?? 0) > 0 ? [item('proposals_to_screen', `/c/${c}/gathering/proposals`, { count: Number(waiting!.n) })] : []),
    ...drafts.map((l) => item('list_draft', `/c/${c}/gathering/lists/${l.id}`, { objectId: l.id, name: l.title })),
  ];
}

async function presidium(s: Scope): Promise<Item[]> {
  const ready = await s.db
    .select({ id: votes.id, title: votes.title, sessionId: votes.sessionId })
    .from(votes)
    .where(and(eq(votes.congressId, s.congress.id), isNotNull(votes.cardsGeneratedAt), isNull(votes.openedAt)));
  const open = await openVotes(s);
  const need = requiredSignoffs(s.congress);
  const publishable = (await unpublishedTallies(s)).filter((x) => Number(x.signed) >= need);
  return [
    ...ready.map((v) => item('vote_to_open', voteHref(s, v), { objectId: v.id, name: v.title })),
    ...open.map((v) => item('vote_to_close', voteHref(s, v), { objectId: v.id, name: v.title })),
    ...publishable.map((v) => item('tally_to_publish', voteHref(s, v), { objectId: v.id, name: v.title })),
  ];
}

async function scrutineer(s: Scope): Promise<Item[]> {
  const c = s.congress.id;
  const noCards = await s.db.select({ id: votes.id, title: votes.title, sessionId: votes.sessionId }).from(votes).where(and(eq(votes.congressId, c), isNull(votes.cardsGeneratedAt), isNull(votes.openedAt)));
  // Cards made but none recorded as handed out yet: scan each card at the desk, or enter the count (发出票数).
  const notIssued = await s.db
    .select({ id: votes.id, title: votes.title, sessionId: votes.sessionId })
    .from(votes)
    .where(
      and(
        eq(votes.congressId, c),
        isNotNull(votes.cardsGeneratedAt),
        isNull(votes.closedAt),
        or(
          and(eq(votes.issuanceMode, 'count'), isNull(votes.issuedCount)),
          and(eq(votes.issuanceMode, 'scan'), notExists(s.db.select({ x: sql`1` }).from(cards).where(and(eq(cards.voteId, votes.id), eq(cards.issued, true))))),
        ),
      ),
    );
  // Paper ballots keyed once and waiting for the second counter, or whose two entries differ.
  const paper = await s.db
    .select({ id: votes.id, title: votes.title, sessionId: votes.sessionId, n: sql<number>`count(distinct ${paperEntries.cardId})::int` })
    .from(paperEntries)
    .innerJoin(votes, eq(votes.id, paperEntries.voteId))
    .where(and(eq(votes.congressId, c), inArray(paperEntries.state, ['pending', 'mismatch']), notExists(s.db.select({ x: sql`1` }).from(tallies).where(eq(tallies.voteId, votes.id)))))
    .groupBy(votes.id, votes.title, votes.sessionId);
  // Closed and not yet counted (paper ballots are entered first; the tally takes none after it is prepared).
  const toCount = await s.db
    .select({ id: votes.id, title: votes.title, sessionId: votes.sessionId })
    .from(votes)
    .where(and(eq(votes.congressId, c), isNotNull(votes.closedAt), notExists(s.db.select({ x: sql`1` }).from(tallies).where(eq(tallies.voteId, votes.id)))));
  const toSign = (await unpublishedTallies(s)).filter((x) => Number(x.mine) === 0);
  return [
    ...noCards.map((v) => item('vote_cards', voteHref(s, v), { objectId: v.id, name: v.title })),
    ...notIssued.map((v) => item('issued_count', voteHref(s, v), { objectId: v.id, name: v.title })),
    ...paper.map((v) => item('paper_pending', voteHref(s, v), { objectId: v.id, name: v.title, count: Number(v.n) })),
    ...toCount.map((v) => item('tally_to_prepare', voteHref(s, v), { objectId: v.id, name: v.title })),
    ...toSign.map((v) => item('tally_to_sign', voteHref(s, v), { objectId: v.id, name: v.title })),
  ];
}

/** Staff: the year's next step — a collection window, a session to come, evaluation rounds still in draft. */
async function staff(s: Scope): Promise<Item[]> {
  const c = s.congress.id;
  const year = collectionYear(s.today);
  const [win] = await s.db.select({ id: collectionWindows.id }).from(collectionWindows).where(and(eq(collectionWindows.congressId, c), eq(collectionWindows.year, year)));
  const [next] = await s.db.select({ id: congressSessions.id }).from(congressSessions).where(and(eq(congressSessions.congressId, c), gte(congressSessions.date, s.today))).limit(1);
  const drafts = await s.db.select({ id: evalRounds.id, title: evalRounds.title }).from(evalRounds).where(and(eq(evalRounds.congressId, c), isNull(evalRounds.openedAt)));
  return [
    ...(win ? [] : [item('no_window', `/c/${c}/gathering`, { year })]),
    ...(next ? [] : [item('no_session', `/c/${c}/sessions`)]),
    ...drafts.map((r) => item('round_draft', `/c/${c}/evaluation/${r.id}`, { objectId: r.id, name: r.title })),
    ...(await staffItemsWork(s)),
  ];
}

/** The to-do list of one account across its congresses (a system administrator's own memberships only). */
export async function myWork(db: DbOrTx, accountId: string, today = shanghaiToday()): Promise<WorkItem[]> {
  const rows = await db
    .select({ congress: congresses, role: memberships.role, departmentId: memberships.departmentId, stationId: memberships.stationId })
    .from(memberships)
    .innerJoin(congresses, eq(congresses.id, memberships.congressId))
    .where(eq(memberships.accountId, accountId));
  const out: WorkItem[] = [];
  for (const r of rows) {
    const s: Scope = { db, congress: r.congress, accountId, today };
    const parts: Record<Role, () => Promise<Item[]>> = {
      representative: () => representative(s),
      department: () => department(s, r.departmentId ? [r.departmentId] : []),
      government: () => government(s),
      presidium: () => presidium(s),
      scrutineer: () => scrutineer(s),
      admin: () => staff(s),
      station: () => stationWork({ db, congressId: r.congress.id, accountId, today }, r.stationId),
      overseer: () => overseerWork({ db, congressId: r.congress.id, accountId, today }),
    };
    for (const i of await parts[r.role]()) out.push({ ...i, role: r.role, congressId: r.congress.id, congressName: r.congress.name });
  }
  return orderWork(out);
}
