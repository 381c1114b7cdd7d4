/**
 * The demo year's liaison stations (SPEC §13 代表联络站), through the real routes as the office and the keepers would:
 * one central station and three village stations, each with its keeper account (role station) and its
 * representatives (进站); a year's reception plan (every 15th at the central station, every Tuesday at 河东村, the 5th
 * and the 25th at the two others), who is on duty, published; and the reception records of the days gone by —
 * representatives present, visitors, a photo, and the items raised there (each with its tracking code, source
 * reception) — plus a home visit and a theme day. With `database`, a few residents also use a station's public form.
 *
 * Call it after the roster exists and BEFORE the items part (its items wait for triage there), after the calendar.
 */
import { signChallenge } from '../gathering/challenge.ts';
import type { Database } from '../db/client.ts';
import { KeyStore } from '../lib/keys.ts';
import { addDays, shanghaiToday } from '../../shared/time.ts';
import type { ItemCategory } from '../../shared/items/enums.ts';
import type { Caller, DemoApp } from './api.ts';
import { shanghai } from './clock.ts';
import { sitePhoto } from './png.ts';
import type { Story } from './year.ts';

/** The keepers' accounts (password: the demo's). */
export const STATION_KEEPERS = ['keeper-center', 'keeper-hedong', 'keeper-xiping', 'keeper-nanshan'] as const;

const STATIONS = [
  {
    name: '青山镇人大代表中心联络站',
    kind: 'central',
    address: '青山镇人民政府一楼东侧',
    contact: '0571-6512 3345',
    receptionTimes: '每月15日上午 9:00–11:30',
    duties: '组织代表定期接待选民，听取和反映群众意见建议；督促意见建议办理并向群众反馈；组织代表学习、视察和调研。',
    keeper: ['keeper-center', '中心站 严站长'],
    rule: { rule: 'monthly', dayOfMonth: 15 },
  },
  {
    name: '河东村人大代表联络站',
    kind: 'village',
    address: '河东村村民委员会二楼',
    contact: '0571-6512 7781',
    receptionTimes: '每周二下午 2:30–5:00',
    duties: '代表轮流值班接待村民，收集村民反映的问题，能当场答复的当场答复，不能答复的登记上报。',
    keeper: ['keeper-hedong', '河东村站 孙站长'],
    rule: { rule: 'weekly', weekday: 2 },
  },
  {
    name: '西坪村人大代表联络站',
    kind: 'village',
    address: '西坪村党群服务中心',
    contact: '0571-6512 8802',
    receptionTimes: '每月5日上午 9:00–11:00',
    duties: '每月接待日集中接待村民，走访困难群众，反映农业生产和基础设施方面的意见建议。',
    keeper: ['keeper-xiping', '西坪村站 钱站长'],
    rule: { rule: 'monthly', dayOfMonth: 5 },
  },
  {
    name: '南山社区人大代表联络站',
    kind: 'village',
    address: '南山社区服务中心一楼',
    contact: '0571-6512 9903',
    receptionTimes: '每月25日下午 2:30–5:00',
    duties: '面向社区居民开展接待，重点关注老旧小区改造、养老服务和物业管理。',
    keeper: ['keeper-nanshan', '南山社区站 许站长'],
    rule: { rule: 'monthly', dayOfMonth: 25 },
  },
] as const;

