/**
 * The year-round loop's words that are codes (SPEC §13): an item's source, category, urgency, state, the department's
 * answer class and the feedback grades. Each code once; its words are in the items dictionary (`item.source.<code>` …).
 */

/** Where an item came from: a reception (接待), a representative, a resident online, a 12345 ticket, an inspection finding, entered by staff. */
export const ITEM_SOURCES = ['reception', 'representative', 'resident', 'hotline', 'inspection', 'staff'] as const;
export type ItemSource = (typeof ITEM_SOURCES)[number];

/** 社会建设 / 科教文卫 / 农业农村 / 城乡建设 / 生态环境 / 其他. */
export const ITEM_CATEGORIES = ['social', 'science_education', 'rural', 'urban', 'ecology', 'other'] as const;
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];

/** How fast an assigned item is due: default 15 working days, urgent 3, complex 30 (congress settings). */
export const URGENCIES = ['normal', 'urgent', 'complex'] as const;
export type Urgency = (typeof URGENCIES)[number];

/**
 * An item's state:
 * - `received`: waiting for triage (分类交办);
 * - `assigned`: with a department, waiting for its answer (also after a returned answer, and after 再办理);
 * - `answered`: the department answered; staff accept or return it;
 * - `done`: answered on the spot (当场答复) or the answer accepted — the submitter and the representative may rate it;
 * - `referred`: sent to a higher level (转上级); `merged`: into another item; `to_proposal`: became a proposal of the next collection window.
 */
export const ITEM_STATUSES = ['received', 'assigned', 'answered', 'done', 'referred', 'merged', 'to_proposal'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
/** States in which nothing more happens to the item (except feedback on `done`). */
export const CLOSED_STATUSES: readonly ItemStatus[] = ['done', 'referred', 'merged', 'to_proposal'];

/** The department's answer: 已解决 / 正在解决 / 列入计划 / 因条件限制暂不能解决. */
export const ANSWER_CLASSES = ['resolved', 'in_progress', 'planned', 'cannot'] as const;
export type AnswerClass = (typeof ANSWER_CLASSES)[number];

/** 满意 / 基本满意 / 不满意 — the submitter's rating and each of the three handling dimensions. */
export const FEEDBACK_GRADES = ['satisfied', 'basically', 'unsatisfied'] as const;
export type FeedbackGrade = (typeof FEEDBACK_GRADES)[number];

/** 办理态度 / 办理情况 / 办理效果 — what a representative rates back-to-back about the handling of an item they raised. */
export const HANDLING_DIMENSIONS = ['attitude', 'handling', 'effect'] as const;
export type HandlingDimension = (typeof HANDLING_DIMENSIONS)[number];

/** 中心联络站 / 片区（村、社区）联络站. */
export const STATION_KINDS = ['central', 'village'] as const;
export type StationKind = (typeof STATION_KINDS)[number];

/** A reception record's kind: a reception day at the station, a home visit (走访), a theme day (主题接待日). */
export const RECEPTION_KINDS = ['reception', 'home_visit', 'theme_day'] as const;
export type ReceptionKind = (typeof RECEPTION_KINDS)[number];

/** A day of the official calendar the office uploads: a public holiday (休) or a weekend made a working day (调休上班). */
export const CALENDAR_KINDS = ['holiday', 'workday'] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];
