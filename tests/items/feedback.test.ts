/**
 * The submitter's feedback with the tracking code (不满意 reopens once), the public tracking page's content, the
 * representative's back-to-back handling rating (no rater stored), and paging over many items.
 */
import { asc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as C from '../../shared/items/contract.ts';
import { handlingFigures } from '../../shared/items/ratings.ts';
import { auditLog, handlingRatingGrants, handlingRatings, itemEvents, items } from '../../server/db/schema/index.ts';
import { createItem } from '../../server/items/create.ts';
import { Client, setupAdmin, useTestApp } from '../helpers/app.ts';
import { addDays, assigned, done, itemsWorld, newItem, params, rowOf, today, type World } from './helpers.ts';

const t = useTestApp();
let w: World;
let other: World;
let anon: Client;

beforeAll(async () => {
  const admin = await setupAdmin(t);
  w = await itemsWorld(t, admin);
  other = await itemsWorld(t, admin);
  anon = new Client(t);
});

const track = (code: string) => anon.call(C.trackItem, { params: { code } });
const rate = (code: string, grade: 'satisfied' | 'basically' | 'unsatisfied', comment = '') => anon.call(C.itemFeedback, { params: { code }, body: { grade, comment } });

describe('public tracking', () => {
  it('shows the state, department, deadline and accepted answers — never the contact or internal notes', async () => {
    const it1 = await assigned(w);
    const open = (await track(it1.trackingCode.toLowerCase().replace('-', ' '))).body;
    expect(open).toMatchObject({ kind: 'item', status: 'assigned', canRate: false, answers: [] });
    expect(open.dueOn).toBeTruthy();
    await w.depAClient.call(C.answerItem, { params: params(w, it1.id), body: { answerClass: 'planned', text: '内部草稿答复' } });
    // An answer not yet accepted is not shown.
    expect((await track(it1.trackingCode)).body.answers).toEqual([]);
    await w.staff.call(C.returnAnswer, { params: params(w, it1.id), body: { reason: '退回理由不公开' } });
    await w.depAClient.call(C.answerItem, { params: params(w, it1.id), body: { answerClass: 'resolved', text: '已修复。' } });
    await w.staff.call(C.acceptAnswer, { params: params(w, it1.id) });
    const res = await track(it1.trackingCode);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'done', canRate: true, reopensOnUnsatisfied: true, answers: [{ round: 1, answerClass: 'resolved', text: '已修复。' }] });
    expect(res.text).not.toContain('13900001111');
    expect(res.text).not.toContain('王大妈');
    expect(res.text).not.toContain('退回理由不公开');
    expect(res.text).not.toContain('内部草稿答复');
    expect((await track('ZZZZ-ZZZZ')).status).toBe(404);
    expect((await track('not a code')).status).toBe(404);
  });
});

describe('which kind a tracking code is', () => {
  it("says proposal or item for the /t page, in any typing, and 404 for neither", async () => {
    const kind = (code: string) => anon.call(C.trackingKind, { params: { code } });
    const it1 = await assigned(w);
    expect((await kind(it1.trackingCode)).body).toEqual({ kind: 'item' });
    expect((await kind(it1.trackingCode.toLowerCase().replace('-', ''))).body).toEqual({ kind: 'item' });
    const day = today();
    const year = Number(day.slice(0, 4));
    await w.staff.post(`${w.base}/collection-windows`, { year: year + 3, opensOn: addDays(day, -1), closesOn: addDays(day, 30) });
    const proposal = await w.staff.post(`${w.base}/proposals`, { title: '村口道路硬化', description: '村口道路坑洼，雨天难行。', category: 'transport', location: '河东村', channel: 'liaison_station', station: '河东村联络站' });
    expect(proposal.status, proposal.text).toBe(201);
    expect((await kind(proposal.body.trackingCode)).body).toEqual({ kind: 'proposal' });
    const none = await kind('ZZZZ-ZZZZ');
    expect(none.status).toBe(404);
    expect(none.body.error?.code).toBe('tracking_not_found');
    expect((await kind('not a code')).status).toBe(404);
  });
});

