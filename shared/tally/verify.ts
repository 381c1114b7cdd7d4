/**
 * Recount a published vote from its two files and compare with every published figure (design §10). Used by
 * `npm run verify` and by the server's own self-check before it publishes.
 */
import { Bulletin, BULLETIN_FORMAT_2, BulletinV2, Result, RESULT_FORMAT_2, ResultV2 } from './format.ts';
import { methodOf } from '../ballot/methods/index.ts';
import { canonicalBallot } from '../ballot/questions.ts';
import { bulletinDigests, bulletinQuestions, sortBallots, tally, tallySitting } from './tally.ts';

export type Verdict = { kind: 'match' } | { kind: 'mismatch'; differences: string[] } | { kind: 'malformed'; message: string };

type FileSchema = typeof Bulletin | typeof Result | typeof BulletinV2 | typeof ResultV2;
const FORMAT_NAME = new Map<FileSchema, string>([
  [Bulletin, 'minsheng-bulletin/1'],
  [Result, 'minsheng-result/1'],
  [BulletinV2, BULLETIN_FORMAT_2],
  [ResultV2, RESULT_FORMAT_2],
]);

/** The version a file says it is (its `format`), read before the file is checked against that version's schema. */
function versionOf(text: string): 2 | 1 {
  try {
    const f = (JSON.parse(text) as { format?: unknown } | null)?.format;
    return f === BULLETIN_FORMAT_2 || f === RESULT_FORMAT_2 ? 2 : 1;
  } catch {
    return 1;
  }
}

function parse(name: string, text: string, schema: FileSchema): { ok: true; value: unknown } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `${name} is not JSON: ${(e as Error).message}` };
  }
  const r = schema.safeParse(json);
  if (!r.success) {
    const first = r.error.issues.slice(0, 5).map((i) => `${i.path.length ? i.path.join('.') : '(top)'}: ${i.message}`);
    return { ok: false, message: `${name} is not a valid ${FORMAT_NAME.get(schema)} file — ${first.join('; ')}` };
  }
  return { ok: true, value: r.data };
}

const list = (a: string[]) => `[${a.join(', ')}]`;

/** Either version: the bulletin's `format` says which; the result must be of the same version. */
export async function verifyFiles(bulletinText: string, resultText: string): Promise<Verdict> {
  const version = versionOf(bulletinText);
  if (versionOf(resultText) !== version) return { kind: 'malformed', message: `the bulletin is of version ${version} but the result is not: the two files are not of one vote` };
  const b = parse('bulletin', bulletinText, version === 2 ? BulletinV2 : Bulletin);
  if (!b.ok) return { kind: 'malformed', message: b.message };
  const r = parse('result', resultText, version === 2 ? ResultV2 : Result);
  if (!r.ok) return { kind: 'malformed', message: r.message };
  return version === 2 ? compareSitting(b.value as BulletinV2, r.value as ResultV2) : compare(b.value as Bulletin, r.value as Result);
}

/** The checks of the bulletin's own form, for either version: sorted unique receipts, canonical ballots, one receipt each. */
function formProblems(b: Bulletin | BulletinV2, canonical: (marks: Bulletin['ballots'][number]) => Bulletin['ballots'][number], diffs: string[]) {
  const sortedReceipts = [...b.receipts].sort();
  if (sortedReceipts.some((x, i) => x !== b.receipts[i])) diffs.push('bulletin: receipts are not sorted');
  if (new Set(b.receipts).size !== b.receipts.length) diffs.push('bulletin: a receipt appears more than once');
  const ordered = sortBallots(b.ballots.map(canonical));
  if (JSON.stringify(ordered) !== JSON.stringify(b.ballots)) diffs.push('bulletin: ballots are not in canonical order (sorted by JSON text, keys in question and candidate order, no abstain marks)');
  if (b.receipts.length !== b.ballots.length) diffs.push(`bulletin: ${b.receipts.length} receipts but ${b.ballots.length} ballots`);
}

type CandidateFigures = { id: string; for: number; against: number; abstain: number };
type QuestionFigures = { candidates: CandidateFigures[]; elected: string[]; tied: string[] };

