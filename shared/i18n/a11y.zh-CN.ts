/** Words of accessibility fixes in Chinese; merged into the main dictionary in zh-CN.ts. */
export const a11yZh = {
  // The public progress bar in a resident's words (projects/parts.tsx ResidentProgress).
  'a11y.progress.derived': '按已完成的节点计 {n}',
  'a11y.progress.and': '，',
  'a11y.progress.reported': '承办单位报告已完成 {n}',
  'a11y.progress.markKey': '进度条上的竖线：承办单位报告的进度',
  'a11y.progress.none': '尚未报告进度',
  // An accessible name that starts with the words on the button or link (WCAG 2.5.3), then says what it is about.
  'a11y.named': '{action}：{name}',
  'a11y.proposalsOfYear': '{count}：{year} 年度收到的建议',
  'a11y.ofYear': '{action}：{year} 年度征集',
};
