import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Database, Db, Tx } from '../db/client.ts';
import { ballots, cards, congresses, votes } from '../db/schema/index.ts';
import { appendAudit, type Actor } from '../lib/audit.ts';
import { cardRefusal } from '../../shared/ballot/card-rule.ts';
import { AppError } from '../lib/errors.ts';
import { notifySession } from '../lib/events.ts';
import { hit } from '../lib/rate-limit.ts';
import type { KeyStore } from '../lib/keys.ts';
import { castQueue } from './cast-batch.ts';
import { normalizeSerial, signCard, verifyCard } from './tokens.ts';
import { questionsOf } from './motions.ts';
import { CAST_REPEAT_KEY, candidatesOf, getVote, voteState } from './votes.ts';

/** The card a scanned QR (or token) names, with its vote; refusals say what a person can do. */
async function cardOf(db: Db | Tx, keys: KeyStore, scanned: string, expectedVoteId?: string) {
  const payload = await verifyCard(keys, scanned, db);
  if (!payload) throw new AppError('card_signature');
  if (expectedVoteId && payload.v !== expectedVoteId) throw new AppError('card_other_vote');
  const [row] = await db.select({ card: cards, vote: votes }).from(cards).innerJoin(votes, eq(votes.id, cards.voteId)).where(and(eq(cards.ballotId, payload.b), eq(cards.voteId, payload.v)));
  if (!row) throw new AppError('card_signature');
  return row;
}

/** The card-usability rule (shared/ballot/card-rule.ts), without "already used": the scan does not say it. */
function usable(card: typeof cards.$inferSelect, vote: typeof votes.$inferSelect) {
  const refusal = cardRefusal(card, vote, 'tablet');
  if (refusal) throw new AppError(refusal);
}

/**
 * What the tablet shows after a scan: the vote and its candidates (nothing about other ballots). Whether the card was
 * already cast is not said here: a token holder could watch when each card is used. The cast says it, to all alike.
 */
export async function openBallot(db: Db, keys: KeyStore, scanned: string, expectedVoteId?: string) {
  const { card, vote } = await cardOf(db, keys, scanned, expectedVoteId);
  usable(card, vote);
  const [congress] = await db.select().from(congresses).where(eq(congresses.id, vote.congressId));
  const candidates = await candidatesOf(db, congress, vote);
  return {
    token: (await signCard(keys, vote.id, card.ballotId)) as string,
    serial: card.serial,
    vote: { id: vote.id, title: vote.title, seats: vote.seats, markMode: vote.markMode, maxFor: vote.maxFor, state: voteState(vote), countdownEndsAt: vote.countdownEndsAt?.toISOString() ?? null },
    candidates,
    questions: await questionsOf(db, congress, vote, async () => candidates),
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
 * Cast a ballot from a tablet. The signature is checked here; the group commit (cast-batch.ts) then checks, under a
 * lock on the card, that the vote is open and the card issued, not voided and not yet cast, and stores the ballot with
 * a fresh random receipt. A repeat carrying the ballot's retry secret and the same marks (the tablet retrying after a
 * network drop) answers the same receipt; every other repeat is refused alike (card_used), and repeats are counted.
 */
export async function castBallot(database: Database, keys: KeyStore, scanned: string, rawMarks: Record<string, string>, opts: { expectedVoteId?: string; retry?: string } = {}) {
  const payload = await verifyCard(keys, scanned);
  if (!payload) throw new AppError('card_signature');
  if (opts.expectedVoteId && payload.v !== opts.expectedVoteId) throw new AppError('card_other_vote');
  const retryHash = opts.retry ? createHash('sha256').update(opts.retry).digest('hex') : null;
  try {
    const cast = await castQueue(database).cast(payload, rawMarks, retryHash);
    if (cast.repeated) await countRepeat(database, payload.b);
    return cast;
  } catch (e) {
    if (e instanceof AppError && e.code === 'card_used') await countRepeat(database, payload.b);
    throw e;
  }
}

/** Repeats of a cast card (a tablet's retries, or someone trying a card): at most this many per card per window. */
export const CARD_REPEAT_LIMIT = { perCard: 20, windowSeconds: 600 };

/**
 * Count a repeat of a card in the database (so the limit holds across instances); past the limit, refuse. The counter
 * (its window starts at the card's first repeat) is deleted when the vote closes (votes.ts).
 */
async function countRepeat(database: Database, ballotId: string) {
  const { count, retryAfter } = await hit(database, `${CAST_REPEAT_KEY}${ballotId}`, CARD_REPEAT_LIMIT.windowSeconds);
  if (count > CARD_REPEAT_LIMIT.perCard) throw new AppError('rate_limited', { retryAfter }, undefined, { 'Retry-After': String(retryAfter) });
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
