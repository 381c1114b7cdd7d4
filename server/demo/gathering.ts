import type { CATEGORIES, CHANNELS } from '../../shared/gathering/schema.ts';
import type { Database, Tx } from '../db/client.ts';
import { collectionWindows, type congresses, type departments } from '../db/schema/index.ts';
import type { Actor } from '../lib/audit.ts';
import { createList, freezeList } from '../gathering/lists.ts';
import { emptyChecks, submitProposal } from '../gathering/proposals.ts';
import { acceptProposal, mergeProposal, recordChecks, rejectProposal } from '../gathering/screening.ts';
import { type DemoClock, shanghai } from './clock.ts';
import { addDays } from '../../shared/time.ts';

type Channel = (typeof CHANNELS)[number];
type Category = (typeof CATEGORIES)[number];
type Demo = { title: string; category: Category; location: string; investment: string; channel: Channel; description: string };
const P = (title: string, category: Category, location: string, investment: string, channel: Channel, description: string): Demo => ({ title, category, location, investment, channel, description });

/**
 * Department indexes (see DEPARTMENTS in load-demo.ts): 0 党政办, 1 社会事务办, 2 建设管理办, 3 农业农村办, 4 交通站,
 * 5 卫生院, 6 中心学校, 7 水务站.
 * The twelve candidates, in ballot order; the last three are the ones the vote leaves out (two tie for the tenth seat).
 */
export const CANDIDATES: (Demo & { lead: number; co: number[] })[] = [
  { ...P('河东村至镇区道路硬化', 'transport', '河东村', '185.00', 'liaison_station', '河东村至镇区 2.3 公里砂石路坑洼不平，雨天泥泞，学生上学、农产品外运都不方便，建议硬化为 5 米宽水泥路。'), lead: 4, co: [2] },
  { ...P('石桥村自来水管网改造', 'water', '石桥村', '240.00', 'representative', '村内供水管网建于上世纪九十年代，老化漏水严重，夏季高峰经常停水，建议更换主管 6 公里并入户改造。'), lead: 7, co: [3] },
  { ...P('河西村主干道安装太阳能路灯', 'transport', '河西村', '48.00', 'resident_online', '河西村主干道和通组路没有路灯，晚上出行和老人散步不安全，建议安装太阳能路灯 120 盏。'), lead: 2, co: [] },
  { ...P('镇区及村级公厕新建改造', 'environment', '镇区及各村', '96.00', 'hotline_12345', '集镇赶集日如厕难，部分村公厕破旧无人管护，建议新建改造公厕 8 座并落实保洁。'), lead: 2, co: [3] },
  { ...P('河西村居家养老服务站', 'elderly_care', '河西村', '60.00', 'liaison_station', '河西村 80 岁以上独居老人 37 人，建议建设养老服务站，提供助餐、助浴和日间照料。'), lead: 1, co: [5] },
  { ...P('镇卫生院添置数字化 X 光机', 'health', '镇区', '95.50', 'department', '卫生院现有 X 光机使用 14 年，成像差、故障多，群众拍片要跑县城，建议更换 DR 设备。'), lead: 5, co: [] },
  { ...P('中心学校塑胶操场改造', 'education', '镇区', '150.00', 'hotline_12345', '中心学校煤渣跑道扬尘严重，雨后积水，学生体育课受影响，建议改造为 300 米塑胶跑道。'), lead: 6, co: [2] },
  { ...P('青山社区老旧小区加装电梯', 'elderly_care', '青山社区', '360.00', 'resident_online', '社区 6 栋多层住宅老年住户多，上下楼困难，居民自筹意愿强，建议给予补助加装电梯 6 部。'), lead: 2, co: [1] },
  { ...P('青山农贸市场提升改造', 'other', '镇区', '130.00', 'government', '农贸市场顶棚漏雨、排水不畅，摊位杂乱，建议改造顶棚、地面和排水，规范摊位。'), lead: 3, co: [2] },
  { ...P('石桥村灌溉水渠清淤修复', 'water', '石桥村', '72.00', 'representative', '石桥村 1200 亩农田灌溉主渠淤塞、渠壁垮塌，建议清淤 3.5 公里并修复渠壁。'), lead: 3, co: [7] },
  { ...P('青山社区老年助餐食堂', 'elderly_care', '青山社区', '55.00', 'resident_online', '社区老年人吃饭难，建议利用闲置用房建设老年助餐食堂，对 70 岁以上老人优惠。'), lead: 1, co: [] },
  { ...P('滨河步道亮化工程', 'environment', '青山社区', '88.00', 'department', '滨河步道晚上散步群众多但没有照明，建议安装景观灯和庭院灯。'), lead: 2, co: [] },
];

