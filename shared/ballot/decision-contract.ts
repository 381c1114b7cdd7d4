/**
 * The decision on the livelihood projects (关于实施XXXX年民生实事项目的决定, SPEC §15): drafted from a published project
 * vote as a motion of kind 'decision' (staff edit it with the motion routes, the presidium puts it on a sitting), and
 * once its sitting passes it and is published, ADOPTED: public, printable, and linked from the projects it adopted.
 */
import { z } from 'zod';
import { route } from '../contract.ts';
import { CongressId } from '../congress/schema.ts';
import { VoteState } from './schema.ts';

const tag = 'ballot';

export const DecisionVoteParams = CongressId.extend({ voteId: z.uuid() });
export const DecisionParams = CongressId.extend({ motionId: z.uuid() });

/**
 * Where a decision stands: drafted (on no sitting), on a sitting not yet opened, being voted, closed (its tally not
 * published), adopted (its sitting published and it passed), or failed (published and not passed, or the sitting void).
 */
export const DECISION_STATES = ['draft', 'on_sitting', 'voting', 'closed', 'adopted', 'failed'] as const;
export const DecisionState = z.enum(DECISION_STATES);

/** The motion's figures once its sitting is published (赞成 / 反对 / 弃权 against the threshold). */
export const DecisionFigures = z.object({
  seated: z.int(),
  present: z.int(),
  cast: z.int(),
  valid: z.int(),
  invalid: z.int(),
  for: z.int(),
  against: z.int(),
  abstain: z.int(),
  threshold: z.int(),
  passed: z.boolean(),
});
export type DecisionFigures = z.infer<typeof DecisionFigures>;

/** The decision as the staff see it. */
export const Decision = z.object({
  motionId: z.string(),
  sessionId: z.string(),
  session: z.object({ name: z.string(), date: z.string() }),
  title: z.string(),
  body: z.string(),
  /** The project vote decided: the first vote of its chain, and every vote of the chain. */
  decidesVoteId: z.string(),
  decidesVoteTitle: z.string(),
  chainVoteIds: z.array(z.string()),
  /** The sitting it is put to. */
  sitting: z.object({ voteId: z.string(), sessionId: z.string(), title: z.string(), state: VoteState }).nullable(),
  state: DecisionState,
  /** When its sitting's result was published, if it passed. */
  adoptedAt: z.string().nullable(),
  /** （2026年3月5日…第三次会议通过） once adopted. */
  adoptionLine: z.string().nullable(),
  figures: DecisionFigures.nullable(),
  createdAt: z.string(),
});
export type Decision = z.infer<typeof Decision>;

/** An adopted decision as anyone may read it. */
export const PublicDecision = z.object({
  motionId: z.string(),
  congress: z.object({ id: z.string(), name: z.string() }),
  session: z.object({ id: z.string(), name: z.string(), date: z.string() }),
  title: z.string(),
  body: z.string(),
  adoptedAt: z.string(),
  /** （2026年3月5日青山镇第十八届人民代表大会第三次会议通过） */
  adoptionLine: z.string(),
  /** The sitting that adopted it (its result page: /r/<voteId>) and the project vote it decides. */
  sitting: z.object({ voteId: z.string(), title: z.string() }),
  decidesVoteId: z.string(),
  figures: DecisionFigures,
  /** The projects it adopted (their public pages). */
  projects: z.array(z.object({ id: z.string(), title: z.string() })),
});
export type PublicDecision = z.infer<typeof PublicDecision>;

/** What a project says of the decision that adopted it. */
export const ProjectDecision = z.object({ motionId: z.string(), title: z.string(), adoptedAt: z.string() });

export const draftDecision = route({
  method: 'POST',
  path: '/congresses/:congressId/votes/:voteId/decision',
  tag,
  summary: 'Draft the decision on the livelihood projects from a published project vote (a motion of kind decision, in the vote’s session)',
  description:
    'Any vote of the chain (the vote and its runoff / further vote / revote) names the chain. Only once every vote of the chain is published and the list is final; one decision per chain (a failed one may be drafted again). The staff then edit it with the motion routes and put it on a sitting.',
  permission: 'ballot.votes.manage',
  params: DecisionVoteParams,
  status: 201,
  response: Decision,
  errors: ['vote_not_found', 'decision_not_project_vote', 'decision_needs_published', 'decision_exists'],
});

export const listDecisions = route({
  method: 'GET',
  path: '/congresses/:congressId/decisions',
  tag,
  summary: 'The decisions drafted in a congress, adopted or not (newest first)',
  permission: 'ballot.read',
  params: CongressId,
  response: z.array(Decision),
});

export const getDecision = route({
  method: 'GET',
  path: '/congresses/:congressId/decisions/:motionId',
  tag,
  summary: 'One decision as the staff see it',
  permission: 'ballot.read',
  params: DecisionParams,
  response: Decision,
  errors: ['decision_not_found'],
});

export const listPublicDecisions = route({
  method: 'GET',
  path: '/public/congresses/:congressId/decisions',
  tag,
  summary: 'The adopted decisions of a congress, with their text, adoption date and the sitting’s figures (newest first)',
  permission: 'public',
  params: CongressId,
  response: z.array(PublicDecision),
  errors: ['congress_not_found'],
});

export const getPublicDecision = route({
  method: 'GET',
  path: '/public/congresses/:congressId/decisions/:motionId',
  tag,
  summary: 'One adopted decision (404 until adopted)',
  permission: 'public',
  params: DecisionParams,
  response: PublicDecision,
  errors: ['decision_not_found'],
});
