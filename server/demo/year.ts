/**
 * The rest of the demo year, through the real routes (in process): the January session with check-in, the opening
 * sitting (agenda and name lists on one card), the vote on printed cards (tablet casts and paper ballots keyed in by two
 * counters) with a tie for the tenth seat, its runoff, the signed and published results, the decision adopted by the
 * session, a departments' evaluation answered in the hall; the projects through the year with milestones, photos, reports, late items and
 * inspections; the year-end evaluation with its grades, one rectification and its re-evaluation.
 */
import { log } from '../lib/log.ts';
import type { Caller, DemoApp } from './api.ts';
import { CANDIDATES, DEMO_SEATS } from './gathering.ts';
import { sitePhoto } from './png.ts';
import { type DemoClock, shanghai } from './clock.ts';
import { addDays, daysBetween, shanghaiToday } from '../../shared/time.ts';

// The ballot's mark, as the vote methods declare it (this year's ballots use only for and against).
import type { Mark as M } from '../../shared/ballot/methods/index.ts';

/** For-counts of the first vote on the twelve candidates (45 seated: elected needs more than half, 23): 10th and 11th tie. */
export const FIRST_VOTE_FOR = [39, 38, 37, 36, 35, 34, 33, 32, 31, 28, 28, 12];
export const DEMO_PRESENT = 41; // 45 seated: 2 on leave, 2 absent
const PAPER = 3; // of the 40 valid ballots, keyed in by two counters after the close
export const RUNOFF_FOR = [26, 14]; // and one blank ballot

/** 40 valid ballots: candidate i gets `for` on FIRST_VOTE_FOR[i] ballots, dealt round the table (≤ 10 each). */
function firstVoteBallots(ids: string[]) {
  const valid = 40;
  const ballots: Record<string, M>[] = Array.from({ length: valid }, () => ({}));
  let p = 0;
  for (const [i, n] of FIRST_VOTE_FOR.entries()) {
    for (let k = 0; k < n; k++) ballots[(p + k) % valid][ids[i]] = 'for';
    p = (p + n) % valid;
  }
  // Some representatives vote against the candidate they oppose; the rest leave it blank (abstain).
  let against = 0;
  for (const b of ballots) if (!b[ids[11]] && against++ < 15) b[ids[11]] = 'against';
  return ballots;
}

/** The demo's clock (server/demo/clock.ts) and its warp, run before a tally is published (it cannot change after). */
export type Story = { clock: DemoClock; warp: () => Promise<void> };

