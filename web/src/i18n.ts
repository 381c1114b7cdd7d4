/**
 * The language of the interface: zh-CN by default, English on request; the choice is remembered in this browser
 * and set on <html lang> (screen readers and CJK line breaking follow it). `t` is reactive: text re-renders on a switch.
 */
import { createSignal, lazy, type Component, type JSX } from 'solid-js';
import {
  addCoreWords,
  addDictionary,
  formatCount,
  formatDate,
  formatDateTime,
  formatFraction,
  formatTerm,
  formatWan,
  hasCoreWords,
  hasDictionary,
  isLang,
  translate,
  type Lang,
  type MessageKey,
  type Params,
} from '../../shared/i18n/index.ts';

const STORAGE_KEY = 'minsheng.lang';

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLang(saved)) return saved;
  } catch {
    // storage can be blocked (private mode); the default is fine
  }
  return 'zh-CN';
}

const [lang, setLangSignal] = createSignal<Lang>(initialLang());
export { lang };

/**
 * Bumped when words arrive, so that text already on screen re-renders with them (`t` reads it). Pages wait for their
 * words before they render (`lazyPage`, main.tsx), so this is only the safety net: no key stays on screen.
 */
const [wordsVersion, setWordsVersion] = createSignal(0);

/**
 * All the words of a language, fetched the first time they are used: each language's dictionary is its own chunk.
 * Only the core words (the hall tablet's, shared/i18n/ballot.zh-CN.ts) are built in, so that the tablet's ballot
 * page does not download the whole dictionary (design §9).
 */
export async function loadLang(l: Lang): Promise<void> {
  if (hasDictionary(l)) return;
  if (l === 'en') addDictionary('en', (await import('../../shared/i18n/en.ts')).en);
  else addDictionary('zh-CN', (await import('../../shared/i18n/zh-CN.ts')).zhCN);
  setWordsVersion((n) => n + 1);
}

/** The core words only (the ballot page's): Chinese is built in, English a small chunk of its own. */
export async function loadCoreWords(l: Lang): Promise<void> {
  if (hasCoreWords(l) || hasDictionary(l)) return;
  if (l === 'en') addCoreWords('en', (await import('../../shared/i18n/ballot.en.ts')).ballotEn);
  setWordsVersion((n) => n + 1);
}

/**
 * `lazy()` for a page that needs the whole dictionary: the page's code and the words of the current language load
 * together, and the page renders once both are there (no flash of raw keys). The ballot page (/b) uses plain `lazy`.
 */
export function lazyPage<T extends Component<any>>(load: () => Promise<{ default: T }>) {
  return lazy(() => Promise.all([load(), loadLang(lang())]).then(([m]) => m));
}

export async function setLang(next: Lang) {
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // not remembered, still switched
  }
  await loadLang(next);
  setLangSignal(next);
  applyLang();
}

/**
 * Switch for this page only, remembering nothing (the ballot tablet keeps no trace in browser storage; its language
 * comes from `?lang=en` in the address). `words: 'core'` for the ballot page, which shows only the core words.
 */
export async function useLangOnly(next: Lang, words: 'all' | 'core' = 'all') {
  await (words === 'core' ? loadCoreWords(next) : loadLang(next));
  setLangSignal(next);
  applyLang();
}

/** Reflect the language on the document (called once at start and on every switch). */
export function applyLang() {
  document.documentElement.lang = lang();
}

export const t = (key: MessageKey, params?: Params) => (wordsVersion(), translate(lang(), key, params));
/**
 * Like `t`, with values that are elements — e.g. dates kept on one line: `tx('submit.lead', { from: <Nowrap>…</Nowrap> })`.
 * Chinese breaks between any two characters, so "2027年1月1日" would otherwise split across lines.
 */
export function tx(key: MessageKey, params: Record<string, JSX.Element>): JSX.Element {
  wordsVersion();
  return translate(lang(), key)
    .split(/\{(\w+)\}/)
    .map((part, i) => (i % 2 === 1 ? (part in params ? params[part] : `{${part}}`) : part));
}

export const fmt = {
  date: (v: string | Date) => formatDate(v, lang()),
  dateTime: (v: string | Date) => formatDateTime(v, lang()),
  count: (n: number) => formatCount(n, lang()),
  wan: (n: number) => formatWan(n, lang()),
  term: (n: number) => formatTerm(n, lang()),
  /** 三分之二 / two-thirds: a rule's fraction in words. */
  fraction: (f: { numerator: number; denominator: number }) => formatFraction(f, lang()),
};
export type { MessageKey };
