/**
 * npm run audit:verify — walk the audit log's hash chain and name the first broken entry.
 * Uses DATABASE_URL (PostgreSQL) or the PGlite data in DATA_DIR (default ./data; stop the server first, since an
 * embedded database serves one process). Exit 0 when the chain holds, 1 when it is broken, 2 when it cannot run.
 */
import { join, resolve } from 'node:path';
import { openDatabase } from '../db/client.ts';
import { verifyAuditChain } from '../lib/audit.ts';
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
  const database = await openDatabase(url ? { url, max: 1 } : { dataDir: join(dataDir, 'pg') });
  try {
    const report = await verifyAuditChain(database.db);
    if (report.ok) {
      console.log(`OK: 审计日志完整 / audit chain intact — ${report.checked} entries checked`);
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
