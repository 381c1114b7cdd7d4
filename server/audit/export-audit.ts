/** The audit log as CSV, in the reader's language: the same words and names as the page, behind the formula guard. */
import { actionWords, detailLine, detailParts, targetOf, type Say } from '../../shared/audit/words.ts';
import type { AuditFilter } from '../../shared/audit/schema.ts';
import { toCsv } from '../../shared/csv.ts';
import type { Lang } from '../../shared/errors.ts';
import { en } from '../../shared/i18n/en.ts';
import { zhCN } from '../../shared/i18n/zh-CN.ts';
import type { DbOrTx } from '../db/client.ts';
import { auditBlocks, resolveRefs } from './list-audit.ts';

export function sayIn(lang: Lang): Say {
  const words = (lang === 'en' ? en : zhCN) as Record<string, string>;
  return (key, params) => {
    let text = words[key];
    if (text === undefined) return null;
    if (params) {
      if (text.includes('|') && params.n !== undefined) {
        const [one, other] = text.split('|');
        text = Number(params.n) === 1 ? one : other;
      }
      text = text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
    }
    return text;
  };
}

/** 2026-12-05 14:20:31 in Beijing time: a form every spreadsheet reads as a date. */
const beijing = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

export async function auditCsv(db: DbOrTx, congressId: string, f: AuditFilter, lang: Lang): Promise<string> {
  const say = sayIn(lang);
  const w = (k: string) => say(k) ?? k;
  const rows: unknown[][] = [];
  for await (const block of auditBlocks(db, congressId, f)) {
    const refs = await resolveRefs(db, congressId, block);
    for (const e of block) {
      const target = targetOf(e, refs, say);
      rows.push([
        e.seq,
        beijing(e.at),
        e.actorName ?? w('audit.system'),
        actionWords(e.action, say),
        target ? w(`audit.kind.${target.kind}`) : '',
        target?.name ?? '',
        detailLine(detailParts(e, refs, say), say),
        e.action,
        e.hash,
      ]);
    }
  }
  return toCsv(['audit.csv.seq', 'audit.csv.at', 'audit.csv.actor', 'audit.csv.action', 'audit.csv.kind', 'audit.csv.target', 'audit.csv.details', 'audit.csv.code', 'audit.csv.hash'].map(w), rows);
}
