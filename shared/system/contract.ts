/** The system's own API routes (health and the API's description), each once (shared/contract.ts). */
import { z } from 'zod';
import { route } from '../contract.ts';

const tag = 'system';

export const health = route({
  method: 'GET',
  path: '/health',
  tag,
  summary: 'The server and its database answer (for people; load balancers use /readyz)',
  permission: 'public',
  response: z.object({ ok: z.literal(true), database: z.enum(['pglite', 'postgres']) }),
});

export const openapi = route({
  method: 'GET',
  path: '/openapi.json',
  tag,
  summary: 'This document (OpenAPI 3.1), written from the routes’ contracts',
  permission: 'public',
  response: z.record(z.string(), z.unknown()),
});

export const apiDocs = route({
  method: 'GET',
  path: '/docs',
  tag,
  summary: 'A readable API reference (this document as a page)',
  permission: 'public',
  produces: 'html',
});
