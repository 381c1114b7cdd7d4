/**
 * npm run backup -- <file>
 * PGlite (no DATABASE_URL): a consistent logical dump of the whole database (see server/system/backup/file.ts). While
 * the server runs it takes the dump itself — voting goes on; casts wait a moment at most — asked over its control route
 * with the token in DATA_DIR/control.token; when no server runs, this command opens DATA_DIR itself.
 * PostgreSQL (DATABASE_URL set): runs pg_dump --format=custom, and prints the command.
 * The file appears under its name only once complete and read back. Exit 0 done, 1 refused or failed, 2 unexpected.
 */
import { chmodSync, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebStream } from 'node:stream/web';
import { openDatabase } from '../db/client.ts';
import { BACKUP_PATH, CONTROL_HEADER, CONTROL_TOKEN_FILE, readControlFile } from '../system/backup/control.ts';
import { auditHead, takeDump, totalRows, type Backup } from '../system/backup/dump.ts';
import { checkPostgresUrl, OperatorError } from '../system/backup/errors.ts';
import { detectKind, readBackupFile, saveAtomically, writeBackupFile } from '../system/backup/file.ts';
import { env, lockDataDir, runCli, runningServer, runPgTool, URL_ARG } from '../system/backup/process.ts';

const USAGE = new OperatorError('用法：npm run backup -- <备份文件>', 'usage: npm run backup -- <backup file>');
const mb = (n: number) => (n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

function summary(file: string, size: number, b: Backup, how: string) {
  const head = auditHead(b);
  console.log(`备份完成 / Backup written: ${resolve(file)} (${mb(size)})`);
  console.log(`  ${how}`);
  console.log(`  表 / tables: ${b.header.tables.length}, 行 / rows: ${totalRows(b.header)}, 迁移 / migrations: ${b.header.migrations.length}`);
  console.log(`  审计日志头 / audit head: ${head ? `${head.seq}:${head.hash}` : '(empty)'}`);
  console.log('  此文件含全部数据和签名私钥，请像保管服务器一样保管 / The file holds all data and the signing keys: keep it as safe as the server.');
}

async function fromServer(file: string, dataDir: string, portFromEnv: number, listenHost: string, pid: number) {
  let port = portFromEnv;
  let token: string;
  let loopback: { host: string; port: number } | undefined;
  try {
    const control = readControlFile(readFileSync(join(dataDir, CONTROL_TOKEN_FILE), 'utf8'));
    if (!control) throw new Error('unreadable');
    token = control.token;
    // The port the server wrote once it listened is the truth; PORT (or the default) only for an older server's file.
    if (control.port) port = control.port;
    // This version serves the route on a loopback listener of its own, written beside the token.
    loopback = control.control;
  } catch {
    throw new OperatorError(
      `服务器（进程 ${pid}）正在运行，但数据目录中没有 ${CONTROL_TOKEN_FILE}：请重启服务器（新版本会写入它）后再备份`,
      `The server (process ${pid}) is running but ${CONTROL_TOKEN_FILE} is missing from the data directory: restart the server (this version writes it) and try again`,
    );
  }
  const host = loopback?.host ?? (!['0.0.0.0', '::', ''].includes(listenHost) ? listenHost : '127.0.0.1');
  if (loopback) port = loopback.port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}${BACKUP_PATH}`;
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { [CONTROL_HEADER]: token } });
  } catch {
    throw new OperatorError(
      `服务器（进程 ${pid}）在 ${host}:${port} 上没有应答：请用与服务器相同的 PORT 运行本命令`,
      `The server (process ${pid}) does not answer on ${host}:${port}: run this command with the same PORT as the server`,
    );
  }
  if (res.status === 403) throw new OperatorError('服务器拒绝了控制令牌（服务器是否刚重启？请重试）', 'The server refused the control token (did it just restart? try again)');
  if (res.status === 404)
    throw new OperatorError(`${host}:${port} 上的服务器不提供备份（可能是另一个程序或在 PostgreSQL 上运行）`, `The server on ${host}:${port} does not offer backups (another program, or it runs on PostgreSQL)`);
  if (!res.ok || !res.body) throw new OperatorError(`服务器备份失败（HTTP ${res.status}）`, `The server could not take the backup (HTTP ${res.status}): ${(await res.text()).slice(0, 300)}`);
  let backup: Backup | null = null;
  const size = await saveAtomically(
    file,
    (tmp) => pipeline(Readable.fromWeb(res.body as unknown as WebStream), createWriteStream(tmp, { mode: 0o600, flags: 'wx' })),
    async (tmp) => {
      backup = await readBackupFile(tmp);
    },
  );
  summary(file, size, backup!, `由运行中的服务器（进程 ${pid}）在投票继续时生成 / taken by the running server (process ${pid}) without stopping it`);
}

async function direct(file: string, dataDir: string) {
  if (!existsSync(join(dataDir, 'pg', 'PG_VERSION')))
    throw new OperatorError(`${dataDir} 中没有数据库（DATA_DIR 是否正确？）`, `There is no database in ${dataDir} (is DATA_DIR right?)`);
  const unlock = lockDataDir(dataDir, { zh: '请稍后重试', en: 'try again in a moment' });
  try {
    const database = await openDatabase({ dataDir: join(dataDir, 'pg') });
    let backup: Backup;
    try {
      backup = await takeDump(database);
    } finally {
      await database.close();
    }
    const size = await writeBackupFile(backup, file);
    summary(file, size, backup, `服务器未运行，直接读取数据目录 ${dataDir} / no server running: read the data directory ${dataDir} directly`);
  } finally {
    unlock();
  }
}

async function postgresDump(file: string, url: string) {
  const size = await saveAtomically(
    file,
    async (tmp) => {
      await runPgTool('pg_dump', ['--format=custom', '--no-owner', '--file', tmp, URL_ARG], url, { zh: '备份 PostgreSQL 数据库（DATABASE_URL）', en: 'Backing up the PostgreSQL database (DATABASE_URL)' }, ['--format=custom', '--no-owner', '--file', resolve(file), URL_ARG]);
      chmodSync(tmp, 0o600);
    },
    async (tmp) => {
      if (detectKind(tmp) !== 'pg_dump') throw new OperatorError('pg_dump 没有写出完整的文件', 'pg_dump did not write a complete file');
    },
  );
  console.log(`备份完成 / Backup written: ${resolve(file)} (${mb(size)}, pg_dump custom format)`);
  console.log(`  恢复 / restore: DATABASE_URL=… npm run restore -- ${file}   （或 / or: pg_restore --no-owner --exit-on-error --single-transaction --dbname <url> ${file}）`);
  console.log('  此文件含全部数据和签名私钥，请像保管服务器一样保管 / The file holds all data and the signing keys: keep it as safe as the server.');
}

runCli(async () => {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args.length !== 1 || args[0].startsWith('-')) throw USAGE;
  const [file] = args;
  const { databaseUrl, dataDir, port, host } = env();
  if (databaseUrl) return postgresDump(file, checkPostgresUrl(databaseUrl));
  const pid = runningServer(dataDir);
  if (pid) return fromServer(file, dataDir, port, host, pid);
  return direct(file, dataDir);
});
