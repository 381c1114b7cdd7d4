/** Words of home pages and the to-do list in Chinese; merged into the main dictionary in zh-CN.ts. */
export const homeZh = {
};