/** What people raise at receptions (category, title, what they said, where). */
const RAISED: [ItemCategory, string, string, string][] = [
  ['urban', '幸福路北段路灯不亮', '幸福路北段有 5 盏路灯坏了一个多月，晚上老人孩子出行不安全。', '幸福路北段'],
  ['social', '希望增设老年助餐点', '村里独居老人多，中午吃饭成问题，希望在村委会旁设老年助餐点。', '河东村'],
  ['ecology', '河道垃圾无人清理', '桥下河道垃圾堆积，夏天气味很大，希望定期清理。', '河东村桥下'],
  ['rural', '机耕路雨后泥泞', '通往东片农田的机耕路一下雨就陷车，农忙时运不出粮食。', '西坪村东片'],
  ['urban', '老旧小区停车难', '南山小区车位太少，消防通道经常被占，希望规划停车位。', '南山社区'],
  ['science_education', '放学时段校门口拥堵', '镇中心学校放学时接孩子的车辆堵住主干道，希望安排交警疏导。', '镇中心学校门口'],
  ['social', '卫生院周末没有儿科', '孩子周末生病要跑到县城，希望卫生院周末安排儿科值班。', '镇卫生院'],
  ['urban', '公交站台没有遮雨棚', '菜市场站台没有遮雨棚，雨天等车老人淋雨。', '菜市场公交站'],
  ['rural', '灌溉水渠渗漏', '西坪村南渠多处渗漏，下游田块灌不上水。', '西坪村南渠'],
  ['ecology', '餐馆油烟扰民', '农贸市场旁的几家餐馆油烟直排，楼上住户意见很大。', '农贸市场'],
  ['other', '希望公布低保评议结果', '希望村里把低保评议的结果按规定公示。', '河东村'],
  ['urban', '小区二次供水水压低', '南山小区 5 楼以上白天水压低，洗澡都困难。', '南山小区'],
];

export type StationsDemo = { stations: { id: string; name: string }[]; keepers: string[]; days: number; receptions: number; items: number; residentItems: number };

