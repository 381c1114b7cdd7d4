/**
 * The patched driver (patches/postgres+3.4.9.patch, applied by `npm ci`): backends terminated under transactions,
 * pipelined and not, over and over, in a child process of its own. Before the patch the process died
 * (`TypeError … reading 'write'` thrown from a deferred write) or a transaction never settled (a statement sent on a
 * socket that closed was kept and waited for after the reconnect, and the next transaction queued behind it).
 */
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { throwawayDatabase } from '../helpers/pg-url.ts';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('postgres.js as patched (PostgreSQL run only: it drives the driver against a real server)', () => {
  let db: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    db = await throwawayDatabase(url!, 'driver');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('survives backends terminated under transactions, and every transaction settles', { timeout: 600_000 }, async () => {
    const { stdout } = await run(process.execPath, [join(here, 'fixtures/terminate-loop.mjs'), db.url, '60'], { cwd: join(here, '../..'), timeout: 540_000 }).catch((e: { code?: number; stdout?: string; stderr?: string }) => {
      throw new Error(`exit ${e.code}: ${e.stdout ?? ''}${(e.stderr ?? '').slice(0, 2000)}`);
    });
    expect(stdout).toMatch(/^survived /m);
    const counts = JSON.parse(stdout.match(/survived (.*)/)![1]) as { ok: number; failed: number };
    expect(counts.ok + counts.failed).toBe(60 * 8);
    expect(counts.failed).toBeGreaterThan(0); // the terminations did hit transactions
  });
});
