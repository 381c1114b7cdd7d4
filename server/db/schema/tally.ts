import { boolean, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { votes } from './ballot.ts';

/**
 * 计票 — one per closed vote: the bulletin and the result exactly as published (text, not jsonb: the digests are of
 * these bytes, and jsonb would reorder the keys). Prepared by a scrutineer, signed by scrutineers, published by the
 * presidium; once published a database trigger refuses any change.
 */
export const tallies = pgTable('tallies', {
  voteId: text('vote_id')
    .primaryKey()
    .references(() => votes.id, { onDelete: 'cascade' }),
  bulletin: text('bulletin').notNull(),
  result: text('result').notNull(),
  /** SHA-256 of `result` (the text of result.json). */
  resultDigest: text('result_digest').notNull(),
  preparedAt: timestamp('prepared_at', { withTimezone: true }).notNull().defaultNow(),
  preparedBy: text('prepared_by').notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  publishedBy: text('published_by'),
});

/** 监票人签字: distinct scrutineer accounts confirm the tally; one of them as chief scrutineer (总监票人). */
export const tallySignoffs = pgTable(
  'tally_signoffs',
  {
    id: text('id').primaryKey().$defaultFn(() => crypto.randomUUID()),
    voteId: text('vote_id')
      .notNull()
      .references(() => tallies.voteId, { onDelete: 'cascade' }),
    accountId: text('account_id').notNull(),
    chief: boolean('chief').notNull().default(false),
    invalidChecked: boolean('invalid_checked').notNull().default(false),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('tally_signoffs_account').on(t.voteId, t.accountId)],
);

/**
 * 空缺名额留空: the presidium's decision, after a published result with unfilled seats, to leave them empty rather
 * than hold a further vote (另行表决). One per vote; the published tally itself never changes.
 */
export const vacanciesLeft = pgTable('vacancies_left', {
  voteId: text('vote_id')
    .primaryKey()
    .references(() => tallies.voteId, { onDelete: 'cascade' }),
  seats: integer('seats').notNull(),
  leftBy: text('left_by').notNull(),
  leftAt: timestamp('left_at', { withTimezone: true }).notNull().defaultNow(),
});
