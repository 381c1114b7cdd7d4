import type { itemsZh } from './items.zh-CN.ts';

export const itemsEn: Record<keyof typeof itemsZh, string> = {
  'nav.stage.loop': 'Stations and items',
};
