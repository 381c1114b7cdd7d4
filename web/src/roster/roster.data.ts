import type { z } from 'zod';
import { urlOf } from '../../../shared/contract.ts';
import * as C from '../../../shared/roster/contract.ts';
import type { Representative, ImportPreview, RepresentativeInput, UpdateRepresentative } from '../../../shared/roster/schema.ts';
import { call } from '../api.ts';

export type { Representative, ImportPreview };
export type RosterFilter = { status?: 'seated' | 'left'; q?: string };

export const fetchRoster = (congressId: string, f: RosterFilter) => call(C.listRepresentatives, { params: { congressId }, query: { status: f.status, q: f.q } });
export const addRepresentative = (congressId: string, body: z.input<typeof RepresentativeInput>) => call(C.createRepresentative, { params: { congressId }, body });
export const updateRepresentative = (congressId: string, id: string, body: z.input<typeof UpdateRepresentative>) =>
  call(C.updateRepresentative, { params: { congressId, representativeId: id }, body });
export const endTerm = (congressId: string, id: string, body: { endedOn: string; reason: string }) => call(C.endTerm, { params: { congressId, representativeId: id }, body });
export const reissueCard = (congressId: string, id: string) => call(C.reissueCard, { params: { congressId, representativeId: id } });

export type ExistingMode = 'skip' | 'update';
// Sent as text/csv whatever type the browser gives the file (some label a CSV as an Excel file, others give none).
export const previewImport = (congressId: string, file: Blob, existing: ExistingMode) =>
  call(C.previewImport, { params: { congressId }, query: { existing }, body: file, contentType: 'text/csv' });
/** Applies what the preview showed: the counts seen are sent, and a roster changed meanwhile is refused (import_changed). */
export const runImport = (congressId: string, file: Blob, existing: ExistingMode, seen: { new: number; update: number }) =>
  call(C.importRoster, { params: { congressId }, query: { existing, expectNew: seen.new, expectUpdate: seen.update }, body: file, contentType: 'text/csv' });
export const exportUrl = (congressId: string) => urlOf(C.exportRoster, { congressId });

export type { DelegateCards } from '../../../shared/roster/schema.ts';
export const fetchCards = (congressId: string, ids?: string) => call(C.getDelegateCards, { params: { congressId }, query: { ids } });
