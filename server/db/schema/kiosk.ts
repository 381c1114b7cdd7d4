import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { KIOSK_ENDINGS, KIOSK_KINDS } from '../../../shared/kiosk/schema.ts';
import { accounts } from './core.ts';
import { congresses } from './congress.ts';
import { congressSessions } from './session.ts';

/**
 * A device locked to one job for one session (签到平板 / 投票平板). Staff set it up (created), the device opens the
 * short-lived signed enrolment link once (enrolled: it is given its own credential, kept here only as a hash), and it
 * ends by a staff revoke, a staff sign-in at the device (left) or its expiry. Its state is computed from these times.
 * Nothing here is ever linked to a ballot: casting is public and never reads the kiosk credential.
 */
export const kiosks = pgTable(
  'kiosks',
  {
    id: text('id').primaryKey().$defaultFn(() => crypto.randomUUID()),
    congressId: text('congress_id')
      .notNull()
      .references(() => congresses.id, { onDelete: 'cascade' }),
    sessionId: text('session_id')
      .notNull()
      .references(() => congressSessions.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: KIOSK_KINDS }).notNull(),
    label: text('label').notNull(),
    createdBy: text('created_by').references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** The enrolment link works once, until this time. */
    enrolBefore: timestamp('enrol_before', { withTimezone: true }).notNull(),
    enrolledAt: timestamp('enrolled_at', { withTimezone: true }),
    /** SHA-256 of the device's credential (an HttpOnly cookie), set at enrolment. */
    credentialHash: text('credential_hash').unique(),
    csrfToken: text('csrf_token'),
    /** The kiosk ends by itself at this time (the end of the session's day, or the hours staff chose). */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedHow: text('ended_how', { enum: KIOSK_ENDINGS }),
    endedBy: text('ended_by').references(() => accounts.id, { onDelete: 'set null' }),
  },
  (t) => [index('kiosks_session_idx').on(t.sessionId)],
);
