/** The hotline page's calls (shared/hotline/contract.ts). */
import * as C from '../../../shared/hotline/contract.ts';
import type { HotlineColumns } from '../../../shared/hotline/schema.ts';
import { call } from '../api.ts';

export const fetchMapping = (congressId: string) => call(C.getMapping, { params: { congressId } });
export const saveMapping = (congressId: string, columns: HotlineColumns) => call(C.setMapping, { params: { congressId }, body: columns });
// Sent as an octet stream whatever type the browser gives the file: the server tells xlsx from CSV by the bytes.
export const previewFile = (congressId: string, file: File) =>
  call(C.previewImport, { params: { congressId }, query: { filename: file.name.slice(0, 200) }, body: file, contentType: 'application/octet-stream' });
export const importFile = (congressId: string, file: File) =>
  call(C.importTickets, { params: { congressId }, query: { filename: file.name.slice(0, 200) }, body: file, contentType: 'application/octet-stream' });
export const fetchImports = (congressId: string, page: number) => call(C.listImports, { params: { congressId }, query: { page, size: 20 } });
