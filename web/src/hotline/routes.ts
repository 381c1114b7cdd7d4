/** The hotline stage's pages: inside a congress (staff layout) and outside it (public, print). */
import type { RouteDefinition } from '@solidjs/router';
import { lazyPage } from '../i18n.ts';

/** Below `/c/:congressId`. */
export const staffHotlineRoutes: RouteDefinition[] = [{ path: '/hotline', component: lazyPage(() => import('./HotlinePage.tsx')) }];
/** Outside the staff layout (public pages, print views). */
export const outsideHotlineRoutes: RouteDefinition[] = [];
