/** Words of the projects stage in English: exactly the keys of projects.zh-CN.ts (checked by tsc). */
import type { projectsZh } from './projects.zh-CN.ts';

export const projectsEn: Record<keyof typeof projectsZh, string> = {
  'nav.stage.projects': 'Projects',
};
