import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Client, congressWithRoles, setupAdmin, useTestApp } from '../helpers/app.ts';
import * as B from '../../shared/ballot/contract.ts';
import * as S from '../../shared/session/contract.ts';
import { allChecks, candidateFields, openWindow, submitPublic } from '../gathering/helpers.ts';

const t = useTestApp();
let admin: Client;
let roles: Record<string, Client>;
let congressId: string;
let sessionId: string;
let listId: string;
let voteId: string;
let cardUrls: { serial: string; url: string }[];
let candidateIds: string[];
const base = () => `/api/congresses/${congressId}`;
/** The vote of these tests, as its routes' parameters. */
const theVote = () => ({ congressId, sessionId, voteId });
const kiosk = () => new Client(t);
const token = (url: string) => url.split('#')[1];
const cast = (url: string, marks: Record<string, string>, extra: Record<string, unknown> = {}) => kiosk().call(B.castBallot, { body: { token: token(url), marks, ...extra } });

/** A congress with 9 seated representatives, 7 checked in (quorum 6), and a frozen list of 3 candidates for 2 seats. */
async function setup() {
  admin = await setupAdmin(t);
  const made = await congressWithRoles(t, admin);
  congressId = made.congress.id;
  roles = made.clients;
  for (let i = 0; i < 9; i++) await admin.post(`${base()}/representatives`, { name: `代表${i + 1}` });
  const reps = (await admin.get(`${base()}/representatives`)).body as { id: string }[];
  sessionId = (await admin.call(S.createSession, { params: { congressId }, body: { name: '第三次会议', date: '2027-01-10' } })).body.id;
  for (const r of reps.slice(0, 7)) await admin.call(S.markAttendance, { params: { congressId, sessionId, representativeId: r.id }, body: { status: 'present' } });
  await openWindow(admin, congressId);
  for (const title of ['道路硬化', '自来水', '路灯']) {
    const code = (await submitPublic(t, new Client(t), congressId, { title, location: title })).body.trackingCode;
    const p = (await admin.get(`${base()}/proposals?q=${code}`)).body[0];
    await roles.government.put(`${base()}/proposals/${p.id}/checks`, allChecks());
    await roles.government.post(`${base()}/proposals/${p.id}/accept`, { candidate: candidateFields(made.department.id, { title: `${title}工程` }) });
  }
  candidateIds = (await admin.get(`${base()}/candidates`)).body.map((c: { id: string }) => c.id);
  listId = (await admin.post(`${base()}/candidate-lists`, { title: '候选清单', year: new Date().getFullYear(), seats: 2, candidateIds })).body.id;
  await admin.post(`${base()}/candidate-lists/${listId}/freeze`, {});
}

