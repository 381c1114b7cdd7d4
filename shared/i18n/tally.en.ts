/** Words of the tally, its report and the big screen in English: exactly the keys of tally.zh-CN.ts (checked by tsc). */
import type { tallyZh } from './tally.zh-CN.ts';

export const tallyEn: Record<keyof typeof tallyZh, string> = {
};
