/**
 * The embedded database across restarts (issue 9): a PGlite data dir, the real server as a child process. A clean stop
 * (SIGTERM) in the middle of a vote loses nothing; so does an unclean one (`kill -9`): PGlite writes PostgreSQL's
 * write-ahead log into ./data as it commits, so after a kill the next start replays it like PostgreSQL after a crash,
 * the stale lock file of the dead process is taken over, and every acknowledged ballot is there. (A power cut is
 * another matter: PGlite does not fsync, so what the operating system had not yet written can be lost — the README
 * says to use PostgreSQL where that matters.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { prepare, readConfig } from '../../server/start.ts';
import type { TestApp } from '../helpers/app.ts';
import { hall, marksOf, secretOf } from '../tally/helpers.ts';
import { post, startServer } from './server-process.ts';

const dir = mkdtempSync(join(os.tmpdir(), 'ms-pglite-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The data dir opened in this process (the server is stopped meanwhile: a PGlite dir serves one process). */
async function inProcess(): Promise<TestApp & { close(): Promise<void> }> {
  const { database, keys } = await prepare(readConfig({ DATA_DIR: dir, TRUST_PROXY: '1' }), {});
  const deps = { database, db: database.db, keys, trustProxy: true };
  return { app: createApp({ deps }), deps, database, keys, close: () => database.close() } as never;
}

describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('PGlite across a clean and an unclean stop', () => {
  it('keeps every acknowledged ballot and opens ./data again after kill -9', { timeout: 240_000 }, async () => {
    const local = await inProcess();
    const h = await hall(local, { seated: 60, titles: ['桥梁', '广场', '学校'] });
    const v = (await h.roles.presidium.post(`${h.base}/sessions/${h.sessionId}/votes`, { listId: h.listId, title: '票决', spareCards: 0 })).body;
    const path = `${h.base}/sessions/${h.sessionId}/votes/${v.id}`;
    await h.roles.scrutineer.post(`${path}/cards`, { spareCards: 0 });
    const tokens = ((await h.roles.scrutineer.get(`${path}/cards`)).body.cards as { url: string }[]).map((c) => c.url.split('#')[1]);
    await h.roles.scrutineer.post(`${path}/issue-count`, { count: tokens.length });
    expect((await h.roles.presidium.post(`${path}/open`, {})).status).toBe(200);
    await local.close();
    const marks = marksOf(h.candidateIds, 'F-A');
    const receipts: string[] = [];
    const castAll = async (origin: string, ts: string[]) => {
      for (const r of await Promise.all(ts.map((token) => post(origin, '/api/public/ballot/cast', { token, marks, retry: secretOf(token) })))) {
        expect(r?.status).toBe(200);
        receipts.push(r!.body.receipt);
      }
    };

    // 1. A clean stop between two bursts.
    let server = await startServer({ DATA_DIR: dir });
    await castAll(server.origin, tokens.slice(0, 20));
    await server.kill('SIGTERM');
    expect(server.proc.exitCode).toBe(0);
    server = await startServer({ DATA_DIR: dir });
    await castAll(server.origin, tokens.slice(20, 40));

    // 2. kill -9 right after acknowledgements: the next start replays the log and takes over the stale lock.
    await server.kill('SIGKILL');
    server = await startServer({ DATA_DIR: dir });
    await castAll(server.origin, tokens.slice(40));
    // A repeat of a ballot acknowledged before the kill answers the same receipt: it was stored.
    expect((await post(server.origin, '/api/public/ballot/cast', { token: tokens[39], marks, retry: secretOf(tokens[39]) }))?.body.receipt).toBe(receipts[39]);
    await server.kill('SIGKILL');

    const after = await inProcess();
    const rows = await after.database.query<{ receipt: string }>('select receipt from ballots where vote_id = $1', [v.id]);
    await after.close();
    expect(rows).toHaveLength(tokens.length);
    expect(new Set(rows.map((r) => r.receipt))).toEqual(new Set(receipts));
  });
});
