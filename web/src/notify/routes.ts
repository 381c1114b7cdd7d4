/** The notify stage's pages: inside a congress (staff layout) and outside it (a resident's 退订 page). */
import type { RouteDefinition } from '@solidjs/router';
import { lazyPage } from '../i18n.ts';

/** Below `/c/:congressId`. */
export const staffNotifyRoutes: RouteDefinition[] = [
  { path: '/notify', component: lazyPage(() => import('./MessagesPage.tsx')) },
  { path: '/notify/channels', component: lazyPage(() => import('./ChannelsPage.tsx')) },
  { path: '/notify/templates', component: lazyPage(() => import('./TemplatesPage.tsx')) },
];
/** Outside the staff layout: the link in a message to a resident (`/n/o#<token>`, the token never sent to the server in the address). */
export const outsideNotifyRoutes: RouteDefinition[] = [{ path: '/n/o', component: lazyPage(() => import('./OptoutPage.tsx')) }];
