/**
 * The demo year's items (SPEC §13 意见建议), through the real routes as the office, the departments, the keepers, the
 * representatives (with their delegate cards) and the residents (with their tracking codes) would: items of every
 * source and state across the departments and the months — waiting for triage, answered on the spot, assigned (some
 * due soon, some overdue), answered and waiting for the check, returned and answered again, accepted, referred up,
 * merged, turned into a proposal; key items (重点督办) with on-site supervision; the residents' feedback, one of them
 * 不满意 and reopened (round 2); the representatives' back-to-back handling ratings.
 *
 * Call it after the stations part (it triages the items the receptions raised) and the calendar, before the hotline
 * and the review. The clock cannot go back, so the moves are made at the demo's present and the dates of each step
 * (assigned, due, answered, closed and the history's times) are then set to the day of the year the story gives it,
 * in one pass (`database`): the figures by month, the overdue list and the answered-late counts read as a real year.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { CongressSettings } from '../../shared/congress/settings.ts';
import type { ItemCategory, Urgency } from '../../shared/items/enums.ts';
import { addWorkingDays } from '../../shared/items/working-days.ts';
import { addDays, daysBetween, shanghaiToday } from '../../shared/time.ts';
import type { Database } from '../db/client.ts';
import { congresses, itemAnswers, itemEvents, items } from '../db/schema/index.ts';
import { loadCalendar } from '../items/calendar.ts';
import type { Caller, DemoApp } from './api.ts';
import { shanghai } from './clock.ts';
import { STATION_KEEPERS } from './loop-stations.ts';
import type { Story } from './year.ts';

/** The department accounts of the demo (server/demo/load-demo.ts), by department name. */
const DEPT_USERS: Record<string, string> = {
  镇党政办: 'dept-office',
  '镇社会事务办（民政）': 'dept-civil',
  镇建设管理办: 'dept-build',
  镇农业农村办: 'dept-agri',
  县交通运输局青山站: 'dept-transport',
  镇卫生院: 'dept-health',
  镇中心学校: 'dept-school',
  镇水务站: 'dept-water',
};

/** [category, title, content, place, the department that handles it] */
const ISSUES: [ItemCategory, string, string, string, string][] = [
  ['urban', '青山路人行道破损', '青山路东段人行道砖松动破损，老人容易绊倒。', '青山路东段', '镇建设管理办'],
  ['social', '独居老人需要定期探访', '石桥村有十几位独居老人，希望安排定期探访和紧急呼叫设备。', '石桥村', '镇社会事务办（民政）'],
  ['rural', '东片农田排涝沟淤塞', '东片排涝沟多年未清淤，雨季农田被淹。', '河东村东片', '镇农业农村办'],
  ['urban', '镇区到县城班车太少', '镇区到县城的班车一小时一班，早晚高峰挤不上。', '镇汽车站', '县交通运输局青山站'],
  ['science_education', '学校周边缺少减速带', '中心学校门前道路车速快，希望设置减速带和警示标志。', '镇中心学校', '县交通运输局青山站'],
  ['social', '卫生院取药排队时间长', '卫生院药房只有一个窗口，上午取药要排半小时。', '镇卫生院', '镇卫生院'],
  ['urban', '自来水管网老化爆管', '河西村主管道今年已爆管三次，每次停水一整天。', '河西村', '镇水务站'],
  ['ecology', '垃圾中转站异味大', '垃圾中转站夏天异味大，周边居民要求加装除臭设备。', '青山社区', '镇建设管理办'],
  ['social', '残疾人补贴发放不及时', '有残疾人反映两项补贴连续两个月没有到账。', '河东村', '镇社会事务办（民政）'],
  ['rural', '农村公路急弯无护栏', '西坪村通村公路有两处急弯没有护栏，车辆容易冲出路面。', '西坪村', '县交通运输局青山站'],
  ['science_education', '希望开放学校操场', '希望中心学校在周末和假期向村民开放操场。', '镇中心学校', '镇中心学校'],
  ['urban', '菜市场周边占道经营', '菜市场门口摊贩占道，早上车辆通行困难。', '农贸市场', '镇党政办'],
  ['social', '希望村卫生室延长服务时间', '村卫生室下午四点就关门，务工人员回来看不上病。', '石桥村', '镇卫生院'],
  ['rural', '高标准农田灌溉设施损坏', '去年建成的高标准农田有几处闸门损坏，无人维修。', '西坪村北片', '镇农业农村办'],
  ['ecology', '小河沟生活污水直排', '青山社区后面小河沟有生活污水直排，河水发黑。', '青山社区', '镇水务站'],
  ['urban', '安置小区电梯故障频繁', '南山安置小区 3 号楼电梯一个月坏了四次。', '南山小区', '镇建设管理办'],
  ['other', '希望公开村务收支', '希望村里每季度公开村务收支明细。', '河西村', '镇党政办'],
  ['social', '幼儿园学位紧张', '镇中心幼儿园报名人数超过学位，希望扩班。', '镇中心幼儿园', '镇中心学校'],
  ['rural', '土地流转租金拖欠', '有村民反映合作社拖欠土地流转租金半年。', '河东村', '镇农业农村办'],
  ['urban', '桥梁限高架被撞坏', '石桥村老桥的限高架被撞坏，大货车仍在通行。', '石桥村老桥', '县交通运输局青山站'],
  ['ecology', '秸秆露天焚烧', '秋收后有人露天焚烧秸秆，烟雾影响出行。', '西坪村', '镇农业农村办'],
  ['social', '希望增加公共厕所', '镇区集市日人多，公共厕所太少。', '镇区集市', '镇建设管理办'],
  ['urban', '路口红绿灯时间不合理', '青山路与解放路口左转绿灯太短，经常堵车。', '青山路口', '县交通运输局青山站'],
  ['science_education', '农家书屋图书陈旧', '村农家书屋的书多年没有更新，希望补充农业技术和少儿图书。', '河西村', '镇党政办'],
];

