/** The stations stage's routes (shared/stations/contract.ts), staff and public. */
import { and, asc, desc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import QRCode from 'qrcode';
import { CongressSettings } from '../../shared/congress/settings.ts';
import { ITEM_CATEGORIES } from '../../shared/items/enums.ts';
import * as C from '../../shared/stations/contract.ts';
import type { AddDays, PlanDay, QuarterShortfall, Reception, StationSummary } from '../../shared/stations/schema.ts';
import { quarterBounds, shortfall } from '../../shared/stations/shortfall.ts';
import { shanghaiToday } from '../../shared/time.ts';
import type { DbOrTx } from '../db/client.ts';
import {
  accounts,
  congresses,
  items,
  loopFiles,
  memberships,
  receptionDays,
  receptionDuties,
  receptionRepresentatives,
  receptions,
  representatives,
  stationRepresentatives,
  stations,
} from '../db/schema/index.ts';
import { checkChallenge } from '../gathering/challenge.ts';
import { checkFiles } from '../gathering/attachments.ts';
import { createItem } from '../items/create.ts';
import { appendAudit } from '../lib/audit.ts';
import { actorOf } from '../lib/auth.ts';
import { clientIp } from '../lib/client-ip.ts';
import { implement } from '../lib/contract.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError, isUniqueViolation } from '../lib/errors.ts';
import { publicOrigin } from '../lib/origin.ts';
import { hit } from '../lib/rate-limit.ts';
import { congressReps, isStationStaff, keptStation, mayKeep, stationIn, stationReps } from './access.ts';

/** Public limits, per address (the same as the public proposal form's). */
export const STATION_LIMITS = { submitPerHour: 10 };

const pageUrl = (c: Parameters<typeof publicOrigin>[0], stationId: string) => `${publicOrigin(c)}/s/${stationId}`;
const nameTaken = (e: unknown, name: string | undefined) => (isUniqueViolation(e) ? new AppError('station_name_taken', { name: name ?? '' }) : e);
const yearOf = (q: { year?: number }) => q.year ?? Number(shanghaiToday().slice(0, 4));

async function summaries(db: DbOrTx, congressId: string, only?: string): Promise<StationSummary[]> {
  const today = shanghaiToday();
  const year = today.slice(0, 4);
  const rows = await db
    .select()
    .from(stations)
    .where(only ? and(eq(stations.congressId, congressId), eq(stations.id, only)) : eq(stations.congressId, congressId))
    .orderBy(asc(stations.position), asc(stations.name));
  // Counted per station in grouped queries (one each, whatever the number of stations).
  const byStation = <T extends { stationId: string | null }>(xs: T[]) => new Map(xs.map((x) => [x.stationId, x]));
  const inCongress = only ? [only] : rows.map((r) => r.id);
  const none = !inCongress.length;
  const reps = none ? new Map() : byStation(await db.select({ stationId: stationRepresentatives.stationId, n: sql<number>`count(*)::int` }).from(stationRepresentatives).where(inArray(stationRepresentatives.stationId, inCongress)).groupBy(stationRepresentatives.stationId));
  const next = none ? new Map() : byStation(await db.select({ stationId: receptionDays.stationId, day: sql<string>`min(${receptionDays.day})::text` }).from(receptionDays).where(and(inArray(receptionDays.stationId, inCongress), gte(receptionDays.day, today))).groupBy(receptionDays.stationId));
  const held = none ? new Map() : byStation(await db.select({ stationId: receptions.stationId, n: sql<number>`count(*)::int` }).from(receptions).where(and(inArray(receptions.stationId, inCongress), gte(receptions.heldOn, `${year}-01-01`), lte(receptions.heldOn, `${year}-12-31`))).groupBy(receptions.stationId));
  const waiting = none ? new Map() : byStation(await db.select({ stationId: items.stationId, n: sql<number>`count(*)::int` }).from(items).where(and(inArray(items.stationId, inCongress), eq(items.status, 'received'))).groupBy(items.stationId));
  const keepers = rows.length
    ? await db
        .select({ stationId: memberships.stationId, id: accounts.id, displayName: accounts.displayName })
        .from(memberships)
        .innerJoin(accounts, eq(accounts.id, memberships.accountId))
        .where(and(eq(memberships.congressId, congressId), eq(memberships.role, 'station')))
        .orderBy(accounts.displayName)
    : [];
  return rows.map((s) => ({
    id: s.id,
    name: s.name,
    kind: s.kind,
    address: s.address,
    contact: s.contact,
    receptionTimes: s.receptionTimes,
    duties: s.duties,
    position: s.position,
    representatives: Number(reps.get(s.id)?.n ?? 0),
    keepers: keepers.filter((k) => k.stationId === s.id).map((k) => ({ id: k.id, displayName: k.displayName })),
    nextDay: next.get(s.id)?.day ? String(next.get(s.id)!.day).slice(0, 10) : null,
    receptionsThisYear: Number(held.get(s.id)?.n ?? 0),
    itemsWaiting: Number(waiting.get(s.id)?.n ?? 0),
  }));
}

/** The days a rule gives (in order), or a refusal when the range is not one year read forwards. */
export function daysOfRule(input: AddDays): string[] {
  if (input.rule === 'one') return [input.day];
  const { from, to } = input;
  if (from > to || from.slice(0, 4) !== to.slice(0, 4)) throw new AppError('plan_range_invalid');
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    const d = new Date(t);
    const iso = d.toISOString().slice(0, 10);
    if (input.rule === 'monthly' ? d.getUTCDate() === input.dayOfMonth : (d.getUTCDay() || 7) === input.weekday) out.push(iso);
  }
  if (!out.length) throw new AppError('plan_rule_no_days');
  return out;
}

