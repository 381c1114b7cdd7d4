/** The tally stage's API routes, each once (shared/contract.ts): the count, its sign-offs and publication, what follows a result, and the public results. */
import { z } from 'zod';
import { Vote } from '../ballot/schema.ts';
import { route } from '../contract.ts';
import {
  CheckReceipt,
  FollowUpVote,
  PublicCongressParams,
  PublicResult,
  PublicSessionParams,
  PublicVoteParams,
  PublishedVote,
  ReceiptCheck,
  ReserveCandidates,
  Screen,
  SignTally,
  TallyReport,
  TallyView,
  VoteParams,
} from './schema.ts';

const tag = 'tally';
const base = '/congresses/:congressId/sessions/:sessionId/votes/:voteId';

export const getTally = route({
  method: 'GET',
  path: `${base}/tally`,
  tag,
  summary: 'The tally of a vote as you may see it (per-candidate figures: scrutineers before publication, everyone after)',
  permission: 'tally.read',
  params: VoteParams,
  response: TallyView,
  errors: ['vote_not_found'],
});

export const prepareTally = route({
  method: 'POST',
  path: `${base}/tally`,
  tag,
  summary: 'Prepare the tally of a closed vote (scrutineer): bulletin, result and digests; nothing can be added afterwards',
  description: 'Only an account holding the scrutineer role itself (a system administrator is not one: 403).',
  permission: 'tally.sign',
  params: VoteParams,
  status: 201,
  response: TallyView,
  errors: ['vote_not_found', 'tally_needs_close', 'tally_prepared', 'tally_paper_pending'],
});

export const signTally = route({
  method: 'POST',
  path: `${base}/tally/signoff`,
  tag,
  summary: 'A scrutineer signs the tally (the chief scrutineer confirms the invalid ballots were re-checked)',
  description: 'Only an account holding the scrutineer role itself (a system administrator is not one: 403).',
  permission: 'tally.sign',
  params: VoteParams,
  body: SignTally,
  response: TallyView,
  errors: ['vote_not_found', 'tally_not_prepared', 'result_published', 'tally_already_signed', 'tally_chief_taken', 'tally_invalid_unchecked'],
});

export const publishTally = route({
  method: 'POST',
  path: `${base}/tally/publish`,
  tag,
  summary: 'The presidium publishes a signed tally; it never changes afterwards',
  description: 'Only an account holding the presidium role itself (a system administrator is not one: 403).',
  permission: 'tally.publish',
  params: VoteParams,
  response: TallyView,
  errors: ['vote_not_found', 'tally_not_prepared', 'result_published', 'tally_signoffs_missing'],
});

export const getTallyReport = route({
  method: 'GET',
  path: `${base}/tally/report`,
  tag,
  summary: '计票结果报告单: every figure, the sign-offs, the digests and a QR of the result digest',
  permission: 'tally.read',
  params: VoteParams,
  response: TallyReport,
  errors: ['vote_not_found', 'tally_not_prepared', 'result_not_published'],
});

/** The three votes that may follow a published result: the same input, answer and refusals but for the kind's own. */
const followUp = { tag, permission: 'tally.followups.create', params: VoteParams, body: FollowUpVote, status: 201, response: Vote } as const;
const followUpErrors = ['vote_not_found', 'result_not_published', 'follow_up_exists'] as const;

export const createRunoff = route({
  method: 'POST',
  path: `${base}/runoff`,
  summary: '再次投票: a new vote among the candidates tied across the last seat, for the seats left',
  ...followUp,
  errors: [...followUpErrors, 'runoff_not_possible'],
});

export const createFurtherVote = route({
  method: 'POST',
  path: `${base}/further`,
  summary: '另行表决: a new vote for unfilled seats among the candidates not elected (when the settings ask for it)',
  ...followUp,
  errors: [...followUpErrors, 'further_not_possible'],
});

