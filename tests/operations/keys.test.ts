/**
 * `npm run keys:rotate` on a PGlite data dir, as a child process: the old key retires, a new one signs from then on,
 * everything signed before still verifies, the rotation is in the audit log and the chain holds; while a server holds
 * the data dir the command refuses and changes nothing.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '../../server/db/client.ts';
import { verifyAuditChain } from '../../server/lib/audit.ts';
import { KeyStore } from '../../server/lib/keys.ts';
import { startServer } from '../reliability/server-process.ts';
import { inPostgresRun } from './helpers-backup.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = mkdtempSync(join(tmpdir(), 'minsheng-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rotate = () =>
  new Promise<{ code: number | null; out: string }>((res) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'server/cli/keys-rotate.ts'], { cwd: root, env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('exit', (code) => res({ code, out }));
  });

describe.skipIf(inPostgresRun)('npm run keys:rotate (PGlite run only: the command is the same on both, its data dir is PGlite)', () => {
  it('retires the key, signs with a new one, keeps old signatures valid and writes it to the audit log', { timeout: 90_000 }, async () => {
    let db = await openDatabase({ dataDir: join(dir, 'pg') });
    await migrateDatabase(db);
    let keys = new KeyStore(db);
    const first = await keys.ensure();
    const old = await keys.sign('minsheng-test', { n: 1 });
    await db.close();

    const r = await rotate();
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(new RegExp(`new signing key \\S+; 已停用 / retired ${first};`));

    db = await openDatabase({ dataDir: join(dir, 'pg') });
    keys = new KeyStore(db);
    const fresh = await keys.sign('minsheng-test', { n: 2 });
    const kidOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).kid as string;
    expect(kidOf(old)).toBe(first);
    expect(kidOf(fresh)).not.toBe(first);
    expect((await keys.verify('minsheng-test', old))?.payload).toEqual({ n: 1 });
    expect((await keys.verify('minsheng-test', fresh))?.payload).toEqual({ n: 2 });
    const entries = await db.query<{ action: string; target_id: string }>(`select action, target_id from audit_log order by seq`);
    expect(entries.at(-1)).toEqual({ action: 'keys.rotate', target_id: kidOf(fresh) });
    expect((await verifyAuditChain(db.db)).ok).toBe(true);
    await db.close();
  });

  it('refuses while a server holds the data dir, and changes nothing', { timeout: 90_000 }, async () => {
    const server = await startServer({ DATA_DIR: dir });
    try {
      const r = await rotate();
      expect(r.code).toBe(2);
      expect(r.out).toMatch(/is in use by process \d+/);
    } finally {
      await server.kill();
    }
    const db = await openDatabase({ dataDir: join(dir, 'pg') });
    expect((await db.query<{ n: number }>(`select count(*)::int as n from signing_keys`))[0].n).toBe(2);
    await db.close();
  });
});
