/** The templates stage's pages: inside a congress (staff layout) and outside it (print views). */
import type { RouteDefinition } from '@solidjs/router';
import { lazyPage } from '../i18n.ts';

/** Below `/c/:congressId`. */
export const staffTemplatesRoutes: RouteDefinition[] = [
  { path: '/templates', component: lazyPage(() => import('./CountyTemplatesPage.tsx')) },
  { path: '/templates-above', component: lazyPage(() => import('./AboveTemplatesPage.tsx')) },
];
/** Outside the staff layout (print views on A4). */
export const outsideTemplatesRoutes: RouteDefinition[] = [];