describe('votes and ballot cards', () => {
  it('creates a vote over a frozen list with the rules of the congress settings', async () => {
    await setup();
    const res = await roles.presidium.call(B.createVote, { params: { congressId, sessionId }, body: { listId, title: '民生实事项目票决' } });
    expect(res.status).toBe(201);
    voteId = res.body.id;
    expect(res.body).toMatchObject({ seats: 2, maxFor: 2, markMode: 'for_against_abstain', threshold: { base: 'seated', numerator: 1, denominator: 2, strict: true }, spareCards: 5, state: 'draft', cast: 0 });
    expect(res.body.candidates.map((c: { title: string }) => c.title)).toEqual(['道路硬化工程', '自来水工程', '路灯工程']);
    expect((await roles.presidium.call(B.updateVote, { params: theVote(), body: { spareCards: 3 } })).body.spareCards).toBe(3);
  });

  it('will not open without cards or without the quorum', async () => {
    expect((await roles.presidium.call(B.openVote, { params: theVote(), body: {} })).body.error?.code).toBe('cards_missing');
    const other = (await admin.call(S.createSession, { params: { congressId }, body: { name: '空会', date: '2027-01-11' } })).body;
    const v2 = (await admin.call(B.createVote, { params: { congressId, sessionId: other.id }, body: { listId, title: '无人表决' } })).body;
    await roles.scrutineer.call(B.generateCards, { params: { congressId, sessionId: other.id, voteId: v2.id }, body: {} });
    const res = await roles.presidium.call(B.openVote, { params: { congressId, sessionId: other.id, voteId: v2.id }, body: {} });
    expect(res.status).toBe(409);
    expect(res.body.error?.message).toBe('出席代表 0 人，未达到法定人数 6 人，不能开始表决。');
  });

  it('makes one card per present representative plus spares, with a commitment to their ids', async () => {
    expect((await roles.presidium.call(B.generateCards, { params: theVote(), body: {} })).status).toBe(403);
    const res = await roles.scrutineer.call(B.generateCards, { params: theVote(), body: {} });
    expect(res.status).toBe(201);
    expect(res.body.cards).toBe(7 + 3);
    const ids = (await t.database.query<{ ballot_id: string }>('select ballot_id from cards c join votes v on v.id = c.vote_id where v.id = $1', [voteId])).map((r) => r.ballot_id);
    expect(res.body.commitment).toBe(createHash('sha256').update(JSON.stringify(ids.sort())).digest('hex'));
    expect((await roles.scrutineer.call(B.generateCards, { params: theVote(), body: {} })).body.error?.code).toBe('cards_exist');
    const print = (await roles.scrutineer.call(B.printCards, { params: theVote() })).body;
    cardUrls = print.cards;
    expect(print.cards).toHaveLength(10);
    expect(new Set(print.cards.map((c: { serial: string }) => c.serial)).size).toBe(10);
    for (const c of print.cards) {
      expect(c.serial).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
      expect(c.url).toMatch(/^http:\/\/localhost\/b#[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(c.qrSvg).toMatch(/^<svg/);
    }
    expect((await roles.presidium.call(B.updateVote, { params: theVote(), body: { spareCards: 1 } })).status).toBe(200); // still a draft
  });

  it('refuses to cast before the vote opens', async () => {
    const res = await cast(cardUrls[0].url, {});
    expect(res.status).toBe(409);
    expect(res.body.error?.message).toBe('表决尚未开始，请等待主持人宣布开始。');
  });

  it('records issuance by scanning the QR or typing the serial, never to whom', async () => {
    const a = await roles.scrutineer.call(B.issueCard, { params: theVote(), body: { card: cardUrls[0].url } });
    expect(a.body).toMatchObject({ serial: cardUrls[0].serial, alreadyIssued: false, issued: 1 });
    const b = await roles.scrutineer.call(B.issueCard, { params: theVote(), body: { card: cardUrls[1].serial.toLowerCase() } });
    expect(b.body.issued).toBe(2);
    expect((await roles.scrutineer.call(B.issueCard, { params: theVote(), body: { card: cardUrls[1].serial } })).body.alreadyIssued).toBe(true);
    for (const c of cardUrls.slice(2, 7)) await roles.scrutineer.call(B.issueCard, { params: theVote(), body: { card: c.url } });
    expect((await roles.presidium.call(B.issueCard, { params: theVote(), body: { card: cardUrls[8].url } })).status).toBe(403);
    // No audit entry per card: its time and order would match the queue at the desk.
    const log = (await admin.get(`${base()}/audit?limit=500`)).body as { action: string; details: unknown }[];
    expect(log.some((e) => e.action.includes('issue_card'))).toBe(false);
    expect(JSON.stringify(log)).not.toContain(cardUrls[0].serial);
  });

  it('opens with the roll kept as it stood; while open, only the count of ballots cast is served', async () => {
    expect((await roles.scrutineer.call(B.openVote, { params: theVote(), body: {} })).status).toBe(403);
    const res = await roles.presidium.call(B.openVote, { params: theVote(), body: { countdownSeconds: 300 } });
    expect(res.body).toMatchObject({ state: 'open', rollAtOpen: { seated: 9, present: 7 } });
    expect(res.body.countdownEndsAt).toBeTruthy();
    expect((await roles.presidium.call(B.updateVote, { params: theVote(), body: { seats: 3 } })).body.error?.code).toBe('vote_started');
  });
});

describe('casting on a tablet', () => {
  it('shows the ballot for a scanned card, or for a typed serial', async () => {
    const view = await kiosk().call(B.openBallot, { body: { token: cardUrls[0].url } });
    expect(view.status).toBe(200);
    expect(view.body.vote).toMatchObject({ id: voteId, seats: 2, maxFor: 2, state: 'open' });
    expect(view.body.vote.countdownEndsAt).toBeTruthy();
    expect(view.body.candidates).toHaveLength(3);
    const bySerial = await kiosk().call(B.openBallotBySerial, { body: { congressId, serial: cardUrls[1].serial.toLowerCase() } });
    expect(bySerial.body.serial).toBe(cardUrls[1].serial);
    expect((await kiosk().call(B.openBallotBySerial, { body: { congressId, serial: 'ZZZZZZZZ' } })).status).toBe(404);
    expect((await kiosk().call(B.openBallotBySerial, { body: { congressId, serial: cardUrls[1].serial, voteId: crypto.randomUUID() } })).status).toBe(404);
  });

  it("stores a ballot and answers a random receipt; the tablet's retry (its secret) gets the same receipt; other marks are refused", async () => {
    const marks = { [candidateIds[0]]: 'for', [candidateIds[1]]: 'against' };
    const retry = 'the-tablet-secret-of-this-ballot';
    const first = await cast(cardUrls[0].url, marks, { retry });
    expect(first.status).toBe(200);
    expect(first.body.receipt).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    const again = await cast(cardUrls[0].url, { ...marks, [candidateIds[2]]: 'abstain' }, { retry }); // abstain = unmarked
    expect(again.body.receipt).toBe(first.body.receipt);
    const changed = await cast(cardUrls[0].url, { [candidateIds[0]]: 'against' }, { retry });
    expect(changed.status).toBe(409);
    expect(changed.body.error?.message).toBe('这张选票已经投过，不能再次投票。');
    // Opening the card says nothing about whether it was cast (the cast says it, to everyone alike).
    expect((await kiosk().call(B.openBallot, { body: { token: cardUrls[0].url } })).status).toBe(200);
  });

  it('lets exactly one of two tablets racing with one card store its ballot', async () => {
    const [a, b] = await Promise.all([cast(cardUrls[1].url, { [candidateIds[0]]: 'for' }), cast(cardUrls[1].url, { [candidateIds[1]]: 'for' })]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    // One tablet sending its ballot twice at once (the same secret): one ballot, the same receipt to both.
    const retry = 'one-tablet-sent-this-twice';
    const [c, d] = await Promise.all([cast(cardUrls[2].url, { [candidateIds[2]]: 'for' }, { retry }), cast(cardUrls[2].url, { [candidateIds[2]]: 'for' }, { retry })]);
    expect([c.status, d.status]).toEqual([200, 200]);
    expect(c.body.receipt).toBe(d.body.receipt);
    const n = await t.database.query<{ n: number }>('select count(*)::int as n from ballots b join cards c on c.id = b.card_id where c.serial in ($1, $2)', [cardUrls[1].serial, cardUrls[2].serial]);
    expect(n[0].n).toBe(2);
  });

  it('stores an over-marked ballot (it is invalid at the tally) but refuses marks that are not a ballot', async () => {
    const all = Object.fromEntries(candidateIds.map((id) => [id, 'for']));
    expect((await cast(cardUrls[3].url, all)).status).toBe(200);
    expect((await cast(cardUrls[4].url, { 'not-a-candidate': 'for' })).status).toBe(400);
    const bad = await new Client(t, 'en').call(B.castBallot, { body: { token: token(cardUrls[4].url), marks: { [candidateIds[0]]: 'maybe' } } });
    expect(bad.body.error?.message).toBe('The ballot is not valid: a mark that is not allowed. Fill it in again.');
  });

  it('refuses a forged, truncated, other-vote, voided or not-issued card with words a representative understands', async () => {
    const [h, p, s] = token(cardUrls[4].url).split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ v: voteId, b: 'A'.repeat(22) })).toString('base64url')}.${s}`;
    expect((await kiosk().call(B.castBallot, { body: { token: forged, marks: {} } })).body.error?.code).toBe('card_signature');
    expect((await kiosk().call(B.castBallot, { body: { token: `${h}.${p}.${s.slice(0, -4)}`, marks: {} } })).body.error?.code).toBe('card_signature');
    const other = await cast(cardUrls[4].url, {}, { voteId: crypto.randomUUID() });
    expect(other.body.error?.message).toBe('这张选票属于另一次表决，请使用本次表决的选票。');
    // cards 7..9 were never scanned at the desk.
    expect((await cast(cardUrls[8].url, {})).body.error?.code).toBe('card_not_issued');
    await roles.scrutineer.call(B.voidCard, { params: theVote(), body: { serial: cardUrls[5].serial } });
    expect((await cast(cardUrls[5].url, {})).body.error?.code).toBe('card_voided');
    expect((await roles.scrutineer.call(B.voidCard, { params: theVote(), body: { serial: cardUrls[0].serial } })).body.error?.code).toBe('card_already_cast');
    const ballotTyped = await t.keys.sign('ms-login', { v: voteId, b: 'x' });
    expect((await kiosk().call(B.castBallot, { body: { token: ballotTyped, marks: {} } })).body.error?.code).toBe('card_signature');
  });

  it('serves no marks anywhere while the vote is open: only the count cast', async () => {
    const vote = await roles.presidium.call(B.getVote, { params: theVote() });
    expect(vote.body.cast).toBe(4);
    expect(vote.text).not.toMatch(/"for"|"against"|receipt/);
  });

  it('takes no paper ballot while the vote is open (no marks before the close)', async () => {
    expect((await roles.scrutineer.call(B.enterPaper, { params: theVote(), body: { card: cardUrls[4].serial, marks: {} } })).body.error?.code).toBe('paper_needs_close');
  });

  it('refuses every card once the vote is closed, and keeps the roll at the close', async () => {
    const closed = await roles.presidium.call(B.closeVote, { params: theVote() });
    expect(closed.body).toMatchObject({ state: 'closed', rollAtClose: { seated: 9, present: 7 }, cast: 4 });
    const late = await cast(cardUrls[6].url, {});
    expect(late.status).toBe(409);
    expect(late.body.error?.message).toBe('表决已经截止，不能再投票。');
    expect((await roles.presidium.call(B.closeVote, { params: theVote() })).body.error?.code).toBe('vote_closed');
  });
});

describe('a re-vote', () => {
  it('is a new vote that names the closed one; the old one stays as it was', async () => {
    const draft = (await roles.presidium.call(B.createVote, { params: { congressId, sessionId }, body: { listId, title: '未开始' } })).body;
    expect((await roles.presidium.call(B.createVote, { params: { congressId, sessionId }, body: { listId, title: 'x', previousVoteId: draft.id } })).body.error?.code).toBe('vote_not_closed_for_revote');
    const again = await roles.presidium.call(B.createVote, { params: { congressId, sessionId }, body: { listId, title: '再次投票', previousVoteId: voteId } });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ previousVoteId: voteId, state: 'draft', cast: 0 });
    expect((await roles.presidium.call(B.getVote, { params: theVote() })).body).toMatchObject({ state: 'closed', cast: 4 });
  });
});

describe('paper ballots (纸质选票), entered twice', () => {
  let counter2: Client;
  const paper = (cl: Client, card: string, marks: Record<string, string>) => cl.call(B.enterPaper, { params: theVote(), body: { card, marks } });

  it('counts a paper ballot when two different counters agree', async () => {
    const username = `counter2${Date.now().toString(36)}`;
    await admin.post(`${base()}/accounts`, { username, displayName: '计票人乙', password: 'correct horse battery', role: 'scrutineer' });
    counter2 = new Client(t);
    await counter2.login(username, 'correct horse battery');
    const marks = { [candidateIds[1]]: 'for', [candidateIds[2]]: 'for' };
    const first = await paper(roles.scrutineer, cardUrls[4].serial, marks);
    expect(first.body).toEqual({ serial: cardUrls[4].serial, state: 'awaiting_second' });
    expect((await paper(roles.scrutineer, cardUrls[4].serial, marks)).body.error?.code).toBe('paper_same_counter');
    const second = await paper(counter2, cardUrls[4].url, marks);
    expect(second.body.state).toBe('counted');
    expect((await roles.presidium.call(B.getVote, { params: theVote() })).body.cast).toBe(5);
    expect((await paper(counter2, cardUrls[4].serial, marks)).body.error?.code).toBe('card_used');
    // Nothing is left of who keyed what.
    expect((await t.database.query('select * from paper_entries')).length).toBe(0);
  });

  it('flags differing entries for the scrutineers, who record what the paper says', async () => {
    await paper(roles.scrutineer, cardUrls[6].serial, { [candidateIds[0]]: 'for' });
    const diff = await paper(counter2, cardUrls[6].serial, { [candidateIds[0]]: 'against' });
    expect(diff.body.state).toBe('mismatch');
    const pending = (await roles.scrutineer.call(B.listPaper, { params: theVote() })).body;
    expect(pending).toEqual([{ serial: cardUrls[6].serial, state: 'mismatch', entries: expect.any(Array) }]);
    expect(pending[0].entries).toHaveLength(2);
    expect((await paper(roles.scrutineer, cardUrls[6].serial, {})).body.error?.code).toBe('paper_mismatch');
    expect((await roles.scrutineer.call(B.resolvePaper, { params: theVote(), body: { serial: cardUrls[6].serial, marks: { [candidateIds[0]]: 'for' } } })).status).toBe(200);
    expect((await roles.scrutineer.call(B.listPaper, { params: theVote() })).body).toEqual([]);
    const rows = await t.database.query<{ paper: boolean }>('select b.paper from ballots b join cards c on c.id = b.card_id where c.serial = $1', [cardUrls[6].serial]);
    expect(rows).toEqual([{ paper: true }]);
    expect((await roles.scrutineer.call(B.resolvePaper, { params: theVote(), body: { serial: cardUrls[7].serial, marks: {} } })).body.error?.code).toBe('card_not_issued');
    expect((await roles.presidium.call(B.enterPaper, { params: theVote(), body: { card: cardUrls[7].serial, marks: {} } })).status).toBe(403);
  });
});

describe('secrecy (无记名), enforced by the schema', () => {
  it('ballot and card tables hold nothing that could name a person, a device or a time', async () => {
    const cols = async (table: string) =>
      (await t.database.query<{ column_name: string }>(`select column_name from information_schema.columns where table_name = $1`, [table])).map((r) => r.column_name).sort();
    // Any new column must be argued for here: it fails this test until it is.
    // retry_hash: the hash of a secret the tablet made at random for this one ballot (not a device or person id).
    expect(await cols('ballots')).toEqual(['card_id', 'id', 'marks', 'paper', 'receipt', 'retry_hash', 'vote_id']);
    expect(await cols('cards')).toEqual(['ballot_id', 'id', 'issued', 'serial', 'voided', 'vote_id']);
    const types = await t.database.query<{ data_type: string }>(`select data_type from information_schema.columns where table_name in ('ballots', 'cards')`);
    expect(types.some((r) => /time|date/.test(r.data_type))).toBe(false);
  });

  it('request logs carry the route pattern only: an accepted cast, its retry and a refused repeat write no request line, no token, card, mark or receipt — only a summary', async () => {
    // A vote of its own, open (the one above is closed by now): the cast is accepted, so there is a receipt to leak.
    const v = (await roles.presidium.call(B.createVote, { params: { congressId, sessionId }, body: { listId, title: '日志检查' } })).body;
    const vote = { congressId, sessionId, voteId: v.id };
    expect((await roles.scrutineer.call(B.generateCards, { params: vote, body: {} })).status).toBe(201);
    const card = (await roles.scrutineer.call(B.printCards, { params: vote })).body.cards[0] as { serial: string; url: string };
    expect((await roles.scrutineer.call(B.issueByCount, { params: vote, body: { count: 1 } })).status).toBe(200);
    expect((await roles.presidium.call(B.openVote, { params: vote, body: {} })).status).toBe(200);
    const tok = token(card.url);
    const ballotId = JSON.parse(Buffer.from(tok.split('.')[1], 'base64url').toString()).b as string;
    const [{ id: cardId }] = await t.database.query<{ id: string }>('select id from cards where vote_id = $1 and serial = $2', [v.id, card.serial]);
    const marks = { [candidateIds[0]]: 'for', [candidateIds[2]]: 'against' };
    const retry = 'log-test-retry-secret-7Hq2Zp';

    const { createApp } = await import('../../server/app.ts');
    const { log } = await import('../../server/lib/log.ts');
    const { flushSummaries } = await import('../../server/lib/group-commit.ts');
    const app = createApp({ deps: t.deps, logRequests: true });
    const send = (path: string, body?: unknown) =>
      app.request(path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    flushSummaries(); // what the tests above cast is summed (silently) before the capture starts
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    log.setLevel('info');
    process.stdout.write = ((chunk: string) => (lines.push(String(chunk)), true)) as typeof process.stdout.write;
    let answers: { status: number; body: any }[];
    try {
      const cast = (m: Record<string, string>, r?: string) => send('/api/public/ballot/cast', { token: tok, marks: m, ...(r ? { retry: r } : {}) });
      const res = [await cast(marks, retry), await cast(marks, retry), await cast({ [candidateIds[1]]: 'for' }), await send('/api/public/ballot/open', { token: tok })];
      await send(`/api/public/votes/${crypto.randomUUID()}/result`);
      answers = await Promise.all(res.map(async (r) => ({ status: r.status, body: await r.json() })));
      flushSummaries();
    } finally {
      process.stdout.write = write;
      log.setLevel('silent');
    }
    // Accepted, the tablet's retry answered the same receipt, another hand's repeat refused, the ballot opened again.
    expect(answers.map((a) => a.status)).toEqual([200, 200, 409, 200]);
    const receipt = answers[0].body.receipt as string;
    expect(receipt).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    expect(answers[1].body.receipt).toBe(receipt);
    const text = lines.join('');
    // The cast and the opening of a ballot write no request line (its time could say who voted when): the cast
    // queue's summary counts them, by outcome. Other routes log their pattern, never the address they were called with.
    expect(text).not.toContain('/api/public/ballot/cast');
    expect(text).not.toContain('/api/public/ballot/open');
    expect(text).toMatch(/"msg":"request".*"route":"\/api\/public\/[^"]*:/);
    const sums = lines.flatMap((l) => l.split('\n')).filter((l) => l.includes('"msg":"cast.batches"')).map((l) => JSON.parse(l) as { items: number; outcomes: Record<string, number> });
    expect(sums.reduce((n, l) => n + l.items, 0)).toBe(3);
    expect(sums.reduce((n, l) => n + (l.outcomes.ok ?? 0), 0)).toBe(2);
    // Nothing of the ballot: not its receipt, token, retry secret, card (serial, ballot id, row id), nor its marks.
    for (const secret of [receipt, tok.split('.')[1], tok.split('.')[2], retry, card.serial, ballotId, cardId, ...candidateIds])
      expect(text.includes(secret), `the log holds ${secret}`).toBe(false);
    expect(text).not.toMatch(/"for"|"against"|"marks"|receipt/); // (the summary counts a refusal `card_used`: a code, no marks)
  });

  it('ballot keys are random, so storage order says nothing about arrival order', async () => {
    const rows = await t.database.query<{ id: string }>('select id from ballots');
    expect(rows.every((r) => /^[0-9a-f]{8}-[0-9a-f]{4}-4/.test(r.id))).toBe(true);
  });
});
