/** Evaluation rounds: what they evaluate, who answers, the questionnaire, and their life: draft → open → closed → published. */
import { and, eq, sql } from 'drizzle-orm';

export { targetsOf };
import type { z } from 'zod';
import { type Audience, type CreateRound, DEFAULT_ITEMS, type Items, itemsOf, normalizeItems, type Round, TARGET_KINDS, type TargetKind, type UpdateRound } from '../../shared/evaluation/schema.ts';
import { CongressSettings } from '../../shared/congress/settings.ts';
import type { DbOrTx, Tx } from '../db/client.ts';
import { congresses, evalCodes, evalGrants, evalRounds, evalSpent, evalTargets, representatives } from '../db/schema/index.ts';
import { resolveTargets, type TargetRef, targetsOf } from './targets.ts';
import { appendAudit, type Actor } from '../lib/audit.ts';
import { now } from '../lib/clock.ts';
import { reshuffle } from '../lib/reshuffle.ts';
import { AppError } from '../lib/errors.ts';
import { notifySession } from '../lib/events.ts';
import { getSession } from '../session/attendance.ts';
import { evaluationOpened } from '../notify/triggers.ts';

type RoundRow = typeof evalRounds.$inferSelect;
export type Ctx = { tx: Tx; actor: NonNullable<Actor>; congressId: string };

/** Taken shared by a batch of submissions (submit-batch.ts), exclusively by closing the round. */
export const EVAL_LOCK = 7340102;

export const roundState = (r: Pick<RoundRow, 'openedAt' | 'closedAt' | 'publishedAt'>): Round['state'] => (r.publishedAt ? 'published' : r.closedAt ? 'closed' : r.openedAt ? 'open' : 'draft');

export const audit = (ctx: Ctx, action: string, targetId: string, details: Record<string, unknown>) =>
  appendAudit(ctx.tx, { actor: ctx.actor, congressId: ctx.congressId, action: `evaluation.${action}`, targetType: 'eval_round', targetId, details });

export async function getRound(db: DbOrTx, congressId: string, roundId: string, forUpdate = false) {
  const q = db.select().from(evalRounds).where(and(eq(evalRounds.id, roundId), eq(evalRounds.congressId, congressId)));
  // NO KEY UPDATE: it still serialises changes to the round, but does not block the key-share lock that every answer
  // row's foreign key takes (FOR UPDATE deadlocked a close against a batch of answers holding the round's cast lock).
  const [row] = forUpdate ? await q.for('no key update') : await q;
  if (!row) throw new AppError('round_not_found');
  return row;
}

export async function describeRound(db: DbOrTx, r: RoundRow, opts: { representativeId?: string | null } = {}): Promise<Round> {
  const spent = await db.select({ audience: evalSpent.audience, n: sql<number>`count(*)::int` }).from(evalSpent).where(eq(evalSpent.roundId, r.id)).groupBy(evalSpent.audience);
  const printed = await db.select({ audience: evalCodes.audience, n: sql<number>`count(*)::int` }).from(evalCodes).where(eq(evalCodes.roundId, r.id)).groupBy(evalCodes.audience);
  const [granted] = await db.select({ n: sql<number>`count(*)::int` }).from(evalGrants).where(eq(evalGrants.roundId, r.id));
  const mine = opts.representativeId ? await db.select().from(evalGrants).where(and(eq(evalGrants.roundId, r.id), eq(evalGrants.representativeId, opts.representativeId))) : [];
  const n = (rows: { audience: string; n: number }[], a: Audience) => Number(rows.find((x) => x.audience === a)?.n ?? 0);
  return {
    id: r.id,
    year: r.year,
    title: r.title,
    kind: r.kind,
    previousRoundId: r.previousRoundId,
    state: roundState(r),
    audiences: r.audiences,
    items: normalizeItems(r.items),
    allowUnknown: r.allowUnknown,
    targets: await targetsOf(db, r.id),
    openedAt: r.openedAt?.toISOString() ?? null,
    closedAt: r.closedAt?.toISOString() ?? null,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    responses: { representatives: n(spent, 'representatives'), residents: n(spent, 'residents') },
    codes: {
      representatives: { printed: n(printed, 'representatives'), issued: r.issuedRepresentatives, granted: Number(granted?.n ?? 0) },
      residents: { printed: n(printed, 'residents'), issued: r.issuedResidents, granted: 0 },
    },
    myCodeReceived: mine.length > 0,
    sessionId: r.sessionId,
    session: await hallSessionOf(db, r),
  };
}

/** 会场测评: the session a hall round is held at (name and date), or null. */
async function hallSessionOf(db: DbOrTx, r: Pick<RoundRow, 'congressId' | 'sessionId'>) {
  if (!r.sessionId) return null;
  const s = await getSession(db, r.congressId, r.sessionId).catch(() => null);
  return s ? { id: s.id, name: s.name, date: s.date } : null;
}

/** The big screen of a hall round's session shows its count and, once published, its results: tell it of a change. */
export async function notifyHall(db: DbOrTx, r: Pick<RoundRow, 'sessionId'>) {
  if (r.sessionId) await notifySession(db, r.sessionId, 'vote');
}

/**
 * The questionnaire of a round over these kinds of target: the items given for each kind present, the default ones for
 * a kind present without any (a kind not evaluated is not asked).
 */
export function questionnaireFor(kinds: Iterable<TargetKind>, given: Items | undefined, congressDefault: Items = {}): Items {
  const out: Items = {};
  for (const k of new Set(kinds)) out[k] = itemsOf(given?.[k] ? given : congressDefault[k] ? congressDefault : DEFAULT_ITEMS, k);
  return out;
}

