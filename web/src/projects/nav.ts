/**
 * 项目实施 in the staff navigation. Department accounts see their projects and the inspections that ask them for an
 * answer (the API gives them only their own); representatives read projects and inspections.
 */
import type { NavGroup } from '../nav.ts';

export const projectsNavGroup: NavGroup = {
  label: 'nav.stage.projects',
  entries: [
    { label: 'nav.projectsDashboard', href: (c) => `/c/${c}/projects/dashboard`, permission: 'projects.dashboard', inCongress: true, end: true },
    { label: 'nav.projects', href: (c) => `/c/${c}/projects`, permission: 'projects.page', inCongress: true, end: true },
    { label: 'nav.inspections', href: (c) => `/c/${c}/inspections`, permission: 'projects.page', inCongress: true },
  ],
};
