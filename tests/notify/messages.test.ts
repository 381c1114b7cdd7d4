/**
 * The messages a change writes and the calendar's (SPEC §17), through the real routes on this run's database (PGlite or
 * PostgreSQL): each trigger writes exactly its messages in the change's transaction (a refused change writes none, a
 * repeated one no more), to whom and by which channel (a resident by the HMAC of their contact only); the scan writes
 * each reminder once however often it runs, and on two "instances" at once; render fills the words in both languages,
 * a congress's own, the approved SMS template, the resident's 退订 line, and an invitation's code made at sending.
 */
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as IC from '../../shared/items/contract.ts';
import * as GC from '../../shared/gathering/contract.ts';
import * as PC from '../../shared/projects/contract.ts';
import * as EC from '../../shared/evaluation/contract.ts';
import * as NC from '../../shared/notify/contract.ts';
import { parsePhones } from '../../shared/notify/rules.ts';
import { addDays, shanghaiToday, shanghaiYear } from '../../shared/time.ts';
import { candidates, congresses, departments, proposals, evalRounds, items, outbox, projects, receptionDays, receptionDuties, rectifications, stations } from '../../server/db/schema/index.ts';
import { addressKey } from '../../server/notify/address.ts';
import { preview, render, type OutboxRow } from '../../server/notify/render.ts';
import { scan } from '../../server/notify/scan.ts';
import { becameProjects, itemTriaged } from '../../server/notify/triggers.ts';
import { verifyCode } from '../../server/evaluation/codes.ts';
import { Client, setupAdmin, uniq, useTestApp } from '../helpers/app.ts';
import { itemsWorld, newItem, type World } from '../items/helpers.ts';
import { openWindow, submitPublic } from '../gathering/helpers.ts';
import { csvText, utf8 } from '../hotline/helpers.ts';
import * as HC from '../../shared/hotline/contract.ts';

const t = useTestApp();
let admin: Client;
let w: World;
const year = shanghaiYear();
const DEP_A_PHONE = '13700000001';
const DEP_B_PHONE = '13700000002';
const REP_PHONES = ['13600000001', '13600000002'];

type Row = typeof outbox.$inferSelect;
const rowsOf = async (where: Partial<{ kind: string; subjectId: string }> = {}): Promise<Row[]> =>
  t.database.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.congressId, w.congressId), where.kind ? eq(outbox.kind, where.kind) : undefined, where.subjectId ? eq(outbox.subjectId, where.subjectId) : undefined))
    .orderBy(outbox.createdAt, outbox.id);
const countAll = async () => Number((await t.database.db.select({ n: sql<number>`count(*)::int` }).from(outbox)).at(0)?.n ?? 0);

beforeAll(async () => {
  admin = await setupAdmin(t);
  w = await itemsWorld(t, admin);
  expect((await w.staff.patch(`${w.base}/departments/${w.depA}`, { contactPhone: DEP_A_PHONE })).status).toBe(200);
  expect((await w.staff.patch(`${w.base}/departments/${w.depB}`, { contactPhone: DEP_B_PHONE })).status).toBe(200);
  for (const [i, id] of w.repIds.entries()) expect((await w.staff.patch(`${w.base}/representatives/${id}`, { phone: REP_PHONES[i] })).status).toBe(200);
});

