import { date, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './core.ts';
import { congresses } from './congress.ts';

/**
 * 集中研判 — the monthly review meeting of a congress: when it was held, who attended and what it decided about the
 * open, overdue and unsatisfied items (the monthly review sheet prints it beside the figures). One per month.
 */
export const reviewMeetings = pgTable(
  'review_meetings',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    congressId: text('congress_id')
      .notNull()
      .references(() => congresses.id, { onDelete: 'cascade' }),
    /** `YYYY-MM`. */
    month: text('month').notNull(),
    heldOn: date('held_on').notNull(),
    attendees: text('attendees').notNull().default(''),
    decisions: text('decisions').notNull().default(''),
    updatedBy: text('updated_by').references(() => accounts.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('review_meetings_month').on(t.congressId, t.month)],
);
