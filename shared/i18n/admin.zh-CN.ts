/** Words of roster import, accounts and short public addresses in Chinese; merged into the main dictionary in zh-CN.ts. */
export const adminZh = {
};
