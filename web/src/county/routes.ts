/** The county stage's pages: inside a congress (staff layout) and outside it (print views). */
import type { RouteDefinition } from '@solidjs/router';

/** Below `/c/:congressId`. */
export const staffCountyRoutes: RouteDefinition[] = [];
/** Outside the staff layout (print views on A4). */
export const outsideCountyRoutes: RouteDefinition[] = [];
