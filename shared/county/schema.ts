/** The county stage's shapes (shared/county/contract.ts). */
import { z } from 'zod';
import { CongressLevel } from '../congress/schema.ts';
import { PageQuery, pageOf } from '../paging.ts';

export const SetParent = z.object({ parentId: z.uuid().nullable() });

/** A congress below a county or city, as the county's lists show it. */
export const BelowCongress = z.object({
  id: z.string(),
  name: z.string(),
  level: CongressLevel,
  term: z.int(),
  parentId: z.string().nullable(),
  parentName: z.string().nullable(),
});
export type BelowCongress = z.infer<typeof BelowCongress>;
export const BelowQuery = PageQuery.extend({
  q: z.string().trim().max(60).optional(),
  level: CongressLevel.optional(),
});
export const BelowPage = pageOf(BelowCongress);

/** Every congress of the deployment (a system administrator's list at city size), paged and filtered on the server. */
export const TreeQuery = PageQuery.extend({
  q: z.string().trim().max(60).optional(),
  level: CongressLevel.optional(),
  /** Only the congresses directly under this one. */
  parentId: z.uuid().optional(),
  /** Only those with no parent (the tops of the tree, and congresses not placed yet). */
  top: z.enum(['1']).optional(),
});
export const TreeCongress = BelowCongress.extend({ below: z.int() });
export type TreeCongress = z.infer<typeof TreeCongress>;
export const TreePage = pageOf(TreeCongress);

// ---- the dashboard, the drill-down and the roll-up (figures: shared/county/figures.ts) ----
const Rate = z.number().nullable();
const Money = z.string();
export const CountyYear = z.coerce.number().int().min(2000).max(2100);

export const ProjectFigures = z.object({
  total: z.int(),
  /** Elected by a vote (the rest were entered directly by staff). */
  voted: z.int(),
  completed: z.int(),
  onTime: z.int(),
  late: z.int(),
  rectified: z.int(),
  planned: Money,
  spent: Money,
  onTimeRate: Rate,
  completedRate: Rate,
  spendRate: Rate,
});
export const EvalFigures = z.object({
  rounds: z.int(),
  satisfied: z.int(),
  basic: z.int(),
  dissatisfied: z.int(),
  favourable: z.int(),
  answered: z.int(),
  satisfactionRate: Rate,
});
export const LoopFigures = z.object({
  received: z.int(),
  due: z.int(),
  onTime: z.int(),
  late: z.int(),
  overdue: z.int(),
  answered: z.int(),
  resolved: z.int(),
  rated: z.int(),
  satisfied: z.int(),
  onTimeRate: Rate,
  resolvedRate: Rate,
  satisfactionRate: Rate,
});
export const YearFigures = z.object({ projects: ProjectFigures, evaluation: EvalFigures, loop: LoopFigures });
export type YearFigures = z.infer<typeof YearFigures>;

export const WINDOW_SHOWN = ['none', 'scheduled', 'open', 'closed'] as const;
export const LIST_SHOWN = ['none', 'draft', 'frozen'] as const;
/** A vote's state as the public sees it: never a count while it is open. */
export const VOTE_SHOWN = ['none', 'prepared', 'open', 'closed', 'published'] as const;

export const DashboardRow = BelowCongress.extend({
  window: z.object({ state: z.enum(WINDOW_SHOWN), opensOn: z.string().nullable(), closesOn: z.string().nullable(), proposals: z.int() }),
  list: z.object({ state: z.enum(LIST_SHOWN), candidates: z.int() }),
  vote: z.object({ state: z.enum(VOTE_SHOWN), heldOn: z.string().nullable(), chosen: z.int() }),
  /** 会场数据包: sessions held offline whose signed packages the county has filed beside this congress (any year). */
  packages: z.object({ filed: z.int(), lastAt: z.string().nullable() }),
}).extend(YearFigures.shape);
export type DashboardRow = z.infer<typeof DashboardRow>;

