/** The stations stage's pages: inside a congress (staff layout) and outside it (public, print). */
import type { RouteDefinition } from '@solidjs/router';
import { lazyPage } from '../i18n.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Below `/c/:congressId`. */
export const staffStationsRoutes: RouteDefinition[] = [
  { path: '/stations', component: lazyPage(() => import('./StationsPage.tsx')) },
  { path: '/stations/:stationId', matchFilters: { stationId: UUID }, component: lazyPage(() => import('./StationPage.tsx')) },
];
/** Outside the staff layout (public pages, print views). */
export const outsideStationsRoutes: RouteDefinition[] = [
  { path: '/s/:stationId', matchFilters: { stationId: UUID }, component: lazyPage(() => import('./PublicStationPage.tsx')) },
  { path: '/c/:congressId/stations/:stationId/poster', matchFilters: { stationId: UUID }, component: lazyPage(() => import('./PosterPage.tsx')) },
];
