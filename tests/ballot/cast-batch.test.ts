/**
 * Group commit: casts arriving together are stored in one transaction, each answered after the commit, with the
 * guarantees of a single cast — one ballot per card, same marks → same receipt, other marks → refused, a closed vote
 * refuses, and nothing acknowledged is lost when the close races the casts.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Client, useTestApp } from '../helpers/app.ts';
import { hall, marksOf } from '../tally/helpers.ts';

const t = useTestApp();

async function openVote(n: number) {
  const h = await hall(t, { seated: n, titles: ['桥梁', '广场', '学校'] });
  const v = (await h.roles.presidium.post(`${h.base}/sessions/${h.sessionId}/votes`, { listId: h.listId, title: '票决' })).body;
  const path = `${h.base}/sessions/${h.sessionId}/votes/${v.id}`;
  await h.roles.scrutineer.post(`${path}/cards`, {});
  const cards = (await h.roles.scrutineer.get(`${path}/cards`)).body.cards as { serial: string; url: string }[];
  await h.roles.scrutineer.post(`${path}/issue-count`, { count: n });
  await h.roles.presidium.post(`${path}/open`, {});
  return { h, voteId: v.id as string, path, tokens: cards.map((c) => c.url.split('#')[1]) };
}
/** The tablet's retry secret of a card's ballot (one per card here). */
const secret = (token: string) => createHash('sha256').update(token).digest('base64url');
const cast = (token: string, marks: Record<string, string>) => new Client(t).post('/api/public/ballot/cast', { token, marks, retry: secret(token) });
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
      expect(pair.find((r) => r.status !== 200)!.body.error.code).toBe('card_used');
    }
    expect(await stored(voteId)).toBe(30);
    const receipts = new Set(res.filter((r) => r.status === 200).map((r) => r.body.receipt));
    expect(receipts.size).toBe(30);
  });

  it('a close racing the casts: every acknowledged ballot is stored, the rest refused as closed', async () => {
    const { h, voteId, path, tokens } = await openVote(40);
    const marks = marksOf(h.candidateIds, 'FF-');
    const jobs = tokens.slice(0, 40).map((tk, i) => new Promise((r) => setTimeout(r, i % 10)).then(() => cast(tk, marks)));
    const closing = new Promise((r) => setTimeout(r, 5)).then(() => h.roles.presidium.post(`${path}/close`, {}));
    const [res, closed] = await Promise.all([Promise.all(jobs), closing]);
    expect(closed.status).toBe(200);
    const ok = res.filter((r) => r.status === 200).length;
    for (const r of res.filter((x) => x.status !== 200)) expect(r.body.error.code).toBe('vote_closed');
    expect(await stored(voteId)).toBe(ok);
    // The roll kept at the close and the tally agree with what was acknowledged.
    const tally = await h.roles.scrutineer.post(`${path}/tally`, {});
    expect(tally.body.totals.cast).toBe(ok);
  });

  it('refuses per cast inside a batch without sinking the others', async () => {
    const { h, voteId, tokens } = await openVote(10);
    const good = marksOf(h.candidateIds, 'F--');
    const res = await Promise.all([cast(tokens[0], good), cast(tokens[1], { nope: 'for' }), cast(tokens[2], { [h.candidateIds[0]]: 'maybe' }), cast(tokens[3], good)]);
    expect(res.map((r) => r.status)).toEqual([200, 400, 400, 200]);
    expect(res[1].body.error.code).toBe('ballot_marks');
    expect(await stored(voteId)).toBe(2);
  });
});