describe('feedback', () => {
  it('is refused before the item is done, and changes nothing', async () => {
    const it1 = await assigned(w);
    const res = await rate(it1.trackingCode, 'satisfied');
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('item_not_rateable');
    expect((await rowOf(t, it1.id)).feedback).toBeNull();
  });

  it('满意 closes it; a second rating of the round is refused', async () => {
    const it1 = await done(w);
    expect((await rate(it1.trackingCode, 'satisfied', '很快')).body).toEqual({ status: 'done', round: 1, reopened: false });
    expect(await rowOf(t, it1.id)).toMatchObject({ feedback: 'satisfied', feedbackRound: 1, status: 'done' });
    const again = await rate(it1.trackingCode, 'unsatisfied');
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('item_feedback_given');
    expect(await rowOf(t, it1.id)).toMatchObject({ feedback: 'satisfied', status: 'done', round: 1 });
    expect((await track(it1.trackingCode)).body.canRate).toBe(false);
  });

  it('不满意 on the first round reopens it to the department with a new deadline; on the second it stays done', async () => {
    const it1 = await done(w);
    const res = await rate(it1.trackingCode, 'unsatisfied', '灯还是不亮');
    expect(res.body).toEqual({ status: 'assigned', round: 2, reopened: true });
    const row = await rowOf(t, it1.id);
    expect(row).toMatchObject({ status: 'assigned', round: 2, departmentId: w.depA, closedOn: null, assignedOn: today() });
    expect(row.dueOn! > today()).toBe(true);
    // The department sees it again and answers round 2.
    const item = (await w.depAClient.call(C.getItem, { params: params(w, it1.id) })).body;
    expect(item.moves).toEqual(['answer']);
    expect((await rate(it1.trackingCode, 'unsatisfied')).body.error?.code).toBe('item_not_rateable');
    await w.depAClient.call(C.answerItem, { params: params(w, it1.id), body: { answerClass: 'resolved', text: '已全部更换。' } });
    await w.staff.call(C.acceptAnswer, { params: params(w, it1.id) });
    expect((await track(it1.trackingCode)).body).toMatchObject({ round: 2, canRate: true, reopensOnUnsatisfied: false });
    expect((await rate(it1.trackingCode, 'unsatisfied')).body).toEqual({ status: 'done', round: 2, reopened: false });
    expect(await rowOf(t, it1.id)).toMatchObject({ status: 'done', round: 2, feedback: 'unsatisfied', feedbackRound: 2 });
    expect((await rate(it1.trackingCode, 'satisfied')).body.error?.code).toBe('item_feedback_given');
    const kinds = (await t.deps.db.select().from(itemEvents).where(eq(itemEvents.itemId, it1.id))).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'reopen')).toHaveLength(1);
  });

  it('an item answered on the spot reopens to triage; a 12345 ticket rated 不满意 goes on the key-item list', async () => {
    const spot = await newItem(w);
    await w.staff.call(C.answerOnSpot, { params: params(w, spot.id), body: { note: '已解释' } });
    expect((await rate(spot.trackingCode, 'unsatisfied')).body).toEqual({ status: 'received', round: 2, reopened: true });
    const ticket = await t.deps.db.transaction((tx) => createItem(tx, { congressId: w.congressId, source: 'hotline', category: 'other', title: '噪音扰民', content: '夜间施工', ticketNo: 'GD-1' }));
    await w.staff.call(C.answerOnSpot, { params: params(w, ticket.id), body: { note: '已协调' } });
    await rate(ticket.trackingCode, 'unsatisfied');
    expect((await rowOf(t, ticket.id)).keyItem).toBe(true);
  });
});

