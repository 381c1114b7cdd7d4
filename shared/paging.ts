/**
 * Server-side paging for long lists (the audit log, a county roster of thousands, proposals): a page number and a
 * page size in the query, the page's items and the total in the answer. Offsets, not cursors: staff jump to a page
 * and see "第 3 页，共 60 页"; with an index on the order a year's log pages in milliseconds.
 */
import { z } from 'zod';

export const PAGE_SIZES = [20, 50, 100, 200] as const;
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  size: z.coerce.number().int().min(1).max(200).default(50),
});
export type PageQuery = z.infer<typeof PageQuery>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.int(), page: z.int(), size: z.int() });

export const pageCount = (total: number, size: number) => Math.max(1, Math.ceil(total / size));
export const offsetOf = (p: PageQuery) => (p.page - 1) * p.size;
