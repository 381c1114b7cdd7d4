/**
 * Projects (design §6) through the API: department scoping on every route, milestones and progress, evidence files
 * refused by type and size, inspections with answers, change requests, reports, and the public page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as C from '../../shared/projects/contract.ts';
import { publicCacheOf } from '../../server/lib/public-cache.ts';
import { Client, congressWithRoles, PASSWORD, setupAdmin, uniq, useTestApp } from '../helpers/app.ts';
import { addDays, shanghaiToday, shanghaiYear } from '../../shared/time.ts';

const t = useTestApp();
let admin: Client;
let roles: Record<string, Client>;
let depB: Client; // an account of department B
let base: string;
let congressId: string;
let depA: string;
let depBId: string;
let p1: string; // lead A
let p2: string; // lead B only
let p3: string; // lead B, co-operating A
const year = shanghaiYear();
const today = shanghaiToday();

/** A 1×1 PNG, a minimal PDF, and a text file pretending to be a photo. */
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (ch) => ch.charCodeAt(0));
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const form = (bytes: Uint8Array, name: string, extra: Record<string, string> = {}) => {
  const f = new FormData();
  f.set('file', new File([bytes as Uint8Array<ArrayBuffer>], name));
  for (const [k, v] of Object.entries(extra)) f.set(k, v);
  return f;
};
/** Path parameters: the congress, a project, an inspection, a finding. */
const cg = () => ({ congressId });
const pj = (projectId: string) => ({ congressId, projectId });
const ins = (inspectionId: string) => ({ congressId, inspectionId });
const fd = (findingId: string) => ({ congressId, findingId });
const upload = (cl: Client, projectId: string, bytes: Uint8Array, name: string, extra: Record<string, string> = {}) =>
  cl.call(C.uploadProjectFile, { params: pj(projectId), body: form(bytes, name, extra) });
const fields = (over: Record<string, unknown> = {}) => ({ year, title: '河东村道路硬化', leadDepartmentId: depA, plannedInvestment: '120.50', fundingSource: '县级财政', plannedCompletion: addDays(today, 200), content: '硬化 2 公里', ...over });

beforeAll(async () => {
  admin = await setupAdmin(t);
  const made = await congressWithRoles(t, admin);
  roles = made.clients;
  congressId = made.congress.id;
  base = `/api/congresses/${congressId}`;
  depA = made.department.id;
  await admin.patch(`${base}/departments/${depA}`, { contactName: '周工', contactPhone: '0571-1234567' });
  depBId = (await admin.post(`${base}/departments`, { name: uniq('水利局'), kind: 'bureau', contactName: '李工', contactPhone: '13900001111' })).body.id;
  const u = uniq('depb');
  await admin.post(`${base}/accounts`, { username: u, displayName: '水利局填报员', password: PASSWORD, role: 'department', departmentId: depBId });
  depB = new Client(t);
  await depB.login(u, PASSWORD);
  p1 = (await admin.call(C.createProject, { params: cg(), body: fields() })).body.id;
  p2 = (await admin.call(C.createProject, { params: cg(), body: fields({ title: '自来水管网改造', leadDepartmentId: depBId }) })).body.id;
  p3 = (await admin.call(C.createProject, { params: cg(), body: fields({ title: '防汛堤加固', leadDepartmentId: depBId, coDepartmentIds: [depA] }) })).body.id;
});

describe('creating projects', () => {
  it('is for staff, with departments of this congress and valid fields', async () => {
    expect((await roles.department.call(C.createProject, { params: cg(), body: fields() })).status).toBe(403);
    expect((await roles.government.call(C.createProject, { params: cg(), body: fields() })).status).toBe(403);
    const bad = await admin.call(C.createProject, { params: cg(), body: fields({ plannedCompletion: '2027-02-30', plannedInvestment: '12.345' }) });
    expect(bad.status).toBe(400);
    expect((bad.body.error?.details as { path: string }[]).map((d) => d.path).sort()).toEqual(['plannedCompletion', 'plannedInvestment']);
    expect((await admin.call(C.createProject, { params: cg(), body: fields({ leadDepartmentId: crypto.randomUUID() }) })).body.error?.code).toBe('department_not_found');
    const detail = (await admin.call(C.getProject, { params: pj(p3) })).body;
    expect(detail).toMatchObject({ status: 'active', health: 'on_track', derivedProgress: null, spentInvestment: '0.00', coDepartments: [{ id: depA }] });
  });
});

