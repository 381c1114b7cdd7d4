/** The hotline stage's words (zh-CN, the source; hotline.en.ts has the same keys). */
export const hotlineZh = {} as const;
