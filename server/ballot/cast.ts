import { and, eq } from 'drizzle-orm';
import { normalizeMarks, sameMarks, type Marks } from '../../shared/ballot/marks.ts';
import type { Db, Tx } from '../db/client.ts';
import { ballots, cards, congresses, votes } from '../db/schema/index.ts';
import { appendAudit, type Actor } from '../lib/audit.ts';
import { AppError } from '../lib/errors.ts';
import { notifySession } from '../lib/events.ts';
import type { KeyStore } from '../lib/keys.ts';
import { newReceipt, normalizeSerial, signCard, verifyCard } from './tokens.ts';
import { candidateIdsOf, candidatesOf, getVote, voteState } from './votes.ts';

/** The card a scanned QR (or token) names, with its vote; refusals say what a person can do. */
async function cardOf(db: Db | Tx, keys: KeyStore, scanned: string, expectedVoteId?: string) {
  const payload = await verifyCard(keys, scanned, db);
  if (!payload) throw new AppError('card_signature');
  if (expectedVoteId && payload.v !== expectedVoteId) throw new AppError('card_other_vote');
  const [row] = await db.select({ card: cards, vote: votes }).from(cards).innerJoin(votes, eq(votes.id, cards.voteId)).where(and(eq(cards.ballotId, payload.b), eq(cards.voteId, payload.v)));
  if (!row) throw new AppError('card_signature');
  return row;
}

function usable(card: typeof cards.$inferSelect, vote: typeof votes.$inferSelect) {
  const state = voteState(vote);
  if (state === 'draft') throw new AppError('vote_not_open');
  if (state === 'closed') throw new AppError('vote_closed');
  if (card.voided) throw new AppError('card_voided');
  // When issuance is recorded by scanning, a card taken from the printer's stack cannot vote.
  if (vote.issuanceMode === 'scan' && !card.issued) throw new AppError('card_not_issued');
}

/** What the tablet shows after a scan: the vote and its candidates (nothing about other ballots). */
export async function openBallot(db: Db, keys: KeyStore, scanned: string, expectedVoteId?: string) {
  const { card, vote } = await cardOf(db, keys, scanned, expectedVoteId);
  usable(card, vote);
  const [used] = await db.select({ id: ballots.id }).from(ballots).where(eq(ballots.cardId, card.id));
  if (used) throw new AppError('card_used');
  const [congress] = await db.select().from(congresses).where(eq(congresses.id, vote.congressId));
  return {
    token: (await signCard(keys, vote.id, card.ballotId)) as string,
    serial: card.serial,
    vote: { id: vote.id, title: vote.title, seats: vote.seats, markMode: vote.markMode, maxFor: vote.maxFor, state: voteState(vote), countdownEndsAt: vote.countdownEndsAt?.toISOString() ?? null },
    candidates: await candidatesOf(db, congress, vote),
  };
}

/** Typing the serial when a camera fails: the card among this congress's open votes. */
export async function tokenBySerial(db: Db, keys: KeyStore, congressId: string, serial: string, voteId?: string) {
  const rows = await db
    .select({ card: cards, vote: votes })
    .from(cards)
    .innerJoin(votes, eq(votes.id, cards.voteId))
    .where(and(eq(votes.congressId, congressId), eq(cards.serial, normalizeSerial(serial))));
  const mine = voteId ? rows.filter((r) => r.vote.id === voteId) : rows;
  const open = mine.find((r) => voteState(r.vote) === 'open') ?? mine[0];
  if (!open) throw new AppError('card_serial_unknown');
  return signCard(keys, open.vote.id, open.card.ballotId);
}

/**
 * Cast a ballot. The signature, the vote being open, the card being issued and not voided are checked; the ballot is
 * stored with a fresh random receipt. The same card with the same marks answers the same receipt (a tablet retrying
 * after a network drop); with other marks it is refused. Two tablets racing with one card: the row lock on the card
 * lets exactly one store a ballot.
 */
