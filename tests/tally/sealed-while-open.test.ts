/**
 * No running results (design §4 secrecy, §5, §7 back-to-back): while a vote is open only the count of ballots cast is
 * shown or served; after the close and before publication per-candidate figures go to the scrutineers only (on the
 * sign-off screen, once the tally is prepared); while an evaluation round is open nobody sees any figure or comment,
 * after its close only staff do. Receipts are listed by nobody before publication.
 *
 * Every caller — a system administrator, each congress role (staff, government office, presidium, both scrutineers,
 * a representative with a password and one signed in with the delegate card, a department), a resident with no
 * account and a hall tablet holding a cast card — calls every route that could carry a figure: the route list is taken
 * from the app itself and filtered by path (tally, report, result, bulletin, receipt, screen, events, export, votes,
 * rounds, comments, league, audit…), so a new route of that kind is called too; a route whose address the test cannot
 * fill fails the test.
 *
 * What counts as a leak (any response, refusals included): a receipt; a mark or a per-candidate figure (the words
 * for/against/abstain, a candidate id as a key, the set of per-candidate figures of this vote as numbers, a non-null
 * `figures`, `invalidBallots`, `totals` or screen `result`); an evaluation figure (an answer or a grade,
 * counts, rates, scores) or a comment's text. And while open, the same sweep before and after more ballots and
 * answers: nothing in any response may change but the counts of ballots cast and answers given.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Deps } from '../../server/lib/env.ts';
import { shanghaiYear } from '../../shared/time.ts';
import { Client, useTestApp } from '../helpers/app.ts';
import { hall, type Hall, marksOf, secretOf } from './helpers.ts';

const t = useTestApp();
const year = shanghaiYear();

/** 13 ballots over 4 candidates, 2 seats (at most 2 for): for 11/9/3/0, against 0/0/6/8; the last one is invalid. */
const BALLOTS = [...Array.from({ length: 9 }, (_, i) => `FF${i < 6 ? 'A' : '-'}${i < 8 ? 'A' : '-'}`), 'F-F-', 'F-F-', '--F-', 'FFF-'];
/** The figures as they would leak: present together as numbers in one response, they are this vote's tally. */
const SIGNATURE = [11, 9, 6, 8];
const FIRST = 6; // ballots (and answers: 3) cast before the first sweep while open; the rest before the second

type Caller = 'sysadmin' | 'admin' | 'government' | 'presidium' | 'scrutineer' | 'scrutineer2' | 'representative' | 'representativeCard' | 'department' | 'resident' | 'tablet';
const CALLERS: Caller[] = ['sysadmin', 'admin', 'government', 'presidium', 'scrutineer', 'scrutineer2', 'representative', 'representativeCard', 'department', 'resident', 'tablet'];
const SCRUTINEERS: Caller[] = ['scrutineer', 'scrutineer2'];
/** Staff: may read an evaluation round's figures and comments once it is closed. */
const STAFF: Caller[] = ['sysadmin', 'admin'];
const MEMBERS: Caller[] = CALLERS.filter((c) => c !== 'resident' && c !== 'tablet');

