/**
 * The representatives' back-to-back handling ratings (办理态度 / 办理情况 / 办理效果) read only aggregated, per department
 * and year, and only when at least `kMin` ratings stand behind a figure (settings.evaluation.kMin, the same rule as
 * evaluation answers): fewer and the figure is withheld (人数过少不显示). Pure; the review figures use it.
 */
import { FEEDBACK_GRADES, HANDLING_DIMENSIONS, type FeedbackGrade, type HandlingDimension } from './enums.ts';

export type RatingRow = { departmentId: string | null; attitude: FeedbackGrade; handling: FeedbackGrade; effect: FeedbackGrade };
export type GradeCounts = Record<FeedbackGrade, number>;
export type DimensionFigure = GradeCounts & { /** (满意 + 基本满意) / all, 0..1. */ rate: number };
export type DepartmentRatings = {
  departmentId: string | null;
  /** How many ratings (always shown: a count says nothing about who). */
  n: number;
  /** Withheld (null) below kMin. */
  dimensions: Record<HandlingDimension, DimensionFigure> | null;
};

const zero = (): GradeCounts => Object.fromEntries(FEEDBACK_GRADES.map((g) => [g, 0])) as GradeCounts;

/** Per department (in the order first met), the counts by grade of each dimension, withheld below `kMin`. */
export function handlingFigures(rows: readonly RatingRow[], kMin: number): DepartmentRatings[] {
  const by = new Map<string | null, RatingRow[]>();
  for (const r of rows) by.set(r.departmentId, [...(by.get(r.departmentId) ?? []), r]);
  return [...by].map(([departmentId, rs]) => {
    if (rs.length < Math.max(1, kMin)) return { departmentId, n: rs.length, dimensions: null };
    const dimensions = Object.fromEntries(
      HANDLING_DIMENSIONS.map((d) => {
        const c = zero();
        for (const r of rs) c[r[d]]++;
        return [d, { ...c, rate: (c.satisfied + c.basically) / rs.length }];
      }),
    ) as Record<HandlingDimension, DimensionFigure>;
    return { departmentId, n: rs.length, dimensions };
  });
}
