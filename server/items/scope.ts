/**
 * Whose items a caller sees and what they may do to one (shared/items/policy.ts says the roles; this says the
 * objects): staff and the government office every item of the congress; a department the items assigned to it; a
 * station keeper their station's; a representative the items they raised (or entered). Anything else is 404.
 */
import { and, eq, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { entersAnyItem, readsAllItems, seesContact, triagesItems } from '../../shared/items/policy.ts';
import { movesFrom, type ItemAction } from '../../shared/items/transitions.ts';
import type { ItemStatus } from '../../shared/items/enums.ts';
import type { Role } from '../../shared/roles.ts';
import type { DbOrTx } from '../db/client.ts';
import { items, memberships } from '../db/schema/index.ts';
import type { CongressAccess } from '../lib/auth.ts';
import { AppError } from '../lib/errors.ts';
import { representativeOf } from '../evaluation/rounds.ts';

export type ItemScope = {
  congressId: string;
  accountId: string;
  roles: Role[];
  systemAdmin: boolean;
  readAll: boolean;
  triage: boolean;
  createAny: boolean;
  contact: boolean;
  departmentIds: string[];
  /** Stations this account keeps (role station). */
  stationIds: string[];
  /** The caller's roster row when they are a representative of the congress. */
  repId: string | null;
};

export async function scopeOf(db: DbOrTx, access: CongressAccess): Promise<ItemScope> {
  const { auth, congress, roles, departmentIds } = access;
  const sys = auth.account.systemAdmin;
  const stationIds = roles.includes('station')
    ? (
        await db
          .select({ id: memberships.stationId })
          .from(memberships)
          .where(and(eq(memberships.congressId, congress.id), eq(memberships.accountId, auth.account.id), eq(memberships.role, 'station'), isNotNull(memberships.stationId)))
      ).map((r) => r.id!)
    : [];
  const rep = roles.includes('representative') ? await representativeOf(db, congress.id, auth.account.id) : null;
  return {
    congressId: congress.id,
    accountId: auth.account.id,
    roles,
    systemAdmin: sys,
    readAll: readsAllItems(roles, sys),
    triage: triagesItems(roles, sys),
    createAny: entersAnyItem(roles, sys),
    contact: seesContact(roles, sys),
    departmentIds,
    stationIds,
    repId: rep?.id ?? null,
  };
}

/** The items the caller may see, as a condition (none for readers of all). */
export function visibleTo(s: ItemScope): SQL | undefined {
  if (s.readAll) return undefined;
  const mine: SQL[] = [eq(items.submittedBy, s.accountId)];
  if (s.departmentIds.length) mine.push(inArray(items.departmentId, s.departmentIds));
  if (s.stationIds.length) mine.push(inArray(items.stationId, s.stationIds));
  if (s.repId) mine.push(eq(items.representativeId, s.repId));
  return mine.length === 1 ? mine[0] : or(...mine);
}

/** "Mine": what the representative raised, or what the caller entered. */
export function mineOf(s: ItemScope): SQL {
  return s.repId ? or(eq(items.representativeId, s.repId), eq(items.submittedBy, s.accountId))! : eq(items.submittedBy, s.accountId);
}

type Row = typeof items.$inferSelect;

/** One item of the congress the caller may see (locked for update in a transaction when asked), or 404. */
export async function itemFor(db: DbOrTx, s: ItemScope, itemId: string, forUpdate = false): Promise<Row> {
  const q = db
    .select()
    .from(items)
    .where(and(eq(items.id, itemId), eq(items.congressId, s.congressId), visibleTo(s) ?? sql`true`));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw new AppError('item_not_found');
  return row;
}

/** Whether the caller keeps the item's station. */
export const keepsStation = (s: ItemScope, item: { stationId: string | null }) => !!item.stationId && s.stationIds.includes(item.stationId);
/** Whether the caller answers for the item's department. */
export const answersFor = (s: ItemScope, item: { departmentId: string | null }) => !!item.departmentId && (s.departmentIds.includes(item.departmentId) || s.systemAdmin);

const STAFF_MOVES: readonly ItemAction[] = ['answer_on_spot', 'assign', 'refer', 'merge', 'to_proposal', 'reassign', 'accept', 'return'];

/** The moves the caller may make on the item now: its state's moves (shared/items/transitions.ts) narrowed by who they are. */
export function movesFor(s: ItemScope, item: { status: ItemStatus; stationId: string | null; departmentId: string | null }): ItemAction[] {
  return movesFrom(item.status).filter((a) => {
    if (a === 'reopen') return false; // the submitter's 不满意 only
    if (a === 'answer') return answersFor(s, item) && (s.roles.includes('department') || s.systemAdmin);
    if (s.triage && STAFF_MOVES.includes(a)) return true;
    return a === 'answer_on_spot' && keepsStation(s, item);
  });
}