/** Read-only routes that take a body (a receipt, a card, a code): called like the reads. */
const READ_POSTS = new Set(['POST /api/public/receipts/check', 'POST /api/public/ballot/open', 'POST /api/public/ballot/by-serial', 'POST /api/public/evaluation/open', 'POST /api/audit/verify']);
/** The figure-bearing routes, by path. */
const SELECT = /\/(tally|report|results?|bulletin|receipts|screen|events|league|comments|audit|export)(\/|\.|$)|\.csv$|\/votes|\/rounds|\/congresses\/:congressId(\/sessions|$)|\/ballot\/|\/evaluation\/open/;
/** Actions of the tally stage (and its follow-ups): while the vote is open every caller must be refused them. */
const TALLY_ACTIONS = /\/votes\/:voteId\/(tally|tally\/signoff|tally\/publish|runoff|further|revote|reserve)$/;
/** Routes the filter must find (a rename that lost one fails the first test). */
const MUST = [
  'GET /api/congresses/:congressId/sessions/:sessionId/votes/:voteId/tally',
  'GET /api/congresses/:congressId/sessions/:sessionId/votes/:voteId/tally/report',
  'GET /api/congresses/:congressId/sessions/:sessionId/votes/:voteId',
  'GET /api/congresses/:congressId/sessions/:sessionId/votes',
  'GET /api/public/votes/:voteId/result',
  'GET /api/public/votes/:voteId/result.json',
  'GET /api/public/votes/:voteId/bulletin.json',
  'GET /api/public/congresses/:congressId/results',
  'GET /api/public/sessions/:sessionId/screen',
  'GET /api/public/sessions/:sessionId/events',
  'POST /api/public/receipts/check',
  'POST /api/public/ballot/open',
  'POST /api/public/ballot/by-serial',
  'GET /api/congresses/:congressId/evaluation/rounds/:roundId',
  'GET /api/congresses/:congressId/evaluation/rounds/:roundId/results',
  'GET /api/congresses/:congressId/evaluation/rounds/:roundId/results.csv',
  'GET /api/congresses/:congressId/evaluation/rounds/:roundId/comments',
  'GET /api/congresses/:congressId/evaluation/league',
  'GET /api/congresses/:congressId/audit',
  'GET /api/congresses/:congressId/candidates/export.csv',
  'POST /api/congresses/:congressId/sessions/:sessionId/votes/:voteId/tally',
  'POST /api/congresses/:congressId/sessions/:sessionId/votes/:voteId/tally/signoff',
  'POST /api/congresses/:congressId/sessions/:sessionId/votes/:voteId/tally/publish',
];
/** At least this many routes pass the filter today (reads and tally actions). */
const AT_LEAST = 44;

function appRoutes(): string[] {
  const app = createApp({ deps: {} as Deps });
  return [...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))].sort();
}
const ROUTES = appRoutes();
const READS = ROUTES.filter((r) => {
  const [method, path] = r.split(' ');
  return (method === 'GET' && SELECT.test(path)) || READ_POSTS.has(r);
});
const ACTIONS = ROUTES.filter((r) => r.startsWith('POST ') && TALLY_ACTIONS.test(r.split(' ')[1]));

// ---------------------------------------------------------------------------------------------------------------

let h: Hall;
let clients: Record<Caller, Client>;
let path: string;
let voteId: string;
let roundId: string;
let cards: { serial: string; token: string }[];
let slips: string[];
let answersOf: (answer: string) => { targetKind: string; targetId: string; itemId: string; answer: string }[];
const receipts: string[] = [];
const comments: string[] = [];
const COMMENT = `密评${Math.random().toString(36).slice(2, 10)}`;

type Res = { status: number; text: string; body: unknown };

/** The first `screen` event of the big screen's stream (or the refusal), then the stream is dropped. */
async function firstEvent(c: Client, url: string): Promise<Res> {
  const headers: Record<string, string> = { 'x-forwarded-for': c.ip };
  if (c.cookie) headers.cookie = c.cookie;
  const res = await t.app.request(url, { headers });
  if (!(res.headers.get('content-type') ?? '').includes('text/event-stream')) {
    const text = await res.text();
    return { status: res.status, text, body: JSON.parse(text) };
  }
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  for (;;) {
    const cut = buf.indexOf('\n\n');
    if (cut >= 0) {
      const block = buf.slice(0, cut);
      buf = buf.slice(cut + 2);
      if (/^event: screen$/m.test(block)) {
        await reader.cancel();
        const text = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
        return { status: res.status, text, body: JSON.parse(text) };
      }
      continue;
    }
    const { value, done } = await reader.read();
    if (done) throw new Error(`${url}: the stream ended before a screen event`);
    buf += decoder.decode(value, { stream: true });
  }
}

