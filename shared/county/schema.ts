/** The county stage's shapes (shared/county/contract.ts). */
import { z } from 'zod';
import { CongressLevel } from '../congress/schema.ts';
import { PageQuery, pageOf } from '../paging.ts';

export const SetParent = z.object({ parentId: z.uuid().nullable() });

/** A congress below a county or city, as the county's lists show it. */
export const BelowCongress = z.object({
  id: z.string(),
  name: z.string(),
  level: CongressLevel,
  term: z.int(),
  parentId: z.string().nullable(),
  parentName: z.string().nullable(),
});
export type BelowCongress = z.infer<typeof BelowCongress>;
export const BelowQuery = PageQuery.extend({
  q: z.string().trim().max(60).optional(),
  level: CongressLevel.optional(),
});
export const BelowPage = pageOf(BelowCongress);
