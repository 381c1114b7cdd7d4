/** The county stage as the web app calls it: the dashboard, a township's year, the roll-up (and its xlsx download). */
import { urlOf } from '../../../shared/contract.ts';
import * as C from '../../../shared/county/contract.ts';
import type { ChildYear, Dashboard, DashboardQuery, Rollup } from '../../../shared/county/schema.ts';
import { call } from '../api.ts';

export type { ChildYear, Dashboard, Rollup };

export const fetchDashboard = (c: string, q: Partial<DashboardQuery>) => call(C.getDashboard, { params: { congressId: c }, query: q as never });
export const fetchChild = (c: string, childId: string, year: number) => call(C.getChildYear, { params: { congressId: c, childId }, query: { year } });
export const fetchRollup = (c: string, year: number) => call(C.getRollup, { params: { congressId: c }, query: { year } });
export const rollupXlsxUrl = (c: string, year: number) => urlOf(C.getRollupXlsx, { congressId: c }, { year });

const q = (o: Record<string, string | number | undefined>) => {
  const s = Object.entries(o)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
  return s ? `?${s}` : '';
};
/** Pages a person opens. */
export const paths = {
  dashboard: (c: string, year?: number) => `/c/${c}/county${q({ year })}`,
  child: (c: string, childId: string, year?: number) => `/c/${c}/county/townships/${childId}${q({ year })}`,
  rollup: (c: string, year?: number) => `/c/${c}/county/rollup${q({ year })}`,
  rollupPrint: (c: string, year: number) => `/c/${c}/county/rollup/print${q({ year })}`,
};

/** A percentage with one decimal, or — when there is nothing to divide by. */
export const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`);
export const thisYear = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
export const yearChoices = () => Array.from({ length: 10 }, (_, i) => thisYear() + 1 - i);
export const yearOf = (s: string | undefined) => (/^\d{4}$/.test(s ?? '') ? Number(s) : thisYear());
