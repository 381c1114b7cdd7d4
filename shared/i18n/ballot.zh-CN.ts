/**
 * The core words: all that the hall tablet's ballot page (/b) and what renders around it (the loading line, a kiosk
 * tablet's badge, errors, the formats) show, built into the app's first chunk. The rest of the dictionary is its own
 * chunk, loaded before any other page renders (web/src/i18n.ts), so the tablet does not download ~180 KB of words it
 * never shows (design §9). Merged into the main dictionary in zh-CN.ts; tests/system/tablet-words.test.ts checks that
 * every key the tablet's files use is here.
 */
export const ballotZh = {
  // The product, the language switch and the formats (shared/i18n/index.ts reads these itself)
  'app.shortName': '民生实事',
  'lang.other': 'English',
  'format.wan': '{amount} 万元',
  'format.term': '第{n}届',

  // Shared words the tablet shows: the loading line, dialogs and alerts
  'common.loading': '正在加载…',
  'common.retry': '重试',
  'common.cancel': '取消',
  'common.close': '关闭',
  'alert.info': '提示',
  'alert.success': '完成',
  'alert.warning': '注意',
  'alert.error': '出错',

  // Errors the client makes itself (the server's come translated)
  'error.network': '无法连接服务器，请检查网络后重试。',
  'error.http': '服务器返回了错误（{status}），请稍后重试。',
  'error.unexpected': '出现了意外错误，请刷新页面后重试。',
  'error.retryHint': '如果问题持续，请联系系统管理员。',

  // The camera QR reader
  'scan.starting': '正在打开摄像头…',
  'scan.hint': '把二维码放在取景框中，保持不动。',
  'scan.cancel': '停止扫描',
  'scan.denied': '没有使用摄像头的权限。请在浏览器设置中允许使用摄像头，或改为手工输入。',
  'scan.noCamera': '这台设备没有可用的摄像头，请改为手工输入。',
  'scan.failed': '摄像头无法启动，请改为手工输入。',
  'scan.videoLabel': '摄像头画面',

  // The hall tablet: the ballot from the start screen to the receipt
  'ballot.title': '表决',
  'ballot.start.title': '请扫描您的表决卡',
  'ballot.start.lead': '把表决卡上的二维码对准摄像头，或输入卡上的 8 位编号。',
  'ballot.start.scan': '扫描表决卡',
  'ballot.start.serialLabel': '或输入表决卡编号',
  'ballot.start.open': '打开选票',
  'ballot.start.serialHint': '编号印在二维码旁边，共 8 位，由数字和字母组成。',
  'ballot.start.serialLength': '表决卡编号是 8 位',
  'ballot.start.serialHelp': '请核对卡上的编号后重新输入，或请工作人员帮助。',
  'ballot.start.noCongress': '这台平板还没有设置好',
  'ballot.start.noCongressNext': '请工作人员用本会议的表决地址打开这台平板，或改为扫描表决卡。',
  'ballot.loading': '正在打开选票…',
  'ballot.casting': '正在提交…',
  'ballot.saving.title': '保存中，请稍候',
  'ballot.saving.lead': '您的选票已保留在本页，服务器一有应答就会自动提交。重复提交不会重复计票。',
  'ballot.saving.hint': '请留在这里稍候；等待较久时，请举手示意工作人员。',
  'ballot.refused.next': '请举手示意工作人员，他们会帮您处理。',
  'ballot.refused.badToken': '表决卡的二维码没有读全',
  'ballot.refused.badTokenNext': '请把表决卡上的二维码完整对准摄像头重新扫描，或输入卡上的 8 位编号；仍不行请举手示意工作人员。',
  'ballot.refused.back': '返回',
  'ballot.serial': '表决卡 {serial}',
  'ballot.count': '已赞成 {n} / 最多 {max}',
  'ballot.overWarning': '赞成超过 {max} 个，这张选票将成为废票',
  'ballot.rule.fae': '请对每个项目选择“赞成”“反对”或“弃权”。最多赞成 {max} 个，超过则整张选票无效。不选的按弃权计。',
  'ballot.rule.approve': '请勾选您赞成的项目，最多 {max} 个，超过则整张选票无效。',
  'ballot.rule.faeOnCard': '请对每个项目选择“赞成”“反对”或“弃权”。本项最多赞成 {max} 个，超过则本项无效（其他各项照常计票）。不选的按弃权计。',
  'ballot.rule.approveOnCard': '请勾选您赞成的项目，本项最多 {max} 个，超过则本项无效（其他各项照常计票）。',
  'ballot.rule.motion': '请对本议题选择“赞成”“反对”或“弃权”。不选的按弃权计。',
  'ballot.investment': '投资 {amount}',
  'ballot.lead': '牵头：{dept}',
  'ballot.completion': '计划完成：{date}',
  'ballot.marksFor': '对“{title}”的表决',
  'ballot.mark.for': '赞成',
  'ballot.mark.against': '反对',
  'ballot.mark.abstain': '弃权',
  'ballot.mark.approve': '赞成',
  'ballot.mark.notApproved': '未勾选',
  'ballot.mark.none': '未选（按弃权计）',
  'ballot.toReview': '检查选票',
  // One card, several questions (表决事项单): walked one question a screen, then reviewed together
  'ballot.sitting.progress': '第 {n} 项 / 共 {total} 项',
  'ballot.sitting.item': '第 {n} 项',
  'ballot.sitting.prev': '上一项',
  'ballot.sitting.next': '下一项',
  'ballot.sitting.body': '议题内容',
  'ballot.sitting.overWarning': '赞成超过 {max} 个，本项将成为废票',
  'ballot.sitting.reviewLead': '{title}：下面是您对每一项的表决。确认无误后一次提交。',
  'ballot.sitting.overTitle': '本项赞成了 {n} 个，超过最多 {max} 个',
  'ballot.sitting.overText': '这样提交，本项将成为废票，对本项的任何项目都不计票；其他各项照常计票。请点“修改本项”。',
  'ballot.sitting.change': '修改本项',
  'ballot.sitting.changeAria': '修改第 {n} 项：{title}',
  'ballot.review.title': '请核对您的选票',
  'ballot.review.lead': '{title}：下面是您对每个项目的表决。确认无误后提交。',
  'ballot.review.overTitle': '您赞成了 {n} 个，超过最多 {max} 个',
  'ballot.review.overText': '这样提交，整张选票将成为废票，对任何项目都不计票。请返回修改。',
  'ballot.review.back': '返回修改',
  'ballot.review.confirm': '确认投票，提交后不可更改',
  'ballot.receipt.title': '投票成功',
  'ballot.receipt.lead': '您的回执码：',
  'ballot.receipt.label': '回执码',
  'ballot.receipt.note': '请记下回执码。计票结果公布后，可以用它核对您的选票已被计入（回执码不显示您投了什么）。',
  'ballot.receipt.clearing': '{n} 秒后屏幕将清空，供下一位代表使用。',

  // The receipt on the hall tablet
  'hall.receipt.keep': '保持显示',
  'hall.receipt.kept': '回执会一直显示，直到您点「完成」。看完请点「完成」，下一位代表就看不到您的回执。',
  'hall.receipt.print': '打印回执',
  'hall.receipt.done': '完成（清除回执）',
  'hall.receipt.slipTitle': '投票回执',
  'hall.receipt.slipVote': '表决：{title}',
  'hall.receipt.slipCheck': '计票结果公布后，用手机扫描二维码或打开下面的网址，输入上面的回执码，就能核对您的选票已被计入。',
  'hall.receipt.slipNote': '回执码不显示您投了什么，也不记您的姓名。请自行保管。',
  'hall.receipt.idleClear': '若 {n} 分钟无人操作，屏幕也会自动清空。',

  // A kiosk voting tablet: its badge and the staff's way off it
  'kiosk.kind.ballot': '投票平板',
  // 会场测评: the voting tablet's 测评 mode (web/src/kiosk/KioskGuard.tsx)
  'kiosk.mode.evaluation': '满意度测评',
  'kiosk.badge': '{kind} · {label}',
  'kiosk.leave.open': '工作人员退出',
  'kiosk.leave.title': '退出平板模式',
  'kiosk.leave.lead': '只有本人大的工作人员（管理员）可以退出。退出后这台平板立即停用，设备回到登录页，不会保持任何人的登录。',
  'kiosk.leave.username': '工作人员用户名',
  'kiosk.leave.password': '密码',
  'kiosk.leave.submit': '登录并退出平板模式',

  // Words of the office that the formats in index.ts use
  'office.fraction.all': '全部',
  'office.body.county': '{place}人大常委会',
  'office.body.township': '{place}人大主席团',
  // Each vote method's name (shared/ballot/methods: the tablet bundles the method modules, which name them)
  'settings.markMode.for_against_abstain': '赞成 / 反对 / 弃权',
  'settings.markMode.approve': '只勾选赞成（最多应选数）',
  'settings.markMode.motion': '议题表决（赞成 / 反对 / 弃权）',
};
