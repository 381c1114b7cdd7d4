/**
 * Items (SPEC §13): who enters them, every triage move and its refusals, the department's answer, accept/return,
 * key items and supervision — each refused write checked to have changed nothing.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as C from '../../shared/items/contract.ts';
import * as G from '../../shared/gathering/contract.ts';
import { addWorkingDays, calendarOf } from '../../shared/items/working-days.ts';
import { calendarDays, collectionWindows, itemEvents, items, proposals } from '../../server/db/schema/index.ts';
import { setupAdmin, useTestApp, type Client } from '../helpers/app.ts';
import { addDays, assigned, done, fields, itemsWorld, newItem, params, PNG, rowOf, today, withFiles, type World } from './helpers.ts';

const t = useTestApp();
let w: World;
let other: World;

beforeAll(async () => {
  const admin = await setupAdmin(t);
  w = await itemsWorld(t, admin);
  other = await itemsWorld(t, admin);
});

const create = (as: Client, over: Record<string, unknown> = {}, world = () => w) => as.call(C.createItem, { params: { congressId: world().congressId }, body: fields(over) as never });
const get = (as: Client, id: string) => as.call(C.getItem, { params: params(w, id) });

describe('entering items', () => {
  it('staff enter any source, with a station and a representative of the congress', async () => {
    const res = await create(w.staff, { source: 'inspection', stationId: w.st1, representativeId: w.repIds[0] });
    expect(res.status, res.text).toBe(201);
    expect(res.body.trackingCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const item = (await get(w.staff, res.body.id)).body;
    expect(item).toMatchObject({ source: 'inspection', status: 'received', round: 1, station: { id: w.st1 }, representative: { id: w.repIds[0] }, submitterContact: '13900001111' });
    expect(item.moves.sort()).toEqual(['answer_on_spot', 'assign', 'merge', 'refer', 'to_proposal']);
  });

  it('refuses another congress’s station or representative, and a date in the future', async () => {
    expect((await create(w.staff, { stationId: other.st1 })).body.error?.code).toBe('item_station_not_found');
    expect((await create(w.staff, { representativeId: other.repIds[0] })).body.error?.code).toBe('representative_not_found');
    const future = await create(w.staff, { receivedOn: addDays(today(), 2) });
    expect(future.status).toBe(400);
    expect(future.body.error?.code).toBe('item_date_future');
  });

  it('a keeper enters items of their own station only, from the station’s sources', async () => {
    const res = await create(w.keeper1, { source: 'reception' });
    expect(res.status, res.text).toBe(201);
    expect((await rowOf(t, res.body.id)).stationId).toBe(w.st1);
    expect((await create(w.keeper1, { source: 'resident', stationId: w.st2 })).status).toBe(404);
    const hotline = await create(w.keeper1, { source: 'hotline' });
    expect(hotline.status).toBe(403);
    expect(hotline.body.error?.code).toBe('item_source_not_allowed');
  });

  it('a representative with the card enters their own (source representative, the roster row filled in)', async () => {
    const res = await create(w.reps[0], { source: 'representative', representativeId: w.repIds[1] });
    expect(res.status, res.text).toBe(201);
    expect((await rowOf(t, res.body.id)).representativeId).toBe(w.repIds[0]);
    const staffSource = await create(w.reps[0], { source: 'staff' });
    expect(staffSource.status).toBe(403);
    // An account with the role but not on the roster.
    expect((await create(w.accountRep, { source: 'representative' })).body.error?.code).toBe('item_not_representative');
  });

  it('departments, the government and the presidium do not enter items', async () => {
    for (const who of [w.depAClient, w.gov, w.presidium]) expect((await create(who)).status).toBe(403);
  });

  it('takes photos beside the JSON and refuses a file that is not a photo or PDF', async () => {
    const ok = await w.staff.call(C.createItem, { params: { congressId: w.congressId }, body: withFiles(fields(), [{ name: 'a.png', bytes: PNG, type: 'image/png' }]) });
    expect(ok.status, ok.text).toBe(201);
    const item = (await get(w.staff, ok.body.id)).body;
    expect(item.files).toHaveLength(1);
    const file = await w.staff.call(C.getItemFile, { params: { ...params(w, ok.body.id), fileId: item.files[0].id } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    const before = (await t.deps.db.select().from(items)).length;
    const bad = await w.staff.call(C.createItem, { params: { congressId: w.congressId }, body: withFiles(fields(), [{ name: 'x.exe', bytes: new TextEncoder().encode('MZ not a picture'), type: 'image/png' }]) });
    expect(bad.status).toBe(415);
    expect(bad.body.error?.code).toBe('attachment_type');
    expect((await t.deps.db.select().from(items)).length).toBe(before);
  });
});

describe('who sees which items', () => {
  let mine: { id: string }, ofStation2: { id: string }, toB: { id: string };
  beforeAll(async () => {
    mine = await newItem(w, { source: 'representative' }, w.reps[1]);
    ofStation2 = await newItem(w, { source: 'reception' }, w.keeper2);
    toB = await newItem(w);
    await w.staff.call(C.assignItem, { params: params(w, toB.id), body: { departmentId: w.depB } });
  });

  it('staff and the government see all; the contact only staff and the station’s keeper', async () => {
    expect((await get(w.gov, ofStation2.id)).body.submitterContact).toBeNull();
    expect((await get(w.staff, ofStation2.id)).body.submitterContact).toBe('13900001111');
    expect((await get(w.keeper2, ofStation2.id)).body.submitterContact).toBe('13900001111');
  });

  it('a keeper sees their station’s, a department its own, a representative theirs — the rest is 404', async () => {
    expect((await get(w.keeper1, ofStation2.id)).status).toBe(404);
    expect((await get(w.depAClient, toB.id)).status).toBe(404);
    expect((await get(w.depBClient, toB.id)).status).toBe(200);
    expect((await get(w.reps[0], mine.id)).status).toBe(404);
    expect((await get(w.reps[1], mine.id)).status).toBe(200);
    // Another congress's staff: the item is not in their congress.
    expect((await other.staff.call(C.getItem, { params: { congressId: other.congressId, itemId: mine.id } })).status).toBe(404);
    const list = (who: Client) => who.call(C.listItems, { params: { congressId: w.congressId }, query: { size: 200 } });
    const ids = async (who: Client) => ((await list(who)).body.items as { id: string }[]).map((i) => i.id);
    expect(await ids(w.depBClient)).toEqual([toB.id]);
    expect(await ids(w.keeper2)).toContain(ofStation2.id);
    expect(await ids(w.keeper2)).not.toContain(toB.id);
    expect(await ids(w.reps[1])).toEqual([mine.id]);
    const mineList = await w.reps[1].call(C.listItems, { params: { congressId: w.congressId }, query: { mine: '1' } });
    expect(mineList.body.items.map((i: { id: string }) => i.id)).toEqual([mine.id]);
  });

  it('a list row has no contact and no content', async () => {
    const page = (await w.staff.call(C.listItems, { params: { congressId: w.congressId } })).body;
    expect(JSON.stringify(page)).not.toContain('13900001111');
    expect(page.items[0]).not.toHaveProperty('content');
  });
});

describe('triage', () => {
  it('assigns with the deadline in working days on the uploaded calendar, or an explicit later day', async () => {
    // The next three days are holidays on this congress's calendar (the others' calendars don't count).
    const hol = [1, 2, 3].map((n) => addDays(today(), n));
    await t.deps.db.insert(calendarDays).values(hol.map((day) => ({ congressId: w.congressId, day, kind: 'holiday' as const })));
    try {
      const cal = calendarOf(hol.map((day) => ({ day, kind: 'holiday' as const })));
      const due = await w.staff.call(C.itemDueDate, { params: { congressId: w.congressId }, query: { urgency: 'urgent' } });
      expect(due.body).toEqual({ today: today(), dueOn: addWorkingDays(today(), 3, cal), workingDays: 3 });
      const it1 = await newItem(w);
      const res = await w.staff.call(C.assignItem, { params: params(w, it1.id), body: { departmentId: w.depA, urgency: 'urgent' } });
      expect(res.status, res.text).toBe(200);
      expect(res.body).toEqual({ status: 'assigned', dueOn: addWorkingDays(today(), 3, cal) });
      const row = await rowOf(t, it1.id);
      expect(row).toMatchObject({ status: 'assigned', departmentId: w.depA, urgency: 'urgent', assignedOn: today() });
      const it2 = await newItem(w);
      const explicit = addDays(today(), 40);
      expect((await w.staff.call(C.assignItem, { params: params(w, it2.id), body: { departmentId: w.depA, dueOn: explicit } })).body.dueOn).toBe(explicit);
    } finally {
      await t.deps.db.delete(calendarDays).where(eq(calendarDays.congressId, w.congressId));
    }
  });

  it('refuses a deadline not after today, another congress’s department, a second assignment — changing nothing', async () => {
    const it1 = await newItem(w);
    const before = await rowOf(t, it1.id);
    const past = await w.staff.call(C.assignItem, { params: params(w, it1.id), body: { departmentId: w.depA, dueOn: today() } });
    expect(past.status).toBe(400);
    expect(past.body.error?.code).toBe('item_due_past');
    const foreign = await w.staff.call(C.assignItem, { params: params(w, it1.id), body: { departmentId: other.depA } });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error?.code).toBe('department_not_found');
    expect(await rowOf(t, it1.id)).toEqual(before);
    await w.staff.call(C.assignItem, { params: params(w, it1.id), body: { departmentId: w.depA } });
    const again = await w.staff.call(C.assignItem, { params: params(w, it1.id), body: { departmentId: w.depB } });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('item_wrong_state');
    expect(again.body.error?.message).toContain('办理中');
    expect((await rowOf(t, it1.id)).departmentId).toBe(w.depA);
  });

  it('only staff triage: a department, a keeper, a representative and the government are refused', async () => {
    const it1 = await newItem(w, { source: 'reception', stationId: w.st1 });
    for (const who of [w.depAClient, w.keeper1, w.reps[0], w.gov]) {
      expect((await who.call(C.assignItem, { params: params(w, it1.id), body: { departmentId: w.depA } })).status).toBe(403);
      expect((await who.call(C.referItem, { params: params(w, it1.id), body: { to: '县人大' } })).status).toBe(403);
    }
    expect((await rowOf(t, it1.id)).status).toBe('received');
  });

  it('reassigns while it waits: another department, a new deadline', async () => {
    const it1 = await assigned(w);
    const res = await w.staff.call(C.reassignItem, { params: params(w, it1.id), body: { departmentId: w.depB, urgency: 'complex' } });
    expect(res.status, res.text).toBe(200);
    expect(await rowOf(t, it1.id)).toMatchObject({ status: 'assigned', departmentId: w.depB, urgency: 'complex' });
    expect((await get(w.depAClient, it1.id)).status).toBe(404);
    const received = await newItem(w);
    expect((await w.staff.call(C.reassignItem, { params: params(w, received.id), body: { departmentId: w.depB } })).body.error?.code).toBe('item_wrong_state');
  });

  it('answers on the spot: staff, or the keeper of its station (another keeper: not found)', async () => {
    const it1 = await newItem(w, { source: 'reception' }, w.keeper1);
    expect((await w.keeper2.call(C.answerOnSpot, { params: params(w, it1.id), body: { note: '已解释政策' } })).status).toBe(404);
    expect((await w.keeper1.call(C.answerOnSpot, { params: params(w, it1.id), body: { note: '' } })).status).toBe(400);
    const res = await w.keeper1.call(C.answerOnSpot, { params: params(w, it1.id), body: { note: '已当场解释低保申请流程。' } });
    expect(res.status, res.text).toBe(200);
    expect(await rowOf(t, it1.id)).toMatchObject({ status: 'done', triageNote: '已当场解释低保申请流程。', closedOn: today() });
    expect((await w.staff.call(C.answerOnSpot, { params: params(w, it1.id), body: { note: 'x' } })).status).toBe(409);
  });

  it('refers up with where to', async () => {
    const it1 = await newItem(w);
    expect((await w.staff.call(C.referItem, { params: params(w, it1.id), body: { to: '县人大常委会' } })).body).toEqual({ status: 'referred', dueOn: null });
    expect(await rowOf(t, it1.id)).toMatchObject({ status: 'referred', triageNote: '县人大常委会' });
  });

  it('merges into another open item; not into itself, a closed one or another congress’s', async () => {
    const a = await newItem(w);
    const b = await newItem(w);
    const closed = await newItem(w);
    await w.staff.call(C.referItem, { params: params(w, closed.id), body: { to: '县' } });
    const foreign = await newItem(other);
    const merge = (intoId: string) => w.staff.call(C.mergeItem, { params: params(w, a.id), body: { intoId, reason: '同一路段' } });
    expect((await merge(a.id)).body.error?.code).toBe('item_merge_self');
    expect((await merge(closed.id)).body.error?.code).toBe('item_merge_target');
    expect((await merge(foreign.id)).status).toBe(404);
    expect((await rowOf(t, a.id)).status).toBe('received');
    const ok = await merge(b.id);
    expect(ok.status, ok.text).toBe(200);
    expect(await rowOf(t, a.id)).toMatchObject({ status: 'merged', mergedIntoId: b.id });
    expect((await get(w.staff, b.id)).body.mergedFrom.map((x: { id: string }) => x.id)).toEqual([a.id]);
    const track = await w.staff.call(C.trackItem, { params: { code: a.trackingCode } });
    expect(track.body.mergedInto?.trackingCode).toBe(b.trackingCode);
  });

  it('turns into a proposal of the open window (refused clearly without one); the tracking code follows it', async () => {
    const it1 = await newItem(w, { source: 'representative', category: 'ecology' }, w.reps[0]);
    const none = await w.staff.call(C.itemToProposal, { params: params(w, it1.id), body: {} });
    expect(none.status).toBe(409);
    expect(none.body.error?.code).toBe('item_no_window');
    expect((await rowOf(t, it1.id)).status).toBe('received');
    const year = Number(today().slice(0, 4)) + 1;
    // A window scheduled for next year: the proposal goes there.
    await w.staff.call(G.createWindow, { params: { congressId: w.congressId }, body: { year, opensOn: `${year}-03-01`, closesOn: `${year}-04-30` } });
    const res = await w.staff.call(C.itemToProposal, { params: params(w, it1.id), body: { note: '列入明年征集' } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'to_proposal', windowYear: year });
    const [p] = await t.deps.db.select().from(proposals).where(eq(proposals.id, res.body.proposalId));
    expect(p).toMatchObject({ congressId: w.congressId, year, channel: 'representative', category: 'environment', title: '河东村路灯不亮' });
    expect((await rowOf(t, it1.id)).proposalId).toBe(p.id);
    const track = (await w.staff.call(C.trackItem, { params: { code: it1.trackingCode } })).body;
    expect(track.proposal).toEqual({ trackingCode: p.trackingCode, title: p.title });
    await t.deps.db.delete(collectionWindows).where(and(eq(collectionWindows.congressId, w.congressId), eq(collectionWindows.year, year + 5)));
  });
});

describe('the department’s answer, accept and return', () => {
  it('only the assigned department answers; with files; a late answer is allowed and marked', async () => {
    const it1 = await assigned(w);
    const body = { answerClass: 'in_progress' as const, text: '已列入本月维修计划。' };
    expect((await w.depBClient.call(C.answerItem, { params: params(w, it1.id), body })).status).toBe(404);
    for (const who of [w.admin, w.gov, w.keeper1]) expect((await who.call(C.answerItem, { params: params(w, it1.id), body })).status).toBe(403);
    expect((await rowOf(t, it1.id)).status).toBe('assigned');
    // Past its deadline.
    await t.deps.db.update(items).set({ dueOn: addDays(today(), -2) }).where(eq(items.id, it1.id));
    const res = await w.depAClient.call(C.answerItem, { params: params(w, it1.id), body: withFiles(body, [{ name: '现场.png', bytes: PNG, type: 'image/png' }]) });
    expect(res.status, res.text).toBe(200);
    const item = (await get(w.depAClient, it1.id)).body;
    expect(item).toMatchObject({ status: 'answered', answerClass: 'in_progress', answeredOn: today() });
    expect(item.answers).toHaveLength(1);
    expect(item.answers[0]).toMatchObject({ late: true, decision: null, department: { id: w.depA } });
    expect(item.answers[0].files[0].filename).toBe('现场.png');
    expect((await w.depAClient.call(C.answerItem, { params: params(w, it1.id), body })).body.error?.code).toBe('item_wrong_state');
  });

  it('refuses a bad class, an empty text and a file of the wrong type, changing nothing', async () => {
    const it1 = await assigned(w);
    expect((await w.depAClient.call(C.answerItem, { params: params(w, it1.id), body: { answerClass: 'maybe', text: 'x' } as never })).status).toBe(400);
    expect((await w.depAClient.call(C.answerItem, { params: params(w, it1.id), body: { answerClass: 'resolved', text: '  ' } })).status).toBe(400);
    const bad = await w.depAClient.call(C.answerItem, { params: params(w, it1.id), body: withFiles({ answerClass: 'resolved', text: '好' }, [{ name: 'a.pdf', bytes: new Uint8Array([1, 2, 3]), type: 'application/pdf' }]) });
    expect(bad.status).toBe(415);
    expect((await rowOf(t, it1.id)).status).toBe('assigned');
    expect((await get(w.staff, it1.id)).body.answers).toHaveLength(0);
  });

  it('staff return with a reason (required) → the department again; then accept → done', async () => {
    const it1 = await assigned(w);
    await w.depAClient.call(C.answerItem, { params: params(w, it1.id), body: { answerClass: 'planned', text: '明年安排。' } });
    expect((await w.staff.call(C.returnAnswer, { params: params(w, it1.id), body: { reason: '' } })).status).toBe(400);
    expect((await w.depAClient.call(C.returnAnswer, { params: params(w, it1.id), body: { reason: '太慢' } })).status).toBe(403);
    const ret = await w.staff.call(C.returnAnswer, { params: params(w, it1.id), body: { reason: '请明确完成时间。' } });
    expect(ret.status, ret.text).toBe(200);
    expect((await rowOf(t, it1.id)).status).toBe('assigned');
    expect((await w.staff.call(C.acceptAnswer, { params: params(w, it1.id) })).body.error?.code).toBe('item_wrong_state');
    await w.depAClient.call(C.answerItem, { params: params(w, it1.id), body: { answerClass: 'resolved', text: '已修好。' } });
    expect((await w.staff.call(C.acceptAnswer, { params: params(w, it1.id) })).status).toBe(200);
    const item = (await get(w.staff, it1.id)).body;
    expect(item.status).toBe('done');
    expect(item.answers.map((a) => a.decision)).toEqual(['returned', 'accepted']);
    expect(item.answers[0].decisionReason).toBe('请明确完成时间。');
    expect(item.events.map((e: { kind: string }) => e.kind)).toEqual(['received', 'assign', 'answer', 'return', 'answer', 'accept']);
  });
});

describe('key items and supervision', () => {
  it('staff set a key item with its leader, record supervision with a new deadline; refusals change nothing', async () => {
    const it1 = await assigned(w);
    expect((await w.staff.call(C.setKeyItem, { params: params(w, it1.id), body: { keyItem: true } as never })).status).toBe(400);
    expect((await w.gov.call(C.setKeyItem, { params: params(w, it1.id), body: { keyItem: true, leader: '李主任' } })).status).toBe(403);
    expect((await w.staff.call(C.setKeyItem, { params: params(w, it1.id), body: { keyItem: true, leader: '李主任' } })).status).toBe(200);
    expect(await rowOf(t, it1.id)).toMatchObject({ keyItem: true, keyLeader: '李主任' });
    const sup = (body: Record<string, unknown>) => w.staff.call(C.addSupervision, { params: params(w, it1.id), body: { heldOn: today(), leader: '李主任', found: '路灯已采购，待安装。', ...body } as never });
    expect((await sup({ heldOn: addDays(today(), 1) })).body.error?.code).toBe('item_date_future');
    expect((await sup({ newDueOn: today() })).body.error?.code).toBe('item_due_past');
    expect((await sup({ heldOn: '2026-02-30' })).status).toBe(400);
    const before = await rowOf(t, it1.id);
    expect((await get(w.staff, it1.id)).body.supervisions).toHaveLength(0);
    const newDue = addDays(today(), 10);
    const ok = await sup({ newDueOn: newDue });
    expect(ok.status, ok.text).toBe(201);
    expect((await rowOf(t, it1.id)).dueOn).toBe(newDue);
    expect(before.dueOn).not.toBe(newDue);
    const keyList = await w.staff.call(C.listItems, { params: { congressId: w.congressId }, query: { key: '1' } });
    expect(keyList.body.items.map((i: { id: string }) => i.id)).toContain(it1.id);
    expect(keyList.body.items.every((i: { keyItem: boolean }) => i.keyItem)).toBe(true);
    expect((await w.staff.call(C.setKeyItem, { params: params(w, it1.id), body: { keyItem: false } })).status).toBe(200);
    expect(await rowOf(t, it1.id)).toMatchObject({ keyItem: false, keyLeader: '' });
  });

  it('no supervision of a closed item', async () => {
    const it1 = await done(w);
    expect((await w.staff.call(C.addSupervision, { params: params(w, it1.id), body: { heldOn: today(), leader: '李', found: '看' } })).body.error?.code).toBe('item_wrong_state');
  });
});

describe('due soon and overdue', () => {
  it('the lists find open items by their deadline on the calendar; rows say their due state', async () => {
    const late = await assigned(w);
    const soon = await assigned(w);
    const far = await assigned(w);
    const answeredLate = await assigned(w);
    await t.deps.db.update(items).set({ dueOn: addDays(today(), -1) }).where(eq(items.id, late.id));
    await t.deps.db.update(items).set({ dueOn: addWorkingDays(today(), 2, calendarOf([])) }).where(eq(items.id, soon.id));
    await t.deps.db.update(items).set({ dueOn: addDays(today(), 60) }).where(eq(items.id, far.id));
    await t.deps.db.update(items).set({ dueOn: addDays(today(), -1) }).where(eq(items.id, answeredLate.id));
    await w.depAClient.call(C.answerItem, { params: params(w, answeredLate.id), body: { answerClass: 'resolved', text: '好了' } });
    const list = async (due: 'overdue' | 'due_soon', who = w.staff) => (await who.call(C.listItems, { params: { congressId: w.congressId }, query: { due, size: 200 } })).body.items as { id: string; dueState: string }[];
    const overdue = await list('overdue');
    expect(overdue.map((i) => i.id)).toContain(late.id);
    expect(overdue.map((i) => i.id)).not.toContain(answeredLate.id);
    expect(overdue.every((i) => i.dueState === 'overdue')).toBe(true);
    const dueSoon = await list('due_soon');
    expect(dueSoon.map((i) => i.id)).toContain(soon.id);
    expect(dueSoon.map((i) => i.id)).not.toContain(far.id);
    expect(dueSoon.every((i) => i.dueState === 'due_soon')).toBe(true);
    expect((await list('overdue', w.depBClient)).map((i) => i.id)).not.toContain(late.id);
    const byDue = (await w.staff.call(C.listItems, { params: { congressId: w.congressId }, query: { status: 'assigned', sort: 'due', size: 200 } })).body.items as { dueOn: string }[];
    expect(byDue.map((i) => i.dueOn)).toEqual([...byDue.map((i) => i.dueOn)].sort());
  });
});

describe('the history', () => {
  it('names who did each step and never carries a rating', async () => {
    const it1 = await done(w);
    const ev = await t.deps.db.select().from(itemEvents).where(eq(itemEvents.itemId, it1.id));
    expect(ev.map((e) => e.kind).sort()).toEqual(['accept', 'answer', 'assign', 'received']);
    expect(ev.every((e) => e.actorId)).toBe(true);
  });
});
