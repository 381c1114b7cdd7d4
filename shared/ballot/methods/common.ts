/**
 * What the methods of today share, written once and used by their modules (not by callers: they ask the method).
 * Imports only types from index.ts, so the modules can be loaded by index.ts without a cycle at run time.
 */
import type { CandidateTotals, Invalidity, Mark, Marks, MarksRefusal } from './index.ts';

/** Raw marks → canonical marks, with `allowed` the marks this method accepts (an abstention is always accepted). */
export function normaliseWith(raw: Record<string, unknown>, candidateIds: readonly string[], allowed: readonly Mark[]): { ok: true; marks: Marks } | { ok: false; reason: MarksRefusal } {
  const known = new Set(candidateIds);
  for (const [id, m] of Object.entries(raw)) {
    if (!known.has(id)) return { ok: false, reason: 'unknown_candidate' };
    if (typeof m !== 'string' || (m !== 'abstain' && !allowed.includes(m as Mark))) return { ok: false, reason: 'bad_mark' };
  }
  return { ok: true, marks: canonicalWith(raw as Marks, candidateIds, allowed) };
}

/** Keys in candidate order, only the marks that count (never an abstention), so one choice is always one text. */
export function canonicalWith(marks: Marks, candidateIds: readonly string[], kept: readonly Mark[]): Marks {
  const out: Marks = {};
  for (const id of candidateIds) {
    const m = marks[id];
    if (m && m !== 'abstain' && kept.includes(m)) out[id] = m;
  }
  return out;
}

export const forCount = (marks: Marks) => {
  let n = 0;
  for (const k in marks) if (marks[k] === 'for') n++;
  return n;
};

/** More 赞成 than allowed (maxFor, the seats by default) makes the whole ballot invalid (废票). */
export function overMarked(marks: Marks, maxFor: number): Invalidity | null {
  const n = forCount(marks);
  return n > maxFor ? { reason: 'over_marked', marked: n, max: maxFor } : null;
}

/** Count 赞成 and 反对 per candidate; a candidate not on the ballot is ignored (the bulletin's schema refuses it first). */
export function addMarks(marks: Marks, index: ReadonlyMap<string, number>, totals: CandidateTotals) {
  for (const k in marks) {
    const i = index.get(k);
    if (i === undefined) continue;
    const m = marks[k];
    if (m === 'for') totals.for[i]++;
    else if (m === 'against') totals.against[i]++;
  }
}
