/**
 * The items stage's shapes (SPEC §13): the list's filters and rows, one item with its history, the triage moves'
 * bodies, the department's answer, staff's decision, key items and supervision, the public tracking and feedback, the
 * representative's back-to-back handling rating.
 */
import { z } from 'zod';
import { CongressId } from '../congress/schema.ts';
import { pageOf, PageQuery } from '../paging.ts';
import { ANSWER_CLASSES, FEEDBACK_GRADES, ITEM_CATEGORIES, ITEM_SOURCES, ITEM_STATUSES, URGENCIES } from './enums.ts';
import { ITEM_ACTIONS } from './transitions.ts';

export const ItemSource = z.enum(ITEM_SOURCES);
export const ItemCategory = z.enum(ITEM_CATEGORIES);
export const Urgency = z.enum(URGENCIES);
export const ItemStatus = z.enum(ITEM_STATUSES);
export const AnswerClass = z.enum(ANSWER_CLASSES);
export const FeedbackGrade = z.enum(FEEDBACK_GRADES);
export const ItemAction = z.enum(ITEM_ACTIONS);
/** Where an open item stands against its deadline (working days, the congress's calendar). */
export const DUE_STATES = ['overdue', 'due_soon', 'on_time'] as const;
export const DueState = z.enum(DUE_STATES);

const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).default('');
export const IsoDate = z.iso.date();
const Ref = z.object({ id: z.string(), name: z.string() });
export const ItemParams = CongressId.extend({ itemId: z.uuid() });
export const ItemFileParams = ItemParams.extend({ fileId: z.uuid() });
/** A tracking code as typed (any case, spaces and dashes are forgiven by the server). */
export const ItemCodeParams = z.object({ code: z.string().max(20) });

// ---- the list -------------------------------------------------------------------------------------------------------
/** `1` in the query means yes (a link `?key=1`, `?mine=1`). */
const Flag = z.enum(['1', '0']).optional();
export const ItemQuery = z.object({
  status: ItemStatus.optional(),
  /** Open items past their deadline, or with at most `loop.dueSoonDays` working days left. */
  due: z.enum(['overdue', 'due_soon']).optional(),
  department: z.uuid().optional(),
  station: z.uuid().optional(),
  source: ItemSource.optional(),
  category: ItemCategory.optional(),
  /** 重点督办 items only. */
  key: Flag,
  /** Received in this month (YYYY-MM). */
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional(),
  /** The items the signed-in representative raised (their own list on a phone). */
  mine: Flag,
  /** Words of the title, or a tracking code. */
  q: z.string().trim().max(80).optional(),
  /** Newest first (default), or the nearest deadline first. */
  sort: z.enum(['received', 'due']).default('received'),
});
export type ItemQuery = z.infer<typeof ItemQuery>;
export const ItemPageQuery = ItemQuery.extend(PageQuery.shape);
export type ItemPageQuery = z.infer<typeof ItemPageQuery>;

/** One row of the list (no contact, no content). */
export const ItemRow = z.object({
  id: z.string(),
  trackingCode: z.string(),
  title: z.string(),
  source: ItemSource,
  category: ItemCategory,
  status: ItemStatus,
  round: z.int(),
  urgency: Urgency,
  receivedOn: z.string(),
  department: Ref.nullable(),
  station: Ref.nullable(),
  dueOn: z.string().nullable(),
  /** Only for items waiting for the department (assigned): null otherwise. */
  dueState: DueState.nullable(),
  keyItem: z.boolean(),
  answerClass: AnswerClass.nullable(),
  feedback: FeedbackGrade.nullable(),
  ticketNo: z.string().nullable(),
});
export type ItemRow = z.infer<typeof ItemRow>;
/** `counts`: by status among what the other filters find (the tabs); `all` their sum. */
export const ItemPage = pageOf(ItemRow).extend({ counts: z.partialRecord(ItemStatus, z.int()), all: z.int() });
export type ItemPage = z.infer<typeof ItemPage>;