async function planOf(db: DbOrTx, congress: typeof congresses.$inferSelect, stationId: string, year: number) {
  const today = shanghaiToday();
  const days = await db
    .select()
    .from(receptionDays)
    .where(and(eq(receptionDays.stationId, stationId), eq(receptionDays.year, year)))
    .orderBy(asc(receptionDays.day));
  const ids = days.map((d) => d.id);
  const duties = ids.length
    ? await db
        .select({ dayId: receptionDuties.dayId, id: representatives.id, name: representatives.name, delegation: representatives.delegation })
        .from(receptionDuties)
        .innerJoin(representatives, eq(representatives.id, receptionDuties.representativeId))
        .where(inArray(receptionDuties.dayId, ids))
        .orderBy(representatives.name)
    : [];
  const recorded = ids.length ? await db.select({ id: receptions.id, dayId: receptions.dayId }).from(receptions).where(inArray(receptions.dayId, ids)) : [];
  const planDays: PlanDay[] = days.map((d) => ({
    id: d.id,
    day: d.day,
    kind: d.kind,
    theme: d.theme,
    published: d.publishedAt !== null,
    duty: duties.filter((x) => x.dayId === d.id).map(({ dayId: _d, ...r }) => r),
    receptionId: recorded.find((r) => r.dayId === d.id)?.id ?? null,
  }));
  // Who of the station's seated representatives took part in fewer receptions (at any station of the congress) than the quarter asks.
  const perQuarter = CongressSettings.parse(congress.settings ?? {}).loop.receptionsPerQuarter;
  const reps = (await stationReps(db, stationId)).filter((r) => r.status === 'seated');
  const attendance = reps.length
    ? await db
        .select({ representativeId: receptionRepresentatives.representativeId, heldOn: receptions.heldOn })
        .from(receptionRepresentatives)
        .innerJoin(receptions, eq(receptions.id, receptionRepresentatives.receptionId))
        .where(and(eq(receptions.congressId, congress.id), inArray(receptionRepresentatives.representativeId, reps.map((r) => r.id)), gte(receptions.heldOn, `${year}-01-01`), lte(receptions.heldOn, `${year}-12-31`)))
    : [];
  const quarters: QuarterShortfall[] = [1, 2, 3, 4].map((quarter) => {
    const { from, to } = quarterBounds(year, quarter);
    const started = from <= today;
    return {
      quarter,
      from,
      to,
      started,
      ended: to < today,
      below: started ? shortfall({ year, quarter, perQuarter, representatives: reps, attendance }) : [],
    };
  });
  return { year, days: planDays, unpublished: planDays.filter((d) => !d.published).length, perQuarter, shortfall: quarters };
}

