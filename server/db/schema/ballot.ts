import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { ISSUANCE_MODES, PAPER_ENTRY_STATES, VOTE_KINDS } from '../../../shared/ballot/schema.ts';
import { MOTION_KINDS, MOTION_THRESHOLD_BASES } from '../../../shared/ballot/motion-kinds.ts';
import { PROJECT_MARK_MODES, type Marks } from '../../../shared/ballot/methods/index.ts';
import { THRESHOLD_BASES } from '../../../shared/congress/settings.ts';
import { congresses } from './congress.ts';
import { candidateLists } from './gathering.ts';
import { congressSessions } from './session.ts';

/** 表决 — one ballot in a session over a frozen candidate list. Open/closed is computed from the two timestamps. */
export const votes = pgTable(
  'votes',
  {
  id: text('id').primaryKey().$defaultFn(() => crypto.randomUUID()),
  congressId: text('congress_id')
    .notNull()
    .references(() => congresses.id, { onDelete: 'cascade' }),
  sessionId: text('session_id')
    .notNull()
    .references(() => congressSessions.id, { onDelete: 'cascade' }),
  /** The project question's frozen list; null for a sitting of motions only (表决事项单 without a project vote). */
  listId: text('list_id').references(() => candidateLists.id),
  /** Where the project question sits among the sitting's motions (their `position`): the card's order. */
  listPosition: integer('list_position').notNull().default(0),
  title: text('title').notNull(),
  seats: integer('seats').notNull(),
  /** The project question's method (a motion is always 'motion', never stored here). */
  markMode: text('mark_mode', { enum: PROJECT_MARK_MODES }).notNull(),
  maxFor: integer('max_for').notNull(),
  thresholdBase: text('threshold_base', { enum: THRESHOLD_BASES }).notNull(),
  thresholdNumerator: integer('threshold_numerator').notNull(),
  thresholdDenominator: integer('threshold_denominator').notNull(),
  thresholdStrict: boolean('threshold_strict').notNull(),
  spareCards: integer('spare_cards').notNull(),
  /** 'scan': each card is scanned as it is handed out; 'count': the scrutineers enter the number handed out. */
  issuanceMode: text('issuance_mode', { enum: ISSUANCE_MODES }).notNull().default('scan'),
  issuedCount: integer('issued_count'),
  /** SHA-256 of the sorted ballot ids, published when the cards are made, so no card can be added unseen. */
  cardsCommitment: text('cards_commitment'),
  cardsGeneratedAt: timestamp('cards_generated_at', { withTimezone: true }),
  openedAt: timestamp('opened_at', { withTimezone: true }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  countdownEndsAt: timestamp('countdown_ends_at', { withTimezone: true }),
  openSeated: integer('open_seated'),
  openPresent: integer('open_present'),
  closeSeated: integer('close_seated'),
  closePresent: integer('close_present'),
  /** A re-vote (runoff or a new vote after a void one) names the vote it follows; earlier rounds stay on record. */
  previousVoteId: text('previous_vote_id'),
  /** regular, or what it follows: 再次投票 (runoff among the tied), 另行表决 (further vote), a re-vote after a void one. */
  kind: text('kind', { enum: VOTE_KINDS }).notNull().default('regular'),
  /** The candidates on this vote's ballot, in list order, when they are a part of the list (runoff, further vote). */
  candidateIds: jsonb('candidate_ids').$type<string[]>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // A county's dashboard finds the votes of a year's lists (SPEC §16).
  (t) => [index('votes_list').on(t.listId)],
);

/**
 * 选票 — ballot cards. No person, no attendance row, no time and no order of issuance: `issued` is a flag only, and
 * the primary key is random, so the queue at the desk cannot be matched to the cards.
 */
export const cards = pgTable(
  'cards',
  {
    id: text('id').primaryKey().$defaultFn(() => crypto.randomUUID()),
    voteId: text('vote_id')
      .notNull()
      .references(() => votes.id, { onDelete: 'cascade' }),
    /** 128 random bits, base64url: what the signed token carries as `b`. */
    ballotId: text('ballot_id').notNull().unique(),
    serial: text('serial').notNull(),
    issued: boolean('issued').notNull().default(false),
    voided: boolean('voided').notNull().default(false),
  },
  (t) => [uniqueIndex('cards_serial').on(t.voteId, t.serial), index('cards_vote').on(t.voteId)],
);

/**
 * 投票 — cast ballots. Only: the card (unique: a second cast is impossible), the marks, the receipt and whether it
 * was on paper. No account, session, address, device, user agent, time, serial or order; the key is random.
 */
export const ballots = pgTable(
  'ballots',
  {
    id: text('id').primaryKey().$defaultFn(() => crypto.randomUUID()),
    voteId: text('vote_id')
      .notNull()
      .references(() => votes.id, { onDelete: 'cascade' }),
    cardId: text('card_id')
      .notNull()
      .unique()
      .references(() => cards.id),
    marks: jsonb('marks').$type<Marks>().notNull(),
    receipt: text('receipt').notNull().unique(),
    paper: boolean('paper').notNull().default(false),
    /**
     * SHA-256 of the random secret the tablet made for this ballot and sends with every attempt: only a repeat carrying
     * it (and the same marks) is answered with the receipt again. Random per ballot — it names no tablet or person.
     */
    retryHash: text('retry_hash'),
  },
  (t) => [index('ballots_vote').on(t.voteId)],
);

/**
 * 纸质选票 — each paper ballot is keyed in by two counters independently; when both agree it becomes a ballot like any
 * other, when they differ the scrutineers resolve it. Entered only after the vote closes (no marks while it is open).
 */
export const paperEntries = pgTable(
  'paper_entries',
  {
    id: text('id').primaryKey().$defaultFn(() => crypto.randomUUID()),
    voteId: text('vote_id')
      .notNull()
      .references(() => votes.id, { onDelete: 'cascade' }),
    cardId: text('card_id')
      .notNull()
      .references(() => cards.id),
    /** The counter's account: two entries of one card must come from two different counters. */
    enteredBy: text('entered_by').notNull(),
    marks: jsonb('marks').$type<Marks>().notNull(),
    state: text('state', { enum: PAPER_ENTRY_STATES }).notNull(),
  },
  (t) => [uniqueIndex('paper_entries_counter').on(t.cardId, t.enteredBy), index('paper_entries_vote').on(t.voteId)],
);

/**
 * 议题 — a motion: one question for / against / abstain, put to the session on a sitting's card (vote_id, position).
 * It holds the question only: no ballot, mark or person (the marks are in `ballots`, keyed by the motion's id). It can
 * be edited, moved or deleted while it is on no vote or its vote has not opened.
 */
export const motions = pgTable(
  'motions',
  {
    id: text('id').primaryKey().$defaultFn(() => crypto.randomUUID()),
    congressId: text('congress_id')
      .notNull()
      .references(() => congresses.id, { onDelete: 'cascade' }),
    sessionId: text('session_id')
      .notNull()
      .references(() => congressSessions.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: MOTION_KINDS }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    /** Passes with 赞成 more than (strict) or at least base × numerator / denominator; by default more than half of all seated. */
    thresholdBase: text('threshold_base', { enum: MOTION_THRESHOLD_BASES }).notNull().default('seated'),
    thresholdNumerator: integer('threshold_numerator').notNull().default(1),
    thresholdDenominator: integer('threshold_denominator').notNull().default(2),
    thresholdStrict: boolean('threshold_strict').notNull().default(true),
    /** The sitting (a vote) it is put to, and its place on that card. */
    voteId: text('vote_id').references(() => votes.id, { onDelete: 'set null' }),
    position: integer('position').notNull().default(0),
    /** kind 'decision': the published project vote (the root of its chain) whose final list it adopts. */
    decidesVoteId: text('decides_vote_id').references(() => votes.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('motions_session').on(t.sessionId), index('motions_vote').on(t.voteId)],
);
