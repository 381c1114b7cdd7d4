/** Words of the tally, its report and the big screen in Chinese; merged into the main dictionary in zh-CN.ts. */
export const tallyZh = {
  // 发出多于实到 (issue 20): said with the numbers wherever the figures are.
  'tally.overIssued': '发出表决卡 {issued} 张，多于实到代表 {present} 人（多 {n} 张）。',
  'tally.overIssuedNote': '表决不因此无效（只有收回多于发出才无效），但多发的表决卡可能被人多投：请监票人查明原因并写入会议记录。',
  // 空缺名额的下一步
  'tally.vacancy.title': '空缺 {n} 个名额：下一步',
  'tally.vacancy.titleLeft': '空缺 {n} 个名额：留空',
  'tally.vacancy.ruleFurther': '按本人大的规则，空缺名额可以在未当选的项目中另行表决，也可以留空。',
  'tally.vacancy.ruleEmpty': '按本人大的规则，空缺名额留空，不另行表决（规则在“规则设置 → 出席与表决 → 名额未满时”，由人大办修改）。',
  'tally.vacancy.furtherUsed': '本次表决之后已新建后续表决，空缺名额由它决定。',
  'tally.vacancy.leave.lead': '留空：这 {n} 个名额本次不再补选。结果页、报告单和大屏写明“主席团确认留空”。',
  'tally.vacancy.leave.submit': '确认空缺名额留空',
  'tally.vacancy.leave.confirmTitle': '确认空缺 {n} 个名额留空？',
  'tally.vacancy.leave.confirmText': '确认后，这 {n} 个名额本次不再补选，也不能再新建另行表决；此操作记入操作日志，不能撤销。未当选的项目仍可以转入储备库。',
  'tally.vacancy.leave.confirm': '确认留空',
  'tally.vacancy.leave.done': '已确认空缺名额留空。',
  'tally.vacancy.reserve.lead': '储备库：未当选的项目可以转入储备库，下一年度征集时重新纳入。',
  'tally.vacancy.reserve.go': '选择转入储备库的项目',
  'tally.vacancy.left': '主席团已于 {time} 确认空缺 {n} 个名额留空（{name}）。',
  'tally.vacancy.onlyPresidium': '空缺名额如何处理由主席团决定。',
  // 报告单
  'report.signedPublish': '主席团 · 公布',
  'report.leftEmpty': '{n} 个名额，主席团于 {time} 确认留空',
  'report.howTitle': '怎样核对本结果',
  'report.how1': '用手机扫描右侧二维码，或在浏览器中输入“公开结果页”地址，可以看到本次表决每个项目的得票；页面会自动核对本报告单上的“结果摘要”是否一致。',
  'report.how2': '参加投票的代表可以打开 {url}，输入投票后得到的 10 位回执码，确认自己的选票已经计入。',
  'report.how3': '公开结果页还提供两份公示文件（全部选票内容和全部回执码，两者不对应），任何人都可以下载后自行重新计票。',
  'report.receiptsPage': '回执核对页',
  // 大屏
  'screen.overIssued': '发出 {issued} 张 · 实到 {present} 人：多发 {n} 张',
  'screen.final.title': '本次会议最终当选项目',
  'screen.final.count': '应选 {seats} 个 · 当选 {n} 个',
  'screen.final.pending': '还有表决未结束，名单待定',
  'screen.final.unfilled': '空缺 {n} 个名额',
  'screen.final.leftEmpty': '空缺 {n} 个名额（主席团确认留空）',
  'screen.final.votes': '{n} 票',
};
