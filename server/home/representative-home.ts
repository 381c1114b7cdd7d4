/**
 * A representative's home (issue 20, point 1): in each congress where they are seated, this year's projects and their
 * progress — theirs first, and why they are theirs —, the session when one is on with its votes, and the proposals they
 * made with what became of each. Read from the data on each request.
 *
 * The data holds no constituency of a project: a project is the representative's when it came from their own proposal,
 * when they joined one of its inspections, or when the location of a proposal behind it names the place their group or
 * constituency is named after (shared/home/rules.ts sharedPlace). The others of the year follow: representatives
 * supervise every project their congress voted.
 */
import { and, desc, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import { sharedPlace } from '../../shared/home/rules.ts';
import type { ProposalOutcome, RepCongress, RepProject, RepProposal, RepSession } from '../../shared/home/schema.ts';
import type { DbOrTx } from '../db/client.ts';
import { attendance, candidateListItems, candidates, congresses, congressSessions, inspections, memberships, projects, proposals, representatives, tallies, votes } from '../db/schema/index.ts';
import { projectOrder, summarize as summarizeProjects } from '../projects/describe.ts';
import { summarize as summarizeSession } from '../session/attendance.ts';
import { shanghaiToday } from '../../shared/time.ts';

type Congress = typeof congresses.$inferSelect;
type Rep = typeof representatives.$inferSelect;
type Scope = { db: DbOrTx; congress: Congress; accountId: string; rep: Rep; today: string };

/** The projects of the latest year and any still under way, with the representative's ties to each, theirs first. */
async function projectsOf(s: Scope): Promise<RepProject[]> {
  const c = s.congress.id;
  const [latest] = await s.db.select({ y: sql<number | null>`max(${projects.year})` }).from(projects).where(eq(projects.congressId, c));
  if (latest?.y == null) return [];
  const rows = await s.db
    .select()
    .from(projects)
    .where(and(eq(projects.congressId, c), or(eq(projects.year, Number(latest.y)), eq(projects.status, 'active'))))
    .orderBy(...projectOrder);
  if (rows.length === 0) return [];
  const ids = rows.map((p) => p.id);
  const candidateIds = rows.map((p) => p.candidateId).filter((x): x is string => !!x);
  // The proposals behind each project: its candidate's own, and those merged into that one.
  const behind = candidateIds.length
    ? await s.db
        .select({ candidateId: candidates.id, location: proposals.location, submittedBy: proposals.submittedBy })
        .from(candidates)
        .innerJoin(proposals, or(eq(proposals.id, candidates.proposalId), eq(proposals.mergedIntoId, candidates.proposalId)))
        .where(inArray(candidates.id, candidateIds))
    : [];
  const visited = await s.db
    .select({ projectId: inspections.projectId })
    .from(inspections)
    .where(and(inArray(inspections.projectId, ids), sql`${inspections.attendeeIds} @> ${JSON.stringify([s.rep.id])}::jsonb`));
  const summaries = await summarizeProjects(s.db, c, rows, s.today);
  const out = summaries.map((p): RepProject => {
    const from = behind.filter((b) => b.candidateId === p.candidateId);
    const place = sharedPlace(
      from.map((b) => b.location),
      [s.rep.delegation, s.rep.constituency],
    );
    const ties: RepProject['ties'] = [];
    if (from.some((b) => b.submittedBy === s.accountId)) ties.push('proposed');
    if (visited.some((v) => v.projectId === p.id)) ties.push('inspected');
    if (place) ties.push('place');
    return {
      id: p.id,
      title: p.title,
      year: p.year,
      health: p.health,
      derivedProgress: p.derivedProgress,
      reportedProgress: p.reportedProgress,
      plannedCompletion: p.plannedCompletion,
      leadDepartment: p.leadDepartment.name,
      ties,
      place,
    };
  });
  // Stable: theirs first, each group in the one project order.
  return [...out.filter((p) => p.ties.length > 0), ...out.filter((p) => p.ties.length === 0)];
}

/** The session that is on: held today, or with a vote open now (newest first). */
async function sessionOn(s: Scope): Promise<RepSession | null> {
  const c = s.congress.id;
  const [on] = await s.db
    .select()
    .from(congressSessions)
    .where(
      and(
        eq(congressSessions.congressId, c),
        or(
          eq(congressSessions.date, s.today),
          sql`exists (select 1 from ${votes} where ${votes.sessionId} = ${congressSessions.id} and ${votes.openedAt} is not null and ${votes.closedAt} is null)`,
        ),
      ),
    )
    .orderBy(desc(congressSessions.date), desc(congressSessions.createdAt), desc(congressSessions.id))
    .limit(1);
  if (!on) return null;
  const summary = await summarizeSession(s.db, s.congress, on);
  const [mine] = await s.db
    .select({ status: attendance.status })
    .from(attendance)
    .where(and(eq(attendance.sessionId, on.id), eq(attendance.representativeId, s.rep.id)));
  const vs = await s.db
    .select({ id: votes.id, title: votes.title, listId: votes.listId, openedAt: votes.openedAt, closedAt: votes.closedAt, publishedAt: tallies.publishedAt })
    .from(votes)
    .leftJoin(tallies, eq(tallies.voteId, votes.id))
    .where(eq(votes.sessionId, on.id))
    .orderBy(votes.createdAt, votes.id);
  return {
    id: on.id,
    name: on.name,
    date: on.date,
    seated: summary.seated,
    present: summary.present,
    checkedIn: mine?.status === 'present',
    votes: vs.map((v) => ({ id: v.id, title: v.title, listId: v.listId, state: v.publishedAt ? 'published' : v.closedAt ? 'closed' : v.openedAt ? 'open' : 'draft' })),
  };
}

/** What became of a proposal that was screened in: a candidate, then elected (a project) or not. */
async function outcomes(db: DbOrTx, rows: { id: string; status: string }[]) {
  const accepted = rows.filter((r) => r.status === 'accepted').map((r) => r.id);
  const cands = accepted.length
    ? await db
        .select({ proposalId: candidates.proposalId, candidateId: candidates.id, projectId: projects.id, projectTitle: projects.title })
        .from(candidates)
        .leftJoin(projects, eq(projects.candidateId, candidates.id))
        .where(inArray(candidates.proposalId, accepted))
    : [];
  const candIds = cands.map((x) => x.candidateId);
  // A candidate on a list whose vote's result is published, and no project: not elected.
  const decided = candIds.length
    ? await db
        .selectDistinct({ candidateId: candidateListItems.candidateId })
        .from(candidateListItems)
        .innerJoin(votes, eq(votes.listId, candidateListItems.listId))
        .innerJoin(tallies, eq(tallies.voteId, votes.id))
        .where(and(inArray(candidateListItems.candidateId, candIds), isNotNull(tallies.publishedAt)))
    : [];
  return new Map(
    rows.map((r) => {
      const cand = cands.find((x) => x.proposalId === r.id);
      const project = cand?.projectId ? { id: cand.projectId, title: cand.projectTitle! } : null;
      const outcome: ProposalOutcome =
        r.status === 'submitted'
          ? 'waiting'
          : r.status === 'accepted'
            ? project
              ? 'elected'
              : decided.some((d) => d.candidateId === cand?.candidateId)
                ? 'not_elected'
                : 'candidate'
            : (r.status as ProposalOutcome);
      return [r.id, { outcome, project }] as const;
    }),
  );
}

async function proposalsOf(s: Scope): Promise<RepProposal[]> {
  const mine = await s.db
    .select({ id: proposals.id, title: proposals.title, year: proposals.year, status: proposals.status, reason: proposals.decisionReason, mergedIntoId: proposals.mergedIntoId, createdAt: proposals.createdAt })
    .from(proposals)
    .where(and(eq(proposals.congressId, s.congress.id), eq(proposals.submittedBy, s.accountId)))
    .orderBy(desc(proposals.createdAt), proposals.id);
  const targetIds = mine.map((p) => p.mergedIntoId).filter((x): x is string => !!x);
  const targets = targetIds.length ? await s.db.select({ id: proposals.id, title: proposals.title, status: proposals.status }).from(proposals).where(inArray(proposals.id, targetIds)) : [];
  const fate = await outcomes(s.db, [...mine, ...targets]);
  return mine.map((p) => {
    const target = targets.find((x) => x.id === p.mergedIntoId);
    const own = fate.get(p.id)!;
    const theirs = target ? fate.get(target.id)! : null;
    return {
      id: p.id,
      title: p.title,
      year: p.year,
      submittedOn: shanghaiToday(p.createdAt),
      outcome: own.outcome,
      reason: p.status === 'not_adopted' || p.status === 'reserved' ? p.reason : '',
      mergedInto: target && theirs ? { title: target.title, outcome: theirs.outcome } : null,
      project: own.project ?? theirs?.project ?? null,
    };
  });
}

/** The representative's home in each congress where they hold the role and are seated. */
export async function representativeHome(db: DbOrTx, accountId: string, today = shanghaiToday()): Promise<RepCongress[]> {
  const rows = await db
    .select({ congress: congresses, rep: representatives })
    .from(memberships)
    .innerJoin(congresses, eq(congresses.id, memberships.congressId))
    .innerJoin(representatives, and(eq(representatives.congressId, congresses.id), eq(representatives.accountId, accountId), eq(representatives.status, 'seated')))
    .where(and(eq(memberships.accountId, accountId), eq(memberships.role, 'representative')))
    .orderBy(congresses.name, congresses.id);
  const out: RepCongress[] = [];
  for (const r of rows) {
    const s: Scope = { db, congress: r.congress, accountId, rep: r.rep, today };
    out.push({ congressId: r.congress.id, congressName: r.congress.name, projects: await projectsOf(s), session: await sessionOn(s), proposals: await proposalsOf(s) });
  }
  return out;
}
