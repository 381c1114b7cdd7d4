/** The tally stage's API: sign-off, publication, follow-up votes, public results, receipts and the big screen. */
import { z } from 'zod';
import { Mark, MarkMode } from '../ballot/marks-schema.ts';
import { VOTE_KINDS, VoteParams } from '../ballot/schema.ts';
import { QUESTION_KINDS } from '../ballot/questions.ts';
import { Result, ResultV2 } from './format.ts';
import { HallScreenRound } from '../evaluation/schema.ts';

export { VoteParams };
export const PublicVoteParams = z.object({ voteId: z.uuid() });
export const PublicSessionParams = z.object({ sessionId: z.uuid() });
export const PublicCongressParams = z.object({ congressId: z.uuid() });

export const TallyState = z.enum(['not_prepared', 'prepared', 'published']);
export const VoteKind = z.enum(VOTE_KINDS);
export type VoteKind = z.infer<typeof VoteKind>;

export const Signoff = z.object({ name: z.string(), chief: z.boolean(), at: z.string() });

/** Either version of result.json as published (/1: one vote; /2: a sitting's card with several questions). */
export const AnyResult = z.union([Result, ResultV2]);

/**
 * One question's result with its words, in card order — how every page shows a result, whatever the file's version
 * (a /1 vote is its one project question). `passed`: a motion's outcome (null for the project question, see `elected`).
 * `rule`: the question's threshold rule, `threshold` the number of 赞成 it came to.
 */
export const QuestionResult = z.object({
  id: z.string(),
  kind: z.enum(QUESTION_KINDS),
  motionKind: z.string().nullable(),
  title: z.string(),
  markMode: MarkMode,
  seats: z.int(),
  maxFor: z.int(),
  rule: z.object({ base: z.string(), numerator: z.int(), denominator: z.int(), strict: z.boolean() }),
  valid: z.int(),
  invalid: z.int(),
  threshold: z.int(),
  candidates: z.array(z.object({ id: z.string(), title: z.string(), for: z.int(), against: z.int(), abstain: z.int() })),
  elected: z.array(z.string()),
  tied: z.array(z.string()),
  unfilledSeats: z.int(),
  passed: z.boolean().nullable(),
});
export type QuestionResult = z.infer<typeof QuestionResult>;

/**
 * One vote's tally as the asker may see it. `totals` (no per-candidate figure) show to every role once prepared;
 * `figures` and `invalidBallots` only to scrutineers before publication, and `figures` to everyone after.
 */
