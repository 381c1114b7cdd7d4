import type { Context } from 'hono';
import type { AppEnv } from './env.ts';

/** The origin printed into QR links: PUBLIC_ORIGIN when set, else the one the request came in on. */
export function publicOrigin(c: Context<AppEnv>): string {
  const deps = c.get('deps');
  if (deps.publicOrigin) return deps.publicOrigin.replace(/\/$/, '');
  const url = new URL(c.req.url);
  if (deps.trustProxy) {
    const proto = c.req.header('x-forwarded-proto');
    const host = c.req.header('x-forwarded-host');
    if (proto) url.protocol = `${proto}:`;
    if (host) url.host = host;
  }
  return url.origin;
}
