/** The ballot stage's API routes, each once (shared/contract.ts): votes, their cards and paper ballots, and the hall tablets. */
import { z } from 'zod';
import { route } from '../contract.ts';
import { SessionParams } from '../session/schema.ts';
import { BallotBySerial, BallotToken, BallotView, CastBallot, CreateMotion, CreateVote, GenerateCards, Motion, MotionParams, SetQuestions, UpdateMotion, IssuanceResult, IssueByCount, IssueByScan, OpenVote, PaperEntry, PaperPending, PaperResult, PrintCard, Receipt, ResolvePaper, UpdateVote, Vote, VoidCard, VoteParams } from './schema.ts';

const tag = 'ballot';
const Ok = z.object({ ok: z.literal(true) });
const base = '/congresses/:congressId/sessions/:sessionId/votes';
const one = `${base}/:voteId` as const;

export const listVotes = route({
  method: 'GET',
  path: base,
  tag,
  summary: 'Votes of a session (only the count of ballots cast while a vote is open)',
  permission: 'ballot.read',
  params: SessionParams,
  response: z.array(Vote),
  errors: ['session_meeting_not_found'],
});

export const createVote = route({
  method: 'POST',
  path: base,
  tag,
  summary: 'Create a vote over a frozen candidate list; rules default to the congress settings',
  permission: 'ballot.votes.manage',
  params: SessionParams,
  body: CreateVote,
  status: 201,
  response: Vote,
  errors: [
    'session_meeting_not_found',
    'list_not_found',
    'list_not_frozen_for_vote',
    'vote_not_found',
    'vote_not_closed_for_revote',
    'sitting_empty',
    'motion_not_found',
    'motion_other_session',
    'motion_on_other_vote',
  ],
});

export const getVote = route({
  method: 'GET',
  path: one,
  tag,
  summary: 'One vote',
  permission: 'ballot.read',
  params: VoteParams,
  response: Vote,
  errors: ['vote_not_found'],
});

export const updateVote = route({
  method: 'PATCH',
  path: one,
  tag,
  summary: 'Adjust the rules before the vote opens',
  permission: 'ballot.votes.manage',
  params: VoteParams,
  body: UpdateVote,
  response: Vote,
  errors: ['vote_not_found', 'vote_started'],
});

export const setQuestions = route({
  method: 'PUT',
  path: `${one}/questions`,
  tag,
  summary: 'What a sitting (表决事项单) asks, in card order: its motions, and where its project question stands among them',
  description: 'Only while the vote is a draft and before its cards are made: the card carries the questions. Motions taken off go back to the session unplaced.',
  permission: 'ballot.votes.manage',
  params: VoteParams,
  body: SetQuestions,
  response: Vote,
  errors: ['vote_not_found', 'vote_started', 'cards_exist', 'sitting_empty', 'motion_not_found', 'motion_other_session', 'motion_on_other_vote'],
});

export const generateCards = route({
  method: 'POST',
  path: `${one}/cards`,
  tag,
  summary: 'Make the ballot cards (present + spare) and publish their commitment',
  permission: 'ballot.cards.manage',
  params: VoteParams,
  body: GenerateCards,
  status: 201,
  response: z.object({ cards: z.int(), commitment: z.string() }),
  errors: ['vote_not_found', 'vote_started', 'cards_exist'],
});

export const printCards = route({
  method: 'GET',
  path: `${one}/cards`,
  tag,
  summary: 'The cards to print: serial and QR of `<origin>/b#<token>`',
  description: 'Tokens leave the server only while the vote is a draft (printing): once it opens, this answers 409 cards_locked.',
  permission: 'ballot.cards.manage',
  params: VoteParams,
  response: z.object({ vote: z.object({ title: z.string(), commitment: z.string().nullable() }), cards: z.array(PrintCard) }),
  errors: ['vote_not_found', 'cards_locked'],
});

export const issueCard = route({
  method: 'POST',
  path: `${one}/issue`,
  tag,
  summary:
    'Record a card as handed out by scanning it (QR or serial); never to whom. Answers the cards issued and the representatives present (overIssued: more cards out than people)',
  permission: 'ballot.cards.manage',
  params: VoteParams,
  body: IssueByScan,
  response: IssuanceResult.extend({ serial: z.string(), alreadyIssued: z.boolean() }),
  errors: ['vote_not_found', 'vote_closed', 'cards_missing', 'card_serial_unknown', 'card_signature', 'card_other_vote', 'card_voided'],
});

export const issueByCount = route({
  method: 'POST',
  path: `${one}/issue-count`,
  tag,
  summary: 'Record the number of cards handed out (when they are not scanned); answers it with the representatives present (overIssued: more cards out than people)',
  permission: 'ballot.cards.manage',
  params: VoteParams,
  body: IssueByCount,
  response: IssuanceResult.extend({ ok: z.literal(true) }),
  errors: ['vote_not_found', 'vote_closed'],
});

export const voidCard = route({
  method: 'POST',
  path: `${one}/void`,
  tag,
  summary: 'Void a spoiled card by its serial',
  permission: 'ballot.cards.manage',
  params: VoteParams,
  body: VoidCard,
  response: Ok,
  errors: ['vote_not_found', 'vote_closed', 'card_serial_unknown', 'card_already_cast'],
});

