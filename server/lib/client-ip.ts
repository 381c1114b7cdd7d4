import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppEnv } from './env.ts';

/** The caller's address, for rate limits only (never stored beside anything secret). */
export function clientIp(c: Context<AppEnv>): string {
  if (c.get('deps').trustProxy) {
    const fwd = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (fwd) return fwd;
  }
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local'; // app.request in tests has no socket
  }
}
