/**
 * The authorization matrix (issue 9, item 4): for every API route of the app, who may call it — signed out, a system
 * administrator, and each congress role (admin, government, presidium, scrutineer, a representative signed in with the
 * delegate card, the department a project belongs to, and another department) — and who is refused. Counters (计票人)
 * hold the scrutineer role: there is no role of their own (shared/roles.ts).
 *
 * The route list comes from the app itself (`app.routes` of `createApp`): a route missing from TABLE, or a TABLE entry
 * that is no longer a route, fails the first test, so no new route can escape the matrix.
 *
 * Every route is called with a well-formed request on real objects of a seeded congress A:
 * - a refused caller gets 401 (signed out) or 403/404 with the JSON error shape, and nothing in the database changes
 *   (a digest of every table before and after the refused calls);
 * - an allowed caller is not refused: a 2xx, or one of the state-related codes the route lists (`ok`), never 401/403/404
 *   otherwise. Routes that use an object up (open a vote, delete a milestone…) make a fresh one per allowed caller.
 * Two more dimensions, refused like the rest:
 * - other congress: each role holder of A calls every congress route with congress B's id and B's objects;
 * - foreign objects: each allowed caller calls A's route with B's objects in the path, or B's objects referred to in
 *   the body (a department, a list, a project…), and must not reach them (a 4xx, or a read that shows nothing of B).
 * Allowed reads are also checked not to show what the caller may not see (another department's project, a draft round
 * to a department, others' proposals to a representative) and never anything of congress B.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Deps } from '../../server/lib/env.ts';
import { routeKey } from '../../shared/contract.ts';
import { CONTRACTS } from '../../shared/contracts.ts';
import { ROLES, type Role } from '../../shared/roles.ts';
import { Client, PASSWORD, setupAdmin, uniq, useTestApp } from '../helpers/app.ts';
import { digester } from '../helpers/digest.ts';
import { allChecks, candidateFields, proposalFields, solved } from '../gathering/helpers.ts';
import { hall } from '../tally/helpers.ts';
import { addDays, shanghaiToday } from '../../shared/time.ts';
import { WHO, type KitWorld, type Spec as StageSpec, type Who } from './authz-kit.ts';
import { STAGE_PARTS } from './authz-stages.ts';

const t = useTestApp();

// ---------------------------------------------------------------------------------------------------------------
// Who calls
// ---------------------------------------------------------------------------------------------------------------

// Who calls, and the stages' own parts of the matrix (tests/<stage>/authz.ts, gathered in authz-stages.ts).
/** Accounts holding a role in a congress (`department` is the department of the projects; `department2` another one). */
type Holder = Exclude<Who, 'public' | 'sysadmin'>;
const HOLDERS = WHO.filter((w): w is Holder => w !== 'public' && w !== 'sysadmin');
const roleOf = (h: Holder): Role => (h === 'department2' ? 'department' : h);

const EVERYONE = WHO;
const SIGNED_IN = WHO.filter((w) => w !== 'public');
/** Anyone with a role in the congress (and system administrators): not the county's overseer (tests/security/authz-kit.ts). */
const MEMBERS = SIGNED_IN.filter((w) => w !== 'overseer');
/** Every role but a station keeper, whose work is their station: the projects and inspections are not theirs (rounds they read, to tell residents). */
const NOT_KEEPERS = MEMBERS.filter((w) => w !== 'station');
const STAFF: Who[] = ['sysadmin', 'admin'];
const SYS: Who[] = ['sysadmin'];
const SCREENERS: Who[] = ['sysadmin', 'government'];
const DESK: Who[] = ['sysadmin', 'admin', 'government'];
const LIST_READERS: Who[] = ['sysadmin', 'admin', 'government', 'presidium', 'scrutineer'];
const ROSTER_READERS: Who[] = ['sysadmin', 'admin', 'presidium', 'scrutineer'];
const CHAIR: Who[] = ['sysadmin', 'admin', 'presidium'];
const COUNTERS: Who[] = ['sysadmin', 'scrutineer'];
const PRESIDIUM: Who[] = ['sysadmin', 'presidium'];
/** Every project route reader: all but a department that is not on the project. */
const PROJECT_READERS: Who[] = ['sysadmin', 'admin', 'government', 'presidium', 'scrutineer', 'representative', 'department'];
const PROJECT_EDITORS: Who[] = ['sysadmin', 'admin', 'department'];
const OTHER_PROJECT_READERS: Who[] = ['sysadmin', 'admin', 'government', 'presidium', 'scrutineer', 'representative', 'department2'];
/** Before publication a round is invisible to department accounts (背靠背). */
const ROUND_READERS: Who[] = ['sysadmin', 'admin', 'government', 'presidium', 'scrutineer', 'representative', 'station'];

// ---------------------------------------------------------------------------------------------------------------
// Fixtures: one congress, built twice (A is called; B is the other congress)
// ---------------------------------------------------------------------------------------------------------------

const SETTINGS = { quorum: { numerator: 1, denominator: 10 }, tally: { signoffs: 1 }, evaluation: { kMin: 1 } };
const today = shanghaiToday();
const year = Number(today.slice(0, 4));
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (ch) => ch.charCodeAt(0));
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const file = (bytes: Uint8Array, name: string) => new File([bytes as Uint8Array<ArrayBuffer>], name);
const fileForm = (bytes: Uint8Array, name: string, extra: Record<string, string> = {}) => {
  const f = new FormData();
  f.set('file', file(bytes, name));
  for (const [k, v] of Object.entries(extra)) f.set(k, v);
  return f;
};
const tok = (url: string) => url.split('#')[1];
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

type Res = Awaited<ReturnType<Client['request']>>;
async function must(p: Promise<Res>, what = ''): Promise<any> {
  const r = await p;
  if (r.status >= 300) throw new Error(`setup ${what}: ${r.status} ${r.text.slice(0, 400)}`);
  return r.body;
}

let sys: Client; // a system administrator with no role in any congress
let sysUsername: string;

