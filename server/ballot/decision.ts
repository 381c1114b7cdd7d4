/**
 * 关于实施XXXX年民生实事项目的决定 (SPEC §15): a motion of kind 'decision' drafted from a published project vote's final
 * list (the vote and its runoff / further vote / revote: one chain), in that vote's session. The staff edit it with
 * the motion routes and the presidium puts it on a sitting like any motion; once that sitting is published and the
 * motion passed, the decision is ADOPTED — public, printable, and named by the projects it adopted.
 */
import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import { adoptionLine, draftDecision as draftText, type DecisionFollowUp, type DecisionProject } from '../../shared/ballot/decision.ts';
import type { Decision, DecisionFigures, PublicDecision } from '../../shared/ballot/decision-contract.ts';
import { CongressSettings } from '../../shared/congress/settings.ts';
import { finalLists, type ChainVote, type FinalList } from '../../shared/tally/outcome.ts';
import { shanghaiToday } from '../../shared/time.ts';
import type { DbOrTx, Tx } from '../db/client.ts';
import { candidates, congresses, congressSessions, departments, motions, projects, tallies, vacanciesLeft, votes } from '../db/schema/index.ts';
import { appendAudit, type Actor } from '../lib/audit.ts';
import { AppError } from '../lib/errors.ts';
import { voteState } from './votes.ts';

type Congress = typeof congresses.$inferSelect;
type VoteRow = typeof votes.$inferSelect;
type MotionRow = typeof motions.$inferSelect;
type Ctx = { tx: Tx; actor: NonNullable<Actor>; congress: Congress };

// ---- reading the published files (either format) ----

type Question = { id: string; kind: string; valid: number; invalid: number; threshold: number; candidates: { id: string; for: number; against?: number; abstain?: number }[]; elected: string[]; tied: string[]; passed?: boolean | null };
type AnyResult = { format: string; void: boolean; seated: number; present: number; cast: number; questions?: Question[] } & Partial<Question>;

const parse = (text: string) => JSON.parse(text) as AnyResult;

/** The project question of a published result: the whole result of a plain vote (/1), its `projects` question on a sitting (/2). */
function projectPart(r: AnyResult): { void: boolean; elected: string[]; tied: string[]; candidates: { id: string; for: number }[] } | null {
  const q = r.questions ? r.questions.find((x) => x.kind === 'projects') : (r as Question);
  if (!q) return null;
  return { void: r.void, elected: q.elected ?? [], tied: q.tied ?? [], candidates: (q.candidates ?? []).map((c) => ({ id: c.id, for: c.for })) };
}

/** A motion's figures in its sitting's published result (/2). */
function motionFigures(r: AnyResult, motionId: string): DecisionFigures | null {
  const q = r.questions?.find((x) => x.id === motionId);
  const c = q?.candidates[0];
  if (!q || !c) return null;
  return {
    seated: r.seated,
    present: r.present,
    cast: r.cast,
    valid: q.valid,
    invalid: q.invalid,
    for: c.for,
    against: c.against ?? 0,
    abstain: c.abstain ?? 0,
    threshold: q.threshold,
    passed: !r.void && !!q.passed,
  };
}

// ---- the chain of a project vote ----

/** The first vote of a vote's chain of follow-ups, and every vote of the chain in the order they were made. */
async function chainVotes(db: DbOrTx, vote: VoteRow): Promise<VoteRow[]> {
  let root = vote;
  for (let i = 0; root.previousVoteId && i < 100; i++) {
    const [prev] = await db.select().from(votes).where(eq(votes.id, root.previousVoteId));
    if (!prev) break;
    root = prev;
  }
  const all: VoteRow[] = [root];
  let frontier = [root.id];
  while (frontier.length && all.length < 200) {
    const next = await db.select().from(votes).where(inArray(votes.previousVoteId, frontier));
    all.push(...next);
    frontier = next.map((v) => v.id);
  }
  return all.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
}

