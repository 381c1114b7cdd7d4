/** Who may do what in the archive stage: each permission once (shared/policy.ts gathers every stage's). */
import { inCongress, type Policy } from '../permission.ts';

export const archivePolicy = {
  /** The standing committee's office reads every representative's archive and the yearly table (for choosing 优秀代表). */
  'archive.read': inCongress(['admin']),
  /** …and enters trainings and 述职 (with their rating). */
  'archive.manage': inCongress(['admin']),
  /** A representative (signed in with the delegate card) reads their own archive; the handler finds them on the roster. */
  'archive.own': inCongress(['representative']),
} as const satisfies Policy;
