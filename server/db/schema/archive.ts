import { date, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { ENTRY_KINDS, REPORT_RATINGS } from '../../../shared/archive/schema.ts';
import { accounts } from './core.ts';
import { congresses } from './congress.ts';
import { representatives } from './roster.ts';

/**
 * 履职档案 — what staff enter into a representative's duty archive (SPEC §14): a training attended (培训) or a report to
 * the constituency (述职) with its rating. The year is the year of `held_on` (said once, not stored twice). Everything
 * else of the archive is read from what the system already holds.
 */
export const archiveEntries = pgTable(
  'archive_entries',
  {
    id: text('id').primaryKey().$defaultFn(() => crypto.randomUUID()),
    congressId: text('congress_id')
      .notNull()
      .references(() => congresses.id, { onDelete: 'cascade' }),
    representativeId: text('representative_id')
      .notNull()
      .references(() => representatives.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ENTRY_KINDS }).notNull(),
    heldOn: date('held_on').notNull(),
    title: text('title').notNull(),
    /** A report's rating (述职评议); null for a training, or a report not rated yet. */
    rating: text('rating', { enum: REPORT_RATINGS }),
    note: text('note').notNull().default(''),
    createdBy: text('created_by').references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('archive_entries_congress_day').on(t.congressId, t.heldOn), index('archive_entries_representative').on(t.representativeId, t.heldOn)],
);
