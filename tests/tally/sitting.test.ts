/**
 * One card, several questions (design §4, §10; SPEC §15): motions and a project vote on one ballot, tallied question by
 * question as pure functions, and verified by the offline verifier (format /2) — including a ballot invalid for one
 * question beside its valid ones, and each kind of tampering.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runVerify } from '../../server/cli/verify.ts';
import { canonicalBallot, invalidQuestions, normaliseBallot, questionsProblem, type Question } from '../../shared/ballot/questions.ts';
import { methodOf, type Marks } from '../../shared/ballot/methods/index.ts';
import { BULLETIN_FORMAT_2, type BulletinV2, type ResultV2 } from '../../shared/tally/format.ts';
import { resultQuestions } from '../../shared/tally/sitting.ts';
import { bulletinDigests, sortBallots, tally, tallySitting } from '../../shared/tally/tally.ts';
import { verifyFiles } from '../../shared/tally/verify.ts';

const MAJORITY = { base: 'seated' as const, numerator: 1, denominator: 2, strict: true };
const TWO_THIRDS_PRESENT = { base: 'present' as const, numerator: 2, denominator: 3, strict: false };

/** agenda (motion), name list (motion, 2/3 of present), projects a–d with 2 seats (more than half of the valid ballots). */
const SPECS: BulletinV2['vote']['questions'] = [
  { id: 'm-agenda', kind: 'motion', motionKind: 'agenda', title: '议程', markMode: 'motion', seats: 1, maxFor: 1, threshold: MAJORITY, candidates: [{ id: 'm-agenda', title: '议程' }] },
  { id: 'm-names', kind: 'motion', motionKind: 'name_list', title: '名单', markMode: 'motion', seats: 1, maxFor: 1, threshold: TWO_THIRDS_PRESENT, candidates: [{ id: 'm-names', title: '名单' }] },
  {
    id: 'v1',
    kind: 'projects',
    title: '项目',
    markMode: 'for_against_abstain',
    seats: 2,
    maxFor: 2,
    threshold: { base: 'valid', numerator: 1, denominator: 2, strict: true },
    candidates: ['a', 'b', 'c', 'd'].map((id) => ({ id, title: id.toUpperCase() })),
  },
];
const QUESTIONS: Question[] = SPECS.map((q) => ({ ...q, candidateIds: q.candidates.map((c) => c.id) }));

/** A ballot from a compact notation: agenda mark, name-list mark, then a–d: 'F' for, 'A' against, '.' abstain. */
function ballot(s: string): Marks {
  const keys = ['m-agenda', 'm-names', 'a', 'b', 'c', 'd'];
  const out: Marks = {};
  [...s].forEach((ch, i) => {
    if (ch === 'F') out[keys[i]] = 'for';
    else if (ch === 'A') out[keys[i]] = 'against';
  });
  return out;
}

function bulletin(ballots: string[], counts: Partial<BulletinV2['counts']> = {}): BulletinV2 {
  return {
    format: BULLETIN_FORMAT_2,
    vote: { id: 'v1', title: '第一次全体会议表决事项', questions: SPECS },
    counts: { seated: counts.seated ?? 10, present: counts.present ?? 9, issued: counts.issued ?? ballots.length },
    receipts: ballots.map((_, i) => `R${String(i).padStart(4, '0')}`),
    ballots: sortBallots(ballots.map((b) => canonicalBallot(ballot(b), QUESTIONS))),
  };
}

// Nine ballots; the last two over-mark the project question (three 赞成 for two seats): invalid for the projects
// only — their motion marks still count.
const NINE = ['FFFF..', 'FFFF..', 'FFFA..', 'FF.FF.', 'FAF.F.', 'AF.F.F', 'FF..FF', 'F.FFF.', 'FFFFF.'];

