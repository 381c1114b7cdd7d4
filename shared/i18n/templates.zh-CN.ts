/** The templates stage's words (zh-CN first; templates.en.ts has the same keys). */
export const templatesZh = {
} as const;
