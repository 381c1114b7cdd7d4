/**
 * Who may read the audit log. The whole log and the check of its hash chain are the system administrators'
 * (`systemAdmin`, shared/policy.ts); a congress's own log is its administrators'.
 */
import { inCongress, type Policy } from '../permission.ts';

export const auditPolicy = {
  /** A congress's administrators read, filter and export its log (who did what, for accountability). */
  'audit.read': inCongress(['admin']),
} as const satisfies Policy;
