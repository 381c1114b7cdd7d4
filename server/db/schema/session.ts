import { date, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { ATTENDANCE_STATUSES, CHECK_IN_VIA } from '../../../shared/session/schema.ts';
import { congresses } from './congress.ts';
import { representatives } from './roster.ts';

/** 会议 — a session of the congress (the table is not called `sessions`: that name holds sign-in sessions). */
export const congressSessions = pgTable('congress_sessions', {
  id: text('id').primaryKey().$defaultFn(() => crypto.randomUUID()),
  congressId: text('congress_id')
    .notNull()
    .references(() => congresses.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  date: date('date').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * 签到 — one row per representative and session. Attendance is public record (who attended); it is never linked
 * to a ballot card or a ballot (those tables have no person and no time).
 */
export const attendance = pgTable(
  'attendance',
  {
    sessionId: text('session_id')
      .notNull()
      .references(() => congressSessions.id, { onDelete: 'cascade' }),
    representativeId: text('representative_id')
      .notNull()
      .references(() => representatives.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ATTENDANCE_STATUSES }).notNull(),
    via: text('via', { enum: CHECK_IN_VIA }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('attendance_unique').on(t.sessionId, t.representativeId)],
);
