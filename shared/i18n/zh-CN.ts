/**
 * The source dictionary: every word the web app shows, in Chinese (the default language). Keys are flat and grouped
 * by page; `{name}` marks a value filled in by `translate`. en.ts must have exactly the same keys (checked by tsc).
 * Terms follow the glossary in design §11.
 */
import { projectsZh } from './projects.zh-CN.ts';

import { evaluationZh } from './evaluation.zh-CN.ts';
import { homeZh } from './home.zh-CN.ts';
import { kioskZh } from './kiosk.zh-CN.ts';
import { hallZh } from './hall.zh-CN.ts';
import { tallyZh } from './tally.zh-CN.ts';
import { officeZh } from './office.zh-CN.ts';
import { auditZh } from './audit.zh-CN.ts';
import { adminZh } from './admin.zh-CN.ts';
import { a11yZh } from './a11y.zh-CN.ts';
import { ballotZh } from './ballot.zh-CN.ts';
import { publicZh } from './public.zh-CN.ts';
import { gatheringZh } from './gathering.zh-CN.ts';
import { accountsZh } from './accounts.zh-CN.ts';
import { departmentsZh } from './departments.zh-CN.ts';
import { congressZh } from './congress.zh-CN.ts';
import { authZh } from './auth.zh-CN.ts';
import { rosterZh } from './roster.zh-CN.ts';
import { decisionZh } from './decision.zh-CN.ts';
import { stationsZh } from './stations.zh-CN.ts';
import { itemsZh } from './items.zh-CN.ts';
import { itemsPagesZh } from './items-pages.zh-CN.ts';
import { hotlineZh } from './hotline.zh-CN.ts';
import { reviewZh } from './review.zh-CN.ts';
import { archiveZh } from './archive.zh-CN.ts';
import { countyZh } from './county.zh-CN.ts';
import { templatesZh } from './templates.zh-CN.ts';
import { hallboxZh } from './hallbox.zh-CN.ts';
import { notifyZh } from './notify.zh-CN.ts';
export const zhCN = {
  // Each stage keeps its words in its own file (<stage>.zh-CN.ts), spread here first: a key below must not repeat
  // there. What stays below is common to every page (the product, shared words, fields, navigation, roles).
  // The hall tablet's words, built into the app's first chunk (ballot.zh-CN.ts).
  ...ballotZh,
  ...homeZh,
  ...kioskZh,
  ...hallZh,
  ...tallyZh,
  ...officeZh,
  ...auditZh,
  ...adminZh,
  ...a11yZh,
  ...publicZh,
  ...gatheringZh,
  ...accountsZh,
  ...departmentsZh,
  ...congressZh,
  ...authZh,
  ...rosterZh,
  ...decisionZh,
  ...stationsZh,
  ...itemsZh,
  ...itemsPagesZh,
  ...hotlineZh,
  ...reviewZh,
  ...archiveZh,
  ...countyZh,
  ...templatesZh,
  ...hallboxZh,
  ...notifyZh,
  // The evaluation stage keeps its words in its own file.
  ...evaluationZh,
  // The projects stage keeps its words in its own file.
  ...projectsZh,
  // The product
  'app.name': '民生实事票决与测评平台',
  'app.footerNote': '民生实事项目票决与满意度测评',
  'a11y.skipToContent': '跳到正文',
  'lang.switchTo': 'Switch to English',
  'footer.apiDocs': 'API 文档',
  'header.currentCongress': '当前人大',

  // Shared words
  'common.save': '保存',
  'common.edit': '修改',
  'common.actions': '操作',
  'common.dismiss': '知道了',
  'unit.cards': '张',
  'unit.items': '个',
  'unit.people': '人',
  'unit.points': '分',
  'unit.responses': '份',

  // Errors the client makes itself (the server's come translated)
  'error.sessionLoad': '无法确认登录状态',

  // Fields used on several forms
  'field.displayName': '姓名',
  'field.username': '用户名',
  'field.usernameHint': '3–40 位英文字母、数字、下划线、点或连字符，用于登录。',
  'field.password': '密码',
  'field.passwordHint': '至少 10 个字符。可以用一句好记的话。',
  'field.passwordRepeat': '再次输入密码',

  // Navigation (one group per lifecycle stage)
  'nav.label': '主导航',
  'nav.menu': '菜单',
  'nav.stage.setup': '基础设置',
  'nav.overview': '概况与规则设置',
  'nav.roster': '代表名册',
  'nav.departments': '承办单位',
  'nav.members': '账号与角色',
  'nav.audit': '审计日志',
  'nav.congresses': '全部人大',
  'nav.accounts': '全部账号',
  'nav.myAccount': '我的账户',
  'nav.signOut': '退出登录',

  // Roles (design §1)
  'role.admin': '管理员',
  'role.government': '政府办',
  'role.presidium': '主席团',
  'role.scrutineer': '监票人',
  'role.representative': '人大代表',
  'role.department': '承办单位',
  'role.station': '联络站管理员',
  'role.overseer': '上级督导（县市）',
  'role.systemAdmin': '系统管理员',
  'role.admin.does': '人大常委会工作人员：设置人大、名册、承办单位、账号和会议，推进各阶段工作。',
  'role.government.does': '政府办：初审项目建议，提出候选项目清单及预算和承办单位。',
  'role.presidium.does': '主席团成员、执行主席：开启和截止表决，公布结果。',
  'role.scrutineer.does': '总监票人、监票人、计票人：监督发票和投票，录入纸质选票，确认计票结果。',
  'role.representative.does': '人大代表：签到、投票、提出建议、参加视察和测评。通常凭代表证二维码登录。',
  'role.station.does': '联络站管理员：维护本站的代表、接待计划和接待登记，登记群众意见建议。',
  'role.overseer.does': '县、市人大常委会工作人员：并排查看下辖乡镇的年度工作、数字、汇总报告和会场数据包，看不到任何选票、测评答卷或私人联系方式。',
  'role.department.does': '承办单位：报告所承办项目的进展和佐证材料，答复视察意见和整改要求。',

  // Not found / no access
  'notFound.title': '找不到该页面',
  'notFound.body': '地址可能有误，或该页面已不存在。',
  'notFound.home': '回到首页',
  'noAccess.title': '无权查看',
  'noAccess.body': '您在本人大中的角色不包括此页面。',
  'noAccess.next': '如需使用，请联系本人大的管理员为您授予相应角色。',

};

export type MessageKey = keyof typeof zhCN;
