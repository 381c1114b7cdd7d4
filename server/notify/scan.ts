/**
 * The messages that come from the calendar rather than a change (SPEC §17): an item due within the congress's
 * `loop.dueSoonDays` (3), an item overdue (once, the days just after its deadline), reception duty tomorrow (the
 * stations' published plans), a rectification due within 3 days, and the office's daily digest at `notify.digestHour`.
 * `scan` is called by every instance's worker now and then; each message has a dedupe key naming its event (and the
 * Shanghai day where the event is a day's), so however often and on however many instances it runs, each message is
 * written once. Rows go in a fixed order, so two scans at once wait for each other instead of deadlocking.
 */
import { and, asc, eq, gte, inArray, isNotNull, lt, lte, sql } from 'drizzle-orm';
import { CongressSettings } from '../../shared/congress/settings.ts';
import { emailOf } from '../../shared/notify/rules.ts';
import { addDays, shanghaiToday } from '../../shared/time.ts';
import type { Db } from '../db/client.ts';
import { congresses, departments, items, notifyRobots, outbox, projects, receptionDays, receptionDuties, rectifications, stations } from '../db/schema/index.ts';
import { enqueue, type NewMessage } from './outbox.ts';
import * as people from './people.ts';
import { dedupeKey } from './triggers.ts';

/** Days before a rectification's deadline that its department is reminded. */
export const RECTIFICATION_NOTICE_DAYS = 3;
/** An overdue item is told on the first days after its deadline (once), not for every old one at the first scan. */
export const OVERDUE_LOOKBACK_DAYS = 3;
const SHANGHAI_MS = 8 * 3600_000;
const shanghaiHour = (at: Date) => new Date(at.getTime() + SHANGHAI_MS).getUTCHours();

async function write(db: Db, list: NewMessage[]) {
  let n = 0;
  for (let i = 0; i < list.length; i += 500) n += (await enqueue(db, list.slice(i, i + 500))).length;
  return n;
}

/** A department's recipients, looked up once per pass. */
function departmentsOnce(db: Db) {
  const seen = new Map<string, ReturnType<typeof people.department>>();
  return (id: string | null) => {
    if (!id) return Promise.resolve([]);
    if (!seen.has(id)) seen.set(id, people.department(db, id));
    return seen.get(id)!;
  };
}

type Settings = ReturnType<typeof CongressSettings.parse>;
async function settingsOfAll(db: Db) {
  const rows = await db.select({ id: congresses.id, settings: congresses.settings }).from(congresses).orderBy(asc(congresses.id));
  return new Map<string, Settings>(rows.map((c) => [c.id, CongressSettings.parse(c.settings ?? {})]));
}

/** Assigned items due within the congress's days (not those assigned today: their message said the deadline). */
async function dueSoon(db: Db, today: string, settings: Map<string, Settings>) {
  const maxDays = Math.max(0, ...[...settings.values()].map((s) => s.loop.dueSoonDays));
  const rows = await db
    .select({ id: items.id, congressId: items.congressId, code: items.trackingCode, round: items.round, dueOn: items.dueOn, departmentId: items.departmentId, assignedOn: items.assignedOn })
    .from(items)
    .where(and(eq(items.status, 'assigned'), isNotNull(items.departmentId), gte(items.dueOn, today), lte(items.dueOn, addDays(today, maxDays))))
    .orderBy(asc(items.id));
  const list: NewMessage[] = [];
  const department = departmentsOnce(db);
  for (const it of rows) {
    const days = settings.get(it.congressId)?.loop.dueSoonDays ?? 3;
    if (!it.dueOn || it.dueOn > addDays(today, days) || it.assignedOn === today) continue;
    for (const to of await department(it.departmentId)) {
      list.push({ congressId: it.congressId, kind: 'item_due_soon', to, params: { code: it.code, dueOn: it.dueOn }, subject: { type: 'item', id: it.id }, dedupeKey: dedupeKey('item_due_soon', it.id, `${it.round}-${it.dueOn}`, to) });
    }
  }
  return write(db, list);
}

/** Assigned items past their deadline: told once, on the first days after it. */
async function overdue(db: Db, today: string) {
  const rows = await db
    .select({ id: items.id, congressId: items.congressId, code: items.trackingCode, round: items.round, dueOn: items.dueOn, departmentId: items.departmentId })
    .from(items)
    .where(and(eq(items.status, 'assigned'), isNotNull(items.departmentId), lt(items.dueOn, today), gte(items.dueOn, addDays(today, -OVERDUE_LOOKBACK_DAYS))))
    .orderBy(asc(items.id));
  const list: NewMessage[] = [];
  const department = departmentsOnce(db);
  for (const it of rows) {
    for (const to of await department(it.departmentId)) {
      list.push({ congressId: it.congressId, kind: 'item_overdue', to, params: { code: it.code, dueOn: it.dueOn ?? '' }, subject: { type: 'item', id: it.id }, dedupeKey: dedupeKey('item_overdue', it.id, `${it.round}-${it.dueOn}`, to) });
    }
  }
  return write(db, list);
}

