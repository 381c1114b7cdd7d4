import { date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { RECEPTION_KINDS, STATION_KINDS } from '../../../shared/items/enums.ts';
import { accounts } from './core.ts';
import { congresses } from './congress.ts';
import { representatives } from './roster.ts';

const id = () => text('id').primaryKey().$defaultFn(() => crypto.randomUUID());
const congressRef = () =>
  text('congress_id')
    .notNull()
    .references(() => congresses.id, { onDelete: 'cascade' });

/** 代表联络站 — a central station of the township or a village/community station (SPEC §13). Keepers are accounts with role `station` (memberships.station_id). */
export const stations = pgTable(
  'stations',
  {
    id: id(),
    congressId: congressRef(),
    name: text('name').notNull(),
    kind: text('kind', { enum: STATION_KINDS }).notNull(),
    address: text('address').notNull().default(''),
    /** The station's public contact (上墙公布), not a person's private phone. */
    contact: text('contact').notNull().default(''),
    /** Reception times as the wall says them (每月15日上午 9:00–12:00). */
    receptionTimes: text('reception_times').notNull().default(''),
    duties: text('duties').notNull().default(''),
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('stations_name').on(t.congressId, t.name)],
);

/** 进站: the representatives assigned to a station (one person may be in several). */
export const stationRepresentatives = pgTable(
  'station_representatives',
  {
    stationId: text('station_id')
      .notNull()
      .references(() => stations.id, { onDelete: 'cascade' }),
    representativeId: text('representative_id')
      .notNull()
      .references(() => representatives.id, { onDelete: 'cascade' }),
    congressId: congressRef(),
  },
  (t) => [primaryKey({ columns: [t.stationId, t.representativeId] }), index('station_representatives_rep').on(t.representativeId)],
);

/** 接待计划: a planned reception day of a station, with who is on duty (reception_duties). Published in advance. */
export const receptionDays = pgTable(
  'reception_days',
  {
    id: id(),
    congressId: congressRef(),
    stationId: text('station_id')
      .notNull()
      .references(() => stations.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    day: date('day').notNull(),
    kind: text('kind', { enum: RECEPTION_KINDS }).notNull().default('reception'),
    theme: text('theme').notNull().default(''),
    /** Set when the plan is published (上墙): the public page shows published days only. */
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('reception_days_day').on(t.stationId, t.day), index('reception_days_year').on(t.congressId, t.year)],
);

/** Who is on duty on a planned day. */
export const receptionDuties = pgTable(
  'reception_duties',
  {
    dayId: text('day_id')
      .notNull()
      .references(() => receptionDays.id, { onDelete: 'cascade' }),
    representativeId: text('representative_id')
      .notNull()
      .references(() => representatives.id, { onDelete: 'cascade' }),
    congressId: congressRef(),
  },
  (t) => [primaryKey({ columns: [t.dayId, t.representativeId] }), index('reception_duties_rep').on(t.representativeId)],
);

/** 接待登记 — a reception held (or a home visit, a theme day): who was there, how many came (names and phones stay off it). */
export const receptions = pgTable(
  'receptions',
  {
    id: id(),
    congressId: congressRef(),
    stationId: text('station_id')
      .notNull()
      .references(() => stations.id, { onDelete: 'cascade' }),
    /** The planned day it fulfils, if any. */
    dayId: text('day_id').references(() => receptionDays.id, { onDelete: 'set null' }),
    heldOn: date('held_on').notNull(),
    kind: text('kind', { enum: RECEPTION_KINDS }).notNull().default('reception'),
    theme: text('theme').notNull().default(''),
    visitors: integer('visitors').notNull().default(0),
    notes: text('notes').notNull().default(''),
    createdBy: text('created_by').references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('receptions_station').on(t.stationId, t.heldOn), index('receptions_congress').on(t.congressId, t.heldOn)],
);

/** The representatives present at a reception (their duty archive counts them). */
export const receptionRepresentatives = pgTable(
  'reception_representatives',
  {
    receptionId: text('reception_id')
      .notNull()
      .references(() => receptions.id, { onDelete: 'cascade' }),
    representativeId: text('representative_id')
      .notNull()
      .references(() => representatives.id, { onDelete: 'cascade' }),
    congressId: congressRef(),
  },
  (t) => [primaryKey({ columns: [t.receptionId, t.representativeId] }), index('reception_representatives_rep').on(t.representativeId)],
);
