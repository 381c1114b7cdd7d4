import type { hotlineZh } from './hotline.zh-CN.ts';

export const hotlineEn: Record<keyof typeof hotlineZh, string> = {};
