/** The notify stage's messages routes (shared/notify/contract.ts). */
import { Hono } from 'hono';
import type { AppEnv } from '../lib/env.ts';

export const messagesRoutes = new Hono<AppEnv>();
