/**
 * Importing a 12345 export (SPEC §13) in one transaction, idempotently by ticket number. design: the hotline keeps
 * handling its tickets; the loop follows them:
 * - a new ticket becomes an item (source `hotline`, made as createItem makes items, a batch at a time): with the department named in the export when
 *   it is one of the congress's (交办: due in the congress's normal working days from the ticket's day), else waiting
 *   for triage; a ticket the hotline already closed (已办结 …) is `done`;
 * - a known ticket (same number) gets the export's status, satisfaction and department in `items.hotline`; an open item
 *   the import made becomes `done` when the hotline closes it; nothing else of what staff did is touched;
 * - a ticket whose caller's phone (or the representative column) matches the roster is marked as that
 *   representative's: they rate its handling back-to-back (the items stage's handling-rating route), their duty
 *   archive counts it. The phone itself is never stored;
 * - the caller's 不满意 puts the item on the key-item list (重点督办), and on a done item it is the item's feedback.
 * Any row with a problem refuses the whole file: nothing is half imported.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { CongressSettings } from '../../shared/congress/settings.ts';
import type { HotlineImport } from '../../shared/hotline/schema.ts';
import type { ItemStatus } from '../../shared/items/enums.ts';
import { addWorkingDays } from '../../shared/items/working-days.ts';
import { newTrackingCode } from '../../shared/gathering/tracking-code.ts';
import { shanghaiToday } from '../../shared/time.ts';
import type { Db, Tx } from '../db/client.ts';
import { congresses, hotlineImports, itemEvents, items, proposals } from '../db/schema/index.ts';
import { appendAudit, type Actor } from '../lib/audit.ts';
import { now } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import { loadCalendar } from '../items/calendar.ts';
import { planImport, type PlannedRow } from './plan.ts';
import { itemsAssigned } from '../notify/triggers.ts';

/** Statuses an import may close: the ones it gives a ticket (never an item staff answered, referred, merged or made a proposal). */
const OPEN_FROM_HOTLINE: readonly ItemStatus[] = ['received', 'assigned'];
const BATCH = 500;

type Event = typeof itemEvents.$inferInsert;

export async function importTickets(db: Db, actor: Actor, congressId: string, bytes: Uint8Array, opts: { filename?: string; encoding?: 'utf-8' | 'gbk' }): Promise<HotlineImport> {
  return db.transaction(async (tx) => {
    // One import of a congress at a time: two at once would both make the same new tickets.
    const [congress] = await tx.select().from(congresses).where(eq(congresses.id, congressId)).for('update');
    const { preview, rows } = await planImport(tx, congressId, bytes, opts);
    if (preview.counts.error > 0) throw new AppError('hotline_invalid', { invalid: preview.counts.error }, preview);
    const today = shanghaiToday(now());
    const deadlines = CongressSettings.parse(congress.settings ?? {}).loop.deadlines;
    const calendar = await loadCalendar(tx, congressId);
    const [imp] = await tx
      .insert(hotlineImports)
      .values({
        congressId,
        importedBy: actor?.id ?? null,
        filename: opts.filename ?? '',
        format: preview.format,
        sha256: preview.sha256,
        rows: preview.total,
        created: preview.counts.new,
        updated: preview.counts.update,
        unchanged: preview.counts.unchanged,
        skipped: preview.counts.skip,
        representatives: preview.representatives,
        unsatisfied: preview.unsatisfied,
      })
      .returning();
    const events: Event[] = [];
    const ctx = { actorId: actor?.id ?? null, importId: imp.id, today, events };
    const fresh = rows.filter((r) => r.action === 'new');
    for (let i = 0; i < fresh.length; i += BATCH) await createTickets(tx, congressId, fresh.slice(i, i + BATCH), { ...ctx, due: (from) => addWorkingDays(from, deadlines.normal, calendar) });
    for (const r of rows) if (r.action === 'update') await updateTicket(tx, congressId, r, ctx);
    for (let i = 0; i < events.length; i += 500) await tx.insert(itemEvents).values(events.slice(i, i + 500));
    await appendAudit(tx, {
      actor,
      congressId,
      action: 'hotline.import',
      targetType: 'hotline_import',
      targetId: imp.id,
      details: {
        filename: imp.filename,
        format: imp.format,
        sha256: imp.sha256,
        rows: imp.rows,
        created: imp.created,
        updated: imp.updated,
        unchanged: imp.unchanged,
        skipped: imp.skipped,
        representatives: imp.representatives,
        unsatisfied: imp.unsatisfied,
      },
    });
    return serializeImport(imp, actor?.name ?? null);
  });
}

type Ctx = { actorId: string | null; importId: string; today: string; events: Event[] };

/** Tracking codes used by no item and no proposal (the rule of createItem, server/items/create.ts), `n` at once. */
async function freshCodes(tx: Tx, n: number): Promise<string[]> {
  const codes = new Set<string>();
  while (codes.size < n) {
    const tried = [...new Set(Array.from({ length: n - codes.size }, () => newTrackingCode()))].filter((c) => !codes.has(c));
    const taken = new Set([
      ...(await tx.select({ c: proposals.trackingCode }).from(proposals).where(inArray(proposals.trackingCode, tried))).map((r) => r.c),
      ...(await tx.select({ c: items.trackingCode }).from(items).where(inArray(items.trackingCode, tried))).map((r) => r.c),
    ]);
    for (const c of tried) if (!taken.has(c)) codes.add(c);
  }
  return [...codes];
}

