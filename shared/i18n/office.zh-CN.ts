/** Words of the office's forms and words (congress rules, public pages, dates) in Chinese; merged into the main dictionary in zh-CN.ts. */
export const officeZh = {
  'office.fraction.all': '全部',
  'office.body.county': '{place}人大常委会',
  'office.body.township': '{place}人大主席团',
  'office.footer': '{body} · {note}',
};
