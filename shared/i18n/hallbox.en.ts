import type { hallboxZh } from './hallbox.zh-CN.ts';

export const hallboxEn: Record<keyof typeof hallboxZh, string> = {
};