/** A question's candidates, elected and tied, published against recounted; `at` names the question in each difference. */
function compareCandidates(published: QuestionFigures, recount: QuestionFigures, at: string, diffs: string[]) {
  const ids = recount.candidates.map((c) => c.id);
  const pub = new Map(published.candidates.map((c) => [c.id, c]));
  for (const c of recount.candidates) {
    const p = pub.get(c.id);
    if (!p) {
      diffs.push(`${at}candidate ${c.id}: missing from the result`);
      continue;
    }
    for (const k of ['for', 'against', 'abstain'] as const) if (p[k] !== c[k]) diffs.push(`${at}candidate ${c.id} ${k}: published ${p[k]}, recount ${c[k]}`);
  }
  for (const p of published.candidates) if (!ids.includes(p.id)) diffs.push(`${at}candidate ${p.id}: in the result but not on the bulletin`);
  if (published.candidates.length === recount.candidates.length && published.candidates.some((c, i) => c.id !== recount.candidates[i].id)) diffs.push(`${at}candidates: not in the bulletin's order`);
  if (list(published.elected) !== list(recount.elected)) diffs.push(`${at}elected: published ${list(published.elected)}, recount ${list(recount.elected)}`);
  if (list(published.tied) !== list(recount.tied)) diffs.push(`${at}tied: published ${list(published.tied)}, recount ${list(recount.tied)}`);
}

/** Version 2: the card's figures once, then each question (its own valid/invalid, threshold, candidates, outcome). */
export async function compareSitting(bulletin: BulletinV2, published: ResultV2): Promise<Verdict> {
  const diffs: string[] = [];
  const questions = bulletinQuestions(bulletin).map((q) => ({ ...q, candidateIds: q.candidates.map((c) => c.id) }));
  formProblems(bulletin, (x) => canonicalBallot(x, questions), diffs);
  if (published.voteId !== bulletin.vote.id) diffs.push(`voteId: published ${published.voteId}, bulletin ${bulletin.vote.id}`);
  const digests = await bulletinDigests(bulletin);
  for (const k of ['receipts', 'ballots'] as const) {
    if (published.digests[k] !== digests[k]) diffs.push(`digest of ${k}: published ${published.digests[k]}, recomputed ${digests[k]}`);
  }
  const recount = tallySitting(bulletin);
  for (const k of ['void', 'seated', 'present', 'issued', 'cast'] as const) {
    if (published[k] !== recount[k]) diffs.push(`${k}: published ${published[k]}, recount ${recount[k]}`);
  }
  const pubQ = new Map(published.questions.map((q) => [q.id, q]));
  for (const q of recount.questions) {
    const p = pubQ.get(q.id);
    if (!p) {
      diffs.push(`question ${q.id}: missing from the result`);
      continue;
    }
    const at = `question ${q.id}: `;
    for (const k of ['kind', 'valid', 'invalid', 'threshold', 'unfilledSeats', 'passed'] as const) if (p[k] !== q[k]) diffs.push(`${at}${k}: published ${p[k]}, recount ${q[k]}`);
    compareCandidates(p, q, at, diffs);
  }
  for (const p of published.questions) if (!recount.questions.some((q) => q.id === p.id)) diffs.push(`question ${p.id}: in the result but not on the bulletin`);
  if (published.questions.length === recount.questions.length && published.questions.some((q, i) => q.id !== recount.questions[i].id)) diffs.push("questions: not in the bulletin's order");
  return diffs.length ? { kind: 'mismatch', differences: diffs } : { kind: 'match' };
}

export async function compare(bulletin: Bulletin, published: Result): Promise<Verdict> {
  const diffs: string[] = [];
  const ids = bulletin.vote.candidates.map((c) => c.id);
  const method = methodOf(bulletin.vote.markMode);
  formProblems(bulletin, (x) => method.canonical(x, ids), diffs);
  if (published.voteId !== bulletin.vote.id) diffs.push(`voteId: published ${published.voteId}, bulletin ${bulletin.vote.id}`);
  const digests = await bulletinDigests(bulletin);
  for (const k of ['receipts', 'ballots'] as const) {
    if (published.digests[k] !== digests[k]) diffs.push(`digest of ${k}: published ${published.digests[k]}, recomputed ${digests[k]}`);
  }
  const recount = tally(bulletin);
  for (const k of ['void', 'seated', 'present', 'issued', 'cast', 'valid', 'invalid', 'threshold', 'unfilledSeats'] as const) {
    if (published[k] !== recount[k]) diffs.push(`${k}: published ${published[k]}, recount ${recount[k]}`);
  }
  compareCandidates(published, recount, '', diffs);
  return diffs.length ? { kind: 'mismatch', differences: diffs } : { kind: 'match' };
}
