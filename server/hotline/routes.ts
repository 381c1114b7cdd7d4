/** The hotline stage's routes (shared/hotline/contract.ts), staff and public. */
import { Hono } from 'hono';
import type { AppEnv } from '../lib/env.ts';

export const hotlineRoutes = new Hono<AppEnv>();
