/** The roster a page at a time (a county roster holds thousands): the filters of the list, a page, counts by status. */
import { z } from 'zod';
import { pageOf, PageQuery } from '../paging.ts';
import { Representative, RosterQuery } from './schema.ts';

export const RosterPageQuery = RosterQuery.extend(PageQuery.shape);
export type RosterPageQuery = z.infer<typeof RosterPageQuery>;
/** `counts`: seated and left among those the search finds, whatever the status filter (for the filter's buttons). */
export const RosterPage = pageOf(Representative).extend({ counts: z.object({ seated: z.int(), left: z.int() }) });
export type RosterPage = z.infer<typeof RosterPage>;