/** The chain's final list (shared/tally/outcome.ts), with the candidates' titles. */
async function chainFinal(db: DbOrTx, chain: VoteRow[]): Promise<FinalList> {
  const ids = chain.map((v) => v.id);
  const ts = await db.select({ voteId: tallies.voteId, result: tallies.result, publishedAt: tallies.publishedAt }).from(tallies).where(inArray(tallies.voteId, ids));
  const left = new Set((await db.select({ voteId: vacanciesLeft.voteId }).from(vacanciesLeft).where(inArray(vacanciesLeft.voteId, ids))).map((r) => r.voteId));
  const parts = new Map(ts.flatMap((t) => (t.publishedAt ? [[t.voteId, projectPart(parse(t.result))] as const] : [])));
  const candIds = [...new Set([...parts.values()].flatMap((p) => p?.candidates.map((c) => c.id) ?? []))];
  const titles = new Map(candIds.length ? (await db.select({ id: candidates.id, title: candidates.title }).from(candidates).where(inArray(candidates.id, candIds))).map((c) => [c.id, c.title]) : []);
  const cvs: ChainVote[] = chain.map((v) => {
    const p = parts.get(v.id) ?? null;
    return {
      id: v.id,
      kind: v.kind,
      seats: v.seats,
      previousVoteId: v.previousVoteId,
      leftEmpty: left.has(v.id),
      result: p ? { void: p.void, elected: p.elected, tied: p.tied, candidates: p.candidates.map((c) => ({ ...c, title: titles.get(c.id) ?? c.id })) } : null,
    };
  });
  return finalLists(cvs)[0];
}

/** What the decision says of each elected project: the project made at publication (as edited since), else the candidate. */
async function decisionProjects(db: DbOrTx, congressId: string, candidateIds: string[]): Promise<{ items: DecisionProject[]; year: number | null }> {
  if (!candidateIds.length) return { items: [], year: null };
  const ps = await db
    .select({ id: projects.candidateId, title: projects.title, year: projects.year, lead: departments.name, plannedInvestment: projects.plannedInvestment, plannedCompletion: projects.plannedCompletion })
    .from(projects)
    .leftJoin(departments, eq(departments.id, projects.leadDepartmentId))
    .where(and(eq(projects.congressId, congressId), inArray(projects.candidateId, candidateIds)));
  const cs = await db
    .select({ id: candidates.id, title: candidates.title, year: candidates.year, lead: departments.name, plannedInvestment: candidates.plannedInvestment, plannedCompletion: candidates.plannedCompletion })
    .from(candidates)
    .leftJoin(departments, eq(departments.id, candidates.leadDepartmentId))
    .where(and(eq(candidates.congressId, congressId), inArray(candidates.id, candidateIds)));
  const byId = new Map<string, DecisionProject & { year: number }>();
  for (const r of [...cs, ...ps]) if (r.id) byId.set(r.id, { id: r.id, title: r.title, year: r.year, leadDepartment: r.lead ?? '', plannedInvestment: r.plannedInvestment, plannedCompletion: r.plannedCompletion });
  const items = candidateIds.flatMap((id) => (byId.get(id) ? [byId.get(id)!] : []));
  return { items, year: items[0]?.year ?? null };
}

// ---- the decision's state ----

type Sitting = { vote: VoteRow; result: AnyResult | null; publishedAt: Date | null };

async function sittingsOf(db: DbOrTx, rows: MotionRow[]): Promise<Map<string, Sitting>> {
  const ids = [...new Set(rows.flatMap((m) => (m.voteId ? [m.voteId] : [])))];
  if (!ids.length) return new Map();
  const vs = await db.select({ vote: votes, result: tallies.result, publishedAt: tallies.publishedAt }).from(votes).leftJoin(tallies, eq(tallies.voteId, votes.id)).where(inArray(votes.id, ids));
  return new Map(vs.map((r) => [r.vote.id, { vote: r.vote, publishedAt: r.publishedAt, result: r.publishedAt && r.result ? parse(r.result) : null }]));
}

function stateOf(m: MotionRow, s: Sitting | undefined): { state: Decision['state']; figures: DecisionFigures | null; adoptedAt: string | null } {
  if (!s) return { state: 'draft', figures: null, adoptedAt: null };
  if (s.result && s.publishedAt) {
    const figures = motionFigures(s.result, m.id);
    const passed = !!figures?.passed;
    return { state: passed ? 'adopted' : 'failed', figures, adoptedAt: passed ? s.publishedAt.toISOString() : null };
  }
  const st = voteState(s.vote);
  return { state: st === 'draft' ? 'on_sitting' : st === 'open' ? 'voting' : 'closed', figures: null, adoptedAt: null };
}

