/** The hallbox stage's routes (shared/hallbox/contract.ts). */
import { Hono } from 'hono';
import type { AppEnv } from '../lib/env.ts';

export const hallboxRoutes = new Hono<AppEnv>();