export const openVote = route({
  method: 'POST',
  path: `${one}/open`,
  tag,
  summary:
    'Open the vote (presidium); needs the cards and the quorum. With more cards issued than representatives present it answers 409 over_issued (details: issued, present) unless `confirmOverIssue` repeats those two numbers; the audit entry keeps the confirmation',
  permission: 'ballot.votes.run',
  params: VoteParams,
  body: OpenVote,
  response: Vote,
  errors: ['vote_not_found', 'vote_started', 'cards_missing', 'sitting_empty', 'quorum_not_met', 'over_issued'],
});

export const closeVote = route({
  method: 'POST',
  path: `${one}/close`,
  tag,
  summary: 'Close the vote (presidium): its cards are refused from now on',
  permission: 'ballot.votes.run',
  params: VoteParams,
  response: Vote,
  errors: ['vote_not_found', 'vote_not_open', 'vote_closed'],
});

export const enterPaper = route({
  method: 'POST',
  path: `${one}/paper`,
  tag,
  summary: 'A counter keys in a paper ballot (after the close); two agreeing entries make the ballot',
  permission: 'ballot.paper.count',
  params: VoteParams,
  body: PaperEntry,
  response: PaperResult,
  errors: [
    'vote_not_found',
    'paper_needs_close',
    'tally_prepared',
    'card_signature',
    'card_other_vote',
    'card_serial_unknown',
    'card_voided',
    'card_not_issued',
    'card_used',
    'ballot_marks',
    'paper_mismatch',
    'paper_same_counter',
  ],
});

export const listPaper = route({
  method: 'GET',
  path: `${one}/paper`,
  tag,
  summary: 'Paper ballots waiting for a second entry or for the scrutineers',
  permission: 'ballot.paper.count',
  params: VoteParams,
  response: PaperPending,
  errors: ['vote_not_found'],
});

export const resolvePaper = route({
  method: 'POST',
  path: `${one}/paper/resolve`,
  tag,
  summary: 'The scrutineers record what a paper ballot with differing entries says',
  permission: 'ballot.paper.count',
  params: VoteParams,
  body: ResolvePaper,
  response: Ok,
  errors: ['vote_not_found', 'paper_needs_close', 'tally_prepared', 'card_serial_unknown', 'paper_nothing_to_resolve', 'ballot_marks'],
});

// ---- motions (议题): the questions a session votes besides the projects, put on a sitting's card

const motions = '/congresses/:congressId/sessions/:sessionId/motions';

export const listMotions = route({
  method: 'GET',
  path: motions,
  tag,
  summary: 'Motions of a session, with their sitting, state and (once published) result',
  permission: 'ballot.read',
  params: SessionParams,
  response: z.array(Motion),
  errors: ['session_meeting_not_found'],
});

export const createMotion = route({
  method: 'POST',
  path: motions,
  tag,
  summary: 'Create a motion (agenda, name list, decision, resolution, other); without a title it gets its kind’s usual wording',
  permission: 'ballot.votes.manage',
  params: SessionParams,
  body: CreateMotion,
  status: 201,
  response: Motion,
  errors: ['session_meeting_not_found', 'motion_decides_needed', 'motion_decides_invalid', 'decision_exists'],
});

export const updateMotion = route({
  method: 'PATCH',
  path: `${motions}/:motionId`,
  tag,
  summary: 'Change a motion’s title, text or rule while its sitting has not opened',
  permission: 'ballot.votes.manage',
  params: MotionParams,
  body: UpdateMotion,
  response: Motion,
  errors: ['motion_not_found', 'motion_locked'],
});

export const deleteMotion = route({
  method: 'DELETE',
  path: `${motions}/:motionId`,
  tag,
  summary: 'Delete a motion while it is on no sitting, or its sitting has neither opened nor made its cards',
  permission: 'ballot.votes.manage',
  params: MotionParams,
  response: Ok,
  errors: ['motion_not_found', 'motion_locked'],
});

// ---- the hall tablets: no account; the signed card is the credential. The token travels in the body, never the URL.

/** A tablet set up for one vote names it: a card of another vote is refused (card_other_vote). */
const ExpectedVote = z.object({ voteId: z.uuid().optional() });
const CARD_REFUSALS = ['card_signature', 'card_other_vote', 'vote_not_open', 'vote_closed', 'card_voided', 'card_not_issued'] as const;

export const openBallot = route({
  method: 'POST',
  path: '/public/ballot/open',
  tag,
  summary: 'Show the ballot of a scanned card (the vote and its candidates)',
  permission: 'public',
  body: BallotToken.extend(ExpectedVote.shape),
  response: BallotView,
  errors: [...CARD_REFUSALS],
  quiet: true,
});

export const openBallotBySerial = route({
  method: 'POST',
  path: '/public/ballot/by-serial',
  tag,
  summary: 'Find a card by the serial typed from it',
  description: 'Misses count against the address (rate_limited past the limit), so serials cannot be tried at will.',
  permission: 'public',
  body: BallotBySerial,
  response: BallotView,
  errors: ['card_serial_unknown', 'rate_limited', ...CARD_REFUSALS],
  quiet: true,
});

export const castBallot = route({
  method: 'POST',
  path: '/public/ballot/cast',
  tag,
  summary: 'Cast: answers a receipt; a repeat with the same retry secret and marks answers the same receipt, any other repeat card_used',
  description: 'Repeats of a cast card are counted per card: past the limit they answer rate_limited.',
  permission: 'public',
  body: CastBallot.extend(ExpectedVote.shape),
  response: Receipt,
  errors: [...CARD_REFUSALS, 'ballot_marks', 'card_used', 'rate_limited'],
  quiet: true,
});
export * from './decision-contract.ts';
