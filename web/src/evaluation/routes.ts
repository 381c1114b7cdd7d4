/**
 * The evaluation stage's pages (满意度测评, design §7), wired into web/src/routes.ts: staff pages as children of the
 * congress scope `/c/:congressId`, and pages outside the staff layout — the public answering page (the slip's QR opens
 * `/e#<token>`; `/e?c=<congress>` to type serials) and the A4 slips and report. Round ids are UUIDs, so
 * `/evaluation/league` never reads as a round.
 */
import type { RouteDefinition } from '@solidjs/router';
import { lazyPage } from '../i18n.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const staffEvaluationRoutes: RouteDefinition[] = [
  { path: '/evaluation', component: lazyPage(() => import('./RoundsPage.tsx')) },
  { path: '/evaluation/league', component: lazyPage(() => import('./LeaguePage.tsx')) },
  { path: '/evaluation/:roundId', matchFilters: { roundId: UUID }, component: lazyPage(() => import('./RoundPage.tsx')) },
  { path: '/rectifications', component: lazyPage(() => import('./RectificationsPage.tsx')) },
];

export const outsideEvaluationRoutes: RouteDefinition[] = [
  // Residents and representatives answer here, without an account (phone first; also the meeting's tablets).
  { path: '/e', component: lazyPage(() => import('./AnswerPage.tsx')) },
  // Printed on A4 without the app around them.
  { path: '/c/:congressId/evaluation/:roundId/codes', matchFilters: { roundId: UUID }, component: lazyPage(() => import('./CodesPrintPage.tsx')) },
  { path: '/c/:congressId/evaluation/:roundId/report', matchFilters: { roundId: UUID }, component: lazyPage(() => import('./ReportPage.tsx')) },
];
