/** What the three commands share: the environment, the data dir's lock, running pg_dump/pg_restore, error output. */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { takeDataDirLock } from '../../start.ts';
import { ConfigError, parseConfig, type Config } from '../config.ts';
import { maskUrl, OperatorError } from './errors.ts';

/** The server's own settings (server/system/config.ts), read the same way: a wrong value is the same one clear line. */
export const env = (): Config => parseConfig();

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of a live server holding DATA_DIR/server.lock, or null. */
export function runningServer(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(join(dataDir, 'server.lock'), 'utf8'));
    return pid && pid !== process.pid && isAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** Take the data dir's lock as the server does; a running server is an OperatorError with `hint`. */
export function lockDataDir(dataDir: string, hint: { zh: string; en: string }): () => void {
  const pid = runningServer(dataDir);
  if (pid) throw new OperatorError(`服务器（进程 ${pid}）正在使用数据目录 ${dataDir}：${hint.zh}`, `The server (process ${pid}) is using the data directory ${dataDir}: ${hint.en}`);
  try {
    return takeDataDirLock(dataDir);
  } catch (e) {
    throw new OperatorError(`无法锁定数据目录 ${dataDir}`, (e as Error).message);
  }
}

/** Stands for the connection string (without its password) in runPgTool's arguments. */
export const URL_ARG = '\u0000url';

/**
 * A PostgreSQL tool, with the password kept out of the command line (PGPASSWORD) and out of what is printed.
 * Prints the exact command first, and how to run it by hand.
 */
export async function runPgTool(tool: 'pg_dump' | 'pg_restore', args: string[], url: string, what: { zh: string; en: string }, shownArgs = args): Promise<void> {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  const plainUrl = u.toString();
  const withUrl = (xs: string[]) => xs.map((a) => (a === URL_ARG ? plainUrl : a));
  const shown = [tool, ...withUrl(shownArgs)].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
  const prefix = password ? 'PGPASSWORD=*** ' : '';
  console.log(`${what.zh}，运行 / ${what.en}, running:\n  ${prefix}${shown}`);
  console.log(`  （手工运行时用同一条命令${password ? '，把 *** 换成数据库密码' : ''}${shownArgs !== args ? '；本命令先写入临时文件，成功后才改名' : ''} / to do it by hand, run the same command${password ? ' with the database password in place of ***' : ''}${shownArgs !== args ? '; this command writes a temporary file first and renames it once complete' : ''}）`);
  const stderr: string[] = [];
  const code = await new Promise<number>((res, rej) => {
    const child = spawn(tool, withUrl(args), { env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) }, stdio: ['ignore', 'inherit', 'pipe'] });
    child.stderr!.on('data', (d: Buffer) => {
      stderr.push(d.toString());
      process.stderr.write(d);
    });
    child.on('error', (e) => {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT')
        rej(new OperatorError(`找不到 ${tool}：请安装 PostgreSQL 客户端（版本不低于数据库服务器）`, `${tool} not found: install the PostgreSQL client tools (the server's major version or newer)`));
      else rej(e);
    });
    child.on('close', (c) => res(c ?? 1));
  });
  if (code !== 0) {
    const raw = stderr.join('').trim().split('\n').filter(Boolean).pop() ?? `exit code ${code}`;
    const last = password ? raw.split(password).join('***') : raw;
    throw new OperatorError(`${tool} 失败（${last}）`, `${tool} failed (${last})`);
  }
}

/** Run a command's main: an OperatorError is one line and exit 1; anything else one line and exit 2 (stack with DEBUG=1). */
export function runCli(main: () => Promise<void | number>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (e) => {
      if (e instanceof ConfigError) {
        console.error(e.message);
        process.exit(1);
      }
      if (e instanceof OperatorError) {
        console.error(`错误 / Error: ${e.zh}\n  ${e.en}`);
        process.exit(1);
      }
      console.error(`意外错误 / Unexpected error: ${e instanceof Error ? e.message : String(e)}`);
      if (process.env.DEBUG) console.error(e);
      process.exit(2);
    },
  );
}

/** Connect errors of postgres.js as an operator message (the server is down, the database does not exist…). */
export function connectError(e: unknown, url: string): OperatorError | null {
  const err = e as { code?: string; message?: string };
  const m = maskUrl(url);
  if (err?.code === 'ECONNREFUSED' || err?.code === 'ENOTFOUND' || err?.code === 'EAI_AGAIN' || err?.code === 'ETIMEDOUT' || err?.code === 'CONNECT_TIMEOUT')
    return new OperatorError(`连接不上 PostgreSQL（${m}：${err.code}）`, `Cannot reach PostgreSQL at ${m} (${err.code})`);
  if (err?.code === '3D000') return new OperatorError(`数据库不存在（${m}）：请先用 createdb 建立`, `The database does not exist (${m}): create it first (createdb)`);
  if (err?.code === '28P01' || err?.code === '28000') return new OperatorError(`PostgreSQL 拒绝登录（${m}）：检查用户名和密码`, `PostgreSQL refused the login (${m}): check the user and password`);
  return null;
}
