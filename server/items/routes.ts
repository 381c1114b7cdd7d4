/** The items stage's routes (shared/items/contract.ts), staff and public. */
import { Hono } from 'hono';
import type { AppEnv } from '../lib/env.ts';

export const itemsRoutes = new Hono<AppEnv>();
