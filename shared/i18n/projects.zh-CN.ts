/** Words of the projects stage (实施与监督) in Chinese; merged into the main dictionary in zh-CN.ts. */
export const projectsZh = {
  'nav.stage.projects': '项目实施',
} as const;
