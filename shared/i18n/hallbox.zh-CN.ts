/** The hallbox stage's words (zh-CN first; hallbox.en.ts has the same keys). */
export const hallboxZh = {
} as const;
