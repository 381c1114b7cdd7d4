import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from './core.ts';
import { congresses } from './congress.ts';

const congressRef = () =>
  text('congress_id')
    .notNull()
    .references(() => congresses.id, { onDelete: 'cascade' });

/**
 * How a congress's 12345 export is read (SPEC §13): for each field (ticketNo, time, content …) the header of the column
 * that holds it, set once and edited when the hotline system changes its export. No row: the default mapping
 * (shared/hotline/mapping.ts).
 */
export const hotlineMappings = pgTable('hotline_mappings', {
  congressId: text('congress_id')
    .primaryKey()
    .references(() => congresses.id, { onDelete: 'cascade' }),
  columns: jsonb('columns').$type<Record<string, string>>().notNull(),
  updatedBy: text('updated_by').references(() => accounts.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One import of a 12345 export: when, by whom, the file (name and sha256, not its bytes) and what it did. */
export const hotlineImports = pgTable(
  'hotline_imports',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    congressId: congressRef(),
    importedBy: text('imported_by').references(() => accounts.id, { onDelete: 'set null' }),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
    filename: text('filename').notNull().default(''),
    /** csv-utf-8, csv-gbk or xlsx. */
    format: text('format').notNull(),
    sha256: text('sha256').notNull(),
    rows: integer('rows').notNull(),
    created: integer('created').notNull(),
    updated: integer('updated').notNull(),
    unchanged: integer('unchanged').notNull(),
    skipped: integer('skipped').notNull(),
    /** Tickets matched to a representative of the roster, and tickets the caller rated 不满意 (put on the key-item list). */
    representatives: integer('representatives').notNull().default(0),
    unsatisfied: integer('unsatisfied').notNull().default(0),
  },
  (t) => [index('hotline_imports_congress').on(t.congressId, t.importedAt)],
);
