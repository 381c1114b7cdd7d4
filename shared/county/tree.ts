/**
 * The tree of congresses (SPEC §16), said once: which level sits under which, and which levels oversee the ones below.
 * A city over counties; a county over its townships and street councils.
 */
import type { CONGRESS_LEVELS } from '../congress/schema.ts';

export type Level = (typeof CONGRESS_LEVELS)[number];

/** The level a congress's parent must have; null: it stands at the top. */
export const PARENT_LEVEL: Record<Level, Level | null> = { city: null, county: 'city', township: 'county', street: 'county' };

/** Levels that have congresses below them, and so overseers and templates. */
export const OVERSEEING_LEVELS: readonly Level[] = ['city', 'county'];
export const oversees = (level: Level) => OVERSEEING_LEVELS.includes(level);

/** Why `child` may not sit under `parent`, or null when it may. */
export function placeRefusal(child: { id: string; level: Level }, parent: { id: string; level: Level } | null): 'parent_level' | 'parent_self' | null {
  if (!parent) return null;
  if (parent.id === child.id) return 'parent_self';
  return PARENT_LEVEL[child.level] === parent.level ? null : 'parent_level';
}
