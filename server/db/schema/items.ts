import { sql } from 'drizzle-orm';
import { boolean, customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { ANSWER_CLASSES, CALENDAR_KINDS, FEEDBACK_GRADES, ITEM_CATEGORIES, ITEM_SOURCES, ITEM_STATUSES, URGENCIES } from '../../../shared/items/enums.ts';
import { accounts } from './core.ts';
import { congresses } from './congress.ts';
import { departments } from './departments.ts';
import { proposals } from './gathering.ts';
import { representatives } from './roster.ts';
import { receptions, stations } from './stations.ts';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });
const id = () => text('id').primaryKey().$defaultFn(() => crypto.randomUUID());
const congressRef = () =>
  text('congress_id')
    .notNull()
    .references(() => congresses.id, { onDelete: 'cascade' });
const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * 意见建议 / 社情民意 — an item of the year-round loop (SPEC §13), from any source, followed by its tracking code on the
 * same `/t` page as proposals. The submitter's contact is private (never on a public page, an export or a log).
 */
export const items = pgTable(
  'items',
  {
    id: id(),
    congressId: congressRef(),
    trackingCode: text('tracking_code').notNull().unique(),
    source: text('source', { enum: ITEM_SOURCES }).notNull(),
    category: text('category', { enum: ITEM_CATEGORIES }).notNull(),
    title: text('title').notNull(),
    content: text('content').notNull(),
    place: text('place').notNull().default(''),
    /** The day it came in (Asia/Shanghai): months, years and deadlines count from it. */
    receivedOn: date('received_on').notNull(),
    stationId: text('station_id').references(() => stations.id, { onDelete: 'set null' }),
    receptionId: text('reception_id').references(() => receptions.id, { onDelete: 'set null' }),
    /** The representative who raised it (they rate its handling back-to-back; their duty archive counts it). */
    representativeId: text('representative_id').references(() => representatives.id, { onDelete: 'set null' }),
    submittedBy: text('submitted_by').references(() => accounts.id, { onDelete: 'set null' }),
    submitterName: text('submitter_name').notNull().default(''),
    /** Private. */
    submitterContact: text('submitter_contact').notNull().default(''),
    status: text('status', { enum: ITEM_STATUSES }).notNull().default('received'),
    /** 1, then 2 after 再办理 (an item is reopened once). */
    round: integer('round').notNull().default(1),
    urgency: text('urgency', { enum: URGENCIES }).notNull().default('normal'),
    departmentId: text('department_id').references(() => departments.id, { onDelete: 'set null' }),
    assignedOn: date('assigned_on'),
    dueOn: date('due_on'),
    /** The latest answer's class and when it was given (the answers themselves: item_answers). */
    answerClass: text('answer_class', { enum: ANSWER_CLASSES }),
    answeredOn: date('answered_on'),
    /**
     * The day of its first answer (any round, accepted or not), kept by a database trigger on item_answers (migration
     * 0024): a county's figures count "answered on time" over thousands of items without a lookup per item (SPEC §16).
     */
    firstAnsweredOn: date('first_answered_on'),
    /** When the item was closed (done, referred, merged, to_proposal). */
    closedOn: date('closed_on'),
    /** Triage's words: the on-the-spot answer, where it was referred, why merged. */
    triageNote: text('triage_note').notNull().default(''),
    mergedIntoId: text('merged_into_id'),
    proposalId: text('proposal_id').references(() => proposals.id, { onDelete: 'set null' }),
    /** 重点督办: led by a standing-committee leader (supervision records: item_supervisions). */
    keyItem: boolean('key_item').notNull().default(false),
    keyLeader: text('key_leader').notNull().default(''),
    /** The submitter's rating of the latest answer (满意 / 基本满意 / 不满意), given with the tracking code. */
    feedback: text('feedback', { enum: FEEDBACK_GRADES }),
    feedbackRound: integer('feedback_round'),
    /** 12345: the hotline's ticket number (unique per congress) and what its export said. */
    ticketNo: text('ticket_no'),
    hotline: jsonb('hotline').$type<Record<string, string>>(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('items_congress_received').on(t.congressId, t.receivedOn),
    index('items_congress_status_due').on(t.congressId, t.status, t.dueOn),
    index('items_department_status').on(t.congressId, t.departmentId, t.status, t.dueOn),
    /** A department's figures for a year read only that year's items. */
    index('items_department_received').on(t.congressId, t.departmentId, t.receivedOn),
    index('items_station').on(t.stationId, t.receivedOn),
    index('items_representative').on(t.representativeId),
    index('items_key').on(t.congressId, t.keyItem),
    uniqueIndex('items_ticket').on(t.congressId, t.ticketNo).where(sql`${t.ticketNo} is not null`),
  ],
);

/** Every step of an item, for its history (交办, 答复, 退回, 督办 …): who did it (staff or a department account). Never a rating. */
export const itemEvents = pgTable(
  'item_events',
  {
    id: id(),
    congressId: congressRef(),
    itemId: text('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    at: ts('at').notNull().defaultNow(),
    kind: text('kind').notNull(),
    actorId: text('actor_id').references(() => accounts.id, { onDelete: 'set null' }),
    note: text('note').notNull().default(''),
    data: jsonb('data').$type<Record<string, unknown>>(),
  },
  (t) => [index('item_events_item').on(t.itemId, t.at)],
);

/** A department's answer (答复) to an item, per round; staff accept or return it. */
export const itemAnswers = pgTable(
  'item_answers',
  {
    id: id(),
    congressId: congressRef(),
    itemId: text('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    departmentId: text('department_id').references(() => departments.id, { onDelete: 'set null' }),
    answerClass: text('answer_class', { enum: ANSWER_CLASSES }).notNull(),
    text: text('text').notNull(),
    answeredOn: date('answered_on').notNull(),
    answeredBy: text('answered_by').references(() => accounts.id, { onDelete: 'set null' }),
    /** null while staff have not decided; 'accepted' or 'returned'. */
    decision: text('decision', { enum: ['accepted', 'returned'] }),
    decisionReason: text('decision_reason').notNull().default(''),
    decidedAt: ts('decided_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('item_answers_item').on(t.itemId, t.round)],
);

/** 现场督办: a key item's on-site supervision by its leader. */
export const itemSupervisions = pgTable(
  'item_supervisions',
  {
    id: id(),
    congressId: congressRef(),
    itemId: text('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    heldOn: date('held_on').notNull(),
    leader: text('leader').notNull(),
    found: text('found').notNull(),
    newDueOn: date('new_due_on'),
    createdBy: text('created_by').references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('item_supervisions_item').on(t.itemId)],
);

/**
 * 背靠背 — a representative's rating of the handling of an item they raised, on 办理态度 / 办理情况 / 办理效果: stored
 * without the rater and without a time (SPEC §12); `handling_rating_grants` keeps only that the representative rated
 * that item's round (no second rating), in another table with nothing to join them by.
 */
export const handlingRatings = pgTable(
  'handling_ratings',
  {
    id: id(),
    congressId: congressRef(),
    /** The department rated (the answer's). */
    departmentId: text('department_id').references(() => departments.id, { onDelete: 'set null' }),
    year: integer('year').notNull(),
    attitude: text('attitude', { enum: FEEDBACK_GRADES }).notNull(),
    handling: text('handling', { enum: FEEDBACK_GRADES }).notNull(),
    effect: text('effect', { enum: FEEDBACK_GRADES }).notNull(),
  },
  (t) => [index('handling_ratings_department').on(t.congressId, t.departmentId, t.year)],
);

export const handlingRatingGrants = pgTable(
  'handling_rating_grants',
  {
    itemId: text('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    representativeId: text('representative_id')
      .notNull()
      .references(() => representatives.id, { onDelete: 'cascade' }),
    congressId: congressRef(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.round, t.representativeId] })],
);

/** The official calendar the office uploads (法定节假日 and 调休上班 days), per congress. */
export const calendarDays = pgTable(
  'calendar_days',
  {
    congressId: congressRef(),
    day: date('day').notNull(),
    kind: text('kind', { enum: CALENDAR_KINDS }).notNull(),
    name: text('name').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.congressId, t.day] })],
);

/** Photos and PDFs of the loop (a reception's photos, an answer's files, a supervision's photos), in the database like proposals' attachments. */
export const loopFiles = pgTable(
  'loop_files',
  {
    id: id(),
    congressId: congressRef(),
    ownerKind: text('owner_kind', { enum: ['reception', 'answer', 'supervision', 'item'] }).notNull(),
    ownerId: text('owner_id').notNull(),
    filename: text('filename').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    bytes: bytea('bytes').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('loop_files_owner').on(t.ownerKind, t.ownerId)],
);