/** The query a route needs besides its address. */
const QUERY: Record<string, string> = { 'GET /api/congresses/:congressId/evaluation/rounds/:roundId/codes': '?audience=residents' };

/** The address with its parameters filled; a parameter the test does not know fails the test. */
function address(route: string): string {
  const values: Record<string, string> = { congressId: h.congressId, sessionId: h.sessionId, voteId, roundId, listId: h.listId };
  const filled = route.split(' ')[1].replace(/:(\w+)/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`${route}: no value for :${name} — say here what this route needs`);
    return values[name];
  });
  return filled + (QUERY[route] ?? '');
}

/** The body of a read that takes one: the tablet holds a cast card, everyone else an unused one. */
function bodyOf(route: string, who: Caller): unknown {
  const card = who === 'tablet' ? cards[0] : cards[cards.length - 1];
  switch (route.split(' ')[1]) {
    case '/api/public/receipts/check':
      return { receipt: receipts[0], voteId };
    case '/api/public/ballot/open':
      return { token: card.token, voteId };
    case '/api/public/ballot/by-serial':
      return { congressId: h.congressId, serial: card.serial, voteId };
    case '/api/public/evaluation/open':
      return { token: who === 'tablet' ? slips[0] : slips[slips.length - 1] };
    case '/api/congresses/:congressId/sessions/:sessionId/votes/:voteId/tally/signoff':
      return { chief: true, invalidChecked: true };
    case '/api/congresses/:congressId/sessions/:sessionId/votes/:voteId/reserve':
      return { candidateIds: [h.candidateIds[3]] };
    default:
      return {};
  }
}

async function call(route: string, who: Caller): Promise<Res> {
  const c = clients[who];
  const url = address(route);
  if (route === 'GET /api/public/sessions/:sessionId/events') return firstEvent(c, url);
  const res = route.startsWith('GET ') ? await c.get(url) : await c.post(url, bodyOf(route, who));
  return { status: res.status, text: res.text, body: res.body };
}

/** Every (route, caller) answer of one sweep. */
type Sweep = Map<string, Res>;
async function sweep(routes: string[]): Promise<Sweep> {
  const out: Sweep = new Map();
  // The callers of one route at the same time (each has an address of its own); one route after another.
  for (const route of routes) {
    const answers = await Promise.all(CALLERS.map((who) => call(route, who)));
    CALLERS.forEach((who, i) => out.set(`${route} ← ${who}`, answers[i]));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// What counts as a leak
// ---------------------------------------------------------------------------------------------------------------

function leaves(x: unknown, path: string[] = [], out: [string[], unknown][] = []): [string[], unknown][] {
  if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) leaves(v, [...path, k], out);
  else out.push([path, x]);
  return out;
}
function objects(x: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (x && typeof x === 'object') {
    if (!Array.isArray(x)) out.push(x as Record<string, unknown>);
    for (const v of Object.values(x)) objects(v, out);
  }
  return out;
}
/** Numbers that count nothing: an audit entry's sequence number, a position in a list, a year, a term. */
const ORDINALS = new Set(['seq', 'position', 'year', 'term']);
/** Numbers in a response: JSON numbers (not ordinals), or whole cells of a CSV. */
function numbersIn(r: Res): Set<number> {
  if (typeof r.body === 'string') return new Set(r.text.split(/[\n,]/).map((s) => s.trim().replace(/^"|"$/g, '')).filter((s) => /^\d+$/.test(s)).map(Number));
  return new Set(leaves(r.body).flatMap(([p, v]) => (typeof v === 'number' && !ORDINALS.has(p.at(-1)!) ? [v] : [])));
}
const present = (v: unknown) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0);

