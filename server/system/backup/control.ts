/**
 * The control route of a running PGlite server. An embedded database serves one process, so while the server runs,
 * `npm run backup` cannot open ./data: it asks the server to take the dump. At start the server writes a random token
 * to DATA_DIR/control.token (owner-only, a new one each start, removed at stop); the command reads it and sends it in
 * `x-minsheng-control`. Only someone who can read the data dir can ask — the same people who could copy it.
 * The route is not on the server's port at all: it has its own listener on 127.0.0.1 (a free port, written beside the
 * token), so it answers connections from the machine itself only — whatever HOST is, and even behind a proxy on the
 * same machine (whose requests all come from 127.0.0.1 on the main port). It exists only on PGlite deployments.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import type { Database } from '../../db/client.ts';
import { log } from '../../lib/log.ts';
import { takeDump, totalRows } from './dump.ts';
import { backupStream } from './file.ts';

export const CONTROL_TOKEN_FILE = 'control.token';
export const CONTROL_HEADER = 'x-minsheng-control';
export const BACKUP_PATH = '/internal/backup';

/**
 * Write a fresh token (mode 0600); answers it, a function that adds the ports once the server listens (so `npm run
 * backup` needs no PORT), and one that removes the file. The file is JSON: {"token", "port"?, "control"?}: `port`
 * the server's, `control` the {host, port} of the loopback control listener.
 */
export function writeControlToken(dataDir: string): { token: string; listening: (port: number, control?: ControlAddress) => void; remove: () => void } {
  const path = join(dataDir, CONTROL_TOKEN_FILE);
  const token = randomBytes(32).toString('base64url');
  rmSync(path, { force: true }); // a file left by a killed server: made again, so its mode is ours
  writeFileSync(path, JSON.stringify({ token }), { mode: 0o600, flag: 'wx' });
  const ours = () => {
    try {
      return readControlFile(readFileSync(path, 'utf8'))?.token === token;
    } catch {
      return false;
    }
  };
  return {
    token,
    listening: (port, control) => {
      if (ours()) writeFileSync(path, JSON.stringify({ token, port, ...(control ? { control } : {}) }), { mode: 0o600 });
    },
    remove: () => {
      if (ours()) rmSync(path, { force: true });
    },
  };
}

/** Where the control route listens: a loopback address and a port of its own. */
export type ControlAddress = { host: string; port: number };

/**
 * The token and, once the server listens, its port and the control listener's address; a bare token (an older
 * server's file) reads as the token alone.
 */
export function readControlFile(text: string): { token: string; port?: number; control?: ControlAddress } | null {
  const raw = text.trim();
  if (!raw) return null;
  if (!raw.startsWith('{')) return { token: raw };
  try {
    const v = JSON.parse(raw) as { token?: unknown; port?: unknown; control?: { host?: unknown; port?: unknown } };
    if (typeof v.token !== 'string') return null;
    const control = v.control && typeof v.control.host === 'string' && isLoopback(v.control.host) && Number.isInteger(v.control.port) ? { host: v.control.host, port: v.control.port as number } : undefined;
    return { token: v.token, port: Number.isInteger(v.port) ? (v.port as number) : undefined, control };
  } catch {
    return null;
  }
}

/** 127.0.0.0/8, ::1, and IPv4 loopback as an IPv6 socket reports it. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.toLowerCase().replace(/^\[|\]$/g, '');
  return a === '::1' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** POST /internal/backup: the whole database as a backup file (gzip of JSON lines), taken in one transaction. */
export function backupHandler(database: Database, token: string) {
  const expected = digest(token);
  return async (c: Context) => {
    // The listener is bound to loopback; the socket's own address is checked again (never a header).
    let remote: string | undefined;
    try {
      remote = getConnInfo(c).remote.address;
    } catch {
      remote = undefined;
    }
    if (!isLoopback(remote)) return c.json({ error: { code: 'forbidden', message: '控制接口只接受本机连接 / the control route answers this machine only' } }, 403);
    const given = c.req.header(CONTROL_HEADER) ?? '';
    if (!given || !timingSafeEqual(digest(given), expected))
      return c.json({ error: { code: 'forbidden', message: '控制令牌不正确 / wrong control token' } }, 403);
    const started = performance.now();
    const dump = await takeDump(database);
    log.info('backup taken', { tables: dump.header.tables.length, rows: totalRows(dump.header), ms: Math.round(performance.now() - started) });
    return new Response(Readable.toWeb(backupStream(dump)) as ReadableStream, {
      headers: { 'content-type': 'application/gzip', 'cache-control': 'no-store', 'x-minsheng-rows': String(totalRows(dump.header)) },
    });
  };
}

/**
 * Start the control listener: POST /internal/backup on 127.0.0.1 (::1 on a machine without IPv4 loopback), on a free
 * port. Nothing else answers there. Resolves with its address and a close function (called at stop).
 */
export async function serveControl(database: Database, token: string): Promise<ControlAddress & { close: () => Promise<void> }> {
  const app = new Hono();
  app.post(BACKUP_PATH, backupHandler(database, token));
  app.notFound((c) => c.json({ error: { code: 'not_found', message: '没有此地址 / not found' } }, 404));
  const listen = (hostname: string) =>
    new Promise<Server>((resolve, reject) => {
      const server = serve({ fetch: app.fetch, port: 0, hostname }, () => resolve(server as Server)) as Server;
      server.once('error', reject);
    });
  let host = '127.0.0.1';
  let server: Server;
  try {
    server = await listen(host);
  } catch {
    host = '::1';
    server = await listen(host);
  }
  const { port } = server.address() as AddressInfo;
  return {
    host,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
