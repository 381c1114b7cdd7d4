/** What staff enter into the duty archive: trainings (培训) and reports to the constituency (述职) with their rating. */
import { and, eq, inArray } from 'drizzle-orm';
import type { CreateEntries, Entry, UpdateEntry } from '../../shared/archive/schema.ts';
import { shanghaiToday } from '../../shared/time.ts';
import type { Tx } from '../db/client.ts';
import { archiveEntries, representatives } from '../db/schema/index.ts';
import { appendAudit, type Actor } from '../lib/audit.ts';
import { AppError } from '../lib/errors.ts';

type Ctx = { tx: Tx; actor: Actor; congressId: string };

/** The rules an entry obeys whichever way it was made: a training has no rating; nothing is entered before it happened. */
function check(e: { kind: string; rating: string | null; heldOn: string }, today: string) {
  if (e.kind === 'training' && e.rating !== null) throw new AppError('archive_rating_training');
  if (e.heldOn > today) throw new AppError('archive_entry_future');
}

const entryOf = (r: typeof archiveEntries.$inferSelect): Entry => ({ id: r.id, representativeId: r.representativeId, kind: r.kind, heldOn: r.heldOn, title: r.title, rating: r.rating, note: r.note });

/** One entry per representative named; every representative must be on this congress's roster (else nothing is entered). */
export async function createEntries(ctx: Ctx, input: CreateEntries, today = shanghaiToday()): Promise<string[]> {
  check(input, today);
  const ids = [...new Set(input.representativeIds)];
  const found = await ctx.tx
    .select({ id: representatives.id })
    .from(representatives)
    .where(and(eq(representatives.congressId, ctx.congressId), inArray(representatives.id, ids)));
  if (found.length !== ids.length) throw new AppError('representative_not_found');
  const rows = await ctx.tx
    .insert(archiveEntries)
    .values(ids.map((representativeId) => ({ congressId: ctx.congressId, representativeId, kind: input.kind, heldOn: input.heldOn, title: input.title, rating: input.rating, note: input.note, createdBy: ctx.actor?.id ?? null })))
    .returning();
  for (const r of rows)
    await appendAudit(ctx.tx, {
      actor: ctx.actor,
      congressId: ctx.congressId,
      action: 'archive.entry_create',
      targetType: 'archive_entry',
      targetId: r.id,
      details: { representativeId: r.representativeId, kind: r.kind, heldOn: r.heldOn, title: r.title, rating: r.rating },
    });
  return rows.map((r) => r.id);
}

async function entryIn(ctx: Ctx, entryId: string) {
  const [row] = await ctx.tx
    .select()
    .from(archiveEntries)
    .where(and(eq(archiveEntries.id, entryId), eq(archiveEntries.congressId, ctx.congressId)))
    .for('update');
  if (!row) throw new AppError('archive_entry_not_found');
  return row;
}

/** Change the fields sent. Made a training, a report's rating must go too (said, not dropped silently). */
export async function updateEntry(ctx: Ctx, entryId: string, input: UpdateEntry, today = shanghaiToday()): Promise<Entry> {
  const before = await entryIn(ctx, entryId);
  const after = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as typeof before;
  check(after, today);
  const [row] = await ctx.tx
    .update(archiveEntries)
    .set({ kind: after.kind, heldOn: after.heldOn, title: after.title, rating: after.rating, note: after.note, updatedAt: new Date() })
    .where(eq(archiveEntries.id, before.id))
    .returning();
  await appendAudit(ctx.tx, { actor: ctx.actor, congressId: ctx.congressId, action: 'archive.entry_update', targetType: 'archive_entry', targetId: row.id, details: { representativeId: row.representativeId, ...input } });
  return entryOf(row);
}

export async function deleteEntry(ctx: Ctx, entryId: string): Promise<void> {
  const before = await entryIn(ctx, entryId);
  await ctx.tx.delete(archiveEntries).where(eq(archiveEntries.id, before.id));
  await appendAudit(ctx.tx, {
    actor: ctx.actor,
    congressId: ctx.congressId,
    action: 'archive.entry_delete',
    targetType: 'archive_entry',
    targetId: before.id,
    details: { representativeId: before.representativeId, kind: before.kind, heldOn: before.heldOn, title: before.title },
  });
}