async function receptionsOf(db: DbOrTx, stationId: string, year: number): Promise<Reception[]> {
  const rows = await db
    .select()
    .from(receptions)
    .where(and(eq(receptions.stationId, stationId), gte(receptions.heldOn, `${year}-01-01`), lte(receptions.heldOn, `${year}-12-31`)))
    .orderBy(desc(receptions.heldOn), desc(receptions.createdAt));
  const ids = rows.map((r) => r.id);
  if (!ids.length) return [];
  const present = await db
    .select({ receptionId: receptionRepresentatives.receptionId, id: representatives.id, name: representatives.name, delegation: representatives.delegation })
    .from(receptionRepresentatives)
    .innerJoin(representatives, eq(representatives.id, receptionRepresentatives.representativeId))
    .where(inArray(receptionRepresentatives.receptionId, ids))
    .orderBy(representatives.name);
  const files = await db
    .select({ ownerId: loopFiles.ownerId, id: loopFiles.id, filename: loopFiles.filename, mime: loopFiles.mime, size: loopFiles.size })
    .from(loopFiles)
    .where(and(eq(loopFiles.ownerKind, 'reception'), inArray(loopFiles.ownerId, ids)))
    .orderBy(loopFiles.createdAt);
  const raised = await db
    .select({ receptionId: items.receptionId, id: items.id, trackingCode: items.trackingCode, title: items.title, status: items.status })
    .from(items)
    .where(inArray(items.receptionId, ids))
    .orderBy(items.createdAt);
  return rows.map((r) => ({
    id: r.id,
    heldOn: r.heldOn,
    kind: r.kind,
    theme: r.theme,
    dayId: r.dayId,
    visitors: r.visitors,
    notes: r.notes,
    representatives: present.filter((p) => p.receptionId === r.id).map(({ receptionId: _r, ...p }) => p),
    files: files.filter((f) => f.ownerId === r.id).map(({ ownerId: _o, ...f }) => f),
    items: raised.filter((i) => i.receptionId === r.id).map(({ receptionId: _r, ...i }) => i),
  }));
}

export const stationsRoutes = new Hono<AppEnv>();

// ---- stations ----
implement(stationsRoutes, C.listStations, async (c, { access }) => summaries(c.get('deps').db, access.congress.id));

implement(stationsRoutes, C.createStation, async (c, { access: { auth, congress }, body }) => {
  try {
    return await c.get('deps').db.transaction(async (tx) => {
      const [row] = await tx.insert(stations).values({ ...body, congressId: congress.id }).returning({ id: stations.id });
      await appendAudit(tx, { actor: actorOf(auth), congressId: congress.id, action: 'stations.create', targetType: 'station', targetId: row.id, details: { name: body.name, kind: body.kind } });
      return { id: row.id };
    });
  } catch (e) {
    throw nameTaken(e, body.name);
  }
});

implement(stationsRoutes, C.getStation, async (c, { access, params: { stationId } }) => {
  const db = c.get('deps').db;
  await stationIn(db, access.congress.id, stationId);
  const [s] = await summaries(db, access.congress.id, stationId);
  const reps = await stationReps(db, stationId);
  return {
    ...s,
    representativeList: reps.map(({ status: _s, ...r }) => r),
    canManage: isStationStaff(access),
    canKeep: await mayKeep(db, access, stationId),
    publicUrl: pageUrl(c, stationId),
  };
});

implement(stationsRoutes, C.updateStation, async (c, { access: { auth, congress }, params: { stationId }, body }) => {
  try {
    await c.get('deps').db.transaction(async (tx) => {
      const done = await tx.update(stations).set(body).where(and(eq(stations.id, stationId), eq(stations.congressId, congress.id))).returning({ id: stations.id });
      if (!done.length) throw new AppError('station_not_found');
      await appendAudit(tx, { actor: actorOf(auth), congressId: congress.id, action: 'stations.update', targetType: 'station', targetId: stationId, details: body });
    });
  } catch (e) {
    throw nameTaken(e, body.name);
  }
  return { ok: true as const };
});

