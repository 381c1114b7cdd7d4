import { customType, date, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { CATEGORIES, CHANNELS, type Checks, PROPOSAL_STATUSES } from '../../../shared/gathering/schema.ts';
import { accounts } from './core.ts';
import { congresses } from './congress.ts';
import { departments } from './departments.ts';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });
const id = () => text('id').primaryKey().$defaultFn(() => crypto.randomUUID());
const congressRef = () =>
  text('congress_id')
    .notNull()
    .references(() => congresses.id, { onDelete: 'cascade' });

/** 征集 — a collection window per congress and year. Open or closed is computed from the dates, never stored. */
export const collectionWindows = pgTable(
  'collection_windows',
  {
    id: id(),
    congressId: congressRef(),
    year: integer('year').notNull(),
    opensOn: date('opens_on').notNull(),
    closesOn: date('closes_on').notNull(),
    /** Closed early by staff (otherwise the window closes at the end of closesOn, Asia/Shanghai). */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('collection_windows_year').on(t.congressId, t.year)],
);

/** 项目建议 — a proposal from any channel. */
export const proposals = pgTable(
  'proposals',
  {
    id: id(),
    congressId: congressRef(),
    windowId: text('window_id')
      .notNull()
      .references(() => collectionWindows.id),
    year: integer('year').notNull(),
    trackingCode: text('tracking_code').notNull().unique(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    category: text('category', { enum: CATEGORIES }).notNull(),
    location: text('location').notNull(),
    estimatedInvestment: numeric('estimated_investment', { precision: 14, scale: 2 }),
    beneficiaries: text('beneficiaries').notNull().default(''),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    station: text('station').notNull().default(''),
    submitterName: text('submitter_name').notNull().default(''),
    /** Private: never on a public page or export. */
    submitterContact: text('submitter_contact').notNull().default(''),
    submittedBy: text('submitted_by').references(() => accounts.id, { onDelete: 'set null' }),
    status: text('status', { enum: PROPOSAL_STATUSES }).notNull().default('submitted'),
    decisionReason: text('decision_reason').notNull().default(''),
    mergedIntoId: text('merged_into_id'),
    checks: jsonb('checks').$type<Checks>(),
    screenedAt: timestamp('screened_at', { withTimezone: true }),
    screenedBy: text('screened_by').references(() => accounts.id, { onDelete: 'set null' }),
    /** Brought back from the reserve pool: the earlier year's proposal. */
    revivedFromId: text('revived_from_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('proposals_congress_year').on(t.congressId, t.year, t.status), index('proposals_merged_into').on(t.mergedIntoId)],
);

/** Photos and PDFs, in the database so they work on PGlite and across instances. */
export const attachments = pgTable(
  'attachments',
  {
    id: id(),
    proposalId: text('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    bytes: bytea('bytes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('attachments_proposal').on(t.proposalId)],
);

/** 候选项目 — an accepted proposal with its formal fields. */
export const candidates = pgTable(
  'candidates',
  {
    id: id(),
    congressId: congressRef(),
    year: integer('year').notNull(),
    proposalId: text('proposal_id')
      .notNull()
      .unique()
      .references(() => proposals.id),
    title: text('title').notNull(),
    content: text('content').notNull(),
    leadDepartmentId: text('lead_department_id')
      .notNull()
      .references(() => departments.id),
    coDepartmentIds: jsonb('co_department_ids').$type<string[]>().notNull().default([]),
    plannedInvestment: numeric('planned_investment', { precision: 14, scale: 2 }).notNull(),
    fundingSource: text('funding_source').notNull(),
    plannedCompletion: date('planned_completion').notNull(),
    expectedOutcome: text('expected_outcome').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('candidates_congress_year').on(t.congressId, t.year)],
);

/** 候选项目清单 — an ordered list for a session's vote; frozen lists never change (a new version is made instead). */
export const candidateLists = pgTable(
  'candidate_lists',
  {
  id: id(),
  congressId: congressRef(),
  year: integer('year').notNull(),
  title: text('title').notNull(),
  seats: integer('seats').notNull(),
  version: integer('version').notNull().default(1),
  supersedesId: text('supersedes_id'),
  frozenAt: timestamp('frozen_at', { withTimezone: true }),
  frozenBy: text('frozen_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // A county's dashboard reads each township's lists of a year (SPEC §16).
  (t) => [index('candidate_lists_congress_year').on(t.congressId, t.year)],
);

export const candidateListItems = pgTable(
  'candidate_list_items',
  {
    listId: text('list_id')
      .notNull()
      .references(() => candidateLists.id, { onDelete: 'cascade' }),
    candidateId: text('candidate_id')
      .notNull()
      .references(() => candidates.id),
    position: integer('position').notNull(),
  },
  (t) => [uniqueIndex('candidate_list_items_pos').on(t.listId, t.position), uniqueIndex('candidate_list_items_cand').on(t.listId, t.candidateId)],
);
