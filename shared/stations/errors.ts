/** The stations stage's refusals: status and a message a person can act on, in both languages (shared/errors.ts gathers them). */
import type { ErrorEntry } from '../errors.ts';

export const STATIONS_ERRORS = {
  station_not_found: { status: 404, zh: '找不到该联络站。', en: 'This liaison station does not exist.' },
  station_name_taken: { status: 409, zh: '本人大已有名为“{name}”的联络站。', en: 'This congress already has a liaison station named “{name}”.' },
  station_required: { status: 400, zh: '联络站管理员账号必须指定所属联络站。', en: 'A station keeper account must name its liaison station.' },
  station_not_allowed: { status: 400, zh: '只有联络站管理员角色可以指定联络站。', en: 'Only the station keeper role takes a liaison station.' },
  station_not_yours: { status: 403, zh: '您只能管理本联络站的接待计划和接待记录。', en: "You can manage only your own station's reception plan and records." },
  not_station_representative: {
    status: 400,
    zh: '“{name}”不是本联络站的进站代表，请先在联络站页面添加。',
    en: '“{name}” is not a representative of this station; assign them on the station page first.',
  },
  reception_day_not_found: { status: 404, zh: '找不到该接待日。', en: 'This reception day does not exist.' },
  reception_day_exists: { status: 409, zh: '{day} 已在接待计划中。', en: '{day} is already in the reception plan.' },
  reception_day_recorded: { status: 409, zh: '{day} 已有接待记录，不能从计划中删除。', en: '{day} already has a reception record; it cannot be removed from the plan.' },
  plan_range_invalid: {
    status: 400,
    zh: '日期范围无效：开始日期不能晚于结束日期，且须在同一年内。',
    en: 'Invalid date range: the start must not be after the end, and both must be in the same year.',
  },
  plan_rule_no_days: { status: 400, zh: '该规则在所选日期范围内没有产生任何日期。', en: 'This rule gives no day in the chosen range.' },
  reception_not_found: { status: 404, zh: '找不到该接待记录。', en: 'This reception record does not exist.' },
  reception_in_future: { status: 400, zh: '接待日期 {day} 还没到，接待之后再登记。', en: 'The reception date {day} is still to come; record it after the reception.' },
  reception_file_not_found: { status: 404, zh: '找不到该文件。', en: 'This file does not exist.' },
} as const satisfies Record<string, ErrorEntry>;
