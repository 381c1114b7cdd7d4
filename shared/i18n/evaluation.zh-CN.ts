/** Words of the evaluation stage (满意度测评) in Chinese; merged into the main dictionary in zh-CN.ts. */
export const evaluationZh = {
  'nav.stage.evaluation': '满意度测评',
} as const;