export const TallyView = z.object({
  voteId: z.string(),
  state: TallyState,
  /** Distinct scrutineer sign-offs needed (congress setting), one of them by the chief scrutineer. */
  required: z.int(),
  /** Paper ballots waiting for a second entry or for the scrutineers: the tally cannot be prepared until none. */
  paperPending: z.int(),
  preparedAt: z.string().nullable(),
  preparedBy: z.string().nullable(),
  signoffs: z.array(Signoff),
  mySignoff: z.boolean(),
  publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
  /**
   * `overIssued`: cards handed out beyond the representatives present (发出多于实到), 0 when none. On a sitting `invalid`
   * counts the ballots invalid for at least one question (those the chief scrutineer re-checks), `valid` the rest.
   */
  totals: z.object({ seated: z.int(), present: z.int(), issued: z.int(), cast: z.int(), valid: z.int(), invalid: z.int(), void: z.boolean(), overIssued: z.int() }).nullable(),
  /** The project question's figures (null on a sitting of motions only); every question's are in `questions`. */
  figures: z
    .object({
      threshold: z.int(),
      candidates: z.array(z.object({ id: z.string(), title: z.string(), for: z.int(), against: z.int(), abstain: z.int() })),
      elected: z.array(z.string()),
      tied: z.array(z.string()),
      unfilledSeats: z.int(),
    })
    .nullable(),
  /** Every question's figures in card order (shown when `figures` would be: scrutineers before publication, all after). */
  questions: z.array(QuestionResult).nullable(),
  /**
   * 计算机认定的无效票, for the chief scrutineer to re-check: the marks, the card serial for a paper ballot, and the
   * questions (ids) the ballot is invalid for — it still counts for the card's other questions.
   */
  invalidBallots: z.array(z.object({ n: z.int(), marks: z.record(z.string(), Mark), paper: z.boolean(), serial: z.string().nullable(), questions: z.array(z.string()) })).nullable(),
  digests: z.object({ receipts: z.string(), ballots: z.string() }).nullable(),
  /** SHA-256 of result.json as published (its QR is on the tally report). */
  resultDigest: z.string().nullable(),
  cardsCommitment: z.string().nullable(),
  /** Votes that follow this one (runoff, further vote, re-vote). */
  followUps: z.array(z.object({ id: z.string(), title: z.string(), kind: VoteKind })),
  /** What can be started from this published result, with the seats and candidates it would have. */
  next: z.object({
    runoff: z.object({ seats: z.int(), candidateIds: z.array(z.string()) }).nullable(),
    further: z.object({ seats: z.int(), candidateIds: z.array(z.string()) }).nullable(),
    revote: z.boolean(),
    /**
     * Seats of this published result that no candidate filled (not void, no tie): the congress's rule for them, and
     * whether the presidium has recorded that they stay empty (空缺名额留空) or still can.
     */
    vacancy: z
      .object({
        seats: z.int(),
        rule: z.enum(['leave_empty', 'further_vote']),
        leftEmpty: z.object({ at: z.string(), by: z.string() }).nullable(),
        canLeaveEmpty: z.boolean(),
      })
      .nullable(),
    /** Candidates not elected in this vote and the votes after it, that can go to the reserve pool. */
    reservable: z.array(z.object({ id: z.string(), title: z.string(), reserved: z.boolean() })),
  }),
});
export type TallyView = z.infer<typeof TallyView>;

/** The chief scrutineer signs with `chief: true` and confirms the re-check of the invalid ballots. */
export const SignTally = z.object({ chief: z.boolean().default(false), invalidChecked: z.boolean().default(false) });
export const FollowUpVote = z.object({ title: z.string().trim().min(1).max(120).optional() });
export const ReserveCandidates = z.object({ candidateIds: z.array(z.uuid()).min(1).max(200) });

/** 计票结果报告单: everything on the printed report. */
export const TallyReport = z.object({
  congress: z.object({ name: z.string() }),
  session: z.object({ name: z.string(), date: z.string() }),
  vote: z.object({ id: z.string(), title: z.string(), seats: z.int(), markMode: MarkMode, maxFor: z.int(), kind: VoteKind, threshold: z.object({ base: z.string(), numerator: z.int(), denominator: z.int(), strict: z.boolean() }) }),
  state: TallyState,
  /** result.json as published: format /1, or /2 for a sitting (read it through `questions`). */
  result: AnyResult,
  /** The project question's candidates (empty on a sitting of motions only). */
  candidates: z.array(z.object({ id: z.string(), title: z.string() })),
  /** Every question with its figures, in card order: what the report prints. */
  questions: z.array(QuestionResult),
  signoffs: z.array(Signoff),
  publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
  resultDigest: z.string(),
  /** The presidium left the unfilled seats empty (空缺名额留空). */
  vacancyLeft: z.object({ seats: z.int(), at: z.string(), by: z.string() }).nullable(),
  /** QR (SVG) of `<origin>/v/<voteId>#sha256=<resultDigest>`. */
  qrSvg: z.string(),
  verifyUrl: z.string(),
  /** The public receipt check of the congress (`<origin>/r/<congressId>`), printed for representatives. */
  receiptsUrl: z.string(),
});
export type TallyReport = z.infer<typeof TallyReport>;

