/**
 * The resident-facing API under /api/public (no account): a congress and its collection window, the check question,
 * submitting a proposal, following it with the tracking code, and the frozen candidate lists.
 */
import type { z } from 'zod';
import { urlOf } from '../../../shared/contract.ts';
import * as C from '../../../shared/gathering/contract.ts';
import type { FrozenList, PublicCongress, PublicProposal, Tracking } from '../../../shared/gathering/schema.ts';
import { call } from '../api.ts';
import { trackingKind, trackItem } from '../../../shared/items/contract.ts';
import type { ItemTracking } from '../../../shared/items/schema.ts';
import { withFiles } from '../gathering/gathering.data.ts';

export type { FrozenList, PublicCongress, Tracking };
export type Challenge = z.infer<typeof C.Challenge>;

export const fetchPublicCongress = (congressId: string) => call(C.getPublicCongress, { params: { congressId } });
export const fetchChallenge = () => call(C.getChallenge);
/** JSON alone, or multipart with the JSON in `data` and the photos in `files` (the contract takes both). */
export const submitPublicProposal = (congressId: string, input: z.input<typeof PublicProposal>, files: readonly File[]) =>
  call(C.submitPublicProposal, { params: { congressId }, body: withFiles(input, files) });
export const fetchTracking = (code: string) => call(C.trackProposal, { params: { code } });
/**
 * A tracking code is a proposal's or an item's (codes are unique across both): the proposal first, else the item —
 * and for an item that became a proposal, that proposal's own timeline too.
 */
export async function fetchAnyTracking(code: string): Promise<{ kind: 'proposal'; proposal: Tracking } | { kind: 'item'; item: ItemTracking; proposal: Tracking | null }> {
  // Which it is first (one small answer), so that a found code never costs a 404 on the way.
  const { kind } = await call(trackingKind, { params: { code } });
  if (kind === 'proposal') return { kind: 'proposal', proposal: await fetchTracking(code) };
  const item = await call(trackItem, { params: { code } });
  const proposal = item.proposal ? await fetchTracking(item.proposal.trackingCode).catch(() => null) : null;
  return { kind: 'item', item, proposal };
}
export const fetchFrozenLists = (congressId: string) => call(C.listFrozenLists, { params: { congressId } });
export const frozenListCsvUrl = (congressId: string, listId: string) => urlOf(C.exportFrozenList, { congressId, listId });
export const posterQrUrl = (congressId: string) => urlOf(C.posterQr, { congressId });
/** The address the poster's QR opens (the server draws the QR of the same path on its public origin). */
export const submitPageUrl = (congressId: string) => `${location.origin}/p/${congressId}`;
