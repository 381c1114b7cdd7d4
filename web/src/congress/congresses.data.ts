/** Loading congresses, and remembering the one last opened in this browser. */
import * as C from '../../../shared/congress/contract.ts';
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
