/** Words of the hall: session, votes, cards, ballot, receipt in English: exactly the keys of hall.zh-CN.ts (checked by tsc). */
import type { hallZh } from './hall.zh-CN.ts';

export const hallEn: Record<keyof typeof hallZh, string> = {
};