export const createRevote = route({
  method: 'POST',
  path: `${base}/revote`,
  summary: 'A new vote after a void one (more ballots cast than cards issued)',
  ...followUp,
  errors: [...followUpErrors, 'revote_not_void'],
});

export const leaveUnfilled = route({
  method: 'POST',
  path: `${base}/leave-unfilled`,
  tag,
  summary: '空缺名额留空: the presidium records that the unfilled seats of a published result stay empty (no further vote follows)',
  description: 'Only an account holding the presidium role itself (a system administrator is not one: 403).',
  permission: 'tally.publish',
  params: VoteParams,
  response: TallyView,
  errors: ['vote_not_found', 'result_not_published', 'unfilled_none', 'unfilled_left', 'follow_up_exists'],
});

export const reserveCandidates = route({
  method: 'POST',
  path: `${base}/reserve`,
  tag,
  summary: 'Send candidates not elected to the reserve pool (储备库): the office (admin, government) or the presidium deciding what follows an unfilled seat',
  permission: 'tally.reserve',
  params: VoteParams,
  body: ReserveCandidates,
  response: z.object({ reserved: z.int() }),
  errors: ['vote_not_found', 'result_not_published', 'reserve_not_on_vote', 'reserve_elected'],
});

// For anyone: published results and their files, the receipt check, the big screen and its live stream.

export const getPublicResult = route({
  method: 'GET',
  path: '/public/votes/:voteId/result',
  tag,
  summary: 'A published result (404 until published)',
  permission: 'public',
  params: PublicVoteParams,
  response: PublicResult,
  errors: ['public_result_not_found'],
});

export const getBulletinFile = route({
  method: 'GET',
  path: '/public/votes/:voteId/bulletin.json',
  tag,
  summary: 'bulletin.json of a published vote (design §10), byte for byte',
  description: 'An attachment (`Content-Disposition: attachment; filename="bulletin.json"`), the bytes the digests were taken of.',
  permission: 'public',
  params: PublicVoteParams,
  errors: ['public_result_not_found'],
});

export const getResultFile = route({
  method: 'GET',
  path: '/public/votes/:voteId/result.json',
  tag,
  summary: 'result.json of a published vote (design §10), byte for byte',
  description: 'An attachment (`Content-Disposition: attachment; filename="result.json"`), the bytes the result digest was taken of.',
  permission: 'public',
  params: PublicVoteParams,
  errors: ['public_result_not_found'],
});

export const listPublishedVotes = route({
  method: 'GET',
  path: '/public/congresses/:congressId/results',
  tag,
  summary: 'The published votes of a congress',
  permission: 'public',
  params: PublicCongressParams,
  response: z.array(PublishedVote),
});

export const checkReceipt = route({
  method: 'POST',
  path: '/public/receipts/check',
  tag,
  summary: 'Is this receipt in a published list of receipts?',
  permission: 'public',
  body: CheckReceipt,
  response: ReceiptCheck,
});

export const getScreen = route({
  method: 'GET',
  path: '/public/sessions/:sessionId/screen',
  tag,
  summary: '大屏: the roll, each vote’s ballots cast and, after publication, its result',
  permission: 'public',
  params: PublicSessionParams,
  response: Screen,
  errors: ['screen_session_not_found'],
});

export const streamScreen = route({
  method: 'GET',
  path: '/public/sessions/:sessionId/events',
  tag,
  summary: 'Server-sent events of the big screen',
  description:
    'Server-sent events: `screen` with the big screen’s data at connect and after each change (from any server instance); a comment line every 15 s. One snapshot per change is shared by every stream of the session. Past the caps: 429 `live_streams_per_address` / 503 `live_streams_full` with Retry-After; a client that does not keep up is dropped (reconnect).',
  permission: 'public',
  params: PublicSessionParams,
  produces: 'event-stream',
  errors: ['screen_session_not_found', 'live_streams_per_address', 'live_streams_full'],
});