/** Representatives on duty tomorrow at a station (published plans), told in the day (08:00–22:00 Shanghai) before. */
async function dutyTomorrow(db: Db, today: string, hour: number) {
  if (hour < 8 || hour >= 22) return 0;
  const tomorrow = addDays(today, 1);
  const rows = await db
    .select({ dayId: receptionDays.id, congressId: receptionDays.congressId, day: receptionDays.day, station: stations.name, repId: receptionDuties.representativeId })
    .from(receptionDuties)
    .innerJoin(receptionDays, eq(receptionDays.id, receptionDuties.dayId))
    .innerJoin(stations, eq(stations.id, receptionDays.stationId))
    .where(and(eq(receptionDays.day, tomorrow), isNotNull(receptionDays.publishedAt)))
    .orderBy(asc(receptionDays.id), asc(receptionDuties.representativeId));
  const list: NewMessage[] = [];
  for (const r of rows) {
    for (const to of await people.representativesById(db, [r.repId])) {
      list.push({ congressId: r.congressId, kind: 'duty_tomorrow', to, params: { station: r.station.slice(0, 20), day: r.day }, subject: { type: 'reception_day', id: r.dayId }, dedupeKey: dedupeKey('duty_tomorrow', r.dayId, r.day, to) });
    }
  }
  return write(db, list);
}

/** Rectifications still to report whose deadline is within 3 days: their department, once per deadline. */
async function rectificationDue(db: Db, today: string) {
  const rows = await db
    .select({ r: rectifications })
    .from(rectifications)
    .where(and(inArray(rectifications.state, ['open', 'returned']), gte(rectifications.deadline, today), lte(rectifications.deadline, addDays(today, RECTIFICATION_NOTICE_DAYS))))
    .orderBy(asc(rectifications.id));
  const list: NewMessage[] = [];
  const department = departmentsOnce(db);
  for (const { r } of rows) {
    const [name] =
      r.targetKind === 'project'
        ? await db.select({ v: projects.title }).from(projects).where(eq(projects.id, r.targetId))
        : await db.select({ v: departments.name }).from(departments).where(eq(departments.id, r.targetId));
    for (const to of await department(r.departmentId)) {
      list.push({
        congressId: r.congressId,
        kind: 'rectification_due',
        to,
        params: { target: (name?.v ?? '').slice(0, 20), dueOn: r.deadline },
        subject: { type: 'rectification', id: r.id },
        dedupeKey: dedupeKey('rectification_due', r.id, `${r.state === 'returned' ? 'r' : ''}${r.deadline}`, to),
      });
    }
  }
  return write(db, list);
}

/** What the office's digest of a day counts for one congress. */
export async function digestFigures(db: Db, congressId: string, today: string, dueSoonDays: number) {
  const yesterday = addDays(today, -1);
  const count = sql<number>`count(*)::int`;
  const [received] = await db.select({ n: count }).from(items).where(and(eq(items.congressId, congressId), eq(items.receivedOn, yesterday)));
  const [soon] = await db.select({ n: count }).from(items).where(and(eq(items.congressId, congressId), eq(items.status, 'assigned'), gte(items.dueOn, today), lte(items.dueOn, addDays(today, dueSoonDays))));
  const [late] = await db.select({ n: count }).from(items).where(and(eq(items.congressId, congressId), eq(items.status, 'assigned'), lt(items.dueOn, today)));
  const [failed] = await db.select({ n: count }).from(outbox).where(and(eq(outbox.congressId, congressId), eq(outbox.state, 'failed')));
  return { received: Number(received?.n ?? 0), dueSoon: Number(soon?.n ?? 0), overdue: Number(late?.n ?? 0), failed: Number(failed?.n ?? 0) };
}

/** The office's daily digest, once a Shanghai day from its hour on, to the office e-mail and the robots. */
async function digest(db: Db, today: string, hour: number, settings: Map<string, Settings>) {
  const withRobots = new Set((await db.selectDistinct({ id: notifyRobots.congressId }).from(notifyRobots)).map((r) => r.id));
  let n = 0;
  for (const [congressId, s] of settings) {
    if (hour < s.notify.digestHour) continue;
    if (!emailOf(s.notify.officeEmail) && !withRobots.has(congressId)) continue;
    const to = await people.staff(db, congressId);
    if (!to.length) continue;
    const keys = to.map((r) => dedupeKey('daily_digest', congressId, today, r));
    const done = await db.select({ k: outbox.dedupeKey }).from(outbox).where(inArray(outbox.dedupeKey, keys));
    if (done.length === keys.length) continue; // told today already: not counted again
    const f = await digestFigures(db, congressId, today, s.loop.dueSoonDays);
    const params = { day: today, received: String(f.received), dueSoon: String(f.dueSoon), overdue: String(f.overdue), failed: String(f.failed) };
    n += await write(
      db,
      to.map((r) => ({ congressId, kind: 'daily_digest' as const, to: r, params, subject: { type: 'congress', id: congressId }, dedupeKey: dedupeKey('daily_digest', congressId, today, r) })),
    );
  }
  return n;
}

/** One pass over the calendar at `at`: answers how many messages it wrote (0 when every one was written before). */
export async function scan(db: Db, at: Date): Promise<number> {
  const today = shanghaiToday(at);
  const hour = shanghaiHour(at);
  const settings = await settingsOfAll(db);
  let n = 0;
  n += await dueSoon(db, today, settings);
  n += await overdue(db, today);
  n += await dutyTomorrow(db, today, hour);
  n += await rectificationDue(db, today);
  n += await digest(db, today, hour, settings);
  return n;
}
