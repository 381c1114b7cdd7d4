import type { Representative, ImportPreview } from '../../../shared/roster/schema.ts';
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

export const previewImport = (congressId: string, file: Blob) => api.upload<ImportPreview>(`/congresses/${congressId}/roster/import/preview`, file, 'text/csv');
export const runImport = (congressId: string, file: Blob) => api.upload<{ imported: number; encoding: string }>(`/congresses/${congressId}/roster/import`, file, 'text/csv');
export const exportUrl = (congressId: string) => `/api/congresses/${congressId}/roster/export.csv`;

export type { DelegateCards } from '../../../shared/roster/schema.ts';
import type { DelegateCards } from '../../../shared/roster/schema.ts';
export const fetchCards = (congressId: string, ids?: string) => api.get<DelegateCards>(`/congresses/${congressId}/roster/cards${query({ ids })}`);
