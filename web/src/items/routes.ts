/** The items stage's pages: inside a congress (staff layout) and outside it (public, print). */
import type { RouteDefinition } from '@solidjs/router';

/** Below `/c/:congressId`. */
export const staffItemsRoutes: RouteDefinition[] = [];
/** Outside the staff layout (public pages, print views). */
export const outsideItemsRoutes: RouteDefinition[] = [];
