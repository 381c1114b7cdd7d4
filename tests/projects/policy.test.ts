/**
 * Who may do what with projects (shared/projects/policy.ts): the permissions say which roles may ever act, the pure
 * object-level rules which project or finding a department may touch. The server's handlers and the web both use them.
 */
import { describe, expect, it } from 'vitest';
import { allows } from '../../shared/policy.ts';
import {
  canAnswerFinding,
  canDecideChange,
  canEditProject,
  canReadProject,
  canRequestChange,
  canSeeFinding,
  isProjectStaff,
  readsAllProjects,
  type ProjectViewer,
} from '../../shared/projects/policy.ts';
import type { Role } from '../../shared/roles.ts';

const A = 'dep-a';
const B = 'dep-b';
const viewer = (roles: Role[], departmentIds: string[] = [], systemAdmin = false): ProjectViewer => ({ roles, departmentIds, systemAdmin });
const ledByA = { leadDepartmentId: A, coDepartmentIds: [] };
const ledByBWithA = { leadDepartmentId: B, coDepartmentIds: [A] };
const ledByB = { leadDepartmentId: B, coDepartmentIds: [] };

describe('projects policy', () => {
  it('a department reads and carries out only the projects it leads or co-operates on', () => {
    const depA = viewer(['department'], [A]);
    expect([ledByA, ledByBWithA, ledByB].map((p) => canReadProject(depA, p))).toEqual([true, true, false]);
    expect([ledByA, ledByBWithA, ledByB].map((p) => canEditProject(depA, p))).toEqual([true, true, false]);
    expect([ledByA, ledByB].map((p) => canRequestChange(depA, p))).toEqual([true, false]);
    expect(canDecideChange(depA)).toBe(false);
    expect(readsAllProjects(depA)).toBe(false);
  });

  it('readers see every project; only staff carry out any project; the government asks for changes; the presidium decides', () => {
    for (const r of ['government', 'presidium', 'scrutineer', 'representative'] as const) {
      const v = viewer([r]);
      expect(canReadProject(v, ledByB), r).toBe(true);
      expect(canEditProject(v, ledByB), r).toBe(false);
    }
    expect(canRequestChange(viewer(['government']), ledByB)).toBe(true);
    expect(canRequestChange(viewer(['presidium']), ledByB)).toBe(false);
    expect(canDecideChange(viewer(['presidium']))).toBe(true);
    for (const staff of [viewer(['admin']), viewer([], [], true)]) {
      expect(isProjectStaff(staff)).toBe(true);
      expect(canEditProject(staff, ledByB)).toBe(true);
      expect(canRequestChange(staff, ledByB)).toBe(true);
      expect(canDecideChange(staff)).toBe(true);
    }
  });

  it('a department ID without the department role gives nothing (the role is what counts)', () => {
    const rep = viewer(['representative'], [A]);
    expect(canEditProject(rep, ledByA)).toBe(false);
    expect(canAnswerFinding(rep, { departmentId: A })).toBe(false);
  });

  it('findings: a department sees and answers those addressed to it; readers see all and answer none', () => {
    const depA = viewer(['department'], [A]);
    expect(canSeeFinding(depA, { departmentId: A })).toBe(true);
    expect(canSeeFinding(depA, { departmentId: B })).toBe(false);
    expect(canSeeFinding(depA, { departmentId: null })).toBe(false);
    expect(canAnswerFinding(depA, { departmentId: A })).toBe(true);
    expect(canAnswerFinding(depA, { departmentId: null })).toBe(false);
    const admin = viewer(['admin']);
    expect(canSeeFinding(admin, { departmentId: B })).toBe(true);
    expect(canAnswerFinding(admin, { departmentId: B })).toBe(false);
  });

  it('the permissions are the role part of the same rules', () => {
    expect(allows('projects.read', ['department'], false)).toBe(true);
    expect(allows('projects.readAll', ['department'], false)).toBe(false);
    expect(allows('projects.carry', ['government'], false)).toBe(false);
    expect(allows('projects.changes.request', ['government'], false)).toBe(true);
    expect(allows('projects.changes.decide', ['government'], false)).toBe(false);
    expect(allows('projects.findings.answer', ['admin'], false)).toBe(false);
    expect(allows('projects.inspections.manage', ['presidium'], false)).toBe(false);
    expect(allows('projects.dashboard', ['representative'], false)).toBe(false);
  });
});