describe('questions of one card', () => {
  it('normalises raw marks question by question and refuses a key of no question or a mark a method does not allow', () => {
    expect(normaliseBallot({ b: 'for', 'm-agenda': 'abstain', a: 'against', 'm-names': 'for' }, QUESTIONS)).toEqual({ ok: true, marks: { 'm-names': 'for', a: 'against', b: 'for' } });
    expect(normaliseBallot({ x: 'for' }, QUESTIONS)).toEqual({ ok: false, reason: 'unknown_candidate' });
    expect(normaliseBallot({ 'm-agenda': 'maybe' }, QUESTIONS)).toEqual({ ok: false, reason: 'bad_mark' });
  });

  it('finds an over-marked question invalid on its own', () => {
    const marks = ballot('FAFFF.');
    expect([...invalidQuestions(marks, QUESTIONS).keys()]).toEqual(['v1']);
    expect(invalidQuestions(ballot('FAFF..'), QUESTIONS).size).toBe(0);
  });

  it('refuses a card whose questions share a key', () => {
    expect(questionsProblem([{ id: 'q1', candidateIds: ['a'] }, { id: 'q2', candidateIds: ['a'] }])).toMatch(/two questions/);
    expect(questionsProblem(QUESTIONS)).toBeNull();
  });

  it('the motion method: 赞成/反对/弃权 on one key, canonical without abstentions', () => {
    const m = methodOf('motion');
    expect(m.marks).toEqual(['for', 'against', 'abstain']);
    expect(m.canonical({ x: 'abstain' }, ['x'])).toEqual({});
    expect(m.invalid({ x: 'for' }, { maxFor: 1 })).toBeNull();
  });
});

describe('tallySitting', () => {
  const count = tallySitting(bulletin(NINE));
  const q = (id: string) => count.questions.find((x) => x.id === id)!;

  it('counts the card once and each question on its own', () => {
    expect(count).toMatchObject({ format: 'minsheng-result/2', voteId: 'v1', void: false, seated: 10, present: 9, issued: 9, cast: 9 });
    expect(count.questions.map((x) => x.id)).toEqual(['m-agenda', 'm-names', 'v1']);
  });

  it('passes the agenda by more than half of all seated: 8 赞成 of 10 seated (needs 6)', () => {
    expect(q('m-agenda')).toMatchObject({ kind: 'motion', valid: 9, invalid: 0, threshold: 6, passed: true, elected: ['m-agenda'], candidates: [{ id: 'm-agenda', for: 8, against: 1, abstain: 0 }] });
  });

  it('a name list by two-thirds of those present: 7 赞成 of 9 present reaches 6 → passed; with 5 it would not', () => {
    expect(q('m-names')).toMatchObject({ threshold: 6, passed: true, candidates: [{ id: 'm-names', for: 7, against: 1, abstain: 1 }] });
    const fewer = tallySitting(bulletin(['FA....', 'FA....', 'FA....', 'FF....', 'FF....', 'FF....', 'FF....', 'FF....', 'F.....']));
    expect(fewer.questions[1]).toMatchObject({ passed: false, elected: [], candidates: [{ for: 5, against: 3, abstain: 1 }] });
  });

  it('an over-marked project question is invalid for the projects only; the motions on the same ballots count', () => {
    // 7 valid → more than half is 4.
    expect(q('v1')).toMatchObject({ kind: 'projects', valid: 7, invalid: 2, threshold: 4, passed: null });
    expect(q('m-agenda').valid + q('m-agenda').invalid).toBe(9);
    expect(q('v1').candidates).toEqual([
      { id: 'a', for: 4, against: 0, abstain: 3 },
      { id: 'b', for: 4, against: 1, abstain: 2 },
      { id: 'c', for: 3, against: 0, abstain: 4 },
      { id: 'd', for: 2, against: 0, abstain: 5 },
    ]);
    expect(q('v1').elected).toEqual(['a', 'b']);
    expect(q('v1').unfilledSeats).toBe(0);
  });

  it('more ballots than cards issued voids every question: nothing passes, no one is elected', () => {
    const v = tallySitting(bulletin(NINE, { issued: 8 }));
    expect(v.void).toBe(true);
    expect(v.questions.every((x) => x.elected.length === 0)).toBe(true);
    expect(v.questions.filter((x) => x.kind === 'motion').map((x) => x.passed)).toEqual([false, false]);
  });

  it('a card with one project question counts exactly as the /1 tally', () => {
    const one: BulletinV2 = { ...bulletin(NINE), vote: { id: 'v1', title: 't', questions: [SPECS[2]] } };
    one.ballots = sortBallots(one.ballots.map((b) => canonicalBallot(b, [QUESTIONS[2]])));
    const v2 = tallySitting(one).questions[0];
    const { format: _f, questions: _q, ...card } = { ...tallySitting(one) };
    const v1 = tally({ format: 'minsheng-bulletin/1', vote: { id: 'v1', title: 't', seats: 2, markMode: 'for_against_abstain', maxFor: 2, threshold: SPECS[2].threshold, candidates: SPECS[2].candidates }, counts: one.counts, receipts: one.receipts, ballots: one.ballots });
    expect({ ...card, valid: v2.valid, invalid: v2.invalid, threshold: v2.threshold, candidates: v2.candidates, elected: v2.elected, tied: v2.tied, unfilledSeats: v2.unfilledSeats }).toEqual({ ...v1, format: undefined, voteId: 'v1' });
    expect(resultQuestions({ ...v1, digests: { receipts: '0'.repeat(64), ballots: '0'.repeat(64) } }).questions[0]).toEqual({ ...v2, id: 'v1' });
  });
});