async function describeDecisions(db: DbOrTx, rows: MotionRow[]): Promise<Decision[]> {
  if (!rows.length) return [];
  const sittings = await sittingsOf(db, rows);
  const sessionIds = [...new Set(rows.map((m) => m.sessionId))];
  const sessions = new Map((await db.select().from(congressSessions).where(inArray(congressSessions.id, sessionIds))).map((s) => [s.id, s]));
  const decided = [...new Set(rows.flatMap((m) => (m.decidesVoteId ? [m.decidesVoteId] : [])))];
  const decidedVotes = new Map(decided.length ? (await db.select().from(votes).where(inArray(votes.id, decided))).map((v) => [v.id, v]) : []);
  const congressIds = [...new Set(rows.map((m) => m.congressId))];
  const names = new Map((await db.select({ id: congresses.id, name: congresses.name }).from(congresses).where(inArray(congresses.id, congressIds))).map((c) => [c.id, c.name]));
  const out: Decision[] = [];
  for (const m of rows) {
    const s = m.voteId ? sittings.get(m.voteId) : undefined;
    const root = m.decidesVoteId ? decidedVotes.get(m.decidesVoteId) : undefined;
    const chain = root ? await chainVotes(db, root) : [];
    const session = sessions.get(m.sessionId);
    const st = stateOf(m, s);
    out.push({
      motionId: m.id,
      sessionId: m.sessionId,
      session: { name: session?.name ?? '', date: session?.date ?? '' },
      title: m.title,
      body: m.body,
      decidesVoteId: m.decidesVoteId ?? '',
      decidesVoteTitle: root?.title ?? '',
      chainVoteIds: chain.map((v) => v.id),
      sitting: s ? { voteId: s.vote.id, sessionId: s.vote.sessionId, title: s.vote.title, state: voteState(s.vote) } : null,
      ...st,
      adoptionLine: st.adoptedAt && session ? adoptionLine({ name: names.get(m.congressId) ?? '' }, session, shanghaiToday(new Date(st.adoptedAt))) : null,
      createdAt: m.createdAt.toISOString(),
    });
  }
  return out;
}

const decisionRows = (db: DbOrTx, congressId: string, where?: ReturnType<typeof eq>) =>
  db
    .select()
    .from(motions)
    .where(and(eq(motions.congressId, congressId), eq(motions.kind, 'decision'), isNotNull(motions.decidesVoteId), where))
    .orderBy(desc(motions.createdAt), asc(motions.id));

export async function listDecisions(db: DbOrTx, congressId: string) {
  return describeDecisions(db, await decisionRows(db, congressId));
}

export async function getDecision(db: DbOrTx, congressId: string, motionId: string) {
  const [row] = await decisionRows(db, congressId, eq(motions.id, motionId));
  if (!row) throw new AppError('decision_not_found');
  return (await describeDecisions(db, [row]))[0];
}

/**
 * A decision motion made by hand (the motions route, kind 'decision') obeys the drafting's one-per-chain rule: it
 * decides the chain's first vote, and is refused while the chain has a decision that has not failed. Answers the root.
 */
export async function decisionChainRoot(tx: Tx, congressId: string, voteId: string): Promise<string> {
  const [vote] = await tx.select().from(votes).where(and(eq(votes.id, voteId), eq(votes.congressId, congressId)));
  if (!vote) throw new AppError('vote_not_found');
  const root = (await chainVotes(tx, vote))[0];
  await tx.select({ id: votes.id }).from(votes).where(eq(votes.id, root.id)).for('no key update');
  const live = (await describeDecisions(tx, await decisionRows(tx, congressId, eq(motions.decidesVoteId, root.id)))).find((d) => d.state !== 'failed');
  if (live) throw new AppError('decision_exists', { title: live.title });
  return root.id;
}

// ---- drafting ----

/**
 * Draft the decision of a project vote's chain (any vote of it names it): only once every vote of the chain is
 * published and its list final (a tie settled, unfilled seats left empty or voted on when the rules ask for a further
 * vote), and once per chain — a decision that failed at its sitting may be drafted again.
 */
export async function draftDecision(ctx: Ctx, voteId: string): Promise<MotionRow> {
  const [vote] = await ctx.tx.select().from(votes).where(and(eq(votes.id, voteId), eq(votes.congressId, ctx.congress.id)));
  if (!vote) throw new AppError('vote_not_found');
  if (!vote.listId) throw new AppError('decision_not_project_vote');
  const chain = await chainVotes(ctx.tx, vote);
  const root = chain[0];
  // One drafting at a time per chain: the root vote's row is the lock (it never changes once published).
  await ctx.tx.select({ id: votes.id }).from(votes).where(eq(votes.id, root.id)).for('no key update');
  const existing = await describeDecisions(ctx.tx, await decisionRows(ctx.tx, ctx.congress.id, eq(motions.decidesVoteId, root.id)));
  const live = existing.find((d) => d.state !== 'failed');
  if (live) throw new AppError('decision_exists', { title: live.title });
  const final = await chainFinal(ctx.tx, chain);
  const furtherAsked = CongressSettings.parse(ctx.congress.settings ?? {}).vote.unfilledSeats === 'further_vote';
  if (final.pending || (final.unfilledSeats > 0 && !final.leftEmpty && furtherAsked)) throw new AppError('decision_needs_published');
  const [session] = await ctx.tx.select().from(congressSessions).where(eq(congressSessions.id, root.sessionId));
  const { items, year } = await decisionProjects(ctx.tx, ctx.congress.id, final.elected.map((e) => e.id));
  const runoffs: DecisionFollowUp[] = chain.slice(1).flatMap((v) => (v.kind === 'regular' ? [] : [{ voteId: v.id, kind: v.kind, title: v.title }]));
  const text = draftText({ congress: ctx.congress, session, year: year ?? Number(session.date.slice(0, 4)), finalList: final, projects: items, runoffs });
  const [row] = await ctx.tx
    .insert(motions)
    .values({ congressId: ctx.congress.id, sessionId: root.sessionId, kind: 'decision', title: text.title, body: text.body, decidesVoteId: root.id })
    .returning();
  await appendAudit(ctx.tx, {
    actor: ctx.actor,
    congressId: ctx.congress.id,
    action: 'ballot.draft_decision',
    targetType: 'motion',
    targetId: row.id,
    details: { voteId: root.id, title: row.title, projects: final.elected.length },
  });
  return row;
}

