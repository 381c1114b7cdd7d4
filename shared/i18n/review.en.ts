import type { reviewZh } from './review.zh-CN.ts';

export const reviewEn: Record<keyof typeof reviewZh, string> = {};
