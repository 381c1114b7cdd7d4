/** The notify stage's routes (shared/notify/contract.ts), one file per part: messages, channels, templates, opting out. */
import { Hono } from 'hono';
import type { AppEnv } from '../lib/env.ts';
import { channelsRoutes } from './routes-channels.ts';
import { messagesRoutes } from './routes-messages.ts';
import { optoutRoutes } from './routes-optout.ts';
import { templatesRoutes } from './routes-templates.ts';

export const notifyRoutes = new Hono<AppEnv>().route('/', messagesRoutes).route('/', channelsRoutes).route('/', templatesRoutes).route('/', optoutRoutes);
