/** The archive stage's words (zh-CN, the source; archive.en.ts has the same keys). */
export const archiveZh = {} as const;
