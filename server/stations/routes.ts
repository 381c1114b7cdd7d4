/** The stations stage's routes (shared/stations/contract.ts), staff and public. */
import { Hono } from 'hono';
import type { AppEnv } from '../lib/env.ts';

export const stationsRoutes = new Hono<AppEnv>();
