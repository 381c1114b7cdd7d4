/**
 * The projects stage's pages (实施与监督), wired into web/src/routes.ts: staff pages as children of the congress
 * scope `/c/:congressId`, and pages outside the staff layout (the public progress page, the printable report).
 * Project and inspection ids are UUIDs, so `/projects/dashboard` and `/projects/report` never read as a project.
 */
import type { RouteDefinition } from '@solidjs/router';
import { lazyPage } from '../i18n.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const staffProjectRoutes: RouteDefinition[] = [
  { path: '/projects', component: lazyPage(() => import('./ProjectsPage.tsx')) },
  { path: '/projects/dashboard', component: lazyPage(() => import('./DashboardPage.tsx')) },
  { path: '/projects/:projectId', matchFilters: { projectId: UUID }, component: lazyPage(() => import('./ProjectPage.tsx')) },
  { path: '/inspections', component: lazyPage(() => import('./InspectionsPage.tsx')) },
  { path: '/inspections/:inspectionId', matchFilters: { inspectionId: UUID }, component: lazyPage(() => import('./InspectionPage.tsx')) },
];

export const outsideRoutes: RouteDefinition[] = [
  // Residents, without an account (phone first).
  { path: '/progress/:congressId', component: lazyPage(() => import('./PublicProgressPage.tsx')) },
  { path: '/progress/:congressId/:projectId', matchFilters: { projectId: UUID }, component: lazyPage(() => import('./PublicProjectPage.tsx')) },
  // 进展报告, printed on A4 without the app around it.
  { path: '/c/:congressId/projects/report', component: lazyPage(() => import('./ReportPage.tsx')) },
];
