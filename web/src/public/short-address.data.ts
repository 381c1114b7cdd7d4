import type { ShortAddress } from '../../../shared/congress/short-address.ts';
import { api } from '../api.ts';

export type { ShortAddress };
/** A congress's typable addresses (/p/<code>, /e/<code>), for posters and slips; the code is given at first use. */
export const fetchShortAddress = (congressId: string) => api.get<ShortAddress>(`/public/congresses/${congressId}/addresses`);
/** An address as printed for typing: without `https://` (browsers add it). */
export const typable = (url: string) => url.replace(/^https?:\/\//, '');
