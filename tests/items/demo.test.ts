/** The demo's items part (server/demo/loop-items.ts) on the loaded demo year: items in every state, key items, a reopened one, handling ratings. */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DemoClock } from '../../server/demo/clock.ts';
import { demoApp } from '../../server/demo/api.ts';
import { DEMO_CONGRESS, DEMO_PASSWORD, loadDemo } from '../../server/demo/load-demo.ts';
import { loadItemsDemo } from '../../server/demo/loop-items.ts';
import { congresses, handlingRatings, items, itemSupervisions } from '../../server/db/schema/index.ts';
import { shanghaiToday } from '../../shared/time.ts';
import { useTestApp } from '../helpers/app.ts';

const t = useTestApp();

describe('the demo’s items', () => {
  it('has items of every source and state, overdue ones, key items with supervision, a reopened one and handling ratings', { timeout: 600_000 }, async () => {
    await loadDemo(t.database);
    const [congress] = await t.deps.db.select().from(congresses).where(eq(congresses.name, DEMO_CONGRESS));
    const already = (await t.deps.db.select({ id: items.id }).from(items).where(eq(items.congressId, congress.id))).length;
    // The loaded demo already holds its items part: this runs it again beside it and counts what the second run added.
    const before = await t.deps.db.select().from(items).where(eq(items.congressId, congress.id));
    const ratingsBefore = (await t.deps.db.select().from(handlingRatings).where(eq(handlingRatings.congressId, congress.id))).length;
    const clock = new DemoClock(new Date());
    const year = Number(shanghaiToday().slice(0, 4));
    const out = await loadItemsDemo(demoApp(t.database), { clock, warp: () => clock.warp(t.database) }, congress.id, year, DEMO_PASSWORD, t.database);
    clock.end();
    const rows = await t.deps.db.select().from(items).where(eq(items.congressId, congress.id));
    expect(out.items).toBe(rows.length);
    expect(rows.length).toBeGreaterThanOrEqual(already + 24);
    for (const s of ['received', 'assigned', 'answered', 'done', 'referred', 'merged']) expect(out.byStatus[s] ?? 0, `${s} in ${JSON.stringify(out.byStatus)}`).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.source))).toEqual(expect.objectContaining(new Set(['staff', 'representative', 'resident', 'inspection'])));
    const today = shanghaiToday();
    expect(rows.filter((r) => r.status === 'assigned' && r.dueOn! < today).length).toBeGreaterThanOrEqual(2);
    expect(rows.some((r) => r.answeredOn && r.dueOn && r.answeredOn > r.dueOn)).toBe(true);
    expect(new Set(rows.filter((r) => r.departmentId).map((r) => r.departmentId)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(rows.map((r) => r.receivedOn.slice(0, 7))).size).toBeGreaterThanOrEqual(Math.min(6, Number(today.slice(5, 7))));
    expect(out.keyItems).toBeGreaterThanOrEqual(3);
    expect((await t.deps.db.select().from(itemSupervisions).where(eq(itemSupervisions.congressId, congress.id))).length).toBeGreaterThanOrEqual(3);
    expect(out.reopened).toBe(1);
    expect(rows.filter((r) => r.round === 2).length - before.filter((r) => r.round === 2).length).toBe(1);
    expect(out.handlingRatings).toBeGreaterThanOrEqual(3);
    expect((await t.deps.db.select().from(handlingRatings).where(eq(handlingRatings.congressId, congress.id))).length - ratingsBefore).toBe(out.handlingRatings);
  });
});
