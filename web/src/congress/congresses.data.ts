/** Loading congresses, and remembering the one last opened in this browser. */
import type { Congress } from '../../../shared/congress/schema.ts';
import { api } from '../api.ts';

export const fetchCongresses = () => api.get<Congress[]>('/congresses');
export const fetchCongress = (id: string) => api.get<Congress>(`/congresses/${id}`);

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