describe('items', () => {
  it('triage tells the resident once a round (by the HMAC of the number), assigning tells the department with the deadline', async () => {
    const it0 = await newItem(w, { submitterContact: '139-0000-1111' });
    expect(await rowsOf({ subjectId: it0.id })).toEqual([]); // receiving an item is no message
    const res = await w.staff.call(IC.assignItem, { params: { congressId: w.congressId, itemId: it0.id }, body: { departmentId: w.depA, urgency: 'normal' } });
    expect(res.status, res.text).toBe(200);
    const rows = await rowsOf({ subjectId: it0.id });
    expect(rows.map((r) => `${r.kind}/${r.audience}/${r.channel}`).sort()).toEqual(['item_assigned/department/sms', 'item_screened/resident/sms']);
    const resident = rows.find((r) => r.kind === 'item_screened')!;
    expect(resident.address).toBe('13900001111');
    expect(resident.addressMasked).toBe('139****1111');
    expect(resident.personKey).toBe(await addressKey(t.database.db, '13900001111'));
    expect(resident.personKey).not.toContain('13900001111');
    expect(resident.params).toEqual({ code: it0.trackingCode, outcome: '已交办承办单位办理' });
    expect(resident.state).toBe('pending');
    const dep = rows.find((r) => r.kind === 'item_assigned')!;
    expect(dep.personKey).toBe(`department:${w.depA}`);
    expect(dep.address).toBe(DEP_A_PHONE);
    expect(dep.params.code).toBe(it0.trackingCode);
    expect(dep.params.dueOn).toMatch(/^\d{4}-\d\d-\d\d$/);

    // 改派: the new department hears; the resident does not hear of the same round again.
    const re = await w.staff.call(IC.reassignItem, { params: { congressId: w.congressId, itemId: it0.id }, body: { departmentId: w.depB, urgency: 'normal' } });
    expect(re.status, re.text).toBe(200);
    const after = await rowsOf({ subjectId: it0.id });
    expect(after.filter((r) => r.kind === 'item_screened')).toHaveLength(1);
    expect(after.filter((r) => r.kind === 'item_assigned').map((r) => r.personKey).sort()).toEqual([`department:${w.depA}`, `department:${w.depB}`].sort());

    // Answered and accepted: the resident hears with the tracking link (made at sending from the code).
    expect((await w.depBClient.call(IC.answerItem, { params: { congressId: w.congressId, itemId: it0.id }, body: { answerClass: 'resolved', text: '已修好。' } })).status).toBe(200);
    expect(await rowsOf({ subjectId: it0.id, kind: 'item_answered' })).toEqual([]); // not until the office accepts
    expect((await w.staff.call(IC.acceptAnswer, { params: { congressId: w.congressId, itemId: it0.id } })).status).toBe(200);
    const answered = await rowsOf({ subjectId: it0.id, kind: 'item_answered' });
    expect(answered).toHaveLength(1);
    expect(preview(answered[0])).toBe(`您反映的意见建议（查询码${it0.trackingCode}）已答复，请查看并评价：/t/${it0.trackingCode}`);
  });

  it('a refused change writes no message; a trigger called again writes no second one', async () => {
    const it0 = await newItem(w, { submitterContact: '13900002222' });
    const before = await countAll();
    const bad = await w.staff.call(IC.assignItem, { params: { congressId: w.congressId, itemId: it0.id }, body: { departmentId: crypto.randomUUID(), urgency: 'normal' } });
    expect(bad.status).toBe(404);
    const past = await w.staff.call(IC.assignItem, { params: { congressId: w.congressId, itemId: it0.id }, body: { departmentId: w.depA, urgency: 'normal', dueOn: addDays(shanghaiToday(), -1) } });
    expect(past.status).toBe(400);
    expect(await countAll()).toBe(before);
    expect((await w.staff.call(IC.referItem, { params: { congressId: w.congressId, itemId: it0.id }, body: { to: '县信访局' } })).status).toBe(200);
    const [row] = await t.database.db.select().from(items).where(eq(items.id, it0.id));
    expect(await t.database.db.transaction((tx) => itemTriaged(tx, row, 'refer'))).toEqual([]);
    const rows = await rowsOf({ subjectId: it0.id });
    expect(rows.map((r) => [r.kind, r.params.outcome])).toEqual([['item_screened', '已转有关部门办理']]);
  });

  it('a message is written in the change\'s transaction: rolled back with it', async () => {
    const it0 = await newItem(w, { submitterContact: '13900003333' });
    const [row] = await t.database.db.select().from(items).where(eq(items.id, it0.id));
    const before = await countAll();
    await expect(
      t.database.db.transaction(async (tx) => {
        expect(await itemTriaged(tx, row, 'refer')).toHaveLength(1);
        throw new Error('the change fails after its message');
      }),
    ).rejects.toThrow('the change fails after its message');
    expect(await countAll()).toBe(before);
  });

  it('an item with no contact, or a contact no channel reaches, writes nothing; an e-mail address is reached by e-mail', async () => {
    const none = await newItem(w, { submitterContact: '' });
    const landline = await newItem(w, { submitterContact: '0392-1234567' });
    const mail = await newItem(w, { submitterContact: 'Wang.Dama@Example.cn' });
    for (const it0 of [none, landline, mail]) expect((await w.staff.call(IC.answerOnSpot, { params: { congressId: w.congressId, itemId: it0.id }, body: { note: '当场说明政策。' } })).status).toBe(200);
    expect(await rowsOf({ subjectId: none.id })).toEqual([]);
    expect(await rowsOf({ subjectId: landline.id })).toEqual([]);
    const [m] = await rowsOf({ subjectId: mail.id });
    expect([m.channel, m.address, m.addressMasked, m.params.outcome]).toEqual(['email', 'wang.dama@example.cn', 'w***@example.cn', '已当场答复']);
  });
});