async function buildWorld(label: string) {
  const h = await hall(t, { seated: 6, settings: SETTINGS });
  const root = h.admin; // the first administrator: it created the congress, so it is also its admin
  const base = h.base;
  const ids: Record<string, string> = { congress: h.congressId, d1: h.department.id, session: h.sessionId, Lf: h.listId };
  [ids.c1, ids.c2, ids.c3, ids.c4] = h.candidateIds;
  const members = (await must(root.get(`${base}/members`))) as { role: string; displayName: string; username: string }[];
  const usernames: Record<string, string> = {};
  for (const role of ['admin', 'government', 'presidium', 'scrutineer', 'department'] as const)
    usernames[role] = members.find((m) => m.role === role && m.displayName === `${role}用户`)!.username;
  const c: Record<string, Client> = { ...h.roles };

  // Another department with its own account.
  ids.d2 = (await must(root.post(`${base}/departments`, { name: uniq('水利局'), kind: 'bureau' }))).id;
  usernames.department2 = uniq('dep2');
  await must(root.post(`${base}/accounts`, { username: usernames.department2, displayName: '水利局填报员', password: PASSWORD, role: 'department', departmentId: ids.d2 }));
  c.department2 = new Client(t);
  await c.department2.login(usernames.department2, PASSWORD);

  // An account with no role (the target of the account routes), and one role grant of it.
  usernames.spare = uniq('spare');
  ids.spareAccount = (await must(sys.post('/api/accounts', { username: usernames.spare, displayName: '备用账号', password: PASSWORD }))).id;
  ids.member = (await must(root.post(`${base}/members`, { accountId: ids.spareAccount, role: 'presidium' }))).id;

  // The roster: the representative signs in with the delegate card.
  const reps = (await must(root.get(`${base}/representatives`))) as { id: string }[];
  [ids.rep0, ids.rep1, ids.rep2, ids.rep3, ids.rep4] = reps.map((r) => r.id);
  const cards = (await must(root.get(`${base}/roster/cards`))).cards as { id: string; url: string }[];
  const cardToken = (repId: string) => tok(cards.find((x) => x.id === repId)!.url);
  const rep0Token = cardToken(ids.rep0);
  const rep2Token = cardToken(ids.rep2);
  c.representative = new Client(t);
  await must(c.representative.post('/api/auth/card-login', { token: rep0Token }), 'card login');

  // Collection windows: this year's (open, from hall()) and next year's.
  ids.winY = ((await must(root.get(`${base}/collection-windows`))) as { id: string; year: number }[]).find((w) => w.year === year)!.id;
  ids.winNext = (await must(root.post(`${base}/collection-windows`, { year: year + 1, opensOn: `${year + 1}-06-01`, closesOn: `${year + 1}-07-31` }))).id;

  // Proposals: one with an attachment entered by staff, the representative's own, the department's own, one pending.
  const form = new FormData();
  form.set('data', JSON.stringify({ ...proposalFields({ title: '东街排水改造', location: '东街' }), channel: 'liaison_station', station: '东街联络站' }));
  form.append('files', file(PNG, 'photo.png'));
  const pAtt = await must(root.post(`${base}/proposals`, form), 'proposal with attachment');
  ids.pAtt = pAtt.id;
  ids.attachment = pAtt.attachments[0].id;
  ids.pRep = (await must(c.representative.post(`${base}/proposals`, { ...proposalFields({ title: '西街路灯', location: '西街' }), channel: 'representative' }))).id;
  ids.pDep = (await must(c.department.post(`${base}/proposals`, { ...proposalFields({ title: '南街公厕', location: '南街' }), channel: 'department' }))).id;
  const newProposal = async (title = uniq('北街绿化')) =>
    (await must(root.post(`${base}/proposals`, { ...proposalFields({ title, location: '北街' }), channel: 'hotline_12345' }), 'proposal')).id as string;
  ids.pPending = await newProposal();
  ids.pRejected = await newProposal();
  await must(c.government.post(`${base}/proposals/${ids.pRejected}/reject`, { reason: '不符合条件' }));
  const reservedProposal = async () => {
    const id = await newProposal();
    await must(c.government.post(`${base}/proposals/${id}/reject`, { reason: '明年再议', reserve: true }));
    return id;
  };
  ids.pReserved = await reservedProposal();
  const rejectedProposal = async () => {
    const id = await newProposal();
    await must(c.government.post(`${base}/proposals/${id}/reject`, { reason: '不符合条件' }));
    return id;
  };
  const checkedProposal = async () => {
    const id = await newProposal();
    await must(c.government.put(`${base}/proposals/${id}/checks`, allChecks()));
    return id;
  };

  // A candidate on no frozen list, and a draft list of it.
  const p5 = await checkedProposal();
  ids.c5 = (await must(c.government.post(`${base}/proposals/${p5}/accept`, { candidate: candidateFields(ids.d1, { title: uniq('敬老院') }) }))).id;
  ids.Ld = (await must(root.post(`${base}/candidate-lists`, { title: '草稿清单', year, seats: 1, candidateIds: [ids.c5] }))).id;
  const draftList = async () => (await must(root.post(`${base}/candidate-lists`, { title: uniq('清单'), year, seats: 2, candidateIds: h.candidateIds }))).id as string;
  const frozenList = async () => {
    const id = await draftList();
    await must(root.post(`${base}/candidate-lists/${id}/freeze`, { acknowledgeSurplusWarning: true }));
    return id;
  };

  // Votes in every state the routes need.
  const S = `${base}/sessions/${ids.session}/votes`;
  const newVote = async (over: Record<string, unknown> = {}) => (await must(c.presidium.post(S, { listId: ids.Lf, title: uniq('票决'), ...over }), 'vote')).id as string;
  const makeCards = async (v: string) => {
    await must(c.scrutineer.post(`${S}/${v}/cards`, { spareCards: 2 }), 'cards');
    return (await must(c.scrutineer.get(`${S}/${v}/cards`))).cards as { serial: string; url: string }[];
  };
  const openedVote = async () => {
    const v = await newVote();
    await makeCards(v);
    await must(c.presidium.post(`${S}/${v}/open`, {}), 'open');
    return v;
  };
  const closedVote = async () => {
    const v = await newVote();
    await makeCards(v);
    await must(c.scrutineer.post(`${S}/${v}/issue-count`, { count: 6 }));
    await must(c.presidium.post(`${S}/${v}/open`, {}));
    await must(c.presidium.post(`${S}/${v}/close`, {}));
    return v;
  };
  ids.vDraft = await newVote();
  // A motion (议题) of the session, on no sitting: edited by the allowed callers, deleted as a fresh one.
  const newMotion = async () => (await must(c.presidium.post(`${base}/sessions/${ids.session}/motions`, { kind: 'agenda' }), 'motion')).id as string;
  ids.motion = await newMotion();
  ids.vCards = await newVote();
  const vCards = await makeCards(ids.vCards);
  ids.vCardsSerial = vCards[0].serial;
  const voidable = vCards.slice(4).map((x) => x.serial); // the last one stays for the refused calls
  ids.vCount = await newVote();
  await makeCards(ids.vCount);
  ids.vOpen = await newVote();
  const vOpen = await makeCards(ids.vOpen);
  for (const x of vOpen.slice(0, 2)) await must(c.scrutineer.post(`${S}/${ids.vOpen}/issue`, { card: x.serial }));
  await must(c.presidium.post(`${S}/${ids.vOpen}/open`, {}));
  ids.vOpenToken = tok(vOpen[0].url);
  ids.vOpenSerial = vOpen[1].serial;
  ids.vPaper = await newVote();
  const vPaper = await makeCards(ids.vPaper);
  await must(c.scrutineer.post(`${S}/${ids.vPaper}/issue-count`, { count: 6 }));
  await must(c.presidium.post(`${S}/${ids.vPaper}/open`, {}));
  await must(c.presidium.post(`${S}/${ids.vPaper}/close`, {}));
  ids.paperSerial = vPaper[0].serial;
  const mismatched: string[] = [];
  for (const x of vPaper.slice(1, 4)) {
    await must(c.scrutineer.post(`${S}/${ids.vPaper}/paper`, { card: x.serial, marks: { [ids.c1]: 'for' } }));
    await must(c.scrutineer2.post(`${S}/${ids.vPaper}/paper`, { card: x.serial, marks: { [ids.c1]: 'against' } }));
    mismatched.push(x.serial);
  }
  ids.mismatchSerial = mismatched.pop()!; // for the refused calls
  ids.vTally = await closedVote();
  ids.vSign = await closedVote();
  await must(c.scrutineer.post(`${S}/${ids.vSign}/tally`, {}));
  ids.vReady = await closedVote();
  await must(c.scrutineer.post(`${S}/${ids.vReady}/tally`, {}));
  await must(c.scrutineer.post(`${S}/${ids.vReady}/tally/signoff`, { chief: true, invalidChecked: true }));
  // Published: c1 elected, c2 and c3 tied across the last seat (a runoff is possible), c4 not elected.
  ids.vPub = await newVote({ maxFor: 3 });
  const vPub = await makeCards(ids.vPub);
  for (const x of vPub.slice(0, 6)) await must(c.scrutineer.post(`${S}/${ids.vPub}/issue`, { card: x.serial }));
  await must(c.presidium.post(`${S}/${ids.vPub}/open`, {}));
  const receipts: string[] = [];
  for (const [i, x] of vPub.slice(0, 6).entries()) {
    const marks = i < 4 ? { [ids.c1]: 'for', [ids.c2]: 'for', [ids.c3]: 'for' } : { [ids.c1]: 'for' };
    receipts.push((await must(new Client(t).post('/api/public/ballot/cast', { token: tok(x.url), marks }), 'cast')).receipt);
  }
  ids.receipt = receipts[0];
  await must(c.presidium.post(`${S}/${ids.vPub}/close`, {}));
  await must(c.scrutineer.post(`${S}/${ids.vPub}/tally`, {}));
  await must(c.scrutineer.post(`${S}/${ids.vPub}/tally/signoff`, { chief: true, invalidChecked: true }));
  await must(c.presidium.post(`${S}/${ids.vPub}/tally/publish`, {}), 'publish');

  // Projects: A led by the department, its milestone, files, inspection and finding; one with a pending change.
  const P = `${base}/projects`;
  const newProject = async (title = uniq('道路硬化')) =>
    (await must(root.post(P, { year, title, leadDepartmentId: ids.d1, plannedInvestment: '120.50', fundingSource: '县级财政', plannedCompletion: addDays(today, 200), content: '硬化 2 公里' }), 'project')).id as string;
  ids.projectTitle = uniq('河东村道路硬化');
  ids.prA = await newProject(ids.projectTitle);
  const newMilestone = async () => {
    const name = uniq('节点');
    const d = await must(root.post(`${P}/${ids.prA}/milestones`, { name, plannedDate: addDays(today, 30), weight: 10 }));
    return (d.milestoneList as { id: string; name: string }[]).find((m) => m.name === name)!.id;
  };
  ids.mA = await newMilestone();
  const newFile = async () => (await must(root.post(`${P}/${ids.prA}/files`, fileForm(PNG, 'site.png', { caption: '现场' })), 'file')).id as string;
  ids.fA = await newFile();
  ids.fDoc = (await must(root.post(`${P}/${ids.prA}/files`, fileForm(PDF, 'plan.pdf')))).id;
  const I = `${base}/inspections`;
  ids.iA = (await must(root.post(I, { projectId: ids.prA, date: today, title: '年中视察', attendeeIds: [ids.rep3] }), 'inspection')).id;
  // A project of the other department only, with its own milestone, file, inspection and a finding for it.
  ids.prB = (await must(root.post(P, { year, title: uniq('自来水管网改造'), leadDepartmentId: ids.d2, plannedInvestment: '60', fundingSource: '县级财政', plannedCompletion: addDays(today, 200) }))).id;
  ids.mB = (await must(root.post(`${P}/${ids.prB}/milestones`, { name: '开工', plannedDate: addDays(today, 30), weight: 10 }))).milestoneList[0].id;
  ids.fB = (await must(root.post(`${P}/${ids.prB}/files`, fileForm(PDF, 'b.pdf')))).id;
  ids.iB = (await must(root.post(I, { projectId: ids.prB, date: today, title: '管网视察' }))).id;
  ids.fdB = (await must(root.post(`${I}/${ids.iB}/findings`, { text: '管网漏水', departmentId: ids.d2, answerDueOn: addDays(today, 10) }))).findings[0].id;
  const newFinding = async () => {
    const text = uniq('排水沟未清理');
    const d = await must(root.post(`${I}/${ids.iA}/findings`, { text, departmentId: ids.d1, answerDueOn: addDays(today, 10) }), 'finding');
    return (d.findings as { id: string; text: string }[]).find((f) => f.text === text)!.id;
  };
  ids.fdA = await newFinding();
  ids.inspectionPhoto = (await must(root.post(`${I}/${ids.iA}/files`, fileForm(PNG, 'visit.png')))).id;
  const answeredFinding = async () => {
    const id = await newFinding();
    await must(c.department.post(`${base}/findings/${id}/answer`, { answer: '已清理' }));
    return id;
  };
  ids.fdAnswered = await answeredFinding();
  const pendingChange = async () => {
    const projectId = await newProject();
    const d = await must(root.post(`${P}/${projectId}/changes`, { kind: 'suspension', reason: '资金未到位' }), 'change');
    return { projectId, changeId: d.changes[0].id as string };
  };
  ({ projectId: ids.prC, changeId: ids.crA } = await pendingChange());

  // Evaluation rounds: draft, open (with printed codes), closed, published with rectifications for the department.
  const R = `${base}/evaluation/rounds`;
  const newRound = async (audiences = ['representatives', 'residents']) => (await must(root.post(R, { year, title: uniq('满意度测评'), audiences, projectIds: [ids.prA] }), 'round')).id as string;
  const openRound = async (audiences?: string[]) => {
    const id = await newRound(audiences);
    await must(root.post(`${R}/${id}/open`, {}));
    return id;
  };
  const closedRound = async () => {
    const id = await openRound();
    await must(root.post(`${R}/${id}/close`, {}));
    return id;
  };
  ids.rDraft = await newRound();
  ids.rOpen = await openRound();
  await must(root.post(`${R}/${ids.rOpen}/codes`, { audience: 'residents', count: 14 }));
  const slips = (await must(root.get(`${R}/${ids.rOpen}/codes?audience=residents`))) as { serial: string; url: string }[];
  ids.slipToken = tok(slips[0].url);
  ids.slipSerial = slips[0].serial;
  const unusedSlips = slips.slice(2).map((s) => tok(s.url));
  ids.rClosed = await closedRound();
  ids.rPub = await openRound(['residents']); // one audience: a group under k would withhold the combined figures
  await must(root.post(`${R}/${ids.rPub}/codes`, { audience: 'residents', count: 1 }));
  const pubSlip = tok(((await must(root.get(`${R}/${ids.rPub}/codes?audience=residents`))) as { url: string }[])[0].url);
  const q = await must(new Client(t).post('/api/public/evaluation/open', { token: pubSlip }));
  ids.projectComment = uniq('PCOMMENT');
  ids.departmentComment = uniq('DCOMMENT');
  await must(
    new Client(t).post('/api/public/evaluation/submit', {
      token: pubSlip,
      answers: q.targets.flatMap((tg: { kind: 'project' | 'department'; id: string }) => q.round.items[tg.kind].map((i: { id: string }) => ({ targetKind: tg.kind, targetId: tg.id, itemId: i.id, answer: 'dissatisfied' }))),
      comments: [
        { targetKind: 'project', targetId: ids.prA, text: ids.projectComment },
        { targetKind: 'department', targetId: ids.d1, text: ids.departmentComment },
      ],
    }),
    'answers',
  );
  await must(root.post(`${R}/${ids.rPub}/close`, {}));
  // The targets the office keeps for evaluation: an appointed official and a 专题询问.
  ids.official = (await must(root.post(`${base}/evaluation/officials`, { name: uniq('局长'), post: '局长', departmentId: ids.d1 }), 'official')).id;
  ids.inquiry = (await must(root.post(`${base}/evaluation/inquiries`, { title: uniq('专题询问'), heldOn: today, departmentIds: [ids.d1] }), 'inquiry')).id;
  await must(root.post(`${R}/${ids.rPub}/publish`, {}));
  const rects = ((await must(root.get(`${base}/rectifications`))) as { id: string; roundId: string }[]).filter((x) => x.roundId === ids.rPub);
  if (rects.length < 2) throw new Error(`setup: ${rects.length} rectifications`);
  [ids.rect1, ids.rect2] = rects.map((x) => x.id);

  /** Ids of this congress's objects (accounts are not a congress's): none may show through the other congress's routes. */
  // The stages' own objects (tests/<stage>/authz.ts): they may add ids, clients (the station keeper) and fresh makers.
  const stageFresh: Record<string, (...a: never[]) => unknown> = {};
  for (const part of STAGE_PARTS) {
    const w = { label, id: h.congressId, root, c, usernames, ids, fresh: stageFresh, rep0Token } as KitWorld;
    await part.build({ w, sys, base, today, year, must, client: () => new Client(t) });
  }
  const objectIds = new Set(
    Object.entries(ids)
      .filter(([k, v]) => k !== 'congress' && k !== 'spareAccount' && /^[0-9a-f-]{36}$/.test(v))
      .map(([, v]) => v),
  );
  /** Everything a request can name of this congress: object ids, card serials and tokens, receipts, codes. */
  const refs = new Set([...objectIds, ...Object.entries(ids).filter(([k]) => /Serial|Token|receipt/.test(k)).map(([, v]) => v), rep0Token, rep2Token]);
  const queue = (xs: string[]) => () => {
    const x = xs.shift();
    if (!x) throw new Error('setup: a fresh-object queue ran dry');
    return x;
  };
  return {
    label,
    id: h.congressId,
    root,
    c: c as Record<Holder | 'scrutineer2', Client>,
    usernames,
    ids,
    objectIds,
    refs,
    trackingCode: h.codes[0],
    rep0Token,
    rep2Token,
    fresh: {
      ...(stageFresh as Record<string, () => Promise<string>>),
      proposal: newProposal,
      checkedProposal,
      rejectedProposal,
      reservedProposal,
      draftList,
      frozenList,
      vote: newVote,
      voteWithCards: async () => {
        const v = await newVote();
        await makeCards(v);
        return v;
      },
      openedVote,
      motion: newMotion,
      voidable: queue(voidable),
      mismatched: queue(mismatched),
      project: newProject,
      milestone: newMilestone,
      file: newFile,
      answeredFinding,
      pendingChange,
      round: () => newRound(),
      openRound: () => openRound(),
      closedRound,
      slip: queue(unusedSlips),
      representative: async () => (await must(root.post(`${base}/representatives`, { name: uniq('新代表') }))).id as string,
      account: async () => (await must(sys.post('/api/accounts', { username: uniq('acct'), displayName: '新账号', password: PASSWORD }))).id as string,
      kiosk: async () => (await must(root.post(`${base}/sessions/${ids.session}/kiosks`, { kind: 'ballot', label: uniq('平板'), hours: 1 }))).kiosk.id as string,
    },
  };
}
type World = Awaited<ReturnType<typeof buildWorld>>;
let A: World;
let B: World;

