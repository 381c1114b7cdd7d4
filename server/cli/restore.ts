/**
 * npm run restore -- <file> [--force]
 * A Minsheng backup (npm run backup on PGlite) into DATA_DIR — or, with DATABASE_URL set, into PostgreSQL (the same
 * logical load as migrate-to-postgres). A pg_dump file (npm run backup on PostgreSQL) into DATABASE_URL through
 * pg_restore. The target must be empty unless --force is given; then its data is replaced, in one transaction.
 * The server must be stopped for a PGlite restore. Exit 0 done, 1 refused or failed (nothing changed), 2 unexpected.
 */
import { join, resolve } from 'node:path';
import { type Database, openDatabase } from '../db/client.ts';
import { verifyAuditChain } from '../lib/audit.ts';
import { tableChecksums } from '../system/backup/dump.ts';
import { checkPostgresUrl, maskUrl, OperatorError } from '../system/backup/errors.ts';
import { detectKind, readBackupFile } from '../system/backup/file.ts';
import { loadBackup, migrationsFor, targetContents } from '../system/backup/load.ts';
import { connectError, env, lockDataDir, runCli, runPgTool, URL_ARG } from '../system/backup/process.ts';
import { printLoad } from '../system/backup/report.ts';

const USAGE = new OperatorError('用法：npm run restore -- <备份文件> [--force]', 'usage: npm run restore -- <backup file> [--force]');

async function openPostgres(url: string): Promise<Database> {
  const database = await openDatabase({ url, max: 2 });
  try {
    await database.query('select 1');
    return database;
  } catch (e) {
    await database.close().catch(() => {});
    throw connectError(e, url) ?? e;
  }
}

async function restorePgDump(file: string, url: string, force: boolean) {
  const database = await openPostgres(url);
  try {
    const [{ tables, drizzle }] = await database.query<{ tables: number; drizzle: boolean }>(
      `select (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r','p')) as tables,
              to_regnamespace('drizzle') is not null as drizzle`,
    );
    if ((tables || drizzle) && !force) {
      const filled = await targetContents(database);
      const rows = filled.reduce((s, x) => s + x.rows, 0);
      throw new OperatorError(
        `目标数据库 ${maskUrl(url)} 不是空的（public 中有 ${tables} 个表，共 ${rows} 行）。未做任何更改。请恢复到新建的空数据库（createdb），或加 --force 以备份替换其中的对象`,
        `The target database ${maskUrl(url)} is not empty (${tables} tables in public, ${rows} rows). Nothing was changed. Restore into a new empty database (createdb), or add --force to replace its objects with the backup's`,
      );
    }
    if (tables || drizzle) console.log(`--force：将先删除备份中含有的对象再恢复（pg_restore --clean）/ --force: the backup's objects are dropped first, then restored (pg_restore --clean)`);
  } finally {
    await database.close();
  }
  const args = ['--no-owner', '--exit-on-error', '--single-transaction', ...(force ? ['--clean', '--if-exists'] : []), '--dbname', URL_ARG, resolve(file)];
  await runPgTool('pg_restore', args, url, { zh: '恢复到 PostgreSQL 数据库（DATABASE_URL）', en: 'Restoring into the PostgreSQL database (DATABASE_URL)' });
  const after = await openPostgres(url);
  try {
    const sums = await tableChecksums(after);
    const chain = await verifyAuditChain(after.db);
    const rows = [...sums.values()].reduce((s, x) => s + x.rows, 0);
    console.log(`恢复完成 / Restored into ${maskUrl(url)}: 表 / tables ${sums.size}, 行 / rows ${rows}`);
    if (!chain.ok) throw new OperatorError(`恢复后审计日志在第 ${chain.firstBroken!.seq} 条处断裂（${chain.firstBroken!.reason}）`, `After the restore the audit chain breaks at entry ${chain.firstBroken!.seq} (${chain.firstBroken!.reason})`);
    console.log(`  审计日志完整 / audit chain intact: ${chain.checked} entries, head ${chain.head ? `${chain.head.seq}:${chain.head.hash}` : '(empty)'}`);
  } finally {
    await after.close();
  }
}

runCli(async () => {
  const raw = process.argv.slice(2).filter((a) => a !== '--');
  const force = raw.includes('--force');
  const args = raw.filter((a) => a !== '--force');
  if (args.length !== 1 || args[0].startsWith('-')) throw USAGE;
  const [file] = args;
  const { databaseUrl, dataDir } = env();
  const kind = detectKind(file);
  if (databaseUrl) {
    const url = checkPostgresUrl(databaseUrl);
    if (kind === 'pg_dump') return restorePgDump(file, url, force);
    const backup = await readBackupFile(file); // the whole file is checked before anything is touched
    migrationsFor(backup);
    console.log(
      `这是内嵌数据库（PGlite）的 Minsheng 备份；因设置了 DATABASE_URL，将逐表载入 PostgreSQL（与 npm run migrate-to-postgres 相同）\n` +
        `This is a Minsheng backup of an embedded (PGlite) deployment; with DATABASE_URL set it is loaded table by table into PostgreSQL (as npm run migrate-to-postgres does)`,
    );
    const database = await openPostgres(url);
    try {
      printLoad(await loadBackup(database, backup, { force, where: maskUrl(url) }), maskUrl(url));
    } finally {
      await database.close();
    }
    return;
  }
  if (kind === 'pg_dump')
    throw new OperatorError(
      `${file} 是 PostgreSQL 部署的 pg_dump 备份：要恢复它请设置 DATABASE_URL；内嵌数据库只能恢复 npm run backup 在 PGlite 上生成的文件`,
      `${file} is a pg_dump backup of a PostgreSQL deployment: set DATABASE_URL to restore it there; the embedded database restores only files made by npm run backup on PGlite`,
    );
  const backup = await readBackupFile(file);
  migrationsFor(backup); // a backup from a newer version is refused before the data dir is touched
  const unlock = lockDataDir(dataDir, { zh: '请先停止服务器：恢复会替换它的数据', en: 'stop the server first: a restore replaces its data' });
  try {
    const database = await openDatabase({ dataDir: join(dataDir, 'pg') });
    try {
      printLoad(await loadBackup(database, backup, { force, where: dataDir }), dataDir);
    } finally {
      await database.close();
    }
  } finally {
    unlock();
  }
  console.log(`  现在可以启动服务器 / The server can be started now: DATA_DIR=${dataDir} npm start   (检查 / check: npm run audit:verify)`);
});

