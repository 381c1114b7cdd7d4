/** The notify stage's channels routes (shared/notify/contract.ts). */
import { Hono } from 'hono';
import type { AppEnv } from '../lib/env.ts';

export const channelsRoutes = new Hono<AppEnv>();
