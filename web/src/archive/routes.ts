/** The archive stage's pages: inside a congress (staff layout) and outside it (print views). Representative ids are UUIDs, so `me` and `print` never read as one. */
import type { RouteDefinition } from '@solidjs/router';
import { lazyPage } from '../i18n.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UUID_OR_ME = /^(me|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** Below `/c/:congressId`. */
export const staffArchiveRoutes: RouteDefinition[] = [
  { path: '/archive', component: lazyPage(() => import('./TablePage.tsx')) },
  // A representative signed in with the delegate card: their own.
  { path: '/archive/me', component: lazyPage(() => import('./MyArchivePage.tsx')) },
  { path: '/archive/:representativeId', matchFilters: { representativeId: UUID }, component: lazyPage(() => import('./ArchivePage.tsx')) },
];
/** Outside the staff layout (print views on A4). */
export const outsideArchiveRoutes: RouteDefinition[] = [
  { path: '/c/:congressId/archive/print', component: lazyPage(() => import('./TablePrintPage.tsx')) },
  { path: '/c/:congressId/archive/:representativeId/print', matchFilters: { representativeId: UUID_OR_ME }, component: lazyPage(() => import('./PrintPage.tsx')) },
];
