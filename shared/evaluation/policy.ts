/**
 * Who may do what in the evaluation stage (满意度测评, design §7): each permission once, the web's `can()` and the server's
 * check both read it. The rules that depend on the round (背靠背: a department does not see a round before it is
 * published) are the pure functions below, used by the server's handlers and by the pages.
 */
import { inCongress, type Policy } from '../permission.ts';
import type { Role } from '../roles.ts';

export const evaluationPolicy = {
  /**
   * Everyone with a role in the congress (the server's list named all six roles) follows the rounds, the league and the
   * rectifications; a department only what `seesRound` and the scopes below let it.
   */
  'evaluation.read': inCongress('any'),
  /** Staff prepare, open, close and publish rounds, make and count codes, start re-evaluations. */
  'evaluation.manage': inCongress(['admin']),
  /** The rounds and league pages (a page, not a route: the office, the government and the presidium follow them). */
  'evaluation.page': inCongress(['admin', 'government', 'presidium']),
  /** The rectifications page (a page, not a route: departments file their reports there). */
  'evaluation.rectifications.page': inCongress(['admin', 'government', 'presidium', 'department']),
  /** A representative asks for their one code; anyone in the congress may ask, the handler refuses a non-representative with eval_not_representative. */
  'evaluation.code.take': inCongress('any'),
  /** The "get my code" button of a round's page (a page, not a route: only representatives are offered it). */
  'evaluation.code.offer': inCongress(['representative']),
  /** A department files its rectification report (its own department's only: the handler scopes by its departments). */
  'evaluation.rectifications.report': inCongress(['department']),
  /** Staff accept or return a report and set the deadline. */
  'evaluation.rectifications.review': inCongress(['admin']),
} as const satisfies Policy;

/** Who is asking, as the object-level rules need it. */
export type Viewer = { roles: readonly Role[]; systemAdmin: boolean };

/** Staff of the evaluation: system administrators and the congress's admins (they see a closed round's figures). */
export const isEvaluationStaff = (v: Viewer) => v.systemAdmin || v.roles.includes('admin');

/** An account whose only role here is department (背靠背: it must not see a round before its results are published). */
export const departmentOnly = (v: Viewer) => !isEvaluationStaff(v) && v.roles.every((r) => r === 'department');

/** Whether the viewer may see this round at all: a department-only account only once it is published. */
export const seesRound = (v: Viewer, round: { publishedAt: Date | string | null }) => !departmentOnly(v) || round.publishedAt !== null;

/**
 * Whether the viewer may see a round's figures (results, CSV, comments) in this state: nobody while it is drafted or
 * open; staff once it is closed; everyone (who sees the round) once published. The refusal's code when not.
 */
export function figuresRefusal(v: Viewer, state: 'draft' | 'open' | 'closed' | 'published'): 'round_figures_hidden' | 'round_not_published' | null {
  if (state === 'draft' || state === 'open') return 'round_figures_hidden';
  if (state === 'closed' && !isEvaluationStaff(v)) return 'round_not_published';
  return null;
}

/** Which targets' comments the viewer reads: all of them, or (a department-only account) its own departments' only. */
export const commentsScope = (v: Viewer, departmentIds: readonly string[]) =>
  departmentOnly(v) ? (t: { kind: string; id: string }) => (t.kind === 'department' || t.kind === 'suggestion_handling') && departmentIds.includes(t.id) : undefined;

/** The rectifications the viewer reads: a department-only account its own departments' (null: all of them). */
export const rectificationsScope = (v: Viewer, departmentIds: string[]) => (departmentOnly(v) ? departmentIds : null);

/** Filing a report needs the department role itself (a system administrator without it has no department to file for). */
export const filesReports = (v: Pick<Viewer, 'roles'>) => v.roles.includes('department');