describe('a department sees and touches only the projects it is on', () => {
  it('lists its own (lead or co-operating) and cannot even see another', async () => {
    const mine = (await roles.department.call(C.listProjects, { params: cg() })).body.map((p: { id: string }) => p.id).sort();
    expect(mine).toEqual([p1, p3].sort());
    expect((await depB.call(C.listProjects, { params: cg() })).body.map((p: { id: string }) => p.id).sort()).toEqual([p2, p3].sort());
    expect((await roles.government.call(C.listProjects, { params: cg() })).body).toHaveLength(3);
    expect((await roles.representative.call(C.listProjects, { params: cg() })).body).toHaveLength(3);
    expect((await roles.department.call(C.getProject, { params: pj(p2) })).status).toBe(404);
  });

  it('is refused on every project route of another department’s project', async () => {
    const m2 = (await admin.call(C.addMilestone, { params: pj(p2), body: { name: '开工', plannedDate: today, weight: 10 } })).body.milestoneList[0].id;
    const f2 = (await upload(admin, p2, PNG, 'a.png')).body.id;
    const cr = (await depB.call(C.requestChange, { params: pj(p2), body: { kind: 'suspension', reason: '资金未到位' } })).body.changes[0].id;
    const d2 = roles.department;
    const ms = { ...pj(p2), milestoneId: m2 };
    const calls: [string, () => Promise<{ status: number }>][] = [
      ['getProject', () => d2.call(C.getProject, { params: pj(p2) })],
      ['savePlan', () => d2.call(C.savePlan, { params: pj(p2), body: { targets: 'x', deadline: today, fundingArrangement: 'y' } })],
      ['addMilestone', () => d2.call(C.addMilestone, { params: pj(p2), body: { name: 'x', plannedDate: today, weight: 1 } })],
      ['updateMilestone', () => d2.call(C.updateMilestone, { params: ms, body: { status: 'done' } })],
      ['deleteMilestone', () => d2.call(C.deleteMilestone, { params: ms })],
      ['reportProgress', () => d2.call(C.reportProgress, { params: pj(p2), body: { summary: 'x', progressPercent: 50 } })],
      ['getProjectFile', () => d2.call(C.getProjectFile, { params: { ...pj(p2), fileId: f2 } })],
      ['deleteProjectFile', () => d2.call(C.deleteProjectFile, { params: { ...pj(p2), fileId: f2 } })],
      ['requestChange', () => d2.call(C.requestChange, { params: pj(p2), body: { kind: 'termination', reason: 'x' } })],
      ['decideChange', () => d2.call(C.decideChange, { params: { ...pj(p2), changeId: cr }, body: { approved: true, decidedBy: 'standing_committee', decisionDate: today } })],
      ['completeProject', () => d2.call(C.completeProject, { params: pj(p2), body: { completedOn: today } })],
      ['updateProject', () => d2.call(C.updateProject, { params: pj(p2), body: { title: 'x' } })],
    ];
    for (const [name, send] of calls) expect([403, 404], name).toContain((await send()).status);
    const up = await upload(roles.department, p2, PNG, 'a.png');
    expect(up.status).toBe(404);
    // Nothing was written.
    const d = (await admin.call(C.getProject, { params: pj(p2) })).body;
    expect(d.milestoneList).toHaveLength(1);
    expect(d.milestoneList[0].status).toBe('pending');
    expect(d.updates).toEqual([]);
    expect(d.plan).toBeNull();
    expect(d.status).toBe('active');
    // Decisions are not for departments, not even on their own project.
    expect((await depB.call(C.decideChange, { params: { ...pj(p2), changeId: cr }, body: { approved: true, decidedBy: 'standing_committee', decisionDate: today } })).status).toBe(403);
    await admin.call(C.decideChange, { params: { ...pj(p2), changeId: cr }, body: { approved: false, decidedBy: 'standing_committee', decisionDate: today, note: '资金已落实' } });
  });
});

