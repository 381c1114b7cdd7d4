import { and, eq } from 'drizzle-orm';
import { cardRefusal, voteRefusal } from '../../shared/ballot/card-rule.ts';
import { sameMarks, type Marks } from '../../shared/ballot/methods/index.ts';
import { normaliseBallot } from '../../shared/ballot/questions.ts';
import type { Tx } from '../db/client.ts';
import { ballots, cards, paperEntries, tallies, votes } from '../db/schema/index.ts';
import { appendAudit, type Actor } from '../lib/audit.ts';
import { AppError } from '../lib/errors.ts';
import { notifySession } from '../lib/events.ts';
import type { KeyStore } from '../lib/keys.ts';
import { newReceipt, normalizeSerial, verifyCard } from './tokens.ts';
import { markQuestionsOf } from './motions.ts';
import { getVote, marksError } from './votes.ts';

type Ctx = { tx: Tx; keys: KeyStore; congressId: string; actor: NonNullable<Actor> };

async function paperCard(ctx: Ctx, vote: typeof votes.$inferSelect, scannedOrSerial: string) {
  const serial = normalizeSerial(scannedOrSerial);
  let card: typeof cards.$inferSelect | undefined;
  if (/^[2-9A-Z]{8}$/.test(serial)) [card] = await ctx.tx.select().from(cards).where(and(eq(cards.voteId, vote.id), eq(cards.serial, serial))).for('update');
  else {
    const p = await verifyCard(ctx.keys, scannedOrSerial, ctx.tx);
    if (!p) throw new AppError('card_signature');
    if (p.v !== vote.id) throw new AppError('card_other_vote');
    [card] = await ctx.tx.select().from(cards).where(and(eq(cards.voteId, vote.id), eq(cards.ballotId, p.b))).for('update');
  }
  if (!card) throw new AppError('card_serial_unknown');
  const [cast] = await ctx.tx.select({ id: ballots.id }).from(ballots).where(eq(ballots.cardId, card.id));
  const refusal = cardRefusal({ ...card, used: !!cast }, vote, 'paper');
  if (refusal) throw new AppError(refusal);
  return card;
}

/** Paper is keyed in once the vote is closed (the vote's side of the card rule, asked before any card is looked up). */
function paperOpen(vote: typeof votes.$inferSelect) {
  const refusal = voteRefusal(vote, 'paper');
  if (refusal) throw new AppError(refusal);
}

/** Once the tally is prepared nothing can be added to the vote. */
async function noTallyYet(ctx: Ctx, voteId: string) {
  const [t] = await ctx.tx.select({ id: tallies.voteId }).from(tallies).where(eq(tallies.voteId, voteId));
  if (t) throw new AppError('tally_prepared');
}

async function checkedMarks(ctx: Ctx, vote: typeof votes.$inferSelect, raw: Record<string, string>): Promise<Marks> {
  const r = normaliseBallot(raw, await markQuestionsOf(ctx.tx, vote));
  if (!r.ok) throw marksError(r.reason);
  return r.marks;
}

async function countPaper(ctx: Ctx, vote: typeof votes.$inferSelect, cardId: string, marks: Marks) {
  await ctx.tx.insert(ballots).values({ voteId: vote.id, cardId, marks, receipt: newReceipt(), paper: true });
  await notifySession(ctx.tx, vote.sessionId, 'cast');
  // The working entries go once the ballot stands: nothing keeps which counter keyed which marks.
  await ctx.tx.delete(paperEntries).where(eq(paperEntries.cardId, cardId));
}

/**
 * A counter keys in a paper ballot (after the close). The first entry waits for a second counter; two entries that
 * agree make the ballot, two that differ are flagged for the scrutineers.
 */
export async function enterPaper(ctx: Ctx, voteId: string, scannedOrSerial: string, raw: Record<string, string>) {
  const vote = await getVote(ctx.tx, ctx.congressId, voteId, true);
  paperOpen(vote);
  await noTallyYet(ctx, vote.id);
  const card = await paperCard(ctx, vote, scannedOrSerial);
  const marks = await checkedMarks(ctx, vote, raw);
  const entries = await ctx.tx.select().from(paperEntries).where(eq(paperEntries.cardId, card.id));
  if (entries.some((e) => e.state === 'mismatch')) throw new AppError('paper_mismatch');
  if (entries.some((e) => e.enteredBy === ctx.actor.id)) throw new AppError('paper_same_counter');
  if (entries.length === 0) {
    await ctx.tx.insert(paperEntries).values({ voteId: vote.id, cardId: card.id, enteredBy: ctx.actor.id, marks, state: 'pending' });
    return { serial: card.serial, state: 'awaiting_second' as const };
  }
  if (sameMarks(entries[0].marks as Marks, marks)) {
    await countPaper(ctx, vote, card.id, marks);
    return { serial: card.serial, state: 'counted' as const };
  }
  await ctx.tx.insert(paperEntries).values({ voteId: vote.id, cardId: card.id, enteredBy: ctx.actor.id, marks, state: 'mismatch' });
  await ctx.tx.update(paperEntries).set({ state: 'mismatch' }).where(eq(paperEntries.cardId, card.id));
  await appendAudit(ctx.tx, { actor: ctx.actor, congressId: ctx.congressId, action: 'ballot.paper_mismatch', targetType: 'vote', targetId: vote.id, details: { serial: card.serial } });
  return { serial: card.serial, state: 'mismatch' as const };
}

/** The scrutineers look at the paper ballot and record what it says. */
export async function resolvePaper(ctx: Ctx, voteId: string, serial: string, raw: Record<string, string>) {
  const vote = await getVote(ctx.tx, ctx.congressId, voteId, true);
  paperOpen(vote);
  await noTallyYet(ctx, vote.id);
  const card = await paperCard(ctx, vote, serial);
  const entries = await ctx.tx.select().from(paperEntries).where(eq(paperEntries.cardId, card.id));
  if (!entries.some((e) => e.state === 'mismatch')) throw new AppError('paper_nothing_to_resolve');
  await countPaper(ctx, vote, card.id, await checkedMarks(ctx, vote, raw));
  await appendAudit(ctx.tx, { actor: ctx.actor, congressId: ctx.congressId, action: 'ballot.paper_resolve', targetType: 'vote', targetId: vote.id, details: { serial: card.serial } });
}

/** Cards waiting for a second entry, and differing entries for the scrutineers (marks shown: the vote is closed). */
export async function pendingPaper(tx: Tx, congressId: string, voteId: string) {
  const vote = await getVote(tx, congressId, voteId);
  const rows = await tx.select({ serial: cards.serial, state: paperEntries.state, marks: paperEntries.marks }).from(paperEntries).innerJoin(cards, eq(cards.id, paperEntries.cardId)).where(eq(paperEntries.voteId, vote.id));
  const bySerial = new Map<string, { serial: string; state: 'awaiting_second' | 'mismatch'; entries: { marks: Record<string, string> }[] }>();
  for (const r of rows) {
    const e = bySerial.get(r.serial) ?? { serial: r.serial, state: 'awaiting_second' as const, entries: [] };
    if (r.state === 'mismatch') e.state = 'mismatch';
    e.entries.push({ marks: r.marks });
    bySerial.set(r.serial, e);
  }
  return [...bySerial.values()].sort((a, b) => a.serial.localeCompare(b.serial));
}
