/** The review stage's routes (shared/review/contract.ts), staff and public. */
import { Hono } from 'hono';
import type { AppEnv } from '../lib/env.ts';

export const reviewRoutes = new Hono<AppEnv>();
