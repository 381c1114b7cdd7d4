/**
 * Group commit for evaluation answers (see lib/group-commit.ts): residents answering on their phones at the same time
 * are stored together, each getting its answer only after the commit. Per submission the rules of a single one stay:
 * the round open at commit time (a close waits for the batch, or the batch sees it closed), every item of every target
 * answered once, the code spent exactly once (its hash, unique) in the same transaction as the answers. The answer and
 * comment rows of the whole batch are written in one shuffled order, so rows cannot be grouped back into submissions.
 */
import { checkAnswer, QUESTIONS, type QuestionKindName } from '../../shared/evaluation/kinds.ts';
import type { Database, RawQuery } from '../db/client.ts';
import { AppError } from '../lib/errors.ts';
import { batchQueue, decideEach, lockThenRead, type GroupCommit, type Outcome } from '../lib/group-commit.ts';
import { type Items, itemsOf, type TargetKind } from '../../shared/evaluation/schema.ts';
import type { EvalPayload } from './codes.ts';
import { codeHash } from './codes.ts';
import { EVAL_LOCK, roundState } from './rounds.ts';


type Answer = { targetKind: TargetKind; targetId: string; itemId: string; answer: string };
type Comment = { targetKind: TargetKind; targetId: string; text: string };
export type PendingSubmission = { payload: EvalPayload; answers: Answer[]; comments: Comment[] };
type RoundRow = { id: string; opened_at: Date | null; closed_at: Date | null; published_at: Date | null; audiences: string[]; items: Items; allow_unknown: boolean };

