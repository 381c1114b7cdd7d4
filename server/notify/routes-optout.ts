/** The notify stage's optout routes (shared/notify/contract.ts). */
import { Hono } from 'hono';
import type { AppEnv } from '../lib/env.ts';

export const optoutRoutes = new Hono<AppEnv>();
