/** Words of the audit log in words in Chinese; merged into the main dictionary in zh-CN.ts. */
export const auditZh = {
};