/** What of the vote's ballots shows in this answer, beyond the number cast. */
function voteLeaks(r: Res, opts: { totals?: boolean } = {}): string[] {
  const out: string[] = [];
  for (const x of receipts) if (r.text.includes(x)) out.push(`receipt ${x}`);
  if (/"(for|against|abstain)"/.test(r.text)) out.push('the word for/against/abstain (a mark or a per-candidate figure)');
  for (const id of h.candidateIds) if (r.text.includes(`"${id}":`)) out.push(`candidate ${id} as a key (marks by candidate)`);
  if (SIGNATURE.every((n) => numbersIn(r).has(n))) out.push(`the per-candidate figures ${SIGNATURE.join(', ')}`);
  for (const o of objects(r.body)) {
    for (const k of ['figures', 'invalidBallots', 'elected', 'tied']) if (present(o[k])) out.push(`${k}: ${JSON.stringify(o[k]).slice(0, 80)}`);
    for (const k of ['ballots', 'receipts']) if (Array.isArray(o[k]) && o[k].length) out.push(`a list of ${k}`); // (a digest of them is a string)
    if ('votes' in o && Array.isArray(o.votes)) for (const sv of o.votes as Record<string, unknown>[]) if (present(sv?.result)) out.push('a screen result');
    if (!opts.totals && present(o.totals)) out.push(`totals: ${JSON.stringify(o.totals)}`);
    if (!opts.totals) for (const k of ['valid', 'invalid']) if (typeof o[k] === 'number') out.push(`${k}: ${o[k]}`);
  }
  return out;
}

/** What of the round's answers shows in this answer, beyond the number answered. */
function roundLeaks(r: Res): string[] {
  const out: string[] = [];
  if (r.text.includes(COMMENT)) out.push('a comment');
  // (as a value: an answer, or a grade; as keys the words also name the settings' option weights)
  if (/:\s*"(satisfied|basic|dissatisfied)"/.test(r.text)) out.push('an answer or a grade (satisfied/basic/dissatisfied)');
  for (const o of objects(r.body)) for (const k of ['counts', 'rates', 'grade', 'score', 'weightedScore', 'overall', 'averageOverall', 'averageScore', 'comments']) if (present(o[k])) out.push(`${k}: ${JSON.stringify(o[k]).slice(0, 80)}`);
  // A grade as a cell, or a rate (a title such as 「满意度测评」 in the audit log's CSV is neither).
  if (typeof r.body === 'string' && /满意率|(^|,)"?(满意|基本满意|不满意)"?(,|\r?$)/m.test(r.text)) out.push('an evaluation figure in a CSV');
  return out;
}

/** Every (route, caller) that shows more than `allowed` lets it. */
function problems(s: Sweep, allowed: (route: string, who: Caller) => { vote?: boolean; totals?: boolean; round?: boolean } = () => ({})): string[] {
  const out: string[] = [];
  for (const [key, answer] of s) {
    const [route, who] = key.split(' ← ') as [string, Caller];
    // The receipt check says back the receipt it was asked about: that one is the caller's own.
    const r = route === 'POST /api/public/receipts/check' ? { ...answer, text: answer.text.replace(`"receipt":"${receipts[0]}"`, '') } : answer;
    if (r.status >= 500) out.push(`${key}: ${r.status} ${r.text.slice(0, 200)}`);
    const a = allowed(route, who);
    if (!a.vote) for (const p of voteLeaks(r, { totals: a.totals })) out.push(`${key}: ${r.status} shows ${p}`);
    if (!a.round) for (const p of roundLeaks(r)) out.push(`${key}: ${r.status} shows ${p}`);
  }
  return out;
}

const at = (s: Sweep, route: string, who: Caller) => {
  const r = s.get(`${route} ← ${who}`);
  if (!r) throw new Error(`not swept: ${route} ← ${who}`);
  return r as Res & { body: any };
};
const V = 'GET /api/congresses/:congressId/sessions/:sessionId/votes/:voteId';
const R = 'GET /api/congresses/:congressId/evaluation/rounds/:roundId';

// ---------------------------------------------------------------------------------------------------------------

