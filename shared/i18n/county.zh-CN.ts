/** The county stage's words (zh-CN first; county.en.ts has the same keys). */
export const countyZh = {
  'nav.stage.county': '县乡联动',
} as const;
