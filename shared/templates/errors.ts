/** The templates stage's refusals: status and a message a person can act on, in both languages (shared/errors.ts gathers them). */
import type { ErrorEntry } from '../errors.ts';

export const TEMPLATES_ERRORS = {
  template_level: {
    status: 400,
    zh: '只有县（区）或市人大可以下发模板；乡镇、街道可以在“上级模板”中采用上级下发的模板。',
    en: 'Only a county or city congress publishes templates; a township or street adopts them under "Templates from above".',
  },
  template_name_taken: { status: 409, zh: '已有同名模板，请换一个名称。', en: 'A template with this name exists already: choose another name.' },
  template_not_found: { status: 404, zh: '找不到该模板。', en: 'This template does not exist.' },
  template_version_not_found: {
    status: 404,
    zh: '找不到该模板版本，或它不是本人大上级（县、市）下发的。',
    en: 'This template version does not exist, or was not published by a county or city above this congress.',
  },
  template_part_missing: {
    status: 400,
    zh: '所选的部分不在这个模板版本中：只能采用版本中包含的部分。',
    en: 'A part chosen is not in this template version: adopt only the parts it holds.',
  },
} as const satisfies Record<string, ErrorEntry>;