beforeAll(async () => {
  h = await hall(t, { seated: 12 });
  const base = h.base;
  // A representative signed in with the delegate card; a resident and a hall tablet with no account.
  const rep = ((await h.admin.get(`${base}/representatives`)).body as { id: string }[])[0];
  const delegate = ((await h.admin.get(`${base}/roster/cards?ids=${rep.id}`)).body.cards as { url: string }[])[0];
  const representativeCard = new Client(t);
  expect((await representativeCard.post('/api/auth/card-login', { token: delegate.url.split('#')[1] })).status).toBe(200);
  clients = { ...h.roles, sysadmin: h.admin, representativeCard, resident: new Client(t), tablet: new Client(t) };

  const v = await h.roles.presidium.post(`${base}/sessions/${h.sessionId}/votes`, { listId: h.listId, title: '民生实事项目票决' });
  voteId = v.body.id;
  path = `${base}/sessions/${h.sessionId}/votes/${voteId}`;
  expect((await h.roles.scrutineer.post(`${path}/cards`, { spareCards: 2 })).status).toBe(201);
  cards = ((await h.roles.scrutineer.get(`${path}/cards`)).body.cards as { serial: string; url: string }[]).map((c) => ({ serial: c.serial, token: c.url.split('#')[1] }));
  expect((await h.roles.scrutineer.post(`${path}/issue-count`, { count: 12 })).status).toBe(200);

  // An evaluation round over a project, open at the same time, with printed codes for residents.
  const project = await h.admin.post(`${base}/projects`, { year, title: '村道硬化', leadDepartmentId: h.department.id, plannedInvestment: '80', fundingSource: '县财政', plannedCompletion: `${year}-12-31` });
  expect(project.status, project.text).toBe(201);
  const round = (await h.admin.post(`${base}/evaluation/rounds`, { year, title: '满意度测评', audiences: ['residents'], projectIds: [project.body.id] })).body;
  roundId = round.id;
  expect((await h.admin.post(`${base}/evaluation/rounds/${roundId}/open`, {})).status).toBe(200);
  expect((await h.admin.post(`${base}/evaluation/rounds/${roundId}/codes`, { audience: 'residents', count: 9 })).status).toBe(201);
  slips = ((await h.admin.get(`${base}/evaluation/rounds/${roundId}/codes?audience=residents`)).body as { url: string }[]).map((s) => s.url.split('#')[1]);
  answersOf = (answer) => (round.targets as { kind: 'project' | 'department'; id: string }[]).flatMap((tg) => round.items[tg.kind].map((i: { id: string }) => ({ targetKind: tg.kind, targetId: tg.id, itemId: i.id, answer })));

  expect((await h.roles.presidium.post(`${path}/open`, {})).status).toBe(200);
});

async function castBallots(from: number, to: number) {
  for (let i = from; i < to; i++) {
    const res = await new Client(t).post('/api/public/ballot/cast', { token: cards[i].token, marks: marksOf(h.candidateIds, BALLOTS[i]), retry: secretOf(cards[i].token) });
    expect(res.status, res.text).toBe(200);
    receipts.push(res.body.receipt);
  }
}
async function answer(from: number, to: number) {
  for (let i = from; i < to; i++) {
    const text = `${COMMENT}-${i}`;
    const res = await new Client(t).post('/api/public/evaluation/submit', { token: slips[i], answers: answersOf(i < 3 ? 'satisfied' : 'dissatisfied'), comments: [{ targetKind: 'project', targetId: answersOf('basic')[0].targetId, text }] });
    expect(res.status, res.text).toBe(200);
    comments.push(text);
  }
}

describe('the routes that could carry a figure', () => {
  it('come from the app’s own route table, filtered by path, and every one can be called', () => {
    const all = [...READS, ...ACTIONS];
    expect(MUST.filter((r) => !all.includes(r)), 'routes the filter no longer finds').toEqual([]);
    expect(all.length).toBeGreaterThanOrEqual(AT_LEAST);
    for (const r of all) expect(() => address(r)).not.toThrow();
  });
});

