import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { ALL_ANSWER_VALUES } from '../../../shared/evaluation/kinds.ts';
import { AUDIENCES, GRADES, type Items, RECTIFICATION_STATES, ROUND_KINDS, TARGET_KINDS } from '../../../shared/evaluation/schema.ts';
import { congresses } from './congress.ts';
import { departments } from './departments.ts';
import { representatives } from './roster.ts';
import { congressSessions } from './session.ts';

const id = () => text('id').primaryKey().$defaultFn(() => crypto.randomUUID());

/** 测评轮次 — draft → open → closed → published (computed from the three timestamps). */
export const evalRounds = pgTable(
  'eval_rounds',
  {
  id: id(),
  congressId: text('congress_id')
    .notNull()
    .references(() => congresses.id, { onDelete: 'cascade' }),
  year: integer('year').notNull(),
  title: text('title').notNull(),
  kind: text('kind', { enum: ROUND_KINDS }).notNull().default('regular'),
  previousRoundId: text('previous_round_id'),
  audiences: jsonb('audiences').$type<('representatives' | 'residents')[]>().notNull(),
  items: jsonb('items').$type<Items>().notNull(),
  allowUnknown: boolean('allow_unknown').notNull().default(true),
  /** 会场测评: the session it is answered at, on the hall tablets (null: answered anywhere). Set only while a draft. */
  sessionId: text('session_id').references(() => congressSessions.id, { onDelete: 'set null' }),
  issuedRepresentatives: integer('issued_representatives').notNull().default(0),
  issuedResidents: integer('issued_residents').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  openedAt: timestamp('opened_at', { withTimezone: true }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  // A county's dashboard and roll-up read each township's rounds of a year (SPEC §16).
  (t) => [index('eval_rounds_congress_year').on(t.congressId, t.year)],
);

/** What a round evaluates: projects and departments, in order. */
export const evalTargets = pgTable(
  'eval_targets',
  {
    roundId: text('round_id')
      .notNull()
      .references(() => evalRounds.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: TARGET_KINDS }).notNull(),
    targetId: text('target_id').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.kind, t.targetId] })],
);

/**
 * Printed one-time codes (slips): the random code id the signed token carries, and the serial to type. Handed out at
 * random; nothing here names a person, and nothing here says whether or when a code was used.
 */
export const evalCodes = pgTable(
  'eval_codes',
  {
    id: id(),
    roundId: text('round_id')
      .notNull()
      .references(() => evalRounds.id, { onDelete: 'cascade' }),
    audience: text('audience', { enum: AUDIENCES }).notNull(),
    codeId: text('code_id').notNull().unique(),
    serial: text('serial').notNull(),
  },
  (t) => [uniqueIndex('eval_codes_serial').on(t.roundId, t.serial)],
);

/** Spent codes: SHA-256 of the code id, so a code answers once. No time, no order (the key is the hash). */
export const evalSpent = pgTable(
  'eval_spent',
  {
    codeHash: text('code_hash').primaryKey(),
    roundId: text('round_id')
      .notNull()
      .references(() => evalRounds.id, { onDelete: 'cascade' }),
    audience: text('audience', { enum: AUDIENCES }).notNull(),
  },
  (t) => [index('eval_spent_round').on(t.roundId)],
);

/** A representative signed in with their card was given a code by the system: that they received one, never which. */
export const evalGrants = pgTable(
  'eval_grants',
  {
    roundId: text('round_id')
      .notNull()
      .references(() => evalRounds.id, { onDelete: 'cascade' }),
    representativeId: text('representative_id')
      .notNull()
      .references(() => representatives.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.representativeId] })],
);

/**
 * 测评答案 — one row per answered item. Only: round, audience, target, item, answer; the key is random. No account,
 * code, address, device, user agent or time, so nothing ties an answer to a person or orders answers by arrival.
 */
export const evalAnswers = pgTable(
  'eval_answers',
  {
    id: id(),
    roundId: text('round_id')
      .notNull()
      .references(() => evalRounds.id, { onDelete: 'cascade' }),
    audience: text('audience', { enum: AUDIENCES }).notNull(),
    targetKind: text('target_kind', { enum: TARGET_KINDS }).notNull(),
    targetId: text('target_id').notNull(),
    itemId: text('item_id').notNull(),
    /** A choice of the item's kind (satisfaction3, scale5, yes_no; checked against the item when submitted). */
    answer: text('answer', { enum: ALL_ANSWER_VALUES }).notNull(),
  },
  (t) => [index('eval_answers_round').on(t.roundId)],
);

/**
 * Free-text comments, with the same rules as answers; shown sorted by their text. `item_id`: the comment item it answers
 * (null: the free comment on the target).
 */
export const evalComments = pgTable(
  'eval_comments',
  {
    id: id(),
    roundId: text('round_id')
      .notNull()
      .references(() => evalRounds.id, { onDelete: 'cascade' }),
    audience: text('audience', { enum: AUDIENCES }).notNull(),
    targetKind: text('target_kind', { enum: TARGET_KINDS }).notNull(),
    targetId: text('target_id').notNull(),
    itemId: text('item_id'),
    text: text('text').notNull(),
  },
  (t) => [index('eval_comments_round').on(t.roundId)],
);

/** 整改 — opened by a 基本满意 or 不满意 grade for the department; a 不满意 one requires a re-evaluation. */
export const rectifications = pgTable(
  'rectifications',
  {
    id: id(),
    congressId: text('congress_id')
      .notNull()
      .references(() => congresses.id, { onDelete: 'cascade' }),
    roundId: text('round_id')
      .notNull()
      .references(() => evalRounds.id, { onDelete: 'cascade' }),
    targetKind: text('target_kind', { enum: TARGET_KINDS }).notNull(),
    targetId: text('target_id').notNull(),
    departmentId: text('department_id')
      .notNull()
      .references(() => departments.id),
    grade: text('grade', { enum: GRADES }).notNull(),
    requiresReevaluation: boolean('requires_reevaluation').notNull(),
    repeated: boolean('repeated').notNull().default(false),
    deadline: date('deadline').notNull(),
    state: text('state', { enum: RECTIFICATION_STATES }).notNull().default('open'),
    report: text('report').notNull().default(''),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    reviewNote: text('review_note').notNull().default(''),
    reevaluationRoundId: text('reevaluation_round_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('rectifications_target').on(t.roundId, t.targetKind, t.targetId), index('rectifications_department').on(t.departmentId)],
);

/** 任命人员: the officials the standing committee appointed, evaluated in 任命人员履职测评. Archived, never deleted. */
export const evalOfficials = pgTable(
  'eval_officials',
  {
    id: id(),
    congressId: text('congress_id')
      .notNull()
      .references(() => congresses.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    post: text('post').notNull(),
    departmentId: text('department_id').references(() => departments.id),
    appointedOn: date('appointed_on'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('eval_officials_congress').on(t.congressId)],
);

/** 专题询问: a topical inquiry and the departments that answered it, whose answers a round evaluates. Archived, never deleted. */
export const evalInquiries = pgTable(
  'eval_inquiries',
  {
    id: id(),
    congressId: text('congress_id')
      .notNull()
      .references(() => congresses.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    heldOn: date('held_on').notNull(),
    departmentIds: jsonb('department_ids').$type<string[]>().notNull(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('eval_inquiries_congress').on(t.congressId)],
);
