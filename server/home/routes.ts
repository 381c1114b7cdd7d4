import { Hono } from 'hono';
import * as C from '../../shared/home/contract.ts';
import { implement } from '../lib/contract.ts';
import type { AppEnv } from '../lib/env.ts';
import { myWork } from './my-work.ts';
import { representativeHome } from './representative-home.ts';

export const homeRoutes = new Hono<AppEnv>();

implement(homeRoutes, C.myWork, async (c, { access: { auth } }) => {
  const items = await myWork(c.get('deps').db, auth.account.id);
  return { items, count: items.length };
});

implement(homeRoutes, C.representativeHome, async (c, { access: { auth } }) => ({ congresses: await representativeHome(c.get('deps').db, auth.account.id) }));