describe('while the vote and the round are open', () => {
  let before: Sweep;
  let after: Sweep;

  it('no caller gets anything but the number cast and the number answered, on any route', async () => {
    await castBallots(0, FIRST);
    await answer(0, 3);
    before = await sweep(READS);
    await castBallots(FIRST, BALLOTS.length);
    await answer(3, 7);
    after = await sweep(READS);
    expect(problems(after)).toEqual([]);
    expect(problems(before)).toEqual([]);
  });

  it('and nothing changes with more ballots and answers but those two counts', () => {
    const changed: string[] = [];
    for (const [key, b] of before) {
      const a = after.get(key)!;
      if (a.status !== b.status) changed.push(`${key}: status ${b.status} → ${a.status}`);
      if (typeof a.body === 'string' || typeof b.body === 'string') {
        if (a.text !== b.text) changed.push(`${key}: the text changed`);
        continue;
      }
      const was = new Map(leaves(b.body).map(([p, v]) => [p.join('.'), v]));
      const now = new Map(leaves(a.body).map(([p, v]) => [p.join('.'), v]));
      for (const p of new Set([...was.keys(), ...now.keys()])) {
        const x = was.get(p);
        const y = now.get(p);
        if (x === y) continue;
        const last = p.split('.').at(-1)!;
        if (last === 'now' || last === 'requestId') continue; // the screen's clock, an error's request id
        if (last === 'cast' && x === FIRST && y === BALLOTS.length) continue;
        if (/(^|\.)responses\.(residents|all)$/.test(p) && x === 3 && y === 7) continue;
        changed.push(`${key}: ${p} ${JSON.stringify(x)} → ${JSON.stringify(y)}`);
      }
    }
    expect(changed).toEqual([]);
  });

  it('shows the count where a count is shown, and refuses the figures', () => {
    for (const who of MEMBERS) {
      expect(at(after, V, who).body.cast, who).toBe(BALLOTS.length);
      expect(at(after, `${V}/tally`, who).body, who).toMatchObject({ state: 'not_prepared', figures: null, totals: null, invalidBallots: null });
      expect(at(after, `${V}/tally/report`, who).status, who).toBe(409);
      expect(at(after, R, who).status, who).toBe(who === 'department' ? 404 : 200);
      if (who !== 'department') expect(at(after, R, who).body.responses.residents, who).toBe(7);
      for (const what of ['results', 'results.csv', 'comments']) expect(at(after, `${R}/${what}`, who).status, `${who} ${what}`).toBeGreaterThanOrEqual(400);
    }
    for (const who of CALLERS) {
      expect(at(after, 'GET /api/public/sessions/:sessionId/screen', who).body.votes[0]).toMatchObject({ state: 'open', cast: BALLOTS.length, result: null });
      expect(at(after, 'GET /api/public/sessions/:sessionId/events', who).body.votes[0]).toMatchObject({ state: 'open', cast: BALLOTS.length, result: null });
      for (const file of ['result', 'result.json', 'bulletin.json']) expect(at(after, `GET /api/public/votes/:voteId/${file}`, who).status, `${who} ${file}`).toBe(404);
      expect(at(after, 'POST /api/public/receipts/check', who).body.found, who).toEqual([]);
    }
  });

  it('refuses every tally action to every caller, and the refusal carries no figure', async () => {
    const s = await sweep(ACTIONS);
    expect([...s].filter(([, r]) => r.status < 400).map(([k, r]) => `${k}: ${r.status}`)).toEqual([]);
    expect(problems(s)).toEqual([]);
    expect((await h.roles.scrutineer.get(`${path}/tally`)).body.state).toBe('not_prepared');
  });
});

