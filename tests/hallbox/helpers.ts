/**
 * The township's laptop for the hall-in-a-box tests: a server of its own on a database of its own — on PGlite a real
 * data dir on disk (as `npm start` keeps it, so that `npm run export-session -- --data` can open it once the server
 * is stopped), on PostgreSQL a database of its own (DATABASE_URL). The county is the ordinary test app.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { createApp } from '../../server/app.ts';
import { openDatabase } from '../../server/db/client.ts';
import { KeyStore } from '../../server/lib/keys.ts';
import type { TestApp } from '../helpers/app.ts';
import { testDatabase } from '../helpers/db.ts';
import { hall, type Hall, marksOf, runVote } from '../tally/helpers.ts';

export type Laptop = TestApp & { dataDir?: string; url?: string; stop(): Promise<void> };

export function useLaptop(): Laptop {
  const ctx = {} as Laptop;
  let stopped = false;
  beforeAll(async () => {
    const cfg = inject('testDb');
    if (cfg.kind === 'pglite') {
      ctx.dataDir = mkdtempSync(join(tmpdir(), 'ms-laptop-'));
      const pg = await PGlite.create(join(ctx.dataDir, 'pg'), { loadDataDir: new Blob([readFileSync(cfg.dump)]) });
      const database = await openDatabase({ pglite: pg });
      ctx.database = { ...database, drop: () => database.close() };
    } else {
      ctx.database = await testDatabase();
      ctx.url = ctx.database.url;
    }
    ctx.keys = new KeyStore(ctx.database);
    await ctx.keys.ensure();
    ctx.deps = { database: ctx.database, db: ctx.database.db, keys: ctx.keys, trustProxy: true };
    ctx.app = createApp({ deps: ctx.deps });
  });
  ctx.stop = async () => {
    if (stopped) return;
    stopped = true;
    // PGlite: the server stops and the data dir is left for the command; PostgreSQL: the database stays till the end.
    if (ctx.dataDir) await ctx.database.close();
  };
  afterAll(async () => {
    if (!stopped || !ctx.dataDir) await ctx.database?.drop();
  });
  return ctx;
}

/** 9 seated, all present: a 6 for, b and c 5 each (tied for the second seat), one invalid ballot. */
export const BALLOTS = ['FF--', 'FF--', 'FF--', 'F-FA', 'F-FA', 'F-F-', '-FF-', '-FF-', 'FFF-'];

/**
 * A township session on the laptop with one vote run, signed by two scrutineers and published. `before` runs at each
 * step before publication (the export refusals are checked there).
 */
export async function heldSession(t: TestApp, before: { open?: (h: Hall) => Promise<void>; closed?: (h: Hall) => Promise<void>; draft?: (h: Hall) => Promise<void> } = {}) {
  const h = await hall(t);
  const res = await h.roles.presidium.post(`${h.base}/sessions/${h.sessionId}/votes`, { listId: h.listId, title: '2027年民生实事项目票决' });
  expect(res.status, res.text).toBe(201);
  const voteId = res.body.id as string;
  await before.draft?.(h);
  const { path } = await runVote(t, h, voteId, BALLOTS.map((s) => marksOf(h.candidateIds, s)), { whileOpen: before.open && (() => before.open!(h)) });
  expect((await h.roles.scrutineer.post(`${path}/tally`, {})).status).toBe(201);
  await before.closed?.(h);
  expect((await h.roles.scrutineer.post(`${path}/tally/signoff`, { chief: true, invalidChecked: true })).status).toBe(200);
  expect((await h.roles.scrutineer2.post(`${path}/tally/signoff`, {})).status).toBe(200);
  expect((await h.roles.presidium.post(`${path}/tally/publish`, {})).status).toBe(200);
  const name = (await h.admin.get(`/api/congresses/${h.congressId}`)).body.name as string;
  return { ...h, voteId, path, name };
}
