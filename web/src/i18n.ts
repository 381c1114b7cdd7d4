/**
 * The language of the interface: zh-CN by default, English on request; the choice is remembered in this browser
 * and set on <html lang> (screen readers and CJK line breaking follow it). `t` is reactive: text re-renders on a switch.
 */
import { createSignal, type JSX } from 'solid-js';
import {
  addDictionary,
  formatCount,
  formatDate,
  formatDateTime,
  formatFraction,
  formatTerm,
  formatWan,
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

/** The words of a language, fetched the first time it is used (English is its own chunk; Chinese is built in). */
export async function loadLang(l: Lang): Promise<void> {
  if (hasDictionary(l)) return;
  if (l === 'en') addDictionary('en', (await import('../../shared/i18n/en.ts')).en);
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
 * comes from `?lang=en` in the address).
 */
export async function useLangOnly(next: Lang) {
  await loadLang(next);
  setLangSignal(next);
  applyLang();
}

/** Reflect the language on the document (called once at start and on every switch). */
export function applyLang() {
  document.documentElement.lang = lang();
}

export const t = (key: MessageKey, params?: Params) => translate(lang(), key, params);
/**
 * Like `t`, with values that are elements — e.g. dates kept on one line: `tx('submit.lead', { from: <Nowrap>…</Nowrap> })`.
 * Chinese breaks between any two characters, so "2027年1月1日" would otherwise split across lines.
 */
export function tx(key: MessageKey, params: Record<string, JSX.Element>): JSX.Element {
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
