/** The evaluation stage's API routes (满意度测评, design §7), each once (shared/contract.ts). */
import { z } from 'zod';
import { route } from '../contract.ts';
import { CongressId } from '../congress/schema.ts';
import {
  ArchivedQuery,
  Inquiry,
  InquiryInput,
  InquiryParams,
  LeagueQuery,
  Official,
  OfficialInput,
  OfficialParams,
  UpdateInquiry,
  UpdateOfficial,
  CodeSlip,
  CodesQuery,
  Comments,
  CreateRound,
  GenerateCodes,
  IssuedCodes,
  League,
  MyCode,
  HallCard,
  OpenCode,
  Questionnaire,
  Reevaluate,
  Rectification,
  RectificationParams,
  RectificationReport,
  Results,
  ReviewRectification,
  Round,
  RoundParams,
  SetDeadline,
  Submission,
  UpdateRound,
} from './schema.ts';

const tag = 'evaluation';
const R = '/congresses/:congressId/evaluation/rounds';
const Ok = z.object({ ok: z.literal(true) });

export const listRounds = route({
  method: 'GET',
  path: R,
  tag,
  summary: 'Evaluation rounds (a department sees only published ones)',
  permission: 'evaluation.read',
  params: CongressId,
  response: z.array(Round),
});

export const createRound = route({
  method: 'POST',
  path: R,
  tag,
  summary: 'Create a round over targets of any kind (projects and their departments, departments, officials, suggestion handling, inquiries, representatives), audiences and questionnaire (staff)',
  permission: 'evaluation.manage',
  params: CongressId,
  body: CreateRound,
  status: 201,
  response: Round,
  errors: ['project_not_found', 'eval_target_not_found', 'round_no_targets', 'round_items_duplicate', 'session_meeting_not_found'],
});

export const getRound = route({
  method: 'GET',
  path: `${R}/:roundId`,
  tag,
  summary: 'One round (while open: only the count of answers)',
  permission: 'evaluation.read',
  params: RoundParams,
  response: Round,
  errors: ['round_not_found'],
});

export const updateRound = route({
  method: 'PATCH',
  path: `${R}/:roundId`,
  tag,
  summary: 'Edit a round before it opens: title, audiences, questionnaire, the session it is held at (会场测评)',
  permission: 'evaluation.manage',
  params: RoundParams,
  body: UpdateRound,
  response: Round,
  errors: ['round_not_found', 'round_started', 'round_items_duplicate', 'session_meeting_not_found'],
});

export const openRound = route({
  method: 'POST',
  path: `${R}/:roundId/open`,
  tag,
  summary: 'Open the round for answers',
  permission: 'evaluation.manage',
  params: RoundParams,
  response: Round,
  errors: ['round_not_found', 'round_started'],
});

export const closeRound = route({
  method: 'POST',
  path: `${R}/:roundId/close`,
  tag,
  summary: 'Close the round: no more answers; staff may now see the figures',
  permission: 'evaluation.manage',
  params: RoundParams,
  response: Round,
  errors: ['round_not_found', 'round_not_open', 'round_closed'],
});

export const publishRound = route({
  method: 'POST',
  path: `${R}/:roundId/publish`,
  tag,
  summary: 'Publish the results: grades become public and open rectifications',
  permission: 'evaluation.manage',
  params: RoundParams,
  response: Round,
  errors: ['round_not_found', 'round_not_closed', 'round_published'],
});

export const generateCodes = route({
  method: 'POST',
  path: `${R}/:roundId/codes`,
  tag,
  summary: 'Make printed one-time codes for an audience',
  permission: 'evaluation.manage',
  params: RoundParams,
  body: GenerateCodes,
  status: 201,
  response: z.object({ generated: z.int() }),
  errors: ['round_not_found', 'round_closed', 'round_audience'],
});

export const listSlips = route({
  method: 'GET',
  path: `${R}/:roundId/codes`,
  tag,
  summary: 'The slips to print: serial and QR of `<origin>/e#<token>`',
  permission: 'evaluation.manage',
  params: RoundParams,
  query: CodesQuery,
  response: z.array(CodeSlip),
  errors: ['round_not_found'],
});

