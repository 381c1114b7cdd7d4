/**
 * The verification files of a published vote (design §10): a stable public format. One definition validates them on the
 * server, in `npm run verify` and in the browser.
 */
import { z } from 'zod';
import { Mark, MarkMode } from '../ballot/marks-schema.ts';
import { methodOf } from '../ballot/methods/index.ts';
import { QUESTION_KINDS } from '../ballot/questions.ts';
import { THRESHOLD_BASES } from '../congress/settings.ts';

export const BULLETIN_FORMAT = 'minsheng-bulletin/1';
export const RESULT_FORMAT = 'minsheng-result/1';
/** A card with several questions (a sitting: motions and a project vote, design §4): the files of version 2. */
export const BULLETIN_FORMAT_2 = 'minsheng-bulletin/2';
export const RESULT_FORMAT_2 = 'minsheng-result/2';

const count = z.int().min(0).max(10_000_000);
const id = z.string().min(1).max(200);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'sha256_hex');

export const ThresholdRule = z.object({
  base: z.enum(THRESHOLD_BASES),
  numerator: z.int().min(1).max(1000),
  denominator: z.int().min(1).max(1000),
  strict: z.boolean(),
});
export type ThresholdRule = z.infer<typeof ThresholdRule>;

export const Bulletin = z
  .object({
    format: z.literal(BULLETIN_FORMAT),
    vote: z.object({
      id,
      title: z.string().max(500),
      seats: z.int().min(1).max(1000),
      markMode: MarkMode,
      maxFor: z.int().min(0).max(1000),
      threshold: ThresholdRule,
      candidates: z.array(z.object({ id, title: z.string().max(500) })).min(1).max(1000),
    }),
    counts: z.object({ seated: count, present: count, issued: count }),
    receipts: z.array(z.string().min(1).max(200)),
    // Which marks a method allows in its ballots is the method's (`bulletinMarkProblem`, checked below).
    ballots: z.array(z.record(z.string(), Mark)),
  })
  .superRefine((b, ctx) => {
    const ids = new Set<string>();
    for (const [i, c] of b.vote.candidates.entries()) {
      if (ids.has(c.id)) ctx.addIssue({ code: 'custom', message: `duplicate candidate id "${c.id}"`, path: ['vote', 'candidates', i, 'id'] });
      ids.add(c.id);
    }
    const method = methodOf(b.vote.markMode);
    for (const [i, ballot] of b.ballots.entries()) {
      for (const [cid, mark] of Object.entries(ballot)) {
        const problem = ids.has(cid) ? method.bulletinMarkProblem(mark) : `marks "${cid}", which is not a candidate`;
        if (problem) ctx.addIssue({ code: 'custom', message: `ballot ${i + 1} ${problem}`, path: ['ballots', i] });
      }
    }
  });
export type Bulletin = z.infer<typeof Bulletin>;

export const CandidateCount = z.object({ id, for: count, against: count, abstain: count });
export type CandidateCount = z.infer<typeof CandidateCount>;

export const Result = z.object({
  format: z.literal(RESULT_FORMAT),
  voteId: id,
  void: z.boolean(),
  seated: count,
  present: count,
  issued: count,
  cast: count,
  valid: count,
  invalid: count,
  threshold: count,
  candidates: z.array(CandidateCount),
  elected: z.array(id),
  tied: z.array(id),
  unfilledSeats: count,
  digests: z.object({ receipts: sha256, ballots: sha256 }),
  /** SHA-256 of the sorted ballot ids, published when the cards were made (not recomputable from the bulletin). */
  cardsCommitment: sha256.nullable().optional(),
});
export type Result = z.infer<typeof Result>;
/** What the tally computes; the digests are added from the bulletin's text. */
export type Count = Omit<Result, 'digests' | 'cardsCommitment'>;

// ---- version 2: one card, several questions ----

/** One question of a card: the project vote over the list, or a motion (议题) whose one "candidate" is itself. */
export const QuestionSpec = z.object({
  id,
  kind: z.enum(QUESTION_KINDS),
  /** A motion's kind (agenda, name_list, decision, resolution, other); absent for the project question. */
  motionKind: z.string().min(1).max(40).optional(),
  title: z.string().max(500),
  markMode: MarkMode,
  seats: z.int().min(1).max(1000),
  maxFor: z.int().min(0).max(1000),
  threshold: ThresholdRule,
  candidates: z.array(z.object({ id, title: z.string().max(500) })).min(1).max(1000),
});
export type QuestionSpec = z.infer<typeof QuestionSpec>;

export const BulletinV2 = z
  .object({
    format: z.literal(BULLETIN_FORMAT_2),
    vote: z.object({ id, title: z.string().max(500), questions: z.array(QuestionSpec).min(1).max(50) }),
    counts: z.object({ seated: count, present: count, issued: count }),
    receipts: z.array(z.string().min(1).max(200)),
    ballots: z.array(z.record(z.string(), Mark)),
  })
  .superRefine((b, ctx) => {
    // Every key of the card belongs to one question: a question id and a candidate id are each used once.
    const owner = new Map<string, QuestionSpec>();
    const qids = new Set<string>();
    for (const [qi, q] of b.vote.questions.entries()) {
      if (qids.has(q.id)) ctx.addIssue({ code: 'custom', message: `duplicate question id "${q.id}"`, path: ['vote', 'questions', qi, 'id'] });
      qids.add(q.id);
      for (const [i, c] of q.candidates.entries()) {
        if (owner.has(c.id)) ctx.addIssue({ code: 'custom', message: `candidate id "${c.id}" appears twice on the card`, path: ['vote', 'questions', qi, 'candidates', i, 'id'] });
        owner.set(c.id, q);
      }
    }
    for (const [i, ballot] of b.ballots.entries()) {
      for (const [cid, mark] of Object.entries(ballot)) {
        const q = owner.get(cid);
        const problem = q ? methodOf(q.markMode).bulletinMarkProblem(mark) : `marks "${cid}", which is on no question of the card`;
        if (problem) ctx.addIssue({ code: 'custom', message: `ballot ${i + 1} ${problem}`, path: ['ballots', i] });
      }
    }
  });
export type BulletinV2 = z.infer<typeof BulletinV2>;

/** One question's count. `passed` says a motion's outcome (null for the project question: see `elected`). */
export const QuestionCount = z.object({
  id,
  kind: z.enum(QUESTION_KINDS),
  valid: count,
  invalid: count,
  threshold: count,
  candidates: z.array(CandidateCount),
  elected: z.array(id),
  tied: z.array(id),
  unfilledSeats: count,
  passed: z.boolean().nullable(),
});
export type QuestionCount = z.infer<typeof QuestionCount>;

export const ResultV2 = z.object({
  format: z.literal(RESULT_FORMAT_2),
  voteId: id,
  void: z.boolean(),
  seated: count,
  present: count,
  issued: count,
  cast: count,
  questions: z.array(QuestionCount),
  digests: z.object({ receipts: sha256, ballots: sha256 }),
  cardsCommitment: sha256.nullable().optional(),
});
export type ResultV2 = z.infer<typeof ResultV2>;
export type CountV2 = Omit<ResultV2, 'digests' | 'cardsCommitment'>;

/** Either version of each file (`npm run verify` and the pages read both). */
export type AnyBulletin = Bulletin | BulletinV2;
export type AnyResult = Result | ResultV2;
