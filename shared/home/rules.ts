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

/**
 * The year whose projects are gathered now: proposals are collected in the second half of the year before (design §3),
 * so from July the window to open is next year's.
 */
export const collectionYear = (today: string) => Number(today.slice(0, 4)) + (Number(today.slice(5, 7)) >= 7 ? 1 : 0);

/** A date has passed once the day after it has begun (the due day itself is still on time). */
export const pastDue = (dueOn: string | null, today: string) => dueOn !== null && dueOn < today;

/** 代表小组 / 代表团 / 选区 words that name the group, not the place. */
const GROUP_WORDS = /(代表小组|代表团|代表组|小组|联络站)$/;

/**
 * The place a representative's group or constituency is named after that a project's location also names
 * (「河东村代表小组」 and 「河东村二组」 → 「河东村」), or null. Only names of two characters or more count, so a bare
 * 「村」 ties nothing; 「第3选区」 names no place and ties nothing.
 */
export function sharedPlace(locations: readonly string[], groupNames: readonly string[]): string | null {
  const places = groupNames.map((g) => g.trim().replace(GROUP_WORDS, '')).filter((g) => g.length >= 2 && !/^第.+选区$/.test(g));
  for (const loc of locations.map((l) => l.trim()).filter((l) => l.length >= 2)) {
    for (const p of places) if (loc.startsWith(p) || p.startsWith(loc)) return p.length <= loc.length ? p : loc;
  }
  return null;
}
