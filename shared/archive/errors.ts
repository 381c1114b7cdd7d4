/** The archive stage's refusals: status and a message a person can act on, in both languages (shared/errors.ts gathers them). */
import type { ErrorEntry } from '../errors.ts';

export const ARCHIVE_ERRORS = {
  archive_no_roster: {
    status: 404,
    zh: '名册中没有与您的账号对应的代表，无法显示履职档案。请用代表证登录，或请工作人员在名册中关联您的账号。',
    en: 'No representative on the roster is linked to your account, so there is no duty archive to show. Sign in with your delegate card, or ask the staff to link your account on the roster.',
  },
  archive_entry_not_found: { status: 404, zh: '找不到该履职记录。', en: 'This duty record does not exist.' },
  archive_rating_training: {
    status: 400,
    zh: '培训不评等次：只有述职可以填写评议结果。请清除评议结果，或把类型改为述职。',
    en: 'A training has no rating: only a report (述职) is rated. Clear the rating, or make it a report.',
  },
  archive_entry_future: {
    status: 400,
    zh: '日期不能晚于今天：履职档案只记录已经发生的培训和述职。',
    en: 'The date cannot be after today: the duty archive records trainings and reports that have taken place.',
  },
} as const satisfies Record<string, ErrorEntry>;
