/** The review stage's words (zh-CN, the source; review.en.ts has the same keys). */
export const reviewZh = {} as const;
