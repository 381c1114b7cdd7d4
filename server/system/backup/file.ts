/**
 * The backup file: gzip of JSON lines.
 *   line 1   the header (BackupHeader: format, version, migrations, every table with its columns, row count, SHA-256)
 *   then     every table's rows in header order, one JSON array per row (text forms; bytea as base64)
 *   last     {"end":true,"tables":N,"rows":M} — a file without it was cut short
 * Written to a temporary name beside the target and renamed once complete and read back, so a failed backup never
 * leaves a half file under the name asked for. Mode 0600: the file holds the signing keys.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, fsyncSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { checksumOf } from './catalog.ts';
import { type Backup, type BackupHeader, FORMAT, VERSION } from './dump.ts';
import { OperatorError } from './errors.ts';

export function* backupLines(b: Backup): Generator<string> {
  yield JSON.stringify(b.header) + '\n';
  let rows = 0;
  for (const t of b.header.tables) {
    // Many rows to one chunk: fewer, larger writes into gzip.
    const lines = b.rows.get(t.name)!;
    for (let i = 0; i < lines.length; i += 500) yield lines.slice(i, i + 500).join('\n') + '\n';
    rows += lines.length;
  }
  yield JSON.stringify({ end: true, tables: b.header.tables.length, rows }) + '\n';
}

/** The gzip byte stream of a backup (what the server sends to `npm run backup`). */
export function backupStream(b: Backup): Readable {
  return Readable.from(backupLines(b)).pipe(createGzip({ level: 6 }));
}

export type FileKind = 'minsheng' | 'pg_dump' | 'empty' | 'unknown';

/** What kind of file this is, from its first bytes: gzip (our format, checked further when read), pg_dump custom ('PGDMP'). */
export function detectKind(path: string): FileKind {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new OperatorError(`找不到文件 ${path}`, `No such file: ${path}`);
    if (code === 'EISDIR') throw new OperatorError(`${path} 是目录，不是备份文件`, `${path} is a directory, not a backup file`);
    throw new OperatorError(`无法读取 ${path}（${code}）`, `Cannot read ${path} (${code})`);
  }
  const buf = Buffer.alloc(5);
  let n = 0;
  try {
    n = readSync(fd, buf, 0, 5, 0);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new OperatorError(`${path} 是目录，不是备份文件`, `${path} is a directory, not a backup file`);
    throw e;
  } finally {
    closeSync(fd);
  }
  if (n === 0) return 'empty';
  if (n >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) return 'minsheng';
  if (n === 5 && buf.toString('latin1') === 'PGDMP') return 'pg_dump';
  return 'unknown';
}

const notOurs = (path: string) =>
  new OperatorError(`${path} 不是 Minsheng 备份文件（应由 npm run backup 生成）`, `${path} is not a Minsheng backup (make one with npm run backup)`);
const damaged = (path: string, why: string) =>
  new OperatorError(`备份文件 ${path} 已损坏或不完整（${why}），未做任何更改`, `The backup ${path} is damaged or incomplete (${why}); nothing was changed`);

/** The lines of a gzip file; a damaged or cut gzip stream throws from the loop. */
async function* linesOf(path: string): AsyncGenerator<string> {
  const gunzip = createGunzip();
  const source = createReadStream(path);
  source.on('error', (e) => gunzip.destroy(e));
  source.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for await (const chunk of gunzip) {
      rest += decoder.write(chunk as Buffer);
      const parts = rest.split('\n');
      rest = parts.pop()!;
      yield* parts;
    }
    rest += decoder.end();
    if (rest) yield rest;
  } finally {
    source.destroy();
    gunzip.destroy();
  }
}

