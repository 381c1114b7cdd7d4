/**
 * The marks oracle (issue 18, item 1): holding a card's token must tell nothing about how it was marked. Before, a
 * repeat with the same marks answered 200 and the receipt, with other marks 409 — the marks of a 12-candidate ballot
 * were found in 91 requests. Now only the tablet that cast it (its random retry secret, and the same marks) gets the
 * receipt again; every other repeat gets the same refusal; opening a card does not say whether it was cast; tokens
 * leave the server only while the vote is a draft; repeats per card are limited (across instances: two server
 * processes in tests/reliability/two-instances.test.ts).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Client, useTestApp } from '../helpers/app.ts';
import * as B from '../../shared/ballot/contract.ts';
import { CARD_REPEAT_LIMIT } from '../../server/ballot/cast.ts';
import { openVote, retrySecret } from '../reliability/ledger.ts';
import { marksOf } from '../tally/helpers.ts';

const t = useTestApp();
// Any body, as a caller holding a token may send: kept raw (the oracle tries what the schema would not type).
const cast = (body: Record<string, unknown>) => new Client(t).post('/api/public/ballot/cast', body);
/** What an answer tells: status and body without the request id (which differs by request). */
const seen = (r: { status: number; body: any }) => JSON.stringify({ status: r.status, body: { ...r.body, error: r.body.error ? { ...r.body.error, requestId: undefined } : undefined } });

describe('a repeat of a cast card', () => {
  it('without the secret: the same answer whatever the marks — the stored marks cannot be guessed', async () => {
    const { h, jobs } = await openVote(t, 3);
    const [job] = jobs;
    const first = await cast({ token: job.token, marks: job.marks, retry: job.retry });
    expect(first.status).toBe(200);
    // Every possible ballot over the three candidates (27), as an attacker holding the card would try them.
    const all: Record<string, string>[] = [];
    for (let i = 0; i < 27; i++) all.push(Object.fromEntries(h.candidateIds.map((id, k) => [id, ['for', 'against', 'abstain'][Math.floor(i / 3 ** k) % 3]])));
    const answers = [];
    for (const marks of all.slice(0, CARD_REPEAT_LIMIT.perCard)) answers.push(await cast({ token: job.token, marks }));
    expect(new Set(answers.map(seen)).size).toBe(1);
    expect(answers[0].status).toBe(409);
    expect(answers[0].body.error?.code).toBe('card_used');
    expect(answers.some((a) => a.body.receipt)).toBe(false);
  });

  it("with the tablet's secret and the same marks: the first receipt; any other repeat: the same refusal as without", async () => {
    const { h, jobs } = await openVote(t, 3);
    const [job] = jobs;
    const first = await cast({ token: job.token, marks: job.marks, retry: job.retry });
    const again = await cast({ token: job.token, marks: job.marks, retry: job.retry });
    expect(again.status).toBe(200);
    expect(again.body.receipt).toBe(first.body.receipt);
    const refusals = [
      await cast({ token: job.token, marks: job.marks }), // no secret
      await cast({ token: job.token, marks: job.marks, retry: retrySecret() }), // another secret
      await cast({ token: job.token, marks: marksOf(h.candidateIds, 'AAA'), retry: job.retry }), // the secret, other marks
      await cast({ token: job.token, marks: marksOf(h.candidateIds, 'AAA') }),
    ];
    expect(new Set(refusals.map(seen)).size).toBe(1);
    expect(refusals[0].body.error?.code).toBe('card_used');
  });

  it('keeps only a hash of the secret beside the ballot, and the secret nowhere', async () => {
    const { voteId, jobs } = await openVote(t, 3);
    const [job] = jobs;
    expect((await cast({ token: job.token, marks: job.marks, retry: job.retry })).status).toBe(200);
    const [row] = await t.database.query<{ retry_hash: string }>('select retry_hash from ballots where vote_id = $1', [voteId]);
    expect(row.retry_hash).toBe(createHash('sha256').update(job.retry).digest('hex'));
    const [{ found }] = await t.database.query<{ found: number }>(
      `select count(*)::int as found from ballots b where b.vote_id = $1 and (to_jsonb(b)::text like '%' || $2 || '%')`,
      [voteId, job.retry],
    );
    expect(found).toBe(0);
  });

  it('is refused past the limit per card, with Retry-After', async () => {
    const { jobs } = await openVote(t, 3);
    const [job] = jobs;
    await cast({ token: job.token, marks: job.marks, retry: job.retry });
    for (let i = 0; i < CARD_REPEAT_LIMIT.perCard; i++) expect((await cast({ token: job.token, marks: {} })).status).toBe(409);
    const over = await cast({ token: job.token, marks: job.marks, retry: job.retry });
    expect(over.status).toBe(429);
    expect(over.body.error?.code).toBe('rate_limited');
    expect(over.headers.get('retry-after')).toMatch(/^\d+$/);
    // Another card is not affected.
    expect((await cast({ token: jobs[1].token, marks: jobs[1].marks, retry: jobs[1].retry })).status).toBe(200);
  });
});

describe('a card before and after its cast', () => {
  it('opens the same way: a token holder cannot watch when a card is cast', async () => {
    const { jobs } = await openVote(t, 3);
    const [job] = jobs;
    const before = await new Client(t).call(B.openBallot, { body: { token: job.token } });
    await cast({ token: job.token, marks: job.marks, retry: job.retry });
    const after = await new Client(t).call(B.openBallot, { body: { token: job.token } });
    expect(before.status).toBe(200);
    expect(after.status).toBe(200);
    const strip = (b: any) => ({ ...b, vote: { ...b.vote, countdownEndsAt: null }, token: undefined });
    expect(strip(after.body)).toEqual(strip(before.body));
  });
});

describe('card tokens', () => {
  it('are listed and printed only while the vote is a draft', async () => {
    const { h, voteId } = await openVote(t, 3);
    const res = await h.roles.scrutineer.call(B.printCards, { params: { congressId: h.congressId, sessionId: h.sessionId, voteId } });
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('cards_locked');
    expect(res.text).not.toMatch(/eyJ/); // no token in the refusal
  });
});
