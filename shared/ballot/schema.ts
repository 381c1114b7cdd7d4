import { z } from 'zod';
import { MarkMode, ThresholdBase } from '../congress/settings.ts';
import { SessionParams } from '../session/schema.ts';
import { QUESTION_KINDS } from './questions.ts';
import { MOTION_KINDS, MOTION_THRESHOLD_BASES } from './motion-kinds.ts';
import { MarkMode as AnyMarkMode } from './marks-schema.ts';

export const VoteParams = SessionParams.extend({ voteId: z.uuid() });

const Threshold = z
  .object({ base: ThresholdBase, numerator: z.int().min(1).max(1000), denominator: z.int().min(1).max(1000), strict: z.boolean() })
  .refine((t) => t.numerator <= t.denominator, { message: 'fraction_over_one', path: ['numerator'] });

/** A sitting's motions in card order: each at most once. */
const MotionIds = z
  .array(z.uuid())
  .max(50)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'duplicate' });

/**
 * Rules default to the congress's settings and the list's seats; they can be adjusted until the vote opens. A vote asks
 * the list's question (the projects), the motions named (a sitting, 表决事项单), or both; neither is `sitting_empty`.
 */
export const CreateVote = z.object({
  listId: z.uuid().optional(),
  /** Motions of the session put on this vote's card, in card order (they can still be changed while it is a draft). */
  motionIds: MotionIds.optional(),
  /** Where the project question sits among the motions: before the motion at this index (0: first; default last). */
  listPosition: z.int().min(0).max(1000).optional(),
  title: z.string().trim().min(1).max(120),
  seats: z.int().min(1).max(100).optional(),
  markMode: MarkMode.optional(),
  maxFor: z.int().min(1).max(100).optional(),
  threshold: Threshold.optional(),
  spareCards: z.int().min(0).max(500).optional(),
  /** A re-vote names the closed vote it follows; that vote stays on record unchanged. */
  previousVoteId: z.uuid().optional(),
});
export const UpdateVote = CreateVote.omit({ listId: true, previousVoteId: true, motionIds: true, listPosition: true })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'empty_update' });

export const GenerateCards = z.object({ spareCards: z.int().min(0).max(500).optional() });
/** The two figures a presidium member saw and confirmed when more cards were issued than representatives present. */
export const IssuanceFigures = z.object({ issued: z.int().min(0), present: z.int().min(0) });
export const OpenVote = z.object({
  countdownSeconds: z.int().min(10).max(7200).optional(),
  /** Needed, with exactly the current figures, when more cards were issued than representatives are present. */
  confirmOverIssue: IssuanceFigures.optional(),
});
/** What the desk shows after issuance is recorded: the figures and whether more cards are out than people present. */
export const IssuanceResult = IssuanceFigures.extend({ overIssued: z.boolean() });
export const IssueByScan = z.object({ card: z.string().trim().min(8).max(2000) });
export const IssueByCount = z.object({ count: z.int().min(0).max(100000) });
export const VoidCard = z.object({ serial: z.string().trim().min(8).max(9) });

export const VoteState = z.enum(['draft', 'open', 'closed']);

// ---- motions (议题) and the questions of a card ----
export const MotionParams = SessionParams.extend({ motionId: z.uuid() });
export const MotionKind = z.enum(MOTION_KINDS);
/** A motion's rule: more than half of all seated by default; the base is seated or present representatives. */
export const MotionThreshold = z
  .object({ base: z.enum(MOTION_THRESHOLD_BASES), numerator: z.int().min(1).max(1000), denominator: z.int().min(1).max(1000), strict: z.boolean() })
  .refine((t) => t.numerator <= t.denominator, { message: 'fraction_over_one', path: ['numerator'] });
/** Without a title, the kind's usual wording (shared/ballot/motion-kinds.ts) with the session's name. */
export const CreateMotion = z.object({
  kind: MotionKind,
  title: z.string().trim().min(1).max(200).optional(),
  body: z.string().trim().max(20000).optional(),
  threshold: MotionThreshold.optional(),
  /** kind 'decision' only (and required there): the published project vote whose final list it adopts. */
  decidesVoteId: z.uuid().optional(),
});
export const UpdateMotion = z
  .object({ title: z.string().trim().min(1).max(200), body: z.string().trim().max(20000), threshold: MotionThreshold })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'empty_update' });
/** What a sitting asks, in card order: its motions, and where its project question (if it has a list) stands among them. */
export const SetQuestions = z.object({ motionIds: MotionIds, listPosition: z.int().min(0).max(1000) });

/** draft: on no sitting; on_sitting: its sitting not opened; voting; closed (not yet published); passed / failed once published. */
export const MOTION_STATES = ['draft', 'on_sitting', 'voting', 'closed', 'passed', 'failed'] as const;
export const Motion = z.object({
  id: z.string(),
  sessionId: z.string(),
  kind: MotionKind,
  title: z.string(),
  body: z.string(),
  threshold: z.object({ base: z.enum(MOTION_THRESHOLD_BASES), numerator: z.int(), denominator: z.int(), strict: z.boolean() }),
  voteId: z.string().nullable(),
  position: z.int(),
  decidesVoteId: z.string().nullable(),
  state: z.enum(MOTION_STATES),
  /** Once its sitting's result is published: its figures and whether it passed (a void sitting: not passed). */
  result: z.object({ for: z.int(), against: z.int(), abstain: z.int(), valid: z.int(), threshold: z.int(), passed: z.boolean() }).nullable(),
  createdAt: z.string(),
});
export type Motion = z.infer<typeof Motion>;

