/**
 * npm run export-session -- --session <id> [--out file.json] [--data ./data]
 * The hall in a box (SPEC §16): on the township's laptop, after the session, write the session's signed package — the
 * published bulletins and results, the scrutineers' sign-offs, the audit chain to its head, the public key — for the
 * county to file. Reads the PGlite data in --data (or DATA_DIR, default ./data; the server must be stopped: an
 * embedded database serves one process) or PostgreSQL by DATABASE_URL. Prints the key's fingerprint: write it on the
 * paper receipt that goes to the county with the file.
 * Exit 0 when written; 1 when the session cannot be exported yet (a vote open, a result unpublished, nothing to export,
 * no such session); 2 when the command cannot run (arguments, a locked data dir, a file that cannot be written).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { errorMessage } from '../../shared/errors.ts';
import { groupedFingerprint } from '../../shared/hallbox/format.ts';
import { buildPackage } from '../hallbox/package.ts';
import { AppError } from '../lib/errors.ts';
import { CommandError, runCommand, withDatabase } from './command.ts';

const USAGE =
  '用法 / usage: npm run export-session -- --session <会议编号 session id> [--out 文件 file.json] [--data ./data]\n' +
  '  数据库：--data 指定的 PGlite 数据目录（默认 ./data，须先停止服务器），或环境变量 DATABASE_URL / the PGlite data dir (stop the server first) or DATABASE_URL';

function argOf(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (!v || v.startsWith('--')) throw new CommandError(`${name} 缺少取值 / ${name} needs a value\n${USAGE}`);
  return v;
}

export async function exportSession(args: string[], out: (line: string) => void = console.log): Promise<number> {
  const known = new Set(['--session', '--out', '--data']);
  const rest = args.filter((a) => a !== '--');
  for (let i = 0; i < rest.length; i += 2) if (!known.has(rest[i])) throw new CommandError(`不认识的参数 / unknown argument: ${rest[i]}\n${USAGE}`);
  const sessionId = argOf(rest, '--session');
  if (!sessionId) throw new CommandError(`请用 --session 指定会议 / name the session with --session\n${USAGE}`);
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) throw new CommandError(`会议编号应为 UUID / the session id is a UUID: ${sessionId}`);
  const data = argOf(rest, '--data');
  if (data) process.env.DATA_DIR = data;
  return withDatabase(async (database) => {
    let built;
    try {
      built = await buildPackage(database.db, sessionId);
    } catch (e) {
      if (e instanceof AppError) {
        out(`REFUSED: ${errorMessage(e.code, 'zh-CN', e.params)}\n         ${errorMessage(e.code, 'en', e.params)}`);
        return 1;
      }
      throw e;
    }
    const { pkg, fingerprint } = built;
    const file = resolve(argOf(rest, '--out') ?? `session-${pkg.content.session.date}-${sessionId.slice(0, 8)}.json`);
    try {
      writeFileSync(file, JSON.stringify(pkg));
    } catch (e) {
      throw new CommandError(`无法写入 / cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const head = pkg.content.audit.head;
    out(`OK: 会场数据包已写入 / session package written: ${file}`);
    out(`  ${pkg.content.congress.name} · ${pkg.content.session.name} (${pkg.content.session.date}) · ${pkg.content.votes.length} 项表决 / votes`);
    out(`  审计日志末条 / audit head: ${head.seq}:${head.hash}`);
    out(`密钥指纹 / key fingerprint (请抄在回执上交县人大 / write it on the receipt for the county):`);
    out(`  ${groupedFingerprint(fingerprint)}`);
    return 0;
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) runCommand('export-session', () => exportSession(process.argv.slice(2)));
