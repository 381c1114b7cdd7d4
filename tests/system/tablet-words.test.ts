import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ballotEn } from '../../shared/i18n/ballot.en.ts';
import { ballotZh } from '../../shared/i18n/ballot.zh-CN.ts';
import { en } from '../../shared/i18n/en.ts';
import { zhCN } from '../../shared/i18n/zh-CN.ts';

/**
 * The hall tablet's ballot page (/b) has only the core words built in (shared/i18n/ballot.*.ts), not the whole
 * dictionary (design §9: its JavaScript over the wire). So every key that its files can show must be a core word, or the
 * tablet would show the raw key. The files are those the page and what renders around it import, followed through
 * relative imports (static and dynamic) as the bundler does; the keys are every string that is a dictionary key, and
 * every key under a prefix built at run time (t(`ballot.mark.${m}`)).
 */
const ROOT = resolve(import.meta.dirname, '../..');
const ROOTS = [
  'web/src/ballot/BallotPage.tsx',
  // A kiosk voting tablet shows the page inside its guard, with its badge and the staff's way off it.
  'web/src/kiosk/KioskGuard.tsx',
  // What app.tsx renders around every page: the loading line while the page loads, the confirm dialog and toasts.
  'web/src/components/Async.tsx',
  'web/src/components/Dialog.tsx',
  'web/src/components/Toast.tsx',
];
const ALL = new Set(Object.keys(zhCN));
const CORE = new Set(Object.keys(ballotZh));
/** The dictionaries themselves: their strings are words, not uses. */
const DICTIONARY = /shared\/i18n\/(?!index\.ts$)[\w.-]+\.ts$/;

const withoutComments = (src: string) => src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

/** The keys a source can show: literal keys, and all keys under a prefix built at run time. */
function keysIn(source: string): { keys: Set<string>; unknownPrefixes: string[] } {
  const src = withoutComments(source);
  const keys = new Set<string>();
  const unknownPrefixes: string[] = [];
  for (const m of src.matchAll(/(['"`])([\w-]+(?:\.[\w-]+)+)\1/g)) if (ALL.has(m[2])) keys.add(m[2]);
  const dynamic = [...src.matchAll(/\b(?:t|tx)\(\s*`([\w.-]*)\$\{/g), ...src.matchAll(/\btranslate\([^,()]+,\s*`([\w.-]*)\$\{/g), ...src.matchAll(/`([\w.-]*)\$\{[^`]*`\s+as\s+MessageKey/g)];
  for (const [, prefix] of dynamic) {
    const under = [...ALL].filter((k) => k.startsWith(prefix));
    if (!prefix || under.length === 0) unknownPrefixes.push(prefix);
    for (const k of under) keys.add(k);
  }
  return { keys, unknownPrefixes };
}

/** The tablet's files: the roots and every relative import they reach (not `import type`: no code). */
function tabletFiles(): string[] {
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const src = withoutComments(readFileSync(file, 'utf8'));
    const specs = [...src.matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?['"](\.[^'"]+)['"]/gm), ...src.matchAll(/\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g)];
    for (const [, spec] of specs) {
      const target = resolve(dirname(file), spec);
      if (/\.tsx?$/.test(target) && existsSync(target) && !DICTIONARY.test(target)) walk(target);
    }
  };
  for (const r of ROOTS) walk(join(ROOT, r));
  return [...seen].map((f) => relative(ROOT, f));
}

describe('the hall tablet’s words', () => {
  const files = tabletFiles();
  const used = new Map<string, string[]>();
  const unknown: string[] = [];
  for (const f of files) {
    const { keys, unknownPrefixes } = keysIn(readFileSync(join(ROOT, f), 'utf8'));
    for (const k of keys) used.set(k, [...(used.get(k) ?? []), f]);
    unknown.push(...unknownPrefixes.map((p) => `${f}: \`${p}\${…}\``));
  }

  it('follows the page’s imports (the scanner sees the files and the keys built at run time)', () => {
    for (const f of ['web/src/ballot/MarkButtons.tsx', 'web/src/ballot/ScanPanel.tsx', 'web/src/ballot/ReceiptSlip.tsx', 'web/src/api.ts', 'web/src/kiosk/LeaveKiosk.tsx', 'shared/i18n/index.ts']) expect(files).toContain(f);
    expect(files.some((f) => /layout\/StaffLayout|home\//.test(f))).toBe(false);
    for (const k of ['ballot.title', 'ballot.mark.abstain', 'alert.error', 'format.wan', 'error.network']) expect(used.has(k)).toBe(true);
    // A new word on the page, not in the core, is caught; so is a key built from a prefix nobody knows.
    expect([...keysIn("<h1>{t('roster.title')}</h1>").keys]).toEqual(['roster.title']);
    expect(CORE.has('roster.title')).toBe(false);
    expect(keysIn('t(`${kind}.title`)').unknownPrefixes).toEqual(['']);
  });

  it('uses only core words (shared/i18n/ballot.zh-CN.ts), each in Chinese and English', () => {
    expect(unknown).toEqual([]);
    const missing = [...used].filter(([k]) => !CORE.has(k)).map(([k, where]) => `${k} (${where.join(', ')})`);
    expect(missing).toEqual([]);
    for (const k of used.keys()) {
      expect((ballotZh as Record<string, string>)[k], k).toBeTruthy();
      expect((ballotEn as Record<string, string>)[k], k).toBeTruthy();
      // The core words are the whole dictionary's words, not a second copy that could drift.
      expect((zhCN as Record<string, string>)[k]).toBe((ballotZh as Record<string, string>)[k]);
      expect((en as Record<string, string>)[k]).toBe((ballotEn as Record<string, string>)[k]);
    }
  });

  it('carries no validation library: no file on the tablet imports zod (contracts are called by address there)', () => {
    const withZod = files.filter((f) => /^\s*(?:import|export)\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?['"]zod['"]/m.test(withoutComments(readFileSync(join(ROOT, f), 'utf8'))));
    expect(withZod).toEqual([]);
  });

  it('keeps in the core nothing the tablet does not show (every core word is downloaded by every tablet)', () => {
    expect([...CORE].filter((k) => !used.has(k))).toEqual([]);
  });
});
