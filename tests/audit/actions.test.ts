/**
 * Every audit action the server writes has words, in Chinese and English. The actions are read from the server's
 * source — every file that appends to the log, directly (`appendAudit(tx, { action: … })`) or through a small
 * per-stage wrapper (`audit(ctx, 'create', …)` prefixed `projects.`) — so an action added anywhere without an entry in
 * shared/audit/actions.ts (and so without words: the dictionaries are typed against that list) fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_AREAS, areaOf, REF_KINDS } from '../../shared/audit/actions.ts';
import { actionWords, detailLine, detailParts } from '../../shared/audit/words.ts';
import { en } from '../../shared/i18n/en.ts';
import { zhCN } from '../../shared/i18n/zh-CN.ts';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const literals = (expr: string) => [...expr.matchAll(/'([a-z_]+(?:\.[a-z_]+)?)'/g)].map((m) => m[1]);

/** Every action code the server's source writes to the log, with the file it is written in. */
function writtenActions(): Map<string, string> {
  const found = new Map<string, string>();
  const sources = new Map(files('server').map((f) => [f, readFileSync(f, 'utf8')]));
  // Wrappers: `const audit = (ctx, action, …) => appendAudit(…, action: `projects.${action}` …)` or `action, …` as is.
  const prefixOf = new Map<string, string>();
  for (const [f, src] of sources) {
    const w = src.match(/(?:const|function) audit\b[\s\S]{0,200}?appendAudit\([\s\S]{0,200}?action(?::\s*`(\w+)\.\$\{action\}`)?[,\s}]/);
    if (w) prefixOf.set(f, w[1] ? `${w[1]}.` : '');
  }
  for (const [f, src] of sources) {
    if (f.endsWith(join('lib', 'audit.ts'))) continue;
    // Direct calls: `action: 'a.b'` or `action: cond ? 'a.b' : 'c.d'` inside an appendAudit call.
    if (src.includes('appendAudit(')) for (const m of src.matchAll(/action:\s*([^,\n}]+)/g)) for (const a of literals(m[1])) if (a.includes('.')) found.set(a, f);
    // Through a wrapper defined here or imported from a sibling file.
    let prefix = prefixOf.get(f);
    if (prefix === undefined) {
      const imp = src.match(/import \{[^}]*\baudit\b[^}]*\} from '\.\/([\w-]+)\.ts'/);
      if (imp) prefix = prefixOf.get(join(f, '..', `${imp[1]}.ts`));
    }
    if (prefix === undefined) continue;
    for (const m of src.matchAll(/\baudit\(ctx,\s*([^,]+),/g)) for (const a of literals(m[1])) found.set(prefix + a, f);
  }
  return found;
}

describe('audit actions in words', () => {
  const written = writtenActions();

  it('finds the actions the server writes (directly and through the stage wrappers)', () => {
    // A few of each way of writing, so that a broken reading of the source cannot pass as "nothing to check".
    for (const a of ['roster.import', 'auth.change_password', 'accounts.reset_password', 'session.check_in', 'evaluation.publish', 'evaluation.rectification_return', 'projects.milestone_add', 'inspections.return', 'screening.reject_to_reserve', 'lists.freeze'])
      expect([...written.keys()], a).toContain(a);
    expect(written.size).toBeGreaterThanOrEqual(80);
  });

  it('has every action the server writes in the list of actions', () => {
    const missing = [...written].filter(([a]) => !(AUDIT_ACTIONS as readonly string[]).includes(a)).map(([a, f]) => `${a} (${f})`);
    expect(missing, 'add these to shared/audit/actions.ts and give them words in shared/i18n/audit.*.ts').toEqual([]);
  });

  it('says every action, area and kind of object in Chinese and in English', () => {
    const words = [zhCN, en] as Record<string, string>[];
    for (const dict of words) {
      for (const a of AUDIT_ACTIONS) {
        expect(dict[`audit.action.${a}`], a).toBeTruthy();
        expect(dict[`audit.action.${a}`], a).not.toContain('.');
        expect((AUDIT_AREAS as readonly string[]).includes(areaOf(a)), a).toBe(true);
      }
      for (const area of AUDIT_AREAS) expect(dict[`audit.area.${area}`], area).toBeTruthy();
      for (const k of REF_KINDS) expect(dict[`audit.kind.${k}`], k).toBeTruthy();
    }
    // Distinct words: two actions that read the same cannot be told apart in the log.
    for (const dict of words) expect(new Set(AUDIT_ACTIONS.map((a) => dict[`audit.action.${a}`])).size).toBe(AUDIT_ACTIONS.length);
  });

  it('shows the code of an action it has no words for, rather than nothing', () => {
    expect(actionWords('future.thing', () => null)).toBe('future.thing');
    expect(actionWords('evaluation.publish', (k) => (zhCN as Record<string, string>)[k] ?? null)).toBe('公布测评结果');
  });

  it('says the details in words: keys, coded values, yes/no, and ids as the names found (or 已删除)', () => {
    const say = (k: string, p?: Record<string, string | number>) => {
      const w = (zhCN as Record<string, string>)[k];
      return w === undefined ? null : w.replace(/\{(\w+)\}/g, (_, n: string) => String(p?.[n] ?? ''));
    };
    const e = { action: 'projects.milestone_delete', targetType: 'project', targetId: 'p1', details: { milestoneId: 'm1', name: '开工', channel: 'liaison_station', chief: true, leadDepartmentId: 'd1' } };
    const refs = { project: { p1: { name: '污水管网' } }, department: { d1: { name: '县交通运输局' } } };
    expect(detailLine(detailParts(e, refs, say), say)).toBe('实施节点：（已删除） · 名称：开工 · 渠道：代表联络站 · 总监票人：是 · 承办单位：县交通运输局');
  });
});
