import { date, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { GENDERS, REPRESENTATIVE_STATUSES } from '../../../shared/roster/schema.ts';
import { accounts } from './core.ts';
import { congresses } from './congress.ts';

/** 代表名册 — one row per representative of a congress. */
export const representatives = pgTable(
  'representatives',
  {
    id: text('id').primaryKey().$defaultFn(() => crypto.randomUUID()),
    congressId: text('congress_id')
      .notNull()
      .references(() => congresses.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    gender: text('gender', { enum: GENDERS }),
    delegation: text('delegation').notNull().default(''), // 代表团 / 代表小组
    constituency: text('constituency').notNull().default(''), // 选区
    phone: text('phone').notNull().default(''),
    status: text('status', { enum: REPRESENTATIVE_STATUSES }).notNull().default('seated'),
    termEndedOn: date('term_ended_on'),
    termEndReason: text('term_end_reason'),
    // Bumped to revoke the login QR printed on the delegate card.
    cardVersion: integer('card_version').notNull().default(1),
    accountId: text('account_id').references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('representatives_congress_idx').on(t.congressId, t.status)],
);
