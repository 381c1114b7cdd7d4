/** 待办 of the items stage: a department's items (waiting, due soon, overdue), staff's triage and checks, a representative's ratings to give. */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as C from '../../shared/items/contract.ts';
import { myWork } from '../../shared/home/contract.ts';
import { addWorkingDays, EMPTY_CALENDAR } from '../../shared/items/working-days.ts';
import { items } from '../../server/db/schema/index.ts';
import { setupAdmin, useTestApp, type Client } from '../helpers/app.ts';
import { addDays, assigned, itemsWorld, newItem, params, today, type World } from './helpers.ts';

const t = useTestApp();
let w: World;
beforeAll(async () => {
  const admin = await setupAdmin(t);
  w = await itemsWorld(t, admin);
});

const kinds = async (who: Client) => {
  const res = await who.call(myWork);
  expect(res.status, res.text).toBe(200);
  return Object.fromEntries((res.body.items as { kind: string; count: number | null; congressId: string; href: string; overdue: boolean }[]).filter((i) => i.congressId === w.congressId && (i.kind.includes('item') || i.kind === 'answers_to_check')).map((i) => [i.kind, i]));
};

describe('my work: items', () => {
  it('counts what each has to do, with links to the filtered list', async () => {
    const late = await assigned(w);
    const soon = await assigned(w);
    await assigned(w);
    await t.deps.db.update(items).set({ dueOn: addDays(today(), -3) }).where(eq(items.id, late.id));
    await t.deps.db.update(items).set({ dueOn: addWorkingDays(today(), 1, EMPTY_CALENDAR) }).where(eq(items.id, soon.id));
    await newItem(w);
    const toCheck = await assigned(w);
    await w.depAClient.call(C.answerItem, { params: params(w, toCheck.id), body: { answerClass: 'resolved', text: '好' } });
    const dep = await kinds(w.depAClient);
    expect(dep.items_to_answer.count).toBe(3);
    expect(dep.items_due_soon.count).toBe(1);
    expect(dep.items_overdue).toMatchObject({ count: 1, overdue: true, href: `/c/${w.congressId}/items?due=overdue` });
    expect(await kinds(w.depBClient)).toEqual({});
    const staff = await kinds(w.admin);
    expect(staff.items_to_triage.count).toBe(1);
    expect(staff.answers_to_check.count).toBe(1);
    expect(staff.items_overdue.count).toBe(1);
  });

  it('a representative is asked to rate the handling of a done item they raised, until they have', async () => {
    const it1 = await newItem(w, { source: 'representative' }, w.reps[0]);
    await w.staff.call(C.assignItem, { params: params(w, it1.id), body: { departmentId: w.depA } });
    await w.depAClient.call(C.answerItem, { params: params(w, it1.id), body: { answerClass: 'resolved', text: '好' } });
    expect(await kinds(w.reps[0])).toEqual({});
    await w.staff.call(C.acceptAnswer, { params: params(w, it1.id) });
    expect((await kinds(w.reps[0])).items_to_rate.count).toBe(1);
    expect(await kinds(w.reps[1])).toEqual({});
    await w.reps[0].call(C.rateHandling, { params: params(w, it1.id), body: { attitude: 'satisfied', handling: 'satisfied', effect: 'satisfied' } });
    expect(await kinds(w.reps[0])).toEqual({});
  });
});
