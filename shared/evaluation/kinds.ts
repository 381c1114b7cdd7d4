/**
 * The kinds of question an evaluation asks (design §7), behind one interface: the answers a question offers, their
 * words, and how each counts in the rates and grades. Today there is one kind, the satisfaction scale
 * 满意 / 基本满意 / 不满意 (and 不了解 where the round offers it); the schema, the rates, the server's CSV, the answer page,
 * the questionnaire editor and the results read it from here, so a scale is said once.
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
