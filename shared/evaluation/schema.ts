/**
 * Stage E — back-to-back satisfaction evaluation (背靠背满意度测评, design §7): rounds, one-time codes, answering,
 * results with k-suppression, rectification (整改) and re-evaluation.
 */
import { z } from 'zod';
import { CongressId } from '../congress/schema.ts';
import { Year } from '../gathering/schema.ts';
import { ALL_ANSWER_VALUES, ANSWERS, byAnswer, COMMENT_MAX, GRADES } from './kinds.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

export const RoundParams = CongressId.extend({ roundId: z.uuid() });
export const RectificationParams = CongressId.extend({ rectificationId: z.uuid() });

export const AUDIENCES = ['representatives', 'residents'] as const;
export const Audience = z.enum(AUDIENCES);
export type Audience = z.infer<typeof Audience>;
// What a round evaluates and its questionnaire live in questionnaire.ts (no imports of the congress: the congress settings
// hold a default questionnaire); re-exported here for the stage's users.
export { DEFAULT_ITEMS, Item, Items, itemsOf, normalizeItems, QuestionKind, TARGET_KINDS, TargetKind } from './questionnaire.ts';
import { Items, QuestionKind, TargetKind } from './questionnaire.ts';
/** The answer scale: 满意, 基本满意, 不满意, 不了解 (the last left out of every rate), said once in kinds.ts. */
export { ANSWERS, GRADES };
export const Answer = z.enum(ANSWERS);
export const GradeValue = z.enum(GRADES);
export const ROUND_KINDS = ['regular', 'reevaluation'] as const;
export const RoundState = z.enum(['draft', 'open', 'closed', 'published']);

/** Every value an answer may hold, of any kind (the item's kind decides which it may be). */
export const AnyAnswer = z.enum(ALL_ANSWER_VALUES);

export const CreateRound = z.object({
  year: Year,
  title: text(120),
  audiences: z.array(Audience).min(1).max(2).refine((a) => new Set(a).size === a.length, { message: 'duplicate' }),
  /** The projects evaluated; their lead and co-operating departments are evaluated too unless `includeDepartments` is false. */
  projectIds: z.array(z.uuid()).max(200).default([]),
  includeDepartments: z.boolean().default(true),
  /** Other targets by kind (a department without projects, an official, a department's suggestion handling, an inquiry, a representative). */
  targets: z.array(z.object({ kind: TargetKind, id: z.uuid() })).max(300).default([]),
  items: Items.optional(),
  /** Offer 不了解 (don't know), excluded from rates. */
  allowUnknown: z.boolean().default(true),
  /** 会场测评: the session of this congress where the round is answered on the hall tablets (null: anywhere). */
  sessionId: z.uuid().nullable().optional(),
});
export const UpdateRound = z
  .object({ title: text(120), audiences: CreateRound.shape.audiences, items: Items, allowUnknown: z.boolean(), sessionId: z.uuid().nullable() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'empty_update' });

export const Target = z.object({ kind: TargetKind, id: z.string(), title: z.string(), subtitle: z.string() });
export type Target = z.infer<typeof Target>;

/** The session a hall round (会场测评) is held at. */
export const HallSession = z.object({ id: z.string(), name: z.string(), date: z.string() });

export const Round = z.object({
  id: z.string(),
  year: z.int(),
  title: z.string(),
  kind: z.enum(ROUND_KINDS),
  previousRoundId: z.string().nullable(),
  state: RoundState,
  audiences: z.array(Audience),
  items: Items,
  allowUnknown: z.boolean(),
  targets: z.array(Target),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  /** While open, the only figure: how many answered. */
  responses: z.object({ representatives: z.int(), residents: z.int() }),
  codes: z.object({
    representatives: z.object({ printed: z.int(), issued: z.int(), granted: z.int() }),
    residents: z.object({ printed: z.int(), issued: z.int(), granted: z.int() }),
  }),
  /** The signed-in representative already received a code from the system (never which). */
  myCodeReceived: z.boolean(),
  /** 会场测评: the session where it is answered on the hall tablets, or null. */
  sessionId: z.string().nullable(),
  session: HallSession.nullable(),
});
export type Round = z.infer<typeof Round>;

/**
 * A hall round on the big screen (会场测评): while open only how many answered; once published each target's headline
 * figures, a target whose group is below k withheld (人数过少不显示). Drafts are not shown.
 */