/** The congress's own default questionnaire (settings `evaluation.questionnaire`, e.g. adopted from a county template). */
async function congressQuestionnaire(db: DbOrTx, congressId: string): Promise<Items> {
  const [c] = await db.select({ settings: congresses.settings }).from(congresses).where(eq(congresses.id, congressId));
  return CongressSettings.parse(c?.settings ?? {}).evaluation.questionnaire;
}

/** Item ids are unique within each kind of target. */
function checkItems(items: Items) {
  for (const k of TARGET_KINDS) {
    const list = items[k] ?? [];
    if (new Set(list.map((i) => i.id)).size !== list.length) throw new AppError('round_items_duplicate');
  }
}

export async function createRound(ctx: Ctx, input: z.infer<typeof CreateRound>, extra: { kind?: 'regular' | 'reevaluation'; previousRoundId?: string; targets?: TargetRef[] } = {}) {
  const targets = extra.targets ?? (await resolveTargets(ctx.tx, ctx.congressId, input));
  if (input.items) checkItems(input.items);
  const items = questionnaireFor(targets.map((t) => t.kind), input.items, await congressQuestionnaire(ctx.tx, ctx.congressId));
  // 会场测评: a session of this congress.
  const sessionId = input.sessionId ? (await getSession(ctx.tx, ctx.congressId, input.sessionId)).id : null;
  const [row] = await ctx.tx
    .insert(evalRounds)
    .values({ congressId: ctx.congressId, year: input.year, title: input.title, audiences: input.audiences, items, allowUnknown: input.allowUnknown, kind: extra.kind ?? 'regular', previousRoundId: extra.previousRoundId ?? null, sessionId })
    .returning();
  await ctx.tx.insert(evalTargets).values(targets.map((t, i) => ({ roundId: row.id, kind: t.kind, targetId: t.targetId, position: i })));
  await audit(ctx, 'create', row.id, { title: row.title, targets: targets.length, audiences: row.audiences, kind: row.kind, ...(row.sessionId ? { sessionId: row.sessionId } : {}) });
  return row;
}

export async function updateRound(ctx: Ctx, roundId: string, input: z.infer<typeof UpdateRound>) {
  const r = await getRound(ctx.tx, ctx.congressId, roundId, true);
  if (r.openedAt) throw new AppError('round_started');
  // 会场测评: a session of this congress (a hall round's session is fixed once it opens: round_started above).
  if (input.sessionId) await getSession(ctx.tx, ctx.congressId, input.sessionId);
  const set: Partial<typeof evalRounds.$inferInsert> = { ...input, items: undefined };
  if (input.items) {
    checkItems(input.items);
    // Only the kinds the round evaluates are asked; a kind not given keeps its items.
    const kinds = (await ctx.tx.selectDistinct({ kind: evalTargets.kind }).from(evalTargets).where(eq(evalTargets.roundId, r.id))).map((x) => x.kind);
    set.items = questionnaireFor(kinds, { ...normalizeItems(r.items), ...input.items }, await congressQuestionnaire(ctx.tx, ctx.congressId));
  }
  await ctx.tx.update(evalRounds).set(set).where(eq(evalRounds.id, r.id));
  await audit(ctx, 'update', r.id, input);
  if (input.sessionId !== undefined && input.sessionId !== r.sessionId) {
    await notifyHall(ctx.tx, r);
    await notifyHall(ctx.tx, { sessionId: input.sessionId });
  }
}

export async function openRound(ctx: Ctx, roundId: string) {
  const r = await getRound(ctx.tx, ctx.congressId, roundId, true);
  if (r.openedAt) throw new AppError('round_started');
  await ctx.tx.update(evalRounds).set({ openedAt: now() }).where(eq(evalRounds.id, r.id));
  await audit(ctx, 'open', r.id, {});
  await evaluationOpened(ctx.tx, r);
  await notifyHall(ctx.tx, r);
}

export async function closeRound(ctx: Ctx, roundId: string) {
  const r = await getRound(ctx.tx, ctx.congressId, roundId, true);
  if (!r.openedAt) throw new AppError('round_not_open');
  if (r.closedAt) throw new AppError('round_closed');
  // Waits for the batches of answers being stored (they hold this lock shared); later ones see the round closed.
  await ctx.tx.execute(sql`select pg_advisory_xact_lock(${EVAL_LOCK}::int, hashtext(${r.id}::text))`);
  await ctx.tx.update(evalRounds).set({ closedAt: now() }).where(eq(evalRounds.id, r.id));
  // The stored order of answers, comments and spent codes no longer follows the order of submission.
  for (const table of ['eval_answers', 'eval_comments', 'eval_spent'] as const) await reshuffle(ctx.tx, table, r.id);
  await audit(ctx, 'close', r.id, {});
  await notifyHall(ctx.tx, r);
}

export async function recordIssued(ctx: Ctx, roundId: string, audience: Audience, count: number) {
  const r = await getRound(ctx.tx, ctx.congressId, roundId, true);
  if (r.closedAt) throw new AppError('round_closed');
  if (!r.audiences.includes(audience)) throw new AppError('round_audience');
  await ctx.tx.update(evalRounds).set(audience === 'representatives' ? { issuedRepresentatives: count } : { issuedResidents: count }).where(eq(evalRounds.id, r.id));
  await audit(ctx, 'issued', r.id, { audience, count });
}

/** The roster entry of a signed-in account, if it is a representative of this congress. */
export async function representativeOf(db: DbOrTx, congressId: string, accountId: string) {
  const [rep] = await db.select({ id: representatives.id, status: representatives.status }).from(representatives).where(and(eq(representatives.congressId, congressId), eq(representatives.accountId, accountId)));
  return rep ?? null;
}
