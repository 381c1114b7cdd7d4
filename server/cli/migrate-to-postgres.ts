/**
 * npm run migrate-to-postgres -- <DATABASE_URL>
 * Copy an embedded (PGlite) deployment in DATA_DIR into an empty PostgreSQL database: a consistent dump taken in this
 * process, loaded in one transaction (see server/system/backup/load.ts), then every table's row count and checksum
 * compared between the two and the audit chain checked on PostgreSQL. The server must be stopped (the copy must not
 * miss ballots cast meanwhile). Says what to change in the configuration afterwards. Exit 0 done, 1 refused or failed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Database, openDatabase } from '../db/client.ts';
import { verifyAuditChain } from '../lib/audit.ts';
import { auditHead, takeDump, tableChecksums, totalRows } from '../system/backup/dump.ts';
import { checkPostgresUrl, maskUrl, OperatorError } from '../system/backup/errors.ts';
import { loadBackup, notEmptyError, targetContents } from '../system/backup/load.ts';
import { connectError, env, lockDataDir, runCli } from '../system/backup/process.ts';

const USAGE = new OperatorError('用法：npm run migrate-to-postgres -- <DATABASE_URL>', 'usage: npm run migrate-to-postgres -- <DATABASE_URL>   (e.g. postgres://minsheng:secret@127.0.0.1:5432/minsheng)');

runCli(async () => {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args.length !== 1 || args[0].startsWith('-')) throw USAGE;
  const url = checkPostgresUrl(args[0], { zh: '目标连接串', en: 'The target URL' });
  const { dataDir, databaseUrl } = env();
  if (databaseUrl) console.log('注意：已设置 DATABASE_URL，但迁移的来源始终是 DATA_DIR 中的内嵌数据库 / Note: DATABASE_URL is set, but the source is always the embedded database in DATA_DIR');
  if (!existsSync(join(dataDir, 'pg', 'PG_VERSION')))
    throw new OperatorError(`${dataDir} 中没有内嵌数据库（DATA_DIR 是否正确？）`, `There is no embedded database in ${dataDir} (is DATA_DIR right?)`);
  const unlock = lockDataDir(dataDir, {
    zh: '请先停止服务器，以免迁移时漏掉新投的票。（不停机的办法：npm run backup 备份，再设置 DATABASE_URL 运行 npm run restore，得到备份时刻的数据）',
    en: 'stop the server first, so that no ballot cast meanwhile is left behind. (Without stopping: npm run backup, then npm run restore with DATABASE_URL set — the data as of the backup)',
  });
  let target: Database | null = null;
  try {
    const source = await openDatabase({ dataDir: join(dataDir, 'pg') });
    const dump = await takeDump(source).finally(() => source.close());
    console.log(`已读取 / Read ${dataDir}: ${dump.header.tables.length} tables, ${totalRows(dump.header)} rows`);

    target = await openDatabase({ url, max: 2 });
    try {
      await target.query('select 1');
    } catch (e) {
      throw connectError(e, url) ?? e;
    }
    const filled = await targetContents(target);
    if (filled.length) {
      const e = notEmptyError(maskUrl(url), filled);
      throw new OperatorError(e.zh.replace(/确要.*$/, '迁移只写入空数据库：请新建一个（createdb）'), e.en.replace(/To replace.*$/, 'Migration writes only into an empty database: create a new one (createdb)'));
    }
    const report = await loadBackup(target, dump, { where: maskUrl(url) });

    // Compare again from outside the load's transaction: what PostgreSQL now holds against what PGlite held.
    const mismatches: string[] = [];
    if (!report.migrationsAppliedAfter) {
      const sums = await tableChecksums(target);
      for (const t of dump.header.tables) {
        const got = sums.get(t.name);
        if (!got || got.rows !== t.rows || got.sha256 !== t.sha256) mismatches.push(`${t.name} (${got?.rows ?? 0} / ${t.rows})`);
      }
    }
    if (mismatches.length) throw new OperatorError(`PostgreSQL 中的数据与来源不一致：${mismatches.join(', ')}`, `The data in PostgreSQL differs from the source: ${mismatches.join(', ')}`);
    const chain = await verifyAuditChain(target.db);
    if (!chain.ok) throw new OperatorError(`PostgreSQL 上的审计日志在第 ${chain.firstBroken!.seq} 条处断裂`, `The audit chain on PostgreSQL breaks at entry ${chain.firstBroken!.seq}: ${chain.firstBroken!.reason}`);
    const head = auditHead(dump);
    const keys = dump.header.tables.find((t) => t.name === 'signing_keys')?.rows ?? 0;

    console.log(`迁移完成 / Migrated into ${maskUrl(url)}`);
    console.log(`  ${dump.header.tables.length} 个表、${totalRows(dump.header)} 行：每个表的行数和校验和（SHA-256）与 PGlite 一致 / ${dump.header.tables.length} tables, ${totalRows(dump.header)} rows: every table's row count and SHA-256 checksum equal PGlite's`);
    console.log(`  审计日志完整 / audit chain intact on PostgreSQL: ${chain.checked} entries, head ${chain.head ? `${chain.head.seq}:${chain.head.hash}` : '(empty)'}${head && chain.head?.hash === head.hash ? ' (= PGlite)' : ''}`);
    console.log('');
    console.log('接下来 / Next:');
    console.log(`  1. 在服务器的环境（服务配置、.env）中设置 / set in the server's environment (service unit, .env):`);
    console.log(`       DATABASE_URL=${maskUrl(url)}${new URL(url).password ? '   （*** 处填密码 / the password in place of ***）' : ''}`);
    console.log('     然后重启 npm start；设置了 DATABASE_URL 后 DATA_DIR 不再使用 / then restart (npm start); with DATABASE_URL set, DATA_DIR is no longer used.');
    console.log(`  2. 签名密钥保存在数据库的 signing_keys 表中，已随数据迁移（${keys} 个）：已印的票卡和测评码在 PostgreSQL 上照样有效，无需另行复制 / The signing keys live in the signing_keys table and moved with the data (${keys}): printed cards and codes stay valid; nothing else to copy.`);
    console.log(`  3. 保留旧的数据目录 ${dataDir} 作为备份，确认无误后再删除；不要再用它启动服务器，否则两边数据会分叉 / Keep the old data directory as a backup until satisfied; do not start a server on it again, or the two would drift apart.`);
    console.log('  4. 今后的备份：设置 DATABASE_URL 后 npm run backup 会调用 pg_dump / From now on, npm run backup (with DATABASE_URL set) runs pg_dump.');
    for (const w of report.warnings) console.log(`  注意 / note: ${w}`);
  } finally {
    await target?.close().catch(() => {});
    unlock();
  }
});
