/**
 * npm run audit:verify — walk the audit log's hash chain and name the first broken entry.
 * Uses DATABASE_URL (PostgreSQL) or the PGlite data in DATA_DIR (default ./data; stop the server first, since an
 * embedded database serves one process). Exit 0 when the chain holds, 1 when it is broken, 2 when it cannot run.
 */
import { type Anchor, verifyAuditChain } from '../lib/audit.ts';
import { CommandError, runCommand, withDatabase } from './command.ts';

/** --anchor <seq>:<hash>: the head an earlier run printed, kept outside the database (on paper, in the office's
 * records): the chain must still hold that entry with that hash, so a cut or rewritten tail is found too. */
function anchorArg(): Anchor | undefined {
  const i = process.argv.indexOf('--anchor');
  if (i < 0) return undefined;
  const m = /^(\d+):([0-9a-f]{64})$/.exec(process.argv[i + 1] ?? '');
  if (!m) throw new CommandError('--anchor 的格式是 <序号>:<64 位十六进制哈希> / --anchor takes <seq>:<64 hex digits>, as printed by an earlier run');
  return { seq: Number(m[1]), hash: m[2] };
}

runCommand('audit:verify', async () => {
  const anchor = anchorArg();
  return withDatabase(async (database) => {
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
  });
});
