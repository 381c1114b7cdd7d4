import type { LoadReport } from './load.ts';
import { describeContents } from './load.ts';

export function printLoad(r: LoadReport, where: string) {
  if (r.replaced.length) console.log(`已替换原有数据 / Replaced the previous data: ${describeContents(r.replaced)}`);
  console.log(`恢复完成 / Restored into ${where}`);
  console.log(`  表 / tables: ${r.tables}, 行 / rows: ${r.rows} — 每个表的行数和校验和都与备份一致 / every table's row count and checksum match the backup`);
  console.log(`  审计日志完整 / audit chain intact: ${r.auditEntries} entries, head ${r.auditHead ? `${r.auditHead.seq}:${r.auditHead.hash}` : '(empty)'}`);
  console.log(`  迁移 / migrations: ${r.migrationsFromBackup} from the backup${r.migrationsAppliedAfter ? `, then ${r.migrationsAppliedAfter} newer ones of this version applied` : ''}`);
  for (const w of r.warnings) console.log(`  注意 / note: ${w}`);
}
