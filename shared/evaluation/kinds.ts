/**
 * The kinds of question an evaluation asks (design §7), behind one interface: the answers a question offers, their
 * words, and how each counts in the rates and grades: the satisfaction scale 满意 / 基本满意 / 不满意 (and 不了解 where the
 * round offers it), the 5-point scale, yes / no and free comment (QUESTIONS below). The schema, the rates, the server's
 * checks and CSV, the answer page, the questionnaire editor and the results read them from here, so a scale is said once.
 */

export type Words = { 'zh-CN': string; en: string };

export interface QuestionKind<V extends string, G extends V> {
  /** Every answer, in the order the page offers them and the tables list them. */
  readonly values: readonly V[];
  /** The answer a round may choose not to offer (不了解: "don't know"); it is left out of every rate. */
  readonly optional: V | null;
  /** The answers that count in the rates (a percentage's base) and are also the grades (测评等次), best first. */
  readonly graded: readonly G[];
  /** The graded answers that make 综合满意率 (the overall satisfaction). */
  readonly favourable: readonly G[];
  /** How an answer is said. A grade is said as the answer it is named after. */
  readonly words: Readonly<Record<V, Words>>;
  /** A grade's status colour (always shown with its word): good, middling, bad. */
  readonly tone: Readonly<Record<G, 'ok' | 'warn' | 'bad'>>;
}

/** 满意度: the scale every evaluation question uses. */
export const SATISFACTION = {
  values: ['satisfied', 'basic', 'dissatisfied', 'unknown'],
  optional: 'unknown',
  graded: ['satisfied', 'basic', 'dissatisfied'],
  favourable: ['satisfied', 'basic'],
  words: {
    satisfied: { 'zh-CN': '满意', en: 'Satisfied' },
    basic: { 'zh-CN': '基本满意', en: 'Basically satisfied' },
    dissatisfied: { 'zh-CN': '不满意', en: 'Dissatisfied' },
    unknown: { 'zh-CN': '不了解', en: "Don't know" },
  },
  tone: { satisfied: 'ok', basic: 'warn', dissatisfied: 'bad' },
} as const satisfies QuestionKind<'satisfied' | 'basic' | 'dissatisfied' | 'unknown', 'satisfied' | 'basic' | 'dissatisfied'>;

/** An answer to a question (the values of the scale). */
export const ANSWERS = SATISFACTION.values;
export type AnswerValue = (typeof ANSWERS)[number];
/** A grade (测评等次): one of the graded answers. */
export const GRADES = SATISFACTION.graded;
export type Grade = (typeof GRADES)[number];

/** The answers a round offers: all of them, or without the optional one when the round does not offer it. */
export const offeredAnswers = (allowUnknown: boolean): readonly AnswerValue[] => (allowUnknown ? ANSWERS : ANSWERS.filter((a) => a !== SATISFACTION.optional));

/** Whether a round that does (not) offer the optional answer accepts this one (the server refuses the rest). */
export const answerOffered = (a: AnswerValue, allowUnknown: boolean) => allowUnknown || a !== SATISFACTION.optional;

/** How an answer (or the grade named after it) is said. */
export const answerWord = (a: AnswerValue, lang: keyof Words) => SATISFACTION.words[a][lang];

/** One value per answer, keyed by the answer (typed: a counts row, a schema's fields). */
export function byAnswer<K extends AnswerValue, T>(keys: readonly K[], f: (k: K) => T): Record<K, T> {
  return Object.fromEntries(keys.map((k) => [k, f(k)])) as Record<K, T>;
}

/** The dictionary entries of the scale (shared/i18n/evaluation.*.ts): `evaluation.answer.*` and `evaluation.grade.*`. */
export function scaleWords(lang: keyof Words) {
  const answers = byAnswer(ANSWERS, (a) => answerWord(a, lang));
  const grades = byAnswer(GRADES, (g) => answerWord(g, lang));
  return {
    ...(Object.fromEntries(ANSWERS.map((a) => [`evaluation.answer.${a}`, answers[a]])) as Record<`evaluation.answer.${AnswerValue}`, string>),
    ...(Object.fromEntries(GRADES.map((g) => [`evaluation.grade.${g}`, grades[g]])) as Record<`evaluation.grade.${Grade}`, string>),
  };
}

// ---- every kind of question (design §7; SPEC §15): one interface, one table ----

/** The kinds of question an item of a questionnaire can be. Old rounds' items name none: they are `satisfaction3`. */
export const QUESTION_KINDS = ['satisfaction3', 'scale5', 'yes_no', 'comment'] as const;
export type QuestionKindName = (typeof QUESTION_KINDS)[number];
export const DEFAULT_QUESTION_KIND: QuestionKindName = 'satisfaction3';