export const HallScreenRound = z.object({
  id: z.string(),
  title: z.string(),
  state: z.enum(['open', 'closed', 'published']),
  answered: z.int(),
  /** Slips handed out (as recorded by staff; 0 when not recorded). */
  issued: z.int(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  k: z.int(),
  /** Null until published. */
  targets: z
    .array(z.object({ kind: TargetKind, id: z.string(), title: z.string(), responses: z.int(), withheld: z.boolean(), satisfied: z.number().nullable(), overall: z.number().nullable(), grade: GradeValue.nullable() }))
    .nullable(),
});
export type HallScreenRound = z.infer<typeof HallScreenRound>;

export const GenerateCodes = z.object({ audience: Audience, count: z.int().min(1).max(5000) });
/** How many printed codes were handed out (the system never knows to whom). */
export const IssuedCodes = z.object({ audience: Audience, count: z.int().min(0).max(100000) });
export const CodesQuery = z.object({ audience: Audience });
export const CodeSlip = z.object({ serial: z.string(), url: z.string(), qrSvg: z.string() });
export const MyCode = z.object({ token: z.string(), url: z.string(), serial: z.string() });

// ---- answering (public) ----
/** 会场测评 with a delegate card: the round and the card's token (or the scanned `…/l#<token>` URL). */
export const HallCard = z.object({ roundId: z.uuid(), card: z.string().trim().min(20).max(2000) });
export const OpenCode = z.union([z.object({ token: z.string().min(20).max(2000) }), z.object({ congressId: z.uuid(), serial: z.string().trim().min(8).max(12) })]);
export const Questionnaire = z.object({
  token: z.string(),
  audience: Audience,
  round: z.object({ id: z.string(), title: z.string(), congressName: z.string(), items: Items, allowUnknown: z.boolean(), closesNote: z.string().nullable() }),
  targets: z.array(Target),
});
export type Questionnaire = z.infer<typeof Questionnaire>;
export const Submission = z.object({
  token: z.string().min(20).max(2000),
  /** One per item: a choice of the item's kind, or (a comment item) its text, empty for none. */
  answers: z.array(z.object({ targetKind: TargetKind, targetId: z.string().max(64), itemId: z.string().max(4), answer: z.string().max(COMMENT_MAX) })).max(5000),
  comments: z.array(z.object({ targetKind: TargetKind, targetId: z.string().max(64), text: z.string().trim().max(500) })).max(500).default([]),
});
export type Submission = z.input<typeof Submission>;

// ---- results ----
/** How many gave each answer; each graded answer's rate and 综合满意率 (percent, null when nobody answered). */
const CountsShape = z.object(byAnswer(ANSWERS, () => z.int()));
const RatesShape = z.object({ ...byAnswer(GRADES, () => z.number().nullable()), overall: z.number().nullable() });
/**
 * One item's figures, by its kind: satisfaction3 its counts and rates; scale5 its average and % of 4–5 (`favourable`);
 * yes_no its % yes (`favourable`); comment how many wrote one (the texts are in the comments, scoped like them).
 */
export const ItemResult = z.object({
  id: z.string(),
  label: z.string(),
  kind: QuestionKind,
  /** How many gave each choice (a comment: `written`). */
  counts: z.record(z.string(), z.int()),
  rates: RatesShape.nullable(),
  average: z.number().nullable(),
  favourable: z.number().nullable(),
  grade: GradeValue.nullable(),
});
export type ItemResult = z.infer<typeof ItemResult>;
/** A group (one audience, or all together): figures withheld below k responses. */
export const Group = z.object({
  responses: z.int(),
  withheld: z.boolean(),
  /** The satisfaction3 items together (zeros when the target has none). */
  counts: CountsShape.nullable(),
  rates: RatesShape.nullable(),
  /** The scale5 items together: average (1–5) and % of 4–5; null when the target has none. */
  scale5: z.object({ counts: z.record(z.string(), z.int()), average: z.number().nullable(), favourable: z.number().nullable() }).nullable(),
  /** The yes/no items together: % yes; null when the target has none. */
  yesNo: z.object({ yes: z.int(), no: z.int(), yesPercent: z.number().nullable() }).nullable(),
  /** The headline rate: 综合满意率 (satisfaction3), else % of 4–5 (scale5), else % yes. */
  overall: z.number().nullable(),
  items: z.array(ItemResult).nullable(),
  grade: GradeValue.nullable(),
  score: z.number().nullable(),
});
export type Group = z.infer<typeof Group>;
export const TargetResult = Target.extend({
  groups: z.object({ representatives: Group.nullable(), residents: Group.nullable(), all: Group }),
  /** The grade (测评等次) from all answers together; null when withheld or nobody answered. */
  grade: GradeValue.nullable(),
  /** Weighted score across audiences (option and audience weights of the settings). */
  weightedScore: z.number().nullable(),
  /** This target was graded 不满意 in the round this one re-evaluates, too. */
  repeatedDissatisfied: z.boolean(),
});
export type TargetResult = z.infer<typeof TargetResult>;
export const Results = z.object({
  roundId: z.string(),
  title: z.string(),
  state: RoundState,
  k: z.int(),
  responses: z.object({ representatives: z.int(), residents: z.int(), all: z.int() }),
  targets: z.array(TargetResult),
});
export type Results = z.infer<typeof Results>;
/** Comments in sorted order (never arrival order), per target: the free comments and each comment item's texts. */
export const Comments = z.array(
  z.object({
    kind: TargetKind,
    id: z.string(),
    title: z.string(),
    comments: z.array(z.string()),
    items: z.array(z.object({ id: z.string(), label: z.string(), comments: z.array(z.string()) })),
    withheld: z.boolean(),
  }),
);

// ---- rectification (整改) ----
export const RECTIFICATION_STATES = ['open', 'reported', 'accepted', 'returned'] as const;
export const RectificationState = z.enum(RECTIFICATION_STATES);
export const Rectification = z.object({
  id: z.string(),
  roundId: z.string(),
  roundTitle: z.string(),
  targetKind: TargetKind,
  targetId: z.string(),
  targetTitle: z.string(),
  department: z.object({ id: z.string(), name: z.string() }),
  grade: GradeValue,
  requiresReevaluation: z.boolean(),
  repeated: z.boolean(),
  deadline: z.string(),
  state: RectificationState,
  report: z.string(),
  reportedAt: z.string().nullable(),
  reviewNote: z.string(),
  overdue: z.boolean(),
  /** The re-evaluation round and the grade it gave, once published. */
  reevaluation: z.object({ roundId: z.string(), grade: GradeValue.nullable() }).nullable(),
});
export type Rectification = z.infer<typeof Rectification>;
/** 再测评: the new round's title (by default the first one's, marked as a re-evaluation). */
export const Reevaluate = z.object({ title: z.string().trim().min(1).max(120).optional() });

export const RectificationReport = z.object({ report: text(8000) });
export const ReviewRectification = z.object({ accept: z.boolean(), note: z.string().trim().max(1000).default('') });
export const SetDeadline = z.object({ deadline: z.iso.date() });

export const LeagueQuery = z.object({ kind: TargetKind.default('department') });
/** The league table of one kind of target (departments by default) across published rounds. */
export const League = z.array(
  z.object({
    target: z.object({ kind: TargetKind, id: z.string(), name: z.string() }),
    rounds: z.array(z.object({ roundId: z.string(), year: z.int(), title: z.string(), grade: GradeValue.nullable(), overall: z.number().nullable(), score: z.number().nullable() })),
    /** Averages over published rounds where figures were not withheld. */
    averageOverall: z.number().nullable(),
    averageScore: z.number().nullable(),
  }),
);

// ---- appointed officials (任命人员) and 专题询问, the targets the office keeps ----
export const OfficialParams = CongressId.extend({ officialId: z.uuid() });
export const InquiryParams = CongressId.extend({ inquiryId: z.uuid() });
export const OfficialInput = z.object({
  name: text(40),
  post: text(80),
  departmentId: z.uuid().nullable().default(null),
  appointedOn: z.iso.date().nullable().default(null),
});
/** Only the fields given change (no defaults here: an edit of the post keeps the department). */
export const UpdateOfficial = z
  .object({ name: OfficialInput.shape.name, post: OfficialInput.shape.post, departmentId: z.uuid().nullable(), appointedOn: z.iso.date().nullable() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'empty_update' });
export const Official = z.object({
  id: z.string(),
  name: z.string(),
  post: z.string(),
  department: z.object({ id: z.string(), name: z.string() }).nullable(),
  appointedOn: z.string().nullable(),
  archived: z.boolean(),
});
export type Official = z.infer<typeof Official>;
export const InquiryInput = z.object({
  title: text(120),
  heldOn: z.iso.date(),
  departmentIds: z.array(z.uuid()).min(1).max(20).refine((a) => new Set(a).size === a.length, { message: 'duplicate' }),
});
export const UpdateInquiry = InquiryInput.partial().refine((v) => Object.keys(v).length > 0, { message: 'empty_update' });
export const Inquiry = z.object({
  id: z.string(),
  title: z.string(),
  heldOn: z.string(),
  departments: z.array(z.object({ id: z.string(), name: z.string() })),
  archived: z.boolean(),
});
export type Inquiry = z.infer<typeof Inquiry>;
export const ArchivedQuery = z.object({ archived: z.enum(['include', 'exclude']).default('exclude') });
