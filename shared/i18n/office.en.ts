/** Words of the office's forms and words (congress rules, public pages, dates) in English: exactly the keys of office.zh-CN.ts (checked by tsc). */
import type { officeZh } from './office.zh-CN.ts';

export const officeEn: Record<keyof typeof officeZh, string> = {
  'office.footer': '{body} · {note}',
};
