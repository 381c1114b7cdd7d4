/** Loading congresses, and remembering the one last opened in this browser. */
import type * as Congress from '../../../shared/congress/contract.ts';
import { addressOf } from '../../../shared/contract.ts';

/** By address: the staff layout loads these with every page, which carries no schemas (addressOf). */
const C = {
  listCongresses: addressOf<typeof Congress.listCongresses>({ method: 'GET', path: '/congresses' }),
  getCongress: addressOf<typeof Congress.getCongress>({ method: 'GET', path: '/congresses/:congressId' }),
};
import { call } from '../api.ts';

export const fetchCongresses = () => call(C.listCongresses);
export const fetchCongress = (congressId: string) => call(C.getCongress, { params: { congressId } });

const CURRENT_KEY = 'minsheng.congress';
export function rememberCongress(id: string) {
  try {
    localStorage.setItem(CURRENT_KEY, id);
  } catch {
    /* not remembered */
  }
}
export function rememberedCongress(): string | null {
  try {
    return localStorage.getItem(CURRENT_KEY);
  } catch {
    return null;
  }
}
