/** Words of the evaluation stage in English: exactly the keys of evaluation.zh-CN.ts (checked by tsc). */
import type { evaluationZh } from './evaluation.zh-CN.ts';

export const evaluationEn: Record<keyof typeof evaluationZh, string> = {
  'nav.stage.evaluation': 'Satisfaction evaluation',
};
