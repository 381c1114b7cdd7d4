import type { Representative } from '../../shared/roster/schema.ts';
import type { representatives } from '../db/schema/index.ts';

export const serializeRepresentative = (r: typeof representatives.$inferSelect): Representative => ({
  id: r.id,
  name: r.name,
  gender: r.gender,
  delegation: r.delegation,
  constituency: r.constituency,
  phone: r.phone,
  status: r.status,
  termEndedOn: r.termEndedOn,
  termEndReason: r.termEndReason,
  cardVersion: r.cardVersion,
  hasAccount: r.accountId !== null,
});
