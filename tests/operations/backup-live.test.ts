/**
 * Backup of a running PGlite server while ballots are being cast (issue: operations 1). The real server as a child
 * process, tablets casting continuously, `npm run backup` (a child process) in the middle of the stream: the server
 * takes the dump in one transaction, voting goes on. The file restored into a new data dir is a consistent moment of
 * the vote (every ballot's card exists and is unvoided, no card twice, every ballot also in the live database) and
 * `npm run audit:verify` passes on it. A second backup after the casts stop, restored into another new dir, equals
 * the live database table by table (row counts and checksums of every table).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { hall, marksOf } from '../tally/helpers.ts';
import { post, startServer, type ServerProcess } from '../reliability/server-process.ts';
import { appOnDir, checksumsOfDir, inPostgresRun, openDir, run } from './helpers-backup.ts';

const tmp = mkdtempSync(join(os.tmpdir(), 'ms-backup-live-'));
const live = join(tmp, 'live');
let server: ServerProcess | null = null;
afterAll(async () => {
  await server?.kill();
  rmSync(tmp, { recursive: true, force: true });
});

type BallotRow = { id: string; vote_id: string; card_id: string; receipt: string; marks: unknown };

it.skipIf(inPostgresRun)('a backup taken while casts are written restores to a consistent vote, and one taken after equals the live database', { timeout: 180_000 }, async () => {
  // A township with an open vote and its cards issued, made in this process; then the real server on the same dir.
  const local = await appOnDir(live);
  const h = await hall(local, { seated: 240, titles: ['桥梁', '广场', '学校'] });
  const v = (await h.roles.presidium.post(`${h.base}/sessions/${h.sessionId}/votes`, { listId: h.listId, title: '票决', spareCards: 0 })).body;
  const path = `${h.base}/sessions/${h.sessionId}/votes/${v.id}`;
  expect((await h.roles.scrutineer.post(`${path}/cards`, { spareCards: 0 })).status).toBe(201);
  const tokens = ((await h.roles.scrutineer.get(`${path}/cards`)).body.cards as { url: string }[]).map((c) => c.url.split('#')[1]);
  await h.roles.scrutineer.post(`${path}/issue-count`, { count: tokens.length });
  expect((await h.roles.presidium.post(`${path}/open`, {})).status).toBe(200);
  await local.close();
  server = await startServer({ DATA_DIR: live });
  const env = { DATA_DIR: live, PORT: String(server.port) };

  // Tablets cast one after another (four at a time, paced) until the backup is done (30 cards kept for afterwards).
  const receipts: string[] = [];
  let next = 0;
  let backupRunning = false;
  let castDuringBackup = 0;
  let stop = false;
  const tablet = async (i: number) => {
    while (!stop && next < tokens.length - 30) {
      const k = next++;
      const r = await post(server!.origin, '/api/public/ballot/cast', { token: tokens[k], marks: marksOf(h.candidateIds, ['F-A', '-F-', 'FFA', '--A'][k % 4]) });
      expect(r?.status, JSON.stringify(r?.body)).toBe(200);
      receipts.push(r!.body.receipt);
      if (backupRunning) castDuringBackup++;
      await new Promise((res) => setTimeout(res, 20 + i));
    }
  };
  const tablets = [0, 1, 2, 3].map(tablet);
  while (receipts.length < 20) await new Promise((res) => setTimeout(res, 10));
  backupRunning = true;
  const file1 = join(tmp, 'during.backup');
  const started = receipts.length;
  const b1 = await run('backup', [file1], env);
  backupRunning = false;
  stop = true;
  await Promise.all(tablets);
  expect(b1.code, b1.out).toBe(0);
  expect(b1.stdout).toContain('taken by the running server');
  expect(castDuringBackup, 'casts went on while the backup ran').toBeGreaterThan(0);
  expect(receipts.length).toBeGreaterThan(started);
  expect(next, 'cards were left for after the backup').toBeLessThan(tokens.length);
  expect(statSync(file1).mode & 0o777).toBe(0o600);
  expect(readdirSync(tmp).filter((f) => f.endsWith('.partial'))).toEqual([]);

  // The rest of the hall votes; then a second backup, still from the running server.
  const rest = await Promise.all(tokens.slice(next).map((token, k) => post(server!.origin, '/api/public/ballot/cast', { token, marks: marksOf(h.candidateIds, ['F--', '-A-'][k % 2]) })));
  for (const r of rest) expect(r?.status).toBe(200);
  const file2 = join(tmp, 'after.backup');
  // The server wrote the port it listens on beside its token: the command finds it even when PORT says otherwise.
  expect(JSON.parse(readFileSync(join(live, 'control.token'), 'utf8'))).toMatchObject({ port: server.port });
  const b2 = await run('backup', [file2], { DATA_DIR: live, PORT: '1' });
  expect(b2.code, b2.out).toBe(0);
  await server.kill();
  server = null;

  // Restore both into new, empty data dirs with the command.
  const dir1 = join(tmp, 'restored-during');
  const dir2 = join(tmp, 'restored-after');
  for (const [file, dir] of [[file1, dir1], [file2, dir2]]) {
    const r = await run('restore', [file], { DATA_DIR: dir });
    expect(r.code, r.out).toBe(0);
    expect(r.stdout).toContain('audit chain intact');
    const a = await run('audit:verify', [], { DATA_DIR: dir });
    expect(a.code, a.out).toBe(0);
    expect(a.stdout).toContain('OK');
  }

  // The mid-stream backup: a consistent moment of the vote, every ballot of it also in the live database.
  const liveDb = await openDir(live);
  const liveBallots = await liveDb.query<BallotRow>('select id, vote_id, card_id, receipt, marks::text as marks from ballots');
  await liveDb.close();
  expect(liveBallots).toHaveLength(tokens.length);
  const restored = await openDir(dir1);
  const ballots = await restored.query<BallotRow>('select id, vote_id, card_id, receipt, marks::text as marks from ballots');
  const orphans = await restored.query(`select b.id from ballots b left join cards c on c.id = b.card_id and c.vote_id = b.vote_id where c.id is null or c.voided`);
  const [counts] = await restored.query<{ ballots: number; cards: number; issued: number }>(
    `select (select count(*)::int from ballots where vote_id = $1) as ballots, (select count(distinct card_id)::int from ballots where vote_id = $1) as cards,
            (select issued_count from votes where id = $1) as issued`,
    [v.id],
  );
  await restored.close();
  expect(ballots.length).toBeGreaterThanOrEqual(started);
  expect(ballots.length).toBeLessThan(tokens.length);
  expect(orphans).toEqual([]);
  expect(counts.cards).toBe(counts.ballots);
  expect(counts.ballots).toBeLessThanOrEqual(counts.issued);
  const byId = new Map(liveBallots.map((b) => [b.id, b]));
  for (const b of ballots) expect(byId.get(b.id)).toEqual(b);

  // The backup after the casts: the same as the live database, every table.
  const [want, got] = [await checksumsOfDir(live), await checksumsOfDir(dir2)];
  expect(want.size).toBeGreaterThan(30);
  expect(Object.fromEntries(got)).toEqual(Object.fromEntries(want));
  expect(want.get('ballots')!.rows).toBe(tokens.length);
  expect(existsSync(join(dir2, 'server.lock'))).toBe(false);
});
