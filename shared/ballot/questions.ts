/**
 * One card, several questions (表决事项单, design §4): a vote asks one or more questions — at most one over its candidate
 * list (the projects) and any number of motions (议题) — and a ballot is ONE flat record of marks whose keys belong to
 * exactly one question each (a candidate's id, or a motion's own id). Each question is marked, checked, made canonical
 * and found invalid by its own vote method, so an over-marked question is invalid on its own without spoiling the others.
 *
 * Casting, paper entry, the tally and the verifier all go through these functions: a plain vote is a card with one
 * question, so nothing branches on "sitting or not". Pure and free of zod (the tablet imports it).
 */
import { methodOf, type Invalidity, type MarkMode, type Marks, type MarksRefusal } from './methods/index.ts';

/** A project vote over the candidate list, or a motion (one key: the motion's id). */
export const QUESTION_KINDS = ['projects', 'motion'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** What checking and counting a question needs: its method, its rule's numbers and its keys in card order. */
export type Question = { id: string; kind: QuestionKind; markMode: MarkMode; seats: number; maxFor: number; candidateIds: readonly string[] };

/** The marks of one question: the keys that are its candidates (in the ballot's own order). */
export function partOf(marks: Marks, question: Pick<Question, 'candidateIds'>): Marks {
  const out: Marks = {};
  for (const id of question.candidateIds) if (id in marks) out[id] = marks[id];
  return out;
}

/**
 * Raw marks from a tablet or a counter → the canonical ballot, or why they cannot be a ballot at all: a key that is no
 * question's candidate, or a mark its question's method does not allow. Over-marking is not a refusal (see
 * `invalidQuestions`): the ballot is stored and that question counts it as invalid (废票).
 */
export function normaliseBallot(raw: Record<string, unknown>, questions: readonly Question[]): { ok: true; marks: Marks } | { ok: false; reason: MarksRefusal } {
  const owner = new Map<string, Question>();
  for (const q of questions) for (const id of q.candidateIds) owner.set(id, q);
  const parts = new Map<Question, Record<string, unknown>>();
  for (const [key, mark] of Object.entries(raw)) {
    const q = owner.get(key);
    if (!q) return { ok: false, reason: 'unknown_candidate' };
    const part = parts.get(q) ?? {};
    part[key] = mark;
    parts.set(q, part);
  }
  const out: Marks = {};
  for (const q of questions) {
    const checked = methodOf(q.markMode).normalise(parts.get(q) ?? {}, q.candidateIds);
    if (!checked.ok) return checked;
    Object.assign(out, checked.marks);
  }
  return { ok: true, marks: out };
}

/** The stored and published form: question by question in card order, each by its method (keys in candidate order, no abstentions). */
export function canonicalBallot(marks: Marks, questions: readonly Question[]): Marks {
  const out: Marks = {};
  for (const q of questions) Object.assign(out, methodOf(q.markMode).canonical(partOf(marks, q), q.candidateIds));
  return out;
}

/** The questions this ballot is invalid for (废票 for that question only), with why. Empty when every question is valid. */
export function invalidQuestions(marks: Marks, questions: readonly Question[]): Map<string, Invalidity> {
  const out = new Map<string, Invalidity>();
  for (const q of questions) {
    const why = methodOf(q.markMode).invalid(partOf(marks, q), q);
    if (why) out.set(q.id, why);
  }
  return out;
}

/** Questions are in card order and no key belongs to two of them: the card's own shape, checked where questions are assembled. */
export function questionsProblem(questions: readonly Pick<Question, 'id' | 'candidateIds'>[]): string | null {
  if (!questions.length) return 'no question';
  const seen = new Set<string>();
  const ids = new Set<string>();
  for (const q of questions) {
    if (ids.has(q.id)) return `question "${q.id}" appears twice`;
    ids.add(q.id);
    for (const c of q.candidateIds) {
      if (seen.has(c)) return `"${c}" belongs to two questions`;
      seen.add(c);
    }
  }
  return null;
}
