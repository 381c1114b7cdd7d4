/** The items stage's words (zh-CN, the source; items.en.ts has the same keys). */
export const itemsZh = {
  'nav.stage.loop': '联络站与意见建议',
} as const;