describe('closed, the tally not yet prepared (and the round closed, not published)', () => {
  let s: Sweep;
  it('no caller gets a figure of the vote; only staff get the round’s figures and comments', async () => {
    expect((await h.roles.presidium.post(`${path}/close`, {})).status).toBe(200);
    expect((await h.admin.post(`${h.base}/evaluation/rounds/${roundId}/close`, {})).status).toBe(200);
    s = await sweep(READS);
    expect(problems(s, (route, who) => ({ round: STAFF.includes(who) && /\/rounds\/:roundId\/(results|results\.csv|comments)$/.test(route) }))).toEqual([]);
    for (const who of MEMBERS) {
      expect(at(s, `${V}/tally`, who).body, who).toMatchObject({ state: 'not_prepared', figures: null, totals: null, invalidBallots: null });
      expect(at(s, `${V}/tally/report`, who).status, who).toBe(409);
    }
  });

  it('(the detectors see the round’s figures and comments where staff read them)', () => {
    for (const who of STAFF) {
      expect(roundLeaks(at(s, `${R}/results`, who)), who).not.toEqual([]);
      expect(roundLeaks(at(s, `${R}/results.csv`, who)), who).not.toEqual([]);
      expect(at(s, `${R}/comments`, who).text, who).toContain(comments[6]);
    }
    for (const who of CALLERS.filter((c) => !STAFF.includes(c))) expect(at(s, `${R}/results`, who).status, who).toBeGreaterThanOrEqual(400);
  });
});

describe('prepared, not yet published', () => {
  let s: Sweep;
  it('per-candidate figures to the scrutineers only (the tally and its report); no receipt to anyone', async () => {
    expect((await h.roles.scrutineer.post(`${path}/tally`, {})).status).toBe(201);
    s = await sweep(READS);
    const signOffScreen = (route: string, who: Caller) => SCRUTINEERS.includes(who) && (route === `${V}/tally` || route === `${V}/tally/report`);
    // Everyone in the congress sees the totals (how many valid and invalid), not a figure per candidate.
    const totals = (route: string, who: Caller) => MEMBERS.includes(who) && route === `${V}/tally`;
    expect(problems(s, (route, who) => ({ vote: signOffScreen(route, who), totals: totals(route, who), round: STAFF.includes(who) && /\/rounds\/:roundId\/(results|results\.csv|comments)$/.test(route) }))).toEqual([]);
    for (const who of SCRUTINEERS) {
      const view = at(s, `${V}/tally`, who).body;
      expect(view.figures.candidates.map((c: { for: number; against: number }) => [c.for, c.against]), who).toEqual([[11, 0], [9, 0], [3, 6], [0, 8]]);
      expect(view.invalidBallots, who).toHaveLength(1);
      expect(at(s, `${V}/tally/report`, who).status, who).toBe(200);
      // (the detectors see them there)
      expect(voteLeaks(at(s, `${V}/tally`, who), { totals: true }), who).not.toEqual([]);
      expect(voteLeaks(at(s, `${V}/tally/report`, who)), who).not.toEqual([]);
      // Still no receipt, even for them: the list of receipts is published with the result.
      for (const x of receipts) expect(at(s, `${V}/tally`, who).text).not.toContain(x);
    }
    for (const who of MEMBERS.filter((c) => !SCRUTINEERS.includes(c))) {
      expect(at(s, `${V}/tally`, who).body, who).toMatchObject({ state: 'prepared', figures: null, invalidBallots: null, totals: { cast: 13, valid: 12, invalid: 1 } });
      expect(at(s, `${V}/tally/report`, who).body.error?.code, who).toBe('result_not_published');
    }
    for (const who of CALLERS) {
      for (const file of ['result', 'result.json', 'bulletin.json']) expect(at(s, `GET /api/public/votes/:voteId/${file}`, who).status, `${who} ${file}`).toBe(404);
      expect(at(s, 'GET /api/public/sessions/:sessionId/screen', who).body.votes[0]).toMatchObject({ state: 'closed', cast: 13, published: false, result: null });
    }
  });
});
