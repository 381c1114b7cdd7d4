/** Server-side words of the review stage (CSV and xlsx headers): taken from the dictionaries, so each code has one word. */
import { en } from '../i18n/en.ts';
import { zhCN, type MessageKey } from '../i18n/zh-CN.ts';
import { ITEM_CATEGORIES } from '../items/enums.ts';

type Both = { zh: string; en: string };
const both = (key: string): Both => ({ zh: (zhCN as Record<string, string>)[key] ?? key, en: (en as Record<string, string>)[key] ?? key });
export const CATEGORY_WORDS: Record<string, Both> = Object.fromEntries(ITEM_CATEGORIES.map((c) => [c, both(`item.category.${c}`)]));
import { COUNT_COLUMNS } from './columns.ts';

export { COUNT_COLUMNS };
/** A column of the figures as the exports head it (中文 English). */
export const columnWord = (c: (typeof COUNT_COLUMNS)[number]) => {
  const b = both(`review.col.${c}`);
  return `${b.zh} ${b.en}`;
};
export const word = (key: MessageKey | string) => {
  const b = both(key);
  return `${b.zh} ${b.en}`;
};
export const zhWord = (key: string) => both(key).zh;
