/** Words of accessibility fixes in English: exactly the keys of a11y.zh-CN.ts (checked by tsc). */
import type { a11yZh } from './a11y.zh-CN.ts';

export const a11yEn: Record<keyof typeof a11yZh, string> = {
};
