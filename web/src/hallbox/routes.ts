/** The hallbox stage's pages: inside a congress (staff layout) and outside it (print views). */
import type { RouteDefinition } from '@solidjs/router';

/** Below `/c/:congressId`. */
export const staffHallboxRoutes: RouteDefinition[] = [];
/** Outside the staff layout (print views on A4). */
export const outsideHallboxRoutes: RouteDefinition[] = [];
