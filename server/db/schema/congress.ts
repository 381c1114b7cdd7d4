import { index, integer, jsonb, pgTable, text, timestamp, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { CONGRESS_LEVELS } from '../../../shared/congress/schema.ts';
import type { CongressSettings } from '../../../shared/congress/settings.ts';

export const congresses = pgTable(
  'congresses',
  {
  id: text('id').primaryKey().$defaultFn(() => crypto.randomUUID()),
  name: text('name').notNull(),
  level: text('level', { enum: CONGRESS_LEVELS }).notNull(),
  term: integer('term').notNull(), // 届
  // A short code a person can type from a poster or a slip (/p/K7Q3M, /e/K7Q3M): given at first use, never changed.
  shortCode: text('short_code').unique(),
  settings: jsonb('settings').notNull().$type<CongressSettings>(),
  /**
   * The congress one level up (SPEC §16): a township's or street's county, a county's city; null at the top. Only a
   * system administrator sets it (shared/county/tree.ts says which levels may sit under which).
   */
  parentId: text('parent_id').references((): AnyPgColumn => congresses.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('congresses_parent_idx').on(t.parentId)],
);
