/**
 * The control route of a running PGlite server. An embedded database serves one process, so while the server runs,
 * `npm run backup` cannot open ./data: it asks the server to take the dump. At start the server writes a random token
 * to DATA_DIR/control.token (owner-only, a new one each start, removed at stop); the command reads it and sends it in
 * `x-minsheng-control`. Only someone who can read the data dir can ask — the same people who could copy it.
 * The route is outside /api, is not in the API description, and exists only on PGlite deployments.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Context } from 'hono';
import type { Database } from '../../db/client.ts';
import { log } from '../../lib/log.ts';
import { takeDump, totalRows } from './dump.ts';
import { backupStream } from './file.ts';

export const CONTROL_TOKEN_FILE = 'control.token';
export const CONTROL_HEADER = 'x-minsheng-control';
export const BACKUP_PATH = '/internal/backup';

/**
 * Write a fresh token (mode 0600); answers it, a function that adds the port the server listens on once it does (so
 * `npm run backup` needs no PORT), and one that removes the file. The file is JSON: {"token", "port"?}.
 */
export function writeControlToken(dataDir: string): { token: string; listening: (port: number) => void; remove: () => void } {
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
    listening: (port) => {
      if (ours()) writeFileSync(path, JSON.stringify({ token, port }), { mode: 0o600 });
    },
    remove: () => {
      if (ours()) rmSync(path, { force: true });
    },
  };
}

/** The token and, once the server listens, its port; a bare token (an older server's file) reads as the token alone. */
export function readControlFile(text: string): { token: string; port?: number } | null {
  const raw = text.trim();
  if (!raw) return null;
  if (!raw.startsWith('{')) return { token: raw };
  try {
    const v = JSON.parse(raw) as { token?: unknown; port?: unknown };
    if (typeof v.token !== 'string') return null;
    return { token: v.token, port: Number.isInteger(v.port) ? (v.port as number) : undefined };
  } catch {
    return null;
  }
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** POST /internal/backup: the whole database as a backup file (gzip of JSON lines), taken in one transaction. */
export function backupHandler(database: Database, token: string) {
  const expected = digest(token);
  return async (c: Context) => {
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
