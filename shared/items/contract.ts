/**
 * The items stage's API routes, each once (shared/contract.ts). SPEC §13–14: an item comes in (staff, a station
 * keeper, a representative on a phone; the station page and the hotline import make them too), is triaged by the
 * office (every move through shared/items/transitions.ts), answered by its department, accepted or returned, followed
 * and rated with its tracking code, and its handling rated back-to-back by the representative who raised it.
 */
import { z } from 'zod';
import { MB, route } from '../contract.ts';
import { CongressId } from '../congress/schema.ts';
import { ATTACHMENT_TYPES } from '../gathering/contract.ts';
import {
  AddSupervision,
  AnswerItem,
  AnswerOnSpot,
  Assign,
  CreateItem,
  Created,
  DueDate,
  DueDateQuery,
  Feedback,
  FeedbackResult,
  HandlingRating,
  Item,
  ItemCodeParams,
  ItemFileParams,
  ItemPage,
  ItemPageQuery,
  ItemParams,
  ItemTracking,
  MergeItem,
  Moved,
  Refer,
  ReturnAnswer,
  SetKeyItem,
  ToProposal,
  ToProposalResult,
} from './schema.ts';

const Ok = z.object({ ok: z.literal(true) });
/** Up to five photos or PDFs of 5 MB each beside the JSON (`data` field), judged by their first bytes. */
const withFiles = { bodyKind: 'json-or-multipart', accepts: ATTACHMENT_TYPES, limit: 26 * MB, limitLabel: '26 MB' } as const;
const FILE_ERRORS = ['too_many_attachments', 'attachment_empty', 'attachment_too_large', 'attachment_type'] as const;

// ---- the list and one item ----
export const listItems = route({
  method: 'GET',
  path: '/congresses/:congressId/items',
  tag: 'items',
  summary: 'Items a page at a time, filtered on the server (state, due, department, station, source, category, key, month, mine, words), with counts by state',
  description: 'Staff and the government office see all; a department the items assigned to it; a station keeper their station’s; a representative the items they raised.',
  permission: 'items.read',
  params: CongressId,
  query: ItemPageQuery,
  response: ItemPage,
});

export const createItem = route({
  method: 'POST',
  path: '/congresses/:congressId/items',
  tag: 'items',
  summary: 'Enter an item (JSON, or multipart with `data` and `files`); answers its tracking code',
  description: 'Staff enter any source; a station keeper items of their station (reception, resident, representative); a representative with the delegate card their own (source representative).',
  permission: 'items.create',
  params: CongressId,
  body: CreateItem,
  ...withFiles,
  status: 201,
  response: Created,
  errors: ['item_source_not_allowed', 'item_station_not_found', 'item_station_required', 'item_reception_not_found', 'representative_not_found', 'item_not_representative', 'item_date_future', 'item_category_unused', ...FILE_ERRORS],
});

export const itemDueDate = route({
  method: 'GET',
  path: '/congresses/:congressId/items/due-date',
  tag: 'items',
  summary: 'The deadline an assignment made today would get (working days of the urgency on the congress’s calendar)',
  permission: 'items.triage',
  params: CongressId,
  query: DueDateQuery,
  response: DueDate,
});

export const getItem = route({
  method: 'GET',
  path: '/congresses/:congressId/items/:itemId',
  tag: 'items',
  summary: 'One item: content, history, answers, supervision, files, and the moves the caller may make now',
  description: 'The submitter’s contact only to staff and the keeper of the item’s station.',
  permission: 'items.read',
  params: ItemParams,
  response: Item,
  errors: ['item_not_found'],
});

export const getItemFile = route({
  method: 'GET',
  path: '/congresses/:congressId/items/:itemId/files/:fileId',
  tag: 'items',
  summary: 'Download a file of an item (its own, an answer’s, a supervision’s)',
  permission: 'items.read',
  params: ItemFileParams,
  produces: 'file',
  errors: ['item_not_found', 'item_file_not_found'],
});

// ---- triage (分类交办) ----
export const answerOnSpot = route({
  method: 'POST',
  path: '/congresses/:congressId/items/:itemId/answer-on-spot',
  tag: 'items',
  summary: '当场答复: answered at once by staff or the keeper of its station; the item is done',
  permission: 'items.answerOnSpot',
  params: ItemParams,
  body: AnswerOnSpot,
  response: Moved,
  errors: ['item_not_found', 'item_wrong_state'],
});

export const assignItem = route({
  method: 'POST',
  path: '/congresses/:congressId/items/:itemId/assign',
  tag: 'items',
  summary: '交办 to a department of the congress with a deadline in working days (by urgency, or an explicit later day)',
  permission: 'items.triage',
  params: ItemParams,
  body: Assign,
  response: Moved,
  errors: ['item_not_found', 'item_wrong_state', 'department_not_found', 'item_due_past'],
});

export const reassignItem = route({
  method: 'POST',
  path: '/congresses/:congressId/items/:itemId/reassign',
  tag: 'items',
  summary: '改派: another department (or a new deadline) while it waits for an answer',
  permission: 'items.triage',
  params: ItemParams,
  body: Assign,
  response: Moved,
  errors: ['item_not_found', 'item_wrong_state', 'department_not_found', 'item_due_past'],
});

