/** Words for the archive's codes on the server (the CSV's header): the web app's own words (shared/i18n/archive.*). */
import type { Lang } from '../errors.ts';
import { en } from '../i18n/en.ts';
import { zhCN, type MessageKey } from '../i18n/zh-CN.ts';
import { COUNT_KEYS } from './schema.ts';

const word = (key: MessageKey, lang: Lang) => (lang === 'en' ? en[key] : zhCN[key]);

/** The yearly table's columns in both languages' order: name, group, constituency, status, each count, the points. */
export const tableHeader = (lang: Lang) => [
  word('archive.name', lang),
  word('archive.delegation', lang),
  word('archive.constituency', lang),
  word('archive.status', lang),
  ...COUNT_KEYS.map((k) => word(`archive.count.${k}`, lang)),
  word('archive.count.points', lang),
];
export const statusWord = (status: 'seated' | 'left', lang: Lang) => word(`roster.status.${status}`, lang);