// ---- one item -------------------------------------------------------------------------------------------------------
export const LoopFile = z.object({ id: z.string(), filename: z.string(), mime: z.string(), size: z.int() });
export type LoopFile = z.infer<typeof LoopFile>;
/** A step of the item's history: `kind` is `received`, one of the moves (ITEM_ACTIONS), `key_on`, `key_off`, `supervision`, `feedback`. */
export const ItemEvent = z.object({
  at: z.string(),
  kind: z.string(),
  /** Who did it (staff, a department account); null for the public's feedback and the system. */
  actor: z.string().nullable(),
  note: z.string(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export const ItemAnswer = z.object({
  id: z.string(),
  round: z.int(),
  department: Ref.nullable(),
  answerClass: AnswerClass,
  text: z.string(),
  answeredOn: z.string(),
  /** Answered after the deadline (allowed; counted in the figures). */
  late: z.boolean(),
  decision: z.enum(['accepted', 'returned']).nullable(),
  decisionReason: z.string(),
  files: z.array(LoopFile),
});
export type ItemAnswer = z.infer<typeof ItemAnswer>;
export const Supervision = z.object({
  id: z.string(),
  heldOn: z.string(),
  leader: z.string(),
  found: z.string(),
  newDueOn: z.string().nullable(),
  files: z.array(LoopFile),
});
export type Supervision = z.infer<typeof Supervision>;
const Linked = z.object({ id: z.string(), title: z.string(), trackingCode: z.string() });

export const Item = ItemRow.extend({
  content: z.string(),
  place: z.string(),
  representative: Ref.nullable(),
  receptionId: z.string().nullable(),
  submitterName: z.string(),
  /** Private: only staff and the keeper of the item's station get it; null for everyone else. */
  submitterContact: z.string().nullable(),
  assignedOn: z.string().nullable(),
  answeredOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  /** Triage's words: the on-the-spot answer, where it was referred, why merged. */
  triageNote: z.string(),
  keyLeader: z.string(),
  feedbackRound: z.int().nullable(),
  mergedInto: Linked.nullable(),
  mergedFrom: z.array(Linked),
  proposal: Linked.nullable(),
  /** The hotline export's raw fields (staff only; null otherwise). */
  hotline: z.record(z.string(), z.string()).nullable(),
  events: z.array(ItemEvent),
  answers: z.array(ItemAnswer),
  supervisions: z.array(Supervision),
  files: z.array(LoopFile),
  /** The moves the caller may make now (state and role): the web shows exactly these. */
  moves: z.array(ItemAction),
  /** Staff may set it as a key item and record supervision. */
  canSupervise: z.boolean(),
  /** The signed-in representative raised it and may rate its handling now (done, this round not yet rated). */
  canRateHandling: z.boolean(),
  /** The signed-in representative already rated this round (only the fact). */
  handlingRated: z.boolean(),
});
export type Item = z.infer<typeof Item>;

// ---- making an item -------------------------------------------------------------------------------------------------
/**
 * Staff enter any source; a station keeper enters items of their station (source reception, resident or
 * representative); a representative with the delegate card enters their own (source `representative`, the server
 * fills in who).
 */
export const CreateItem = z.object({
  source: ItemSource.default('representative'),
  category: ItemCategory,
  title: text(80),
  content: text(4000),
  place: optText(80),
  /** Default today (Asia/Shanghai); not in the future. */
  receivedOn: IsoDate.optional(),
  stationId: z.uuid().nullable().optional(),
  receptionId: z.uuid().nullable().optional(),
  representativeId: z.uuid().nullable().optional(),
  submitterName: optText(40),
  /** Private. */
  submitterContact: optText(80),
  urgency: Urgency.default('normal'),
});
export type CreateItem = z.infer<typeof CreateItem>;
export const Created = z.object({ id: z.string(), trackingCode: z.string() });

// ---- triage (分类交办) -----------------------------------------------------------------------------------------------
/** 当场答复: what was answered. */
export const AnswerOnSpot = z.object({ note: text(2000) });
/**
 * 交办 / 改派: the department and how urgent; the deadline is the urgency's working days (congress settings) from today
 * on the congress's calendar, or an explicit later day.
 */
export const Assign = z.object({ departmentId: z.uuid(), urgency: Urgency.default('normal'), dueOn: IsoDate.optional(), note: optText(500) });
/** 转上级: to whom. */
export const Refer = z.object({ to: text(200) });
/** 合并 into another open item of the congress. */
export const MergeItem = z.object({ intoId: z.uuid(), reason: optText(500) });
/** 转为项目建议: into the open collection window, or the next scheduled one. */
export const ToProposal = z.object({ note: optText(500) });
export const Moved = z.object({ status: ItemStatus, dueOn: z.string().nullable() });
export const ToProposalResult = Moved.extend({ proposalId: z.string(), windowYear: z.int() });
/** The deadline an assignment would get now (the triage form shows it). */
export const DueDateQuery = z.object({ urgency: Urgency.default('normal') });
export const DueDate = z.object({ today: z.string(), dueOn: z.string(), workingDays: z.int() });

// ---- answer, decision ------------------------------------------------------------------------------------------------
/** The department's 答复 (JSON, or multipart with `data` and `files`: photos and PDFs). */
export const AnswerItem = z.object({ answerClass: AnswerClass, text: text(4000) });
/** Staff return an answer: the reason is required. */
export const ReturnAnswer = z.object({ reason: text(1000) });

// ---- key items, supervision ------------------------------------------------------------------------------------------
/** 重点督办 on (a leader is required) or off. */
export const SetKeyItem = z.discriminatedUnion('keyItem', [
  z.object({ keyItem: z.literal(true), leader: text(60) }),
  z.object({ keyItem: z.literal(false) }),
]);
/** 现场督办: when, who led, what was found, and a new deadline if one was set (JSON, or multipart with `data` and `files`). */
export const AddSupervision = z.object({ heldOn: IsoDate, leader: text(60), found: text(2000), newDueOn: IsoDate.optional() });

// ---- the representative's back-to-back handling rating -----------------------------------------------------------------
export const HandlingRating = z.object({ attitude: FeedbackGrade, handling: FeedbackGrade, effect: FeedbackGrade });
export type HandlingRating = z.infer<typeof HandlingRating>;

// ---- public ----------------------------------------------------------------------------------------------------------
/** What the submitter sees with the tracking code: never contact details, internal notes or who handled it. */
export const ItemTracking = z.object({
  kind: z.literal('item'),
  trackingCode: z.string(),
  congressId: z.string(),
  congressName: z.string(),
  title: z.string(),
  category: ItemCategory,
  source: ItemSource,
  status: ItemStatus,
  round: z.int(),
  receivedOn: z.string(),
  department: z.string().nullable(),
  dueOn: z.string().nullable(),
  /** The on-the-spot answer (当场答复) or where it was referred. */
  triageNote: z.string(),
  /** The accepted answers, oldest first. */
  answers: z.array(z.object({ round: z.int(), answerClass: AnswerClass, text: z.string(), answeredOn: z.string() })),
  feedback: FeedbackGrade.nullable(),
  feedbackRound: z.int().nullable(),
  /** The submitter may rate the answer now (满意 / 基本满意 / 不满意). */
  canRate: z.boolean(),
  /** 不满意 would reopen it (first round); on the second round it stays done. */
  reopensOnUnsatisfied: z.boolean(),
  mergedInto: z.object({ title: z.string(), trackingCode: z.string() }).nullable(),
  /** Became a proposal: its tracking code (followed on the same page: candidate, vote, project). */
  proposal: z.object({ trackingCode: z.string(), title: z.string() }).nullable(),
});
export type ItemTracking = z.infer<typeof ItemTracking>;
export const Feedback = z.object({ grade: FeedbackGrade, comment: optText(500) });
export const FeedbackResult = z.object({ status: ItemStatus, round: z.int(), reopened: z.boolean() });