const Candidate = z.object({ id: z.string(), position: z.int(), title: z.string(), plannedInvestment: z.string(), leadDepartment: z.string(), plannedCompletion: z.string() });
/**
 * One question of a card, in card order: the projects (the vote's list; `id` = the vote's id) or a motion (`id` = the
 * motion's id, its one candidate is itself, with empty project fields). The marks of a ballot are keyed by candidate id.
 */
export const Question = z.object({
  id: z.string(),
  kind: z.enum(QUESTION_KINDS),
  motionKind: MotionKind.nullable(),
  title: z.string(),
  body: z.string(),
  markMode: AnyMarkMode,
  seats: z.int(),
  maxFor: z.int(),
  threshold: z.object({ base: ThresholdBase, numerator: z.int(), denominator: z.int(), strict: z.boolean() }),
  candidates: z.array(Candidate),
});
export type QuestionView = z.infer<typeof Question>;
/** How cards reach the representatives: each scanned at the desk, or a count handed out. */
export const ISSUANCE_MODES = ['scan', 'count'] as const;
/** regular, runoff (再次投票), further (另行表决) or revote (after a void vote). */
export const VOTE_KINDS = ['regular', 'runoff', 'further', 'revote'] as const;
/** A paper card's entry by one counter: pending its second entry, matched, mismatched, or resolved by the chief. */
export const PAPER_ENTRY_STATES = ['pending', 'matched', 'mismatch', 'resolved'] as const;
export const Vote = z.object({
  id: z.string(),
  sessionId: z.string(),
  /** The project question's list; null for a sitting of motions only. */
  listId: z.string().nullable(),
  /** Where the project question sits among the motions (its index on the card). */
  listPosition: z.int(),
  title: z.string(),
  seats: z.int(),
  markMode: MarkMode,
  maxFor: z.int(),
  threshold: z.object({ base: ThresholdBase, numerator: z.int(), denominator: z.int(), strict: z.boolean() }),
  spareCards: z.int(),
  state: VoteState,
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  countdownEndsAt: z.string().nullable(),
  rollAtOpen: z.object({ seated: z.int(), present: z.int() }).nullable(),
  rollAtClose: z.object({ seated: z.int(), present: z.int() }).nullable(),
  cards: z.object({ generated: z.int(), issued: z.int(), voided: z.int(), commitment: z.string().nullable(), issuanceMode: z.enum(ISSUANCE_MODES) }),
  /**
   * Representatives present beside the cards issued: as counted now while the vote is a draft or open, at the close
   * afterwards; `overIssued` when cards.issued is greater (发出票数多于出席人数: warned at the desk, confirmed at opening).
   */
  issuance: z.object({ present: z.int(), overIssued: z.boolean() }),
  /** The only figure served while a vote is open. */
  cast: z.int(),
  /** The project question's candidates (empty for a sitting of motions only). */
  candidates: z.array(Candidate),
  /** Every question on the card, in card order (a plain project vote: its one question). */
  questions: z.array(Question),
  previousVoteId: z.string().nullable(),
  /** regular, runoff (再次投票), further (另行表决) or revote (after a void vote). */
  kind: z.enum(VOTE_KINDS),
});
export type Vote = z.infer<typeof Vote>;

export const PrintCard = z.object({ serial: z.string(), url: z.string(), qrSvg: z.string(), issued: z.boolean(), voided: z.boolean() });

// ---- the tablet ----
export const BallotToken = z.object({ token: z.string().min(20).max(2000) });
/** A kiosk is set up with its congress (`/b?c=`) and, when known, the vote (`&v=`) to pick the card of that vote. */
export const BallotBySerial = z.object({ congressId: z.uuid(), serial: z.string().trim().min(8).max(9), voteId: z.uuid().optional() });
/**
 * `retry`: a random secret the tablet makes for this one ballot (at least 128 bits, base64url) and sends with every
 * attempt. A repeat of a cast card is answered with its receipt only when it carries the same secret and the same marks;
 * every other repeat gets the same refusal, so holding a card tells nothing about how it was marked.
 */
export const RETRY_SECRET = /^[A-Za-z0-9_-]{22,86}$/;
export const CastBallot = z.object({ token: z.string().min(20).max(2000), marks: z.record(z.string().max(64), z.string().max(10)), retry: z.string().regex(RETRY_SECRET).optional() });
export const BallotView = z.object({
  token: z.string(),
  serial: z.string(),
  vote: z.object({ id: z.string(), title: z.string(), seats: z.int(), markMode: MarkMode, maxFor: z.int(), state: VoteState, countdownEndsAt: z.string().nullable() }),
  candidates: Vote.shape.candidates,
  /** Every question on the card, in card order: the tablet walks them one by one and casts once. */
  questions: Vote.shape.questions,
});
export const Receipt = z.object({ receipt: z.string() });

export const PaperEntry = z.object({ card: z.string().trim().min(8).max(2000), marks: z.record(z.string().max(64), z.string().max(10)) });
export const ResolvePaper = z.object({ serial: z.string().trim().min(8).max(9), marks: z.record(z.string().max(64), z.string().max(10)) });
export const PaperResult = z.object({ serial: z.string(), state: z.enum(['awaiting_second', 'counted', 'mismatch']) });
export const PaperPending = z.array(
  z.object({ serial: z.string(), state: z.enum(['awaiting_second', 'mismatch']), entries: z.array(z.object({ marks: z.record(z.string(), z.string()) })) }),
);