const ANSWERS: Record<string, string> = {
  resolved: '经现场核查，已安排施工队完成整改，并请提出人现场确认。',
  in_progress: '已制定整改方案，正在组织实施，预计下月底前完成。',
  planned: '已列入明年镇级民生实事计划，资金落实后实施。',
  cannot: '因涉及上级审批和资金限制，今年暂不能解决，已向县有关部门反映。',
};

type Plan = {
  /** The story's days: received, assigned (交办), answered, closed (accepted or on the spot). */
  received: string;
  assigned?: string;
  answered?: string;
  closed?: string;
  urgency?: Urgency;
};

export type ItemsDemo = { items: number; byStatus: Record<string, number>; keyItems: number; reopened: number; handlingRatings: number; trackingCodes: string[] };

/** The items of the demo year (see above). `database` sets the story's dates after the moves. */
export async function loadItemsDemo(api: DemoApp, story: Story, congressId: string, year: number, password: string, database: Database): Promise<ItemsDemo> {
  const base = `/congresses/${congressId}`;
  const today = shanghaiToday(story.clock.now());
  const yearStart = `${year}-01-05`;
  const span = Math.max(30, daysBetween(yearStart, today));
  /** A day of the year so far: f of the way from early January to today. */
  const dayAt = (f: number) => [addDays(yearStart, Math.floor(span * f)), today].sort()[0];
  const staff = await api.caller().login('staff', password);
  const depts = (await staff.get(`${base}/departments`)) as { id: string; name: string }[];
  const deptOf = (name: string) => depts.find((d) => d.name === name) ?? depts[0];
  const deptCallers = new Map<string, Caller>();
  const asDept = async (id: string) => {
    if (!deptCallers.has(id)) {
      const name = depts.find((d) => d.id === id)!.name;
      deptCallers.set(id, await api.caller().login(DEPT_USERS[name] ?? 'dept-office', password));
    }
    return deptCallers.get(id)!;
  };
  const stations = (await staff.get(`${base}/stations`)) as { id: string; name: string }[];
  const keepers = await Promise.all(STATION_KEEPERS.slice(0, Math.max(1, stations.length)).map((u) => api.caller().login(u, password).catch(() => null)));
  // Representatives on their phones (card sign-in).
  const cards = ((await staff.get(`${base}/roster/cards`)).cards as { id: string; url: string }[]).slice(0, 6);
  const reps = await Promise.all(cards.map((c) => api.caller().cardLogin(c.url.split('#')[1])));
  const plans = new Map<string, Plan>();
  const codes: string[] = [];
  const path = (id: string) => `${base}/items/${id}`;

  story.clock.set(shanghai(today, '08:30'));
  // ---- the items: from every source ----
  const made: { id: string; code: string; dept: string; rep: number | null; issue: number }[] = [];
  for (const [i, [category, title, content, place, dept]] of ISSUES.entries()) {
    const received = dayAt(i / ISSUES.length);
    const body = { category, title, content, place, receivedOn: received, submitterName: ['王阿姨', '李师傅', '张大爷', '陈女士'][i % 4], submitterContact: `1390571${String(1000 + i).slice(-4)}` };
    let res: { id: string; trackingCode: string };
    const repIndex = i % 5 === 1 && reps.length ? (i / 5) % reps.length | 0 : null;
    if (repIndex !== null) res = await reps[repIndex].post(`${base}/items`, { ...body, source: 'representative', submitterName: '', submitterContact: '' });
    else if (i % 5 === 2 && keepers[i % keepers.length]) res = await keepers[i % keepers.length]!.post(`${base}/items`, { ...body, source: 'resident' });
    else res = await staff.post(`${base}/items`, { ...body, source: i % 7 === 3 ? 'inspection' : 'staff' });
    made.push({ id: res.id, code: res.trackingCode, dept: deptOf(dept).id, rep: repIndex, issue: i });
    codes.push(res.trackingCode);
    plans.set(res.id, { received });
  }
  // The items the receptions and the station pages raised (the stations part) are triaged too.
  const waiting = ((await staff.get(`${base}/items?status=received&size=200&sort=received`)).items as { id: string; trackingCode: string; receivedOn: string; category: ItemCategory }[]).filter((x) => !made.some((m) => m.id === x.id));

  const assign = async (id: string, deptId: string, urgency: Urgency = 'normal') => {
    await staff.post(`${path(id)}/assign`, { departmentId: deptId, urgency });
    const p = plans.get(id)!;
    p.assigned = [addDays(p.received, 1), today].sort()[0];
    p.urgency = urgency;
  };
  const answer = async (id: string, deptId: string, cls: keyof typeof ANSWERS, lateBy = 0) => {
    await (await asDept(deptId)).post(`${path(id)}/answer`, { answerClass: cls, text: ANSWERS[cls] });
    const p = plans.get(id)!;
    p.answered = [addDays(p.assigned!, 8 + lateBy), today].sort()[0];
  };
  const accept = async (id: string) => {
    await staff.post(`${path(id)}/accept`, {});
    const p = plans.get(id)!;
    p.closed = [addDays(p.answered!, 2), today].sort()[0];
  };

  // ---- the stations' items: some answered on the spot, the rest assigned by subject ----
  const bySubject: Record<ItemCategory, string> = { urban: '镇建设管理办', social: '镇社会事务办（民政）', ecology: '镇水务站', rural: '镇农业农村办', science_education: '镇中心学校', other: '镇党政办' };
  for (const [k, x] of waiting.entries()) {
    plans.set(x.id, { received: x.receivedOn });
    if (k % 4 === 0) {
      await staff.post(`${path(x.id)}/answer-on-spot`, { note: '值班代表当场解释了有关政策和办理渠道，群众表示理解。' });
      plans.get(x.id)!.closed = x.receivedOn;
    } else if (k % 4 === 3 && x.receivedOn > dayAt(0.85)) {
      // the newest ones still wait for triage
    } else {
      await assign(x.id, deptOf(bySubject[x.category]).id);
      if (k % 4 !== 2 || x.receivedOn < dayAt(0.5)) {
        await answer(x.id, deptOf(bySubject[x.category]).id, 'resolved');
        await accept(x.id);
      }
    }
  }

  // ---- the office's and representatives' items: every state ----
  const state: Record<number, string> = {};
  for (const m of made) {
    const i = m.issue;
    const old = i < ISSUES.length * 0.7;
    if (i === 3 || i === 16) {
      await staff.post(`${path(m.id)}/refer`, { to: '县交通运输局（跨镇线路由县统一调整）' });
      plans.get(m.id)!.closed = plans.get(m.id)!.received;
      state[i] = 'referred';
    } else if (i === 22) {
      await staff.post(`${path(m.id)}/merge`, { intoId: made[4].id, reason: '同一路口交通安全问题，合并办理' });
      plans.get(m.id)!.closed = plans.get(m.id)!.received;
      state[i] = 'merged';
    } else if (i === 23 || i === 17) {
      // the newest: waiting for triage
      state[i] = 'received';
    } else if (i === 10) {
      const r = await staff.request('POST', `${path(m.id)}/to-proposal`, { note: '适合作为明年民生实事项目，转入项目征集' });
      state[i] = r.status === 200 ? 'to_proposal' : 'received';
      if (r.status === 200) plans.get(m.id)!.closed = plans.get(m.id)!.received;
    } else if (i === 12) {
      await staff.post(`${path(m.id)}/answer-on-spot`, { note: '已告知卫生院夏季开放时间调整方案，下月起延长至晚上七点。' });
      plans.get(m.id)!.closed = plans.get(m.id)!.received;
      state[i] = 'done';
    } else {
      await assign(m.id, m.dept, i % 6 === 0 ? 'urgent' : i % 6 === 5 ? 'complex' : 'normal');
      if ((!old && i % 3 === 0) || i === 4) state[i] = 'assigned'; // recent: still with the department
      else if (i === 7 || i === 19) state[i] = 'assigned'; // overdue (dates set below)
      else {
        await answer(m.id, m.dept, (['resolved', 'in_progress', 'planned', 'resolved', 'cannot', 'resolved'] as const)[i % 6], i % 4 === 0 ? 20 : 0);
        if (i === 9 || i === 15) {
          // returned once, answered again
          await staff.post(`${path(m.id)}/return`, { reason: '答复未说明完成时间和责任人，请补充后重新答复。' });
          await answer(m.id, m.dept, 'resolved', 5);
        }
        if (i === 13 || i === 20) state[i] = 'answered'; // waiting for the office's check
        else {
          await accept(m.id);
          state[i] = 'done';
        }
      }
    }
  }

  // ---- key items (重点督办) with on-site supervision ----
  const keyIds = [made[18], made[7], made[19]].map((m) => m.id);
  story.clock.set(shanghai(today, '10:00'));
  for (const [k, id] of keyIds.entries()) {
    await staff.put(`${path(id)}/key`, { keyItem: true, leader: ['人大主席 周卫东', '人大副主席 林海燕', '人大主席 周卫东'][k] });
    const heldOn = [addDays(plans.get(id)!.assigned ?? today, 10), today].sort()[0];
    await staff.post(`${path(id)}/supervisions`, { heldOn, leader: ['人大主席 周卫东', '人大副主席 林海燕', '人大主席 周卫东'][k], found: '现场查看整改进度：材料已进场，施工队伍已落实，要求倒排工期、按期完成并及时向群众反馈。' });
  }

  // ---- the story's dates ----
  const [congress] = await database.db.select().from(congresses).where(eq(congresses.id, congressId));
  const settings = CongressSettings.parse(congress.settings ?? {});
  const cal = await loadCalendar(database.db, congressId);
  const overdue = new Set([made[7].id, made[19].id]);
  for (const [id, p] of plans) {
    const dueOn = p.assigned ? (overdue.has(id) ? addDays(today, -6) : addWorkingDays(p.assigned, settings.loop.deadlines[p.urgency ?? 'normal'], cal)) : null;
    const assignedOn = p.assigned ? (overdue.has(id) ? [addDays(today, -40), p.received].sort().reverse()[0] : p.assigned) : null;
    await database.db.transaction(async (tx) => {
      await tx.update(items).set({ assignedOn, dueOn, ...(p.answered ? { answeredOn: p.answered } : {}), ...(p.closed ? { closedOn: p.closed } : {}) }).where(eq(items.id, id));
      if (p.answered) await tx.update(itemAnswers).set({ answeredOn: p.answered }).where(eq(itemAnswers.itemId, id));
      const at = (day: string, time: string) => shanghai(day, time);
      await tx.update(itemEvents).set({ at: at(p.received, '09:00') }).where(and(eq(itemEvents.itemId, id), eq(itemEvents.kind, 'received')));
      if (assignedOn) await tx.update(itemEvents).set({ at: at(assignedOn, '10:30') }).where(and(eq(itemEvents.itemId, id), eq(itemEvents.kind, 'assign')));
      if (p.answered) await tx.update(itemEvents).set({ at: at(p.answered, '15:00') }).where(and(eq(itemEvents.itemId, id), inArray(itemEvents.kind, ['answer', 'return'])));
      if (p.closed) await tx.update(itemEvents).set({ at: at(p.closed, '11:00') }).where(and(eq(itemEvents.itemId, id), inArray(itemEvents.kind, ['accept', 'answer_on_spot', 'refer', 'merge', 'to_proposal'])));
    });
  }

  // ---- feedback with the tracking codes, and the representatives' back-to-back ratings ----
  story.clock.set(shanghai(today, '16:00'));
  const done = made.filter((m) => state[m.issue] === 'done');
  let handlingRatings = 0;
  for (const m of made.filter((x) => x.rep !== null)) {
    const r = await reps[m.rep!].request('POST', `${path(m.id)}/handling-rating`, { attitude: 'satisfied', handling: m.issue % 2 ? 'satisfied' : 'basically', effect: m.issue % 3 ? 'basically' : 'satisfied' });
    if (r.status === 204) handlingRatings++;
  }
  let reopened = 0;
  for (const [k, m] of done.entries()) {
    if (k % 3 === 2) continue; // not everyone rates
    const grade = k === 1 ? 'unsatisfied' : k % 4 === 3 ? 'basically' : 'satisfied';
    const r = await api.caller().post(`/public/items/${encodeURIComponent(m.code)}/feedback`, { grade, comment: grade === 'unsatisfied' ? '问题没有根本解决，雨天还是积水。' : '' });
    if (r.reopened) reopened++;
  }
  await story.warp();

  const all = await database.db.select({ status: items.status, key: items.keyItem }).from(items).where(eq(items.congressId, congressId));
  const byStatus: Record<string, number> = {};
  for (const x of all) byStatus[x.status] = (byStatus[x.status] ?? 0) + 1;
  return { items: all.length, byStatus, keyItems: all.filter((x) => x.key).length, reopened, handlingRatings, trackingCodes: codes };
}
