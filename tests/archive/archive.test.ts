/**
 * 代表履职档案 (SPEC §14): the archive's figures checked against data made here — attendance, reception duty and records,
 * items raised, inspections joined, a proposal, evaluation codes received, a training and a 述职 —, the points by the
 * congress's rules, the yearly table and its CSV, who sees what (the office every archive, a representative only their
 * own), the entries' refusals, and that nothing of how anyone voted, answered or rated is read or shown.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { evalComments, evalGrants, evalRounds, handlingRatings, items, proposals, receptionDays, receptionDuties, receptionRepresentatives, receptions, stations, archiveEntries, auditLog } from '../../server/db/schema/index.ts';
import { createItem } from '../../server/items/create.ts';
import * as A from '../../shared/archive/contract.ts';
import { DEFAULT_POINTS, pointsOf, POINT_EVENTS } from '../../shared/archive/points.ts';
import * as Auth from '../../shared/auth/contract.ts';
import * as Congress from '../../shared/congress/contract.ts';
import { addDays, shanghaiToday } from '../../shared/time.ts';
import { openWindow, proposalFields } from '../gathering/helpers.ts';
import { Client, congressWithRoles, PASSWORD, setupAdmin, uniq, useTestApp } from '../helpers/app.ts';

const t = useTestApp();
const today = shanghaiToday();
/** Last year: every day of it is past, whatever day the tests run. */
const Y = Number(today.slice(0, 4)) - 1;
const d = (md: string) => `${Y}-${md}`;

type World = Awaited<ReturnType<typeof congressWithRoles>> & { base: string; reps: Record<string, string>; cards: Record<string, Client> };
let admin: Client;
let W: World; // the congress of the figures
let O: World; // another congress
let keeper: Client;

