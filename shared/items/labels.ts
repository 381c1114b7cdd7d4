/** Words for the items stage's codes in server messages and exports: the web's own words (shared/i18n/items.*), so each code has one word. */
import { en } from '../i18n/en.ts';
import { zhCN, type MessageKey } from '../i18n/zh-CN.ts';
import { ANSWER_CLASSES, FEEDBACK_GRADES, HANDLING_DIMENSIONS, ITEM_CATEGORIES, ITEM_SOURCES, ITEM_STATUSES, URGENCIES } from './enums.ts';

type Both = { zh: string; en: string };
const fromDictionaries = (codes: readonly string[], prefix: string): Record<string, Both> =>
  Object.fromEntries(codes.map((c) => [c, { zh: zhCN[`${prefix}.${c}` as MessageKey], en: en[`${prefix}.${c}` as MessageKey] }]));

export const ITEM_SOURCE_LABELS = fromDictionaries(ITEM_SOURCES, 'item.source');
export const ITEM_CATEGORY_LABELS = fromDictionaries(ITEM_CATEGORIES, 'item.category');
export const URGENCY_LABELS = fromDictionaries(URGENCIES, 'item.urgency');
export const ITEM_STATUS_LABELS = fromDictionaries(ITEM_STATUSES, 'item.status');
export const ANSWER_CLASS_LABELS = fromDictionaries(ANSWER_CLASSES, 'item.answerClass');
export const GRADE_LABELS = fromDictionaries(FEEDBACK_GRADES, 'item.grade');
export const DIMENSION_LABELS = fromDictionaries(HANDLING_DIMENSIONS, 'item.dimension');
