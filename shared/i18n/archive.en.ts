import type { archiveZh } from './archive.zh-CN.ts';

export const archiveEn: Record<keyof typeof archiveZh, string> = {};