export async function loadYearDemo(api: DemoApp, story: Story, congressId: string, year: number, listId: string, candidateIds: string[], deptUsers: Record<string, string>, password: string) {
  const base = `/congresses/${congressId}`;
  const { clock } = story;
  const today = shanghaiToday();
  const sessionDate = [`${year}-01-10`, today].sort()[0];
  /** A day between the session and today: the year so far, as a fraction. */
  const at = (f: number) => addDays(sessionDate, Math.floor(daysBetween(sessionDate, today) * f));
  /** Set the demo's time: a calendar day and a time of day in Asia/Shanghai. */
  const tick = (day: string, time: string) => clock.set(shanghai(day, time));
  const plusMinutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

  // The staff prepare the session a week before it (the roster, the cards, the session itself).
  tick(addDays(sessionDate, -7), '09:00');
  const as = (u: string) => api.caller().login(u, password);
  const [staff, chair, s1, s2, counter1, counter2, gov] = await Promise.all(['staff', 'chair', 'scrutineer1', 'scrutineer2', 'counter1', 'counter2', 'gov'].map(as));
  let mark = performance.now();
  /** Debug timing of each part of the year (LOG_LEVEL=debug). */
  const step = (part: string) => {
    log.debug('demo part loaded', { part, ms: Math.round(performance.now() - mark) });
    mark = performance.now();
  };

  // ---- the session: check-in at the entrance (card QR), a few marked by staff, two on leave, two absent ------------
  const reps = (await staff.get(`${base}/representatives`)) as { id: string; name: string }[];
  const cards = (await staff.get(`${base}/roster/cards`)).cards as { id: string; url: string }[];
  tick(addDays(sessionDate, -7), '10:00');
  const session = await staff.post(`${base}/sessions`, { name: '青山镇第十八届人民代表大会第三次会议', date: sessionDate });
  const sp = `${base}/sessions/${session.id}`;
  // The two on leave asked beforehand; the entrance opens at 08:00 and everyone is in by about 08:25.
  tick(addDays(sessionDate, -1), '16:00');
  for (const i of [7, 23]) await staff.put(`${sp}/attendance/${cards[i].id}`, { status: 'leave' });
  for (const [i, card] of cards.entries()) {
    if (i === 7 || i === 23 || i === 31 || i === 40) continue;
    clock.set(plusMinutes(shanghai(sessionDate, '08:00'), i * 0.5));
    if (i % 9 === 4) await staff.put(`${sp}/attendance/${card.id}`, { status: 'present' });
    else await staff.post(`${sp}/check-in`, { token: card.url });
  }
  tick(sessionDate, '08:40');
  for (const i of [31, 40]) await staff.put(`${sp}/attendance/${cards[i].id}`, { status: 'absent' });

  step('session');
  // ---- the vote: printed cards, tablets, paper ballots, a tie for the tenth seat --------------------------------------
  /** The vote's morning from `start` (HH:MM): cards, issuance, open for 15 minutes, close, paper, tally, sign, publish. */
  async function runVote(voteId: string, start: string, tablet: Record<string, M>[], paper: Record<string, M>[]) {
    const t0 = shanghai(sessionDate, start);
    const vp = `${sp}/votes/${voteId}`;
    clock.set(t0);
    await s1.post(`${vp}/cards`);
    const cs = (await s1.get(`${vp}/cards`)).cards as { serial: string; url: string }[];
    for (const [i, c] of cs.slice(0, DEMO_PRESENT).entries()) {
      clock.set(plusMinutes(t0, 5 + i * 0.25));
      await s1.post(`${vp}/issue`, { card: c.serial });
    }
    clock.set(plusMinutes(t0, 20));
    await chair.post(`${vp}/open`, { countdownSeconds: 900 });
    for (const [i, marks] of tablet.entries()) await api.caller().post('/public/ballot/cast', { token: cs[i].url.split('#')[1], marks });
    clock.set(plusMinutes(t0, 36));
    await chair.post(`${vp}/close`);
    for (const [i, marks] of paper.entries()) {
      const card = cs[tablet.length + i].serial;
      clock.set(plusMinutes(t0, 38 + i * 2));
      await counter1.post(`${vp}/paper`, { card, marks });
      await counter2.post(`${vp}/paper`, { card, marks });
    }
    clock.set(plusMinutes(t0, 48));
    await s1.post(`${vp}/tally`);
    clock.set(plusMinutes(t0, 52));
    await s1.post(`${vp}/tally/signoff`, { chief: true, invalidChecked: true });
    clock.set(plusMinutes(t0, 54));
    await s2.post(`${vp}/tally/signoff`);
    // What the database stamped so far takes its demo time now: a published tally and its signatures never change.
    await story.warp();
    clock.set(plusMinutes(t0, 58));
    await chair.post(`${vp}/tally/publish`);
    return vp;
  }
  /** Marks on every question of a motions' card: `for` unless the ballot's number is listed against or blank. */
  const motionBallots = (motionIds: string[], n: number, against: Record<string, number[]>, blank: Record<string, number[]>) =>
    Array.from({ length: n }, (_, i) =>
      Object.fromEntries(motionIds.flatMap((m) => (blank[m]?.includes(i) ? [] : [[m, (against[m]?.includes(i) ? 'against' : 'for') as M]]))),
    );

  // ---- the opening sitting (第一次全体会议): the agenda and the two name lists on one card ----------------------------
  tick(sessionDate, '08:42');
  const agenda = await staff.post(`${sp}/motions`, { kind: 'agenda' });
  const presidiumList = await staff.post(`${sp}/motions`, { kind: 'name_list', title: '大会主席团和秘书长名单（草案）', body: '主席团成员：张建国、李秀英、王立新、赵海燕、刘志强；秘书长：陈明。' });
  const scrutineerList = await staff.post(`${sp}/motions`, { kind: 'name_list', title: '大会总监票人和监票人名单（草案）', body: '总监票人：周文华；监票人：吴晓红、郑国平。' });
  const opening = await chair.post(`${sp}/votes`, { title: '第一次全体会议表决事项', motionIds: [agenda.id, presidiumList.id, scrutineerList.id] });
  const openingMotions = [agenda.id, presidiumList.id, scrutineerList.id];
  const openingBallots = motionBallots(openingMotions, DEMO_PRESENT, { [presidiumList.id]: [3, 17], [agenda.id]: [29] }, { [agenda.id]: [11], [scrutineerList.id]: [5] });
  await runVote(opening.id, '08:45', openingBallots.slice(0, DEMO_PRESENT - 1), openingBallots.slice(DEMO_PRESENT - 1));

  // ---- the project vote, and the runoff for the tenth seat --------------------------------------------------------------
  const ballots = firstVoteBallots(candidateIds);
  const invalid = Object.fromEntries(candidateIds.slice(0, 11).map((id) => [id, 'for' as M])); // 11 for 10 seats: invalid
  tick(sessionDate, '09:50');
  const vote = await chair.post(`${sp}/votes`, { listId, title: `${year}年青山镇民生实事项目票决`, seats: DEMO_SEATS });
  const vp = await runVote(vote.id, '10:00', [...ballots.slice(0, 40 - PAPER), invalid], ballots.slice(40 - PAPER));
  tick(sessionDate, '11:05');
  const runoff = await chair.post(`${vp}/runoff`);
  const [a, b] = runoff.candidates.map((c: { id: string }) => c.id) as string[];
  const runoffBallots: Record<string, M>[] = [...Array(RUNOFF_FOR[0]).fill({ [a]: 'for' }), ...Array(RUNOFF_FOR[1]).fill({ [b]: 'for' }), {}];
  await runVote(runoff.id, '11:10', runoffBallots.slice(0, DEMO_PRESENT - 1), runoffBallots.slice(DEMO_PRESENT - 1));

  // ---- the decision (决定): drafted from the final list, edited by the office, adopted by the session -----------------
  tick(sessionDate, '13:30');
  const decision = await staff.post(`${base}/votes/${vote.id}/decision`);
  // The office adds its own sentence before the closing line, as offices do.
  await staff.patch(`${sp}/motions/${decision.motionId}`, { body: (decision.body as string).replace('本决定自通过之日起施行。', '各责任单位要按照计划抓紧实施，确保项目按期完成，接受代表和群众监督。\n\n本决定自通过之日起施行。') });
  tick(sessionDate, '13:40');
  const decisionSitting = await chair.post(`${sp}/votes`, { title: `关于实施${year}年民生实事项目的决定（草案）表决`, motionIds: [decision.motionId] });
  const decisionBallots = motionBallots([decision.motionId], DEMO_PRESENT, { [decision.motionId]: [8, 30] }, { [decision.motionId]: [14] });
  await runVote(decisionSitting.id, '14:00', decisionBallots.slice(0, DEMO_PRESENT - 1), decisionBallots.slice(DEMO_PRESENT - 1));

  // ---- 会场测评: the departments' work of last year, answered on the hall tablets with printed slips ------------------
  tick(addDays(sessionDate, -3), '15:00');
  const departments = (await staff.get(`${base}/departments`)) as { id: string; name: string }[];
  const hallRound = await staff.post(`${base}/evaluation/rounds`, {
    year,
    title: `${year - 1}年度政府工作部门满意度测评（会场）`,
    audiences: ['representatives'],
    targets: departments.slice(0, 6).map((d) => ({ kind: 'department', id: d.id })),
    sessionId: session.id,
  });
  const hp = `${base}/evaluation/rounds/${hallRound.id}`;
  await staff.post(`${hp}/codes`, { audience: 'representatives', count: DEMO_PRESENT + 4 });
  tick(sessionDate, '15:05');
  await staff.post(`${hp}/open`);
  await staff.post(`${hp}/issued`, { audience: 'representatives', count: DEMO_PRESENT });
  const hallSlips = (await staff.get(`${hp}/codes?audience=representatives`)) as { url: string }[];
  for (const [n, slip] of hallSlips.slice(0, DEMO_PRESENT - 2).entries()) {
    clock.set(plusMinutes(shanghai(sessionDate, '15:06'), n * 0.75));
    const anon = api.caller();
    const token = slip.url.split('#')[1];
    const q = await anon.post('/public/evaluation/open', { token });
    const answers = q.targets.flatMap((t: { kind: 'department'; id: string }, ti: number) =>
      (q.round.items[t.kind] as { id: string }[]).map((i) => ({ targetKind: t.kind, targetId: t.id, itemId: i.id, answer: (n + ti) % 11 === 4 ? 'dissatisfied' : (n + ti) % 4 === 1 ? 'basic' : 'satisfied' })),
    );
    await anon.post('/public/evaluation/submit', { token, answers, comments: [] });
  }
  tick(sessionDate, '15:45');
  await staff.post(`${hp}/close`);
  tick(sessionDate, '15:50');
  await staff.post(`${hp}/publish`);
  // The two not elected (the runoff's loser and the twelfth) go to the reserve pool, after the session.
  tick(addDays(sessionDate, 2), '10:00');
  const reservable = (await gov.get(`${vp}/tally`)).next.reservable as { id: string }[];
  await gov.post(`${vp}/reserve`, { candidateIds: reservable.map((r) => r.id) });

  step('vote');
  // ---- projects through the year, and the inspections: events put in the order of their days ----------------------
  const events: { at: Date; n: number; run: () => Promise<unknown> }[] = [];
  const on = (day: string, time: string, run: () => Promise<unknown>) => events.push({ at: shanghai(day, time), n: events.length, run });
  const projects = (await staff.get(`${base}/projects`)) as { id: string; title: string; candidateId: string; leadDepartment: { id: string } }[];
  const byTitle = (t: string) => projects.find((p) => p.title === t)!;
  const dept = new Map<string, Caller>();
  const deptOf = async (depId: string) => {
    if (!dept.has(depId)) dept.set(depId, await as(deptUsers[depId]));
    return dept.get(depId)!;
  };
  let seed = 0;
  const photo = async (who: Caller, path: string, caption: string, progress: number, milestoneId?: string) => {
    const form = new FormData();
    form.set('file', new File([sitePhoto(++seed, progress) as Uint8Array<ArrayBuffer>], `现场照片${seed}.png`, { type: 'image/png' }));
    form.set('caption', caption);
    if (milestoneId) form.set('milestoneId', milestoneId);
    return who.post(path, form);
  };
  // How each project's year went: 'done' = completed; 'late' = the main works behind schedule; else on track.
  const STORY: Record<string, 'done' | 'late' | 'on_track'> = {
    河西村主干道安装太阳能路灯: 'done',
    镇卫生院添置数字化X光机: 'done',
    河东村至镇区道路硬化: 'late',
    镇区及村级公厕新建改造: 'late',
  };
  for (const [k, p] of projects.entries()) {
    const story = STORY[p.title.replace(/\s/g, '')] ?? 'on_track';
    const c = CANDIDATES.find((x) => x.title === p.title)!;
    const pp = `${base}/projects/${p.id}`;
    const time = (h: number) => `${String(h + (k % 3)).padStart(2, '0')}:${String((k * 7) % 60).padStart(2, '0')}`;
    let who: Caller;
    let ms: { id: string; name: string }[] = [];
    const done = (i: number, d: string, note = '') => who.patch(`${pp}/milestones/${ms[i].id}`, { status: 'done', actualDate: d, note });
    const plan: [string, string, number][] = [
      ['方案设计与招标', at(0.12), 15],
      ['开工', at(0.3), 15],
      ['主体施工完成', story === 'late' ? at(0.8) : story === 'done' ? at(0.7) : addDays(today, 20), 40],
      ['竣工验收', story === 'done' ? at(0.85) : addDays(today, 28), 30],
    ];
    // The lead department files its plan and milestones in the weeks after the session.
    on(at(0.03 + k * 0.004), time(9), async () => {
      who = await deptOf(p.leadDepartment.id);
      await who.put(`${pp}/plan`, {
        targets: `${c.description.split('，').at(-1)}`.replace(/^建议/, ''),
        deadline: `${year}-12-20`,
        fundingArrangement: `计划投资 ${c.investment} 万元：上级专项补助约六成，其余镇级财政配套`,
        supportMeasures: '明确分管领导和专人负责，每月向镇人大报告进度',
        annualTargets: [{ year, target: '年底前完工并交付使用' }],
      });
      let detail: { milestoneList: { id: string; name: string }[] } = { milestoneList: [] };
      for (const [name, plannedDate, weight] of plan) detail = await who.post(`${pp}/milestones`, { name, plannedDate, weight });
      ms = detail.milestoneList;
    });
    on(at(0.13), time(15), async () => {
      await done(0, at(0.13), '完成招标，确定施工单位');
      await photo(who, `${pp}/files`, '招标现场', 0.05, ms[0].id);
    });
    const started = story === 'late' ? 0.38 : 0.3;
    on(at(started), time(14), async () => {
      await done(1, at(started), story === 'late' ? '征地协调推迟开工' : '');
      await photo(who, `${pp}/files`, '开工仪式', 0.2, ms[1].id);
    });
    on(at(started + 0.02), time(10), () => who.post(`${pp}/updates`, { progressPercent: 30, spentInvestment: (Number(c.investment) * 0.25).toFixed(2), summary: '已完成招标并开工，施工队伍进场。' }));
    if (story === 'done') {
      on(at(0.7), time(15), async () => {
        await done(2, at(0.7));
        await photo(who, `${pp}/files`, '主体施工完成', 0.8, ms[2].id);
      });
      on(at(0.85), time(15), async () => {
        await done(3, at(0.85), '通过竣工验收');
        await photo(who, `${pp}/files`, '竣工验收', 1, ms[3].id);
        await who.post(`${pp}/updates`, { progressPercent: 100, spentInvestment: (Number(c.investment) * 0.96).toFixed(2), summary: '项目已竣工验收并交付使用。' });
      });
      on(at(0.86), time(10), () => staff.post(`${pp}/complete`, { completedOn: at(0.86) }));
    } else if (story === 'late') {
      on(at(0.74), time(11), async () => {
        await who.patch(`${pp}/milestones/${ms[2].id}`, { status: 'in_progress', note: '受雨季和征地协调影响，主体施工滞后' });
        await photo(who, `${pp}/files`, '施工中', 0.5);
      });
      on(at(0.9), time(10), () => who.post(`${pp}/updates`, { progressPercent: 55, spentInvestment: (Number(c.investment) * 0.5).toFixed(2), summary: '受连续降雨和征地协调影响，主体施工滞后，正在加派人员抢工期。' }));
    } else {
      on(at(0.6), time(11), async () => {
        await who.patch(`${pp}/milestones/${ms[2].id}`, { status: 'in_progress' });
        await photo(who, `${pp}/files`, '施工中', 0.65);
      });
      on(at(0.9), time(10), () => who.post(`${pp}/updates`, { progressPercent: 70, spentInvestment: (Number(c.investment) * 0.6).toFixed(2), summary: '主体施工按计划推进，预计下月完工。' }));
    }
  }

  // ---- inspections by representatives, findings and department answers ---------------------------------------------
  const road = byTitle(CANDIDATES[0].title);
  const water = byTitle(CANDIDATES[1].title);
  const care = byTitle(CANDIDATES[4].title);
  const attendees = (from: number) => reps.slice(from, from + 6).map((r) => r.id);
  on(at(0.6), '14:30', async () => {
    const i2 = await staff.post(`${base}/inspections`, { projectId: water.id, date: at(0.6), title: '代表视察石桥村自来水管网改造', attendeeIds: attendees(10), summary: '主管铺设过半，入户改造同步推进。', suggestions: '施工后及时恢复路面。' });
    await photo(staff, `${base}/inspections/${i2.id}/files`, '察看管网铺设', 0.55);
    const f2 = (await staff.post(`${base}/inspections/${i2.id}/findings`, { text: '部分路段开挖后未及时恢复，影响村民出行。', departmentId: water.leadDepartment.id, answerDueOn: at(0.7) })).findings[0].id;
    const waterDept = await deptOf(water.leadDepartment.id);
    on(at(0.62), '10:00', () => waterDept.post(`${base}/findings/${f2}/answer`, { answer: '已在检查中。' }));
    on(at(0.63), '09:30', () => staff.post(`${base}/findings/${f2}/review`, { accept: false, note: '请写明恢复路段和完成日期。' }));
    on(at(0.65), '16:00', () => waterDept.post(`${base}/findings/${f2}/answer`, { answer: '三组、五组开挖路段已于本周恢复，其余路段随管道铺设同步恢复，月底前全部完成。' }));
    on(at(0.66), '09:30', () => staff.post(`${base}/findings/${f2}/review`, { accept: true }));
  });
  on(at(0.75), '14:30', async () => {
    const i3 = await staff.post(`${base}/inspections`, { projectId: care.id, date: at(0.75), title: '代表视察河西村居家养老服务站', attendeeIds: attendees(20), summary: '服务站装修完成，助餐设施到位。', suggestions: '尽快招聘护理人员，制定服务标准。' });
    await staff.post(`${base}/inspections/${i3.id}/findings`, { text: '建议增设无障碍坡道和扶手。' });
  });
  let roadDept: Caller;
  on(at(0.82), '14:30', async () => {
    const i1 = await staff.post(`${base}/inspections`, { projectId: road.id, date: at(0.82), title: '代表视察河东村道路硬化项目', attendeeIds: attendees(0), summary: '路基已完成约六成，部分路段尚未动工。', suggestions: '加快进度，注意雨季排水和施工安全。' });
    await photo(staff, `${base}/inspections/${i1.id}/files`, '代表在施工现场察看路基', 0.45);
    const late = await staff.post(`${base}/inspections/${i1.id}/findings`, { text: '主体施工比计划滞后约一个月，请说明原因和赶工措施。', departmentId: road.leadDepartment.id, answerDueOn: at(0.92) });
    await staff.post(`${base}/inspections/${i1.id}/findings`, { text: '二组路段两侧排水沟未同步建设，请明确完成时间。', departmentId: road.leadDepartment.id, answerDueOn: addDays(today, 14) });
    roadDept = await deptOf(road.leadDepartment.id);
    const f1 = late.findings[0].id;
    on(at(0.88), '11:00', () => roadDept.post(`${base}/findings/${f1}/answer`, { answer: '因连续降雨和两户征地协调，开工推迟。已增加一个施工班组，计划 12 月中旬完成路面浇筑。' }));
    on(at(0.89), '09:30', () => staff.post(`${base}/findings/${f1}/review`, { accept: true, note: '请按承诺时间完成，月底报告进度。' }));
  });
  // Events may add later events (an answer after its finding): run the earliest left until none is.
  while (events.length) {
    events.sort((x, y) => x.at.getTime() - y.at.getTime() || x.n - y.n);
    const e = events.shift()!;
    clock.set(e.at);
    await e.run();
  }

  step('projects and inspections');
  // ---- the year-end evaluation: representatives (with their cards) and residents (printed slips) --------------------
  tick(at(0.93), '10:00');
  const round = await staff.post(`${base}/evaluation/rounds`, { year, title: `${year}年民生实事项目满意度测评`, audiences: ['representatives', 'residents'], projectIds: projects.map((p) => p.id) });
  const rp = `${base}/evaluation/rounds/${round.id}`;
  tick(at(0.93), '15:00');
  await staff.post(`${rp}/codes`, { audience: 'residents', count: 40 });
  tick(at(0.94), '09:00');
  await staff.post(`${rp}/open`);
  const roadLead = road.leadDepartment.id;
  /** Most are satisfied; the road (late) is graded 基本满意 and its lead department, the transport station, 不满意. */
  const pick = (n: number) => (kind: string, id: string) => {
    if (kind === 'department' && id === roadLead) return n % 5 < 3 ? 'dissatisfied' : 'basic';
    if (kind === 'project' && id === road.id) return n % 4 === 0 ? 'dissatisfied' : n % 4 === 1 ? 'satisfied' : 'basic';
    return n % 7 === 3 ? 'basic' : n % 19 === 5 ? 'unknown' : 'satisfied';
  };
  const answer = async (token: string, choose: (kind: string, id: string) => string, comment?: string) => {
    const anon = api.caller();
    const q = await anon.post('/public/evaluation/open', { token });
    const answers = q.targets.flatMap((t: { kind: 'project' | 'department'; id: string }) => q.round.items[t.kind].map((i: { id: string }) => ({ targetKind: t.kind, targetId: t.id, itemId: i.id, answer: choose(t.kind, t.id) })));
    await anon.post('/public/evaluation/submit', { token, answers, comments: comment ? [{ targetKind: 'project', targetId: road.id, text: comment }] : [] });
  };
  const COMMENTS = ['路修了一半就停了，希望年底前能通车。', '施工期间出行不便，希望加快进度。', '排水沟要一起修好。'];
  const repCallers: Caller[] = [];
  for (const [n, card] of cards.slice(0, 12).entries()) {
    clock.set(plusMinutes(shanghai(at(0.94), '09:30'), n * 7));
    const rep = await api.caller().cardLogin(card.url.split('#')[1]);
    repCallers.push(rep);
    const code = await rep.post(`${rp}/my-code`);
    await answer(code.token, pick(n));
  }
  tick(at(0.945), '16:00');
  await staff.post(`${rp}/issued`, { audience: 'residents', count: 36 });
  const slips = (await staff.get(`${rp}/codes?audience=residents`)) as { url: string }[];
  for (const [n, s] of slips.slice(0, 30).entries()) {
    clock.set(plusMinutes(shanghai(at(0.95), '08:30'), n * 17));
    await answer(s.url.split('#')[1], pick(n + 12), COMMENTS[n]);
  }
  tick(at(0.96), '17:00');
  await staff.post(`${rp}/close`);
  tick(at(0.965), '10:00');
  await staff.post(`${rp}/publish`);

  step('evaluation');
  // ---- the rectification of the 不满意 department, and its re-evaluation ----------------------------------------------
  const roadDeptNow = await deptOf(roadLead);
  const rects = (await roadDeptNow.get(`${base}/rectifications`)) as { id: string; requiresReevaluation: boolean }[];
  const rect = rects.find((r) => r.requiresReevaluation)!;
  tick(at(0.975), '15:00');
  await roadDeptNow.post(`${base}/rectifications/${rect.id}/report`, { report: '针对测评意见：增加施工班组，实行周报制度，主体施工已于本月完成，排水沟同步建设。' });
  tick(at(0.98), '10:00');
  await staff.post(`${base}/rectifications/${rect.id}/review`, { accept: true, note: '整改措施具体，同意，待再测评。' });
  tick(at(0.98), '10:30');
  const re = await staff.post(`${rp}/reevaluate`);
  const rr = `${base}/evaluation/rounds/${re.id}`;
  await staff.post(`${rr}/codes`, { audience: 'residents', count: 20 });
  tick(at(0.985), '09:00');
  await staff.post(`${rr}/open`);
  await staff.post(`${rr}/issued`, { audience: 'residents', count: 20 });
  const reSlips = (await staff.get(`${rr}/codes?audience=residents`)) as { url: string }[];
  const reAnswer = (n: number) => () => (n % 4 === 0 ? 'basic' : n === 7 ? 'dissatisfied' : 'satisfied');
  for (const [n, rep] of repCallers.slice(0, 8).entries()) {
    clock.set(plusMinutes(shanghai(at(0.985), '09:30'), n * 9));
    await answer((await rep.post(`${rr}/my-code`)).token, reAnswer(n + 1));
  }
  for (const [n, s] of reSlips.slice(0, 16).entries()) {
    clock.set(plusMinutes(shanghai(at(0.99), '08:30'), n * 20));
    await answer(s.url.split('#')[1], reAnswer(n));
  }
  tick(at(0.995), '17:00');
  await staff.post(`${rr}/close`);
  tick(at(0.997), '10:00');
  await staff.post(`${rr}/publish`);
  step('rectification');
  return { sessionId: session.id, voteId: vote.id, runoffId: runoff.id, openingId: opening.id, decisionSittingId: decisionSitting.id, decisionId: decision.motionId as string, hallRoundId: hallRound.id, roundId: round.id, reevaluationId: re.id };
}
