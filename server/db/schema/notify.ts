import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { congresses } from './congress.ts';

/**
 * 通知发件箱 (SPEC §17): one row per message to one person (or one group robot) on one channel, written in the same
 * transaction as the change it reports (server/notify/outbox.ts `enqueue`), sent by the worker (server/notify/worker.ts)
 * with retries and backoff. Several instances share it: a row is claimed with `FOR UPDATE SKIP LOCKED` and a lease.
 * `address` (a phone, an e-mail address) is what the worker needs to send; once the row is final (sent, failed,
 * skipped) it is blanked and only `address_masked` stays. Never logged. No row holds a ballot card or an evaluation
 * code tied to a person (an SMS invitation's code is made at sending and put in the text only: server/notify/kinds).
 */
export const outbox = pgTable(
  'outbox',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    congressId: text('congress_id')
      .notNull()
      .references(() => congresses.id, { onDelete: 'cascade' }),
    /** shared/notify/enums.ts MESSAGE_KINDS. */
    kind: text('kind').notNull(),
    /** shared/notify/enums.ts CHANNELS. */
    channel: text('channel').notNull(),
    /** Who it is for: shared/notify/enums.ts AUDIENCES. */
    audience: text('audience').notNull(),
    /**
     * The person (for opt-out and the per-person cap): `account:<id>`, `member:<rosterId>`, `department:<id>`,
     * `addr:<hmac of the address>` (a resident), `group:<congressId>` (a robot).
     */
    personKey: text('person_key').notNull(),
    /** What the worker sends to; '' for a robot (its webhook is the congress's, notify_robots) and once the row is final. */
    address: text('address').notNull().default(''),
    /** What staff see: 138****5678, w***@example.cn, 企业微信群. */
    addressMasked: text('address_masked').notNull().default(''),
    lang: text('lang').notNull().default('zh-CN'),
    /** The template's parameters (strings), never a secret. */
    params: jsonb('params').notNull().$type<Record<string, string>>(),
    /** What it is about, for the staff list (item, proposal, project, round, station, …). */
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    /** One event, one message: triggers and scans name each message (kind + subject + day + person + channel). */
    dedupeKey: text('dedupe_key'),
    /** shared/notify/enums.ts MESSAGE_STATES. */
    state: text('state').notNull().default('pending'),
    /** Why `due_at` was moved later (quiet hours, the daily cap) or why it was skipped (opted out, channel off). */
    reason: text('reason'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    leasedBy: text('leased_by'),
    /** The provider's id for the message (BizId, Message-ID). */
    providerId: text('provider_id'),
    /** The last failure in words (a code and the provider's message), never an address. */
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('outbox_dedupe').on(t.dedupeKey),
    index('outbox_due').on(t.state, t.dueAt),
    index('outbox_congress_created').on(t.congressId, t.createdAt),
    index('outbox_person_sent').on(t.personKey, t.channel, t.sentAt),
  ],
);

/** 退订: a person (outbox.person_key) asked not to hear on a channel. A resident is kept by the HMAC of their address only. */
export const notifyOptouts = pgTable(
  'notify_optouts',
  {
    personKey: text('person_key').notNull(),
    channel: text('channel').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personKey, t.channel] })],
);

/** A congress's group robots (企业微信 / 钉钉 群机器人): the webhook and the signing secret, never answered back whole. */
export const notifyRobots = pgTable(
  'notify_robots',
  {
    congressId: text('congress_id')
      .notNull()
      .references(() => congresses.id, { onDelete: 'cascade' }),
    /** 'wecom' | 'dingtalk'. */
    channel: text('channel').notNull(),
    webhook: text('webhook').notNull(),
    secret: text('secret').notNull().default(''),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.congressId, t.channel] })],
);

/** A congress's own wording of a message (zh-CN / en) for e-mail and robots, and the approved SMS template it uses. */
export const notifyTemplates = pgTable(
  'notify_templates',
  {
    congressId: text('congress_id')
      .notNull()
      .references(() => congresses.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    zh: text('zh'),
    en: text('en'),
    smsTemplateCode: text('sms_template_code'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.congressId, t.kind] })],
);