implement(stationsRoutes, C.setStationRepresentatives, async (c, { access: { auth, congress }, params: { stationId }, body }) => {
  await c.get('deps').db.transaction(async (tx) => {
    await stationIn(tx, congress.id, stationId);
    const reps = await congressReps(tx, congress.id, body.representativeIds);
    const before = (await tx.select({ id: stationRepresentatives.representativeId }).from(stationRepresentatives).where(eq(stationRepresentatives.stationId, stationId))).map((r) => r.id);
    await tx.delete(stationRepresentatives).where(eq(stationRepresentatives.stationId, stationId));
    if (reps.length) await tx.insert(stationRepresentatives).values(reps.map((r) => ({ stationId, representativeId: r.id, congressId: congress.id })));
    const now = new Set(reps.map((r) => r.id));
    await appendAudit(tx, {
      actor: actorOf(auth),
      congressId: congress.id,
      action: 'stations.representatives',
      targetType: 'station',
      targetId: stationId,
      details: { added: [...now].filter((x) => !before.includes(x)), removed: before.filter((x) => !now.has(x)) },
    });
  });
  return { ok: true as const };
});

// ---- the reception plan ----
implement(stationsRoutes, C.getPlan, async (c, { access, params: { stationId }, query }) => {
  const db = c.get('deps').db;
  await stationIn(db, access.congress.id, stationId);
  return planOf(db, access.congress, stationId, yearOf(query));
});

implement(stationsRoutes, C.addPlanDays, async (c, { access, params: { stationId }, body }) => {
  const days = daysOfRule(body);
  return c.get('deps').db.transaction(async (tx) => {
    await keptStation(tx, access, stationId);
    const existing = new Set(
      (await tx.select({ day: receptionDays.day }).from(receptionDays).where(and(eq(receptionDays.stationId, stationId), inArray(receptionDays.day, days)))).map((r) => r.day),
    );
    if (body.rule === 'one' && existing.size) throw new AppError('reception_day_exists', { day: body.day });
    const fresh = days.filter((d) => !existing.has(d));
    if (fresh.length)
      await tx.insert(receptionDays).values(fresh.map((day) => ({ congressId: access.congress.id, stationId, year: Number(day.slice(0, 4)), day, kind: body.kind, theme: body.theme })));
    await appendAudit(tx, {
      actor: actorOf(access.auth),
      congressId: access.congress.id,
      action: 'stations.plan_add',
      targetType: 'station',
      targetId: stationId,
      details: { rule: body.rule, added: fresh.length, first: fresh[0] ?? null, last: fresh.at(-1) ?? null },
    });
    return { added: fresh.length, skipped: existing.size, days: fresh };
  });
});

async function dayOf(db: DbOrTx, stationId: string, dayId: string) {
  const [d] = await db.select().from(receptionDays).where(and(eq(receptionDays.id, dayId), eq(receptionDays.stationId, stationId)));
  if (!d) throw new AppError('reception_day_not_found');
  return d;
}

implement(stationsRoutes, C.removePlanDay, async (c, { access, params: { stationId, dayId } }) => {
  await c.get('deps').db.transaction(async (tx) => {
    await keptStation(tx, access, stationId);
    const d = await dayOf(tx, stationId, dayId);
    const [rec] = await tx.select({ id: receptions.id }).from(receptions).where(eq(receptions.dayId, dayId));
    if (rec) throw new AppError('reception_day_recorded', { day: d.day });
    await tx.delete(receptionDays).where(eq(receptionDays.id, dayId));
    await appendAudit(tx, { actor: actorOf(access.auth), congressId: access.congress.id, action: 'stations.plan_remove', targetType: 'station', targetId: stationId, details: { day: d.day } });
  });
  return { ok: true as const };
});

