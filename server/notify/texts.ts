/**
 * Each message's built-in words (SPEC §17), zh-CN and en, with the `{param}` placeholders its kind fills
 * (shared/notify/enums.ts KIND_PARAMS) and an e-mail subject. The Chinese is kept within one SMS (70 characters with
 * its parameters filled in, where the parameters allow). A congress may write its own (notify_templates); an SMS goes
 * out through the provider's approved template (the words here are what staff see of it).
 */
import type { MessageKind } from '../../shared/notify/enums.ts';

export type Words = { zh: string; en: string };

export const TEXTS: Record<MessageKind, Words> = {
  proposal_screened: {
    zh: '您提交的民生实事项目建议“{title}”（查询码{code}）已初审：{outcome}。',
    en: 'Your proposal "{title}" (tracking code {code}) has been screened: {outcome}.',
  },
  item_screened: {
    zh: '您反映的意见建议（查询码{code}）已受理：{outcome}。',
    en: 'The matter you raised (tracking code {code}) has been taken up: {outcome}.',
  },
  item_answered: {
    zh: '您反映的意见建议（查询码{code}）已答复，请查看并评价：{link}',
    en: 'The matter you raised (tracking code {code}) has been answered. Read the answer and rate it: {link}',
  },
  became_project: {
    zh: '您的建议（查询码{code}）已列为民生实事项目“{project}”，感谢参与！',
    en: 'Your suggestion (tracking code {code}) became the livelihood project "{project}". Thank you!',
  },
  project_completed: {
    zh: '您建议的民生实事项目“{project}”已完成（查询码{code}），欢迎监督评价。',
    en: 'The livelihood project "{project}" you suggested is completed (tracking code {code}). Your view is welcome.',
  },
  evaluation_invite: {
    // The link carries the code; its short serial (`{code}`) cannot be typed in (only a stored code's can), so the
    // built-in words do not show it.
    zh: '邀请您参加“{round}”满意度测评，请点开链接匿名作答，仅可用一次：{link}',
    en: 'You are invited to the satisfaction evaluation "{round}". Open the link to answer anonymously, once: {link}',
  },
  item_assigned: {
    zh: '交办事项{code}已交贵单位办理，请于{dueOn}前答复。',
    en: 'Item {code} is assigned to your department: answer by {dueOn}.',
  },
  item_due_soon: {
    zh: '交办事项{code}将于{dueOn}到期，请抓紧办理答复。',
    en: 'Item {code} is due on {dueOn}: please answer in time.',
  },
  item_overdue: {
    zh: '交办事项{code}已于{dueOn}到期未答复，请尽快办理。',
    en: 'Item {code} was due on {dueOn} and is not answered: please answer now.',
  },
  finding_to_answer: {
    zh: '视察项目“{project}”发现问题，请贵单位答复：{finding}',
    en: 'An inspection of "{project}" found a problem for your department to answer: {finding}',
  },
  rectification_due: {
    zh: '测评整改“{target}”将于{dueOn}到期，请按时报送整改情况。',
    en: 'The rectification of "{target}" is due on {dueOn}: please report on it in time.',
  },
  duty_tomorrow: {
    zh: '提醒：您明天（{day}）在{station}接待选民值班。',
    en: 'Reminder: you are on reception duty at {station} tomorrow ({day}).',
  },
  inspection: {
    zh: '您参加{day}对民生实事项目“{project}”的视察已登记，发现的问题可在系统中跟进。',
    en: 'Your inspection of the livelihood project "{project}" on {day} is recorded; follow its findings in the system.',
  },
  evaluation_open: {
    zh: '“{round}”满意度测评已开始，请用代表证登录或凭收到的测评码参加。',
    en: 'The satisfaction evaluation "{round}" is open: sign in with your delegate card or use the code slip you receive.',
  },
  daily_digest: {
    zh: '{day}工作摘要：昨日收到事项{received}件，3天内到期{dueSoon}件，超期{overdue}件，通知发送失败{failed}条。',
    en: 'Digest of {day}: {received} items received yesterday, {dueSoon} due within 3 days, {overdue} overdue, {failed} messages failed.',
  },
  test: {
    zh: '这是“{congress}”的测试通知，收到即说明此渠道已开通。',
    en: 'This is a test message from "{congress}": the channel works.',
  },
};

/** What a resident may do after an e-mail: the opt-out line (its link appended). */
export const OPTOUT_LINE: Words = { zh: '不想再收到此类通知？退订：', en: 'To stop these messages, opt out: ' };
/** The SMS opt-out words (the provider's templates for residents end with them). */
export const SMS_OPTOUT: Words = { zh: '回T退订', en: 'Reply T to opt out' };

/** The words of an outcome, stored as a parameter in the recipient's language. */
export const OUTCOMES = {
  accepted: { zh: '已列为候选项目', en: 'it is a candidate project' },
  merged: { zh: '已与相同建议合并办理', en: 'merged with the same proposal' },
  not_adopted: { zh: '暂不采纳，原因可凭查询码查看', en: 'not adopted; the reason is shown with your tracking code' },
  reserved: { zh: '暂不采纳，已列入项目储备库', en: 'not adopted this year; kept in the reserve pool' },
  answer_on_spot: { zh: '已当场答复', en: 'answered on the spot' },
  assign: { zh: '已交办承办单位办理', en: 'assigned to a department' },
  refer: { zh: '已转有关部门办理', en: 'referred to the competent office' },
  merge: { zh: '已与相同事项合并办理', en: 'merged with the same matter' },
  to_proposal: { zh: '已转为民生实事项目建议', en: 'taken up as a livelihood project proposal' },
} as const satisfies Record<string, Words>;
export type Outcome = keyof typeof OUTCOMES;

/** The e-mail subject: the congress's name and the kind's words. */
export function subjectOf(congressName: string, kindWords: string): string {
  return congressName ? `【${congressName}】${kindWords}` : kindWords;
}
