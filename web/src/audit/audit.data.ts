/** The audit log's data: a filtered page from the server, and the CSV export's address with the same filters. */
import type { AuditFilter, AuditList } from '../../../shared/audit/schema.ts';
import type { Say } from '../../../shared/audit/words.ts';
import { api, query } from '../api.ts';
import { t, type MessageKey } from '../i18n.ts';

export type { AuditList };
export type AuditQuery = AuditFilter & { page: number; size: number };

export const fetchAudit = (congressId: string, q: AuditQuery) => api.get<AuditList>(`/congresses/${congressId}/audit/entries${query(q)}`);
export const auditCsvUrl = (congressId: string, f: AuditFilter) => `/api/congresses/${congressId}/audit/export.csv${query(f)}`;

/** The shared words (shared/audit/words.ts) in the interface language; null for a key the dictionary lacks. */
export const say: Say = (key, params) => {
  const s = t(key as MessageKey, params);
  return s === key ? null : s;
};
