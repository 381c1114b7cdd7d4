import { Hono } from 'hono';
import { MyWork } from '../../shared/home/schema.ts';
import { requireAuth } from '../lib/auth.ts';
import { doc } from '../lib/doc.ts';
import type { AppEnv } from '../lib/env.ts';
import { myWork } from './my-work.ts';

export const homeRoutes = new Hono<AppEnv>().get('/me/work', doc('home', "My to-do list: what is mine to do now in each of my congresses, overdue first", MyWork), async (c) => {
  const auth = requireAuth(c);
  const items = await myWork(c.get('deps').db, auth.account.id);
  return c.json({ items, count: items.length });
});
