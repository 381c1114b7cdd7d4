/** The archive stage's routes (shared/archive/contract.ts), staff and public. */
import { Hono } from 'hono';
import type { AppEnv } from '../lib/env.ts';

export const archiveRoutes = new Hono<AppEnv>();
