/** The review stage's pages: inside a congress (staff layout) and outside it (print views). */
import type { RouteDefinition } from '@solidjs/router';
import { lazyPage } from '../i18n.ts';

/** Below `/c/:congressId`. */
export const staffReviewRoutes: RouteDefinition[] = [
  { path: '/review', component: lazyPage(() => import('./ReviewPage.tsx')) },
  { path: '/review/calendar', component: lazyPage(() => import('./CalendarPage.tsx')) },
];
/** Outside the staff layout (print views on A4). */
export const outsideReviewRoutes: RouteDefinition[] = [
  { path: '/c/:congressId/review/sheet', component: lazyPage(() => import('./SheetPage.tsx')) },
  { path: '/c/:congressId/review/figures/print', component: lazyPage(() => import('./FiguresPrintPage.tsx')) },
];