/** A signed-in client for each caller of congress A (a throwaway one when signed out). */
function clientOf(who: Who): Client {
  if (who === 'public') return new Client(t);
  if (who === 'sysadmin') return sys;
  return A.c[who];
}
/** A second session of the same account, for the routes that end one. */
async function freshSession(who: Who): Promise<Client> {
  const cl = new Client(t);
  if (who === 'sysadmin') await cl.login(sysUsername, PASSWORD);
  else if (who === 'representative') await must(cl.post('/api/auth/card-login', { token: A.rep0Token }));
  else await cl.login(A.usernames[who], PASSWORD);
  return cl;
}

// ---------------------------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------------------------

/**
 * How a request is built: `w` owns the objects named in the path, `r` the objects referred to in the body, `cid` is
 * the congress in the URL, `who` calls. `fresh` is true for an allowed caller: a route that uses its object up gets a
 * new one.
 */
type X = { w: World; r: World; cid: string; who: Who; fresh: boolean };
type Call = { path: string; body?: unknown; as?: Client; stream?: boolean };
type Spec = {
  /** A variant's name, when a route is called on objects in different states. */
  on?: string;
  allow: readonly Who[];
  req: (x: X) => Call | Promise<Call>;
  /** Error codes an allowed caller may get for a reason of state (never of authorization). */
  ok?: string[];
  /** Error codes, besides 401/403/404, that count as a refusal here. */
  refuse?: string[];
  /** What an allowed caller's answer must not contain (ids or unique texts it may not see). */
  hide?: Partial<Record<Who, (w: World) => string[]>>;
};

const cg = (x: X) => `/api/congresses/${x.cid}`;
const NO_DECISION = '00000000-0000-4000-8000-00000000dec1';
const vote = (x: X, v: string) => `${cg(x)}/sessions/${x.w.ids.session}/votes/${x.w.ids[v]}`;
const round = (x: X, r: string) => `${cg(x)}/evaluation/rounds/${x.w.ids[r]}`;
const project = (x: X, p = x.w.ids.prA) => `${cg(x)}/projects/${p}`;
const get = (path: string) => () => ({ path });
const settingsBody = SETTINGS;
const channelOf = (who: Who) =>
  who === 'representative' ? { channel: 'representative' } : who === 'government' ? { channel: 'government' } : who.startsWith('department') ? { channel: 'department' } : { channel: 'liaison_station', station: '北街联络站' };
const someProposals = (w: World) => [w.ids.pAtt, w.ids.pPending];

/** The routes outside /api: no contract, open to anyone (health checks for load balancers, the public keys). */
const OUTSIDE_API = new Set(['GET /healthz', 'GET /readyz', 'GET /.well-known/jwks.json']);
/** Whether a route is open without signing in, as its contract says (TABLE's `allow` says who may call it). */
const isPublicRoute = (key: string) => OUTSIDE_API.has(key) || CONTRACT_OF.get(key)?.permission === 'public';

/**
 * The matrix, keyed by contract (`METHOD /api/path`, routeKey of shared/contract.ts): a second statement of who may call
 * each route, written here on purpose apart from the policies (shared/<stage>/policy.ts), so that a wrong permission
 * shows up as an allowed caller refused or a refused caller allowed.
 */
