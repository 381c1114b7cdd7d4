/** Words of the office's forms and words (congress rules, public pages, dates) in Chinese; merged into the main dictionary in zh-CN.ts. */
export const officeZh = {
  'office.footer': '{body} · {note}',
};
