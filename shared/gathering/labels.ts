import type { Lang } from '../errors.ts';

type Both = { zh: string; en: string };
/** Words for codes that appear in server messages and CSV exports (the web app has its own i18n keys). */
export const CHECK_LABELS: Record<string, Both> = {
  feasibility: { zh: '论证', en: 'feasibility' },
  assessment: { zh: '评估', en: 'assessment' },
  legality: { zh: '合法性审查', en: 'legality review' },
  fiscal: { zh: '财政承受能力', en: 'fiscal capacity' },
  environment: { zh: '环境影响', en: 'environment' },
  landUse: { zh: '用地', en: 'land use' },
  publicSafety: { zh: '公共安全', en: 'public safety' },
};
export const STATUS_LABELS: Record<string, Both> = {
  submitted: { zh: '待初定', en: 'waiting for screening' },
  accepted: { zh: '已列为候选项目', en: 'accepted as a candidate' },
  merged: { zh: '已合并', en: 'merged' },
  not_adopted: { zh: '不予采纳', en: 'not adopted' },
  reserved: { zh: '已转入储备库', en: 'in the reserve pool' },
};
export const CHANNEL_LABELS: Record<string, Both> = {
  resident_online: { zh: '群众网上提交', en: 'resident online' },
  liaison_station: { zh: '代表联络站', en: 'liaison station' },
  hotline_12345: { zh: '12345 热线', en: '12345 hotline' },
  representative: { zh: '人大代表', en: 'representative' },
  department: { zh: '部门', en: 'department' },
  government: { zh: '政府', en: 'government' },
};
export const CATEGORY_LABELS: Record<string, Both> = {
  education: { zh: '教育', en: 'education' },
  transport: { zh: '交通出行', en: 'transport' },
  water: { zh: '供水', en: 'water' },
  health: { zh: '医疗卫生', en: 'health' },
  elderly_care: { zh: '养老服务', en: 'elderly care' },
  environment: { zh: '生态环境', en: 'environment' },
  culture: { zh: '文化体育', en: 'culture' },
  other: { zh: '其他', en: 'other' },
};

/** A list of codes in words, joined as each language joins them. */
export const wordsOf = (labels: Record<string, Both>, codes: string[]): Both => ({
  zh: codes.map((c) => labels[c]?.zh ?? c).join('、'),
  en: codes.map((c) => labels[c]?.en ?? c).join(', '),
});
export const pick = (b: Both, lang: Lang) => (lang === 'en' ? b.en : b.zh);
