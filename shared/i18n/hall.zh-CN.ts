/** Words of the hall: session, votes, cards, ballot, receipt in Chinese; merged into the main dictionary in zh-CN.ts. */
export const hallZh = {
  // 发出票数多于出席人数 — more cards issued than representatives present
  'hall.over.tag': '多于出席人数',
  'hall.over.deskTitle': '已发出表决卡 {issued} 张，多于出席代表 {present} 人。',
  'hall.over.deskText': '请核对：是否有代表到场未签到、有没有多发或登记张数填错。多出的卡请收回作废。主席团开始表决时须确认这两个数字。',
  'hall.over.presidium': '已发出表决卡 {issued} 张，多于出席代表 {present} 人。开始表决时须确认这两个数字。',
  'hall.open.overTitle': '发出的表决卡多于出席代表',
  'hall.open.overText': '已发出表决卡 {issued} 张，出席代表 {present} 人，多出 {extra} 张。请先与监票人核对签到和发票。',
  'hall.open.overText2': '如果收回的选票多于发出的表决卡，本次表决无效。确认无误仍要开始，您的确认（{issued} 张 / {present} 人）将记入操作日志。',
  'hall.open.overConfirm': '确认 {issued} 张 / {present} 人，开始表决',
  'hall.open.overChanged': '数字已有变化，请按新的数字重新确认。',
  // 发票方式 — how the cards are handed out, and why
  'hall.mode.title': '本次表决的发票方式',
  'hall.mode.scan': '逐张扫码发票',
  'hall.mode.count': '按张数登记发票',
  'hall.mode.scanWhyDefault': '这是默认方式，还没有发出任何表决卡。',
  'hall.mode.scanWhy': '发卡台正在逐张扫描，已发出 {n} 张。',
  'hall.mode.countWhy': '监票人已登记发出 {n} 张，没有逐张扫描。',
  'hall.mode.scanMeans': '每发出一张卡就扫描它。只有扫描过的卡才能投票：印好没发出的备用卡，即使被人拿走也投不了票。系统只记哪张卡已发出，不记发给了谁。有扫码设备时请用这种方式。',
  'hall.mode.countMeans': '投票时不核对哪张卡已发出：任何一张印好且未作废的卡都能投票。所以没发出的备用卡必须由监票人收好，用不上的请作废。只在无法逐张扫描时使用（例如扫码设备故障）。',
  'hall.mode.switch': '改用另一种方式：在发卡台扫描一张卡，就改为逐张扫码（登记的张数不再使用）；登记张数，就改为按张数（投票时不再核对扫描记录）。',
  'hall.mode.perVote': '表决卡每次表决单独制作：本次的卡只能投“{title}”，不能投其他表决。',
  'hall.mode.paper': '纸质选票：代表也可以在同一张卡上用笔填写，表决截止后由两名计票人分别录入。发票方式不变。',
  // 新建票决
  'hall.vote.createdGo': '已新建票决“{title}”。下一步：监票人制作表决卡。',
} as const;
