/** The items stage's refusals: status and a message a person can act on, in both languages (shared/errors.ts gathers them). */
import type { ErrorEntry } from '../errors.ts';

export const ITEMS_ERRORS = {
  item_category_unused: {
    status: 400,
    zh: '本人大没有启用这个意见建议类别：请选用设置中“闭会期间工作”所列的类别（或请管理员在设置中启用它）。',
    en: 'This congress does not use that item category: choose one listed in its settings (or ask an administrator to turn it on).',
  },
  item_not_found: { status: 404, zh: '找不到该意见建议（或您无权查看）。', en: 'This item does not exist (or is not yours to see).' },
  item_wrong_state: {
    status: 409,
    zh: '该意见建议当前状态为“{status}”，不能执行此操作，请刷新页面查看最新状态。',
    en: 'This item is now “{status}”, so this cannot be done; reload the page to see where it stands.',
  },
  item_reopened_once: {
    status: 409,
    zh: '该意见建议已重新办理过一次，不再重新交办；如仍有问题，请列入月度研判。',
    en: 'This item was already reopened once and is not reopened again; take it to the monthly review instead.',
  },
  item_merge_self: { status: 400, zh: '不能把意见建议合并到它自己。', en: 'An item cannot be merged into itself.' },
  item_merge_target: {
    status: 409,
    zh: '只能合并到本届人大尚在办理中的另一件意见建议（目标已办结、已合并或不存在）。',
    en: 'An item can be merged only into another open item of this congress (the target is closed, merged or missing).',
  },
  item_due_past: {
    status: 400,
    zh: '办理期限必须晚于今天（{today}）。',
    en: 'The deadline must be after today ({today}).',
  },
  item_date_future: { status: 400, zh: '收到日期不能晚于今天（{today}）。', en: 'The date received cannot be after today ({today}).' },
  item_no_window: {
    status: 409,
    zh: '没有正在征集或已排定的征集期，无法转为项目建议；请先在“征集期”中安排下一期。',
    en: 'No collection window is open or scheduled, so it cannot become a proposal; schedule the next window first.',
  },
  item_source_not_allowed: {
    status: 403,
    zh: '您不能登记来源为“{source}”的意见建议。',
    en: 'You cannot enter an item from the source “{source}”.',
  },
  item_station_not_found: { status: 404, zh: '找不到该联络站。', en: 'This liaison station does not exist.' },
  item_station_required: { status: 400, zh: '请选择联络站。', en: 'Choose the liaison station.' },
  item_reception_not_found: { status: 404, zh: '找不到该接待记录。', en: 'This reception record does not exist.' },
  item_not_representative: {
    status: 403,
    zh: '您的账号不在本届代表名册中，不能以代表身份登记或评价。',
    en: 'Your account is not on this congress’s roster, so you cannot enter or rate as a representative.',
  },
  item_file_not_found: { status: 404, zh: '找不到该文件。', en: 'This file does not exist.' },
  item_not_rateable: {
    status: 409,
    zh: '该意见建议尚未答复办结，暂不能评价。',
    en: 'This item has not been answered and closed yet, so it cannot be rated.',
  },
  item_feedback_given: {
    status: 409,
    zh: '本轮答复已评价过，不能重复评价。',
    en: 'The answer of this round was already rated; it cannot be rated again.',
  },
  handling_not_yours: {
    status: 403,
    zh: '只有提出该意见建议的代表可以评价其办理情况。',
    en: 'Only the representative who raised this item may rate its handling.',
  },
  handling_rated: {
    status: 409,
    zh: '您已评价过本轮办理情况（背靠背，不记录评价人），不能重复评价。',
    en: 'You already rated the handling of this round (back-to-back, the rater is not recorded); it cannot be rated again.',
  },
  handling_not_rateable: {
    status: 409,
    zh: '该意见建议尚未由承办单位答复办结，暂不能评价办理情况。',
    en: 'No department has answered and closed this item yet, so its handling cannot be rated.',
  },
} as const satisfies Record<string, ErrorEntry>;
