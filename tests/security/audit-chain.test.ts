/**
 * Tampering with the audit log in the database, past its append-only triggers, is found by the real
 * `npm run audit:verify` (run as a child process): exit 1 and the output names the entry. An intact chain gives exit 0.
 *
 * Each case starts from its own copy of one pristine chain: a copy of a PGlite data dir (DATA_DIR), or, with
 * TEST_DATABASE_URL, a PostgreSQL database made from the pristine one as a template (DATABASE_URL).
 *
 * What a plain hash chain cannot see is asserted as such (and named "limit" below), not hidden: the tail cut off,
 * and entries appended or rewritten to the end with their hashes recomputed. Nothing secret goes into an entry's hash
 * and the head of the chain is anchored nowhere outside the database.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrateDatabase, openDatabase, type Database, type RawQuery } from '../../server/db/client.ts';
import { auditLog } from '../../server/db/schema/index.ts';
import { appendAudit, entryHash, verifyAuditChain } from '../../server/lib/audit.ts';
import { adminUrl, withDatabase } from '../helpers/pg-url.ts';

const cfg = inject('testDb');
const N = 8; // entries in the pristine chain
const K = 4; // the entry tampered with, in the middle

type Row = typeof auditLog.$inferSelect;
let rows: Row[] = [];
let root = '';
let pristine = ''; // PGlite: the data dir; PostgreSQL: the database name
let admin: postgres.Sql | null = null;
let made = 0;

/** Open a database: the PGlite dir, or the named PostgreSQL database. */
const openAt = (where: string): Promise<Database> => (cfg.kind === 'postgres' ? openDatabase({ url: withDatabase(cfg.url, where), max: 1 }) : openDatabase({ dataDir: join(where, 'pg') }));

beforeAll(async () => {
  if (cfg.kind === 'postgres') {
    admin = postgres(adminUrl(cfg.url), { max: 1, onnotice: () => {} });
    // Named after this run's template, so the global teardown drops whatever a failed run leaves behind.
    pristine = `${cfg.template}_audit_${process.pid}`;
    await admin.unsafe(`create database "${pristine}" template "${cfg.template}"`);
  } else {
    root = mkdtempSync(join(tmpdir(), 'minsheng-audit-chain-'));
    pristine = join(root, 'pristine');
  }
  const database = await openAt(pristine);
  try {
    if (cfg.kind === 'pglite') await migrateDatabase(database);
    const entries = [
      { actor: null, action: 'system.start' },
      { actor: { id: 'acc-1', name: '管理员' }, action: 'congress.create', congressId: 'c-1', targetType: 'congress', targetId: 'c-1', details: { name: '示范镇人大', term: 18 } },
      { actor: { id: 'acc-1', name: '管理员' }, action: 'roster.create', congressId: 'c-1', targetType: 'representative', targetId: 'r-1', details: { name: '张三' } },
      { actor: { id: 'acc-2', name: '主席团' }, action: 'ballot.open_vote', congressId: 'c-1', targetType: 'vote', targetId: 'v-1', details: { seated: 60, present: 52 } },
      { actor: { id: 'acc-3', name: '监票人' }, action: 'tally.sign', congressId: 'c-1', targetType: 'vote', targetId: 'v-1', details: { chief: true, digest: 'ab'.repeat(32) } },
      { actor: { id: 'acc-2', name: '主席团' }, action: 'tally.publish', congressId: 'c-1', targetType: 'vote', targetId: 'v-1', details: { digest: 'cd'.repeat(32) } },
      { actor: { id: 'acc-1', name: '管理员' }, action: 'roster.end_term', congressId: 'c-1', targetType: 'representative', targetId: 'r-1', details: { endedOn: '2026-11-20', reason: '调离' } },
      { actor: { id: 'acc-1', name: '管理员' }, action: 'auth.logout', targetType: 'account', targetId: 'acc-1' },
    ];
    for (const e of entries) await database.db.transaction((tx) => appendAudit(tx, e));
    rows = await database.db.select().from(auditLog).orderBy(asc(auditLog.seq));
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, checked: N });
  } finally {
    await database.close();
  }
}, 120_000);

afterAll(async () => {
  if (admin) {
    await admin.unsafe(`drop database if exists "${pristine}" with (force)`);
    await admin.end();
  }
  if (root) rmSync(root, { recursive: true, force: true });
});

