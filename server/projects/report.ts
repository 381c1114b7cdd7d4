/** 进展报告: mid-year and year-end progress reports generated from the data, as JSON (printed by the web) or CSV. */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { reportAsOf, sumWan } from '../../shared/projects/rules.ts';
import type { ProgressReport } from '../../shared/projects/schema.ts';
import { toCsv } from '../../shared/csv.ts';
import type { DbOrTx } from '../db/client.ts';
import { milestones, projects, projectUpdates } from '../db/schema/index.ts';
import { canReadProject } from '../../shared/projects/policy.ts';
import type { Who } from './access.ts';
import { projectOrder, summarize } from './describe.ts';
import { shanghaiToday } from '../../shared/time.ts';

export async function progressReport(db: DbOrTx, who: Who, year: number, period: 'mid' | 'end'): Promise<ProgressReport> {
  const asOf = reportAsOf(year, period, shanghaiToday());
  const rows = (await db.select().from(projects).where(and(eq(projects.congressId, who.congress.id), eq(projects.year, year))).orderBy(...projectOrder)).filter((p) => canReadProject(who, p));
  const sums = await summarize(db, who.congress.id, rows, asOf);
  const ids = rows.map((r) => r.id);
  const ms = ids.length ? await db.select({ projectId: milestones.projectId, status: milestones.status }).from(milestones).where(inArray(milestones.projectId, ids)) : [];
  const ups = ids.length ? await db.select({ projectId: projectUpdates.projectId, summary: projectUpdates.summary, at: projectUpdates.createdAt }).from(projectUpdates).where(inArray(projectUpdates.projectId, ids)).orderBy(desc(projectUpdates.createdAt), asc(projectUpdates.id)) : [];
  const count = (h: string) => sums.filter((s) => s.health === h).length;
  return {
    congress: { name: who.congress.name },
    year,
    period,
    asOf,
    totals: {
      projects: sums.length,
      completed: count('completed'),
      onTrack: count('on_track'),
      atRisk: count('at_risk'),
      late: count('late'),
      suspended: count('suspended'),
      terminated: count('terminated'),
      plannedInvestment: sumWan(sums.map((s) => s.plannedInvestment)),
      spentInvestment: sumWan(sums.map((s) => s.spentInvestment)),
    },
    projects: sums.map((s) => ({
      id: s.id,
      title: s.title,
      status: s.status,
      health: s.health,
      leadDepartment: s.leadDepartment,
      plannedInvestment: s.plannedInvestment,
      spentInvestment: s.spentInvestment,
      plannedCompletion: s.plannedCompletion,
      completedOn: s.completedOn,
      derivedProgress: s.derivedProgress,
      reportedProgress: s.reportedProgress,
      lateMilestones: s.lateMilestones,
      openFindings: s.openFindings,
      milestonesDone: ms.filter((m) => m.projectId === s.id && m.status === 'done').length,
      milestones: ms.filter((m) => m.projectId === s.id).length,
      latestSummary: ups.find((u) => u.projectId === s.id)?.summary ?? '',
    })),
  };
}

const HEALTH_ZH: Record<string, string> = { on_track: '正常', at_risk: '有风险', late: '滞后', completed: '已完成', suspended: '已暂停', terminated: '已终止' };

/** The same report as CSV (UTF-8 with a BOM so that Excel reads the Chinese; cells neutralised against formulas). */
export function reportCsv(r: ProgressReport): string {
  const head = ['项目 Project', '牵头单位 Lead department', '状态 Health', '计划投资(万元) Planned', '已完成投资(万元) Spent', '计划完成 Planned completion', '完成日期 Completed', '节点进度% Derived', '单位填报% Reported', '已完成节点 Milestones done', '节点数 Milestones', '滞后节点 Late', '待办意见 Open findings', '最新进展 Latest report'];
  return toCsv(
    head,
    r.projects.map((p) => [p.title, p.leadDepartment.name, HEALTH_ZH[p.health] ?? p.health, p.plannedInvestment, p.spentInvestment, p.plannedCompletion, p.completedOn, p.derivedProgress, p.reportedProgress, p.milestonesDone, p.milestones, p.lateMilestones, p.openFindings, p.latestSummary]),
  );
}
