/**
 * Backup of a running PGlite server while ballots are being cast (issue: operations 1). The real server as a child
 * process, tablets casting continuously, `npm run backup` (a child process) in the middle of the stream: the server
 * takes the dump in one transaction, voting goes on. The file restored into a new data dir is a consistent moment of
 * the vote — every ballot acknowledged before the backup began is in it, every ballot in it is one the tablets were
 * acknowledged for, as they sent it (the card of its token, its marks, the hash of its retry secret, its receipt),
 * each card spent once, none voided — and `npm run audit:verify` passes on it. A second backup after the casts stop,
 * restored into another new dir, holds exactly the acknowledged ballots and equals the live database table by table
 * by a digest that owes nothing to the backup code (tests/helpers/digest.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { hall, marksOf } from '../tally/helpers.ts';
import { post, startServer, type ServerProcess } from '../reliability/server-process.ts';
import { appOnDir, expectSameDatabase, inPostgresRun, openDir, run } from './helpers-backup.ts';

const tmp = mkdtempSync(join(os.tmpdir(), 'ms-backup-live-'));
const live = join(tmp, 'live');
let server: ServerProcess | null = null;
afterAll(async () => {
  await server?.kill();
  rmSync(tmp, { recursive: true, force: true });
});

type BallotRow = { id: string; vote_id: string; card_id: string; receipt: string; marks: unknown };
/** What a tablet sent for a ballot it was acknowledged for, by the receipt it got. */
type Ack = { receipt: string; ballotId: string; marks: Record<string, string>; retryHash: string };
/** The card's ballot id, from the signed token the tablet scanned (a compact JWS whose payload is `{ v, b }`). */
const ballotIdOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).b as string;

/** The ballots of a restored dir as stored, with their cards: receipt, the card's ballot id, marks, retry hash. */
async function storedBallots(dir: string) {
  const database = await openDir(dir);
  try {
    const rows = await database.query<{ receipt: string; ballot_id: string | null; marks: string; retry_hash: string | null; card_id: string; voided: boolean | null; vote_id: string; card_vote: string | null }>(
      `select b.receipt, c.ballot_id, b.marks::text as marks, b.retry_hash, b.card_id, c.voided, b.vote_id, c.vote_id as card_vote
         from ballots b left join cards c on c.id = b.card_id`,
    );
    return rows;
  } finally {
    await database.close();
  }
}

it.skipIf(inPostgresRun)('a backup taken while casts are written restores to a consistent vote, and one taken after equals the live database (PGlite run only: PostgreSQL is backed up with pg_dump, tested in backup-postgres)', { timeout: 180_000 }, async () => {
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

  // Tablets cast one after another (four at a time, paced) until the backup is done (30 cards kept for afterwards),
  // each ballot with its retry secret, as the tablet sends it. Every acknowledgement is kept: what was sent, by receipt.
  const receipts: string[] = [];
  const acks = new Map<string, Ack>();
  const cast = async (k: number, pattern: string) => {
    const marks = marksOf(h.candidateIds, pattern);
    const retry = randomBytes(16).toString('base64url');
    const r = await post(server!.origin, '/api/public/ballot/cast', { token: tokens[k], marks, retry });
    expect(r?.status, JSON.stringify(r?.body)).toBe(200);
    const receipt = r!.body.receipt as string;
    expect(acks.has(receipt)).toBe(false);
    acks.set(receipt, { receipt, ballotId: ballotIdOf(tokens[k]), marks, retryHash: createHash('sha256').update(retry).digest('hex') });
    return receipt;
  };
  let next = 0;
  let backupRunning = false;
  let castDuringBackup = 0;
  let stop = false;
  const tablet = async (i: number) => {
    while (!stop && next < tokens.length - 30) {
      const k = next++;
      receipts.push(await cast(k, ['F-A', '-F-', 'FFA', '--A'][k % 4]));
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
  await Promise.all(tokens.slice(next).map((_, k) => cast(next + k, ['F--', '-A-', 'AAF'][k % 3])));
  expect(acks.size).toBe(tokens.length);
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

  // The mid-stream backup: a consistent moment of the vote. Every ballot in it is one a tablet was acknowledged for,
  // stored as sent (its card, marks, retry hash); every ballot acknowledged before the backup began is in it; each
  // card is spent once, by one ballot of its own vote, and none is voided; no more ballots than cards issued.
  const during = await storedBallots(dir1);
  expect(during.length).toBeGreaterThanOrEqual(started);
  expect(during.length).toBeLessThan(tokens.length);
  expect(during.map((b) => ({ receipt: b.receipt, ballotId: b.ballot_id, marks: JSON.parse(b.marks), retryHash: b.retry_hash }))).toEqual(during.map((b) => acks.get(b.receipt) ?? { receipt: b.receipt, acknowledged: false }));
  const inBackup = new Set(during.map((b) => b.receipt));
  expect(receipts.slice(0, started).filter((r) => !inBackup.has(r)), 'acknowledged before the backup began, missing from it').toEqual([]);
  expect(new Set(during.map((b) => b.card_id)).size, 'each card spent once').toBe(during.length);
  expect(during.filter((b) => b.voided !== false || b.card_vote !== b.vote_id || b.vote_id !== v.id), 'ballots whose card is missing, voided or of another vote').toEqual([]);
  const restored = await openDir(dir1);
  const ballots = await restored.query<BallotRow>('select id, vote_id, card_id, receipt, marks::text as marks from ballots');
  const [{ issued }] = await restored.query<{ issued: number }>('select issued_count as issued from votes where id = $1', [v.id]);
  await restored.close();
  expect(ballots.length).toBeLessThanOrEqual(issued);
  // …and each of its ballots is, row for row, in the live database.
  const liveDb = await openDir(live);
  const liveBallots = await liveDb.query<BallotRow>('select id, vote_id, card_id, receipt, marks::text as marks from ballots');
  await liveDb.close();
  expect(liveBallots).toHaveLength(tokens.length);
  const byId = new Map(liveBallots.map((b) => [b.id, b]));
  for (const b of ballots) expect(byId.get(b.id)).toEqual(b);

  // The backup after the casts: exactly the acknowledged ballots, as sent; and the same as the live database, every
  // table, by the independent digest.
  const after = await storedBallots(dir2);
  const byReceipt = (x: { receipt: string }, y: { receipt: string }) => (x.receipt < y.receipt ? -1 : 1);
  expect(after.map((b) => ({ receipt: b.receipt, ballotId: b.ballot_id, marks: JSON.parse(b.marks), retryHash: b.retry_hash })).sort(byReceipt)).toEqual([...acks.values()].sort(byReceipt));
  expect(new Set(after.map((b) => b.card_id)).size).toBe(tokens.length);
  const { rows } = await expectSameDatabase({ dir: live }, { dir: dir2 });
  expect(rows.get('ballots')).toBe(tokens.length);
  expect(existsSync(join(dir2, 'server.lock'))).toBe(false);
});
