/** Words of accessibility fixes in English: exactly the keys of a11y.zh-CN.ts (checked by tsc). */
import type { a11yZh } from './a11y.zh-CN.ts';

export const a11yEn: Record<keyof typeof a11yZh, string> = {
  'a11y.progress.derived': '{n} by the milestones completed',
  'a11y.progress.and': '; ',
  'a11y.progress.reported': 'the department reports {n} done',
  'a11y.progress.markKey': 'The line on the bar: the progress the department reports',
  'a11y.progress.none': 'No progress reported yet',
  'a11y.named': '{action}: {name}',
  'a11y.proposalsOfYear': '{count}: received for {year}',
  'a11y.ofYear': '{action}: the {year} collection',
};
