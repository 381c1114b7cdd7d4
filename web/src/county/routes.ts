/** The county stage's pages: inside a congress (staff layout) and outside it (print views). */
import type { RouteDefinition } from '@solidjs/router';
import { lazyPage } from '../i18n.ts';

/** Below `/c/:congressId`. */
export const staffCountyRoutes: RouteDefinition[] = [
  { path: '/county', component: lazyPage(() => import('./DashboardPage.tsx')) },
  { path: '/county/townships/:childId', component: lazyPage(() => import('./ChildPage.tsx')) },
  { path: '/county/rollup', component: lazyPage(() => import('./RollupPage.tsx')) },
];
/** Outside the staff layout (print views on A4). */
export const outsideCountyRoutes: RouteDefinition[] = [{ path: '/c/:congressId/county/rollup/print', component: lazyPage(() => import('./RollupPrintPage.tsx')) }];