export const recordIssued = route({
  method: 'POST',
  path: `${R}/:roundId/issued`,
  tag,
  summary: 'Record how many printed codes were handed out (never to whom)',
  permission: 'evaluation.manage',
  params: RoundParams,
  body: IssuedCodes,
  response: Round,
  errors: ['round_not_found', 'round_closed', 'round_audience'],
});

export const takeMyCode = route({
  method: 'POST',
  path: `${R}/:roundId/my-code`,
  tag,
  summary: 'A representative signed in with their card gets one code (stored: that they got one; not which)',
  permission: 'evaluation.code.take',
  params: RoundParams,
  status: 201,
  response: MyCode,
  errors: ['eval_not_representative', 'representative_left', 'round_not_found', 'round_not_open', 'eval_round_closed', 'round_audience', 'eval_code_given'],
});

export const getResults = route({
  method: 'GET',
  path: `${R}/:roundId/results`,
  tag,
  summary: 'Results: staff once closed, everyone once published; groups under k withheld',
  permission: 'evaluation.read',
  params: RoundParams,
  response: Results,
  errors: ['round_not_found', 'round_figures_hidden', 'round_not_published'],
});

export const getResultsCsv = route({
  method: 'GET',
  path: `${R}/:roundId/results.csv`,
  tag,
  summary: 'Results as CSV (withheld groups stay withheld)',
  permission: 'evaluation.read',
  params: RoundParams,
  produces: 'csv',
  errors: ['round_not_found', 'round_figures_hidden', 'round_not_published'],
});

export const listComments = route({
  method: 'GET',
  path: `${R}/:roundId/comments`,
  tag,
  summary: 'Comments, sorted by text: staff once closed; a department its own targets once published',
  permission: 'evaluation.read',
  params: RoundParams,
  response: Comments,
  errors: ['round_not_found', 'round_figures_hidden', 'round_not_published'],
});

export const reevaluate = route({
  method: 'POST',
  path: `${R}/:roundId/reevaluate`,
  tag,
  summary: '再测评: a new round over the targets graded 不满意, linked to this one',
  permission: 'evaluation.manage',
  params: RoundParams,
  body: Reevaluate,
  status: 201,
  response: Round,
  errors: ['round_not_found', 'round_not_published', 'reevaluation_exists', 'reevaluation_not_needed'],
});

export const getLeague = route({
  method: 'GET',
  path: '/congresses/:congressId/evaluation/league',
  tag,
  summary: 'League table of one kind of target (departments by default) across published rounds and years',
  permission: 'evaluation.read',
  params: CongressId,
  query: LeagueQuery,
  response: League,
});

// ---- the targets the office keeps: appointed officials (任命人员) and 专题询问 ----
const O = '/congresses/:congressId/evaluation/officials';
const Q = '/congresses/:congressId/evaluation/inquiries';

export const listOfficials = route({
  method: 'GET',
  path: O,
  tag,
  summary: 'Appointed officials (任命人员) the congress evaluates; archived ones on request',
  permission: 'evaluation.read',
  params: CongressId,
  query: ArchivedQuery,
  response: z.array(Official),
});

export const createOfficial = route({
  method: 'POST',
  path: O,
  tag,
  summary: 'Add an appointed official: name, post, department (optional), appointed date',
  permission: 'evaluation.manage',
  params: CongressId,
  body: OfficialInput,
  status: 201,
  response: Official,
  errors: ['department_not_found'],
});

export const updateOfficial = route({
  method: 'PATCH',
  path: `${O}/:officialId`,
  tag,
  summary: 'Change an appointed official',
  permission: 'evaluation.manage',
  params: OfficialParams,
  body: UpdateOfficial,
  response: Official,
  errors: ['official_not_found', 'department_not_found'],
});

export const archiveOfficial = route({
  method: 'POST',
  path: `${O}/:officialId/archive`,
  tag,
  summary: 'Archive an appointed official (kept in the rounds that evaluated them; no longer offered for new ones)',
  permission: 'evaluation.manage',
  params: OfficialParams,
  response: Official,
  errors: ['official_not_found'],
});

export const listInquiries = route({
  method: 'GET',
  path: Q,
  tag,
  summary: '专题询问 whose answers the congress evaluates; archived ones on request',
  permission: 'evaluation.read',
  params: CongressId,
  query: ArchivedQuery,
  response: z.array(Inquiry),
});

