import { boolean, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { DEPARTMENT_KINDS } from '../../../shared/departments/schema.ts';
import { congresses } from './congress.ts';

/** 承办单位 — a department that undertakes projects. */
export const departments = pgTable(
  'departments',
  {
    id: text('id').primaryKey().$defaultFn(() => crypto.randomUUID()),
    congressId: text('congress_id')
      .notNull()
      .references(() => congresses.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind', { enum: DEPARTMENT_KINDS }).notNull(),
    contactName: text('contact_name').notNull().default(''),
    contactPhone: text('contact_phone').notNull().default(''),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('departments_congress_idx').on(t.congressId), uniqueIndex('departments_name_unique').on(t.congressId, t.name)],
);
