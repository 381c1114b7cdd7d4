/** Marks on one ballot: candidate id → for / against / abstain. A candidate left out is an abstention. */
export type Mark = 'for' | 'against' | 'abstain';
export type Marks = Record<string, Mark>;
export type MarkMode = 'for_against_abstain' | 'approve';

/**
 * Check marks against the candidates and the mark mode; answer them in the list's order with abstentions dropped
 * (so that the same choice always stores the same way), or the reason they cannot be a ballot at all.
 * An over-marked ballot is still a ballot (it counts as invalid at the tally): see `overMarked`.
 */
export function normalizeMarks(marks: Record<string, unknown>, candidateIds: string[], mode: MarkMode): { ok: true; marks: Marks } | { ok: false; reason: 'unknown_candidate' | 'bad_mark' } {
  const known = new Set(candidateIds);
  for (const [id, m] of Object.entries(marks)) {
    if (!known.has(id)) return { ok: false, reason: 'unknown_candidate' };
    const allowed = mode === 'approve' ? ['for', 'abstain'] : ['for', 'against', 'abstain'];
    if (typeof m !== 'string' || !allowed.includes(m)) return { ok: false, reason: 'bad_mark' };
  }
  const out: Marks = {};
  for (const id of candidateIds) {
    const m = marks[id] as Mark | undefined;
    if (m && m !== 'abstain') out[id] = m;
  }
  return { ok: true, marks: out };
}

export const forCount = (marks: Marks) => Object.values(marks).filter((m) => m === 'for').length;
/** More 赞成 than seats (maxFor) makes the ballot invalid (废票). */
export const overMarked = (marks: Marks, maxFor: number) => forCount(marks) > maxFor;

/** Same choice, same ballot: compares normalised marks. */
export const sameMarks = (a: Marks, b: Marks) => {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
};
