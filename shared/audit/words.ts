/**
 * An audit entry in words: its action, the object it names and its details, with ids turned into the names the server
 * found (`refs`). Pure, so the page and the CSV export say the same thing; `say` looks up a dictionary key in the
 * reader's language and answers null for a key it does not have.
 */
import { detailRefKind, isAuditAction, isRefKind, type RefKind } from './actions.ts';
import type { AuditRefs } from './schema.ts';

export type Say = (key: string, params?: Record<string, string | number>) => string | null;
type EntryLike = { action: string; targetType: string | null; targetId: string | null; details: unknown };

/** The action in words; an action the words do not know yet shows its code. */
export const actionWords = (action: string, say: Say) => (isAuditAction(action) ? (say(`audit.action.${action}`) ?? action) : action);

export type Named = { kind: RefKind; id: string; name: string; found: boolean; parentId: string | null };

/** An object by its name: as found in this congress, else the name the entry itself recorded, else unknown. */
function named(kind: RefKind, id: string, refs: AuditRefs, fallback: string | null, say: Say): Named {
  const ref = refs[kind]?.[id];
  if (ref) return { kind, id, name: ref.name, found: true, parentId: ref.parentId ?? null };
  if (kind === 'signing_key') return { kind, id, name: id, found: true, parentId: null };
  return { kind, id, name: `${fallback ?? ''}${say('audit.deleted') ?? ''}`, found: false, parentId: null };
}

const recordedName = (details: unknown): string | null => {
  if (!details || typeof details !== 'object') return null;
  const d = details as Record<string, unknown>;
  for (const k of ['title', 'name', 'label', 'filename', 'displayName', 'username']) if (typeof d[k] === 'string' && d[k]) return d[k] as string;
  return null;
};

/** The entry's target by name, or null when it names none. */
export function targetOf(e: EntryLike, refs: AuditRefs, say: Say): Named | null {
  if (!e.targetType || !e.targetId || !isRefKind(e.targetType)) return null;
  return named(e.targetType, e.targetId, refs, recordedName(e.details), say);
}

const sep = (say: Say) => say('list.separator') ?? '、';

export type DetailPart = { key: string; label: string; text: string; refs: Named[] };

/** Details whose values are codes with words of their own in the dictionary (`channel: liaison_station` → 代表联络站). */
const VALUE_WORDS: Record<string, string> = { role: 'role', channel: 'channel', category: 'category', gender: 'gender', level: 'congress.level' };

function valueText(key: string, v: unknown, say: Say): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return (v ? say('audit.yes') : say('audit.no')) ?? String(v);
  if (typeof v === 'string' && VALUE_WORDS[key]) return say(`${VALUE_WORDS[key]}.${v}`) ?? v;
  if (Array.isArray(v)) return v.every((x) => typeof x !== 'object' || x === null) ? v.map(String).join(sep(say)) : (say('audit.items', { n: v.length }) ?? String(v.length));
  if (typeof v === 'object') {
    const text = JSON.stringify(v);
    return text.length > 160 ? `${text.slice(0, 160)}…` : text;
  }
  return String(v);
}

/** The details, key by key in words; ids of objects become their names. */
export function detailParts(e: EntryLike, refs: AuditRefs, say: Say): DetailPart[] {
  if (e.details === null || e.details === undefined) return [];
  if (typeof e.details !== 'object' || Array.isArray(e.details)) return [{ key: '', label: '', text: String(e.details), refs: [] }];
  return Object.entries(e.details as Record<string, unknown>).map(([key, v]) => {
    const kind = detailRefKind(e.action, key);
    const label = say(`audit.key.${key}`) ?? (kind ? (say(`audit.kind.${kind}`) ?? key) : key);
    if (kind) {
      const ids = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && x !== '');
      const list = ids.map((id) => named(kind, id, refs, null, say));
      return { key, label, text: list.map((n) => n.name).join(sep(say)) || '—', refs: list };
    }
    return { key, label, text: valueText(key, v, say), refs: [] };
  });
}

/** The details on one line: "标题：城关镇污水管网 · 实到：5". */
export const detailLine = (parts: DetailPart[], say: Say) => parts.map((p) => (p.label ? (say('audit.kv', { k: p.label, v: p.text }) ?? `${p.label}: ${p.text}`) : p.text)).join(' · ');
