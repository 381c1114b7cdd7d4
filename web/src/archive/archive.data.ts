/** The duty archive (代表履职档案, SPEC §14) as the web app calls it: the yearly table, one archive, one's own, staff entries. */
import type { z } from 'zod';
import * as C from '../../../shared/archive/contract.ts';
import type { Archive, ArchiveRow, ArchiveTable, CreateEntries, Entry, SORT_KEYS, UpdateEntry } from '../../../shared/archive/schema.ts';
import { urlOf } from '../../../shared/contract.ts';
import { call, query } from '../api.ts';

export type { Archive, ArchiveRow, ArchiveTable, Entry };
export type SortKey = (typeof SORT_KEYS)[number];
export type Order = 'asc' | 'desc';

export const fetchTable = (c: string, year: number, sort: SortKey = 'points', order: Order = 'desc') => call(C.archiveTable, { params: { congressId: c }, query: { year, sort, order } });
/** The CSV is a download link, not a call. */
export const tableCsvUrl = (c: string, year: number, sort: SortKey, order: Order) => urlOf(C.archiveTableCsv, { congressId: c }, { year, sort, order });
export const fetchArchive = (c: string, representativeId: string, year: number) => call(C.getArchive, { params: { congressId: c, representativeId }, query: { year } });
export const fetchMyArchive = (c: string, year: number) => call(C.myArchive, { params: { congressId: c }, query: { year } });
export const createEntries = (c: string, body: z.input<typeof CreateEntries>) => call(C.createEntries, { params: { congressId: c }, body });
export const updateEntry = (c: string, entryId: string, body: z.input<typeof UpdateEntry>) => call(C.updateEntry, { params: { congressId: c, entryId }, body });
export const deleteEntry = (c: string, entryId: string) => call(C.deleteEntry, { params: { congressId: c, entryId } });

/** Pages a person opens. `me` stands for the signed-in representative's own. */
export const paths = {
  table: (c: string, year?: number) => `/c/${c}/archive${query({ year })}`,
  one: (c: string, r: string, year?: number) => `/c/${c}/archive/${r}${query({ year })}`,
  me: (c: string, year?: number) => `/c/${c}/archive/me${query({ year })}`,
  print: (c: string, r: string | 'me', year?: number) => `/c/${c}/archive/${r}/print${query({ year })}`,
  tablePrint: (c: string, year?: number, sort?: SortKey, order?: Order) => `/c/${c}/archive/print${query({ year, sort, order })}`,
};
