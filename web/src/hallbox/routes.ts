/** The hallbox stage's pages: inside a congress (staff layout) and outside it (print views). */
import type { RouteDefinition } from '@solidjs/router';
import { lazyPage } from '../i18n.ts';

/** Below `/c/:congressId`. */
export const staffHallboxRoutes: RouteDefinition[] = [
  { path: '/county/packages', component: lazyPage(() => import('./PackagesPage.tsx')) },
  { path: '/county/packages/:packageId', component: lazyPage(() => import('./PackagePage.tsx')) },
];
/** Outside the staff layout (print views on A4). */
export const outsideHallboxRoutes: RouteDefinition[] = [];
