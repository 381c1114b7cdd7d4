import type { ShortAddress } from '../../../shared/congress/short-address.ts';
import { getShortAddress } from '../../../shared/gathering/contract.ts';
import { call } from '../api.ts';

export type { ShortAddress };
/** A congress's typable addresses (/p/<code>, /e/<code>), for posters and slips; the code is given at first use. */
export const fetchShortAddress = (congressId: string) => call(getShortAddress, { params: { congressId } });
/** An address as printed for typing: without `https://` (browsers add it). */
export const typable = (url: string) => url.replace(/^https?:\/\//, '');