export const createInquiry = route({
  method: 'POST',
  path: Q,
  tag,
  summary: 'Add a 专题询问: title, date, the departments that answered',
  permission: 'evaluation.manage',
  params: CongressId,
  body: InquiryInput,
  status: 201,
  response: Inquiry,
  errors: ['department_not_found'],
});

export const updateInquiry = route({
  method: 'PATCH',
  path: `${Q}/:inquiryId`,
  tag,
  summary: 'Change a 专题询问',
  permission: 'evaluation.manage',
  params: InquiryParams,
  body: UpdateInquiry,
  response: Inquiry,
  errors: ['inquiry_not_found', 'department_not_found'],
});

export const archiveInquiry = route({
  method: 'POST',
  path: `${Q}/:inquiryId/archive`,
  tag,
  summary: 'Archive a 专题询问 (kept in the rounds that evaluated it; no longer offered for new ones)',
  permission: 'evaluation.manage',
  params: InquiryParams,
  response: Inquiry,
  errors: ['inquiry_not_found'],
});

export const listRectifications = route({
  method: 'GET',
  path: '/congresses/:congressId/rectifications',
  tag,
  summary: 'Rectifications (整改); a department gets its own',
  permission: 'evaluation.read',
  params: CongressId,
  response: z.array(Rectification),
});

export const fileRectification = route({
  method: 'POST',
  path: '/congresses/:congressId/rectifications/:rectificationId/report',
  tag,
  summary: 'The department files its rectification report',
  permission: 'evaluation.rectifications.report',
  params: RectificationParams,
  body: RectificationReport,
  response: Rectification,
  errors: ['rectification_not_found', 'rectification_not_open'],
});

export const reviewRectification = route({
  method: 'POST',
  path: '/congresses/:congressId/rectifications/:rectificationId/review',
  tag,
  summary: 'Staff accept a rectification report or return it',
  permission: 'evaluation.rectifications.review',
  params: RectificationParams,
  body: ReviewRectification,
  response: Rectification,
  errors: ['rectification_not_found', 'rectification_not_reported'],
});

export const setRectificationDeadline = route({
  method: 'POST',
  path: '/congresses/:congressId/rectifications/:rectificationId/deadline',
  tag,
  summary: 'Staff set the deadline of a rectification',
  permission: 'evaluation.rectifications.review',
  params: RectificationParams,
  body: SetDeadline,
  response: Rectification,
  errors: ['rectification_not_found', 'rectification_closed'],
});

// ---- answering: no account; the signed one-time code is the credential, in the body, never the URL ----

export const openQuestionnaire = route({
  method: 'POST',
  path: '/public/evaluation/open',
  tag,
  summary: 'Open the questionnaire of a code (QR token or typed serial)',
  description: 'A typed serial is a lookup: its misses count against the address (rate_limited after too many).',
  permission: 'public',
  body: OpenCode,
  response: Questionnaire,
  errors: ['eval_code_invalid', 'eval_serial_unknown', 'round_not_open', 'eval_round_closed', 'eval_code_used', 'rate_limited'],
  quiet: true,
});

export const submitAnswers = route({
  method: 'POST',
  path: '/public/evaluation/submit',
  tag,
  summary: 'Submit the answers of a code, once',
  permission: 'public',
  body: Submission,
  response: Ok,
  errors: ['eval_code_invalid', 'round_not_open', 'eval_round_closed', 'eval_code_used', 'eval_answer_unknown', 'eval_answer_invalid', 'eval_answer_twice', 'eval_unknown_not_allowed', 'eval_answers_missing', 'server_busy'],
  quiet: true,
});

export const hallCard = route({
  method: 'POST',
  path: '/public/evaluation/hall-card',
  tag,
  summary: 'A voting tablet of the session gives a representative who scans their delegate card one code of a hall round',
  description:
    "Only a voting kiosk (its own credential) of the round's session may call it. Stored: that the representative got a code for the round; not which. A second scan of the same card is refused (eval_code_given).",
  permission: 'public',
  body: HallCard,
  status: 201,
  response: MyCode,
  errors: ['eval_hall_kiosk_only', 'csrf', 'eval_hall_other_session', 'card_invalid', 'eval_card_other_congress', 'representative_left', 'round_not_found', 'round_not_open', 'eval_round_closed', 'round_audience', 'eval_code_given', 'rate_limited'],
  quiet: true,
});
