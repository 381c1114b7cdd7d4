/** The notify stage's templates routes (shared/notify/contract.ts). */
import { Hono } from 'hono';
import type { AppEnv } from '../lib/env.ts';

export const templatesRoutes = new Hono<AppEnv>();
