import type { Representative, ImportPreview, ImportResult } from '../../../shared/roster/schema.ts';
import { api, query } from '../api.ts';

export type { Representative, ImportPreview };
export type RosterFilter = { status?: 'seated' | 'left'; q?: string };

export const fetchRoster = (congressId: string, f: RosterFilter) =>
  api.get<Representative[]>(`/congresses/${congressId}/representatives${query({ status: f.status, q: f.q })}`);
export const addRepresentative = (congressId: string, body: unknown) => api.post<Representative>(`/congresses/${congressId}/representatives`, body);
export const updateRepresentative = (congressId: string, id: string, body: unknown) =>
  api.patch<Representative>(`/congresses/${congressId}/representatives/${id}`, body);
export const endTerm = (congressId: string, id: string, body: { endedOn: string; reason: string }) =>
  api.post<Representative>(`/congresses/${congressId}/representatives/${id}/end-term`, body);
export const reissueCard = (congressId: string, id: string) => api.post<Representative>(`/congresses/${congressId}/representatives/${id}/reissue-card`);

export type ExistingMode = 'skip' | 'update';
export const previewImport = (congressId: string, file: Blob, existing: ExistingMode) =>
  api.upload<ImportPreview>(`/congresses/${congressId}/roster/import/preview${query({ existing })}`, file, 'text/csv');
/** Applies what the preview showed: the counts seen are sent, and a roster changed meanwhile is refused (import_changed). */
export const runImport = (congressId: string, file: Blob, existing: ExistingMode, seen: { new: number; update: number }) =>
  api.upload<ImportResult>(`/congresses/${congressId}/roster/import${query({ existing, expectNew: seen.new, expectUpdate: seen.update })}`, file, 'text/csv');
export const exportUrl = (congressId: string) => `/api/congresses/${congressId}/roster/export.csv`;

export type { DelegateCards } from '../../../shared/roster/schema.ts';
import type { DelegateCards } from '../../../shared/roster/schema.ts';
export const fetchCards = (congressId: string, ids?: string) => api.get<DelegateCards>(`/congresses/${congressId}/roster/cards${query({ ids })}`);
