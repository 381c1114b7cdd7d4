/**
 * 年度汇总 — the standing committee's annual report on the congresses below (SPEC §16): per congress and in total,
 * projects voted, investment planned and spent, completed on time, late, rectified; the evaluation's and the loop's
 * satisfaction with their trend over the last years; items received, answered, resolved. On screen, in print and in
 * xlsx (./rollup-xlsx.ts), from the same counts as the dashboard (./year.ts).
 */
import { percent, totalOf, trendOf, withCountyRates } from '../../shared/county/figures.ts';
import { type Rollup, TREND_YEARS } from '../../shared/county/schema.ts';
import type { Level } from '../../shared/county/tree.ts';
import { shanghaiToday, shanghaiYear } from '../../shared/time.ts';
import type { DbOrTx } from '../db/client.ts';
import { belowWithSettings, type County } from './dashboard.ts';
import { loopSatisfactionByYear, roundsOf, yearCountsOf } from './year.ts';

type Parts = { favourable: number; answered: number };

export async function countyRollup(db: DbOrTx, county: County, yearAsked: number | undefined, now = new Date()): Promise<Rollup> {
  const today = shanghaiToday(now);
  const year = yearAsked ?? shanghaiYear(now);
  const { below, parentName, settingsOf } = await belowWithSettings(db, county);
  const ids = below.map((b) => b.id);
  const years = Array.from({ length: TREND_YEARS }, (_, i) => year - TREND_YEARS + 1 + i);
  const counts = await yearCountsOf(db, ids, year, today, settingsOf);
  // The earlier years' satisfaction only (this year's comes with the counts above).
  const earlier = await roundsOf(db, ids, years.slice(0, -1), settingsOf);
  const loopYears = await loopSatisfactionByYear(db, ids, years[0], year - 1);

  const evalParts = new Map<string, Parts>();
  const loopParts = new Map<string, Parts>();
  const bump = (m: Map<string, Parts>, key: string, p: Parts) => {
    const x = m.get(key) ?? { favourable: 0, answered: 0 };
    m.set(key, { favourable: x.favourable + p.favourable, answered: x.answered + p.answered });
  };
  for (const r of earlier) for (const t of r.targets) for (const k of [`${r.congressId}|${r.year}`, `*|${r.year}`]) bump(evalParts, k, t);
  for (const l of loopYears) for (const k of [`${l.congress_id}|${l.year}`, `*|${l.year}`]) bump(loopParts, k, { favourable: l.satisfied, answered: l.rated });
  for (const [id, c] of counts) {
    for (const k of [`${id}|${year}`, `*|${year}`]) {
      bump(evalParts, k, c.evaluation);
      bump(loopParts, k, { favourable: c.loop.satisfied, answered: c.loop.rated });
    }
  }
  const trend = (m: Map<string, Parts>, who: string) => trendOf(years.map((y) => { const p = m.get(`${who}|${y}`); return { year: y, rate: p ? percent(p.favourable, p.answered) : null }; }));

  return {
    county: { id: county.id, name: county.name, level: county.level as Level },
    year,
    asOf: today,
    rows: below
      .map((b) => ({ id: b.id, name: b.name, level: b.level as Level, parentName: parentName(b), ...withCountyRates(counts.get(b.id)!), evaluationTrend: trend(evalParts, b.id), loopTrend: trend(loopParts, b.id) }))
      .sort((a, b) => (a.parentName ?? '').localeCompare(b.parentName ?? '', 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN')),
    total: { ...withCountyRates(totalOf([...counts.values()])), evaluationTrend: trend(evalParts, '*'), loopTrend: trend(loopParts, '*') },
  };
}