export const referItem = route({
  method: 'POST',
  path: '/congresses/:congressId/items/:itemId/refer',
  tag: 'items',
  summary: '转上级: referred to a higher level (where to, in words); the item is closed here',
  permission: 'items.triage',
  params: ItemParams,
  body: Refer,
  response: Moved,
  errors: ['item_not_found', 'item_wrong_state'],
});

export const mergeItem = route({
  method: 'POST',
  path: '/congresses/:congressId/items/:itemId/merge',
  tag: 'items',
  summary: '合并 into another open item of the congress (its tracking page then points to that one)',
  permission: 'items.triage',
  params: ItemParams,
  body: MergeItem,
  response: Moved,
  errors: ['item_not_found', 'item_wrong_state', 'item_merge_self', 'item_merge_target'],
});

export const itemToProposal = route({
  method: 'POST',
  path: '/congresses/:congressId/items/:itemId/to-proposal',
  tag: 'items',
  summary: '转为项目建议: a proposal of the open collection window (or the next scheduled one), linked; the tracking code follows it',
  permission: 'items.triage',
  params: ItemParams,
  body: ToProposal,
  response: ToProposalResult,
  errors: ['item_not_found', 'item_wrong_state', 'item_no_window'],
});

// ---- answer and decision ----
export const answerItem = route({
  method: 'POST',
  path: '/congresses/:congressId/items/:itemId/answer',
  tag: 'items',
  summary: 'The department’s 答复 with its class and files (JSON, or multipart with `data` and `files`); late answers are allowed and counted',
  permission: 'items.answer',
  params: ItemParams,
  body: AnswerItem,
  ...withFiles,
  response: Moved,
  errors: ['item_not_found', 'item_wrong_state', ...FILE_ERRORS],
});

export const acceptAnswer = route({
  method: 'POST',
  path: '/congresses/:congressId/items/:itemId/accept',
  tag: 'items',
  summary: 'Staff accept the answer: the item is done and may be rated',
  permission: 'items.decide',
  params: ItemParams,
  response: Moved,
  errors: ['item_not_found', 'item_wrong_state'],
});

export const returnAnswer = route({
  method: 'POST',
  path: '/congresses/:congressId/items/:itemId/return',
  tag: 'items',
  summary: 'Staff return the answer with a reason: back to the department (same deadline)',
  permission: 'items.decide',
  params: ItemParams,
  body: ReturnAnswer,
  response: Moved,
  errors: ['item_not_found', 'item_wrong_state'],
});

// ---- key items and supervision ----
export const setKeyItem = route({
  method: 'PUT',
  path: '/congresses/:congressId/items/:itemId/key',
  tag: 'items',
  summary: '重点督办 on (with the leading standing-committee leader) or off',
  permission: 'items.supervise',
  params: ItemParams,
  body: SetKeyItem,
  response: Ok,
  errors: ['item_not_found'],
});

export const addSupervision = route({
  method: 'POST',
  path: '/congresses/:congressId/items/:itemId/supervisions',
  tag: 'items',
  summary: '现场督办 record of a key item (date, leader, what was found, a new deadline; JSON, or multipart with `data` and `files`)',
  permission: 'items.supervise',
  params: ItemParams,
  body: AddSupervision,
  ...withFiles,
  status: 201,
  response: z.object({ id: z.string() }),
  errors: ['item_not_found', 'item_wrong_state', 'item_date_future', 'item_due_past', ...FILE_ERRORS],
});

// ---- the representative's back-to-back rating ----
export const rateHandling = route({
  method: 'POST',
  path: '/congresses/:congressId/items/:itemId/handling-rating',
  tag: 'items',
  summary: 'The representative who raised the item rates its handling (办理态度/情况/效果), back-to-back: stored without the rater or a time',
  description: 'Once per round, on a done item a department answered; also for 12345 tickets marked as the representative’s.',
  permission: 'items.rateHandling',
  params: ItemParams,
  body: HandlingRating,
  status: 204,
  quiet: true,
  errors: ['item_not_found', 'handling_not_yours', 'handling_rated', 'handling_not_rateable', 'item_not_representative'],
});

// ---- public: tracking and feedback ----
/** A tracking code is a proposal's or an item's (unique across both): which, so that `/t` asks the right route once. */
export const trackingKind = route({
  method: 'GET',
  path: '/public/tracking/:code/kind',
  tag: 'public',
  summary: "Whether a tracking code is a proposal's or an item's (nothing else about it); 404 when it is neither",
  permission: 'public',
  params: ItemCodeParams,
  response: z.object({ kind: z.enum(['proposal', 'item']) }),
  errors: ['rate_limited', 'tracking_not_found'],
});

export const trackItem = route({
  method: 'GET',
  path: '/public/items/:code',
  tag: 'public',
  summary: 'Follow an item with its tracking code (status, department, accepted answers, deadline; no contact, no internal notes)',
  permission: 'public',
  params: ItemCodeParams,
  response: ItemTracking,
  errors: ['rate_limited', 'tracking_not_found'],
});

export const itemFeedback = route({
  method: 'POST',
  path: '/public/items/:code/feedback',
  tag: 'public',
  summary: 'The submitter rates the answer (满意/基本满意/不满意) once per round; 不满意 on the first round reopens it (再办理)',
  permission: 'public',
  params: ItemCodeParams,
  body: Feedback,
  response: FeedbackResult,
  errors: ['rate_limited', 'tracking_not_found', 'item_not_rateable', 'item_feedback_given'],
});
