/**
 * What a roster file does to the roster as it stands: for each checked row, whether its person is new, already there
 * and the same, already there but different (updated or skipped, as the office chose), or a problem. Pure, so the
 * preview and the import (in its transaction) plan alike, and the rules are tested as plain cases.
 */
import type { ExistingMode, FieldChange, ImportCounts, ImportRow, RowAction, RowError } from './schema.ts';

export type RosterPerson = {
  id: string;
  name: string;
  gender: 'male' | 'female' | null;
  delegation: string;
  constituency: string;
  phone: string;
  status: 'seated' | 'left';
};

export type PlannedRow = ImportRow & { action: RowAction; changes: FieldChange[]; representativeId: string | null };

/** Fields an update may change (the name is how a person is found; a term ends on the roster page, with its date). */
const UPDATABLE = ['gender', 'delegation', 'constituency', 'phone'] as const;

/** A phone as digits, without the country code: `+86 138-0000-0001`, `0086 13800000001` and `13800000001` are one. */
export function phoneKey(phone: string): string {
  let d = phone.replace(/\D/g, '');
  if (d.startsWith('0086')) d = d.slice(4);
  else if (d.startsWith('86') && d.length === 13) d = d.slice(2);
  return d;
}

/**
 * Who on the roster a row is about. The same name and the same phone (as digits); or the same name when only one
 * person on the roster has it and one side has no phone. The same name with another phone is not guessed: it could be
 * a new phone or another person of that name, so the row asks the office to decide (`name_on_roster_other_phone`).
 */
function findPerson(byName: Map<string, RosterPerson[]>, name: string, phone: string): { person?: RosterPerson; error?: string } {
  const same = byName.get(name) ?? [];
  if (same.length === 0) return {};
  const key = phoneKey(phone);
  const byPhone = same.filter((p) => phoneKey(p.phone) === key);
  if (byPhone.length === 1) return { person: byPhone[0] };
  if (byPhone.length > 1) return { error: 'ambiguous_on_roster' };
  if (same.length > 1) return { error: 'ambiguous_on_roster' };
  if (key === '' || phoneKey(same[0].phone) === '') return { person: same[0] };
  return { error: 'name_on_roster_other_phone' };
}

const shown = (field: string, v: unknown) => (field === 'gender' ? (v === 'male' ? '男' : v === 'female' ? '女' : '') : String(v ?? ''));

export function planRosterImport(rows: ImportRow[], fields: string[], roster: RosterPerson[], mode: ExistingMode): { rows: PlannedRow[]; counts: ImportCounts } {
  const byName = new Map<string, RosterPerson[]>();
  for (const p of roster) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
  const claimed = new Set<string>();
  const planned = rows.map((row): PlannedRow => {
    const errors: RowError[] = [...row.errors];
    if (!row.data || errors.length) return { ...row, errors, action: 'error', changes: [], representativeId: null };
    const data = row.data;
    const { person, error } = findPerson(byName, data.name, data.phone);
    if (error) return { ...row, data: null, errors: [{ field: 'name', code: error }], action: 'error', changes: [], representativeId: null };
    if (!person) return { ...row, action: 'new', changes: [], representativeId: null };
    if (claimed.has(person.id)) return { ...row, data: null, errors: [{ field: 'name', code: 'same_person_twice' }], action: 'error', changes: [], representativeId: null };
    claimed.add(person.id);
    const changes: FieldChange[] = [];
    for (const f of UPDATABLE) {
      if (!fields.includes(f)) continue;
      const same = f === 'phone' ? phoneKey(data.phone) === phoneKey(person.phone) : (data[f] ?? null) === (person[f] ?? null);
      if (!same) changes.push({ field: f, from: shown(f, person[f]), to: shown(f, data[f]) });
    }
    const statusDiffers = fields.includes('status') && data.status !== person.status;
    if (mode === 'skip') return { ...row, action: changes.length || statusDiffers ? 'skip' : 'unchanged', changes, representativeId: person.id };
    if (statusDiffers) return { ...row, data: null, errors: [{ field: 'status', code: 'status_differs' }], action: 'error', changes, representativeId: person.id };
    return { ...row, action: changes.length ? 'update' : 'unchanged', changes, representativeId: person.id };
  });
  const counts: ImportCounts = { new: 0, unchanged: 0, update: 0, skip: 0, error: 0 };
  for (const r of planned) counts[r.action]++;
  return { rows: planned, counts };
}