/** The other eighteen proposals: merged into a candidate, not adopted with a reason, or parked in the reserve pool. */
const OTHERS: (Demo & ({ merge: number } | { reject: string } | { reserve: string }))[] = [
  { ...P('河东村道路硬化改造', 'transport', '河东村二组', '160.00', 'resident_online', '河东村到镇上的路太烂了，希望硬化。'), merge: 0 },
  { ...P('河东村出行路面修补', 'transport', '河东村', '20.00', 'hotline_12345', '河东村路面坑洼，请求修补。'), merge: 0 },
  { ...P('石桥村饮水安全问题', 'water', '石桥村三组', '30.00', 'hotline_12345', '水管经常爆裂，自来水浑浊，夏天停水。'), merge: 1 },
  { ...P('河西村通组路照明', 'transport', '河西村四组', '12.00', 'liaison_station', '通组路没有灯，晚上摔倒过老人。'), merge: 2 },
  { ...P('集镇赶集日公厕不足', 'environment', '镇区', '25.00', 'resident_online', '赶集日人多，公厕只有一座，排长队。'), merge: 3 },
  { ...P('独居老人助餐服务', 'elderly_care', '河西村', '15.00', 'representative', '独居老人吃饭成问题，希望有人送餐。'), merge: 4 },
  { ...P('新建镇文化活动中心办公楼', 'culture', '镇区', '800.00', 'government', '建设文化活动中心及配套办公楼。'), reject: '含新建办公楼，属于民生实事负面清单，不予采纳' },
  { ...P('青山社区商业街招商引资', 'other', '青山社区', '500.00', 'resident_online', '引进大型商场，带动社区商业。'), reject: '属于市场经营行为，不属于政府民生实事范围' },
  { ...P('给每户村民发放取暖补贴', 'other', '全镇', '300.00', 'hotline_12345', '冬天冷，希望给每户发取暖补贴。'), reject: '属于普惠性补贴，已有县级政策覆盖，不列入项目' },
  { ...P('河东村小组活动室装修', 'culture', '河东村一组', '6.00', 'liaison_station', '小组活动室墙面脱落，需要装修。'), reject: '投资小，由村级组织运转经费解决，转村委会办理' },
  { ...P('镇区主干道“白改黑”', 'transport', '镇区', '420.00', 'department', '镇区主干道水泥路面改沥青路面。'), reject: '省道改造计划已包含该路段，由县交通运输局统一实施' },
  { ...P('建设镇级全民健身中心', 'culture', '镇区', '650.00', 'representative', '建设室内综合健身馆。'), reject: '投资规模超出镇级财力，经评估不具备实施条件' },
  { ...P('滨河生态公园一期', 'environment', '青山社区', '420.00', 'government', '沿河建设步道和绿地。'), reserve: '用地尚未落实，转入储备库明年再议' },
  { ...P('石桥村文化广场', 'culture', '石桥村', '70.00', 'liaison_station', '村里没有活动场地，建议建文化广场。'), reserve: '选址需与村庄规划衔接，转入储备库' },
  { ...P('河西村农村污水管网', 'environment', '河西村', '280.00', 'department', '生活污水直排河道，建议建设污水收集管网。'), reserve: '已申报省级农村污水治理专项，待资金下达后实施' },
  { ...P('中心幼儿园扩班', 'education', '镇区', '210.00', 'resident_online', '幼儿园学位紧张，建议扩建 3 个班。'), reserve: '生源预测待教育部门复核，转入储备库' },
  { ...P('镇卫生院中医馆建设', 'health', '镇区', '45.00', 'department', '建设中医馆，开展针灸、推拿等服务。'), reserve: '设备采购纳入下一年度卫生专项，转入储备库' },
  { ...P('青山社区电动车充电棚', 'other', '青山社区', '18.00', 'hotline_12345', '楼道充电有火灾隐患，建议建集中充电棚。'), reject: '由社区物业按消防整改要求实施，转社区办理' },
];

export const DEMO_SEATS = 10;

/** Proposals come in over the window in this order: the candidates and the others spread among each other. */
const ARRIVALS: { kind: 'candidate' | 'other'; i: number }[] = [
  ...CANDIDATES.map((_, i) => ({ kind: 'candidate' as const, i, pos: (i + 0.5) / CANDIDATES.length })),
  ...OTHERS.map((_, i) => ({ kind: 'other' as const, i, pos: (i + 0.3) / OTHERS.length })),
]
  .sort((x, y) => x.pos - y.pos)
  .map(({ kind, i }) => ({ kind, i }));

/**
 * The gathering part of the demo year: last autumn's window (1 September – 31 October), thirty proposals from every
 * channel arriving through it, screening in November, a list drafted and frozen in December. Each step in its own
 * transaction at its own demo time (`clock`), as the office would have done it.
 */