describe('12345 tickets imported', () => {
  it('tell each department of its open tickets once (a closed one and one for no department of ours: nothing)', async () => {
    const [dep] = await t.database.db.select().from(departments).where(eq(departments.id, w.depA));
    const day = addDays(shanghaiToday(), -2);
    const rows = [
      { no: uniq('GD'), time: `${day} 09:00`, content: '幸福路路灯不亮', area: '城关镇', department: dep.name, status: '办理中', satisfaction: '', phone: '13800000001' },
      { no: uniq('GD'), time: `${day} 10:00`, content: '噪音扰民', area: '城关镇', department: dep.name, status: '已办结', satisfaction: '满意', phone: '' },
      { no: uniq('GD'), time: `${day} 11:00`, content: '垃圾堆积', area: '河西村', department: '省电力公司', status: '已受理', satisfaction: '', phone: '' },
    ];
    const before = await countAll();
    const res = await w.staff.call(HC.importTickets, { params: { congressId: w.congressId }, body: utf8(csvText(rows)), query: { filename: 'tickets.csv' } });
    expect(res.status, res.text).toBe(201);
    const [open] = await t.database.db.select().from(items).where(eq(items.ticketNo, rows[0].no));
    const told = await rowsOf({ kind: 'item_assigned', subjectId: open.id });
    expect(told.map((r) => [r.personKey, r.params.code, r.params.dueOn])).toEqual([[`department:${w.depA}`, open.trackingCode, open.dueOn]]);
    expect(await countAll()).toBe(before + 1);
  });
});

