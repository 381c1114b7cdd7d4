/** Words of accessibility fixes in Chinese; merged into the main dictionary in zh-CN.ts. */
export const a11yZh = {
};