describe('plan, milestones and progress', () => {
  it('the lead department writes the plan with annual targets', async () => {
    const res = await roles.department.call(C.savePlan, { params: pj(p1), body: { targets: '硬化道路 2 公里', deadline: addDays(today, 180), fundingArrangement: '县财政 80 万，镇自筹 40.5 万', supportMeasures: '专人负责', annualTargets: [{ year, target: '完成路基' }, { year: year + 1, target: '完成路面' }] } });
    expect(res.status, res.text).toBe(200);
    expect(res.body.plan?.annualTargets).toHaveLength(2);
  });

  it('derives progress from weighted milestones and flags a late one', async () => {
    await roles.department.call(C.addMilestone, { params: pj(p1), body: { name: '立项审批', plannedDate: addDays(today, -40), weight: 20 } });
    await roles.department.call(C.addMilestone, { params: pj(p1), body: { name: '开工', plannedDate: addDays(today, -5), weight: 30 } });
    const d = (await roles.department.call(C.addMilestone, { params: pj(p1), body: { name: '竣工验收', plannedDate: addDays(today, 100), weight: 50 } })).body;
    expect(d.milestoneList.map((m: { name: string; late: boolean; daysLate: number }) => [m.name, m.late, m.daysLate])).toEqual([
      ['立项审批', true, 40],
      ['开工', true, 5],
      ['竣工验收', false, 0],
    ]);
    expect(d).toMatchObject({ derivedProgress: 0, lateMilestones: 2, health: 'late' });
    const [first, second] = d.milestoneList;
    const done = (await roles.department.call(C.updateMilestone, { params: { ...pj(p1), milestoneId: first.id }, body: { status: 'done', actualDate: addDays(today, -38) } })).body;
    expect(done).toMatchObject({ derivedProgress: 20, lateMilestones: 1, health: 'at_risk' });
    const again = (await roles.department.call(C.updateMilestone, { params: { ...pj(p1), milestoneId: second.id }, body: { status: 'done' } })).body;
    expect(again.milestoneList[1].actualDate).toBe(today);
    expect(again).toMatchObject({ derivedProgress: 50, lateMilestones: 0, health: 'on_track' });
    expect((await roles.department.call(C.updateMilestone, { params: { ...pj(p1), milestoneId: second.id }, body: { actualDate: addDays(today, 1) } })).body.error?.code).toBe('actual_date_future');
  });

  it('takes a progress report with the department’s own figure and the money spent', async () => {
    const res = await roles.department.call(C.reportProgress, { params: pj(p1), body: { progressPercent: 55, spentInvestment: '60.25', summary: '路基已完成，正在铺设路面。' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ derivedProgress: 50, reportedProgress: 55, spentInvestment: '60.25' });
    expect(res.body.updates[0]).toMatchObject({ progressPercent: 55, summary: '路基已完成，正在铺设路面。', by: 'department用户' });
    expect((await roles.department.call(C.reportProgress, { params: pj(p1), body: { progressPercent: 101, summary: 'x' } })).status).toBe(400);
  });
});

describe('evidence files', () => {
  it('takes a photo (public) and a PDF (not public), judged by their bytes', async () => {
    const m = (await admin.call(C.getProject, { params: pj(p1) })).body.milestoneList[1].id;
    const photo = await upload(roles.department, p1, PNG, '现场.png', { caption: '开工现场', milestoneId: m });
    expect(photo.status, photo.text).toBe(201);
    expect(photo.body).toMatchObject({ kind: 'photo', public: true, caption: '开工现场', milestoneId: m, mime: 'image/png' });
    const doc = await upload(roles.department, p1, PDF, '合同.pdf');
    expect(doc.body).toMatchObject({ kind: 'document', public: false });
    const got = await roles.representative.call(C.getProjectFile, { params: { ...pj(p1), fileId: photo.body.id } });
    expect(got.headers.get('content-type')).toBe('image/png');
    expect((await new Client(t).call(C.getPublicFile, { params: { fileId: photo.body.id } })).status).toBe(200);
    expect((await new Client(t).call(C.getPublicFile, { params: { fileId: doc.body.id } })).status).toBe(404);
  });

  it('refuses a wrong type, a file too large and a request without a file', async () => {
    const fake = await upload(roles.department, p1, new TextEncoder().encode('<script>alert(1)</script>'), 'photo.jpg');
    expect(fake.status).toBe(415);
    expect(fake.body.error?.code).toBe('attachment_type');
    const big = new Uint8Array(5 * 1024 * 1024 + 10);
    big.set(PNG);
    const tooBig = await upload(roles.department, p1, big, 'big.png');
    expect([413]).toContain(tooBig.status);
    expect(['attachment_too_large', 'body_too_large']).toContain(tooBig.body.error?.code);
    const huge = await upload(roles.department, p1, new Uint8Array(7 * 1024 * 1024), 'huge.png');
    expect(huge.status).toBe(413);
    const none = await roles.department.post(`${base}/projects/${p1}/files`, new FormData());
    expect(none.status).toBe(400);
    const json = await roles.department.post(`${base}/projects/${p1}/files`, { file: 'x' });
    expect(json.status).toBe(415);
    expect((await admin.call(C.getProject, { params: pj(p1) })).body.files).toHaveLength(2);
  });
});

describe('inspections, findings and answers', () => {
  let inspection: string;
  let finding: string;
  it('records an inspection with the attending representatives', async () => {
    for (const name of ['王代表', '李代表']) await admin.post(`${base}/representatives`, { name });
    const reps = (await admin.get(`${base}/representatives`)).body as { id: string; name: string }[];
    expect((await roles.department.call(C.createInspection, { params: cg(), body: { projectId: p1, date: today, title: 'x' } })).status).toBe(403);
    expect((await admin.call(C.createInspection, { params: cg(), body: { projectId: p1, date: addDays(today, 1), title: 'x' } })).body.error?.code).toBe('inspection_future');
    const res = await admin.call(C.createInspection, { params: cg(), body: { projectId: p1, date: addDays(today, -3), title: '代表视察道路硬化项目', attendeeIds: reps.map((r) => r.id), summary: '路基质量良好', suggestions: '注意排水' } });
    expect(res.status, res.text).toBe(201);
    expect(res.body.attendees.map((a: { name: string }) => a.name).sort()).toEqual(['李代表', '王代表']);
    inspection = res.body.id;
    expect((await admin.call(C.uploadInspectionFile, { params: ins(inspection), body: form(PNG, 'x.png') })).body).toMatchObject({ kind: 'photo', public: false, inspectionId: inspection });
  });

  it('a finding demands an answer from a department on the project, by a date; overdue is flagged', async () => {
    const wrong = await admin.call(C.addFinding, { params: ins(inspection), body: { text: '排水沟未建', departmentId: depBId, answerDueOn: addDays(today, 10) } });
    expect(wrong.body.error?.code).toBe('finding_department_not_on_project');
    const ok = await admin.call(C.addFinding, { params: ins(inspection), body: { text: '排水沟未建', departmentId: depA, answerDueOn: addDays(today, -1) } });
    expect(ok.status).toBe(201);
    const f = ok.body.findings[0];
    expect(f).toMatchObject({ state: 'awaiting_answer', overdue: true, department: { id: depA } });
    finding = f.id;
    expect((await admin.call(C.getProject, { params: pj(p1) })).body).toMatchObject({ openFindings: 1, overdueFindings: 1 });
  });

  it('only that department answers; staff return it, it answers again, staff accept', async () => {
    expect((await depB.call(C.answerFinding, { params: fd(finding), body: { answer: 'x' } })).status).toBe(404);
    expect((await roles.government.call(C.answerFinding, { params: fd(finding), body: { answer: 'x' } })).status).toBe(403);
    expect((await admin.call(C.reviewAnswer, { params: fd(finding), body: { accept: true } })).body.error?.code).toBe('finding_not_answered');
    const a = await roles.department.call(C.answerFinding, { params: fd(finding), body: { answer: '已安排施工队，下周完成。' } });
    expect(a.body).toMatchObject({ state: 'answered', overdue: false });
    expect((await roles.department.call(C.reviewAnswer, { params: fd(finding), body: { accept: true } })).status).toBe(403);
    expect((await admin.call(C.reviewAnswer, { params: fd(finding), body: { accept: false, note: '请写明完成日期' } })).body).toMatchObject({ state: 'returned', reviewNote: '请写明完成日期', overdue: true });
    await roles.department.call(C.answerFinding, { params: fd(finding), body: { answer: '排水沟将于本月20日前完成。' } });
    expect((await admin.call(C.reviewAnswer, { params: fd(finding), body: { accept: true } })).body.state).toBe('accepted');
    expect((await roles.department.call(C.answerFinding, { params: fd(finding), body: { answer: 'x' } })).body.error?.code).toBe('finding_not_awaiting');
    expect((await roles.department.call(C.listFindings, { params: cg() })).body).toHaveLength(1);
    expect((await depB.call(C.listFindings, { params: cg() })).body).toHaveLength(0);
    expect((await depB.call(C.listInspections, { params: cg() })).body).toHaveLength(0);
    expect((await depB.call(C.getInspection, { params: ins(inspection) })).status).toBe(404);
  });
});

describe('change requests', () => {
  it('suspension: requested by the department, decided by the presidium, shown on the project', async () => {
    const r = await roles.department.call(C.requestChange, { params: pj(p3), body: { kind: 'suspension', reason: '汛期停工' } });
    expect(r.status).toBe(201);
    expect(r.body.health).toBe('at_risk'); // a pending change
    expect((await depB.call(C.requestChange, { params: pj(p3), body: { kind: 'termination', reason: 'x' } })).body.error?.code).toBe('change_pending');
    const id = r.body.changes[0].id;
    expect((await roles.presidium.call(C.decideChange, { params: { ...pj(p3), changeId: id }, body: { approved: true, decidedBy: 'session', decisionDate: today, announcementDate: addDays(today, -1) } })).body.error?.code).toBe('announcement_before_decision');
    const d = await roles.presidium.call(C.decideChange, { params: { ...pj(p3), changeId: id }, body: { approved: true, decidedBy: 'session', decisionDate: today, announcementDate: today, note: '同意暂停至汛期结束' } });
    expect(d.body).toMatchObject({ status: 'suspended', health: 'suspended' });
    expect(d.body.changes[0]).toMatchObject({ state: 'approved', decidedBy: 'session', announcementDate: today });
    expect((await roles.presidium.call(C.decideChange, { params: { ...pj(p3), changeId: id }, body: { approved: true, decidedBy: 'session', decisionDate: today } })).body.error?.code).toBe('change_decided');
    expect((await roles.department.call(C.reportProgress, { params: pj(p3), body: { summary: 'x' } })).body.error?.code).toBe('project_not_active');
    expect((await roles.department.call(C.requestChange, { params: pj(p3), body: { kind: 'suspension', reason: 'x' } })).body.error?.code).toBe('change_not_applicable');
    const back = (await depB.call(C.requestChange, { params: pj(p3), body: { kind: 'resumption', reason: '汛期结束' } })).body.changes[0].id;
    expect((await admin.call(C.decideChange, { params: { ...pj(p3), changeId: back }, body: { approved: true, decidedBy: 'standing_committee', decisionDate: today } })).body.status).toBe('active');
  });

  it('a major change applies its new values once approved; termination ends all editing', async () => {
    const r = await roles.government.call(C.requestChange, { params: pj(p3), body: { kind: 'major_change', reason: '设计变更', changes: { plannedInvestment: '150.00', plannedCompletion: addDays(today, 300) } } });
    expect(r.status, r.text).toBe(201);
    const d = (await admin.call(C.decideChange, { params: { ...pj(p3), changeId: r.body.changes[0].id }, body: { approved: true, decidedBy: 'standing_committee', decisionDate: today } })).body;
    expect(d).toMatchObject({ plannedInvestment: '150.00', plannedCompletion: addDays(today, 300) });
    const term = (await admin.call(C.requestChange, { params: pj(p3), body: { kind: 'termination', reason: '规划调整' } })).body.changes[0].id;
    await admin.call(C.decideChange, { params: { ...pj(p3), changeId: term }, body: { approved: true, decidedBy: 'standing_committee', decisionDate: today, announcementDate: today } });
    expect((await roles.department.call(C.addMilestone, { params: pj(p3), body: { name: 'x', plannedDate: today, weight: 1 } })).body.error?.code).toBe('project_terminated');
    expect((await admin.call(C.getProject, { params: pj(p3) })).body.can).toEqual({ edit: false, report: false, requestChange: false, decideChange: true });
  });
});

describe('progress reports', () => {
  it('mid-year and year-end, as JSON and as CSV with a BOM', async () => {
    const r = (await admin.call(C.getReport, { params: cg(), query: { year, period: 'end' } })).body;
    expect(r.totals).toMatchObject({ projects: 3, terminated: 1, plannedInvestment: '391.00' });
    expect(r.projects.find((p: { id: string }) => p.id === p1)).toMatchObject({ milestonesDone: 2, milestones: 3, latestSummary: '路基已完成，正在铺设路面。', derivedProgress: 50 });
    const csv = await admin.call(C.getReportCsv, { params: cg(), query: { year, period: 'mid' } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text.startsWith('\uFEFF项目 Project,')).toBe(true);
    expect(csv.text).toContain('河东村道路硬化');
    expect((await roles.department.call(C.getReport, { params: cg(), query: { year, period: 'end' } })).body.totals.projects).toBe(2);
    expect((await admin.get(`${base}/projects/report?year=${year}&period=q3`)).status).toBe(400);
  });
});

describe('the public progress page', () => {
  it('shows progress, milestones, photos, spending and announcements — nothing private', async () => {
    const anon = new Client(t);
    const list = (await anon.call(C.listPublicProjects, { params: cg() })).body;
    expect(list.year).toBe(year);
    expect(list.projects.map((p: { title: string }) => p.title)).toEqual(['河东村道路硬化', '自来水管网改造', '防汛堤加固']);
    const one = (await anon.call(C.getPublicProject, { params: { projectId: p1 } })).body;
    expect(one).toMatchObject({ derivedProgress: 50, reportedProgress: 55, spentInvestment: '60.25', leadDepartment: expect.any(String) });
    expect(one.milestones.map((m: { name: string }) => m.name)).toEqual(['立项审批', '开工', '竣工验收']);
    expect(one.photos).toHaveLength(1);
    expect(one.updates[0].summary).toBe('路基已完成，正在铺设路面。');
    const text = JSON.stringify(one) + JSON.stringify(list) + JSON.stringify((await anon.call(C.getPublicProject, { params: { projectId: p3 } })).body);
    for (const secret of ['0571-1234567', '13900001111', '周工', '李工', 'department用户', '合同.pdf', '排水沟', '请写明完成日期', '注意排水']) expect(text, secret).not.toContain(secret);
    expect((await anon.call(C.getPublicProject, { params: { projectId: p3 } })).body.announcements.map((a: { kind: string }) => a.kind)).toEqual(expect.arrayContaining(['termination', 'suspension']));
  });

  it('refuses bad input before the public cache is asked (nothing is built for it)', async () => {
    const anon = new Client(t);
    const cache = publicCacheOf(t.deps);
    const before = cache.stats().builds;
    expect((await anon.call(C.getPublicProject, { params: { projectId: 'not-a-uuid' } })).status).toBe(400);
    expect((await anon.call(C.getPublicFile, { params: { fileId: 'x' } })).status).toBe(400);
    expect((await anon.request('GET', `/api/public/congresses/${congressId}/projects?year=19`)).status).toBe(400);
    expect(cache.stats().builds).toBe(before);
    // A good address the cache is asked for (a 404, built and not kept).
    expect((await anon.call(C.getPublicProject, { params: { projectId: crypto.randomUUID() } })).status).toBe(404);
    expect(cache.stats().builds).toBe(before + 1);
  });
});

describe('every change is in the audit log', () => {
  it('names who did what to which project', async () => {
    const log = (await admin.get(`${base}/audit?limit=500`)).body as { action: string; actorName: string; targetId: string }[];
    const actions = new Set(log.filter((e) => e.targetId === p1).map((e) => e.action));
    for (const a of ['projects.create', 'projects.plan', 'projects.milestone_add', 'projects.milestone_update', 'projects.report', 'projects.file_add']) expect(actions, a).toContain(a);
    expect(log.find((e) => e.action === 'projects.report')?.actorName).toBe('department用户');
  });
});
