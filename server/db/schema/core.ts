import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { LOGIN_METHODS } from '../../../shared/auth/schema.ts';

const id = () => text('id').primaryKey().$defaultFn(() => crypto.randomUUID());
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const accounts = pgTable('accounts', {
  id: id(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  // scrypt$N$r$p$salt$hash; null for accounts that only sign in with a delegate card
  passwordHash: text('password_hash'),
  systemAdmin: boolean('system_admin').notNull().default(false),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: createdAt(),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
  // A first password given by staff (or an administrator's reset): the owner must choose their own before anything else.
  mustChangePassword: boolean('must_change_password').notNull().default(false),
});

/** Sessions live in the database so that every server instance shares them. The id is the SHA-256 of the token. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    method: text('method', { enum: LOGIN_METHODS }).notNull(),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

/** Fixed-window counters shared by every instance (sign-in attempts, public submissions). */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  count: integer('count').notNull(),
});

/** Ed25519 signing keys (ballot cards, evaluation codes, delegate-card logins). */
export const signingKeys = pgTable('signing_keys', {
  kid: text('kid').primaryKey(),
  publicJwk: jsonb('public_jwk').notNull().$type<Record<string, string>>(),
  privateJwk: jsonb('private_jwk').notNull().$type<Record<string, string>>(),
  createdAt: createdAt(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});

/**
 * Append-only, hash-chained audit log. `seq` is assigned under an advisory lock so the chain never forks;
 * a trigger (see the custom migration) refuses UPDATE and DELETE.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: text('at').notNull(), // ISO-8601 UTC, hashed as written
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    congressId: text('congress_id'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    details: jsonb('details').$type<Record<string, unknown>>(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_congress_idx').on(t.congressId, t.seq)],
);