/** Read and check a whole backup file: header, every row, the end line and each table's checksum. */
export async function readBackupFile(path: string): Promise<Backup> {
  const kind = detectKind(path);
  if (kind === 'empty') throw damaged(path, 'empty file / 空文件');
  if (kind === 'pg_dump')
    throw new OperatorError(
      `${path} 是 PostgreSQL 的 pg_dump 备份，只能在设置了 DATABASE_URL 时用 npm run restore 恢复到 PostgreSQL`,
      `${path} is a PostgreSQL pg_dump backup: restore it with DATABASE_URL set (npm run restore restores it into PostgreSQL)`,
    );
  if (kind !== 'minsheng') throw notOurs(path);
  let header: BackupHeader | null = null;
  const rows = new Map<string, string[]>();
  let table = 0;
  let end: { end: true; tables: number; rows: number } | null = null;
  let extra = false;
  try {
    for await (const line of linesOf(path)) {
      if (!header) {
        let h: unknown;
        try {
          h = JSON.parse(line);
        } catch {
          throw notOurs(path);
        }
        const hh = h as BackupHeader;
        if (!h || typeof h !== 'object' || hh.format !== FORMAT || !Array.isArray(hh.tables) || !Array.isArray(hh.migrations)) throw notOurs(path);
        const wellFormed = hh.tables.every(
          (t) => t && typeof t.name === 'string' && Array.isArray(t.columns) && t.columns.length > 0 && Number.isInteger(t.rows) && t.rows >= 0 && typeof t.sha256 === 'string',
        );
        if (!wellFormed || !Array.isArray(hh.sequences)) throw damaged(path, 'malformed header');
        if (typeof hh.version !== 'number' || hh.version > VERSION)
          throw new OperatorError(`此备份格式版本 ${hh.version} 来自更新的 Minsheng，请先升级`, `This backup (format version ${hh.version}) comes from a newer Minsheng; upgrade first`);
        header = hh;
        for (const t of header.tables) rows.set(t.name, []);
        continue;
      }
      if (end) {
        if (line.trim()) extra = true;
        continue;
      }
      while (table < header.tables.length && rows.get(header.tables[table].name)!.length >= header.tables[table].rows) table++;
      if (table >= header.tables.length) {
        try {
          end = JSON.parse(line);
        } catch {
          throw damaged(path, 'more rows than its header says');
        }
        if (!end || end.end !== true) throw damaged(path, 'more rows than its header says');
        continue;
      }
      const t = header.tables[table];
      let r: unknown;
      try {
        r = JSON.parse(line);
      } catch {
        throw damaged(path, `a row of ${t.name} is not JSON`);
      }
      if (!Array.isArray(r) || r.length !== t.columns.length) throw damaged(path, `a row of ${t.name} has ${Array.isArray(r) ? r.length : 'no'} columns, expected ${t.columns.length}`);
      rows.get(t.name)!.push(line);
    }
  } catch (e) {
    if (e instanceof OperatorError) throw e;
    throw damaged(path, (e as Error).message);
  }
  if (!header) throw notOurs(path);
  if (!end) throw damaged(path, 'cut short: the end line is missing');
  if (extra) throw damaged(path, 'data after the end line');
  for (const t of header.tables) {
    const lines = rows.get(t.name)!;
    if (lines.length !== t.rows) throw damaged(path, `${t.name}: ${lines.length} rows, header says ${t.rows}`);
    if (checksumOf(lines) !== t.sha256) throw damaged(path, `${t.name}: checksum differs from the header`);
  }
  return { header, rows };
}

/** A temporary name in the target's folder (so the rename is atomic), owner-only. */
export function tempBeside(path: string): string {
  const abs = resolve(path);
  return join(dirname(abs), `.${basename(abs)}.${process.pid}.${randomBytes(4).toString('hex')}.partial`);
}

/**
 * Write `source` to `path` through a temporary file: fsync, read it back with `check`, then rename. On any failure the
 * temporary file is removed and `path` is untouched.
 */
export async function saveAtomically(path: string, write: (tmp: string) => Promise<void>, check: (tmp: string) => Promise<void>): Promise<number> {
  const abs = resolve(path);
  try {
    if (statSync(abs).isDirectory()) throw new OperatorError(`${path} 是目录：请给出文件名`, `${path} is a directory: give a file name`);
  } catch (e) {
    if (e instanceof OperatorError) throw e;
  }
  try {
    statSync(dirname(abs));
  } catch {
    throw new OperatorError(`目录 ${dirname(abs)} 不存在`, `The folder ${dirname(abs)} does not exist`);
  }
  const tmp = tempBeside(abs);
  try {
    await write(tmp);
    const fd = openSync(tmp, 'r+');
    fsyncSync(fd);
    closeSync(fd);
    await check(tmp);
    renameSync(tmp, abs);
    return statSync(abs).size;
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export async function writeBackupFile(b: Backup, path: string): Promise<number> {
  return saveAtomically(
    path,
    (tmp) => pipeline(backupStream(b), createWriteStream(tmp, { mode: 0o600, flags: 'wx' })),
    async (tmp) => {
      await readBackupFile(tmp);
    },
  );
}
