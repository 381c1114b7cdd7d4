/** Words of the hall: session, votes, cards, ballot, receipt in Chinese; merged into the main dictionary in zh-CN.ts. */
export const hallZh = {
};
