import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../shared/csv.ts';
import { Client, congressWithRoles, setupAdmin, useTestApp } from '../helpers/app.ts';
import { addDays, allChecks, candidateFields, openWindow, submitPublic, thisYear, today } from './helpers.ts';
import * as C from '../../shared/gathering/contract.ts';

const t = useTestApp();
let admin: Client;
let gov: Client;
let roles: Record<string, Client>;
let congressId: string;
let depId: string;
const codes: Record<string, string> = {};
const ids: Record<string, string> = {};
const base = () => `/api/congresses/${congressId}`;

async function propose(key: string, over: Record<string, unknown>) {
  const res = await submitPublic(t, new Client(t), congressId, over);
  expect(res.status).toBe(201);
  codes[key] = res.body.trackingCode;
  const found = (await admin.call(C.listProposals, { params: { congressId }, query: { q: codes[key] } })).body;
  ids[key] = found[0].id;
}
const track = async (key: string) => (await new Client(t).get(`/api/public/track/${codes[key]}`)).body;
const accept = (key: string, over: Record<string, unknown> = {}) => gov.call(C.acceptProposal, { params: { congressId, proposalId: ids[key] }, body: { candidate: candidateFields(depId, over), note: '' } });

describe('screening (初定)', () => {
  it('sets up proposals from residents', async () => {
    admin = await setupAdmin(t);
    const made = await congressWithRoles(t, admin);
    congressId = made.congress.id;
    depId = made.department.id;
    roles = made.clients;
    gov = roles.government;
    await openWindow(admin, congressId);
    await propose('road', { title: '河东村道路硬化', location: '河东村' });
    await propose('road2', { title: '河东村道路硬化改造', location: '河东村三组' });
    await propose('lights', { title: '河西村安装路灯', location: '河西村' });
    await propose('water', { title: '石桥村自来水管网', location: '石桥村', category: 'water' });
    await propose('office', { title: '新建镇政府办公楼', location: '镇区', description: '建设新的办公楼' });
    await propose('park', { title: '滨河公园', location: '青山社区', category: 'environment' });
    await propose('school', { title: '中心学校操场改造', location: '镇区', category: 'education' });
  });

  it('suggests likely duplicates: same location and a similar title', async () => {
    const similar = (await gov.call(C.similarProposals, { params: { congressId, proposalId: ids.road } })).body;
    expect(similar.map((s: { id: string }) => s.id)).toEqual([ids.road2]);
    expect(similar[0].score).toBeGreaterThanOrEqual(0.5);
    expect((await gov.call(C.similarProposals, { params: { congressId, proposalId: ids.lights } })).body).toEqual([]);
  });

  it('flags the negative list and refuses to accept such a proposal', async () => {
    const p = (await gov.call(C.getProposal, { params: { congressId, proposalId: ids.office } })).body;
    expect(p.negativeListHits).toContain('办公楼');
    await gov.call(C.saveChecks, { params: { congressId, proposalId: ids.office }, body: allChecks() });
    const res = await accept('office');
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('negative_list');
  });

  it('accepts only after every check is done and none failed', async () => {
    const incomplete = await accept('road');
    expect(incomplete.status).toBe(409);
    expect(incomplete.body.error?.code).toBe('checks_incomplete');
    expect(incomplete.body.error?.message).toContain('论证、评估、合法性审查');
    expect((await new Client(t, 'en').request('POST', `${base()}/proposals/${ids.road}/accept`, { candidate: candidateFields(depId), note: '' }, { cookie: gov.cookie, 'x-csrf-token': gov.csrf })).body.error?.message).toContain('Feasibility study, Assessment, Legality review'); // the checks' words are the web's (shared/i18n)
    await gov.call(C.saveChecks, { params: { congressId, proposalId: ids.road }, body: { ...allChecks(), fiscal: { result: 'fail', note: '财力不足' } } });
    expect((await accept('road')).body.error?.code).toBe('check_failed');
    await gov.call(C.saveChecks, { params: { congressId, proposalId: ids.road }, body: { ...allChecks(), environment: { result: 'not_applicable', note: '' } } });
    const ok = await accept('road');
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ title: '河东村道路硬化工程', plannedInvestment: '118.00', leadDepartment: { id: depId }, locked: false });
    const again = await accept('road');
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('proposal_screened');
    expect((await track('road')).candidate).toEqual({ title: '河东村道路硬化工程', onFrozenList: false });
  });

  it('validates the formal fields: departments of this congress, money with two decimals', async () => {
    await gov.call(C.saveChecks, { params: { congressId, proposalId: ids.lights }, body: allChecks() });
    const other = await congressWithRoles(t, admin);
    expect((await accept('lights', { leadDepartmentId: other.department.id })).body.error?.code).toBe('department_not_found');
    const money = await accept('lights', { plannedInvestment: '12.345' });
    expect(money.status).toBe(400);
    expect((money.body.error?.details as unknown[])[0]).toMatchObject({ path: 'candidate.plannedInvestment', code: 'money_format' });
    expect((await accept('lights', { title: '河西村路灯', plannedInvestment: 36 })).status).toBe(201);
  });

  it('merges a duplicate: both submitters see where the idea went; never into itself', async () => {
    expect((await gov.call(C.mergeProposal, { params: { congressId, proposalId: ids.road2 }, body: { intoId: ids.road2 } })).body.error?.code).toBe('merge_self');
    expect((await gov.call(C.mergeProposal, { params: { congressId, proposalId: ids.road2 }, body: { intoId: ids.road, reason: '与河东村道路硬化重复' } })).status).toBe(200);
    const merged = await track('road2');
    expect(merged).toMatchObject({ status: 'merged', reason: '与河东村道路硬化重复', mergedInto: { title: '河东村道路硬化', status: 'accepted' }, candidate: { title: '河东村道路硬化工程' } });
    expect((await track('road')).mergedFromCount).toBe(1);
    const target = (await gov.call(C.getProposal, { params: { congressId, proposalId: ids.road } })).body;
    expect(target.mergedFrom.map((m: { id: string }) => m.id)).toEqual([ids.road2]);
    expect((await gov.call(C.mergeProposal, { params: { congressId, proposalId: ids.lights }, body: { intoId: ids.office } })).body.error?.code).toBe('proposal_screened');
  });

  it('does not adopt with a reason the submitter can read, and parks it in the reserve pool', async () => {
    const noReason = await gov.call(C.rejectProposal, { params: { congressId, proposalId: ids.park }, body: { reason: '' } });
    expect(noReason.status).toBe(400);
    expect((await gov.call(C.rejectProposal, { params: { congressId, proposalId: ids.park }, body: { reason: '用地尚未落实，建议明年再议' } })).status).toBe(200);
    expect(await track('park')).toMatchObject({ status: 'not_adopted', reason: '用地尚未落实，建议明年再议', candidate: null });
    expect((await gov.call(C.reserveProposal, { params: { congressId, proposalId: ids.park } })).status).toBe(200);
    expect((await gov.call(C.reserveProposal, { params: { congressId, proposalId: ids.park } })).body.error?.code).toBe('not_rejectable');
    expect((await track('park')).status).toBe('reserved');
  });

  it('brings a reserved proposal back in a later year, keeping its history, once', async () => {
    const next = await admin.call(C.createWindow, { params: { congressId }, body: { year: thisYear() + 1, opensOn: addDays(today(), 200), closesOn: addDays(today(), 240) } });
    const revived = await gov.call(C.reviveProposal, { params: { congressId, proposalId: ids.park }, body: { windowId: next.body.id } });
    expect(revived.status).toBe(201);
    expect(revived.body).toMatchObject({ year: thisYear() + 1, status: 'submitted', title: '滨河公园', revivedFrom: { id: ids.park, year: thisYear() } });
    expect(revived.body.trackingCode).not.toBe(codes.park);
    expect((await track('park')).revivedAs).toEqual({ year: thisYear() + 1 });
    expect((await gov.call(C.reviveProposal, { params: { congressId, proposalId: ids.park }, body: { windowId: next.body.id } })).body.error?.code).toBe('already_revived');
    const thisYearWindow = (await admin.call(C.listWindows, { params: { congressId } })).body.find((w: { year: number }) => w.year === thisYear())!;
    expect((await gov.call(C.reviveProposal, { params: { congressId, proposalId: ids.water }, body: { windowId: thisYearWindow.id } })).body.error?.code).toBe('not_reserved');
  });

  it('only the government screens, only in its own congress', async () => {
    for (const role of ['admin', 'presidium', 'scrutineer', 'representative', 'department'])
      expect((await roles[role].post(`${base()}/proposals/${ids.water}/reject`, { reason: 'x' })).status, role).toBe(403);
    const other = await congressWithRoles(t, admin);
    expect((await other.clients.government.call(C.rejectProposal, { params: { congressId, proposalId: ids.water }, body: { reason: 'x' } })).status).toBe(404);
    expect((await other.clients.government.call(C.rejectProposal, { params: { congressId: other.congress.id, proposalId: ids.water }, body: { reason: 'x' } })).status).toBe(404);
  });
});

