/**
 * The audit log as staff read it (issue 20): a page at a time with the total, every object by its name (looked up in
 * this congress only — a deleted object says so, another congress's object is never named), filters by who, what,
 * kind of object and dates, text search, and the CSV export in words behind the formula guard.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as Audit from '../../shared/audit/contract.ts';
import * as Auth from '../../shared/auth/contract.ts';
import * as Congress from '../../shared/congress/contract.ts';
import { appendAudit } from '../../server/lib/audit.ts';
import { parseCsv, unguardCell } from '../../shared/csv.ts';
import { refPath } from '../../shared/audit/actions.ts';
import { indexRefs } from '../../shared/audit/schema.ts';
import { Client, congressWithRoles, setupAdmin, uniq, useTestApp } from '../helpers/app.ts';
import { addDays, shanghaiToday } from '../../shared/time.ts';

const t = useTestApp();
let admin: Client;
let roles: Record<string, Client>;
let cid: string;
let base: string;
let otherBase: string;
let otherCid: string;
let repId: string;
let projectId: string;
let milestoneId: string;
let foreignProjectTitle: string;
let foreignProjectId: string;
let foreignAccountId: string;
let revokedAccountId: string;
const today = shanghaiToday();
const year = Number(today.slice(0, 4));

type Entry = { seq: number; action: string; actorId: string | null; actorName: string | null; targetType: string | null; targetId: string | null; details: Record<string, unknown> | null };
type List = { items: Entry[]; total: number; page: number; size: number; refs: Record<string, Record<string, { name: string; parentId?: string | null }>>; actors: { id: string; name: string }[]; hasSystem: boolean };
const list = async (qs: string, who: Client = admin) => {
  const res = await who.get(`${base}/audit/entries${qs ? `?${qs}` : ''}`);
  expect(res.status, res.text).toBe(200);
  // The names come as a list (never an object keyed by id); indexed here as the page does.
  expect(Array.isArray(res.body.refs)).toBe(true);
  return { ...res.body, refs: indexRefs(res.body.refs) } as List;
};

beforeAll(async () => {
  admin = await setupAdmin(t);
  const made = await congressWithRoles(t, admin);
  roles = made.clients;
  cid = made.congress.id;
  base = `/api/congresses/${cid}`;
  repId = (await admin.post(`${base}/representatives`, { name: '王建华', delegation: '城关镇代表团' })).body.id;
  await admin.patch(`${base}/representatives/${repId}`, { delegation: '河东乡代表团' });
  await admin.post(`${base}/representatives/${repId}/reissue-card`);
  const project = await admin.post(`${base}/projects`, {
    year,
    title: '城关镇污水管网改造',
    leadDepartmentId: made.department.id,
    plannedInvestment: '300.00',
    fundingSource: '县级财政',
    plannedCompletion: addDays(today, 200),
    content: '新建污水管网 5 公里',
  });
  expect(project.status, project.text).toBe(201);
  projectId = project.body.id;
  const withMilestone = await admin.post(`${base}/projects/${projectId}/milestones`, { name: '管网开工', plannedDate: addDays(today, 30), weight: 10 });
  expect(withMilestone.status, withMilestone.text).toBe(201);
  milestoneId = withMilestone.body.milestoneList[0].id;
  expect((await admin.delete(`${base}/projects/${projectId}/milestones/${milestoneId}`)).status).toBe(200);

  // Another congress, with a project of its own.
  const other = await congressWithRoles(t, admin);
  otherCid = other.congress.id;
  otherBase = `/api/congresses/${otherCid}`;
  foreignProjectTitle = uniq('外县秘密项目');
  foreignProjectId = (
    await admin.post(`${otherBase}/projects`, { year, title: foreignProjectTitle, leadDepartmentId: other.department.id, plannedInvestment: '1.00', fundingSource: '县级财政', plannedCompletion: addDays(today, 100), content: '—' })
  ).body.id;
  // An entry of this congress that names the other congress's project (as a forged or mistaken id would), and one
  // that names the other congress's own staff account.
  foreignAccountId = ((await other.clients.admin.call(Auth.getMe)).body.account.id as string);
  await t.database.db.transaction(async (tx) => {
    await appendAudit(tx, { actor: null, congressId: cid, action: 'projects.update', targetType: 'project', targetId: foreignProjectId, details: { projectId: foreignProjectId } });
    await appendAudit(tx, { actor: null, congressId: cid, action: 'accounts.update', targetType: 'account', targetId: foreignAccountId });
  });
  // A role revoked here: the person is still named (they were of this congress), not "deleted".
  const members = (await admin.call(Congress.listMembers, { params: { congressId: cid } })).body;
  const presidium = members.find((m) => m.role === 'presidium')!;
  revokedAccountId = presidium.accountId;
  expect((await admin.call(Congress.revokeRole, { params: { congressId: cid, memberId: presidium.id } })).status).toBeLessThan(300);
});

describe('the audit log, a page at a time', () => {
  it('names every object by its name, with a page to open, in this congress only', async () => {
    const page = await list('size=200');
    expect(page.total).toBe(page.items.length);
    const update = page.items.find((e) => e.action === 'roster.update')!;
    expect(update.targetId).toBe(repId);
    expect(page.refs.representative[repId].name).toBe('王建华');
    expect(page.refs.project[projectId].name).toBe('城关镇污水管网改造');
    expect(refPath(cid, 'project', projectId, page.refs.project[projectId])).toBe(`/c/${cid}/projects/${projectId}`);
    expect(refPath(cid, 'representative', repId, page.refs.representative[repId])).toContain('q=%E7%8E%8B%E5%BB%BA%E5%8D%8E');
    // Accounts: the people with a role here, by their names.
    const grant = page.items.find((e) => e.action === 'congress.grant_role')!;
    expect(page.refs.account[grant.targetId!].name).toMatch(/用户$/);
    // The milestone was deleted: it is not named (the page says so); its project still is.
    const added = page.items.find((e) => e.action === 'projects.milestone_add')!;
    expect(added.details!.milestoneId).toBe(milestoneId);
    expect(page.refs.milestone?.[milestoneId]).toBeUndefined();
    // The other congress's project is never named here, whatever id an entry holds.
    const forged = page.items.find((e) => e.targetId === foreignProjectId)!;
    expect(forged).toBeTruthy();
    expect(page.refs.project[foreignProjectId]).toBeUndefined();
    expect(page.refs.account[foreignAccountId]).toBeUndefined();
    const revoke = page.items.find((e) => e.action === 'congress.revoke_role')!;
    expect(revoke.targetId).toBe(revokedAccountId);
    expect(page.refs.account[revokedAccountId].name).toBe('presidium用户');
    const raw = (await admin.call(Audit.listAuditEntries, { params: { congressId: cid }, query: { size: 200 } })).text;
    expect(raw).not.toContain(foreignProjectTitle);
    // And none of the other congress's entries are in this log.
    expect(page.items.some((e) => e.details && JSON.stringify(e.details).includes(foreignProjectTitle))).toBe(false);
    // Who appears in the log, for the "who" filter; the forged entry was written by no one.
    expect(page.actors.map((a) => a.name)).toContain('管理员');
    expect(page.hasSystem).toBe(true);
  });

  it('is read by this congress’s staff only', async () => {
    for (const role of ['presidium', 'government', 'scrutineer', 'representative', 'department']) {
      // (the presidium's role was revoked above: no role at all is "not found")
      expect([403, 404], role).toContain((await roles[role].call(Audit.listAuditEntries, { params: { congressId: cid } })).status);
      expect([403, 404], role).toContain((await roles[role].call(Audit.exportAudit, { params: { congressId: cid } })).status);
    }
    expect((await roles.admin.call(Audit.listAuditEntries, { params: { congressId: cid } })).status).toBe(200);
    // This congress's admin reading the other congress's log: refused, without a word of it.
    const across = await roles.admin.call(Audit.listAuditEntries, { params: { congressId: otherCid } });
    expect([403, 404]).toContain(across.status);
    expect(across.text).not.toContain(foreignProjectTitle);
    expect((await new Client(t).call(Audit.listAuditEntries, { params: { congressId: cid } })).status).toBe(401);
  });

  it('filters by who, area, action, kind of object and dates', async () => {
    const adminId = (await admin.call(Auth.getMe)).body.account.id as string;
    const mine = await list(`actor=${adminId}&size=200`);
    expect(mine.total).toBeGreaterThan(5);
    expect(mine.items.every((e) => e.actorId === adminId)).toBe(true);
    const system = await list('actor=system');
    expect(system.items.map((e) => e.targetId).sort()).toEqual([foreignProjectId, foreignAccountId].sort());

    const roster = await list('area=roster');
    expect(new Set(roster.items.map((e) => e.action))).toEqual(new Set(['roster.create', 'roster.update', 'roster.reissue_card']));
    const one = await list('action=roster.update');
    expect(one.items.map((e) => e.action)).toEqual(['roster.update']);
    const kind = await list('kind=project&size=200');
    expect(kind.items.length).toBeGreaterThanOrEqual(3);
    expect(kind.items.every((e) => e.targetType === 'project')).toBe(true);

    const all = (await list('size=1')).total;
    expect((await list(`from=${today}&to=${today}&size=1`)).total).toBe(all);
    expect((await list(`from=${addDays(today, 1)}`)).total).toBe(0);
    expect((await list(`to=${addDays(today, -1)}`)).total).toBe(0);
    expect((await list(`from=${addDays(today, -1)}&to=${addDays(today, 1)}&size=1`)).total).toBe(all);
    // Malformed filters are refused in words, not ignored.
    expect((await admin.get(`${base}/audit/entries?from=2026-13-01`)).status).toBe(400);
    expect((await admin.get(`${base}/audit/entries?area=nonsense`)).status).toBe(400);
  });

  it('searches the person, the words of the action, the names of the objects and the details', async () => {
    // By the name of the object: the milestone's entries name the project only by its id.
    const byTarget = await list(`q=${encodeURIComponent('污水管网')}&size=200`);
    expect(byTarget.items.map((e) => e.action)).toEqual(expect.arrayContaining(['projects.create', 'projects.milestone_add', 'projects.milestone_delete']));
    // By the words of the action, in either language.
    expect((await list(`q=${encodeURIComponent('补发代表证')}`)).items.map((e) => e.action)).toEqual(['roster.reissue_card']);
    expect((await list(`q=${encodeURIComponent('card reissued')}`)).items.map((e) => e.action)).toEqual(['roster.reissue_card']);
    // By a representative's name, and by a word in the details.
    expect((await list(`q=${encodeURIComponent('王建华')}&size=200`)).items.map((e) => e.action)).toEqual(expect.arrayContaining(['roster.create', 'roster.update', 'roster.reissue_card']));
    expect((await list(`q=${encodeURIComponent('河东乡')}`)).items.map((e) => e.action)).toEqual(['roster.update']);
    // Never by another congress's names; a search that finds nothing is an empty page, not an error.
    expect((await list(`q=${encodeURIComponent(foreignProjectTitle)}`)).total).toBe(0);
    expect((await list(`q=${encodeURIComponent('%_\\')}`)).total).toBe(0);
  });

  it('pages on the server: the total, exact boundaries, no entry twice and none left out', async () => {
    for (let i = 0; i < 23; i++) await admin.post(`${base}/representatives`, { name: `分页代表${String(i).padStart(2, '0')}` });
    const q = 'action=roster.create&size=10';
    const [p1, p2, p3, p4] = await Promise.all([1, 2, 3, 4].map((p) => list(`${q}&page=${p}`)));
    expect([p1.total, p2.total, p3.total, p4.total]).toEqual([24, 24, 24, 24]);
    expect([p1.items.length, p2.items.length, p3.items.length, p4.items.length]).toEqual([10, 10, 4, 0]);
    const seqs = [...p1.items, ...p2.items, ...p3.items].map((e) => e.seq);
    expect(new Set(seqs).size).toBe(24);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a)); // newest first, across pages
    expect(p1.page).toBe(1);
    expect(p3.size).toBe(10);
    expect((await admin.get(`${base}/audit/entries?page=0`)).status).toBe(400);
    expect((await admin.get(`${base}/audit/entries?size=201`)).status).toBe(400);
  });
});

describe('the audit log as CSV', () => {
  it('exports every matching entry in words, with names, behind the formula guard, and reads back as it was', async () => {
    const formula = '=HYPERLINK("x")';
    await admin.post(`${base}/representatives`, { name: formula });
    const res = await admin.call(Audit.exportAudit, { params: { congressId: cid }, query: { area: 'roster' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    expect(res.text.charCodeAt(0)).toBe(0xfeff); // Excel reads the UTF-8
    const [header, ...rows] = parseCsv(res.text);
    expect(header).toEqual(['序号', '时间（北京时间）', '操作人', '操作', '对象类型', '对象', '内容', '操作代码', '哈希']);
    const total = (await list('area=roster&size=1')).total;
    expect(rows).toHaveLength(total);
    // Oldest first, each action in words and each object by its name.
    expect(Number(rows[0][0])).toBeLessThan(Number(rows.at(-1)![0]));
    const update = rows.find((r) => r[7] === 'roster.update')!;
    expect(update.slice(2, 6)).toEqual(['管理员', '修改代表信息', '代表', '王建华']);
    expect(update[6]).toContain('河东乡代表团');
    expect(update[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    // The formula is not run by a spreadsheet, and comes back exactly.
    const guarded = rows.find((r) => r[5].includes('HYPERLINK'))!;
    expect(guarded[5]).toBe(`'${formula}`);
    expect(unguardCell(guarded[5])).toBe(formula);
    // Only this filter's entries.
    expect(rows.every((r) => r[7].startsWith('roster.'))).toBe(true);
  });

  it('speaks the reader’s language', async () => {
    admin.lang = 'en';
    try {
      const [header, ...rows] = parseCsv((await admin.call(Audit.exportAudit, { params: { congressId: cid }, query: { action: 'roster.reissue_card' } })).text);
      expect(header.slice(0, 4)).toEqual(['No.', 'Time (Beijing)', 'By', 'Action']);
      expect(rows.map((r) => r[3])).toEqual(['Delegate card reissued']);
      expect(rows[0][4]).toBe('Representative');
    } finally {
      admin.lang = 'zh-CN';
    }
  });
});
