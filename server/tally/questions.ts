/**
 * A published (or prepared) tally of either file version read question by question: a /1 vote is its one project
 * question, a /2 sitting has several. The pages, the report, the screen and the sign-off read results only through
 * these, so nothing else branches on the version.
 */
import type { Question } from '../../shared/ballot/questions.ts';
import { invalidQuestions } from '../../shared/ballot/questions.ts';
import { BULLETIN_FORMAT_2, Bulletin, BulletinV2, RESULT_FORMAT_2, Result, ResultV2, type AnyBulletin, type AnyResult, type QuestionCount } from '../../shared/tally/format.ts';
import { bulletinQuestions } from '../../shared/tally/tally.ts';
import { resultQuestions } from '../../shared/tally/sitting.ts';
import type { QuestionResult } from '../../shared/tally/schema.ts';

/** Parse stored file text of either version (written by this server, so it parses; the schema keeps the types honest). */
export function parseResultText(text: string): AnyResult {
  const j = JSON.parse(text) as { format?: string };
  return j.format === RESULT_FORMAT_2 ? ResultV2.parse(j) : Result.parse(j);
}
export function parseBulletinText(text: string): AnyBulletin {
  const j = JSON.parse(text) as { format?: string };
  return j.format === BULLETIN_FORMAT_2 ? BulletinV2.parse(j) : Bulletin.parse(j);
}

/** Each question's count, in card order: a /1 result is one project question with the vote's id. */
export const countsOf = (r: AnyResult): QuestionCount[] => resultQuestions(r).questions;

/** The card's questions as the marks kernel takes them (method, rule, keys in card order). */
export function markQuestionsOfBulletin(b: AnyBulletin): Question[] {
  return bulletinQuestions(b).map((q) => ({ id: q.id, kind: q.kind, markMode: q.markMode, seats: q.seats, maxFor: q.maxFor, candidateIds: q.candidates.map((c) => c.id) }));
}

/** Every question with its words and figures, in card order. */
export function questionResults(b: AnyBulletin, r: AnyResult): QuestionResult[] {
  const counts = new Map(countsOf(r).map((q) => [q.id, q]));
  return bulletinQuestions(b).flatMap((q) => {
    const c = counts.get(q.id);
    if (!c) return [];
    const titles = new Map(q.candidates.map((x) => [x.id, x.title]));
    return [
      {
        id: q.id,
        kind: q.kind,
        motionKind: q.motionKind ?? null,
        title: q.title,
        markMode: q.markMode,
        seats: q.seats,
        maxFor: q.maxFor,
        rule: q.threshold,
        valid: c.valid,
        invalid: c.invalid,
        threshold: c.threshold,
        candidates: c.candidates.map((x) => ({ ...x, title: titles.get(x.id) ?? x.id })),
        elected: c.elected,
        tied: c.tied,
        unfilledSeats: c.unfilledSeats,
        passed: c.passed,
      },
    ];
  });
}

/** The project question's count (what follow-ups, the reserve pool and the projects read), or null on a sitting of motions only. */
export function projectCount(r: AnyResult): (QuestionCount & { void: boolean }) | null {
  const q = countsOf(r).find((x) => x.kind === 'projects');
  return q ? { ...q, void: r.void } : null;
}

/** Ballots invalid for at least one question (the figure the chief scrutineer confirms re-checking). */
export function invalidBallotCount(b: AnyBulletin, r: AnyResult): number {
  if (r.format !== RESULT_FORMAT_2) return r.invalid;
  const qs = markQuestionsOfBulletin(b);
  return b.ballots.filter((m) => invalidQuestions(m, qs).size > 0).length;
}
