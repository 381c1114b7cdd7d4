/**
 * Group commit: casts arriving together are stored in one transaction, each answered after the commit, with the
 * guarantees of a single cast — one ballot per card, same marks → same receipt, other marks → refused, a closed vote
 * refuses, and nothing acknowledged is lost when the close races the casts.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { CAST_LOCK } from '../../server/ballot/votes.ts';
import { flushSummaries, GroupCommit } from '../../server/lib/group-commit.ts';
import { log } from '../../server/lib/log.ts';
import { Client, useTestApp } from '../helpers/app.ts';
import * as Ballot from '../../shared/ballot/contract.ts';
import { hall, marksOf } from '../tally/helpers.ts';
import { advisoryLock, until } from '../helpers/race.ts';

const t = useTestApp();

async function openVote(n: number) {
  const h = await hall(t, { seated: n, titles: ['桥梁', '广场', '学校'] });
  const v = (await h.roles.presidium.call(Ballot.createVote, { params: { congressId: h.congressId, sessionId: h.sessionId }, body: { listId: h.listId, title: '票决' } })).body;
  const path = `${h.base}/sessions/${h.sessionId}/votes/${v.id}`;
  const vote = { congressId: h.congressId, sessionId: h.sessionId, voteId: v.id as string };
  await h.roles.scrutineer.call(Ballot.generateCards, { params: vote, body: {} });
  const cards = (await h.roles.scrutineer.call(Ballot.printCards, { params: vote })).body.cards as { serial: string; url: string }[];
  await h.roles.scrutineer.call(Ballot.issueByCount, { params: vote, body: { count: n } });
  await h.roles.presidium.call(Ballot.openVote, { params: vote, body: {} });
  return { h, voteId: v.id as string, path, vote, tokens: cards.map((c) => c.url.split('#')[1]) };
}
/** The tablet's retry secret of a card's ballot (one per card here). */
const secret = (token: string) => createHash('sha256').update(token).digest('base64url');
const cast = (token: string, marks: Record<string, string>) => new Client(t).call(Ballot.castBallot, { body: { token, marks, retry: secret(token) } });
/** The card's token payload: its vote and ballot id. */
const payloadOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { v: string; b: string };

const castLock = (voteId: string) => advisoryLock(t.database, CAST_LOCK, voteId);
const stored = async (voteId: string) => (await t.database.query<{ n: number }>('select count(*)::int as n from ballots where vote_id = $1', [voteId]))[0].n;