describe('verifying a sitting (format /2)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitting-verify-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function files(b: BulletinV2) {
    const result: ResultV2 = { ...tallySitting(b), digests: await bulletinDigests(b), cardsCommitment: null };
    return { bulletin: JSON.stringify(b), result: JSON.stringify(result), parsed: result };
  }

  it('matches its own files and the CLI prints each question', async () => {
    const f = await files(bulletin(NINE));
    expect(await verifyFiles(f.bulletin, f.result)).toEqual({ kind: 'match' });
    writeFileSync(join(dir, 'b.json'), f.bulletin);
    writeFileSync(join(dir, 'r.json'), f.result);
    const out: string[] = [];
    // Either order: the files say what they are.
    expect(await runVerify(['--', join(dir, 'r.json'), join(dir, 'b.json')], (l) => out.push(l), (l) => out.push(l))).toBe(0);
    expect(out[0]).toBe('MATCH');
    expect(out.filter((l) => /^\s+\d\. /.test(l))).toHaveLength(3);
    expect(out.join('\n')).toMatch(/m-names: valid \/ 有效 9, invalid \/ 无效 0, threshold \/ 票数线 6 — passed \/ 通过/);
  });

  it('names each kind of tampering', async () => {
    const b = bulletin(NINE);
    const f = await files(b);
    const tamper = async (mutate: (r: ResultV2) => void) => {
      const r = structuredClone(f.parsed);
      mutate(r);
      return verifyFiles(f.bulletin, JSON.stringify(r));
    };
    expect(await tamper((r) => (r.questions[0].passed = false))).toEqual({ kind: 'mismatch', differences: ['question m-agenda: passed: published false, recount true'] });
    expect(await tamper((r) => (r.questions[2].invalid = 0))).toMatchObject({ kind: 'mismatch', differences: ['question v1: invalid: published 0, recount 2'] });
    expect(await tamper((r) => (r.questions[1].candidates[0].against = 0))).toMatchObject({ differences: ['question m-names: candidate m-names against: published 0, recount 1'] });
    expect(await tamper((r) => r.questions.reverse())).toMatchObject({ differences: ["questions: not in the bulletin's order"] });
    expect(await tamper((r) => r.questions.pop())).toMatchObject({ differences: ['question v1: missing from the result'] });
    // A ballot changed in the bulletin: the digest no longer matches and the recount differs.
    const changed = structuredClone(b);
    changed.ballots[0] = { ...changed.ballots[0], 'm-agenda': 'for' };
    changed.ballots = sortBallots(changed.ballots);
    const v = await verifyFiles(JSON.stringify(changed), f.result);
    expect(v.kind).toBe('mismatch');
    expect(v.kind === 'mismatch' && v.differences.some((d) => d.startsWith('digest of ballots'))).toBe(true);
    // A mark on no question of the card, and an abstention left in: refused as the files' own form.
    const stray = structuredClone(b);
    stray.ballots[0] = { ...stray.ballots[0], zz: 'for' };
    expect(await verifyFiles(JSON.stringify(stray), f.result)).toMatchObject({ kind: 'malformed', message: expect.stringMatching(/on no question of the card/) });
    const abstain = structuredClone(b);
    abstain.ballots[0] = { ...abstain.ballots[0], a: 'abstain' };
    expect(await verifyFiles(JSON.stringify(abstain), f.result)).toMatchObject({ kind: 'mismatch', differences: expect.arrayContaining([expect.stringMatching(/canonical order/)]) });
  });

  it('refuses a /2 bulletin with a /1 result, and a card whose questions share a key', async () => {
    const f = await files(bulletin(NINE));
    const v1Result = JSON.stringify({ ...JSON.parse(f.result), format: 'minsheng-result/1' });
    expect(await verifyFiles(f.bulletin, v1Result)).toMatchObject({ kind: 'malformed', message: expect.stringMatching(/not of one vote/) });
    const shared = structuredClone(bulletin(NINE));
    shared.vote.questions[1] = { ...shared.vote.questions[1], candidates: [{ id: 'm-agenda', title: 'x' }] };
    expect(await verifyFiles(JSON.stringify(shared), f.result)).toMatchObject({ kind: 'malformed', message: expect.stringMatching(/appears twice on the card/) });
  });
});