describe('proposals and projects', () => {
  let proposalId: string;
  let code: string;
  it('screening tells the proposer the outcome', async () => {
    await openWindow(w.staff, w.congressId);
    const anon = new Client(t);
    const p = await submitPublic(t, anon, w.congressId, { title: uniq('村口路灯'), submitterContact: '13912340000' });
    expect(p.status, p.text).toBe(201);
    const o = await submitPublic(t, anon, w.congressId, { title: uniq('文化广场'), submitterContact: '13912340001' });
    const idOf = async (trackingCode: string) => (await t.database.db.select().from(proposals).where(eq(proposals.trackingCode, trackingCode)))[0].id;
    const other = { body: { id: await idOf(o.body.trackingCode), trackingCode: o.body.trackingCode as string } };
    proposalId = await idOf(p.body.trackingCode);
    code = p.body.trackingCode;
    expect(await rowsOf({ subjectId: proposalId })).toEqual([]);
    const rej = await w.staff.call(GC.rejectProposal, { params: { congressId: w.congressId, proposalId: other.body.id }, body: { reason: '资金不足', reserve: true } });
    expect(rej.status, rej.text).toBe(200);
    const [r] = await rowsOf({ subjectId: other.body.id });
    expect([r.kind, r.params.outcome, r.params.code]).toEqual(['proposal_screened', '暂不采纳，已列入项目储备库', other.body.trackingCode]);
    // A second screening is refused, and writes nothing.
    const again = await w.staff.call(GC.rejectProposal, { params: { congressId: w.congressId, proposalId: other.body.id }, body: { reason: '重复', reserve: false } });
    expect(again.status).toBe(409);
    expect(await rowsOf({ subjectId: other.body.id })).toHaveLength(1);
  });

  it('a project made from the proposal tells its proposer, and its completion again', async () => {
    // The candidate as screening makes it (the vote is another stage's test): straight into the tables.
    const [cand] = await t.database.db
      .insert(candidates)
      .values({ congressId: w.congressId, year, proposalId, title: '村口路灯工程', content: '', leadDepartmentId: w.depA, coDepartmentIds: [], plannedInvestment: '10', fundingSource: '镇财政', plannedCompletion: `${year}-12-31`, expectedOutcome: '' })
      .returning();
    const [proj] = await t.database.db
      .insert(projects)
      .values({ congressId: w.congressId, year, candidateId: cand.id, title: '村口路灯工程', leadDepartmentId: w.depA, coDepartmentIds: [], plannedInvestment: '10', fundingSource: '镇财政', plannedCompletion: `${year}-12-31` })
      .returning();
    await t.database.db.transaction((tx) => becameProjects(tx, w.congressId, [proj]));
    await t.database.db.transaction((tx) => becameProjects(tx, w.congressId, [proj]));
    const made = await rowsOf({ subjectId: proj.id });
    expect(made.map((r) => [r.kind, r.params.code, r.params.project])).toEqual([['became_project', code, '村口路灯工程']]);
    const done = await w.staff.call(PC.completeProject, { params: { congressId: w.congressId, projectId: proj.id }, body: { completedOn: shanghaiToday() } });
    expect(done.status, done.text).toBe(200);
    expect((await rowsOf({ subjectId: proj.id, kind: 'project_completed' })).map((r) => r.address)).toEqual(['13912340000']);
    // Completed twice is refused and writes nothing more.
    expect((await w.staff.call(PC.completeProject, { params: { congressId: w.congressId, projectId: proj.id }, body: { completedOn: shanghaiToday() } })).status).toBe(409);
    expect(await rowsOf({ subjectId: proj.id })).toHaveLength(2);
  });

  it('an inspection tells the representatives who took part; a finding to answer tells its department', async () => {
    const [proj] = await t.database.db.select().from(projects).where(eq(projects.congressId, w.congressId));
    const ins = await w.staff.call(PC.createInspection, { params: { congressId: w.congressId }, body: { projectId: proj.id, date: shanghaiToday(), title: '路灯视察', attendeeIds: w.repIds } });
    expect(ins.status, ins.text).toBe(201);
    const told = await rowsOf({ subjectId: ins.body.id });
    expect(told.map((r) => [r.kind, r.audience, r.address]).sort()).toEqual(REP_PHONES.map((p) => ['inspection', 'representative', p]));
    expect(told.map((r) => r.personKey).sort()).toEqual(w.repIds.map((id) => `member:${id}`).sort());
    const noted = await w.staff.call(PC.addFinding, { params: { congressId: w.congressId, inspectionId: ins.body.id }, body: { text: '有两盏灯不亮' } });
    expect(noted.status, noted.text).toBe(201);
    const f = await w.staff.call(PC.addFinding, { params: { congressId: w.congressId, inspectionId: ins.body.id }, body: { text: '灯杆倾斜', departmentId: w.depA, answerDueOn: addDays(shanghaiToday(), 10) } });
    expect(f.status, f.text).toBe(201);
    const findings = await rowsOf({ kind: 'finding_to_answer' });
    expect(findings.map((r) => [r.personKey, r.params.finding])).toEqual([[`department:${w.depA}`, '灯杆倾斜']]);
  });
});

