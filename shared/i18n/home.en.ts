/** Words of home pages and the to-do list in English: exactly the keys of home.zh-CN.ts (checked by tsc). */
import type { homeZh } from './home.zh-CN.ts';

export const homeEn: Record<keyof typeof homeZh, string> = {
};
