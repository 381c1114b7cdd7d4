/** The archive stage's pages: inside a congress (staff layout) and outside it (public, print). */
import type { RouteDefinition } from '@solidjs/router';

/** Below `/c/:congressId`. */
export const staffArchiveRoutes: RouteDefinition[] = [];
/** Outside the staff layout (public pages, print views). */
export const outsideArchiveRoutes: RouteDefinition[] = [];
