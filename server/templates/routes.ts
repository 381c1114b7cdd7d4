/** The templates stage's routes (shared/templates/contract.ts). */
import { Hono } from 'hono';
import type { AppEnv } from '../lib/env.ts';

export const templatesRoutes = new Hono<AppEnv>();