describe('the back-to-back handling rating', () => {
  const grades = { attitude: 'satisfied', handling: 'basically', effect: 'unsatisfied' } as const;
  const rateH = (who: Client, id: string, world = () => w) => who.call(C.rateHandling, { params: { congressId: world().congressId, itemId: id }, body: grades });

  it('by the representative who raised it, once per round, stored without the rater; the others are refused', async () => {
    const it1 = await newItem(w, { source: 'representative' }, w.reps[0]);
    expect((await rateH(w.reps[0], it1.id)).body.error?.code).toBe('handling_not_rateable');
    await w.staff.call(C.assignItem, { params: params(w, it1.id), body: { departmentId: w.depB } });
    await w.depBClient.call(C.answerItem, { params: params(w, it1.id), body: { answerClass: 'resolved', text: '好' } });
    await w.staff.call(C.acceptAnswer, { params: params(w, it1.id) });
    const before = (await t.deps.db.select().from(handlingRatings)).length;
    const notYours = await rateH(w.reps[1], it1.id);
    expect(notYours.status).toBe(403);
    expect(notYours.body.error?.code).toBe('handling_not_yours');
    for (const who of [w.staff, w.admin, w.depBClient, w.keeper1]) expect((await rateH(who, it1.id)).status).toBe(403);
    expect((await rateH(other.reps[0], it1.id, () => other)).status).toBe(404);
    expect((await t.deps.db.select().from(handlingRatings)).length).toBe(before);
    expect((await w.reps[0].call(C.getItem, { params: params(w, it1.id) })).body).toMatchObject({ canRateHandling: true, handlingRated: false });
    const ok = await rateH(w.reps[0], it1.id);
    expect(ok.status, ok.text).toBe(204);
    expect((await rateH(w.reps[0], it1.id)).body.error?.code).toBe('handling_rated');
    const rows = await t.deps.db.select().from(handlingRatings).where(eq(handlingRatings.congressId, w.congressId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ departmentId: w.depB, year: Number(today().slice(0, 4)), ...grades });
    // Nothing in the rating names the rater, the item or a time.
    expect(Object.keys(rows[0]).sort()).toEqual(['attitude', 'congressId', 'departmentId', 'effect', 'handling', 'id', 'year']);
    expect(JSON.stringify(rows[0])).not.toContain(w.repIds[0]);
    expect(JSON.stringify(rows[0])).not.toContain(it1.id);
    const grants = await t.deps.db.select().from(handlingRatingGrants).where(eq(handlingRatingGrants.itemId, it1.id));
    expect(grants).toEqual([{ itemId: it1.id, round: 1, representativeId: w.repIds[0], congressId: w.congressId }]);
    // No event, no audit entry for it.
    const kinds = (await t.deps.db.select().from(itemEvents).where(eq(itemEvents.itemId, it1.id))).map((e) => e.kind);
    expect(kinds).not.toContain('handling');
    const audit = await t.deps.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, it1.id)).orderBy(asc(auditLog.seq));
    expect(audit.map((r) => r.action)).toEqual(['items.create', 'items.assign', 'items.answer', 'items.accept']);
    expect((await w.reps[0].call(C.getItem, { params: params(w, it1.id) })).body).toMatchObject({ canRateHandling: false, handlingRated: true });
  });

  it('figures are withheld below the k-minimum', () => {
    const r = { departmentId: 'd', attitude: 'satisfied', handling: 'basically', effect: 'unsatisfied' } as const;
    expect(handlingFigures([r, r], 3)).toEqual([{ departmentId: 'd', n: 2, dimensions: null }]);
    const [f] = handlingFigures([r, r, { ...r, attitude: 'unsatisfied' }], 3);
    expect(f.dimensions!.attitude).toEqual({ satisfied: 2, basically: 0, unsatisfied: 1, rate: 2 / 3 });
    expect(f.dimensions!.handling.rate).toBe(1);
  });
});

describe('paging', () => {
  it('pages many items on the server with the total, counts by state and filters by month, source and words', async () => {
    const month = addDays(today(), -40).slice(0, 7);
    await t.deps.db.transaction(async (tx) => {
      for (let i = 0; i < 130; i++)
        await createItem(tx, { congressId: other.congressId, source: i % 2 ? 'resident' : 'reception', category: 'rural', title: `第${i}号 灌溉渠`, content: '渠道淤塞', receivedOn: i < 30 ? `${month}-15` : today() });
    });
    const page = (query: Record<string, unknown>) => other.staff.call(C.listItems, { params: { congressId: other.congressId }, query });
    const p1 = (await page({ size: 50 })).body;
    const p3 = (await page({ size: 50, page: 3 })).body;
    expect(p1.total).toBe(130);
    expect(p1.items).toHaveLength(50);
    expect(p3.items).toHaveLength(30);
    expect(new Set([...p1.items, ...p3.items].map((i: { id: string }) => i.id)).size).toBe(80);
    expect(p1.counts).toEqual({ received: 130 });
    expect((await page({ month })).body.total).toBe(30);
    expect((await page({ source: 'resident' })).body.total).toBe(65);
    expect((await page({ q: '第7号' })).body.total).toBe(1);
    expect((await page({ status: 'done' })).body).toMatchObject({ total: 0, all: 130 });
    expect((await page({ month: '2026-13' })).status).toBe(400);
    expect((await page({ size: 500 })).status).toBe(400);
    // Another congress's items never show.
    expect((await w.staff.call(C.listItems, { params: { congressId: w.congressId }, query: { q: '灌溉渠' } })).body.total).toBe(0);
    const [{ n }] = await t.deps.db.select({ n: sql<number>`count(*)::int` }).from(items).where(eq(items.congressId, other.congressId));
    expect(n).toBe(130);
  });
});