function shuffle<T>(xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

/**
 * What is wrong with one submission against its round, or null. Every choice item of every target answered once with
 * a choice of the item's kind (not 不了解 where the round does not offer it); a comment item may be left empty.
 */
function check(p: PendingSubmission, round: RoundRow | undefined, targets: { kind: string; id: string }[], spent: boolean): AppError | null {
  if (!round || !round.audiences.includes(p.payload.a)) return new AppError('eval_code_invalid');
  const state = roundState({ openedAt: round.opened_at, closedAt: round.closed_at, publishedAt: round.published_at });
  if (state === 'draft') return new AppError('round_not_open');
  if (state !== 'open') return new AppError('eval_round_closed');
  if (spent) return new AppError('eval_code_used');
  const items = new Map<string, { kind: QuestionKindName; label: string }>();
  let required = 0;
  for (const t of targets)
    for (const item of itemsOf(round.items, t.kind as TargetKind)) {
      items.set(`${t.kind}:${t.id}:${item.id}`, { kind: item.kind, label: item.label });
      if (!QUESTIONS[item.kind].text) required++;
    }
  const got = new Set<string>();
  let answeredRequired = 0;
  for (const a of p.answers) {
    const key = `${a.targetKind}:${a.targetId}:${a.itemId}`;
    const item = items.get(key);
    if (!item) return new AppError('eval_answer_unknown');
    if (got.has(key)) return new AppError('eval_answer_twice');
    const fit = checkAnswer(item.kind, item.kind === 'comment' ? a.answer.trim() : a.answer, round.allow_unknown);
    if (fit === 'unknown_not_offered') return new AppError('eval_unknown_not_allowed');
    if (fit === 'invalid') return new AppError('eval_answer_invalid', { item: item.label, itemId: a.itemId });
    got.add(key);
    if (!QUESTIONS[item.kind].text) answeredRequired++;
  }
  if (answeredRequired !== required) return new AppError('eval_answers_missing', { n: required - answeredRequired });
  const targetKeys = new Set(targets.map((t) => `${t.kind}:${t.id}`));
  for (const cm of p.comments) if (!targetKeys.has(`${cm.targetKind}:${cm.targetId}`)) return new AppError('eval_answer_unknown');
  return null;
}

/** The kind of each item of a round, by target kind and item id. */
const kindOf = (round: RoundRow | undefined, targetKind: string, itemId: string) => (round ? itemsOf(round.items, targetKind as TargetKind).find((i) => i.id === itemId)?.kind : undefined);

async function storeIn(q: RawQuery, batch: PendingSubmission[]): Promise<Outcome<{ ok: true }>[]> {
  const roundIds = JSON.stringify([...new Set(batch.map((p) => p.payload.r))].sort());
  const hashes = batch.map((p) => codeHash(p.payload.c));
  // The shared shape (lib/group-commit.ts): the shared lock on the rounds, then what the rounds are, their targets, and
  // which codes are spent.
  const [rounds, targetRows, spentRows] = await lockThenRead<[RoundRow[], { round_id: string; kind: string; target_id: string }[], { code_hash: string }[]]>(q, EVAL_LOCK, batch.map((p) => p.payload.r), () => [
    q<RoundRow>(`select id, opened_at, closed_at, published_at, audiences, items, allow_unknown from eval_rounds where id in (select jsonb_array_elements_text($1::jsonb))`, [roundIds]),
    q<{ round_id: string; kind: string; target_id: string }>(`select round_id, kind, target_id from eval_targets where round_id in (select jsonb_array_elements_text($1::jsonb))`, [roundIds]),
    q<{ code_hash: string }>(`select code_hash from eval_spent where code_hash in (select jsonb_array_elements_text($1::jsonb))`, [JSON.stringify(hashes)]),
  ]);
  const roundById = new Map(rounds.map((r) => [r.id, r]));
  const targetsOf = (id: string) => targetRows.filter((t) => t.round_id === id).map((t) => ({ kind: t.kind, id: t.target_id }));
  const spent = new Set(spentRows.map((r) => r.code_hash));
  const accepted: number[] = [];
  const out = decideEach(batch, (p, i) => {
    // The same code twice in one batch: the first one spends it.
    const error = check(p, roundById.get(p.payload.r), targetsOf(p.payload.r), spent.has(hashes[i]));
    if (error) throw error;
    spent.add(hashes[i]);
    accepted.push(i);
    return { ok: true as const };
  });
  if (accepted.length === 0) return out;
  // Spend the codes; one spent meanwhile by another instance is not returned and its submission is refused.
  const spentNow = await q<{ code_hash: string }>(
    `insert into eval_spent (code_hash, round_id, audience) select x.h, x.r, x.a from jsonb_to_recordset($1::jsonb) as x(h text, r text, a text) on conflict do nothing returning code_hash`,
    [JSON.stringify(accepted.map((i) => ({ h: hashes[i], r: batch[i].payload.r, a: batch[i].payload.a })))],
  );
  const won = new Set(spentNow.map((r) => r.code_hash));
  const answers: { id: string; r: string; a: string; k: string; t: string; i: string; v: string }[] = [];
  const comments: { id: string; r: string; a: string; k: string; t: string; i: string | null; x: string }[] = [];
  for (const i of accepted) {
    const p = batch[i];
    if (!won.has(hashes[i])) {
      out[i] = { ok: false, error: new AppError('eval_code_used') };
      continue;
    }
    const round = roundById.get(p.payload.r);
    for (const a of p.answers) {
      // A comment item's answer is its text, kept with the comments (the same rules; shown only sorted).
      if (kindOf(round, a.targetKind, a.itemId) === 'comment') {
        const text = a.answer.trim();
        if (text.length > 0) comments.push({ id: crypto.randomUUID(), r: p.payload.r, a: p.payload.a, k: a.targetKind, t: a.targetId, i: a.itemId, x: text });
      } else answers.push({ id: crypto.randomUUID(), r: p.payload.r, a: p.payload.a, k: a.targetKind, t: a.targetId, i: a.itemId, v: a.answer });
    }
    for (const c of p.comments) if (c.text.length > 0) comments.push({ id: crypto.randomUUID(), r: p.payload.r, a: p.payload.a, k: c.targetKind, t: c.targetId, i: null, x: c.text });
  }
  const writes: Promise<unknown>[] = [];
  if (answers.length)
    writes.push(
      q(
        `insert into eval_answers (id, round_id, audience, target_kind, target_id, item_id, answer)
         select x.id, x.r, x.a, x.k, x.t, x.i, x.v from jsonb_to_recordset($1::jsonb) as x(id text, r text, a text, k text, t text, i text, v text)`,
        [JSON.stringify(shuffle(answers))],
      ),
    );
  if (comments.length)
    writes.push(
      q(
        `insert into eval_comments (id, round_id, audience, target_kind, target_id, item_id, text)
         select x.id, x.r, x.a, x.k, x.t, x.i, x.x from jsonb_to_recordset($1::jsonb) as x(id text, r text, a text, k text, t text, i text, x text)`,
        [JSON.stringify(shuffle(comments))],
      ),
    );
  await Promise.all(writes);
  return out;
}

const queues = new WeakMap<Database, GroupCommit<PendingSubmission, { ok: true }>>();
export function submissionQueue(database: Database) {
  let g = queues.get(database);
  if (!g) queues.set(database, (g = batchQueue(database, 'evaluation', storeIn)));
  return g;
}