describe('candidate lists (候选项目清单)', () => {
  let listId: string;
  let cands: { id: string; title: string }[];

  it('drafts an ordered list; candidates must be of this congress and year', async () => {
    await gov.call(C.saveChecks, { params: { congressId, proposalId: ids.water }, body: allChecks() });
    await accept('water', { title: '石桥村自来水管网改造', plannedInvestment: '260' });
    cands = (await gov.call(C.listCandidates, { params: { congressId }, query: { year: thisYear() } })).body;
    expect(cands.map((c) => c.title)).toEqual(['河东村道路硬化工程', '河西村路灯', '石桥村自来水管网改造']);
    const bad = await gov.call(C.createList, { params: { congressId }, body: { title: 'x', year: thisYear() + 1, seats: 1, candidateIds: [cands[0].id] } });
    expect(bad.body.error?.code).toBe('candidate_wrong_year');
    expect((await gov.call(C.createList, { params: { congressId }, body: { title: 'x', year: thisYear(), seats: 1, candidateIds: [cands[0].id, cands[0].id] } })).status).toBe(400);
    const res = await gov.call(C.createList, { params: { congressId }, body: { title: `${thisYear()}年民生实事候选项目`, year: thisYear(), seats: 3, candidateIds: [cands[2].id, cands[0].id] } });
    expect(res.status).toBe(201);
    listId = res.body.id;
    expect(res.body.items.map((i: { title: string; position: number }) => [i.position, i.title])).toEqual([[1, '石桥村自来水管网改造'], [2, '河东村道路硬化工程']]);
    expect(res.body.warnings).toEqual(['fewer_than_seats']);
  });

  it('refuses to freeze fewer candidates than seats, and warns below the minimum surplus', async () => {
    const few = await admin.call(C.freezeList, { params: { congressId, listId }, body: {} });
    expect(few.status).toBe(409);
    expect(few.body.error?.code).toBe('list_too_few');
    const edited = await gov.call(C.updateList, { params: { congressId, listId }, body: { seats: 2, candidateIds: [cands[2].id, cands[0].id, cands[1].id] } });
    expect(edited.body.warnings).toEqual([]); // 3 candidates for 2 seats meets the default surplus of 1
    await admin.put(`${base()}/settings`, { candidates: { minSurplus: 2 } });
    const warned = await admin.call(C.freezeList, { params: { congressId, listId }, body: {} });
    expect(warned.status).toBe(409);
    expect(warned.body.error?.code).toBe('list_surplus_warning');
    expect((await gov.call(C.freezeList, { params: { congressId, listId }, body: { acknowledgeSurplusWarning: true } })).status).toBe(403);
    const frozen = await admin.call(C.freezeList, { params: { congressId, listId }, body: { acknowledgeSurplusWarning: true } });
    expect(frozen.status).toBe(200);
    expect(frozen.body.frozenAt).toBeTruthy();
    expect(frozen.body.items.every((i: { locked: boolean }) => i.locked)).toBe(true);
  });

  it('a frozen list and its candidates never change; a new version does, and the old stays on record', async () => {
    expect((await gov.call(C.updateList, { params: { congressId, listId }, body: { seats: 1 } })).body.error?.code).toBe('list_frozen');
    expect((await admin.call(C.freezeList, { params: { congressId, listId }, body: { acknowledgeSurplusWarning: true } })).body.error?.code).toBe('list_frozen');
    expect((await gov.call(C.updateCandidate, { params: { congressId, candidateId: cands[0].id }, body: { plannedInvestment: '1.00' } })).body.error?.code).toBe('candidate_locked');
    const v2 = await gov.call(C.newListVersion, { params: { congressId, listId } });
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ version: 2, supersedesId: listId, frozenAt: null });
    expect(v2.body.items.map((i: { id: string }) => i.id)).toEqual([cands[2].id, cands[0].id, cands[1].id]);
    expect((await gov.call(C.newListVersion, { params: { congressId, listId } })).body.error?.code).toBe('list_superseded');
    const old = (await gov.call(C.getList, { params: { congressId, listId } })).body;
    expect(old).toMatchObject({ version: 1, supersededById: v2.body.id });
    expect(old.frozenAt).toBeTruthy();
    expect((await track('road')).candidate).toEqual({ title: '河东村道路硬化工程', onFrozenList: true });
  });

  it('shows frozen lists publicly as on a ballot, drafts not at all, and exports CSV that reads back the same', async () => {
    const pub = await new Client(t).get(`/api/public/congresses/${congressId}/candidate-lists`);
    expect(pub.body.map((l: { id: string }) => l.id)).toEqual([listId]);
    expect(pub.body[0].items[0]).toEqual({
      position: 1,
      title: '石桥村自来水管网改造',
      content: '硬化河东村至镇区道路 2 公里，宽 5 米。',
      plannedInvestment: '260.00',
      leadDepartment: expect.any(String),
      coDepartments: [],
      plannedCompletion: `${thisYear()}-11-30`,
      fundingSource: '镇级财政',
      expectedOutcome: '村民出行时间缩短一半',
    });
    expect(pub.body[0].current).toBe(true);
    expect((await roles.representative.call(C.listLists, { params: { congressId } })).status).toBe(403);
    expect((await roles.department.call(C.listCandidates, { params: { congressId } })).status).toBe(403);
    const v2 = (await gov.call(C.listLists, { params: { congressId } })).body.find((l: { version: number }) => l.version === 2)!;
    expect((await new Client(t).get(`/api/public/congresses/${congressId}/candidate-lists/${v2.id}`)).status).toBe(404);
    const csv = await new Client(t).get(`/api/public/congresses/${congressId}/candidate-lists/${listId}/export.csv`);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(csv.text);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[3]])).toEqual(pub.body[0].items.map((i: { position: number; title: string; plannedInvestment: string }) => [String(i.position), i.title, i.plannedInvestment]));
  });

  it('exports proposals to staff as CSV without any contact detail', async () => {
    const csv = await admin.call(C.exportProposals, { params: { congressId }, query: { year: thisYear() } });
    const rows = parseCsv(csv.text);
    expect(rows[0]).toContain('查询码');
    const titles = rows.slice(1).map((r) => r[2]).sort();
    const listed = (await admin.call(C.listProposals, { params: { congressId }, query: { year: thisYear() } })).body.map((p: { title: string }) => p.title).sort();
    expect(titles).toEqual(listed);
    expect(csv.text).not.toContain('13912345678');
    expect(csv.text).not.toContain('张大爷');
    expect((await roles.presidium.call(C.exportProposals, { params: { congressId } })).status).toBe(403);
    const cands = parseCsv((await gov.call(C.exportCandidates, { params: { congressId }, query: { year: thisYear() } })).text);
    const api = (await gov.call(C.listCandidates, { params: { congressId }, query: { year: thisYear() } })).body;
    expect(cands.slice(1).map((r) => [r[1], r[3], r[5], r[9]])).toEqual(api.map((x: { title: string; plannedInvestment: string; leadDepartment: { name: string }; mergedProposals: number }) => [x.title, x.plannedInvestment, x.leadDepartment.name, String(x.mergedProposals)]));
  });

  it('audits every screening step', async () => {
    const log = (await admin.get(`${base()}/audit?limit=500`)).body.map((e: { action: string }) => e.action);
    for (const a of ['gathering.window_create', 'gathering.submit', 'screening.checks', 'screening.accept', 'screening.merge', 'screening.reject', 'screening.reserve', 'screening.revive', 'lists.create', 'lists.update', 'lists.freeze', 'lists.new_version'])
      expect(log, a).toContain(a);
  });
});