export async function loadStationsDemo(api: DemoApp, story: Story, congressId: string, year: number, password: string, database?: Database): Promise<StationsDemo> {
  const base = `/congresses/${congressId}`;
  const today = shanghaiToday();
  const setUp = [`${year}-01-03`, today].sort()[0];
  story.clock.set(shanghai(setUp, '09:00'));
  const staff = await api.caller().login('staff', password);
  const reps = ((await staff.get(`${base}/representatives?status=seated`)) as { id: string; name: string }[]).map((r) => r.id);

  // The stations, their keepers and their representatives (the central station has a dozen; a village its own; some serve in two).
  const made: { id: string; name: string; reps: string[]; rule: (typeof STATIONS)[number]['rule']; keeper: string }[] = [];
  const share = Math.max(4, Math.floor(reps.length / 4));
  for (const [i, s] of STATIONS.entries()) {
    const { id } = await staff.post(`${base}/stations`, { name: s.name, kind: s.kind, address: s.address, contact: s.contact, receptionTimes: s.receptionTimes, duties: s.duties, position: i });
    await staff.post(`${base}/accounts`, { username: s.keeper[0], displayName: s.keeper[1], password, role: 'station', stationId: id });
    const mine = i === 0 ? reps.filter((_, k) => k % 4 === 0).slice(0, 12) : reps.slice((i - 1) * share, (i - 1) * share + Math.min(share, 8));
    await staff.put(`${base}/stations/${id}/representatives`, { representativeIds: [...new Set(mine)] });
    made.push({ id, name: s.name, reps: [...new Set(mine)], rule: s.rule, keeper: s.keeper[0] });
  }

  // Each keeper plans the year, puts two of the station's representatives on duty each day (in turn) and publishes.
  let days = 0;
  let receptions = 0;
  let items = 0;
  const planned: { station: (typeof made)[number]; keeper: Caller; day: { id: string; day: string; duty: string[] } }[] = [];
  for (const st of made) {
    story.clock.set(shanghai(setUp, '10:00'));
    const keeper = await api.caller().login(st.keeper, password);
    await keeper.post(`${base}/stations/${st.id}/plan/days`, { ...st.rule, from: `${year}-01-01`, to: `${year}-12-31` });
    if (st === made[0]) await keeper.post(`${base}/stations/${st.id}/plan/days`, { rule: 'one', day: `${year}-03-05`, kind: 'theme_day', theme: '学雷锋志愿服务暨民生实事征集' });
    const plan = (await keeper.get(`${base}/stations/${st.id}/plan?year=${year}`)) as { days: { id: string; day: string }[] };
    for (const [k, d] of plan.days.entries()) {
      const duty = st.reps.length ? [st.reps[(2 * k) % st.reps.length], st.reps[(2 * k + 1) % st.reps.length]] : [];
      await keeper.put(`${base}/stations/${st.id}/plan/days/${d.id}/duty`, { representativeIds: [...new Set(duty)] });
      planned.push({ station: st, keeper, day: { ...d, duty: [...new Set(duty)] } });
    }
    await keeper.post(`${base}/stations/${st.id}/plan/publish`, { year });
    days += plan.days.length;
  }

  // The days gone by, in order: each held and recorded (河东村 misses one Tuesday in four; someone on duty now and then cannot come).
  let n = 0;
  for (const p of planned.filter((x) => x.day.day < today).sort((a, b) => a.day.day.localeCompare(b.day.day))) {
    n++;
    if (p.station.rule.rule === 'weekly' && n % 4 === 0) continue;
    story.clock.set(shanghai(p.day.day, '11:40'));
    const present = n % 5 === 0 ? p.day.duty.slice(0, 1) : p.day.duty;
    const raised = p.station === made[0] ? 2 : n % 2;
    const form = new FormData();
    form.set(
      'data',
      JSON.stringify({
        heldOn: p.day.day,
        dayId: p.day.id,
        visitors: 4 + ((n * 7) % 19),
        representativeIds: present,
        notes: raised ? '群众反映的问题已逐条登记，能当场解释的已当场解释。' : '来访群众咨询政策，已当场解答。',
        items: Array.from({ length: raised }, (_, j) => {
          const [category, title, content, place] = RAISED[(n + j * 5) % RAISED.length];
          return { category, title, content, place, submitterName: j ? '' : '村民', submitterContact: j ? '' : `1390571${String(1000 + n).slice(-4)}`, representativeId: present[j % Math.max(1, present.length)] };
        }),
      }),
    );
    if (n % 3 === 0) form.append('files', new File([sitePhoto(n, 1) as Uint8Array<ArrayBuffer>], `接待现场-${p.day.day}.png`, { type: 'image/png' }));
    const r = await p.keeper.post(`${base}/stations/${p.station.id}/receptions`, form);
    receptions++;
    items += r.items.length;
  }

  // A home visit off the plan (走访) by the central station, with an item taken by the representative.
  const visit = addDays(today, -20) >= `${year}-01-01` ? addDays(today, -20) : null;
  if (visit && made[0].reps.length) {
    story.clock.set(shanghai(visit, '16:00'));
    const keeper = await api.caller().login(made[0].keeper, password);
    const r = await keeper.post(`${base}/stations/${made[0].id}/receptions`, {
      heldOn: visit,
      kind: 'home_visit',
      theme: '走访独居老人',
      visitors: 6,
      representativeIds: [made[0].reps[0]],
      notes: '走访西坪村 6 户独居老人，了解冬季取暖和就医情况。',
      items: [{ category: 'social', title: '独居老人冬季取暖补贴', content: '几户独居老人反映取暖费用负担重，希望落实取暖补贴。', place: '西坪村', representativeId: made[0].reps[0] }],
    });
    receptions++;
    items += r.items.length;
  }

  // Residents at a station's page (the check question answered as a person would, some seconds after it was asked).
  let residentItems = 0;
  if (database) {
    const deps = { database, db: database.db, keys: new KeyStore(database), trustProxy: true };
    story.clock.set(shanghai(addDays(today, -2), '20:15'));
    for (const [k, [category, title, content, place]] of RAISED.slice(6, 9).entries()) {
      const st = made[(k + 1) % made.length];
      const { token } = await signChallenge(deps, 2, 3, Math.floor(Date.now() / 1000) - 10);
      await api.caller().post(`/public/stations/${st.id}/items`, { category, title, content, place, submitterName: '', submitterContact: k === 0 ? '13705719876' : '', challenge: token, answer: '5' });
      residentItems++;
    }
  }
  await story.warp();
  return { stations: made.map((s) => ({ id: s.id, name: s.name })), keepers: made.map((s) => s.keeper), days, receptions, items, residentItems };
}
