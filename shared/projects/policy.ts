/**
 * Who may do what with projects (实施与监督, design §6): each permission once, the web's `can()` and the server's check
 * both read it. A permission says which roles may ever do a thing; which project a department may touch is the
 * object-level rule below (pure functions the server's handlers and the web both use): a department account sees and
 * acts only on the projects it leads or co-operates on — any other project is "not found" to it.
 */
import { inCongress, rolesPass, type Policy } from '../permission.ts';
import type { Role } from '../roles.ts';

/** The roles that read every project of the congress (a department account reads only its own). */
const READ_ALL = ['admin', 'government', 'presidium', 'scrutineer', 'representative'] as const satisfies readonly Role[];

export const projectsPolicy = {
  /** Everyone who follows projects: the readers every project, a department account its own (canReadProject). */
  'projects.read': inCongress([...READ_ALL, 'department']),
  /** Reading every project, not only one's own (a rule the lists apply, and the web's filters; not a route). */
  'projects.readAll': inCongress(READ_ALL),
  /** Staff create projects directly and edit their basics (a major change after the vote goes through a change request). */
  'projects.manage': inCongress(['admin']),
  /** Staff, and a department on its own projects (canEditProject), carry a project out: plan, milestones, reports, evidence, completion. */
  'projects.carry': inCongress(['admin', 'department']),
  /** Staff, the government, and a department on its own project (canRequestChange) ask for a change, suspension, termination or resumption. */
  'projects.changes.request': inCongress(['admin', 'government', 'department']),
  /** Staff and the presidium record the standing committee's (or the session's) decision on a change. */
  'projects.changes.decide': inCongress(['admin', 'presidium']),
  /** Staff record inspections (视察), their findings and photos, and accept or return the departments' answers. */
  'projects.inspections.manage': inCongress(['admin']),
  /** A department answers the findings addressed to it (canAnswerFinding). */
  'projects.findings.answer': inCongress(['department']),
  /** The projects dashboard (a page, not a route: the office, the government and the presidium follow the whole year). */
  'projects.dashboard': inCongress(['admin', 'government', 'presidium']),
  /** The projects and inspections pages (pages, not routes: scrutineers follow the hall, not the year). */
  'projects.page': inCongress(['admin', 'government', 'presidium', 'representative', 'department']),
} as const satisfies Policy;

/** Who is asking, in one congress: their roles there, their departments (department accounts), and system administration. */
export type ProjectViewer = { roles: readonly Role[]; departmentIds: readonly string[]; systemAdmin: boolean };
/** The departments of a project: the lead and the co-operating ones. */
export type ProjectDepartments = { leadDepartmentId: string; coDepartmentIds: readonly string[] };

const holds = (v: ProjectViewer, p: keyof typeof projectsPolicy) => rolesPass(projectsPolicy[p], v.roles, v.systemAdmin);

/** Staff: system administrators and the congress's admins. */
export const isProjectStaff = (v: ProjectViewer) => holds(v, 'projects.manage');
/** Reads every project of the congress. */
export const readsAllProjects = (v: ProjectViewer) => holds(v, 'projects.readAll');
export const departmentsOf = (p: ProjectDepartments) => [p.leadDepartmentId, ...p.coDepartmentIds];
/** A department account on this project (lead or co-operating). */
export const onProject = (v: ProjectViewer, p: ProjectDepartments) => v.roles.includes('department') && departmentsOf(p).some((d) => v.departmentIds.includes(d));
/** May see the project at all (else it is "not found", so a department cannot even learn that it exists). */
export const canReadProject = (v: ProjectViewer, p: ProjectDepartments) => readsAllProjects(v) || onProject(v, p);
/** May carry the project out (plan, milestones, reports, evidence, completion). */
export const canEditProject = (v: ProjectViewer, p: ProjectDepartments) => isProjectStaff(v) || onProject(v, p);
export const canRequestChange = (v: ProjectViewer, p: ProjectDepartments) => isProjectStaff(v) || v.roles.includes('government') || onProject(v, p);
export const canDecideChange = (v: ProjectViewer) => holds(v, 'projects.changes.decide');
/** Sees this finding: the readers all of them, a department those addressed to it. */
export const canSeeFinding = (v: ProjectViewer, f: { departmentId: string | null }) => readsAllProjects(v) || (f.departmentId !== null && v.departmentIds.includes(f.departmentId));
/** Answers this finding: only the department account it is addressed to. */
export const canAnswerFinding = (v: ProjectViewer, f: { departmentId: string | null }) => f.departmentId !== null && v.roles.includes('department') && v.departmentIds.includes(f.departmentId);