implement(stationsRoutes, C.setDuty, async (c, { access, params: { stationId, dayId }, body }) => {
  await c.get('deps').db.transaction(async (tx) => {
    await keptStation(tx, access, stationId);
    const d = await dayOf(tx, stationId, dayId);
    const reps = await congressReps(tx, access.congress.id, body.representativeIds);
    const assigned = new Set((await stationReps(tx, stationId)).map((r) => r.id));
    const stranger = reps.find((r) => !assigned.has(r.id));
    if (stranger) throw new AppError('not_station_representative', { name: stranger.name });
    await tx.delete(receptionDuties).where(eq(receptionDuties.dayId, dayId));
    if (reps.length) await tx.insert(receptionDuties).values(reps.map((r) => ({ dayId, representativeId: r.id, congressId: access.congress.id })));
    await appendAudit(tx, {
      actor: actorOf(access.auth),
      congressId: access.congress.id,
      action: 'stations.duty',
      targetType: 'station',
      targetId: stationId,
      details: { day: d.day, representativeIds: reps.map((r) => r.id) },
    });
  });
  return { ok: true as const };
});

implement(stationsRoutes, C.publishPlan, async (c, { access, params: { stationId }, body: { year } }) => {
  return c.get('deps').db.transaction(async (tx) => {
    await keptStation(tx, access, stationId);
    const done = await tx
      .update(receptionDays)
      .set({ publishedAt: new Date() })
      .where(and(eq(receptionDays.stationId, stationId), eq(receptionDays.year, year), isNull(receptionDays.publishedAt)))
      .returning({ id: receptionDays.id });
    await appendAudit(tx, { actor: actorOf(access.auth), congressId: access.congress.id, action: 'stations.plan_publish', targetType: 'station', targetId: stationId, details: { year, days: done.length } });
    return { published: done.length };
  });
});

// ---- reception records ----
implement(stationsRoutes, C.listReceptions, async (c, { access, params: { stationId }, query }) => {
  const db = c.get('deps').db;
  await stationIn(db, access.congress.id, stationId);
  return receptionsOf(db, stationId, yearOf(query));
});

implement(stationsRoutes, C.createReception, async (c, { access, params: { stationId }, body, files }) => {
  const db = c.get('deps').db;
  const congressId = access.congress.id;
  // Everything that can refuse is checked before anything is written; the writes are one transaction.
  await keptStation(db, access, stationId);
  if (body.heldOn > shanghaiToday()) throw new AppError('reception_in_future', { day: body.heldOn });
  const checked = await checkFiles(files ?? []);
  return db.transaction(async (tx) => {
    if (body.dayId) await dayOf(tx, stationId, body.dayId);
    const present = await congressReps(tx, congressId, body.representativeIds);
    await congressReps(tx, congressId, body.items.flatMap((i) => (i.representativeId ? [i.representativeId] : [])));
    const [row] = await tx
      .insert(receptions)
      .values({ congressId, stationId, dayId: body.dayId ?? null, heldOn: body.heldOn, kind: body.kind, theme: body.theme, visitors: body.visitors, notes: body.notes, createdBy: access.auth.account.id })
      .returning({ id: receptions.id });
    if (present.length) await tx.insert(receptionRepresentatives).values(present.map((r) => ({ receptionId: row.id, representativeId: r.id, congressId })));
    if (checked.length) await tx.insert(loopFiles).values(checked.map((f) => ({ congressId, ownerKind: 'reception' as const, ownerId: row.id, filename: f.filename, mime: f.mime, size: f.size, sha256: f.sha256, bytes: f.bytes })));
    const made: { id: string; trackingCode: string }[] = [];
    for (const i of body.items)
      made.push(
        await createItem(
          tx,
          {
            congressId,
            source: 'reception',
            category: i.category,
            title: i.title,
            content: i.content,
            place: i.place,
            receivedOn: body.heldOn,
            stationId,
            receptionId: row.id,
            representativeId: i.representativeId ?? null,
            submittedBy: access.auth.account.id,
            submitterName: i.submitterName,
            submitterContact: i.submitterContact,
          },
          access.auth.account.id,
        ),
      );
    await appendAudit(tx, {
      actor: actorOf(access.auth),
      congressId,
      action: 'stations.reception',
      targetType: 'reception',
      targetId: row.id,
      details: { stationId, heldOn: body.heldOn, kind: body.kind, visitors: body.visitors, representatives: present.length, photos: checked.length, items: made.map((m) => m.trackingCode) },
    });
    return { id: row.id, items: made };
  });
});

