/**
 * 每季度至少接待 n 次 (SPEC §13): who among the representatives took part in fewer receptions in a quarter than the
 * congress asks (settings.loop.receptionsPerQuarter). Pure: the caller gives the representatives and the reception
 * records they were present at; a record counts for the quarter of the day it was held.
 */

export type ShortfallRep = { id: string; name: string; delegation: string };
export type Attendance = { representativeId: string; heldOn: string };
export type ShortfallLine = { representativeId: string; name: string; delegation: string; attended: number };

/** The first and last day of a quarter (1–4) of a year. */
export function quarterBounds(year: number, quarter: number): { from: string; to: string } {
  const m = (quarter - 1) * 3 + 1;
  const last = new Date(Date.UTC(year, m + 2, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { from: `${year}-${pad(m)}-01`, to: `${year}-${pad(m + 2)}-${pad(last)}` };
}

/** The quarter (1–4) a day falls in. */
export const quarterOf = (day: string) => Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1;

/** The representatives with fewer than `perQuarter` receptions attended in the quarter, fewest first, then by name. */
export function shortfall(input: { year: number; quarter: number; perQuarter: number; representatives: ShortfallRep[]; attendance: Attendance[] }): ShortfallLine[] {
  const { from, to } = quarterBounds(input.year, input.quarter);
  const count = new Map<string, number>();
  for (const a of input.attendance) if (a.heldOn >= from && a.heldOn <= to) count.set(a.representativeId, (count.get(a.representativeId) ?? 0) + 1);
  const seen = new Set<string>();
  return input.representatives
    .filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)))
    .map((r) => ({ representativeId: r.id, name: r.name, delegation: r.delegation, attended: count.get(r.id) ?? 0 }))
    .filter((l) => l.attended < input.perQuarter)
    .sort((a, b) => a.attended - b.attended || a.name.localeCompare(b.name, 'zh-CN'));
}
