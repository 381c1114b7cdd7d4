/**
 * The roll-up report's columns, in order (the page, the print and the xlsx): a key and how to read it from a row. A
 * plain list, so the web takes it without the dictionaries; words: `county.col.<key>` in shared/i18n/county.*.
 */
import type { YearFigures } from './schema.ts';

type Cell = number | string | null;
export const ROLLUP_COLUMNS = [
  ['projectsVoted', (f) => f.projects.voted],
  ['projectsTotal', (f) => f.projects.total],
  ['planned', (f) => f.projects.planned],
  ['spent', (f) => f.projects.spent],
  ['spendRate', (f) => f.projects.spendRate],
  ['completed', (f) => f.projects.completed],
  ['onTime', (f) => f.projects.onTime],
  ['late', (f) => f.projects.late],
  ['onTimeRate', (f) => f.projects.onTimeRate],
  ['rectified', (f) => f.projects.rectified],
  ['evalRounds', (f) => f.evaluation.rounds],
  ['gradeSatisfied', (f) => f.evaluation.satisfied],
  ['gradeBasic', (f) => f.evaluation.basic],
  ['gradeDissatisfied', (f) => f.evaluation.dissatisfied],
  ['evalRate', (f) => f.evaluation.satisfactionRate],
  ['itemsReceived', (f) => f.loop.received],
  ['itemsAnswered', (f) => f.loop.answered],
  ['itemsOnTimeRate', (f) => f.loop.onTimeRate],
  ['itemsResolved', (f) => f.loop.resolved],
  ['itemsResolvedRate', (f) => f.loop.resolvedRate],
  ['itemsRate', (f) => f.loop.satisfactionRate],
] as const satisfies readonly (readonly [string, (f: YearFigures) => Cell])[];
export type RollupColumn = (typeof ROLLUP_COLUMNS)[number][0];
/** Columns that hold a percentage (shown with %). */
export const RATE_COLUMNS: readonly RollupColumn[] = ['spendRate', 'onTimeRate', 'evalRate', 'itemsOnTimeRate', 'itemsResolvedRate', 'itemsRate'];
