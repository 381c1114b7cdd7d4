import type { Lang } from '../errors.ts';
import { en } from '../i18n/en.ts';
import { zhCN, type MessageKey } from '../i18n/zh-CN.ts';
import { CATEGORIES, CHANNELS, CHECKS } from './schema.ts';

type Both = { zh: string; en: string };
/** Words for codes that appear in server messages and CSV exports: the web app's own words (shared/i18n), so each code has one word. */
const fromDictionaries = (codes: readonly string[], prefix: string): Record<string, Both> =>
  Object.fromEntries(codes.map((c) => [c, { zh: zhCN[`${prefix}.${c}` as MessageKey], en: en[`${prefix}.${c}` as MessageKey] }]));
export const CHECK_LABELS = fromDictionaries(CHECKS, 'check');
export const CHANNEL_LABELS = fromDictionaries(CHANNELS, 'channel');
export const CATEGORY_LABELS = fromDictionaries(CATEGORIES, 'category');
/** What became of a proposal, as a sentence says it (该建议已处理（已列为候选项目）); the web's status tags are shorter. */
export const STATUS_LABELS: Record<string, Both> = {
  submitted: { zh: '待初定', en: 'waiting for screening' },
  accepted: { zh: '已列为候选项目', en: 'accepted as a candidate' },
  merged: { zh: '已合并', en: 'merged' },
  not_adopted: { zh: '不予采纳', en: 'not adopted' },
  reserved: { zh: '已转入储备库', en: 'in the reserve pool' },
};

/** A list of codes in words, joined as each language joins them. */
export const wordsOf = (labels: Record<string, Both>, codes: string[]): Both => ({
  zh: codes.map((c) => labels[c]?.zh ?? c).join('、'),
  en: codes.map((c) => labels[c]?.en ?? c).join(', '),
});
export const pick = (b: Both, lang: Lang) => (lang === 'en' ? b.en : b.zh);
