import { z } from 'zod';
import { MarkMode, ThresholdBase } from '../congress/settings.ts';
import { SessionParams } from '../session/schema.ts';

export const VoteParams = SessionParams.extend({ voteId: z.uuid() });

const Threshold = z
  .object({ base: ThresholdBase, numerator: z.int().min(1).max(1000), denominator: z.int().min(1).max(1000), strict: z.boolean() })
  .refine((t) => t.numerator <= t.denominator, { message: 'fraction_over_one', path: ['numerator'] });

/** Rules default to the congress's settings and the list's seats; they can be adjusted until the vote opens. */
export const CreateVote = z.object({
  listId: z.uuid(),
  title: z.string().trim().min(1).max(120),
  seats: z.int().min(1).max(100).optional(),
  markMode: MarkMode.optional(),
  maxFor: z.int().min(1).max(100).optional(),
  threshold: Threshold.optional(),
  spareCards: z.int().min(0).max(500).optional(),
  /** A re-vote names the closed vote it follows; that vote stays on record unchanged. */
  previousVoteId: z.uuid().optional(),
});
export const UpdateVote = CreateVote.omit({ listId: true, previousVoteId: true })
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
/** How cards reach the representatives: each scanned at the desk, or a count handed out. */
export const ISSUANCE_MODES = ['scan', 'count'] as const;
/** regular, runoff (再次投票), further (另行表决) or revote (after a void vote). */
export const VOTE_KINDS = ['regular', 'runoff', 'further', 'revote'] as const;
/** A paper card's entry by one counter: pending its second entry, matched, mismatched, or resolved by the chief. */
export const PAPER_ENTRY_STATES = ['pending', 'matched', 'mismatch', 'resolved'] as const;
export const Vote = z.object({
  id: z.string(),
  sessionId: z.string(),
  listId: z.string(),
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
  candidates: z.array(z.object({ id: z.string(), position: z.int(), title: z.string(), plannedInvestment: z.string(), leadDepartment: z.string(), plannedCompletion: z.string() })),
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
});
export const Receipt = z.object({ receipt: z.string() });

export const PaperEntry = z.object({ card: z.string().trim().min(8).max(2000), marks: z.record(z.string().max(64), z.string().max(10)) });
export const ResolvePaper = z.object({ serial: z.string().trim().min(8).max(9), marks: z.record(z.string().max(64), z.string().max(10)) });
export const PaperResult = z.object({ serial: z.string(), state: z.enum(['awaiting_second', 'counted', 'mismatch']) });
export const PaperPending = z.array(
  z.object({ serial: z.string(), state: z.enum(['awaiting_second', 'mismatch']), entries: z.array(z.object({ marks: z.record(z.string(), z.string()) })) }),
);
