/**
 * 县级看板 — each congress below a county (or city) with its year side by side (SPEC §16). The figures of every
 * congress below are counted together in a few grouped statements (./year.ts); filtering, sorting and paging happen
 * here on the server, and the year's totals are over every congress below, whatever the filter.
 */
import { sql } from 'drizzle-orm';
import { compareNullable, totalOf, withCountyRates } from '../../shared/county/figures.ts';
import type { Dashboard, DashboardQuery, DashboardRow, DashboardSort } from '../../shared/county/schema.ts';
import type { Level as CongressLevel } from '../../shared/county/tree.ts';
import { shanghaiToday, shanghaiYear } from '../../shared/time.ts';
import type { DbOrTx } from '../db/client.ts';
import { rowsOf } from '../db/rows.ts';
import { packagesOf } from '../hallbox/read.ts';
import { type Below, congressesBelow } from './access.ts';
import { idList, NO_STAGES, stagesOf, yearCountsOf } from './year.ts';

export type County = { id: string; name: string; level: string };

/** The congresses below with their names and parents' names, and each one's settings (grading, k). */
export async function belowWithSettings(db: DbOrTx, county: County) {
  const below = await congressesBelow(db, county.id);
  const names = new Map<string, string>([[county.id, county.name], ...below.map((b) => [b.id, b.name] as [string, string])]);
  const settings = below.length ? await rowsOf<{ id: string; settings: unknown }>(db, sql`select id, settings from congresses where id in ${idList(below.map((b) => b.id))}`) : [];
  return { below, parentName: (b: Below) => (b.parentId ? (names.get(b.parentId) ?? null) : null), settingsOf: new Map(settings.map((s) => [s.id, s.settings])) };
}

const sortValue: Record<DashboardSort, (r: DashboardRow) => number | string | null> = {
  name: (r) => r.name,
  proposals: (r) => r.window.proposals,
  candidates: (r) => r.list.candidates,
  projects: (r) => r.projects.total,
  projectsOnTime: (r) => r.projects.onTimeRate,
  projectsLate: (r) => r.projects.late,
  evaluation: (r) => r.evaluation.satisfactionRate,
  items: (r) => r.loop.received,
  itemsOnTime: (r) => r.loop.onTimeRate,
  itemsResolved: (r) => r.loop.resolvedRate,
  itemsSatisfaction: (r) => r.loop.satisfactionRate,
};

export async function countyDashboard(db: DbOrTx, county: County, q: DashboardQuery, now = new Date()): Promise<Dashboard> {
  const today = shanghaiToday(now);
  const year = q.year ?? shanghaiYear(now);
  const { below, parentName, settingsOf } = await belowWithSettings(db, county);
  const ids = below.map((b) => b.id);
  const [stages, counts, packages] = [await stagesOf(db, ids, year, now), await yearCountsOf(db, ids, year, today, settingsOf), await packagesOf(db, ids)];
  const rows: DashboardRow[] = below.map((b) => ({
    id: b.id,
    name: b.name,
    level: b.level as CongressLevel,
    term: b.term,
    parentId: b.parentId,
    parentName: parentName(b),
    ...(stages.get(b.id) ?? NO_STAGES),
    packages: packages.get(b.id) ?? { filed: 0, lastAt: null },
    ...withCountyRates(counts.get(b.id)!),
  }));
  const text = q.q?.toLowerCase();
  const hits = rows.filter((r) => (!q.level || r.level === q.level) && (!q.vote || r.vote.state === q.vote) && (!text || r.name.toLowerCase().includes(text) || (r.parentName ?? '').toLowerCase().includes(text)));
  const by = sortValue[q.sort];
  hits.sort((a, b) => compareNullable(by(a), by(b), q.dir) || a.name.localeCompare(b.name, 'zh-CN'));
  const start = (q.page - 1) * q.size;
  const total = totalOf([...counts.values()]);
  return {
    county: { id: county.id, name: county.name, level: county.level as CongressLevel },
    year,
    asOf: today,
    items: hits.slice(start, start + q.size),
    total: hits.length,
    page: q.page,
    size: q.size,
    totals: {
      ...withCountyRates(total),
      congresses: rows.length,
      votesPublished: rows.filter((r) => r.vote.state === 'published').length,
      windowsOpened: rows.filter((r) => r.window.state === 'open' || r.window.state === 'closed').length,
    },
  };
}
