/** Words of the tally, its report and the big screen in Chinese; merged into the main dictionary in zh-CN.ts. */
export const tallyZh = {
};
