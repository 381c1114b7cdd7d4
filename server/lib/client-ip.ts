import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppEnv } from './env.ts';

/**
 * How many proxies in front of the server are trusted (TRUST_PROXY): 0 none, 1 one (nginx on the same machine or a
 * load balancer), N a chain. `true` (older callers) means one.
 */
export function proxyHops(trustProxy: boolean | number | undefined): number {
  if (trustProxy === true) return 1;
  if (typeof trustProxy === 'number' && Number.isInteger(trustProxy) && trustProxy > 0) return trustProxy;
  return 0;
}

/**
 * The entry of a forwarded list (`X-Forwarded-For: client, proxy1, proxy2`) written by the outermost trusted proxy:
 * the `hops`-th from the right. Each proxy appends the address it saw, so everything left of that entry was written by
 * the client and is worth nothing. A list shorter than the hops (a proxy that overwrites the header, or fewer
 * proxies on this path) gives its first entry — the one the nearest trusted proxy wrote.
 */
export function forwardedEntry(header: string | undefined, hops: number): string | undefined {
  if (!header || hops <= 0) return undefined;
  const list = header.split(',');
  const entry = list[Math.max(0, list.length - hops)]?.trim();
  return entry ? entry.slice(0, 100) : undefined;
}

/** The address of the socket itself (the proxy's, behind one); 'local' for `app.request` in tests (no socket). */
export function socketAddress(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local';
  }
}

/**
 * The caller's address, for rate limits only (never stored beside anything secret): behind TRUST_PROXY=N the address
 * the outermost trusted proxy saw, else the socket's. Headers are ignored without TRUST_PROXY.
 */
export function clientIp(c: Context<AppEnv>): string {
  const hops = proxyHops(c.get('deps').trustProxy);
  return forwardedEntry(c.req.header('x-forwarded-for'), hops) ?? socketAddress(c);
}

/** The scheme the caller used, read like the address: from X-Forwarded-Proto only behind a trusted proxy. */
export function requestProto(c: Context<AppEnv>): string {
  const hops = proxyHops(c.get('deps').trustProxy);
  const fwd = forwardedEntry(c.req.header('x-forwarded-proto'), hops)?.toLowerCase();
  if (fwd === 'https' || fwd === 'http') return fwd;
  return new URL(c.req.url).protocol.replace(/:$/, '');
}
