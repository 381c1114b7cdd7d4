/**
 * Reading a result of either version as questions (design §4, §10): a /1 result is its one project question (with the
 * vote's id), a /2 result (a sitting: one card, several questions) lists each. Pages, reports and the screen render
 * questions through this one function and never branch on the file's version.
 */
import { RESULT_FORMAT_2, type AnyResult, type QuestionCount } from './format.ts';

export type ResultQuestions = {
  voteId: string;
  void: boolean;
  seated: number;
  present: number;
  issued: number;
  cast: number;
  questions: QuestionCount[];
};

export function resultQuestions(r: AnyResult): ResultQuestions {
  const { voteId, void: isVoid, seated, present, issued, cast } = r;
  if (r.format === RESULT_FORMAT_2) return { voteId, void: isVoid, seated, present, issued, cast, questions: r.questions };
  const { valid, invalid, threshold, candidates, elected, tied, unfilledSeats } = r;
  return { voteId, void: isVoid, seated, present, issued, cast, questions: [{ id: voteId, kind: 'projects', valid, invalid, threshold, candidates, elected, tied, unfilledSeats, passed: null }] };
}

/** The project question of a result (the one over the candidate list), or null for a sitting of motions only. */
export const projectQuestion = (r: AnyResult): QuestionCount | null => resultQuestions(r).questions.find((q) => q.kind === 'projects') ?? null;
