/** The items stage's words (zh-CN, the source; items.en.ts has the same keys). */
export const itemsZh = {} as const;