/** `npm run audit:verify` as a child process. */
function runCli(env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'audit:verify', ...(args.length ? ['--', ...args] : [])], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * A copy of the pristine chain, tampered with by `tamper` (run in one transaction with the append-only triggers
 * disabled, as someone with the database's owner rights could), then checked by the CLI.
 */
async function tamperAndVerify(tamper: (q: RawQuery) => Promise<void>, cli = false, args: string[] = []) {
  const name = `case${++made}`;
  let where: string;
  if (cfg.kind === 'postgres') {
    where = `${pristine}_${name}`;
    await admin!.unsafe(`create database "${where}" template "${pristine}"`);
  } else {
    where = join(root, name);
    cpSync(pristine, where, { recursive: true });
  }
  let report: Awaited<ReturnType<typeof verifyAuditChain>> | null = null;
  try {
    const database = await openAt(where);
    try {
      await database.rawTransaction(async (q) => {
        await q('alter table audit_log disable trigger user');
        await tamper(q);
        await q('alter table audit_log enable trigger user');
      });
      // The triggers are back on: the tamper went around them, it did not remove them.
      expect(await database.query(`select tgname from pg_trigger where tgrelid = 'audit_log'::regclass and not tgisinternal and tgenabled = 'D'`)).toEqual([]);
      report = await verifyAuditChain(database.db);
    } finally {
      await database.close();
    }
    // The CLI itself (a process of its own, ~2 s each) for a few cases of each kind; the same check in-process for all.
    if (!cli) return { code: report!.ok ? 0 : 1, stdout: '', stderr: '', report, cli: false };
    const out = await runCli(cfg.kind === 'postgres' ? { DATABASE_URL: withDatabase(cfg.url, where) } : { DATABASE_URL: '', DATA_DIR: where }, args);
    return { ...out, report, cli: true };
  } finally {
    if (cfg.kind === 'postgres') await admin!.unsafe(`drop database if exists "${where}" with (force)`);
    else rmSync(where, { recursive: true, force: true });
  }
}

/** Exit 1, and the output says the chain breaks at `seq`, with a reason matching `reason`. */
function expectBroken(res: Awaited<ReturnType<typeof tamperAndVerify>>, seq: number, reason?: RegExp) {
  expect(res.code, res.stdout + res.stderr).toBe(1);
  // The same answer in-process (and from POST /api/audit/verify, which calls the same function).
  expect(res.report?.firstBroken?.seq).toBe(seq);
  if (res.cli) expect(res.stdout).toMatch(new RegExp(`BROKEN: .*第 ${seq} 条.*the chain breaks at entry ${seq}:`));
  if (reason) expect(res.cli ? res.stdout : res.report!.firstBroken!.reason).toMatch(reason);
}

const set = (column: string, value: unknown, seq = K) => (q: RawQuery) =>
  q(`update audit_log set ${column} = $1${column === 'details' ? '::text::jsonb' : ''} where seq = $2`, [value, seq]).then(() => {});
const row = (seq: number) => rows[seq - 1];
/** An entry with its hash computed as appendAudit would. */
const chained = (r: Omit<Row, 'hash'>): Row => ({ ...r, hash: entryHash(r) });
const insert = (r: Row) => (q: RawQuery) =>
  q(`insert into audit_log (seq, at, actor_id, actor_name, congress_id, action, target_type, target_id, details, prev_hash, hash) values ($1, $2, $3, $4, $5, $6, $7, $8, $9::text::jsonb, $10, $11)`, [
    r.seq,
    r.at,
    r.actorId,
    r.actorName,
    r.congressId,
    r.action,
    r.targetType,
    r.targetId,
    r.details === null ? null : JSON.stringify(r.details),
    r.prevHash,
    r.hash,
  ]).then(() => {});
const forged = (seq: number, prevHash: string): Omit<Row, 'hash'> => ({
  seq,
  at: new Date().toISOString(),
  actorId: 'acc-9',
  actorName: '冒名者',
  congressId: 'c-1',
  action: 'roster.update',
  targetType: 'representative',
  targetId: 'r-1',
  details: { phone: '13800000000' },
  prevHash,
});

describe.concurrent('npm run audit:verify against tampering', { timeout: 300_000 }, () => {
  it('an intact chain: exit 0', async () => {
    const res = await tamperAndVerify(async () => {}, true);
    expect(res.code, res.stdout + res.stderr).toBe(0);
    expect(res.stdout).toMatch(new RegExp(`^OK: .*— ${N} entries checked`, 'm'));
    // The head to note outside the database, for --anchor later.
    expect(res.stdout).toContain(`head: ${N}:${row(N).hash}`);
  });

  // Every field of an entry, changed in place.
  const fields: [string, string, unknown][] = [
    ['actor id', 'actor_id', 'acc-9'],
    ['actor name', 'actor_name', '别人'],
    ['action', 'action', 'ballot.close_vote'],
    ['congress', 'congress_id', 'c-2'],
    ['target type', 'target_type', 'session'],
    ['target id', 'target_id', 'v-2'],
    ['time (one millisecond)', 'at', undefined],
    ['details (a value)', 'details', JSON.stringify({ seated: 60, present: 53 })],
    ['details (removed)', 'details', null],
    ['prev_hash', 'prev_hash', 'f'.repeat(64)],
    ['stored hash', 'hash', 'e'.repeat(64)],
  ];
  for (const [what, column, value] of fields)
    it(`a changed ${what} of entry ${K} is named`, async () => {
      // `at` must differ from entry K's own time: computed here, once the pristine chain exists.
      const v = column === 'at' ? new Date(Date.parse(row(K).at) + 1).toISOString() : value;
      const res = await tamperAndVerify(set(column, v), column === 'actor_name' || column === 'hash');
      expectBroken(res, K, column === 'prev_hash' ? new RegExp(`prev_hash does not match the hash of entry ${K - 1}`) : /hash does not match the entry/);
    });

  it('the stored hash changed and the next entry relinked to it: the entry is named', async () => {
    const res = await tamperAndVerify(async (q) => {
      await set('hash', 'e'.repeat(64))(q);
      await set('prev_hash', 'e'.repeat(64), K + 1)(q);
    });
    expectBroken(res, K, /hash does not match the entry/);
  });

  it('an entry changed with its own hash recomputed: the break at the next entry names it', async () => {
    const res = await tamperAndVerify(async (q) => {
      const changed = chained({ ...row(K), actorName: '别人' });
      await q(`update audit_log set actor_name = $1, hash = $2 where seq = $3`, [changed.actorName, changed.hash, K]);
    });
    expectBroken(res, K + 1, new RegExp(`prev_hash does not match the hash of entry ${K}\\b`));
  });

  it('an entry deleted in the middle', async () => {
    const res = await tamperAndVerify((q) => q(`delete from audit_log where seq = $1`, [K]).then(() => {}), true);
    expectBroken(res, K + 1, new RegExp(`missing entry ${K}\\b`));
  });

  it('the first entry deleted', async () => {
    const res = await tamperAndVerify((q) => q(`delete from audit_log where seq = 1`).then(() => {}));
    expectBroken(res, 2, /missing entry 1\b/);
  });

  it('an entry deleted and the later ones renumbered to close the gap', async () => {
    const res = await tamperAndVerify(async (q) => {
      await q(`delete from audit_log where seq = $1`, [K]);
      await q(`update audit_log set seq = seq + 1000 where seq > $1`, [K]);
      await q(`update audit_log set seq = seq - 1001 where seq > 1000`);
    });
    expectBroken(res, K, new RegExp(`prev_hash does not match the hash of entry ${K - 1}`));
  });

  it('a forged entry inserted at the end with a made-up hash', async () => {
    const res = await tamperAndVerify(insert({ ...forged(N + 1, row(N).hash), hash: 'a'.repeat(64) }));
    expectBroken(res, N + 1, /hash does not match the entry/);
  });

  it('a forged entry inserted at the end with a wrong link', async () => {
    const res = await tamperAndVerify(insert(chained(forged(N + 1, row(N - 1).hash))));
    expectBroken(res, N + 1, new RegExp(`prev_hash does not match the hash of entry ${N}`));
  });

  it('a forged entry inserted past a gap', async () => {
    const res = await tamperAndVerify(insert(chained(forged(N + 5, row(N).hash))));
    expectBroken(res, N + 5, new RegExp(`missing entry ${N + 1}\\b`));
  });

  it('a forged entry inserted in the middle (later entries renumbered), correctly linked to the one before it', async () => {
    const res = await tamperAndVerify(async (q) => {
      await q(`update audit_log set seq = seq + 1000 where seq >= $1`, [K]);
      await q(`update audit_log set seq = seq - 999 where seq > 1000`);
      await insert(chained(forged(K, row(K - 1).hash)))(q);
    }, true);
    // The forged entry K links to K-1 and hashes right; the entry after it (the old K) does not link to it.
    expectBroken(res, K + 1, new RegExp(`prev_hash does not match the hash of entry ${K}\\b`));
  });

  it('a forged entry slipped in below the chain (seq 0), where the audit pages list it as the oldest', async () => {
    const res = await tamperAndVerify(insert(chained(forged(0, '0'.repeat(64)))));
    expectBroken(res, 0, /entry out of sequence \(expected entry 1\)/);
  });

  it('two entries swapped (reordered)', async () => {
    const res = await tamperAndVerify(async (q) => {
      await q(`update audit_log set seq = -($1::bigint) where seq = $1`, [K]);
      await q(`update audit_log set seq = $1 where seq = $2`, [K, K + 1]);
      await q(`update audit_log set seq = $1 where seq = -($2::bigint)`, [K + 1, K]);
    }, true);
    expectBroken(res, K);
  });

  it('two entries swapped in content, each keeping its seq', async () => {
    const res = await tamperAndVerify(async (q) => {
      const a = row(K);
      const b = row(K + 1);
      for (const [target, src] of [
        [K, b],
        [K + 1, a],
      ] as const)
        await q(`update audit_log set at = $1, actor_id = $2, actor_name = $3, congress_id = $4, action = $5, target_type = $6, target_id = $7, details = $8::text::jsonb, prev_hash = $9, hash = $10 where seq = $11`, [
          src.at,
          src.actorId,
          src.actorName,
          src.congressId,
          src.action,
          src.targetType,
          src.targetId,
          src.details === null ? null : JSON.stringify(src.details),
          src.prevHash,
          src.hash,
          target,
        ]);
    });
    expectBroken(res, K);
  });

  // ---- the limits of a chain with no outside anchor (asserted, so that adding an anchor shows up here) ----

  it('limit: without --anchor, the last entry deleted is NOT detected (nothing outside the database says where the chain ended)', async () => {
    const res = await tamperAndVerify((q) => q(`delete from audit_log where seq = $1`, [N]).then(() => {}), true);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(new RegExp(`— ${N - 1} entries checked`));
  });

  it('limit: a forged entry appended with a correctly computed hash is NOT detected (no secret in the hash)', async () => {
    const res = await tamperAndVerify(insert(chained(forged(N + 1, row(N).hash))));
    expect(res.code).toBe(0);
    expect(res.report!.checked).toBe(N + 1);
  });

  it('limit: without --anchor, an entry changed and every later hash recomputed is NOT detected', async () => {
    const res = await tamperAndVerify(async (q) => {
      let prev = row(K - 1).hash;
      for (const r of rows.slice(K - 1)) {
        const next = chained({ ...r, prevHash: prev, ...(r.seq === K ? { actorName: '别人' } : {}) });
        await q(`update audit_log set actor_name = $1, prev_hash = $2, hash = $3 where seq = $4`, [next.actorName, next.prevHash, next.hash, r.seq]);
        prev = next.hash;
      }
    });
    expect(res.code).toBe(0);
  });
  // ---- with the head noted earlier (--anchor), the cut and the rewritten tail are found ----

  it('with --anchor: the last entry deleted is found, naming it', async () => {
    const res = await tamperAndVerify((q) => q(`delete from audit_log where seq = $1`, [N]).then(() => {}), true, ['--anchor', `${N}:${row(N).hash}`]);
    expect(res.code, res.stdout + res.stderr).toBe(1);
    expect(res.stdout).toMatch(new RegExp(`the chain breaks at entry ${N}: entries ${N}–${N} of the anchor noted earlier are gone`));
  });

  it('with --anchor: an entry changed and every later hash recomputed is found at the anchor', async () => {
    const res = await tamperAndVerify(
      async (q) => {
        let prev = row(K - 1).hash;
        for (const r of rows.slice(K - 1)) {
          const next = chained({ ...r, prevHash: prev, ...(r.seq === K ? { actorName: '别人' } : {}) });
          await q(`update audit_log set actor_name = $1, prev_hash = $2, hash = $3 where seq = $4`, [next.actorName, next.prevHash, next.hash, r.seq]);
          prev = next.hash;
        }
      },
      true,
      ['--anchor', `${N}:${row(N).hash}`],
    );
    expect(res.code, res.stdout + res.stderr).toBe(1);
    expect(res.stdout).toMatch(new RegExp(`the chain breaks at entry ${N}: hash differs from the anchor`));
  });

  it('with a malformed --anchor: exit 2 with the expected format', async () => {
    const res = await tamperAndVerify(async () => {}, true, ['--anchor', 'yesterday']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--anchor takes <seq>:<64 hex digits>/);
  });
});
