import type { countyZh } from './county.zh-CN.ts';

export const countyEn: Record<keyof typeof countyZh, string> = {
  'nav.stage.county': 'County and townships',
};
