import { WORK_KINDS, type WorkItem } from './schema.ts';

/**
 * The to-do order: overdue first, then by due date (undated last), then by urgency of kind (WORK_KINDS' order: a vote
 * going on, then an open round, before follow-ups), then by congress and name so it is stable.
 */
export function orderWork<T extends Pick<WorkItem, 'overdue' | 'dueOn' | 'congressName' | 'kind' | 'name'>>(items: readonly T[]): T[] {
  const key = (i: T) => [i.overdue ? 0 : 1, i.dueOn ?? '9999-99-99', WORK_KINDS.indexOf(i.kind), i.congressName, i.name ?? ''] as const;
  return [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let n = 0; n < ka.length; n++) if (ka[n] !== kb[n]) return ka[n] < kb[n] ? -1 : 1;
    return 0;
  });
}

/** A date has passed once the day after it has begun (the due day itself is still on time). */
export const pastDue = (dueOn: string | null, today: string) => dueOn !== null && dueOn < today;
