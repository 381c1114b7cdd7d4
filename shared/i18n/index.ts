/**
 * The web app's words in zh-CN (the source) and English, and the formats every page shares:
 * dates in Asia/Shanghai, money in 万元 with two decimals, counts with tabular grouping.
 * Pure: no DOM, so the same functions can render print views or exports anywhere.
 */
import type { Lang } from '../errors.ts';
import { TIME_ZONE } from '../time.ts';
import { ballotZh } from './ballot.zh-CN.ts';
import type { MessageKey } from './zh-CN.ts';

export type { Lang } from '../errors.ts';
export type { MessageKey } from './zh-CN.ts';
export type Params = Record<string, string | number>;

export const LANGS: readonly Lang[] = ['zh-CN', 'en'];
export { TIME_ZONE };
/** The keys of the core words (ballot.zh-CN.ts): what the hall tablet's ballot page shows. */
export type CoreKey = keyof typeof ballotZh;
/**
 * Only the core words are built in (the Chinese of the hall tablet's ballot page and the formats here): the tablet
 * then downloads no more words than it shows (design §9). A whole dictionary — `zhCN` from ./zh-CN.ts, `en` from ./en.ts —
 * is added when it is wanted (`addDictionary`), as are the English core words (`addCoreWords('en', ballotEn)`).
 */
const dictionaries: Partial<Record<Lang, Record<MessageKey, string>>> = {};
const core: Partial<Record<Lang, Record<CoreKey, string>>> = { 'zh-CN': ballotZh };
export const addDictionary = (lang: Lang, words: Record<MessageKey, string>) => void (dictionaries[lang] = words);
export const hasDictionary = (lang: Lang) => dictionaries[lang] !== undefined;
export const addCoreWords = (lang: Lang, words: Record<CoreKey, string>) => void (core[lang] = words);
export const hasCoreWords = (lang: Lang) => core[lang] !== undefined;

export const isLang = (v: unknown): v is Lang => v === 'zh-CN' || v === 'en';

/**
 * `translate('en', 'roster.count', { n: 3 })`: the entry with each `{name}` replaced (left as is when missing).
 * An entry written `one|other` picks by `n` (English needs it; Chinese has no plural forms).
 */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  // The language's whole dictionary, else its core words, else Chinese, else the key itself.
  const k = key as CoreKey;
  let text: string = dictionaries[lang]?.[key] ?? core[lang]?.[k] ?? dictionaries['zh-CN']?.[key] ?? ballotZh[k] ?? key;
  if (!params) return text;
  if (text.includes('|') && params.n !== undefined) {
    const [one, other] = text.split('|');
    text = Number(String(params.n).replace(/[^\d.-]/g, '')) === 1 ? one : other;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

const locale = (lang: Lang) => (lang === 'en' ? 'en-GB' : 'zh-CN');

/** 2026年11月21日 / 21 Nov 2026 — a calendar date (YYYY-MM-DD) or an instant, read in Asia/Shanghai. */
export function formatDate(value: string | Date, lang: Lang): string {
  // A bare calendar date has no time zone: show it as written.
  const d = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00+08:00`) : new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale(lang), { timeZone: TIME_ZONE, year: 'numeric', month: lang === 'en' ? 'short' : 'long', day: 'numeric' }).format(d);
}

/**
 * 2026年11月21日 23:06 / 21 Nov 2026, 23:06 — an instant in Asia/Shanghai: the same date as `formatDate`, then the
 * time, so that dates read one way on every page, print and export.
 */
export function formatDateTime(value: string | Date, lang: Lang): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
  return lang === 'en' ? `${formatDate(d, lang)}, ${time}` : `${formatDate(d, lang)} ${time}`;
}

export function formatCount(n: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang)).format(n);
}

/** Money is kept and shown in 万元 (ten thousand yuan) with two decimals: 1,234.50 万元. */
export function formatWan(amount: number, lang: Lang): string {
  const n = new Intl.NumberFormat(locale(lang), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);
  return translate(lang, 'format.wan', { amount: n });
}

const DIGITS = '零一二三四五六七八九';
/** 7 → 七, 12 → 十二, 20 → 二十, 35 → 三十五 (1–99, as terms are written: 第七届). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  if (tens === 0) return DIGITS[ones];
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

/** 第七届 / 7th term. */
export function formatTerm(term: number, lang: Lang): string {
  if (lang === 'en') {
    const s = ['th', 'st', 'nd', 'rd'];
    const v = term % 100;
    return translate(lang, 'format.term', { n: `${term}${s[(v - 20) % 10] ?? s[v] ?? s[0]}` });
  }
  return translate(lang, 'format.term', { n: chineseNumber(term) });
}

const EN_COUNT = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const EN_PART: Record<number, [string, string]> = { 2: ['half', 'halves'], 3: ['third', 'thirds'], 4: ['quarter', 'quarters'], 5: ['fifth', 'fifths'], 6: ['sixth', 'sixths'], 7: ['seventh', 'sevenths'], 8: ['eighth', 'eighths'], 9: ['ninth', 'ninths'], 10: ['tenth', 'tenths'] };

/**
 * A rule's fraction in words, as the office writes it: 2/3 → 三分之二 / two-thirds, 1/2 → 二分之一 / one-half,
 * 3/3 → 全部 / all. Numbers past what is said in words stay figures (7/120 → 120分之7 / 7/120).
 */
export function formatFraction(f: { numerator: number; denominator: number }, lang: Lang): string {
  const { numerator: n, denominator: d } = f;
  if (n === d) return translate(lang, 'office.fraction.all');
  if (lang === 'en') {
    if (d in EN_PART && n >= 1 && n < d) return `${EN_COUNT[n]}-${EN_PART[d][n === 1 ? 0 : 1]}`;
    return `${n}/${d}`;
  }
  return `${chineseNumber(d)}分之${chineseNumber(n)}`;
}

export type CongressLevel = 'city' | 'county' | 'township' | 'street';
/**
 * The body that speaks for a congress between its sessions, by its level: a county's 人大常委会, a township's 人大主席团
 * (a township has no standing committee), a street's 议政会 itself. The place is the congress's name before 第…届.
 */
export function congressBody(c: { name: string; level: string }, lang: Lang): string {
  const place = /^(.+?)第.+?届/.exec(c.name)?.[1] ?? '';
  if (!place || c.level === 'street' || !['city', 'county', 'township'].includes(c.level)) return c.name;
  return translate(lang, c.level === 'township' ? 'office.body.township' : 'office.body.county', { place });
}
