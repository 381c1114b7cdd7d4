/** The stations stage's words (zh-CN, the source; stations.en.ts has the same keys). */
export const stationsZh = {} as const;
