/** Words of roster import, accounts and short public addresses in English: exactly the keys of admin.zh-CN.ts (checked by tsc). */
import type { adminZh } from './admin.zh-CN.ts';

export const adminEn: Record<keyof typeof adminZh, string> = {
};