implement(stationsRoutes, C.getReceptionFile, async (c, { access, params: { stationId, receptionId, fileId } }) => {
  const db = c.get('deps').db;
  await stationIn(db, access.congress.id, stationId);
  const [r] = await db.select({ id: receptions.id }).from(receptions).where(and(eq(receptions.id, receptionId), eq(receptions.stationId, stationId)));
  if (!r) throw new AppError('reception_not_found');
  const [f] = await db.select().from(loopFiles).where(and(eq(loopFiles.id, fileId), eq(loopFiles.ownerKind, 'reception'), eq(loopFiles.ownerId, receptionId)));
  if (!f) throw new AppError('reception_file_not_found');
  c.header('Content-Type', f.mime);
  c.header('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.filename)}`);
  c.header('Content-Security-Policy', "default-src 'none'; img-src 'self'; sandbox");
  c.header('X-Content-Type-Options', 'nosniff');
  return c.body(new Uint8Array(f.bytes));
});

// ---- public ----
async function publicStation(db: DbOrTx, stationId: string) {
  const [row] = await db.select({ s: stations, congressName: congresses.name }).from(stations).innerJoin(congresses, eq(congresses.id, stations.congressId)).where(eq(stations.id, stationId));
  if (!row) throw new AppError('station_not_found');
  return row;
}

implement(stationsRoutes, C.getPublicStation, async (c, { params: { stationId } }) => {
  const db = c.get('deps').db;
  const { s, congressName } = await publicStation(db, stationId);
  const reps = (await stationReps(db, stationId)).filter((r) => r.status === 'seated');
  const days = await db
    .select()
    .from(receptionDays)
    .where(and(eq(receptionDays.stationId, stationId), gte(receptionDays.day, shanghaiToday()), sql`${receptionDays.publishedAt} is not null`))
    .orderBy(asc(receptionDays.day))
    .limit(12);
  const duties = days.length
    ? await db
        .select({ dayId: receptionDuties.dayId, name: representatives.name })
        .from(receptionDuties)
        .innerJoin(representatives, eq(representatives.id, receptionDuties.representativeId))
        .where(inArray(receptionDuties.dayId, days.map((d) => d.id)))
        .orderBy(representatives.name)
    : [];
  return {
    id: s.id,
    congressId: s.congressId,
    congressName,
    name: s.name,
    kind: s.kind,
    address: s.address,
    contact: s.contact,
    receptionTimes: s.receptionTimes,
    duties: s.duties,
    representatives: reps.map((r) => ({ name: r.name, delegation: r.delegation })),
    upcoming: days.map((d) => ({ day: d.day, kind: d.kind, theme: d.theme, duty: duties.filter((x) => x.dayId === d.id).map((x) => x.name) })),
    categories: [...ITEM_CATEGORIES],
    pageUrl: pageUrl(c, s.id),
  };
});

implement(stationsRoutes, C.submitStationItem, async (c, { params: { stationId }, body: input }) => {
  const deps = c.get('deps');
  const { s } = await publicStation(deps.db, stationId);
  const { count, retryAfter } = await hit(deps.database, `station-submit:${clientIp(c)}`, 3600);
  if (count > STATION_LIMITS.submitPerHour) throw new AppError('rate_limited', { retryAfter }, undefined, { 'Retry-After': String(retryAfter) });
  await checkChallenge(deps, input.challenge, input.answer, input.website);
  const made = await deps.db.transaction(async (tx) => {
    const made = await createItem(tx, {
      congressId: s.congressId,
      source: 'resident',
      category: input.category,
      title: input.title,
      content: input.content,
      place: input.place,
      stationId: s.id,
      submitterName: input.submitterName,
      submitterContact: input.submitterContact,
    });
    await appendAudit(tx, { actor: null, congressId: s.congressId, action: 'stations.public_item', targetType: 'item', targetId: made.id, details: { stationId: s.id, trackingCode: made.trackingCode, category: input.category } });
    return made;
  });
  return { trackingCode: made.trackingCode };
});

implement(stationsRoutes, C.stationQr, async (c, { params: { stationId } }) => {
  await publicStation(c.get('deps').db, stationId);
  const svg = await QRCode.toString(pageUrl(c, stationId), { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  c.header('Content-Type', 'image/svg+xml');
  return c.body(svg);
});