// ---- adopted: public ----

async function publicOf(db: DbOrTx, congress: { id: string; name: string }, d: Decision): Promise<PublicDecision | null> {
  if (d.state !== 'adopted' || !d.sitting || !d.figures || !d.adoptedAt) return null;
  const [session] = await db.select().from(congressSessions).where(eq(congressSessions.id, d.sessionId));
  const ps = d.chainVoteIds.length
    ? await db.select({ id: projects.id, title: projects.title }).from(projects).where(and(eq(projects.congressId, congress.id), inArray(projects.voteId, d.chainVoteIds))).orderBy(asc(projects.createdAt), asc(projects.title), asc(projects.id))
    : [];
  return {
    motionId: d.motionId,
    congress,
    session: { id: session.id, name: session.name, date: session.date },
    title: d.title,
    body: d.body,
    adoptedAt: d.adoptedAt,
    adoptionLine: d.adoptionLine ?? adoptionLine(congress, session, shanghaiToday(new Date(d.adoptedAt))),
    sitting: { voteId: d.sitting.voteId, title: d.sitting.title },
    decidesVoteId: d.decidesVoteId,
    figures: d.figures,
    projects: ps,
  };
}

async function congressOf(db: DbOrTx, congressId: string) {
  const [c] = await db.select({ id: congresses.id, name: congresses.name }).from(congresses).where(eq(congresses.id, congressId));
  if (!c) throw new AppError('congress_not_found');
  return c;
}

/** The adopted decisions of a congress, newest first. Only motions whose sitting is published and passed them. */
export async function publicDecisions(db: DbOrTx, congressId: string): Promise<PublicDecision[]> {
  const congress = await congressOf(db, congressId);
  const ds = (await listDecisions(db, congressId)).filter((d) => d.state === 'adopted');
  const out = (await Promise.all(ds.map((d) => publicOf(db, congress, d)))).filter((d): d is PublicDecision => !!d);
  return out.sort((a, b) => (a.adoptedAt < b.adoptedAt ? 1 : a.adoptedAt > b.adoptedAt ? -1 : 0));
}

export async function publicDecision(db: DbOrTx, congressId: string, motionId: string): Promise<PublicDecision> {
  const [c] = await db.select({ id: congresses.id, name: congresses.name }).from(congresses).where(eq(congresses.id, congressId));
  if (!c) throw new AppError('decision_not_found');
  const [row] = await decisionRows(db, congressId, eq(motions.id, motionId));
  if (!row) throw new AppError('decision_not_found');
  const out = await publicOf(db, c, (await describeDecisions(db, [row]))[0]);
  if (!out) throw new AppError('decision_not_found');
  return out;
}

// ---- the projects' link ----

/**
 * The adopted decision of a project's vote chain (project.voteId → the chain's first vote → the decision motion that
 * decides it and passed), or null.
 */
export async function decisionOfVote(db: DbOrTx, congressId: string, voteId: string | null): Promise<{ motionId: string; title: string; adoptedAt: string } | null> {
  if (!voteId) return null;
  const [vote] = await db.select().from(votes).where(and(eq(votes.id, voteId), eq(votes.congressId, congressId)));
  if (!vote) return null;
  const root = (await chainVotes(db, vote))[0];
  const rows = await decisionRows(db, congressId, eq(motions.decidesVoteId, root.id));
  if (!rows.length) return null;
  const sittings = await sittingsOf(db, rows);
  for (const m of rows) {
    const st = stateOf(m, m.voteId ? sittings.get(m.voteId) : undefined);
    if (st.state === 'adopted') return { motionId: m.id, title: m.title, adoptedAt: st.adoptedAt! };
  }
  return null;
}
