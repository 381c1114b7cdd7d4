/**
 * What may happen to an item in which state (SPEC §13: 分类交办 → 答复 → 审核 → 反馈 → 再办理), said once: the server
 * refuses any other move with `item_wrong_state`, the web shows only the moves that `movesFrom` lists.
 */
import type { ItemStatus } from './enums.ts';

export const ITEM_ACTIONS = ['answer_on_spot', 'assign', 'refer', 'merge', 'to_proposal', 'reassign', 'answer', 'accept', 'return', 'reopen'] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

/** From which states each move starts, and where it ends. */
const MOVES: Record<ItemAction, { from: readonly ItemStatus[]; to: ItemStatus }> = {
  /** 当场答复: staff or the station keeper answer at once. */
  answer_on_spot: { from: ['received'], to: 'done' },
  /** 交办: to a department with a deadline in working days. */
  assign: { from: ['received'], to: 'assigned' },
  /** 转上级. */
  refer: { from: ['received'], to: 'referred' },
  /** 合并 into another open item of the congress. */
  merge: { from: ['received'], to: 'merged' },
  /** 转为项目建议 of the next collection window. */
  to_proposal: { from: ['received'], to: 'to_proposal' },
  /** Another department (or a new deadline) while it waits for an answer. */
  reassign: { from: ['assigned'], to: 'assigned' },
  /** The department's 答复 with its class. */
  answer: { from: ['assigned'], to: 'answered' },
  /** Staff accept the answer: the item is done and may be rated. */
  accept: { from: ['answered'], to: 'done' },
  /** Staff return the answer with a reason: back to the department. */
  return: { from: ['answered'], to: 'assigned' },
  /** 不满意 on the first answer: 再办理 (once; the department again, or triage again when it had none). */
  reopen: { from: ['done'], to: 'assigned' },
};

export const movesFrom = (status: ItemStatus): ItemAction[] => (Object.keys(MOVES) as ItemAction[]).filter((a) => MOVES[a].from.includes(status));

export type Moved = { ok: true; status: ItemStatus } | { ok: false; error: 'item_wrong_state' | 'item_reopened_once' };

/**
 * Where `action` takes an item, or why not. `round` is 1, then 2 after a reopening; an item is reopened once.
 * An item answered on the spot (no department) reopens to triage (`received`).
 */
export function move(item: { status: ItemStatus; round: number; departmentId: string | null }, action: ItemAction): Moved {
  const m = MOVES[action];
  if (!m.from.includes(item.status)) return { ok: false, error: 'item_wrong_state' };
  if (action === 'reopen') {
    if (item.round >= 2) return { ok: false, error: 'item_reopened_once' };
    return { ok: true, status: item.departmentId ? 'assigned' : 'received' };
  }
  return { ok: true, status: m.to };
}