describe('evaluation rounds', () => {
  it('opening a round representatives answer tells each seated representative with a phone, with no code', async () => {
    const [proj] = await t.database.db.select().from(projects).where(eq(projects.congressId, w.congressId));
    const mk = async (audiences: string[]) => (await w.staff.call(EC.createRound, { params: { congressId: w.congressId }, body: { year, title: uniq('测评'), audiences, projectIds: [proj.id] } as never })).body.id as string;
    const residentsOnly = await mk(['residents']);
    const both = await mk(['representatives', 'residents']);
    for (const id of [residentsOnly, both]) expect((await w.staff.call(EC.openRound, { params: { congressId: w.congressId, roundId: id } })).status).toBe(200);
    expect(await rowsOf({ subjectId: residentsOnly })).toEqual([]);
    const told = await rowsOf({ subjectId: both });
    expect(told.map((r) => r.address).sort()).toEqual(REP_PHONES);
    for (const r of told) {
      expect(Object.keys(r.params).sort()).toEqual(['closesOn', 'round']);
      expect(preview(r)).toContain('请用代表证登录或凭收到的测评码参加');
    }
  });
});

describe('the calendar scan', () => {
  const today = shanghaiToday();
  /** 10:00 Shanghai today (duty reminders go in the day; the digest from its hour). */
  const tenAm = new Date(`${today}T10:00:00+08:00`);

  it('writes each reminder once, however often it runs and on two instances at once', async () => {
    // Due in 2 days (assigned yesterday), overdue since yesterday, and one overdue long ago (not told now).
    const soon = await newItem(w, { submitterContact: '' });
    const late = await newItem(w, { submitterContact: '' });
    const old = await newItem(w, { submitterContact: '' });
    for (const it0 of [soon, late, old]) await w.staff.call(IC.assignItem, { params: { congressId: w.congressId, itemId: it0.id }, body: { departmentId: w.depA, urgency: 'normal' } });
    const set = (id: string, dueOn: string) => t.database.db.update(items).set({ dueOn, assignedOn: addDays(today, -20) }).where(eq(items.id, id));
    await set(soon.id, addDays(today, 2));
    await set(late.id, addDays(today, -1));
    await set(old.id, addDays(today, -30));
    // Reception duty tomorrow at a published plan; a rectification due in 2 days; the office's e-mail for the digest.
    const [station] = await t.database.db.select().from(stations).where(eq(stations.id, w.st1));
    const [day] = await t.database.db.insert(receptionDays).values({ congressId: w.congressId, stationId: station.id, year, day: addDays(today, 1), publishedAt: new Date() }).returning();
    await t.database.db.insert(receptionDuties).values({ dayId: day.id, representativeId: w.repIds[0], congressId: w.congressId });
    const [round] = await t.database.db.insert(evalRounds).values({ congressId: w.congressId, year, title: '整改测评', audiences: ['residents'], items: {} }).returning();
    const [rect] = await t.database.db
      .insert(rectifications)
      .values({ congressId: w.congressId, roundId: round.id, targetKind: 'department', targetId: w.depB, departmentId: w.depB, grade: 'dissatisfied', requiresReevaluation: false, deadline: addDays(today, 2) })
      .returning();
    const [c] = await t.database.db.select().from(congresses).where(eq(congresses.id, w.congressId));
    const settings = { ...(c.settings as object), notify: { smsDailyCap: 2000, perPersonDailyCap: 5, digestHour: 8, officeEmail: 'Office@Town.example.cn' } };
    await t.database.db.update(congresses).set({ settings: settings as never }).where(eq(congresses.id, w.congressId));

    const before = await countAll();
    const first = await scan(t.database.db, tenAm);
    expect(first).toBeGreaterThanOrEqual(5);
    const byKind = async (kind: string) => rowsOf({ kind });
    expect((await byKind('item_due_soon')).filter((r) => r.subjectId === soon.id).map((r) => [r.personKey, r.params.dueOn])).toEqual([[`department:${w.depA}`, addDays(today, 2)]]);
    expect((await byKind('item_overdue')).map((r) => r.subjectId)).toEqual([late.id]);
    expect((await byKind('duty_tomorrow')).map((r) => [r.address, r.params.day, r.params.station])).toEqual([[REP_PHONES[0], addDays(today, 1), station.name.slice(0, 20)]]);
    expect((await byKind('rectification_due')).map((r) => [r.subjectId, r.personKey, r.params.target])).toEqual([[rect.id, `department:${w.depB}`, expect.any(String)]]);
    const digest = await byKind('daily_digest');
    expect(digest.map((r) => [r.audience, r.channel, r.address, r.params.day])).toEqual([['staff', 'email', 'office@town.example.cn', today]]);
    expect(Number(digest[0].params.overdue)).toBeGreaterThanOrEqual(2);
    const written = await countAll();
    expect(written - before).toBe(first);

    // Again, and twice at once (two instances): nothing more.
    expect(await scan(t.database.db, tenAm)).toBe(0);
    expect(await Promise.all([scan(t.database.db, new Date(tenAm.getTime() + 60_000)), scan(t.database.db, new Date(tenAm.getTime() + 120_000))])).toEqual([0, 0]);
    expect(await countAll()).toBe(written);
  });

  it('tells duty only in the day before (not at night), and the digest only from its hour', async () => {
    const [day] = await t.database.db.insert(receptionDays).values({ congressId: w.congressId, stationId: w.st2, year, day: addDays(today, 1), publishedAt: new Date() }).returning();
    await t.database.db.insert(receptionDuties).values({ dayId: day.id, representativeId: w.repIds[1], congressId: w.congressId });
    await scan(t.database.db, new Date(`${today}T07:59:00+08:00`));
    await scan(t.database.db, new Date(`${today}T22:00:00+08:00`));
    expect(await rowsOf({ subjectId: day.id })).toEqual([]);
    await scan(t.database.db, new Date(`${today}T21:59:00+08:00`));
    expect((await rowsOf({ subjectId: day.id })).map((r) => r.address)).toEqual([REP_PHONES[1]]);
    // Yesterday before 08:00 (the digest hour): no digest of that day.
    await scan(t.database.db, new Date(`${addDays(today, -1)}T07:00:00+08:00`));
    expect((await rowsOf({ kind: 'daily_digest' })).map((r) => r.params.day)).toEqual([today]);
  });
});