export async function castBallot(db: Db, keys: KeyStore, scanned: string, rawMarks: Record<string, string>, opts: { paper?: boolean; expectedVoteId?: string } = {}) {
  return db.transaction(async (tx) => {
    const { card: found, vote } = await cardOf(tx, keys, scanned, opts.expectedVoteId);
    const [card] = await tx.select().from(cards).where(eq(cards.id, found.id)).for('update');
    usable(card, vote);
    const checked = normalizeMarks(rawMarks, await candidateIdsOf(tx, vote), vote.markMode);
    if (!checked.ok) throw new AppError('ballot_marks', { reason: checked.reason === 'unknown_candidate' ? { zh: '有不在清单上的项目', en: 'a candidate not on the list' } : { zh: '有不允许的标记', en: 'a mark that is not allowed' } });
    const [existing] = await tx.select().from(ballots).where(eq(ballots.cardId, card.id));
    if (existing) {
      if (sameMarks(existing.marks as Marks, checked.marks) && existing.paper === !!opts.paper) return { receipt: existing.receipt, repeated: true };
      throw new AppError('card_used');
    }
    const receipt = newReceipt();
    await tx.insert(ballots).values({ voteId: vote.id, cardId: card.id, marks: checked.marks, receipt, paper: !!opts.paper });
    await notifySession(tx, vote.sessionId, 'cast');
    return { receipt, repeated: false };
  });
}

/** 发票: record a card as handed out, by scanning it (QR, token or serial). Never records to whom. */
export async function issueCard(ctx: { tx: Tx; keys: KeyStore; congressId: string; actor: Actor }, voteId: string, scannedOrSerial: string) {
  const vote = await getVote(ctx.tx, ctx.congressId, voteId, true);
  if (vote.closedAt) throw new AppError('vote_closed');
  if (!vote.cardsGeneratedAt) throw new AppError('cards_missing');
  let cardId: string;
  const serial = normalizeSerial(scannedOrSerial);
  if (/^[2-9A-Z]{8}$/.test(serial)) {
    const [c] = await ctx.tx.select().from(cards).where(and(eq(cards.voteId, vote.id), eq(cards.serial, serial)));
    if (!c) throw new AppError('card_serial_unknown');
    cardId = c.id;
  } else {
    const { card } = await cardOf(ctx.tx, ctx.keys, scannedOrSerial, vote.id);
    cardId = card.id;
  }
  const [c] = await ctx.tx.select().from(cards).where(eq(cards.id, cardId)).for('update');
  if (c.voided) throw new AppError('card_voided');
  if (vote.issuanceMode !== 'scan') await ctx.tx.update(votes).set({ issuanceMode: 'scan', issuedCount: null }).where(eq(votes.id, vote.id));
  await ctx.tx.update(cards).set({ issued: true }).where(eq(cards.id, c.id));
  if (!c.issued) await notifySession(ctx.tx, vote.sessionId, 'vote');
  return { serial: c.serial, alreadyIssued: c.issued };
}

/** Void a spoiled card by its serial (污损); a replacement is simply another card handed out. */
export async function voidCard(ctx: { tx: Tx; congressId: string; actor: NonNullable<Actor> }, voteId: string, serial: string) {
  const vote = await getVote(ctx.tx, ctx.congressId, voteId, true);
  if (vote.closedAt) throw new AppError('vote_closed');
  const [c] = await ctx.tx.select().from(cards).where(and(eq(cards.voteId, vote.id), eq(cards.serial, normalizeSerial(serial)))).for('update');
  if (!c) throw new AppError('card_serial_unknown');
  const [cast] = await ctx.tx.select({ id: ballots.id }).from(ballots).where(eq(ballots.cardId, c.id));
  if (cast) throw new AppError('card_already_cast');
  await ctx.tx.update(cards).set({ voided: true }).where(eq(cards.id, c.id));
  await notifySession(ctx.tx, vote.sessionId, 'vote');
  await appendAudit(ctx.tx, { actor: ctx.actor, congressId: ctx.congressId, action: 'ballot.void_card', targetType: 'vote', targetId: vote.id, details: { serial: c.serial } });
}
