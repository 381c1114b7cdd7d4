import type { stationsZh } from './stations.zh-CN.ts';

export const stationsEn: Record<keyof typeof stationsZh, string> = {};
