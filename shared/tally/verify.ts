/**
 * Recount a published vote from its two files and compare with every published figure (design §10). Used by
 * `npm run verify` and by the server's own self-check before it publishes.
 */
import { Bulletin, Result } from './format.ts';
import { methodOf } from '../ballot/methods/index.ts';
import { bulletinDigests, sortBallots, tally } from './tally.ts';

export type Verdict = { kind: 'match' } | { kind: 'mismatch'; differences: string[] } | { kind: 'malformed'; message: string };

function parse(name: string, text: string, schema: typeof Bulletin | typeof Result): { ok: true; value: unknown } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `${name} is not JSON: ${(e as Error).message}` };
  }
  const r = schema.safeParse(json);
  if (!r.success) {
    const first = r.error.issues.slice(0, 5).map((i) => `${i.path.length ? i.path.join('.') : '(top)'}: ${i.message}`);
    return { ok: false, message: `${name} is not a valid ${schema === Bulletin ? 'minsheng-bulletin/1' : 'minsheng-result/1'} file — ${first.join('; ')}` };
  }
  return { ok: true, value: r.data };
}

const list = (a: string[]) => `[${a.join(', ')}]`;

export async function verifyFiles(bulletinText: string, resultText: string): Promise<Verdict> {
  const b = parse('bulletin', bulletinText, Bulletin);
  if (!b.ok) return { kind: 'malformed', message: b.message };
  const r = parse('result', resultText, Result);
  if (!r.ok) return { kind: 'malformed', message: r.message };
  return compare(b.value as Bulletin, r.value as Result);
}

export async function compare(bulletin: Bulletin, published: Result): Promise<Verdict> {
  const diffs: string[] = [];
  const ids = bulletin.vote.candidates.map((c) => c.id);

  // The bulletin itself: sorted receipts, ballots in canonical order with keys in candidate order, one receipt each.
  const sortedReceipts = [...bulletin.receipts].sort();
  if (sortedReceipts.some((x, i) => x !== bulletin.receipts[i])) diffs.push('bulletin: receipts are not sorted');
  if (new Set(bulletin.receipts).size !== bulletin.receipts.length) diffs.push('bulletin: a receipt appears more than once');
  const method = methodOf(bulletin.vote.markMode);
  const canonical = sortBallots(bulletin.ballots.map((x) => method.canonical(x, ids)));
  if (JSON.stringify(canonical) !== JSON.stringify(bulletin.ballots)) diffs.push('bulletin: ballots are not in canonical order (sorted by JSON text, keys in candidate order, no abstain marks)');
  if (bulletin.receipts.length !== bulletin.ballots.length) diffs.push(`bulletin: ${bulletin.receipts.length} receipts but ${bulletin.ballots.length} ballots`);

  if (published.voteId !== bulletin.vote.id) diffs.push(`voteId: published ${published.voteId}, bulletin ${bulletin.vote.id}`);
  const digests = await bulletinDigests(bulletin);
  for (const k of ['receipts', 'ballots'] as const) {
    if (published.digests[k] !== digests[k]) diffs.push(`digest of ${k}: published ${published.digests[k]}, recomputed ${digests[k]}`);
  }

  const recount = tally(bulletin);
  for (const k of ['void', 'seated', 'present', 'issued', 'cast', 'valid', 'invalid', 'threshold', 'unfilledSeats'] as const) {
    if (published[k] !== recount[k]) diffs.push(`${k}: published ${published[k]}, recount ${recount[k]}`);
  }
  const pub = new Map(published.candidates.map((c) => [c.id, c]));
  for (const c of recount.candidates) {
    const p = pub.get(c.id);
    if (!p) {
      diffs.push(`candidate ${c.id}: missing from the result`);
      continue;
    }
    for (const k of ['for', 'against', 'abstain'] as const) if (p[k] !== c[k]) diffs.push(`candidate ${c.id} ${k}: published ${p[k]}, recount ${c[k]}`);
  }
  for (const p of published.candidates) if (!ids.includes(p.id)) diffs.push(`candidate ${p.id}: in the result but not on the bulletin`);
  if (published.candidates.length === recount.candidates.length && published.candidates.some((c, i) => c.id !== recount.candidates[i].id)) diffs.push('candidates: not in the bulletin\'s order');
  if (list(published.elected) !== list(recount.elected)) diffs.push(`elected: published ${list(published.elected)}, recount ${list(recount.elected)}`);
  if (list(published.tied) !== list(recount.tied)) diffs.push(`tied: published ${list(published.tied)}, recount ${list(recount.tied)}`);
  return diffs.length ? { kind: 'mismatch', differences: diffs } : { kind: 'match' };
}
