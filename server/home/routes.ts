import { Hono } from 'hono';
import { MyWork, RepresentativeHome } from '../../shared/home/schema.ts';
import { requireAuth } from '../lib/auth.ts';
import { doc } from '../lib/doc.ts';
import type { AppEnv } from '../lib/env.ts';
import { myWork } from './my-work.ts';
import { representativeHome } from './representative-home.ts';

export const homeRoutes = new Hono<AppEnv>()
  .get('/me/work', doc('home', "My to-do list: what is mine to do now in each of my congresses, overdue first", MyWork), async (c) => {
    const auth = requireAuth(c);
    const items = await myWork(c.get('deps').db, auth.account.id);
    return c.json({ items, count: items.length });
  })
  .get('/me/representative', doc('home', "A representative's home: this year's projects and their progress (theirs first), the session when one is on with its votes, their proposals and what became of each", RepresentativeHome), async (c) => {
    const auth = requireAuth(c);
    return c.json({ congresses: await representativeHome(c.get('deps').db, auth.account.id) });
  });