const db = () => t.deps.db;
const must = async (p: Promise<{ status: number; text: string; body: any }>, what = '') => {
  const r = await p;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${r.text}`);
  return r.body;
};

/** A congress with roles and a roster; some representatives signed in with their delegate card. */
async function world(names: string[], signIn: string[]): Promise<World> {
  const made = await congressWithRoles(t, admin);
  const base = `/api/congresses/${made.congress.id}`;
  const reps: Record<string, string> = {};
  for (const n of names) reps[n] = (await must(admin.post(`${base}/representatives`, { name: n, delegation: '第一代表小组', constituency: `${n}选区` }), 'rep')).id;
  const cardList = (await must(admin.get(`${base}/roster/cards`))).cards as { id: string; url: string }[];
  const cards: Record<string, Client> = {};
  for (const n of signIn) {
    const cl = new Client(t);
    const res = await cl.call(Auth.cardLogin, { body: { token: cardList.find((c) => c.id === reps[n])!.url.split('#')[1] } });
    expect(res.status, res.text).toBe(200);
    cards[n] = cl;
  }
  return { ...made, base, reps, cards };
}

/** Fill congress W's year Y (and a little around it) with what the archive reads. */
async function fill() {
  const { base, reps } = W;
  const cid = W.congress.id;
  // Sessions: present, on leave, absent, and one with nothing recorded; one the year before and one of another congress.
  const session = async (w: World, date: string) => (await must(admin.post(`${w.base}/sessions`, { name: uniq('会议'), date }), 'session')).id as string;
  const mark = (w: World, s: string, rep: string, status: string) => must(admin.put(`${w.base}/sessions/${s}/attendance/${rep}`, { status }), 'mark');
  const s1 = await session(W, d('03-01'));
  const s2 = await session(W, d('06-01'));
  const s3 = await session(W, d('09-01'));
  await session(W, d('11-01'));
  const s0 = await session(W, `${Y - 1}-12-20`);
  await mark(W, s1, reps.张三, 'present');
  await mark(W, s2, reps.张三, 'leave');
  await mark(W, s3, reps.张三, 'absent');
  await mark(W, s0, reps.张三, 'present');
  await mark(W, s1, reps.李四, 'present');
  await mark(W, s2, reps.李四, 'present');
  await mark(W, s3, reps.李四, 'present');
  await mark(W, s1, reps.王五, 'present');
  const so = await session(O, d('03-01'));
  await mark(O, so, O.reps.赵六, 'present');
  // 王五 left in July: the sessions after are not theirs; 钱七 left the year before: not in the year's table.
  await must(admin.post(`${base}/representatives/${reps.王五}/end-term`, { endedOn: d('07-01'), reason: '调离' }), 'end term');
  await must(admin.post(`${base}/representatives/${reps.钱七}/end-term`, { endedOn: `${Y - 1}-06-30`, reason: '辞职' }), 'end term');

  // A station, three duty days of 张三's, records, and a home visit.
  const [st] = await db().insert(stations).values({ congressId: cid, name: uniq('中心联络站'), kind: 'central' }).returning();
  const day = async (date: string) => (await db().insert(receptionDays).values({ congressId: cid, stationId: st.id, year: Y, day: date }).returning())[0].id;
  const d1 = await day(d('04-15'));
  const d2 = await day(d('05-15'));
  const d3 = await day(d('07-15'));
  const dFuture = await day(addDays(today, 1));
  for (const dd of [d1, d2, d3, dFuture]) await db().insert(receptionDuties).values({ dayId: dd, representativeId: reps.张三, congressId: cid });
  await db().insert(receptionDuties).values({ dayId: d2, representativeId: reps.李四, congressId: cid });
  const record = async (date: string, present: string[], over: Partial<typeof receptions.$inferInsert> = {}) => {
    const [r] = await db().insert(receptions).values({ congressId: cid, stationId: st.id, heldOn: date, visitors: 5, ...over }).returning();
    for (const p of present) await db().insert(receptionRepresentatives).values({ receptionId: r.id, representativeId: p, congressId: cid });
    return r.id;
  };
  await record(d('04-15'), [reps.张三], { dayId: d1, theme: '春耕' }); // the day's own record: held
  await record(d('05-15'), [reps.李四], { dayId: d2 }); // 张三 was on duty and not there: missed
  await record(d('07-15'), [reps.张三, reps.李四]); // the station's record that day (no day linked): held
  await record(d('08-01'), [reps.张三], { kind: 'home_visit', theme: '走访困难户' });
  await record(`${Y - 1}-12-01`, [reps.张三]); // the year before

  // Items: three of 张三's this year (one done, one with a department, one referred), one the year before, one of 李四's.
  const item = (over: { representativeId: string; receivedOn: string; title: string }) =>
    db().transaction((tx) => createItem(tx, { congressId: cid, source: 'representative', category: 'urban', content: '内容', ...over }));
  const i1 = await item({ representativeId: reps.张三, receivedOn: d('02-10'), title: '路灯不亮' });
  const i2 = await item({ representativeId: reps.张三, receivedOn: d('05-10'), title: '河道垃圾' });
  const i3 = await item({ representativeId: reps.张三, receivedOn: d('10-10'), title: '公交线路' });
  await item({ representativeId: reps.张三, receivedOn: `${Y - 1}-10-10`, title: '去年的意见' });
  await item({ representativeId: reps.李四, receivedOn: d('03-03'), title: '李四的意见' });
  // The submitter's rating and a handling rating exist: the archive must not read them.
  await db().update(items).set({ status: 'done', answerClass: 'resolved', feedback: 'unsatisfied', feedbackRound: 1 }).where(eq(items.id, i1.id));
  await db().update(items).set({ status: 'assigned', departmentId: W.department.id }).where(eq(items.id, i2.id));
  await db().update(items).set({ status: 'referred' }).where(eq(items.id, i3.id));
  await db().insert(handlingRatings).values({ congressId: cid, departmentId: W.department.id, year: Y, attitude: 'unsatisfied', handling: 'unsatisfied', effect: 'unsatisfied' });

  // Inspections: two with 张三, one without; one of 张三's the year before.
  const projectId = (await must(admin.post(`${base}/projects`, { year: Y, title: uniq('道路硬化'), leadDepartmentId: W.department.id, coDepartmentIds: [], plannedInvestment: '100', fundingSource: '县财政', plannedCompletion: `${Y + 1}-12-31` }), 'project')).id;
  const inspect = (date: string, attendeeIds: string[]) => must(admin.post(`${base}/inspections`, { projectId, date, title: uniq('视察'), attendeeIds }), 'inspection');
  await inspect(d('05-20'), [reps.张三, reps.李四]);
  await inspect(d('09-20'), [reps.张三]);
  await inspect(d('10-20'), [reps.李四]);
  await inspect(`${Y - 1}-11-20`, [reps.张三]);

  // A proposal from 张三's card: submitted now, dated into year Y here (the archive counts the day of submission).
  await openWindow(admin, cid, Number(today.slice(0, 4)));
  const p = await must(W.cards.张三.post(`${base}/proposals`, { ...proposalFields({ title: '西街路灯' }), channel: 'representative' }), 'proposal');
  await db().update(proposals).set({ createdAt: new Date(`${d('06-30')}T20:00:00Z`) }).where(eq(proposals.id, p.id)); // 07-01 in Shanghai
  await must(W.cards.张三.post(`${base}/proposals`, { ...proposalFields({ title: '今年的建议' }), channel: 'representative' }), 'proposal');

  // Evaluation codes received: two rounds of year Y, one of the next year; a comment that must never show.
  const round = async (year: number) => (await db().insert(evalRounds).values({ congressId: cid, year, title: uniq('满意度测评'), audiences: ['representatives'], items: {} }).returning())[0].id;
  const r1 = await round(Y);
  const r2 = await round(Y);
  const r3 = await round(Y + 1);
  for (const r of [r1, r2, r3]) await db().insert(evalGrants).values({ roundId: r, representativeId: reps.张三 });
  await db().insert(evalGrants).values({ roundId: r1, representativeId: reps.李四 });
  await db().insert(evalComments).values({ roundId: r1, audience: 'representatives', targetKind: 'department', targetId: W.department.id, text: 'SECRET-COMMENT-不要显示' });

  // Staff entries: a training for 张三 and 李四 at once, a rated 述职 for 张三, one the year before.
  await must(admin.call(A.createEntries, { params: { congressId: cid }, body: { representativeIds: [reps.张三, reps.李四], kind: 'training', heldOn: d('03-10'), title: '代表履职培训班' } }), 'training');
  await must(admin.call(A.createEntries, { params: { congressId: cid }, body: { representativeIds: [reps.张三], kind: 'report', heldOn: d('12-01'), title: '向选民述职', rating: 'satisfied', note: '选民代表 30 人参加' } }), 'report');
  await must(admin.call(A.createEntries, { params: { congressId: cid }, body: { representativeIds: [reps.张三], kind: 'training', heldOn: `${Y - 1}-03-10`, title: '去年的培训' } }), 'training');
}

beforeAll(async () => {
  admin = await setupAdmin(t);
  W = await world(['张三', '李四', '王五', '钱七'], ['张三', '李四']);
  O = await world(['赵六'], ['赵六']);
  // A station keeper of W (role station) is refused like everyone but the office.
  const u = uniq('keeper');
  const [st] = await db().insert(stations).values({ congressId: W.congress.id, name: uniq('村联络站'), kind: 'village' }).returning();
  await must(admin.post(`${W.base}/accounts`, { username: u, displayName: '联络站管理员', password: PASSWORD, role: 'station', stationId: st.id }), 'keeper');
  keeper = new Client(t);
  await keeper.login(u, PASSWORD);
  await fill();
}, 120_000);

const archiveOf = async (rep: string, year = Y) => {
  const res = await admin.call(A.getArchive, { params: { congressId: W.congress.id, representativeId: W.reps[rep] }, query: { year } });
  expect(res.status, res.text).toBe(200);
  return res.body;
};
const table = async (query: Record<string, unknown> = {}) => {
  const res = await admin.call(A.archiveTable, { params: { congressId: W.congress.id }, query: { year: Y, ...query } });
  expect(res.status, res.text).toBe(200);
  return res.body;
};

/** 张三's year as made in fill(). */
const ZHANG = {
  sessionPresent: 1,
  sessionLeave: 1,
  sessionAbsent: 1,
  sessionUnrecorded: 1,
  dutyDays: 3,
  receptionsHeld: 3,
  receptionsMissed: 1,
  itemsRaised: 3,
  itemsClosed: 2,
  inspections: 2,
  proposals: 1,
  codesReceived: 2,
  trainings: 1,
  reports: 1,
};

describe('pointsOf', () => {
  it('multiplies each count by the rule, one line per event in a fixed order, and adds them up', () => {
    const counts = Object.fromEntries(POINT_EVENTS.map((e) => [e, 0])) as Record<(typeof POINT_EVENTS)[number], number>;
    const p = pointsOf({ ...counts, session_absent: 2, reception_held: 3, inspection: 1 }, { ...DEFAULT_POINTS, inspection: 2.5 });
    expect(p.lines.map((l) => l.event)).toEqual([...POINT_EVENTS]);
    expect(p.lines.find((l) => l.event === 'session_absent')).toEqual({ event: 'session_absent', count: 2, each: -2, points: -4 });
    expect(p.lines.find((l) => l.event === 'inspection')).toEqual({ event: 'inspection', count: 1, each: 2.5, points: 2.5 });
    expect(p.total).toBe(-4 + 6 + 2.5);
    // Nothing happened: 0 everywhere (not −0 for the negative rules).
    const none = pointsOf(counts, DEFAULT_POINTS);
    expect(none.total).toBe(0);
    expect(Object.is(none.lines.find((l) => l.event === 'session_absent')!.points, 0)).toBe(true);
  });
});

describe('one archive', () => {
  it("counts 张三's year from attendance, duty, receptions, items, inspections, proposals, codes and entries", async () => {
    const a = await archiveOf('张三');
    expect(a.representative).toMatchObject({ id: W.reps.张三, name: '张三', delegation: '第一代表小组', constituency: '张三选区', status: 'seated' });
    expect(a.counts).toEqual(ZHANG);
    // The lines behind each figure say the same.
    expect(a.sessions.map((s) => [s.date, s.status])).toEqual([
      [d('03-01'), 'present'],
      [d('06-01'), 'leave'],
      [d('09-01'), 'absent'],
      [d('11-01'), 'unrecorded'],
    ]);
    expect(a.duties.map((x) => [x.day, x.state])).toEqual([
      [d('04-15'), 'held'],
      [d('05-15'), 'missed'],
      [d('07-15'), 'held'],
    ]);
    expect(a.receptions.map((r) => [r.heldOn, r.kind])).toEqual([
      [d('04-15'), 'reception'],
      [d('07-15'), 'reception'],
      [d('08-01'), 'home_visit'],
    ]);
    expect(a.items.map((i) => [i.title, i.status, i.answerClass])).toEqual([
      ['路灯不亮', 'done', 'resolved'],
      ['河道垃圾', 'assigned', null],
      ['公交线路', 'referred', null],
    ]);
    expect(a.inspections.map((i) => i.date)).toEqual([d('05-20'), d('09-20')]);
    expect(a.proposals.map((p) => [p.title, p.submittedOn])).toEqual([['西街路灯', d('07-01')]]);
    expect(a.entries.map((e) => [e.kind, e.heldOn, e.title, e.rating, e.note])).toEqual([
      ['training', d('03-10'), '代表履职培训班', null, ''],
      ['report', d('12-01'), '向选民述职', 'satisfied', '选民代表 30 人参加'],
    ]);
  });

  it('gives the points by the default rules, line by line', async () => {
    const a = await archiveOf('张三');
    const line = (e: string) => a.points.lines.find((l) => l.event === e)!;
    expect(line('session_present')).toEqual({ event: 'session_present', count: 1, each: 1, points: 1 });
    expect(line('session_absent')).toEqual({ event: 'session_absent', count: 1, each: -2, points: -2 });
    expect(line('reception_held')).toEqual({ event: 'reception_held', count: 3, each: 2, points: 6 });
    expect(line('reception_missed')).toEqual({ event: 'reception_missed', count: 1, each: -1, points: -1 });
    expect(line('inspection')).toEqual({ event: 'inspection', count: 2, each: 2, points: 4 });
    // 1 + 0 − 2 + 6 − 1 + 3 (items) + 4 + 1 (proposal) + 1 (training) + 2 (report)
    expect(a.points.total).toBe(15);
  });

  it('counts the next year apart: a duty day still to come is planned, not missed; the other round’s code is there', async () => {
    const next = await archiveOf('张三', Y + 1);
    expect(next.counts.codesReceived).toBe(1);
    const planned = next.duties.filter((x) => x.state === 'planned');
    if (addDays(today, 1).startsWith(String(Y + 1))) expect(planned.map((x) => x.day)).toEqual([addDays(today, 1)]);
    expect(next.counts.receptionsMissed).toBe(0);
    expect(next.counts.proposals).toBe(1); // the one submitted this year
  });

  it('counts a representative who left only while in office', async () => {
    const a = await archiveOf('王五');
    expect(a.representative.status).toBe('left');
    // 03-01 present, 06-01 unrecorded; the sessions of September and November came after 07-01.
    expect(a.sessions.map((s) => [s.date, s.status])).toEqual([
      [d('03-01'), 'present'],
      [d('06-01'), 'unrecorded'],
    ]);
  });

  it('follows the rules the congress sets (edited through the settings route)', async () => {
    const congress = (await admin.call(Congress.getCongress, { params: { congressId: W.congress.id } })).body;
    const settings = { ...congress.settings, points: { ...congress.settings.points, session_absent: -5, inspection: 3 } };
    expect((await admin.call(Congress.replaceSettings, { params: { congressId: W.congress.id }, body: settings })).status).toBe(200);
    try {
      const a = await archiveOf('张三');
      expect(a.points.total).toBe(15 + 2 - 5 + 2 * 1);
      const row = (await table()).rows.find((r: { id: string }) => r.id === W.reps.张三)!;
      expect(row.points).toBe(14);
    } finally {
      await admin.call(Congress.replaceSettings, { params: { congressId: W.congress.id }, body: { ...congress.settings } });
    }
  });

  it('refuses a representative of another congress (404) and a bad year (400)', async () => {
    const res = await admin.call(A.getArchive, { params: { congressId: W.congress.id, representativeId: O.reps.赵六 }, query: { year: Y } });
    expect(res.status).toBe(404);
    expect(res.body.error?.code).toBe('representative_not_found');
    for (const year of ['1999', 'abc', '2101']) expect((await admin.get(`${W.base}/archive/representatives/${W.reps.张三}?year=${year}`)).status).toBe(400);
  });
});

describe('the yearly table', () => {
  it('lists the year’s representatives (not one who left before it) with the same counts as their archives', async () => {
    const tb = await table();
    expect(tb.year).toBe(Y);
    expect(tb.rules).toEqual(DEFAULT_POINTS);
    expect(tb.rows.map((r: { name: string }) => r.name).sort()).toEqual(['张三', '李四', '王五'].sort());
    for (const name of ['张三', '李四', '王五']) {
      const row = tb.rows.find((r: { id: string }) => r.id === W.reps[name])!;
      const a = await archiveOf(name);
      expect(row.counts, name).toEqual(a.counts);
      expect(row.points, name).toBe(a.points.total);
    }
    // 李四: present ×3, 05-15 on duty and present, two receptions, one item, two inspections, a code, the training.
    expect(tb.rows.find((r: { id: string }) => r.id === W.reps.李四)!.counts).toEqual({
      sessionPresent: 3,
      sessionLeave: 0,
      sessionAbsent: 0,
      sessionUnrecorded: 1,
      dutyDays: 1,
      receptionsHeld: 2,
      receptionsMissed: 0,
      itemsRaised: 1,
      itemsClosed: 0,
      inspections: 2,
      proposals: 0,
      codesReceived: 1,
      trainings: 1,
      reports: 0,
    });
  });

  it('sorts by points (highest first by default), by name, or by a count, either way', async () => {
    const names = (tb: { rows: { name: string }[] }) => tb.rows.map((r) => r.name);
    const byPoints = await table();
    const pts = byPoints.rows.map((r: { points: number }) => r.points);
    expect(pts).toEqual([...pts].sort((a: number, b: number) => b - a));
    expect(names(await table({ sort: 'points', order: 'asc' }))).toEqual(names(byPoints).reverse());
    expect(names(await table({ sort: 'name', order: 'asc' }))).toEqual(['李四', '王五', '张三']); // pinyin: li, wang, zhang
    expect(names(await table({ sort: 'inspections', order: 'desc' })).slice(0, 2).sort()).toEqual(['张三', '李四'].sort());
    expect((await admin.get(`${W.base}/archive?sort=votes`)).status).toBe(400);
  });

  it('downloads as CSV in the same order, UTF-8 with a BOM, words in the caller’s language', async () => {
    const res = await admin.call(A.archiveTableCsv, { params: { congressId: W.congress.id }, query: { year: Y, sort: 'name', order: 'asc' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.text.charCodeAt(0)).toBe(0xfeff);
    const lines = res.text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('姓名,代表小组,选区,状态,出席,请假,缺席,未登记,排班,接待,未到岗,意见建议,已办结,视察,项目建议,测评码,培训,述职,积分');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['李四', '王五', '张三']);
    expect(lines[3]).toBe(`张三,第一代表小组,张三选区,在任,${Object.values(ZHANG).join(',')},15`);
    const en = new Client(t, 'en');
    en.cookie = admin.cookie;
    const eng = await en.call(A.archiveTableCsv, { params: { congressId: W.congress.id }, query: { year: Y } });
    expect(eng.text.slice(1).split('\r\n')[0]).toMatch(/^Name,Group,Constituency,Status,Present,/);
  });
});

describe('who sees what', () => {
  it('a representative signed in with the card reads their own archive, the same as the office’s', async () => {
    const res = await W.cards.张三.call(A.myArchive, { params: { congressId: W.congress.id }, query: { year: Y } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual(await archiveOf('张三'));
    const li = await W.cards.李四.call(A.myArchive, { params: { congressId: W.congress.id }, query: { year: Y } });
    expect(li.body.representative.id).toBe(W.reps.李四);
    expect(li.text).not.toContain(W.reps.张三);
  });

  it("refuses a representative another's archive, the table and the CSV; and every other role", async () => {
    const cid = W.congress.id;
    for (const cl of [W.cards.张三, W.clients.government, W.clients.presidium, W.clients.scrutineer, W.clients.department, W.clients.representative, keeper]) {
      expect((await cl.call(A.getArchive, { params: { congressId: cid, representativeId: W.reps.李四 }, query: { year: Y } })).status).toBe(403);
      expect((await cl.call(A.archiveTable, { params: { congressId: cid } })).status).toBe(403);
      expect((await cl.call(A.archiveTableCsv, { params: { congressId: cid } })).status).toBe(403);
      expect((await cl.call(A.createEntries, { params: { congressId: cid }, body: { representativeIds: [W.reps.李四], kind: 'training', heldOn: d('01-01'), title: 'x' } })).status).toBe(403);
    }
    for (const cl of [W.clients.government, W.clients.department, keeper]) expect((await cl.call(A.myArchive, { params: { congressId: cid } })).status).toBe(403);
    expect((await new Client(t).call(A.myArchive, { params: { congressId: cid } })).status).toBe(401);
  });

  it("answers 404 to a representative account with no roster row, and refuses in another congress", async () => {
    const res = await W.clients.representative.call(A.myArchive, { params: { congressId: W.congress.id } });
    expect(res.status).toBe(404);
    expect(res.body.error?.code).toBe('archive_no_roster');
    expect([403, 404]).toContain((await W.cards.张三.call(A.myArchive, { params: { congressId: O.congress.id } })).status);
    expect([403, 404]).toContain((await O.cards.赵六.call(A.myArchive, { params: { congressId: W.congress.id } })).status);
  });
});

describe('nothing of how anyone voted, answered or rated', () => {
  it('shows no rating, feedback or comment in the archive, the table or the CSV', async () => {
    const texts = [
      JSON.stringify(await archiveOf('张三')),
      JSON.stringify(await table()),
      (await admin.call(A.archiveTableCsv, { params: { congressId: W.congress.id }, query: { year: Y } })).text,
      (await W.cards.张三.call(A.myArchive, { params: { congressId: W.congress.id }, query: { year: Y } })).text,
    ];
    for (const text of texts) {
      expect(text).not.toContain('SECRET-COMMENT');
      expect(text).not.toContain('"unsatisfied"'); // the item's feedback and the handling rating
      expect(text).not.toMatch(/"(feedback|feedbackRound|marks|receipt|attitude|handling|effect|codeId|serial)"/);
    }
  });

  it('reads no table of ballots, cards, codes, answers, comments or handling ratings (the source says so)', () => {
    const dir = new URL('../../server/archive/', import.meta.url);
    const source = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(new URL(f, dir), 'utf8'))
      .join('\n')
      // Comments may name what is not read.
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    for (const name of ['ballots', 'cards', 'paperEntries', 'evalCodes', 'evalSpent', 'evalAnswers', 'evalComments', 'handlingRatings', 'handlingRatingGrants', 'feedback', 'tallies']) expect(source, name).not.toMatch(new RegExp(`\\b${name}\\b`));
  });
});

describe('trainings and 述职 entered by staff', () => {
  const cid = () => W.congress.id;
  const count = async () => (await db().select().from(archiveEntries).where(eq(archiveEntries.congressId, cid()))).length;

  it('refuses a rating on a training, a date to come, a representative of another congress — entering nothing', async () => {
    const before = await count();
    const bad = [
      [{ representativeIds: [W.reps.张三], kind: 'training', heldOn: d('04-01'), title: '培训', rating: 'satisfied' }, 'archive_rating_training', 400],
      [{ representativeIds: [W.reps.张三], kind: 'training', heldOn: addDays(today, 1), title: '培训' }, 'archive_entry_future', 400],
      [{ representativeIds: [W.reps.张三, O.reps.赵六], kind: 'training', heldOn: d('04-01'), title: '培训' }, 'representative_not_found', 404],
    ] as const;
    for (const [body, code, status] of bad) {
      const res = await admin.call(A.createEntries, { params: { congressId: cid() }, body: body as never });
      expect(res.status, code).toBe(status);
      expect(res.body.error?.code).toBe(code);
    }
    for (const body of [{ representativeIds: [], kind: 'training', heldOn: d('04-01'), title: '培训' }, { representativeIds: [W.reps.张三], kind: 'party', heldOn: d('04-01'), title: '培训' }, { representativeIds: [W.reps.张三], kind: 'report', heldOn: '2024-02-30', title: '述职' }, { representativeIds: [W.reps.张三], kind: 'report', heldOn: d('04-01'), title: ' ' }])
      expect((await admin.post(`${W.base}/archive/entries`, body)).status).toBe(400);
    expect(await count()).toBe(before);
  });

  it('corrects an entry (made a report and rated; made a training again only without the rating), then deletes it — audited', async () => {
    const { ids } = await must(admin.call(A.createEntries, { params: { congressId: cid() }, body: { representativeIds: [W.reps.王五], kind: 'training', heldOn: d('02-02'), title: '初任培训' } }));
    const entryId = ids[0];
    const upd = await admin.call(A.updateEntry, { params: { congressId: cid(), entryId }, body: { kind: 'report', rating: 'basically', title: '向选民述职' } });
    expect(upd.status, upd.text).toBe(200);
    expect(upd.body).toMatchObject({ id: entryId, representativeId: W.reps.王五, kind: 'report', rating: 'basically', title: '向选民述职', heldOn: d('02-02') });
    expect((await archiveOf('王五')).counts).toMatchObject({ trainings: 0, reports: 1 });
    const refused = await admin.call(A.updateEntry, { params: { congressId: cid(), entryId }, body: { kind: 'training' } });
    expect(refused.body.error?.code).toBe('archive_rating_training');
    expect((await admin.call(A.updateEntry, { params: { congressId: cid(), entryId }, body: { heldOn: addDays(today, 3) } })).body.error?.code).toBe('archive_entry_future');
    expect((await archiveOf('王五')).entries[0]).toMatchObject({ kind: 'report', rating: 'basically', heldOn: d('02-02') });
    expect((await admin.call(A.updateEntry, { params: { congressId: cid(), entryId }, body: { kind: 'training', rating: null } })).status).toBe(200);
    // Another congress's path does not reach it.
    const oAdmin = O.clients.admin;
    expect((await oAdmin.call(A.updateEntry, { params: { congressId: O.congress.id, entryId }, body: { note: 'x' } })).status).toBe(404);
    expect((await oAdmin.call(A.deleteEntry, { params: { congressId: O.congress.id, entryId } })).status).toBe(404);
    expect((await admin.call(A.deleteEntry, { params: { congressId: cid(), entryId } })).status).toBe(200);
    expect((await admin.call(A.deleteEntry, { params: { congressId: cid(), entryId } })).body.error?.code).toBe('archive_entry_not_found');
    expect((await archiveOf('王五')).counts).toMatchObject({ trainings: 0, reports: 0 });
    const audit = await db().select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.targetType, 'archive_entry'), eq(auditLog.targetId, entryId)));
    expect(audit.map((x) => x.action)).toEqual(['archive.entry_create', 'archive.entry_update', 'archive.entry_update', 'archive.entry_delete']);
  });
});
