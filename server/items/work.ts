/**
 * 待办 of the items stage (server/home/my-work.ts calls these): a department's items waiting for its answer, due soon
 * and overdue; staff's items to triage, answers to check and overdue items; a representative's done items whose
 * handling they have not rated yet. Counts, each linking to the items list filtered to them.
 */
import { and, eq, gte, inArray, isNotNull, lt, notExists, sql } from 'drizzle-orm';
import { CongressSettings } from '../../shared/congress/settings.ts';
import type { WorkItem } from '../../shared/home/schema.ts';
import { addWorkingDays } from '../../shared/items/working-days.ts';
import type { DbOrTx } from '../db/client.ts';
import { congresses, handlingRatingGrants, items } from '../db/schema/index.ts';
import { loadCalendar } from './calendar.ts';

type Item = Omit<WorkItem, 'congressId' | 'congressName' | 'role'>;
type Scope = { db: DbOrTx; congress: typeof congresses.$inferSelect; today: string };
const work = (kind: Item['kind'], href: string, n: number, over: Partial<Item> = {}): Item[] =>
  n > 0 ? [{ kind, href, objectId: null, name: null, count: n, year: null, dueOn: null, overdue: false, ...over }] : [];
const countOf = async (s: Scope, ...conds: Parameters<typeof and>) => {
  const [{ n }] = await s.db.select({ n: sql<number>`count(*)::int` }).from(items).where(and(eq(items.congressId, s.congress.id), ...conds));
  return Number(n);
};

/** The first day that is no longer "due soon" (shared/items/working-days.ts dueState, said as a bound on due_on). */
async function dueSoonBound(s: Scope) {
  const within = CongressSettings.parse(s.congress.settings ?? {}).loop.dueSoonDays;
  return addWorkingDays(s.today, within + 1, await loadCalendar(s.db, s.congress.id));
}

export async function departmentItemsWork(s: Scope, departmentIds: string[]): Promise<Item[]> {
  if (!departmentIds.length) return [];
  const c = s.congress.id;
  const ours = and(inArray(items.departmentId, departmentIds), eq(items.status, 'assigned'));
  const [waiting, soon, late] = await Promise.all([
    countOf(s, ours),
    countOf(s, ours, gte(items.dueOn, s.today), lt(items.dueOn, await dueSoonBound(s))),
    countOf(s, ours, lt(items.dueOn, s.today)),
  ]);
  return [
    ...work('items_overdue', `/c/${c}/items?due=overdue`, late, { overdue: true }),
    ...work('items_due_soon', `/c/${c}/items?due=due_soon`, soon),
    ...work('items_to_answer', `/c/${c}/items?status=assigned`, waiting),
  ];
}

export async function staffItemsWork(s: Scope): Promise<Item[]> {
  const c = s.congress.id;
  const [received, answered, late] = await Promise.all([
    countOf(s, eq(items.status, 'received')),
    countOf(s, eq(items.status, 'answered')),
    countOf(s, eq(items.status, 'assigned'), lt(items.dueOn, s.today)),
  ]);
  return [
    ...work('items_overdue', `/c/${c}/items?due=overdue`, late, { overdue: true }),
    ...work('items_to_triage', `/c/${c}/items?status=received`, received),
    ...work('answers_to_check', `/c/${c}/items?status=answered`, answered),
  ];
}

export async function representativeItemsWork(s: Scope, repId: string): Promise<Item[]> {
  const n = await countOf(
    s,
    eq(items.representativeId, repId),
    eq(items.status, 'done'),
    isNotNull(items.departmentId),
    notExists(s.db.select({ x: sql`1` }).from(handlingRatingGrants).where(and(eq(handlingRatingGrants.itemId, items.id), eq(handlingRatingGrants.round, items.round), eq(handlingRatingGrants.representativeId, repId)))),
  );
  return work('items_to_rate', `/c/${s.congress.id}/items?mine=1&status=done`, n);
}
