/**
 * Making an item (SPEC §13), whatever its source: a station's public form, a reception record, a representative on a
 * phone, staff, a 12345 import, an inspection finding. One function so that every source gets a tracking code that is
 * unique across items and proposals (both are followed on the same `/t` page) and a first history event.
 */
import { eq } from 'drizzle-orm';
import { CongressSettings } from '../../shared/congress/settings.ts';
import type { ItemCategory, ItemSource, Urgency } from '../../shared/items/enums.ts';
import { newTrackingCode } from '../../shared/gathering/tracking-code.ts';
import { shanghaiToday } from '../../shared/time.ts';
import type { Tx } from '../db/client.ts';
import { congresses, itemEvents, items, proposals } from '../db/schema/index.ts';
import { AppError } from '../lib/errors.ts';

export type NewItem = {
  congressId: string;
  source: ItemSource;
  category: ItemCategory;
  title: string;
  content: string;
  place?: string;
  receivedOn?: string;
  stationId?: string | null;
  receptionId?: string | null;
  representativeId?: string | null;
  submittedBy?: string | null;
  submitterName?: string;
  submitterContact?: string;
  urgency?: Urgency;
  ticketNo?: string | null;
  hotline?: Record<string, string> | null;
};

/** A tracking code used by no item and no proposal. */
export async function freshTrackingCode(tx: Tx): Promise<string> {
  for (;;) {
    const code = newTrackingCode();
    const [p] = await tx.select({ id: proposals.id }).from(proposals).where(eq(proposals.trackingCode, code));
    const [i] = await tx.select({ id: items.id }).from(items).where(eq(items.trackingCode, code));
    if (!p && !i) return code;
  }
}

/** Insert an item (status `received`) and its first event; answers its id and tracking code. Call inside a transaction. */
export async function createItem(tx: Tx, input: NewItem, actorId: string | null = null): Promise<{ id: string; trackingCode: string }> {
  // Only the categories the congress uses (settings `loop.categories`, e.g. adopted from its county's template).
  const [congress] = await tx.select({ settings: congresses.settings }).from(congresses).where(eq(congresses.id, input.congressId));
  if (!CongressSettings.parse(congress?.settings ?? {}).loop.categories.includes(input.category)) throw new AppError('item_category_unused');
  const trackingCode = await freshTrackingCode(tx);
  const [row] = await tx
    .insert(items)
    .values({
      congressId: input.congressId,
      trackingCode,
      source: input.source,
      category: input.category,
      title: input.title,
      content: input.content,
      place: input.place ?? '',
      receivedOn: input.receivedOn ?? shanghaiToday(),
      stationId: input.stationId ?? null,
      receptionId: input.receptionId ?? null,
      representativeId: input.representativeId ?? null,
      submittedBy: input.submittedBy ?? null,
      submitterName: input.submitterName ?? '',
      submitterContact: input.submitterContact ?? '',
      urgency: input.urgency ?? 'normal',
      ticketNo: input.ticketNo ?? null,
      hotline: input.hotline ?? null,
    })
    .returning({ id: items.id });
  await tx.insert(itemEvents).values({ congressId: input.congressId, itemId: row.id, kind: 'received', actorId, data: { source: input.source } });
  return { id: row.id, trackingCode };
}
