/** The items stage's pages (意见建议): inside a congress (staff layout); the tracking page /t shows items too (web/src/public/TrackPage.tsx). */
import type { RouteDefinition } from '@solidjs/router';
import { lazyPage } from '../i18n.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Below `/c/:congressId`. */
export const staffItemsRoutes: RouteDefinition[] = [
  { path: '/items', component: lazyPage(() => import('./ItemsPage.tsx')) },
  { path: '/items/new', component: lazyPage(() => import('./NewItemPage.tsx')) },
  { path: '/items/:itemId', matchFilters: { itemId: UUID }, component: lazyPage(() => import('./ItemPage.tsx')) },
];
/** Outside the staff layout (public pages, print views). */
export const outsideItemsRoutes: RouteDefinition[] = [];