/** 五级评分: 5 非常满意 … 1 非常不满意 (and 不了解 where the round offers it, left out of the figures). */
export const SCALE5 = {
  values: ['5', '4', '3', '2', '1', 'unknown'],
  optional: 'unknown',
  points: { '5': 5, '4': 4, '3': 3, '2': 2, '1': 1 },
  words: {
    '5': { 'zh-CN': '非常满意', en: 'Very satisfied' },
    '4': { 'zh-CN': '满意', en: 'Satisfied' },
    '3': { 'zh-CN': '一般', en: 'Neutral' },
    '2': { 'zh-CN': '不满意', en: 'Dissatisfied' },
    '1': { 'zh-CN': '非常不满意', en: 'Very dissatisfied' },
    unknown: SATISFACTION.words.unknown,
  },
} as const;
export type Scale5Value = (typeof SCALE5.values)[number];

/** 是 / 否. */
export const YES_NO = {
  values: ['yes', 'no'],
  optional: null,
  words: { yes: { 'zh-CN': '是', en: 'Yes' }, no: { 'zh-CN': '否', en: 'No' } },
} as const;
export type YesNoValue = (typeof YES_NO.values)[number];

/** A free comment's longest text (characters). */
export const COMMENT_MAX = 500;

/** What every kind of question says about itself: the answers it offers, their words, and whether it grades. */
export interface QuestionDef {
  readonly name: QuestionKindName;
  /** The choices, in the order the page offers them (the optional one last); empty for free text. */
  readonly values: readonly string[];
  /** The answer a round may choose not to offer (不了解), left out of every figure; null when there is none. */
  readonly optional: string | null;
  /** It gives a grade (测评等次) and so may open a rectification. */
  readonly graded: boolean;
  /** Free text instead of a choice (stored as a comment, shown only as sorted texts). */
  readonly text: boolean;
  readonly words: Readonly<Record<string, Words>>;
  /** The kind's own name. */
  readonly title: Words;
}

export const QUESTIONS: Readonly<Record<QuestionKindName, QuestionDef>> = {
  satisfaction3: { name: 'satisfaction3', values: SATISFACTION.values, optional: SATISFACTION.optional, graded: true, text: false, words: SATISFACTION.words, title: { 'zh-CN': '三级满意度（满意/基本满意/不满意）', en: '3-grade satisfaction' } },
  scale5: { name: 'scale5', values: SCALE5.values, optional: SCALE5.optional, graded: true, text: false, words: SCALE5.words, title: { 'zh-CN': '五级评分（非常满意…非常不满意）', en: '5-point scale' } },
  yes_no: { name: 'yes_no', values: YES_NO.values, optional: YES_NO.optional, graded: false, text: false, words: YES_NO.words, title: { 'zh-CN': '是 / 否', en: 'Yes / no' } },
  comment: { name: 'comment', values: [], optional: null, graded: false, text: true, words: {}, title: { 'zh-CN': '意见建议（文字）', en: 'Free comment' } },
};

/** Every stored answer value of every choice kind (eval_answers.answer). */
export const ALL_ANSWER_VALUES = ['satisfied', 'basic', 'dissatisfied', 'unknown', '5', '4', '3', '2', '1', 'yes', 'no'] as const satisfies readonly (AnswerValue | Scale5Value | YesNoValue)[];
export type AnyAnswerValue = (typeof ALL_ANSWER_VALUES)[number];

/** The choices a kind offers in a round that does (not) offer 不了解. */
export const choicesOf = (kind: QuestionKindName, allowUnknown: boolean): readonly string[] => {
  const q = QUESTIONS[kind];
  return allowUnknown || !q.optional ? q.values : q.values.filter((v) => v !== q.optional);
};

/**
 * Whether an answer fits its item's kind: 'ok', 'unknown_not_offered' (不了解 in a round without it) or 'invalid'.
 * A comment takes any text up to COMMENT_MAX characters (empty: no comment).
 */
export function checkAnswer(kind: QuestionKindName, value: string, allowUnknown: boolean): 'ok' | 'unknown_not_offered' | 'invalid' {
  const q = QUESTIONS[kind];
  if (q.text) return value.length <= COMMENT_MAX ? 'ok' : 'invalid';
  if (!q.values.includes(value)) return 'invalid';
  if (!allowUnknown && value === q.optional) return 'unknown_not_offered';
  return 'ok';
}

/** How a choice of a kind is said. */
export const choiceWord = (kind: QuestionKindName, value: string, lang: keyof Words) => QUESTIONS[kind].words[value]?.[lang] ?? value;