export const DASHBOARD_SORTS = ['name', 'proposals', 'candidates', 'projects', 'projectsOnTime', 'projectsLate', 'evaluation', 'items', 'itemsOnTime', 'itemsResolved', 'itemsSatisfaction'] as const;
export type DashboardSort = (typeof DASHBOARD_SORTS)[number];
export const DashboardQuery = PageQuery.extend({
  year: CountyYear.optional(),
  q: z.string().trim().max(60).optional(),
  level: CongressLevel.optional(),
  /** Only those whose vote is in this state (e.g. none: no vote held this year). */
  vote: z.enum(VOTE_SHOWN).optional(),
  sort: z.enum(DASHBOARD_SORTS).default('name'),
  dir: z.enum(['asc', 'desc']).default('asc'),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;
export const Dashboard = pageOf(DashboardRow).extend({
  county: z.object({ id: z.string(), name: z.string(), level: CongressLevel }),
  year: z.int(),
  asOf: z.string(),
  /** Every congress below (not only the page, not only the filtered ones): the year's totals. */
  totals: YearFigures.extend({ congresses: z.int(), votesPublished: z.int(), windowsOpened: z.int() }),
});
export type Dashboard = z.infer<typeof Dashboard>;

export const YearQuery = z.object({ year: CountyYear.optional() });
export const ChildParams = z.object({ congressId: z.uuid(), childId: z.uuid() });

const LoopRow = LoopFigures.omit({});
/** One township's year in detail, as the public and the office would report it. */
export const ChildYear = z.object({
  congress: BelowCongress,
  year: z.int(),
  asOf: z.string(),
  window: DashboardRow.shape.window,
  /** Frozen lists only (a draft is the office's own work). */
  lists: z.array(z.object({ id: z.string(), title: z.string(), version: z.int(), seats: z.int(), frozenAt: z.string(), candidates: z.array(z.object({ title: z.string(), plannedInvestment: Money, department: z.string() })) })),
  /** Project votes: the state; the chosen projects only once the result is published. */
  votes: z.array(z.object({ id: z.string(), title: z.string(), kind: z.string(), heldOn: z.string().nullable(), state: z.enum(VOTE_SHOWN), chosen: z.array(z.string()).nullable() })),
  projects: z.array(z.object({ id: z.string(), title: z.string(), department: z.string(), status: z.string(), health: z.string(), timing: z.enum(['on_time', 'late', 'in_progress', 'stopped']), plannedCompletion: z.string(), completedOn: z.string().nullable(), planned: Money, spent: Money, progress: z.int().nullable(), rectified: z.boolean() })),
  /** Published rounds only: each target's grade and 综合满意率, withheld under k. */
  evaluation: z.array(z.object({ id: z.string(), title: z.string(), publishedAt: z.string(), responses: z.int(), targets: z.array(z.object({ kind: z.string(), title: z.string(), grade: z.enum(['satisfied', 'basic', 'dissatisfied']).nullable(), rate: Rate, withheld: z.boolean() })) })),
  loop: z.object({
    total: LoopRow,
    byDepartment: z.array(LoopRow.extend({ name: z.string() })),
    byCategory: z.array(LoopRow.extend({ category: z.string() })),
  }),
  figures: YearFigures,
});
export type ChildYear = z.infer<typeof ChildYear>;

/** The standing committee's annual report: per township and in total, with the trend of satisfaction over five years. */
export const TREND_YEARS = 5;
const Trend = z.array(z.object({ year: z.int(), rate: Rate, change: Rate }));
export const RollupRow = z.object({ id: z.string(), name: z.string(), level: CongressLevel, parentName: z.string().nullable() }).extend(YearFigures.shape).extend({
  evaluationTrend: Trend,
  loopTrend: Trend,
});
export type RollupRow = z.infer<typeof RollupRow>;
export const Rollup = z.object({
  county: z.object({ id: z.string(), name: z.string(), level: CongressLevel }),
  year: z.int(),
  asOf: z.string(),
  rows: z.array(RollupRow),
  total: YearFigures.extend({ evaluationTrend: Trend, loopTrend: Trend }),
});
export type Rollup = z.infer<typeof Rollup>;