export async function loadGatheringDemo(database: Database, clock: DemoClock, actor: NonNullable<Actor>, congress: typeof congresses.$inferSelect, deps: (typeof departments.$inferSelect)[], year: number) {
  const step = <T>(at: Date, fn: (ctx: { tx: Tx; actor: NonNullable<Actor>; congress: typeof congresses.$inferSelect }) => Promise<T>) => {
    clock.set(at);
    return database.db.transaction((tx) => fn({ tx, actor, congress }));
  };
  const opensOn = `${year - 1}-09-01`;
  await step(shanghai(`${year - 1}-08-25`, '10:00'), (ctx) => ctx.tx.insert(collectionWindows).values({ congressId: congress.id, year, opensOn, closesOn: `${year - 1}-10-31` }));
  const submit = (p: Demo, at: Date) =>
    step(at, (ctx) =>
      submitProposal(ctx.tx, {
        congressId: congress.id,
        input: {
          title: p.title,
          description: p.description,
          category: p.category,
          location: p.location,
          estimatedInvestment: p.investment,
          beneficiaries: `${p.location}群众`,
          channel: p.channel,
          station: p.channel === 'liaison_station' ? `${p.location.slice(0, 3)}代表联络站` : '',
          submitterName: p.channel === 'resident_online' || p.channel === 'hotline_12345' ? '热心居民' : '',
          submitterContact: p.channel === 'resident_online' ? '13800000000' : '',
          submittedBy: null,
        },
        files: [],
        actor: p.channel === 'resident_online' ? null : actor,
        // The window is closed by the time the demo is loaded; these arrived while it was open.
        requireOpen: false,
      }),
    );
  const rows: Awaited<ReturnType<typeof submit>>[] = [];
  const others: Awaited<ReturnType<typeof submit>>[] = [];
  // Thirty arrivals over the sixty days of the window, in office hours (08:30–17:30), a little after each other.
  for (const [n, a] of ARRIVALS.entries()) {
    const day = addDays(opensOn, 1 + Math.floor((n * 58) / ARRIVALS.length));
    const at = shanghai(day, `${String(8 + ((n * 3) % 9)).padStart(2, '0')}:${String((n * 17) % 60).padStart(2, '0')}`);
    if (a.kind === 'candidate') rows[a.i] = await submit(CANDIDATES[a.i], at);
    else others[a.i] = await submit(OTHERS[a.i], at);
  }
  const passed = { ...emptyChecks() };
  for (const k of Object.keys(passed) as (keyof typeof passed)[]) passed[k] = { result: 'pass', note: '' };
  // 政府办 screens in November: two or three proposals an office day.
  let screening = 0;
  const nextScreening = () => {
    const n = screening++;
    return shanghai(addDays(`${year - 1}-11-03`, Math.floor(n / 3) + 2 * Math.floor(n / 15)), `${String(9 + (n % 3) * 2).padStart(2, '0')}:30`);
  };
  const candidateIds: string[] = [];
  for (const [i, c] of CANDIDATES.entries()) {
    const at = nextScreening();
    await step(at, (ctx) => recordChecks(ctx, rows[i].id, passed));
    const cand = await step(new Date(at.getTime() + 40 * 60_000), (ctx) =>
      acceptProposal(
        ctx,
        rows[i].id,
        {
          title: c.title,
          content: c.description,
          leadDepartmentId: deps[c.lead].id,
          coDepartmentIds: c.co.map((d) => deps[d].id),
          plannedInvestment: c.investment,
          fundingSource: '镇级财政、上级专项补助',
          plannedCompletion: `${year}-12-20`,
          expectedOutcome: `${c.location}群众受益，年底前完工并交付使用`,
        },
        '',
      ),
    );
    candidateIds.push(cand.id);
  }
  for (const [i, o] of OTHERS.entries()) {
    const at = nextScreening();
    if ('merge' in o) await step(at, (ctx) => mergeProposal(ctx, others[i].id, rows[o.merge].id, `与“${CANDIDATES[o.merge].title}”内容相同，合并办理`));
    else if ('reject' in o) await step(at, (ctx) => rejectProposal(ctx, others[i].id, o.reject, false));
    else await step(at, (ctx) => rejectProposal(ctx, others[i].id, o.reserve, true));
  }
  // The list is drafted in early December and frozen a week later, a month before the session.
  const listId = await step(shanghai(`${year - 1}-12-04`, '10:00'), (ctx) => createList(ctx, { title: `${year}年度民生实事候选项目`, year, seats: DEMO_SEATS, candidateIds }));
  await step(shanghai(`${year - 1}-12-11`, '15:00'), (ctx) => freezeList(ctx, listId, false));
  return { listId, candidateIds };
}