describe('render', () => {
  const keysOpts = () => ({
    smsTemplates: { item_screened: 'SMS_100', evaluation_invite: 'SMS_200' },
    origin: 'https://minsheng.example.cn',
    optoutLink: async (k: string, ch: 'sms' | 'email') => `https://minsheng.example.cn/n/o#tok-${ch}-${k.length}`,
    keys: t.keys,
  });
  const base = (o: Partial<OutboxRow>): OutboxRow =>
    ({
      id: crypto.randomUUID(),
      congressId: w.congressId,
      kind: 'item_screened',
      channel: 'sms',
      audience: 'resident',
      personKey: 'addr:x',
      address: '13900009999',
      addressMasked: '139****9999',
      lang: 'zh-CN',
      params: { code: 'ABC123', outcome: '已交办承办单位办理' },
      subjectType: null,
      subjectId: null,
      dedupeKey: null,
      state: 'sending',
      reason: null,
      dueAt: new Date(),
      attempts: 1,
      leaseUntil: null,
      leasedBy: null,
      providerId: null,
      lastError: null,
      createdAt: new Date(),
      sentAt: null,
      ...o,
    }) as OutboxRow;

  it('fills the built-in words in both languages; SMS through the approved template; e-mail to a resident ends with the 退订 link', async () => {
    const sms = await render(t.database.db, base({}), keysOpts());
    expect(sms.ok && sms.message.sms).toEqual({ templateCode: 'SMS_100', params: { code: 'ABC123', outcome: '已交办承办单位办理' } });
    expect(sms.ok && sms.message.text).toBe('您反映的意见建议（查询码ABC123）已受理：已交办承办单位办理。 回T退订');
    expect(await render(t.database.db, base({ kind: 'item_assigned', params: { code: 'A', dueOn: '2027-01-01' } }), keysOpts())).toEqual({ ok: false, reason: 'no_sms_template' });
    const en = await render(t.database.db, base({ channel: 'email', address: 'a@b.cn', lang: 'en', params: { code: 'ABC123', outcome: 'assigned to a department' } }), keysOpts());
    expect(en.ok && en.message.text).toBe('The matter you raised (tracking code ABC123) has been taken up: assigned to a department.\n\nTo stop these messages, opt out: https://minsheng.example.cn/n/o#tok-email-6');
    expect(en.ok && en.message.subject).toMatch(/Item triaged$/);
    const zhMail = await render(t.database.db, base({ channel: 'email', address: 'a@b.cn' }), keysOpts());
    expect(zhMail.ok && zhMail.message.subject).toMatch(/^【.+】意见建议已分类处理$/);
    const robot = await render(t.database.db, base({ kind: 'daily_digest', channel: 'wecom', audience: 'staff', address: '', params: { day: '2027-01-02', received: '3', dueSoon: '1', overdue: '0', failed: '2' } }), keysOpts());
    expect(robot.ok && robot.message.text).toBe('2027-01-02工作摘要：昨日收到事项3件，3天内到期1件，超期0件，通知发送失败2条。');
  });

  it("uses the congress's own words and its chosen approved SMS template", async () => {
    t.deps.notify = undefined;
    const { makeNotifyRuntime } = await import('../../server/notify/channels/index.ts');
    const { parseNotifyConfig } = await import('../../server/notify/config.ts');
    t.deps.notify = makeNotifyRuntime(parseNotifyConfig({ SMS_TEMPLATES: JSON.stringify({ item_screened: 'SMS_100', evaluation_invite: 'SMS_200' }) }));
    const set = await w.staff.call(NC.setTemplate, { params: { congressId: w.congressId, kind: 'item_screened' }, body: { zh: '事项{code}：{outcome}', smsTemplateCode: 'SMS_200' } });
    expect(set.status, set.text).toBe(200);
    const r = await render(t.database.db, base({}), keysOpts());
    expect(r.ok && r.message.text).toBe('事项ABC123：已交办承办单位办理 回T退订');
    expect(r.ok && r.message.sms?.templateCode).toBe('SMS_200');
    // English still the built-in (none of its own).
    const en = await render(t.database.db, base({ lang: 'en', channel: 'wecom', audience: 'resident', address: '' }), keysOpts());
    expect(en.ok && en.message.text).toMatch(/^The matter you raised/);
    expect((await w.staff.call(NC.setTemplate, { params: { congressId: w.congressId, kind: 'item_screened' }, body: { zh: null, smsTemplateCode: null } })).status).toBe(200);
    const back = await render(t.database.db, base({}), keysOpts());
    expect(back.ok && back.message.sms?.templateCode).toBe('SMS_100');
  });

  it("makes an invitation's code at sending: a fresh one each time, valid for the round, in the words only; the preview hides it", async () => {
    const roundId = crypto.randomUUID();
    const row = base({ kind: 'evaluation_invite', subjectType: 'eval_round', subjectId: roundId, params: { round: '年度测评', closesOn: '' } });
    const a = await render(t.database.db, row, keysOpts());
    const b = await render(t.database.db, row, keysOpts());
    if (!a.ok || !b.ok) throw new Error('not rendered');
    expect(a.message.sms!.params.code).toMatch(/^E[2-9A-HJKMNP-Z]{8}$/);
    expect(a.message.sms!.params.code).not.toBe(b.message.sms!.params.code);
    const token = a.message.sms!.params.link.split('#')[1];
    expect(a.message.sms!.params.link.startsWith('https://minsheng.example.cn/e#')).toBe(true);
    expect(await verifyCode(t.keys, token)).toMatchObject({ r: roundId, a: 'residents' });
    expect(a.message.text).toContain(a.message.sms!.params.link);
    expect(row.params).toEqual({ round: '年度测评', closesOn: '' });
    expect(preview(row)).toBe('邀请您参加“年度测评”满意度测评，请点开链接匿名作答，仅可用一次：/e#******');
  });
});

describe('numbers typed for an invitation', () => {
  it('are taken once each, in order, with the invalid and repeated counted', () => {
    expect(parsePhones('13800138000\n138-0013-8000, +8613900139000；12345\n\n、13800138000')).toEqual({ phones: ['13800138000', '13900139000'], invalid: 1, duplicates: 2 });
  });
});
