/** Words for the notify stage's codes in server messages and exports: the web's own words (shared/i18n/notify.*), so each code has one word. */
import { en } from '../i18n/en.ts';
import { zhCN, type MessageKey } from '../i18n/zh-CN.ts';
import { AUDIENCES, CHANNELS, MESSAGE_KINDS, MESSAGE_REASONS, MESSAGE_STATES } from './enums.ts';

type Both = { zh: string; en: string };
const fromDictionaries = (codes: readonly string[], prefix: string): Record<string, Both> =>
  Object.fromEntries(codes.map((c) => [c, { zh: zhCN[`${prefix}.${c}` as MessageKey], en: en[`${prefix}.${c}` as MessageKey] }]));

export const CHANNEL_LABELS = fromDictionaries(CHANNELS, 'notify.channel');
export const AUDIENCE_LABELS = fromDictionaries(AUDIENCES, 'notify.audience');
export const KIND_LABELS = fromDictionaries(MESSAGE_KINDS, 'notify.kind');
export const STATE_LABELS = fromDictionaries(MESSAGE_STATES, 'notify.state');
export const REASON_LABELS = fromDictionaries(MESSAGE_REASONS, 'notify.reason');
