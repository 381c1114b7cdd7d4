/**
 * From the embedded default to PostgreSQL (issue: operations 2): a PGlite deployment holding the demo township's
 * whole year (published votes, photos as bytea, an audit log of hundreds of entries) is copied with
 * `npm run migrate-to-postgres` (a child process) into a throwaway PostgreSQL database. Every table's row count and
 * checksum equal the source's, the audit chain verifies on PostgreSQL, and the real server started on that
 * DATABASE_URL serves a published result. Refused: while the server holds the data dir, a bad URL, a non-empty
 * target. Also: a PGlite backup file restored with DATABASE_URL set is the same logical load.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/client.ts';
import { loadDemo } from '../../server/demo/load-demo.ts';
import { verifyAuditChain } from '../../server/lib/audit.ts';
import { startServer } from '../reliability/server-process.ts';
import { appOnDir, checksumsOfDir, checksumsOfUrl, postgresServer, run, throwawayDatabase } from './helpers-backup.ts';

const pg = await postgresServer();
const tmp = mkdtempSync(join(os.tmpdir(), 'ms-migrate-'));
const src = join(tmp, 'data');
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const d of drops) await d();
  rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(!pg)('npm run migrate-to-postgres', () => {
  beforeAll(async () => {
    const t = await appOnDir(src);
    await loadDemo(t.database);
    await t.close();
  }, 120_000);

  it('copies every table, checks counts, checksums and the audit chain, and the server runs on PostgreSQL', { timeout: 120_000 }, async () => {
    const target = await throwawayDatabase(pg!, 'mig');
    drops.push(target.drop);

    // Refusals first: nothing is written to the target.
    writeFileSync(join(src, 'server.lock'), String(process.pid)); // a live process holds the dir, as a running server does
    const busy = await run('migrate-to-postgres', [target.url], { DATA_DIR: src });
    rmSync(join(src, 'server.lock'));
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain('stop the server first');
    const bad = await run('migrate-to-postgres', ['mysql://root@localhost/minsheng'], { DATA_DIR: src });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('must start with postgres://');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    expect((await checksumsOfUrl(target.url)).size).toBe(0);

    const m = await run('migrate-to-postgres', ['--', target.url], { DATA_DIR: src });
    expect(m.code, m.out).toBe(0);
    expect(m.stdout).toContain("every table's row count and SHA-256 checksum equal PGlite's");
    expect(m.stdout).toContain(`DATABASE_URL=${target.url}`);
    expect(m.stdout).toContain('signing_keys');

    // Checked again here, independently of the command.
    const [want, got] = [await checksumsOfDir(src), await checksumsOfUrl(target.url)];
    expect(want.size).toBeGreaterThan(30);
    expect(want.get('ballots')!.rows).toBeGreaterThan(0);
    expect(want.get('project_files')!.rows).toBeGreaterThan(0);
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(want));
    const database = await openDatabase({ url: target.url, max: 1 });
    const chain = await verifyAuditChain(database.db);
    const [published] = await database.query<{ vote_id: string }>('select vote_id from tallies where published_at is not null order by vote_id limit 1');
    await database.close();
    expect(chain.ok).toBe(true);
    expect(chain.checked).toBeGreaterThan(300);
    const verify = await run('audit:verify', [], { DATABASE_URL: target.url });
    expect(verify.code, verify.out).toBe(0);

    // The real server on the new DATABASE_URL serves what the embedded deployment published.
    const server = await startServer({ DATABASE_URL: target.url });
    try {
      const res = await fetch(`${server.origin}/api/public/votes/${published.vote_id}/result`);
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(JSON.stringify(body)).toContain('elected');
    } finally {
      await server.kill();
    }

    // A second migration into the same (now filled) database is refused.
    const again = await run('migrate-to-postgres', [target.url], { DATA_DIR: src });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('is not empty');
    expect(again.stderr).toContain('create a new one');
  });

  it('restores a PGlite backup file into PostgreSQL when DATABASE_URL is set (the same logical load)', { timeout: 60_000 }, async () => {
    const file = join(tmp, 'data.backup');
    const b = await run('backup', [file], { DATA_DIR: src });
    expect(b.code, b.out).toBe(0);
    const target = await throwawayDatabase(pg!, 'load');
    drops.push(target.drop);
    const r = await run('restore', [file], { DATABASE_URL: target.url });
    expect(r.code, r.out).toBe(0);
    expect(r.stdout).toContain('as npm run migrate-to-postgres does');
    expect(Object.fromEntries(await checksumsOfUrl(target.url))).toEqual(Object.fromEntries(await checksumsOfDir(src)));
  });
});
