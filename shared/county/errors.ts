/** The county stage's refusals: status and a message a person can act on, in both languages (shared/errors.ts gathers them). */
import type { ErrorEntry } from '../errors.ts';

export const COUNTY_ERRORS = {
  parent_level: {
    status: 400,
    zh: '上级人大的层级不对：乡镇、街道应在县（区）之下，县（区）应在市之下，市在最上层。',
    en: 'Wrong level for the congress above: a township or street sits under a county, a county under a city, a city at the top.',
  },
  overseer_level: {
    status: 400,
    zh: '上级督导角色只能设在县（区）或市人大：它查看的是下辖的乡镇和街道。',
    en: 'The overseer role is held on a county or city congress: it reads the congresses below.',
  },
  parent_self: { status: 400, zh: '人大不能作为自己的上级。', en: 'A congress cannot be its own parent.' },
  congress_not_below: {
    status: 404,
    zh: '找不到该人大，或它不在本县（市）之下。',
    en: 'That congress does not exist or is not below this county (city).',
  },
} as const satisfies Record<string, ErrorEntry>;