describe('casts at the same moment', () => {
  it('store one ballot per card; a repeat answers the same receipt, other marks are refused', async () => {
    const { h, voteId, tokens } = await openVote(30);
    const a = marksOf(h.candidateIds, 'F--');
    const b = marksOf(h.candidateIds, '-F-');
    const jobs = [
      ...tokens.slice(0, 30).map((tk) => cast(tk, a)),
      ...tokens.slice(0, 5).map((tk) => cast(tk, a)), // the same card and marks again, in the same burst
      ...tokens.slice(5, 8).map((tk) => cast(tk, b)), // the same card with other marks
    ];
    const res = await Promise.all(jobs);
    const first = res.slice(0, 30);
    const repeats = res.slice(30, 35);
    const others = res.slice(35);
    for (const [i, r] of repeats.entries()) expect(r.body.receipt).toBe(first[i].body.receipt);
    // Of each pair (a, b) on cards 5–7 exactly one is stored and the other refused.
    for (let i = 0; i < 3; i++) {
      const pair = [first[5 + i], others[i]];
      expect(pair.filter((r) => r.status === 200)).toHaveLength(1);
      expect(pair.find((r) => r.status !== 200)!.body.error?.code).toBe('card_used');
    }
    expect(await stored(voteId)).toBe(30);
    const receipts = new Set(res.filter((r) => r.status === 200).map((r) => r.body.receipt));
    expect(receipts.size).toBe(30);
  });

  it('a close racing the casts: the batch in flight when the close comes is stored, the casts queued behind the close are refused, a batch held several casts', async () => {
    // The race, forced the same way on both databases: a second transaction of the test holds the first casts' batch
    // in the database (on PostgreSQL the batch holds the vote's cast lock shared and waits for their cards, which the
    // test has locked; PGlite has one connection, so the batch waits behind the test's transaction), the close is sent
    // and waits for that batch (PostgreSQL: it asks for the cast lock exclusively; PGlite: its transaction is queued),
    // more casts come after the close and queue behind it. Then the test lets go.
    const { h, voteId, path, vote, tokens } = await openVote(21);
    const marks = marksOf(h.candidateIds, 'FF-');
    // One cast first: the keys and the vote's candidates are read once, outside any batch, and stay cached.
    const early = await cast(tokens[20], marks);
    expect(early.status, early.text).toBe(200);
    const A = tokens.slice(0, 10); // sent while their batch is held in the database
    const B = tokens.slice(10, 20); // sent once the close waits
    const pg = t.database.kind === 'postgres';
    let letGo!: () => void;
    const gate = new Promise<void>((r) => (letGo = r));
    let holding!: () => void;
    const held = new Promise<void>((r) => (holding = r));
    let acknowledged = 0;
    const hold = t.database.rawTransaction(async (q) => {
      await q('select id from cards where ballot_id in (select jsonb_array_elements_text($1::jsonb)) order by id for update', [JSON.stringify(A.map((tk) => payloadOf(tk).b))]);
      holding();
      await gate;
    });
    await held;
    flushSummaries(); // a fresh summary window: it counts the batches of the race only
    const info = vi.spyOn(log, 'info');
    const queued = vi.spyOn(GroupCommit.prototype, 'submit');
    const batchTx = vi.spyOn(t.database, 'rawTransaction');
    const closeTx = vi.spyOn(t.database.db, 'transaction');
    try {
      const a = A.map((tk) => cast(tk, marks));
      await until(() => queued.mock.calls.length === A.length);
      // Every A cast is queued while no batch can end: at most three batches run (maxRunning), the rest wait in one.
      if (pg) await until(async () => (await castLock(voteId)).shared >= 1);
      else await until(() => batchTx.mock.calls.length >= 1, true);
      const closing = h.roles.presidium.call(Ballot.closeVote, { params: vote });
      if (pg) await until(async () => (await castLock(voteId)).waiting === 1);
      else {
        letGo(); // PGlite: the held batch commits first, then the close's statements take their turn
        await until(() => closeTx.mock.calls.length >= 1, true);
      }
      const b = B.map((tk) => cast(tk, marks));
      await until(() => queued.mock.calls.length === A.length + B.length);
      letGo();
      const [resA, resB, closed] = await Promise.all([Promise.all(a), Promise.all(b), closing]);
      await hold;
      expect(closed.status, closed.text).toBe(200);
      const res = [...resA, ...resB];
      for (const r of resB) expect(r.body.error?.code, r.text).toBe('vote_closed');
      for (const r of res.filter((x) => x.status !== 200)) expect(r.body.error?.code, r.text).toBe('vote_closed');
      const ok = res.filter((r) => r.status === 200);
      expect(ok.length, 'acknowledged casts').toBeGreaterThan(0);
      expect(ok.length, 'acknowledged casts').toBeLessThan(res.length);
      acknowledged = ok.length;
      // Every acknowledged cast stored once with its receipt, none of the refused ones.
      const rows = await t.database.query<{ ballot_id: string; receipt: string }>('select c.ballot_id, b.receipt from ballots b join cards c on c.id = b.card_id where b.vote_id = $1', [voteId]);
      const receiptOf = new Map(rows.map((r) => [r.ballot_id, r.receipt]));
      expect(rows.length).toBe(ok.length + 1);
      [...A, ...B].forEach((tk, i) => expect(receiptOf.get(payloadOf(tk).b) ?? null, `card ${i}`).toBe(res[i].status === 200 ? res[i].body.receipt : null));
      // The queue's own summary: every cast answered once, in fewer batches than casts (a batch held more than one).
      flushSummaries();
      const sums = info.mock.calls.filter((c) => c[0] === 'cast.batches').map((c) => c[1] as { batches: number; items: number; retries?: number; expired?: number });
      expect(sums.reduce((n, s) => n + s.items, 0)).toBe(A.length + B.length);
      expect(sums.reduce((n, s) => n + s.batches, 0), 'batches for 20 casts').toBeLessThan(A.length + B.length);
      expect(sums.filter((s) => s.retries || s.expired)).toEqual([]);
    } finally {
      letGo();
      vi.restoreAllMocks();
    }
    // The roll kept at the close and the tally agree with what was acknowledged.
    const tally = await h.roles.scrutineer.post(`${path}/tally`, {});
    expect(tally.body.totals.cast).toBe(acknowledged + 1);
  });

  it('refuses per cast inside a batch without sinking the others', async () => {
    const { h, voteId, tokens } = await openVote(10);
    const good = marksOf(h.candidateIds, 'F--');
    const res = await Promise.all([cast(tokens[0], good), cast(tokens[1], { nope: 'for' }), cast(tokens[2], { [h.candidateIds[0]]: 'maybe' }), cast(tokens[3], good)]);
    expect(res.map((r) => r.status)).toEqual([200, 400, 400, 200]);
    expect(res[1].body.error?.code).toBe('ballot_marks');
    expect(await stored(voteId)).toBe(2);
  });
});

describe('the marks a cast is checked against', () => {
  it('follow a rule changed after the cards were made and a card was tried before the opening', async () => {
    const h = await hall(t, { seated: 3, titles: ['桥梁', '广场', '学校'] });
    const v = (await h.roles.presidium.call(Ballot.createVote, { params: { congressId: h.congressId, sessionId: h.sessionId }, body: { listId: h.listId, title: '票决' } })).body;
    const vote = { congressId: h.congressId, sessionId: h.sessionId, voteId: v.id as string };
    await h.roles.scrutineer.call(Ballot.generateCards, { params: vote, body: {} });
    const tokens = (await h.roles.scrutineer.call(Ballot.printCards, { params: vote })).body.cards.map((c: { url: string }) => c.url.split('#')[1]) as string[];
    await h.roles.scrutineer.call(Ballot.issueByCount, { params: vote, body: { count: 3 } });
    // A tablet tries a card too early: refused, but the vote's questions were read for that batch.
    expect((await cast(tokens[0], marksOf(h.candidateIds, 'A--'))).body.error?.code).toBe('vote_not_open');
    // Then the rule changes to "tick for only" and the vote opens: a 反对 mark is no longer allowed.
    expect((await h.roles.admin.call(Ballot.updateVote, { params: vote, body: { markMode: 'approve' } })).status).toBe(200);
    expect((await h.roles.presidium.call(Ballot.openVote, { params: vote, body: {} })).status).toBe(200);
    const res = await cast(tokens[0], marksOf(h.candidateIds, 'A--'));
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('ballot_marks');
    expect((await cast(tokens[1], marksOf(h.candidateIds, 'F--'))).status).toBe(200);
  });
});
