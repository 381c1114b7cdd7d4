/** The audit log's data: a filtered page from the server, and the CSV export's address with the same filters. */
import * as C from '../../../shared/audit/contract.ts';
import type { AuditFilter, AuditList } from '../../../shared/audit/schema.ts';
import { urlOf } from '../../../shared/contract.ts';
import type { Say } from '../../../shared/audit/words.ts';
import { call } from '../api.ts';
import { t, type MessageKey } from '../i18n.ts';

export type { AuditList };
export type AuditQuery = AuditFilter & { page: number; size: number };

export const fetchAudit = (congressId: string, q: AuditQuery) => call(C.listAuditEntries, { params: { congressId }, query: q });
/** A download link, not a call: the browser saves the CSV under the name the server gives it. */
export const auditCsvUrl = (congressId: string, f: AuditFilter) => urlOf(C.exportAudit, { congressId }, f);

/** The shared words (shared/audit/words.ts) in the interface language; null for a key the dictionary lacks. */
export const say: Say = (key, params) => {
  const s = t(key as MessageKey, params);
  return s === key ? null : s;
};
