import { index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { ROLES } from '../../../shared/roles.ts';
import { accounts } from './core.ts';
import { congresses } from './congress.ts';
import { departments } from './departments.ts';
import { stations } from './stations.ts';

/** A role that an account holds in one congress; department accounts name their department. */
export const memberships = pgTable(
  'memberships',
  {
    id: text('id').primaryKey().$defaultFn(() => crypto.randomUUID()),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    congressId: text('congress_id')
      .notNull()
      .references(() => congresses.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
    departmentId: text('department_id').references(() => departments.id, { onDelete: 'cascade' }),
    /** A station keeper's station (role `station`). */
    stationId: text('station_id').references(() => stations.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('memberships_unique').on(t.accountId, t.congressId, t.role),
    index('memberships_congress_idx').on(t.congressId),
  ],
);