/**
 * New tickets as items, a batch at a time: what createItem (server/items/create.ts) makes — a tracking code unique
 * across items and proposals, the first event `received` — written as multi-row inserts, with the ticket's state set
 * at once (one request may carry a month of a county's tickets; one createItem per ticket took ~9 ms each).
 */
async function createTickets(tx: Tx, congressId: string, batch: PlannedRow[], ctx: Ctx & { due: (from: string) => string }) {
  const codes = await freshCodes(tx, batch.length);
  const values = batch.map((r, i): typeof items.$inferInsert => {
    const receivedOn = r.ticket.receivedOn!;
    const status: ItemStatus = r.closed ? 'done' : r.departmentId ? 'assigned' : 'received';
    return {
      congressId,
      trackingCode: codes[i],
      source: 'hotline',
      category: r.category,
      title: r.title,
      content: r.ticket.cells.content,
      place: r.record.area,
      receivedOn,
      representativeId: r.representativeId,
      ticketNo: r.record.ticketNo,
      hotline: r.record,
      status,
      ...(r.departmentId ? { departmentId: r.departmentId, assignedOn: receivedOn, dueOn: r.closed ? null : ctx.due(receivedOn) } : {}),
      ...(r.closed ? { closedOn: ctx.today } : {}),
      ...(r.closed && r.satisfaction ? { feedback: r.satisfaction, feedbackRound: 1 } : {}),
      keyItem: r.satisfaction === 'unsatisfied',
    };
  });
  const made = await tx.insert(items).values(values).returning({ id: items.id });
  made.forEach(({ id }, i) => {
    const r = batch[i];
    ctx.events.push({ congressId, itemId: id, kind: 'received', actorId: ctx.actorId, data: { source: 'hotline' } });
    ctx.events.push({ congressId, itemId: id, kind: 'hotline', actorId: ctx.actorId, note: r.record.status, data: { importId: ctx.importId, ticketNo: r.record.ticketNo, status: r.record.status, satisfaction: r.satisfaction, departmentId: r.departmentId, closed: r.closed } });
    if (r.satisfaction === 'unsatisfied') ctx.events.push({ congressId, itemId: id, kind: 'key_on', actorId: ctx.actorId, note: '12345', data: { importId: ctx.importId, reason: 'hotline_unsatisfied' } });
  });
  // 交办 by the import: each department hears of its open tickets (SPEC §17).
  await itemsAssigned(
    tx,
    congressId,
    made.flatMap(({ id }, i) => (values[i].status === 'assigned' && values[i].departmentId ? [{ id, trackingCode: values[i].trackingCode, departmentId: values[i].departmentId!, dueOn: values[i].dueOn ?? null }] : [])),
  );
}

async function updateTicket(tx: Tx, congressId: string, r: PlannedRow, ctx: Ctx) {
  const ex = r.existing!;
  const set: Partial<typeof items.$inferInsert> = { hotline: r.record, updatedAt: new Date() };
  let status = ex.status;
  if (r.closed && OPEN_FROM_HOTLINE.includes(ex.status)) {
    status = 'done';
    Object.assign(set, { status, closedOn: ctx.today });
  }
  if (status === 'done' && r.satisfaction && r.changes.includes('satisfaction')) Object.assign(set, { feedback: r.satisfaction, feedbackRound: ex.round });
  if (r.changes.includes('representative')) set.representativeId = r.representativeId;
  const keyOn = r.satisfaction === 'unsatisfied' && r.changes.includes('satisfaction') && !ex.keyItem;
  if (keyOn) set.keyItem = true;
  await tx
    .update(items)
    .set(set)
    .where(and(eq(items.id, ex.id), eq(items.congressId, congressId)));
  ctx.events.push({ congressId, itemId: ex.id, kind: 'hotline', actorId: ctx.actorId, note: r.record.status, data: { importId: ctx.importId, ticketNo: r.record.ticketNo, changes: r.changes, status: r.record.status, satisfaction: r.satisfaction, closed: status !== ex.status } });
  if (keyOn) ctx.events.push({ congressId, itemId: ex.id, kind: 'key_on', actorId: ctx.actorId, note: '12345', data: { importId: ctx.importId, reason: 'hotline_unsatisfied' } });
}

export function serializeImport(r: typeof hotlineImports.$inferSelect, importedBy: string | null): HotlineImport {
  return {
    id: r.id,
    importedAt: r.importedAt.toISOString(),
    importedBy,
    filename: r.filename,
    format: r.format,
    sha256: r.sha256,
    rows: r.rows,
    created: r.created,
    updated: r.updated,
    unchanged: r.unchanged,
    skipped: r.skipped,
    representatives: r.representatives,
    unsatisfied: r.unsatisfied,
  };
}
