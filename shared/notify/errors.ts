/** The notify stage's refusals: status and a message a person can act on, in both languages (shared/errors.ts gathers them). */
import type { ErrorEntry } from '../errors.ts';

export const NOTIFY_ERRORS = {
  notify_message_not_found: { status: 404, zh: '找不到该条通知。', en: 'This message does not exist.' },
  notify_not_failed: { status: 409, zh: '只有发送失败的通知可以重发。', en: 'Only a message that failed can be sent again.' },
  notify_webhook_invalid: {
    status: 400,
    zh: '机器人地址不对：企业微信应为 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…，钉钉应为 https://oapi.dingtalk.com/robot/send?access_token=…',
    en: 'The robot address is not right: 企业微信 is https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…, 钉钉 is https://oapi.dingtalk.com/robot/send?access_token=…',
  },
  notify_channel_off: {
    status: 409,
    zh: '这个渠道还没有开通：短信和邮件由系统管理员在部署配置中开通，群机器人在本页填写地址后开通。',
    en: 'This channel is not on: SMS and e-mail are set up in the deployment settings by the system administrator, a group robot by its address on this page.',
  },
  notify_address_invalid: {
    status: 400,
    zh: '请填写接收测试的手机号（11 位）或邮箱地址。',
    en: 'Type the mobile number (11 digits) or e-mail address to send the test to.',
  },
  notify_template_param_unknown: {
    status: 400,
    zh: '模板中有这类通知不提供的占位符：{names}。只能使用 {allowed}。',
    en: 'The words use placeholders this message does not fill: {names}. Use only {allowed}.',
  },
  notify_sms_template_unapproved: {
    status: 400,
    zh: '这个短信模板编号不在服务商已审核的模板中（部署配置 SMS_TEMPLATES）。',
    en: "This SMS template code is not one of the provider's approved templates (deployment setting SMS_TEMPLATES).",
  },
  notify_optout_token_invalid: {
    status: 400,
    zh: '退订链接无效或不完整，请从收到的通知中完整复制链接。',
    en: 'The opt-out link is not valid or not whole: copy the whole link from the message you received.',
  },
  notify_round_not_open: {
    status: 409,
    zh: '这轮测评不在进行中（或不向群众开放），不能发送邀请。',
    en: 'This evaluation round is not open (or not open to residents): invitations cannot be sent.',
  },
  notify_no_numbers: { status: 400, zh: '没有可发送的手机号：请每行填写一个 11 位手机号。', en: 'No mobile number to send to: type one 11-digit number per line.' },
  notify_too_many_numbers: { status: 400, zh: '一次最多邀请 {max} 个手机号，请分批发送。', en: 'At most {max} numbers at a time: send them in batches.' },
  notify_signature_invalid: { status: 401, zh: '回调签名不对。', en: 'The callback signature is not valid.' },
} as const satisfies Record<string, ErrorEntry>;