const TABLE: Record<string, Spec | Spec[]> = {
  // ---- system and sign-in ----
  'GET /api/health': { allow: EVERYONE, req: get('/api/health') },
  'GET /healthz': { allow: EVERYONE, req: get('/healthz') },
  'GET /readyz': { allow: EVERYONE, req: get('/readyz') },
  'GET /.well-known/jwks.json': { allow: EVERYONE, req: get('/.well-known/jwks.json') },
  'GET /api/openapi.json': { allow: EVERYONE, req: get('/api/openapi.json') },
  'GET /api/docs': { allow: EVERYONE, req: get('/api/docs') },
  'GET /api/setup': { allow: EVERYONE, req: get('/api/setup') },
  'POST /api/setup': { allow: EVERYONE, ok: ['setup_done'], req: () => ({ path: '/api/setup', body: { username: uniq('setup'), displayName: '管理员', password: PASSWORD } }) },
  'POST /api/auth/login': { allow: EVERYONE, req: (x) => ({ path: '/api/auth/login', body: { username: x.w.usernames.spare, password: PASSWORD } }) },
  'POST /api/auth/card-login': { allow: EVERYONE, req: (x) => ({ path: '/api/auth/card-login', body: { token: x.w.rep2Token } }) },
  'POST /api/auth/logout': { allow: EVERYONE, req: async (x) => ({ path: '/api/auth/logout', as: x.fresh && x.who !== 'public' ? await freshSession(x.who) : undefined }) },
  'GET /api/auth/me': { allow: SIGNED_IN, req: get('/api/auth/me') },
  // A card-only account (the representative) has no password to change.
  'POST /api/auth/password': { allow: SIGNED_IN, ok: ['wrong_password', 'password_unchanged'], req: () => ({ path: '/api/auth/password', body: { currentPassword: PASSWORD, newPassword: PASSWORD } }) },
  'GET /api/auth/sessions': { allow: SIGNED_IN, req: get('/api/auth/sessions') },
  // The to-do list is each account's own, computed from its memberships (tests/home/work.test.ts checks what it holds).
  'GET /api/me/work': { allow: SIGNED_IN, req: get('/api/me/work') },
  // A representative's home: only the congresses where this account is a seated representative (tests/home/work.test.ts).
  'GET /api/me/representative': { allow: SIGNED_IN, req: get('/api/me/representative') },
  'DELETE /api/auth/sessions/:sessionId': {
    allow: SIGNED_IN,
    req: async (x) => ({ path: `/api/auth/sessions/${x.fresh ? sha256((await freshSession(x.who)).token) : sha256('no session')}` }),
  },

  // ---- congresses and accounts ----
  'GET /api/congresses': { allow: SIGNED_IN, req: get('/api/congresses') },
  'POST /api/congresses': { allow: SYS, req: () => ({ path: '/api/congresses', body: { name: uniq('新人大'), level: 'township', term: 18 } }) },
  'GET /api/congresses/:congressId': { allow: MEMBERS, req: (x) => ({ path: cg(x) }) },
  'PATCH /api/congresses/:congressId': { allow: STAFF, req: (x) => ({ path: cg(x), body: { term: 18 } }) },
  'PUT /api/congresses/:congressId/settings': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/settings`, body: settingsBody }) },
  'GET /api/congresses/:congressId/members': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/members` }) },
  'POST /api/congresses/:congressId/members': {
    allow: STAFF,
    req: async (x) => ({ path: `${cg(x)}/members`, body: { accountId: x.fresh ? await x.w.fresh.account() : x.w.ids.spareAccount, role: 'department', departmentId: x.r.ids.d1 } }),
  },
  'DELETE /api/congresses/:congressId/members/:memberId': {
    allow: STAFF,
    req: async (x) => ({ path: `${cg(x)}/members/${x.fresh ? (await must(x.w.root.post(`/api/congresses/${x.w.id}/members`, { accountId: await x.w.fresh.account(), role: 'government' }))).id : x.w.ids.member}` }),
  },
  'GET /api/accounts': { allow: SYS, req: get('/api/accounts') },
  'POST /api/accounts': { allow: SYS, req: () => ({ path: '/api/accounts', body: { username: uniq('acct'), displayName: '新账号', password: PASSWORD } }) },
  'POST /api/congresses/:congressId/accounts': {
    allow: STAFF,
    req: (x) => ({ path: `${cg(x)}/accounts`, body: { username: uniq('dep'), displayName: '单位账号', password: PASSWORD, role: 'department', departmentId: x.r.ids.d1 } }),
  },
  'PATCH /api/accounts/:accountId': { allow: SYS, req: (x) => ({ path: `/api/accounts/${x.w.ids.spareAccount}`, body: { displayName: '备用账号' } }) },
  'POST /api/accounts/:accountId/password': { allow: SYS, req: (x) => ({ path: `/api/accounts/${x.w.ids.spareAccount}/password`, body: { newPassword: PASSWORD } }) },
  'POST /api/accounts/:accountId/revoke-sessions': { allow: SYS, req: (x) => ({ path: `/api/accounts/${x.w.ids.spareAccount}/revoke-sessions` }) },
  // Clearing failed sign-ins: the system admin for any account, a congress admin for the accounts holding a role in it
  // (the spare account is a presidium member of its congress). Another congress's account: tests/auth/sign-in-limits.test.ts.
  'POST /api/accounts/:accountId/unlock': { allow: SYS, req: (x) => ({ path: `/api/accounts/${x.w.ids.spareAccount}/unlock` }) },
  'POST /api/congresses/:congressId/accounts/:accountId/unlock': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/accounts/${x.w.ids.spareAccount}/unlock` }) },

  // ---- roster ----
  'GET /api/congresses/:congressId/representatives': { allow: ROSTER_READERS, req: (x) => ({ path: `${cg(x)}/representatives` }) },
  'POST /api/congresses/:congressId/representatives': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/representatives`, body: { name: uniq('代表') } }) },
  'PATCH /api/congresses/:congressId/representatives/:representativeId': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/representatives/${x.w.ids.rep3}`, body: { delegation: '第一代表小组' } }) },
  'POST /api/congresses/:congressId/representatives/:representativeId/end-term': {
    allow: STAFF,
    req: async (x) => ({ path: `${cg(x)}/representatives/${x.fresh ? await x.w.fresh.representative() : x.w.ids.rep4}/end-term`, body: { endedOn: today, reason: '调离本行政区域' } }),
  },
  'POST /api/congresses/:congressId/representatives/:representativeId/reissue-card': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/representatives/${x.w.ids.rep1}/reissue-card` }) },
  'POST /api/congresses/:congressId/roster/import/preview': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/roster/import/preview`, body: `姓名,性别\n${uniq('预览')},男\n` }) },
  'POST /api/congresses/:congressId/roster/import': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/roster/import`, body: `姓名,性别\n${uniq('导入')},女\n` }) },
  'GET /api/congresses/:congressId/roster/export.csv': { allow: ROSTER_READERS, req: (x) => ({ path: `${cg(x)}/roster/export.csv` }) },
  'GET /api/congresses/:congressId/roster/page': { allow: ROSTER_READERS, req: (x) => ({ path: `${cg(x)}/roster/page?size=20` }) },
  'GET /api/congresses/:congressId/roster/cards': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/roster/cards?ids=${x.r.ids.rep3}` }) },

  // ---- departments and audit ----
  'GET /api/congresses/:congressId/departments': { allow: MEMBERS, req: (x) => ({ path: `${cg(x)}/departments` }) },
  'POST /api/congresses/:congressId/departments': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/departments`, body: { name: uniq('卫健局'), kind: 'bureau' } }) },
  'PATCH /api/congresses/:congressId/departments/:departmentId': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/departments/${x.w.ids.d2}`, body: { contactName: '李工' } }) },
  'GET /api/audit': { allow: SYS, req: get('/api/audit?limit=5') },
  'POST /api/audit/verify': { allow: SYS, req: () => ({ path: '/api/audit/verify' }) },
  'GET /api/congresses/:congressId/audit': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/audit?limit=20` }) },
  'GET /api/congresses/:congressId/audit/entries': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/audit/entries?size=20` }) },
  'GET /api/congresses/:congressId/audit/export.csv': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/audit/export.csv?area=roster` }) },

  // ---- collection windows and proposals ----
  'GET /api/congresses/:congressId/collection-windows': { allow: MEMBERS, req: (x) => ({ path: `${cg(x)}/collection-windows` }) },
  'POST /api/congresses/:congressId/collection-windows': {
    allow: STAFF,
    req: (x) => {
      const y = year + 2 + Math.floor(Math.random() * 60);
      return { path: `${cg(x)}/collection-windows`, body: { year: y, opensOn: `${y}-06-01`, closesOn: `${y}-07-31` } };
    },
    ok: ['window_exists'],
  },
  'PATCH /api/congresses/:congressId/collection-windows/:windowId': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/collection-windows/${x.w.ids.winY}`, body: { closesOn: addDays(today, 20) } }) },
  'POST /api/congresses/:congressId/collection-windows/:windowId/close': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/collection-windows/${x.w.ids.winNext}/close` }) },
  'GET /api/congresses/:congressId/proposals': {
    allow: MEMBERS,
    req: (x) => ({ path: `${cg(x)}/proposals` }),
    // Representatives and departments see what they submitted themselves.
    hide: {
      representative: (w) => [...someProposals(w), w.ids.pDep],
      department: (w) => [...someProposals(w), w.ids.pRep],
      department2: (w) => [...someProposals(w), w.ids.pRep, w.ids.pDep],
      presidium: (w) => [...someProposals(w), w.ids.pRep, w.ids.pDep],
      scrutineer: (w) => [...someProposals(w), w.ids.pRep, w.ids.pDep],
    },
  },
  'POST /api/congresses/:congressId/proposals': {
    allow: ['sysadmin', 'admin', 'government', 'representative', 'department', 'department2'],
    req: (x) => ({ path: `${cg(x)}/proposals`, body: { ...proposalFields({ title: uniq('中心小学操场'), location: '镇区' }), ...channelOf(x.who) } }),
  },
  'GET /api/congresses/:congressId/proposals/export.csv': { allow: DESK, req: (x) => ({ path: `${cg(x)}/proposals/export.csv` }) },
  'GET /api/congresses/:congressId/proposals/page': {
    allow: MEMBERS,
    req: (x) => ({ path: `${cg(x)}/proposals/page?size=200` }),
    // As the list: representatives and departments see what they submitted.
    hide: {
      representative: (w) => [...someProposals(w), w.ids.pDep],
      department: (w) => [...someProposals(w), w.ids.pRep],
      department2: (w) => [...someProposals(w), w.ids.pRep, w.ids.pDep],
      presidium: (w) => [...someProposals(w), w.ids.pRep, w.ids.pDep],
      scrutineer: (w) => [...someProposals(w), w.ids.pRep, w.ids.pDep],
    },
  },
  'GET /api/congresses/:congressId/proposals/:proposalId': [
    { on: 'entered by staff', allow: DESK, req: (x) => ({ path: `${cg(x)}/proposals/${x.w.ids.pAtt}` }) },
    { on: "the representative's own", allow: [...DESK, 'representative'], req: (x) => ({ path: `${cg(x)}/proposals/${x.w.ids.pRep}` }) },
    { on: "the department's own", allow: [...DESK, 'department'], req: (x) => ({ path: `${cg(x)}/proposals/${x.w.ids.pDep}` }) },
  ],
  'GET /api/congresses/:congressId/proposals/:proposalId/attachments/:attachmentId': { allow: DESK, req: (x) => ({ path: `${cg(x)}/proposals/${x.w.ids.pAtt}/attachments/${x.w.ids.attachment}` }) },
  'GET /api/congresses/:congressId/proposals/:proposalId/similar': { allow: DESK, req: (x) => ({ path: `${cg(x)}/proposals/${x.w.ids.pAtt}/similar` }) },
  'PUT /api/congresses/:congressId/proposals/:proposalId/checks': { allow: SCREENERS, req: (x) => ({ path: `${cg(x)}/proposals/${x.w.ids.pPending}/checks`, body: allChecks() }) },
  'POST /api/congresses/:congressId/proposals/:proposalId/accept': {
    allow: SCREENERS,
    req: async (x) => ({ path: `${cg(x)}/proposals/${x.fresh ? await x.w.fresh.checkedProposal() : x.w.ids.pPending}/accept`, body: { candidate: candidateFields(x.r.ids.d1, { title: uniq('文化广场') }) } }),
  },
  'POST /api/congresses/:congressId/proposals/:proposalId/merge': {
    allow: SCREENERS,
    req: async (x) => ({ path: `${cg(x)}/proposals/${x.fresh ? await x.w.fresh.proposal() : x.w.ids.pPending}/merge`, body: { intoId: x.r.ids.pAtt, reason: '内容相同' } }),
  },
  'POST /api/congresses/:congressId/proposals/:proposalId/reject': {
    allow: SCREENERS,
    req: async (x) => ({ path: `${cg(x)}/proposals/${x.fresh ? await x.w.fresh.proposal() : x.w.ids.pPending}/reject`, body: { reason: '不属于民生实事范围' } }),
  },
  'POST /api/congresses/:congressId/proposals/:proposalId/reserve': {
    allow: SCREENERS,
    req: async (x) => ({ path: `${cg(x)}/proposals/${x.fresh ? await x.w.fresh.rejectedProposal() : x.w.ids.pRejected}/reserve` }),
  },
  'POST /api/congresses/:congressId/proposals/:proposalId/revive': {
    allow: DESK,
    req: async (x) => ({ path: `${cg(x)}/proposals/${x.fresh ? await x.w.fresh.reservedProposal() : x.w.ids.pReserved}/revive`, body: { windowId: x.r.ids.winNext } }),
  },

  // ---- candidates and lists ----
  'GET /api/congresses/:congressId/candidates': { allow: LIST_READERS, req: (x) => ({ path: `${cg(x)}/candidates` }) },
  'PATCH /api/congresses/:congressId/candidates/:candidateId': { allow: SCREENERS, req: (x) => ({ path: `${cg(x)}/candidates/${x.w.ids.c5}`, body: { fundingSource: '镇级财政', leadDepartmentId: x.r.ids.d1 } }) },
  'GET /api/congresses/:congressId/candidates/export.csv': { allow: DESK, req: (x) => ({ path: `${cg(x)}/candidates/export.csv` }) },
  'GET /api/congresses/:congressId/candidate-lists': { allow: LIST_READERS, req: (x) => ({ path: `${cg(x)}/candidate-lists` }) },
  'POST /api/congresses/:congressId/candidate-lists': {
    allow: DESK,
    req: (x) => ({ path: `${cg(x)}/candidate-lists`, body: { title: uniq('候选清单'), year, seats: 2, candidateIds: [x.r.ids.c1, x.r.ids.c2, x.r.ids.c3] } }),
  },
  'GET /api/congresses/:congressId/candidate-lists/:listId': { allow: LIST_READERS, req: (x) => ({ path: `${cg(x)}/candidate-lists/${x.w.ids.Lf}` }) },
  'PATCH /api/congresses/:congressId/candidate-lists/:listId': { allow: DESK, req: (x) => ({ path: `${cg(x)}/candidate-lists/${x.w.ids.Ld}`, body: { title: '草稿清单', candidateIds: [x.r.ids.c5] } }) },
  'POST /api/congresses/:congressId/candidate-lists/:listId/freeze': {
    allow: STAFF,
    req: async (x) => ({ path: `${cg(x)}/candidate-lists/${x.fresh ? await x.w.fresh.draftList() : x.w.ids.Ld}/freeze`, body: { acknowledgeSurplusWarning: true } }),
  },
  'POST /api/congresses/:congressId/candidate-lists/:listId/new-version': {
    allow: DESK,
    req: async (x) => ({ path: `${cg(x)}/candidate-lists/${x.fresh ? await x.w.fresh.frozenList() : x.w.ids.Lf}/new-version` }),
  },

  // ---- public gathering pages ----
  'GET /api/public/congresses/:congressId': { allow: EVERYONE, req: (x) => ({ path: `/api/public/congresses/${x.cid}` }) },
  'GET /api/public/challenge': { allow: EVERYONE, req: get('/api/public/challenge') },
  'GET /api/public/congresses/:congressId/addresses': { allow: EVERYONE, req: (x) => ({ path: `/api/public/congresses/${x.cid}/addresses` }) },
  'GET /api/public/addresses/:code': { allow: EVERYONE, req: async (x) => ({ path: `/api/public/addresses/${(await new Client(t).get(`/api/public/congresses/${x.cid}/addresses`)).body.code}` }) },
  'POST /api/public/congresses/:congressId/proposals': {
    allow: EVERYONE,
    req: async (x) => ({ path: `/api/public/congresses/${x.cid}/proposals`, body: { ...proposalFields({ title: uniq('村口路灯'), location: '村口' }), submitterName: '张大爷', submitterContact: '13912345678', ...(await solved(t)) } }),
  },
  'GET /api/public/track/:code': { allow: EVERYONE, req: (x) => ({ path: `/api/public/track/${x.w.trackingCode}` }) },
  'GET /api/public/congresses/:congressId/candidate-lists': { allow: EVERYONE, req: (x) => ({ path: `/api/public/congresses/${x.cid}/candidate-lists` }) },
  'GET /api/public/congresses/:congressId/candidate-lists/:listId': [
    { on: 'frozen', allow: EVERYONE, req: (x) => ({ path: `/api/public/congresses/${x.cid}/candidate-lists/${x.w.ids.Lf}` }) },
    { on: 'a draft (never public)', allow: [], req: (x) => ({ path: `/api/public/congresses/${x.cid}/candidate-lists/${x.w.ids.Ld}` }) },
  ],
  'GET /api/public/congresses/:congressId/candidate-lists/:listId/export.csv': [
    { on: 'frozen', allow: EVERYONE, req: (x) => ({ path: `/api/public/congresses/${x.cid}/candidate-lists/${x.w.ids.Lf}/export.csv` }) },
    { on: 'a draft (never public)', allow: [], req: (x) => ({ path: `/api/public/congresses/${x.cid}/candidate-lists/${x.w.ids.Ld}/export.csv` }) },
  ],
  'GET /api/public/congresses/:congressId/poster-qr.svg': { allow: EVERYONE, req: (x) => ({ path: `/api/public/congresses/${x.cid}/poster-qr.svg` }) },

  // ---- sessions and attendance ----
  'GET /api/congresses/:congressId/sessions': { allow: MEMBERS, req: (x) => ({ path: `${cg(x)}/sessions` }) },
  'POST /api/congresses/:congressId/sessions': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/sessions`, body: { name: uniq('第四次会议'), date: today } }) },
  'GET /api/congresses/:congressId/sessions/:sessionId': { allow: MEMBERS, req: (x) => ({ path: `${cg(x)}/sessions/${x.w.ids.session}` }) },
  'GET /api/congresses/:congressId/sessions/:sessionId/attendance': { allow: ROSTER_READERS, req: (x) => ({ path: `${cg(x)}/sessions/${x.w.ids.session}/attendance` }) },
  'PUT /api/congresses/:congressId/sessions/:sessionId/attendance/:representativeId': {
    allow: STAFF,
    req: (x) => ({ path: `${cg(x)}/sessions/${x.w.ids.session}/attendance/${x.w.ids.rep3}`, body: { status: 'present' } }),
  },
  'POST /api/congresses/:congressId/sessions/:sessionId/check-in': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/sessions/${x.w.ids.session}/check-in`, body: { token: x.r.rep2Token } }) },

  // ---- kiosks (签到平板 / 投票平板; a kiosk's own credential is tested in tests/kiosk) ----
  'GET /api/congresses/:congressId/sessions/:sessionId/kiosks': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/sessions/${x.w.ids.session}/kiosks` }) },
  'POST /api/congresses/:congressId/sessions/:sessionId/kiosks': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/sessions/${x.w.ids.session}/kiosks`, body: { kind: 'check_in', label: uniq('签到台'), hours: 2 } }) },
  'DELETE /api/congresses/:congressId/sessions/:sessionId/kiosks/:kioskId': {
    allow: STAFF,
    req: async (x) => ({ path: `${cg(x)}/sessions/${x.w.ids.session}/kiosks/${await x.w.fresh.kiosk()}` }),
  },
  // A made-up link: a real one would make the caller's browser a kiosk (and sign it out).
  'POST /api/public/kiosk/enrol': { allow: EVERYONE, ok: ['kiosk_link_invalid'], req: () => ({ path: '/api/public/kiosk/enrol', body: { token: `${'x'.repeat(20)}.${'y'.repeat(20)}.${'z'.repeat(20)}` } }) },
  'GET /api/kiosk/me': { allow: EVERYONE, req: get('/api/kiosk/me') },
  'POST /api/kiosk/leave': { allow: EVERYONE, ok: ['kiosk_none'], req: () => ({ path: '/api/kiosk/leave', body: { username: 'admin', password: PASSWORD } }) },

  // ---- votes, cards, paper ballots ----
  'GET /api/congresses/:congressId/sessions/:sessionId/votes': { allow: MEMBERS, req: (x) => ({ path: `${cg(x)}/sessions/${x.w.ids.session}/votes` }) },
  'POST /api/congresses/:congressId/sessions/:sessionId/votes': { allow: CHAIR, req: (x) => ({ path: `${cg(x)}/sessions/${x.w.ids.session}/votes`, body: { listId: x.r.ids.Lf, title: uniq('票决') } }) },
  'GET /api/congresses/:congressId/sessions/:sessionId/votes/:voteId': { allow: MEMBERS, req: (x) => ({ path: vote(x, 'vOpen') }) },
  'PATCH /api/congresses/:congressId/sessions/:sessionId/votes/:voteId': { allow: CHAIR, req: (x) => ({ path: vote(x, 'vDraft'), body: { title: '关于民生实事项目的票决' } }) },
  'PUT /api/congresses/:congressId/sessions/:sessionId/votes/:voteId/questions': { allow: CHAIR, req: (x) => ({ path: `${vote(x, 'vDraft')}/questions`, body: { motionIds: [], listPosition: 0 } }) },
  'GET /api/congresses/:congressId/sessions/:sessionId/motions': { allow: MEMBERS, req: (x) => ({ path: `${cg(x)}/sessions/${x.w.ids.session}/motions` }) },
  'POST /api/congresses/:congressId/sessions/:sessionId/motions': { allow: CHAIR, req: (x) => ({ path: `${cg(x)}/sessions/${x.w.ids.session}/motions`, body: { kind: 'name_list' } }) },
  'PATCH /api/congresses/:congressId/sessions/:sessionId/motions/:motionId': {
    allow: CHAIR,
    req: (x) => ({ path: `${cg(x)}/sessions/${x.w.ids.session}/motions/${x.w.ids.motion}`, body: { body: '会议议程（草案）全文' } }),
  },
  'DELETE /api/congresses/:congressId/sessions/:sessionId/motions/:motionId': {
    allow: CHAIR,
    req: async (x) => ({ path: `${cg(x)}/sessions/${x.w.ids.session}/motions/${x.fresh ? await x.w.fresh.motion() : x.w.ids.motion}` }),
  },
  'POST /api/congresses/:congressId/sessions/:sessionId/votes/:voteId/cards': {
    allow: COUNTERS,
    req: async (x) => ({ path: x.fresh ? `${cg(x)}/sessions/${x.w.ids.session}/votes/${await x.w.fresh.vote()}/cards` : `${vote(x, 'vDraft')}/cards`, body: { spareCards: 1 } }),
  },
  'GET /api/congresses/:congressId/sessions/:sessionId/votes/:voteId/cards': { allow: COUNTERS, req: (x) => ({ path: `${vote(x, 'vCards')}/cards` }) },
  'POST /api/congresses/:congressId/sessions/:sessionId/votes/:voteId/issue': { allow: COUNTERS, req: (x) => ({ path: `${vote(x, 'vCards')}/issue`, body: { card: x.r.ids.vCardsSerial } }) },
  'POST /api/congresses/:congressId/sessions/:sessionId/votes/:voteId/issue-count': { allow: COUNTERS, req: (x) => ({ path: `${vote(x, 'vCount')}/issue-count`, body: { count: 6 } }) },
  'POST /api/congresses/:congressId/sessions/:sessionId/votes/:voteId/void': { allow: COUNTERS, req: (x) => ({ path: `${vote(x, 'vCards')}/void`, body: { serial: x.fresh ? x.w.fresh.voidable() : x.r.ids.vCardsSerial } }) },
  'POST /api/congresses/:congressId/sessions/:sessionId/votes/:voteId/open': {
    allow: PRESIDIUM,
    req: async (x) => ({ path: x.fresh ? `${cg(x)}/sessions/${x.w.ids.session}/votes/${await x.w.fresh.voteWithCards()}/open` : `${vote(x, 'vCount')}/open`, body: {} }),
  },
  'POST /api/congresses/:congressId/sessions/:sessionId/votes/:voteId/close': {
    allow: PRESIDIUM,
    req: async (x) => ({ path: x.fresh ? `${cg(x)}/sessions/${x.w.ids.session}/votes/${await x.w.fresh.openedVote()}/close` : `${vote(x, 'vOpen')}/close` }),
  },
  'POST /api/congresses/:congressId/sessions/:sessionId/votes/:voteId/paper': {
    allow: COUNTERS, // two different counters: the first entry waits, the second agreeing one makes the ballot
    req: (x) => ({ path: `${vote(x, 'vPaper')}/paper`, body: { card: x.r.ids.paperSerial, marks: { [x.r.ids.c1]: 'for' } } }),
  },
  'GET /api/congresses/:congressId/sessions/:sessionId/votes/:voteId/paper': { allow: COUNTERS, req: (x) => ({ path: `${vote(x, 'vPaper')}/paper` }) },
  'POST /api/congresses/:congressId/sessions/:sessionId/votes/:voteId/paper/resolve': {
    allow: COUNTERS,
    req: (x) => ({ path: `${vote(x, 'vPaper')}/paper/resolve`, body: { serial: x.fresh ? x.w.fresh.mismatched() : x.r.ids.mismatchSerial, marks: { [x.r.ids.c1]: 'for' } } }),
  },

  // ---- hall tablets (no account: the signed card is the credential) ----
  'POST /api/public/ballot/open': { allow: EVERYONE, req: (x) => ({ path: '/api/public/ballot/open', body: { token: x.w.ids.vOpenToken } }) },
  'POST /api/public/ballot/by-serial': { allow: EVERYONE, req: (x) => ({ path: '/api/public/ballot/by-serial', body: { congressId: x.cid, serial: x.r.ids.vOpenSerial } }) },
  // The same card, marks and retry secret answer the same receipt: every caller casts the same ballot (as a tablet retrying).
  'POST /api/public/ballot/cast': { allow: EVERYONE, req: (x) => ({ path: '/api/public/ballot/cast', body: { token: x.w.ids.vOpenToken, marks: { [x.w.ids.c1]: 'for' }, retry: 'authorization-matrix-retry-secret' } }) },

  // ---- tally, sign-off, publication, follow-ups ----
  'GET /api/congresses/:congressId/sessions/:sessionId/votes/:voteId/tally': [
    { on: 'published', allow: MEMBERS, req: (x) => ({ path: `${vote(x, 'vPub')}/tally` }) },
    // Before publication only the scrutineers see a figure (or the ballots judged invalid).
    { on: 'prepared, not published', allow: MEMBERS, req: (x) => ({ path: `${vote(x, 'vSign')}/tally` }), hide: Object.fromEntries(MEMBERS.filter((w) => w !== 'scrutineer').map((w) => [w, () => ['"figures":{', '"invalidBallots":[']])) },
  ],
  // Preparing and signing need the scrutineer role itself, publishing the presidium role: not a system administrator.
  'POST /api/congresses/:congressId/sessions/:sessionId/votes/:voteId/tally': { allow: ['scrutineer'], req: (x) => ({ path: `${vote(x, 'vTally')}/tally` }) },
  'POST /api/congresses/:congressId/sessions/:sessionId/votes/:voteId/tally/signoff': { allow: ['scrutineer'], req: (x) => ({ path: `${vote(x, 'vSign')}/tally/signoff`, body: { chief: true, invalidChecked: true } }) },
  'POST /api/congresses/:congressId/sessions/:sessionId/votes/:voteId/tally/publish': { allow: ['presidium'], req: (x) => ({ path: `${vote(x, 'vReady')}/tally/publish` }) },
  'GET /api/congresses/:congressId/sessions/:sessionId/votes/:voteId/tally/report': [
    { on: 'published', allow: MEMBERS, req: (x) => ({ path: `${vote(x, 'vPub')}/tally/report` }) },
    { on: 'prepared, not published', allow: ['scrutineer'], refuse: ['result_not_published'], req: (x) => ({ path: `${vote(x, 'vSign')}/tally/report` }) },
  ],
  'POST /api/congresses/:congressId/sessions/:sessionId/votes/:voteId/runoff': { allow: CHAIR, ok: ['follow_up_exists'], req: (x) => ({ path: `${vote(x, 'vPub')}/runoff`, body: {} }) },
  'POST /api/congresses/:congressId/sessions/:sessionId/votes/:voteId/further': { allow: CHAIR, ok: ['further_not_possible', 'follow_up_exists'], req: (x) => ({ path: `${vote(x, 'vPub')}/further`, body: {} }) },
  'POST /api/congresses/:congressId/sessions/:sessionId/votes/:voteId/revote': { allow: CHAIR, ok: ['revote_not_void', 'follow_up_exists'], req: (x) => ({ path: `${vote(x, 'vPub')}/revote`, body: {} }) },
  'POST /api/congresses/:congressId/sessions/:sessionId/votes/:voteId/leave-unfilled': { allow: ['presidium'], ok: ['unfilled_none', 'unfilled_left', 'follow_up_exists'], req: (x) => ({ path: `${vote(x, 'vPub')}/leave-unfilled` }) },
  'POST /api/congresses/:congressId/sessions/:sessionId/votes/:voteId/reserve': { allow: [...DESK, 'presidium'], req: (x) => ({ path: `${vote(x, 'vPub')}/reserve`, body: { candidateIds: [x.r.ids.c4] } }) },

  // ---- public results and the big screen ----
  'GET /api/public/votes/:voteId/result': [
    { on: 'published', allow: EVERYONE, req: (x) => ({ path: `/api/public/votes/${x.w.ids.vPub}/result` }) },
    { on: 'prepared and signed, not yet published', allow: [], req: (x) => ({ path: `/api/public/votes/${x.w.ids.vSign}/result` }) },
  ],
  'GET /api/public/votes/:voteId/bulletin.json': [
    { on: 'published', allow: EVERYONE, req: (x) => ({ path: `/api/public/votes/${x.w.ids.vPub}/bulletin.json` }) },
    { on: 'prepared, not published', allow: [], req: (x) => ({ path: `/api/public/votes/${x.w.ids.vSign}/bulletin.json` }) },
  ],
  'GET /api/public/votes/:voteId/result.json': [
    { on: 'published', allow: EVERYONE, req: (x) => ({ path: `/api/public/votes/${x.w.ids.vPub}/result.json` }) },
    { on: 'prepared, not published', allow: [], req: (x) => ({ path: `/api/public/votes/${x.w.ids.vSign}/result.json` }) },
  ],
  'GET /api/public/congresses/:congressId/results': { allow: EVERYONE, req: (x) => ({ path: `/api/public/congresses/${x.cid}/results` }) },
  'POST /api/public/receipts/check': { allow: EVERYONE, req: (x) => ({ path: '/api/public/receipts/check', body: { congressId: x.cid, receipt: x.r.ids.receipt } }) },
  'GET /api/public/sessions/:sessionId/screen': { allow: EVERYONE, req: (x) => ({ path: `/api/public/sessions/${x.w.ids.session}/screen` }) },
  'GET /api/public/sessions/:sessionId/events': { allow: EVERYONE, req: (x) => ({ path: `/api/public/sessions/${x.w.ids.session}/events`, stream: true }) },

  // ---- the decision on the projects (a decision motion drafted from a published project vote) ----
  'POST /api/congresses/:congressId/votes/:voteId/decision': { allow: CHAIR, ok: ['decision_exists', 'decision_needs_published'], req: (x) => ({ path: `${cg(x)}/votes/${x.w.ids.vPub}/decision` }) },
  'GET /api/congresses/:congressId/decisions': { allow: MEMBERS, req: (x) => ({ path: `${cg(x)}/decisions` }) },
  // No decision of that id: who may read one is what is checked (the routes' own tests read real ones).
  'GET /api/congresses/:congressId/decisions/:motionId': { allow: MEMBERS, ok: ['decision_not_found'], req: (x) => ({ path: `${cg(x)}/decisions/${NO_DECISION}` }) },
  'GET /api/public/congresses/:congressId/decisions': { allow: EVERYONE, req: (x) => ({ path: `/api/public/congresses/${x.cid}/decisions` }) },
  'GET /api/public/congresses/:congressId/decisions/:motionId': { allow: EVERYONE, ok: ['decision_not_found'], req: (x) => ({ path: `/api/public/congresses/${x.cid}/decisions/${NO_DECISION}` }) },

  // ---- projects ----
  'GET /api/congresses/:congressId/projects': {
    allow: NOT_KEEPERS,
    req: (x) => ({ path: `${cg(x)}/projects?departmentId=${x.r.ids.d1}` }),
    hide: { department2: (w) => [w.ids.prA, w.ids.prC] },
  },
  'POST /api/congresses/:congressId/projects': {
    allow: STAFF,
    req: (x) => ({ path: `${cg(x)}/projects`, body: { year, title: uniq('饮水工程'), leadDepartmentId: x.r.ids.d1, plannedInvestment: '80', fundingSource: '县级财政', plannedCompletion: addDays(today, 100) } }),
  },
  'GET /api/congresses/:congressId/projects/report': { allow: NOT_KEEPERS, req: (x) => ({ path: `${cg(x)}/projects/report?year=${year}&period=end` }), hide: { department2: (w) => [w.ids.prA, w.ids.projectTitle] } },
  'GET /api/congresses/:congressId/projects/report.csv': { allow: NOT_KEEPERS, req: (x) => ({ path: `${cg(x)}/projects/report.csv?year=${year}&period=mid` }), hide: { department2: (w) => [w.ids.projectTitle] } },
  'GET /api/congresses/:congressId/projects/:projectId': [
    { on: "the department's project", allow: PROJECT_READERS, req: (x) => ({ path: project(x) }) },
    { on: "the other department's project", allow: OTHER_PROJECT_READERS, req: (x) => ({ path: project(x, x.w.ids.prB) }) },
  ],
  'PATCH /api/congresses/:congressId/projects/:projectId': { allow: STAFF, req: (x) => ({ path: project(x), body: { fundingSource: '县级财政', leadDepartmentId: x.r.ids.d1 } }) },
  'POST /api/congresses/:congressId/projects/:projectId/complete': {
    allow: PROJECT_EDITORS,
    req: async (x) => ({ path: `${project(x, x.fresh ? await x.w.fresh.project() : x.w.ids.prA)}/complete`, body: { completedOn: today } }),
  },
  'PUT /api/congresses/:congressId/projects/:projectId/plan': {
    allow: PROJECT_EDITORS,
    req: (x) => ({ path: `${project(x)}/plan`, body: { targets: '硬化道路 2 公里', deadline: addDays(today, 180), fundingArrangement: '县财政 80 万', annualTargets: [{ year, target: '完成路基' }] } }),
  },
  'POST /api/congresses/:congressId/projects/:projectId/milestones': { allow: PROJECT_EDITORS, req: (x) => ({ path: `${project(x)}/milestones`, body: { name: uniq('开工'), plannedDate: addDays(today, 20), weight: 10 } }) },
  'PATCH /api/congresses/:congressId/projects/:projectId/milestones/:milestoneId': [
    { allow: PROJECT_EDITORS, req: (x) => ({ path: `${project(x)}/milestones/${x.w.ids.mA}`, body: { note: '按计划推进' } }) },
    { on: "another project's milestone under this project", allow: [], req: (x) => ({ path: `${project(x)}/milestones/${x.w.ids.mB}`, body: { note: '按计划推进' } }) },
  ],
  'DELETE /api/congresses/:congressId/projects/:projectId/milestones/:milestoneId': {
    allow: PROJECT_EDITORS,
    req: async (x) => ({ path: `${project(x)}/milestones/${x.fresh ? await x.w.fresh.milestone() : x.w.ids.mA}` }),
  },
  'POST /api/congresses/:congressId/projects/:projectId/updates': { allow: PROJECT_EDITORS, req: (x) => ({ path: `${project(x)}/updates`, body: { summary: '路基完成', progressPercent: 40 } }) },
  'POST /api/congresses/:congressId/projects/:projectId/files': {
    allow: PROJECT_EDITORS,
    req: (x) => ({ path: `${project(x)}/files`, body: () => fileForm(PNG, 'progress.png', { caption: '进展', milestoneId: x.r.ids.mA }) }),
  },
  'GET /api/congresses/:congressId/projects/:projectId/files/:fileId': [
    { allow: PROJECT_READERS, req: (x) => ({ path: `${project(x)}/files/${x.w.ids.fDoc}` }) },
    { on: "another project's file under this project", allow: [], req: (x) => ({ path: `${project(x)}/files/${x.w.ids.fB}` }) },
  ],
  'DELETE /api/congresses/:congressId/projects/:projectId/files/:fileId': [
    { allow: PROJECT_EDITORS, req: async (x) => ({ path: `${project(x)}/files/${x.fresh ? await x.w.fresh.file() : x.w.ids.fA}` }) },
    { on: "another project's file under this project", allow: [], req: (x) => ({ path: `${project(x)}/files/${x.w.ids.fB}` }) },
  ],
  'POST /api/congresses/:congressId/projects/:projectId/changes': {
    allow: ['sysadmin', 'admin', 'government', 'department'],
    req: async (x) => ({ path: `${project(x, x.fresh ? await x.w.fresh.project() : x.w.ids.prA)}/changes`, body: { kind: 'suspension', reason: '资金未到位' } }),
  },
  'POST /api/congresses/:congressId/projects/:projectId/changes/:changeId/decide': [
    {
      allow: CHAIR,
      req: async (x) => {
        const { projectId, changeId } = x.fresh ? await x.w.fresh.pendingChange() : { projectId: x.w.ids.prC, changeId: x.w.ids.crA };
        return { path: `${project(x, projectId)}/changes/${changeId}/decide`, body: { approved: false, decidedBy: 'standing_committee', decisionDate: today, note: '资金已落实' } };
      },
    },
    {
      on: "another project's change under this project",
      allow: [],
      req: (x) => ({ path: `${project(x)}/changes/${x.w.ids.crA}/decide`, body: { approved: true, decidedBy: 'standing_committee', decisionDate: today } }),
    },
  ],

  // ---- inspections and findings ----
  'GET /api/congresses/:congressId/inspections': {
    allow: NOT_KEEPERS,
    req: (x) => ({ path: `${cg(x)}/inspections?projectId=${x.r.ids.prA}` }),
    hide: { department2: (w) => [w.ids.iA] },
  },
  'POST /api/congresses/:congressId/inspections': {
    allow: STAFF,
    req: (x) => ({ path: `${cg(x)}/inspections`, body: { projectId: x.r.ids.prA, date: today, title: uniq('视察'), attendeeIds: [x.r.ids.rep3] } }),
  },
  'GET /api/congresses/:congressId/inspections/:inspectionId': [
    { on: "of the department's project", allow: PROJECT_READERS, req: (x) => ({ path: `${cg(x)}/inspections/${x.w.ids.iA}` }) },
    { on: "of the other department's project", allow: OTHER_PROJECT_READERS, req: (x) => ({ path: `${cg(x)}/inspections/${x.w.ids.iB}` }) },
  ],
  'POST /api/congresses/:congressId/inspections/:inspectionId/findings': {
    allow: STAFF,
    req: (x) => ({ path: `${cg(x)}/inspections/${x.w.ids.iA}/findings`, body: { text: uniq('意见'), departmentId: x.r.ids.d1, answerDueOn: addDays(today, 15) } }),
  },
  'POST /api/congresses/:congressId/inspections/:inspectionId/files': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/inspections/${x.w.ids.iA}/files`, body: () => fileForm(PNG, 'visit.png') }) },
  'GET /api/congresses/:congressId/findings': { allow: NOT_KEEPERS, req: (x) => ({ path: `${cg(x)}/findings` }), hide: { department2: (w) => [w.ids.fdA, w.ids.fdAnswered] } },
  // Only the department the finding asks answers it: not staff, not a system administrator.
  'POST /api/congresses/:congressId/findings/:findingId/answer': [
    { on: 'asked of the department', allow: ['department'], req: (x) => ({ path: `${cg(x)}/findings/${x.w.ids.fdA}/answer`, body: { answer: '已整改到位' } }) },
    { on: 'asked of the other department', allow: ['department2'], req: (x) => ({ path: `${cg(x)}/findings/${x.w.ids.fdB}/answer`, body: { answer: '已修复' } }) },
  ],
  'POST /api/congresses/:congressId/findings/:findingId/review': {
    allow: STAFF,
    req: async (x) => ({ path: `${cg(x)}/findings/${x.fresh ? await x.w.fresh.answeredFinding() : x.w.ids.fdAnswered}/review`, body: { accept: true } }),
  },

  // ---- public progress pages ----
  'GET /api/public/congresses/:congressId/projects': { allow: EVERYONE, req: (x) => ({ path: `/api/public/congresses/${x.cid}/projects?year=${year}` }) },
  'GET /api/public/projects/:projectId': { allow: EVERYONE, req: (x) => ({ path: `/api/public/projects/${x.w.ids.prA}` }) },
  'GET /api/public/files/:fileId': [
    { on: 'a progress photo', allow: EVERYONE, req: (x) => ({ path: `/api/public/files/${x.w.ids.fA}` }) },
    { on: 'a document (never public)', allow: [], req: (x) => ({ path: `/api/public/files/${x.w.ids.fDoc}` }) },
    { on: 'an inspection photo (never public)', allow: [], req: (x) => ({ path: `/api/public/files/${x.w.ids.inspectionPhoto}` }) },
  ],

  // ---- evaluation ----
  'GET /api/congresses/:congressId/evaluation/rounds': {
    allow: MEMBERS,
    req: (x) => ({ path: `${cg(x)}/evaluation/rounds` }),
    hide: { department: (w) => [w.ids.rDraft, w.ids.rOpen, w.ids.rClosed], department2: (w) => [w.ids.rDraft, w.ids.rOpen, w.ids.rClosed] },
  },
  'POST /api/congresses/:congressId/evaluation/rounds': {
    allow: STAFF,
    req: (x) => ({ path: `${cg(x)}/evaluation/rounds`, body: { year, title: uniq('测评'), audiences: ['residents'], projectIds: [x.r.ids.prA] } }),
  },
  'GET /api/congresses/:congressId/evaluation/rounds/:roundId': [
    { on: 'a draft', allow: ROUND_READERS, req: (x) => ({ path: round(x, 'rDraft') }) },
    { on: 'published', allow: MEMBERS, req: (x) => ({ path: round(x, 'rPub') }) },
  ],
  'PATCH /api/congresses/:congressId/evaluation/rounds/:roundId': { allow: STAFF, req: (x) => ({ path: round(x, 'rDraft'), body: { title: '年度民生实事项目满意度测评' } }) },
  'POST /api/congresses/:congressId/evaluation/rounds/:roundId/open': {
    allow: STAFF,
    req: async (x) => ({ path: x.fresh ? `${cg(x)}/evaluation/rounds/${await x.w.fresh.round()}/open` : `${round(x, 'rDraft')}/open` }),
  },
  'POST /api/congresses/:congressId/evaluation/rounds/:roundId/close': {
    allow: STAFF,
    req: async (x) => ({ path: x.fresh ? `${cg(x)}/evaluation/rounds/${await x.w.fresh.openRound()}/close` : `${round(x, 'rOpen')}/close` }),
  },
  'POST /api/congresses/:congressId/evaluation/rounds/:roundId/publish': {
    allow: STAFF,
    req: async (x) => ({ path: x.fresh ? `${cg(x)}/evaluation/rounds/${await x.w.fresh.closedRound()}/publish` : `${round(x, 'rClosed')}/publish` }),
  },
  'POST /api/congresses/:congressId/evaluation/rounds/:roundId/codes': { allow: STAFF, req: (x) => ({ path: `${round(x, 'rOpen')}/codes`, body: { audience: 'residents', count: 1 } }) },
  'GET /api/congresses/:congressId/evaluation/rounds/:roundId/codes': { allow: STAFF, req: (x) => ({ path: `${round(x, 'rDraft')}/codes?audience=residents` }) },
  'POST /api/congresses/:congressId/evaluation/rounds/:roundId/issued': { allow: STAFF, req: (x) => ({ path: `${round(x, 'rOpen')}/issued`, body: { audience: 'residents', count: 14 } }) },
  // Only a representative signed in with the delegate card receives a code.
  'POST /api/congresses/:congressId/evaluation/rounds/:roundId/my-code': { allow: ['representative'], req: (x) => ({ path: `${round(x, 'rOpen')}/my-code` }) },
  'GET /api/congresses/:congressId/evaluation/rounds/:roundId/results': [
    { on: 'published', allow: MEMBERS, req: (x) => ({ path: `${round(x, 'rPub')}/results` }) },
    // Closed, not yet published: staff only (the others are told it is not published; a department does not see it).
    { on: 'closed', allow: STAFF, refuse: ['round_not_published'], req: (x) => ({ path: `${round(x, 'rClosed')}/results` }) },
  ],
  'GET /api/congresses/:congressId/evaluation/rounds/:roundId/results.csv': [
    { on: 'published', allow: MEMBERS, req: (x) => ({ path: `${round(x, 'rPub')}/results.csv` }) },
    { on: 'closed', allow: STAFF, refuse: ['round_not_published'], req: (x) => ({ path: `${round(x, 'rClosed')}/results.csv` }) },
  ],
  'GET /api/congresses/:congressId/evaluation/rounds/:roundId/comments': [
    {
      on: 'published',
      allow: MEMBERS,
      req: (x) => ({ path: `${round(x, 'rPub')}/comments` }),
      // A department reads the comments on itself only.
      hide: { department: (w) => [w.ids.projectComment], department2: (w) => [w.ids.projectComment, w.ids.departmentComment] },
    },
    { on: 'closed', allow: STAFF, refuse: ['round_not_published'], req: (x) => ({ path: `${round(x, 'rClosed')}/comments` }) },
  ],
  'POST /api/congresses/:congressId/evaluation/rounds/:roundId/reevaluate': { allow: STAFF, ok: ['reevaluation_exists'], req: (x) => ({ path: `${round(x, 'rPub')}/reevaluate`, body: {} }) },
  'GET /api/congresses/:congressId/evaluation/league': { allow: MEMBERS, req: (x) => ({ path: `${cg(x)}/evaluation/league` }) },
  'GET /api/congresses/:congressId/evaluation/officials': { allow: MEMBERS, req: (x) => ({ path: `${cg(x)}/evaluation/officials` }) },
  'POST /api/congresses/:congressId/evaluation/officials': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/evaluation/officials`, body: { name: uniq('局长'), post: '局长', departmentId: x.r.ids.d1 } }) },
  'PATCH /api/congresses/:congressId/evaluation/officials/:officialId': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/evaluation/officials/${x.w.ids.official}`, body: { post: '局长' } }) },
  'POST /api/congresses/:congressId/evaluation/officials/:officialId/archive': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/evaluation/officials/${x.w.ids.official}/archive` }) },
  'GET /api/congresses/:congressId/evaluation/inquiries': { allow: MEMBERS, req: (x) => ({ path: `${cg(x)}/evaluation/inquiries` }) },
  'POST /api/congresses/:congressId/evaluation/inquiries': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/evaluation/inquiries`, body: { title: uniq('专题询问'), heldOn: today, departmentIds: [x.r.ids.d1] } }) },
  'PATCH /api/congresses/:congressId/evaluation/inquiries/:inquiryId': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/evaluation/inquiries/${x.w.ids.inquiry}`, body: { title: '专题询问' } }) },
  'POST /api/congresses/:congressId/evaluation/inquiries/:inquiryId/archive': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/evaluation/inquiries/${x.w.ids.inquiry}/archive` }) },
  'GET /api/congresses/:congressId/rectifications': { allow: MEMBERS, req: (x) => ({ path: `${cg(x)}/rectifications` }), hide: { department2: (w) => [w.ids.rect1, w.ids.rect2] } },
  // Only the department the rectification is for files its report.
  'POST /api/congresses/:congressId/rectifications/:rectificationId/report': { allow: ['department'], req: (x) => ({ path: `${cg(x)}/rectifications/${x.w.ids.rect1}/report`, body: { report: '已完成整改' } }) },
  'POST /api/congresses/:congressId/rectifications/:rectificationId/review': {
    allow: STAFF,
    req: async (x) => {
      // The department files (again) first, so that every allowed caller has a report to review.
      if (x.fresh) await must(x.w.c.department.post(`/api/congresses/${x.w.id}/rectifications/${x.w.ids.rect2}/report`, { report: '整改报告' }));
      return { path: `${cg(x)}/rectifications/${x.w.ids.rect2}/review`, body: { accept: false, note: '请补充照片' } };
    },
  },
  'POST /api/congresses/:congressId/rectifications/:rectificationId/deadline': { allow: STAFF, req: (x) => ({ path: `${cg(x)}/rectifications/${x.w.ids.rect1}/deadline`, body: { deadline: addDays(today, 40) } }) },

  // ---- answering an evaluation (no account: the one-time code is the credential) ----
  'POST /api/public/evaluation/open': [
    { on: 'a QR code', allow: EVERYONE, req: (x) => ({ path: '/api/public/evaluation/open', body: { token: x.w.ids.slipToken } }) },
    { on: 'a typed serial', allow: EVERYONE, req: (x) => ({ path: '/api/public/evaluation/open', body: { congressId: x.cid, serial: x.r.ids.slipSerial } }) },
  ],
  // 会场测评 with the delegate card: only a voting tablet of the round's session (its own credential; tests/evaluation/hall.test.ts).
  'POST /api/public/evaluation/hall-card': { allow: [], req: (x) => ({ path: '/api/public/evaluation/hall-card', body: { roundId: x.w.ids.rOpen, card: `${'x'.repeat(20)}.${'y'.repeat(20)}.${'z'.repeat(20)}` } }) },
  'POST /api/public/evaluation/submit': {
    allow: EVERYONE,
    req: async (x) => {
      const token = x.fresh ? x.w.fresh.slip() : x.w.ids.slipToken;
      const q = await must(new Client(t).post('/api/public/evaluation/open', { token }));
      const answers = q.targets.flatMap((tg: { kind: 'project' | 'department'; id: string }) => q.round.items[tg.kind].map((i: { id: string }) => ({ targetKind: tg.kind, targetId: tg.id, itemId: i.id, answer: 'satisfied' })));
      return { path: '/api/public/evaluation/submit', body: { token, answers } };
    },
  },
  // The stages that keep their rows beside their own tests.
  ...(Object.assign({}, ...STAGE_PARTS.map((p) => p.table)) as Record<string, StageSpec | StageSpec[]> as unknown as Record<string, Spec | Spec[]>),
};

// ---------------------------------------------------------------------------------------------------------------
// Running a route through the matrix
// ---------------------------------------------------------------------------------------------------------------

const stats = { routes: 0, variants: 0, requests: 0, allowed: 0, refused: 0, otherCongress: 0, foreignObjects: 0 };

function clone(c: Client): Client {
  const k = new Client(t, c.lang);
  k.cookie = c.cookie;
  k.csrf = c.csrf;
  k.token = c.token;
  return k;
}

async function send(method: string, who: Who, call: Call): Promise<Res> {
  stats.requests++;
  const cl = call.as ?? clone(clientOf(who));
  if (call.stream) {
    const headers: Record<string, string> = { 'x-forwarded-for': cl.ip };
    if (cl.cookie) headers.cookie = cl.cookie;
    const res = await t.app.request(call.path, { method, headers });
    let body: unknown = null;
    let text = '';
    if ((res.headers.get('content-type') ?? '').includes('json')) {
      text = await res.text();
      body = JSON.parse(text);
    } else await res.body?.cancel();
    return { status: res.status, body, headers: res.headers, text };
  }
  const body = typeof call.body === 'function' ? (call.body as () => unknown)() : call.body;
  return cl.request(method, call.path, body);
}

const patternRe = (pattern: string) => new RegExp(`^${pattern.replace(/:[A-Za-z]+/g, '[^/]+').replace(/\./g, '\\.')}$`);
const errorShaped = (r: Res) => typeof r.body?.error?.code === 'string' && typeof r.body.error.message === 'string';
const codeOf = (r: Res) => (r.body?.error?.code as string | undefined) ?? '-';
const show = (r: Res) => `${r.status} ${codeOf(r)}`;
const containsAny = (text: string, needles: Iterable<string>) => [...needles].filter((n) => n && text.includes(n));

/**
 * A digest of every table (tests/helpers/digest.ts): refused calls must leave it unchanged. Left out: a session's
 * last-seen time (of a session, only its id and revocation are digested), and the counters of the rate limits (a refused guess at a serial
 * still counts against the address).
 */
const digestOf = digester({ exclude: ['rate_limits'], only: { sessions: ['id', 'revoked_at'] } });
const digest = () => digestOf(t.database);

type Cell = { label: string; who: Who; kind: 'refused' | 'other congress' | 'foreign objects'; call: Call };

async function runRoute(key: string, spec: Spec) {
  const [method, pattern] = key.split(' ');
  const congressRoute = pattern.includes(':congressId');
  const publicRoute = isPublicRoute(key);
  const problems: string[] = [];
  const mine = (x: Omit<X, 'fresh'>, fresh = false): X => ({ ...x, fresh });
  const main = (who: Who, fresh: boolean) => mine({ w: A, r: A, cid: A.id, who }, fresh);
  stats.variants++;

  // 1. Every call that must be refused, built first (building may create objects), then sent between two digests.
  const cells: Cell[] = [];
  for (const who of WHO.filter((w) => !spec.allow.includes(w))) cells.push({ label: who, who, kind: 'refused', call: await spec.req(main(who, false)) });
  if (congressRoute && !pattern.startsWith('/api/public/'))
    for (const who of HOLDERS) cells.push({ label: `${who} of A on B`, who, kind: 'other congress', call: await spec.req(mine({ w: B, r: B, cid: B.id, who })) });
  for (const who of spec.allow) {
    const seen = new Set<string>();
    for (const [name, x] of [
      ['B in the path', mine({ w: B, r: A, cid: A.id, who })],
      ['B in the body', mine({ w: A, r: B, cid: A.id, who })],
    ] as const) {
      const call = await spec.req(x);
      const text = `${call.path} ${typeof call.body === 'function' ? '' : JSON.stringify(call.body ?? '')}`;
      // Only when the request names the congress A and some object of B, and differs from the ones already made.
      if (!(text.includes(A.id) && containsAny(text, B.refs).length) || seen.has(text)) continue;
      seen.add(text);
      cells.push({ label: `${who}, ${name}`, who, kind: 'foreign objects', call });
    }
  }
  const before = await digest();
  for (const cell of cells) {
    expect(patternRe(pattern).test(cell.call.path.split('?')[0]), `${key}: built ${cell.call.path}`).toBe(true);
    const res = await send(method, cell.who, cell.call);
    if (res.status >= 500) problems.push(`${cell.label}: ${show(res)} (server error)`);
    else if (cell.kind === 'foreign objects') {
      stats.foreignObjects++;
      const read = method === 'GET' || (pattern.startsWith('/api/public/') && /\/(check|open|by-serial)$/.test(pattern));
      if (res.status < 300 && !read) problems.push(`${cell.label}: ${show(res)} — reached another congress's object`);
      else if (res.status < 300) {
        const leaked = containsAny(res.text, B.objectIds);
        if (leaked.length) problems.push(`${cell.label}: ${show(res)} — shows B's ${leaked.join(', ')}`);
      } else if (!errorShaped(res)) problems.push(`${cell.label}: ${res.status} without the JSON error shape`);
    } else {
      if (cell.kind === 'other congress') stats.otherCongress++;
      else stats.refused++;
      const refusedCodes = spec.refuse ?? [];
      // Signed out, a route that is not public answers 401 before anything else; a public one refuses like for anyone.
      const ok =
        cell.who === 'public' && !publicRoute
          ? res.status === 401 && codeOf(res) === 'unauthenticated'
          : res.status === 403 || res.status === 404 || (res.status < 500 && refusedCodes.includes(codeOf(res)));
      if (!ok) problems.push(`${cell.label}: ${show(res)} — expected ${cell.who === 'public' && !publicRoute ? '401' : '403/404'}`);
      else if (!errorShaped(res)) problems.push(`${cell.label}: ${res.status} without the JSON error shape`);
    }
  }
  const after = await digest();
  const changed = [...before].filter(([k, v]) => after.get(k) !== v).map(([k]) => k);
  if (changed.length) problems.push(`refused calls changed the database: ${changed.join(', ')}`);

  // 2. Every allowed caller, one after the other, each on a fresh object where the route uses one up.
  for (const who of spec.allow) {
    stats.allowed++;
    const call = await spec.req(main(who, true));
    expect(patternRe(pattern).test(call.path.split('?')[0]), `${key}: built ${call.path}`).toBe(true);
    const res = await send(method, who, call);
    // AUTHZ_DEBUG=1 prints what every allowed call answered.
    if (process.env.AUTHZ_DEBUG) console.log(`${key}${spec.on ? ` [${spec.on}]` : ''} ${who}: ${show(res)}`);
    if (res.status >= 400 && !(res.status < 500 && (spec.ok ?? []).includes(codeOf(res)))) {
      problems.push(`${who} (allowed): ${show(res)} ${res.status < 500 ? (res.body?.error?.message ?? '') : ''}`);
      continue;
    }
    const hidden = spec.hide?.[who]?.(A) ?? [];
    const shown = containsAny(res.text, hidden);
    if (shown.length) problems.push(`${who} (allowed): shows what it may not see: ${shown.join(', ')}`);
    if (congressRoute) {
      const leaked = containsAny(res.text, B.objectIds);
      if (leaked.length) problems.push(`${who} (allowed): shows congress B's ${leaked.join(', ')}`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------------------------

beforeAll(async () => {
  // hall() signs in (or sets up) the first administrator; a second system administrator holds no congress role.
  const root = await setupAdmin(t);
  sysUsername = uniq('sys');
  await must(root.post('/api/accounts', { username: sysUsername, displayName: '系统管理员', password: PASSWORD, systemAdmin: true }));
  sys = new Client(t);
  await sys.login(sysUsername, PASSWORD);
  A = await buildWorld('A');
  B = await buildWorld('B');
}, 120_000);

afterAll(() => {
  const cells = Object.values(TABLE).flat().length * WHO.length;
  console.log(
    `authorization matrix: ${stats.routes} routes, ${stats.variants} route variants × ${WHO.length} callers = ${cells} cells; ` +
      `${stats.allowed} allowed and ${stats.refused} refused calls, ${stats.otherCongress} from the other congress, ${stats.foreignObjects} on foreign objects; ${stats.requests} requests`,
  );
});

const CONTRACT_OF = new Map(CONTRACTS.map((c) => [routeKey(c), c]));

/** The routes of the app as `METHOD /path`, from Hono's own list (middleware `ALL` entries left out). */
function appRoutes(): string[] {
  const app = createApp({ deps: {} as Deps });
  return [...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))].sort();
}

describe('the authorization matrix', () => {
  it('names every contract and every route of the app, and nothing else', () => {
    const routes = appRoutes();
    const table = Object.keys(TABLE).sort();
    expect(routes.filter((r) => !table.includes(r)), 'routes missing from TABLE').toEqual([]);
    expect(table.filter((r) => !routes.includes(r)), 'TABLE entries that are not routes').toEqual([]);
    expect(table.filter((r) => !CONTRACT_OF.has(r) && !OUTSIDE_API.has(r)), 'TABLE entries with no contract').toEqual([]);
    expect([...CONTRACT_OF.keys()].filter((k) => !table.includes(k)), 'contracts missing from TABLE').toEqual([]);
    expect(routes.length).toBeGreaterThan(150);
  });

  it('calls as every role there is', () => {
    expect([...new Set(HOLDERS.map(roleOf))].sort()).toEqual([...ROLES].sort());
  });

  for (const [key, specs] of Object.entries(TABLE)) {
    it(key, async () => {
      stats.routes++;
      const problems: string[] = [];
      for (const spec of [specs].flat()) problems.push(...(await runRoute(key, spec)).map((p) => (spec.on ? `[${spec.on}] ${p}` : p)));
      expect(problems).toEqual([]);
    });
  }

  it("no account can end another account's session", async () => {
    const victim = new Client(t);
    await victim.login(A.usernames.spare, PASSWORD);
    const id = sha256(victim.token);
    const before = await digest();
    for (const who of SIGNED_IN) {
      const res = await send('DELETE', who, { path: `/api/auth/sessions/${id}` });
      expect(show(res), who).toBe('404 session_not_found');
    }
    expect(await digest()).toEqual(before);
    expect((await victim.get('/api/auth/me')).status).toBe(200);
  });
});
