/**
 * npm run verify -- bulletin.json result.json
 * Recount a published vote from its two files, offline (no server, no database), with the same pure tally the server
 * uses, and recheck both digests. Prints MATCH and exits 0 when every figure agrees; names each difference and exits 1
 * otherwise; exits 2 with a message when a file is missing or malformed.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { AnyResult } from '../../shared/tally/format.ts';
import { resultQuestions } from '../../shared/tally/sitting.ts';
import { verifyFiles } from '../../shared/tally/verify.ts';

const USAGE = 'usage: npm run verify -- bulletin.json result.json\n用法：npm run verify -- bulletin.json result.json';

export async function runVerify(args: string[], out: (line: string) => void = console.log, err: (line: string) => void = console.error): Promise<0 | 1 | 2> {
  const files = args.filter((a) => a !== '--');
  if (files.length !== 2) {
    err(USAGE);
    return 2;
  }
  const texts: string[] = [];
  for (const f of files) {
    try {
      texts.push(readFileSync(f, 'utf8'));
    } catch (e) {
      err(`cannot read ${f}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message} / 无法读取文件 ${f}`);
      return 2;
    }
  }
  // Either order is accepted: the files say what they are.
  let [bulletin, result] = texts;
  if (/"format"\s*:\s*"minsheng-result\/[12]"/.test(bulletin) && /"format"\s*:\s*"minsheng-bulletin\/[12]"/.test(result)) [bulletin, result] = [result, bulletin];
  const verdict = await verifyFiles(bulletin, result);
  if (verdict.kind === 'malformed') {
    err(`MALFORMED: ${verdict.message}`);
    err('文件格式不正确：请使用从平台下载的 bulletin.json 与 result.json 原文件。');
    return 2;
  }
  if (verdict.kind === 'mismatch') {
    out(`MISMATCH — ${verdict.differences.length} difference(s) / 复核不一致：`);
    for (const d of verdict.differences) out(`  - ${d}`);
    return 1;
  }
  out('MATCH');
  out('复核一致：重新计票的每一项数字与公布结果相同，两个摘要均已核对。 / The recount agrees with every published figure; both digests checked.');
  // A card with several questions: each question's outcome, as recounted (the files agree, so either says it).
  const r = resultQuestions(JSON.parse(result) as AnyResult);
  if (r.questions.length > 1) {
    for (const [i, q] of r.questions.entries()) {
      const outcome = q.kind === 'motion' ? (q.passed ? 'passed / 通过' : 'not passed / 未通过') : `elected / 当选 ${q.elected.length}${q.tied.length ? `, tied / 票数相同 ${q.tied.length}` : ''}`;
      out(`  ${i + 1}. ${q.kind === 'motion' ? 'motion / 议题' : 'projects / 项目'} ${q.id}: valid / 有效 ${q.valid}, invalid / 无效 ${q.invalid}, threshold / 票数线 ${q.threshold} — ${outcome}`);
    }
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exit(await runVerify(process.argv.slice(2)));
