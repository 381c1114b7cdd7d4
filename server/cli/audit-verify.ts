/**
 * npm run audit:verify — walk the audit log's hash chain and name the first broken entry.
 * Uses DATABASE_URL (PostgreSQL) or the PGlite data in DATA_DIR (default ./data; stop the server first, since an
 * embedded database serves one process). Exit 0 when the chain holds, 1 when it is broken, 2 when it cannot run.
 */
import { join, resolve } from 'node:path';
import { openDatabase } from '../db/client.ts';
import { type Anchor, verifyAuditChain } from '../lib/audit.ts';
import { takeDataDirLock } from '../start.ts';

async function main() {
  const url = process.env.DATABASE_URL || undefined;
  const dataDir = resolve(process.env.DATA_DIR ?? './data');
  let unlock = () => {};
  if (!url) {
    try {
      unlock = takeDataDirLock(dataDir);
    } catch (e) {
      console.error((e as Error).message);
      process.exit(2);
    }
  }
  // --anchor <seq>:<hash>: the head an earlier run printed, kept outside the database (on paper, in the office's
  // records): the chain must still hold that entry with that hash, so a cut or rewritten tail is found too.
  const i = process.argv.indexOf('--anchor');
  let anchor: Anchor | undefined;
  if (i >= 0) {
    const m = /^(\d+):([0-9a-f]{64})$/.exec(process.argv[i + 1] ?? '');
    if (!m) {
      console.error('--anchor 的格式是 <序号>:<64 位十六进制哈希> / --anchor takes <seq>:<64 hex digits>, as printed by an earlier run');
      unlock();
      return 2;
    }
    anchor = { seq: Number(m[1]), hash: m[2] };
  }
  const database = await openDatabase(url ? { url, max: 1 } : { dataDir: join(dataDir, 'pg') });
  try {
    const report = await verifyAuditChain(database.db, 2000, anchor);
    if (report.ok) {
      console.log(`OK: 审计日志完整 / audit chain intact — ${report.checked} entries checked${anchor ? `, anchor ${anchor.seq} holds` : ''}`);
      if (report.head)
        console.log(`head: ${report.head.seq}:${report.head.hash}\n  记下这一行，日后用 npm run audit:verify -- --anchor ${report.head.seq}:${report.head.hash} 核对 / note it; a later run with --anchor proves nothing up to it was cut or rewritten`);
      return 0;
    }
    const b = report.firstBroken!;
    console.log(`BROKEN: 审计日志在第 ${b.seq} 条处断裂 / the chain breaks at entry ${b.seq}: ${b.reason} (${report.checked} entries before it hold)`);
    return 1;
  } finally {
    await database.close();
    unlock();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`audit:verify could not run: ${e instanceof Error ? e.message : e}`);
    process.exit(2);
  },
);