/** A published vote, for anyone. */
export const PublicResult = z.object({
  congress: z.object({ id: z.string(), name: z.string() }),
  session: z.object({ id: z.string(), name: z.string(), date: z.string() }),
  vote: z.object({ id: z.string(), title: z.string(), seats: z.int(), markMode: MarkMode, kind: VoteKind, maxFor: z.int(), threshold: z.object({ base: z.string(), numerator: z.int(), denominator: z.int(), strict: z.boolean() }) }),
  publishedAt: z.string(),
  /** result.json as published: format /1, or /2 for a sitting (read it through `questions`). */
  result: AnyResult,
  /** The project question's candidates (empty on a sitting of motions only). */
  candidates: z.array(z.object({ id: z.string(), title: z.string() })),
  /** Every question with its figures, in card order. */
  questions: z.array(QuestionResult.extend({ /** A motion's text (empty for the project question). */ body: z.string() })),
  signoffs: z.array(Signoff),
  resultDigest: z.string(),
});
export type PublicResult = z.infer<typeof PublicResult>;

export const PublishedVote = z.object({ voteId: z.string(), title: z.string(), sessionName: z.string(), publishedAt: z.string() });
export const CheckReceipt = z
  .object({ receipt: z.string().trim().min(4).max(40), voteId: z.uuid().optional(), congressId: z.uuid().optional() })
  .refine((r) => r.voteId || r.congressId, { message: 'vote_or_congress', path: ['voteId'] });
export const ReceiptCheck = z.object({ receipt: z.string(), found: z.array(PublishedVote) });

/** 大屏: what the projector shows; before publication only the count of ballots cast. */
export const ScreenVote = z.object({
  id: z.string(),
  title: z.string(),
  kind: VoteKind,
  state: z.enum(['draft', 'open', 'closed']),
  published: z.boolean(),
  seats: z.int(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  countdownEndsAt: z.string().nullable(),
  issued: z.int(),
  /** Representatives present when the vote was opened (closed), to set beside the cards issued. */
  present: z.int(),
  /** Cards handed out beyond those present (发出多于实到), 0 when none. */
  overIssued: z.int(),
  cast: z.int(),
  result: z
    .object({
      void: z.boolean(),
      /** Seated as the result counts them (a motion's 应到 base). */
      seated: z.int(),
      threshold: z.int(),
      valid: z.int(),
      invalid: z.int(),
      candidates: z.array(z.object({ id: z.string(), title: z.string(), for: z.int() })),
      elected: z.array(z.string()),
      tied: z.array(z.string()),
      unfilledSeats: z.int(),
      /**
       * Every question of the card in card order (a plain vote: its one project question). The fields above are the
       * project question's (on a sitting of motions only: empty candidates, threshold/valid/invalid of the first motion).
       */
      questions: z.array(QuestionResult),
    })
    .nullable(),
  /** The questions asked on this vote's card, in order (titles only: nothing about ballots while it is open). */
  questions: z.array(z.object({ id: z.string(), kind: z.enum(QUESTION_KINDS), motionKind: z.string().nullable(), title: z.string() })),
});
export const Screen = z.object({
  congress: z.object({ id: z.string(), name: z.string() }),
  session: z.object({ id: z.string(), name: z.string(), date: z.string() }),
  seated: z.int(),
  present: z.int(),
  quorum: z.object({ needed: z.int(), met: z.boolean() }),
  votes: z.array(ScreenVote),
  /** Each vote with its follow-ups (runoff, further vote, re-vote): the elected across them, the session's final list. */
  finals: z.array(
    z.object({
      voteIds: z.array(z.string()),
      seats: z.int(),
      elected: z.array(z.object({ id: z.string(), title: z.string(), for: z.int(), voteId: z.string(), kind: VoteKind })),
      pending: z.boolean(),
      unfilledSeats: z.int(),
      leftEmpty: z.boolean(),
    }),
  ),
  /** The server's clock, so a countdown is right on a projector whose clock is not. */
  now: z.string(),
  /** 会场测评: the session's hall evaluation rounds (server/evaluation/hall.ts): the count while open, results once published. */
  evaluations: z.array(HallScreenRound),
});
export type Screen = z.infer<typeof Screen>;
