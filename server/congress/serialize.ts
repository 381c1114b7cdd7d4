import type { Congress } from '../../shared/congress/schema.ts';
import { CongressSettings } from '../../shared/congress/settings.ts';
import type { Role } from '../../shared/roles.ts';
import type { congresses } from '../db/schema/index.ts';

/** Settings are parsed on the way out too, so a congress stored before a new setting existed gets its default. */
export const serializeCongress = (row: typeof congresses.$inferSelect, myRoles: Role[]): Congress => ({
  id: row.id,
  name: row.name,
  level: row.level,
  term: row.term,
  settings: CongressSettings.parse(row.settings ?? {}),
  parentId: row.parentId ?? null,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  myRoles,
});
