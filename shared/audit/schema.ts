import { z } from 'zod';
import { pageOf, PageQuery } from '../paging.ts';
import { AUDIT_AREAS, REF_KINDS } from './actions.ts';

export const AuditEntry = z.object({
  seq: z.int(),
  at: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.unknown(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const ChainReport = z.object({
  ok: z.boolean(),
  checked: z.int(),
  firstBroken: z.object({ seq: z.int(), reason: z.string() }).nullable(),
});
export type ChainReport = z.infer<typeof ChainReport>;

/** The raw feed, newest first, for scripts: `before` a sequence number, at most `limit` entries. */
export const AuditPage = z.object({
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** `system` in `actor`: entries written with no person behind them. */
export const SYSTEM_ACTOR = 'system';

/**
 * What staff filter the log by: who (an account id, or `system`), what (an area such as `roster`, or one action such
 * as `roster.import`), the kind of object, a date range (calendar days in Asia/Shanghai, both included) and text.
 */
export const AuditFilter = z.object({
  actor: z.string().trim().max(64).optional(),
  area: z.enum(AUDIT_AREAS).optional(),
  action: z.string().trim().regex(/^[a-z_]+\.[a-z_]+$/).max(64).optional(),
  kind: z.enum(REF_KINDS).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  q: z.string().trim().max(80).optional(),
});
export type AuditFilter = z.infer<typeof AuditFilter>;
export const AuditListQuery = AuditFilter.extend(PageQuery.shape);
export type AuditListQuery = z.infer<typeof AuditListQuery>;

/** An object an entry names, as the server found it in this congress (absent: deleted, or never of this congress). */
export const AuditRef = z.object({ name: z.string(), parentId: z.string().nullable().optional() });
export type AuditRefs = Record<string, Record<string, z.infer<typeof AuditRef>>>;
/**
 * The names as the API sends them: a list, not an object keyed by id (an id as a key reads like per-object figures to
 * the sealed-vote checks, and a list says the same).
 */
export const AuditRefList = z.array(AuditRef.extend({ kind: z.string(), id: z.string() }));
export type AuditRefList = z.infer<typeof AuditRefList>;
export const indexRefs = (list: AuditRefList): AuditRefs => {
  const out: AuditRefs = {};
  for (const { kind, id, ...ref } of list) (out[kind] ??= {})[id] = ref;
  return out;
};
/** The names as a list in one order (by kind, then id) whatever order the lookups finished in: the same page reads the same. */
export const listRefs = (refs: AuditRefs): AuditRefList =>
  Object.entries(refs)
    .flatMap(([kind, byId]) => Object.entries(byId).map(([id, ref]) => ({ kind, id, ...ref })))
    .sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export const AuditListEntry = AuditEntry.extend({ actorId: z.string().nullable() });
export type AuditListEntry = z.infer<typeof AuditListEntry>;
/** One page of the log, with the names of the objects its entries name and the people who appear in the log. */
export const AuditList = pageOf(AuditListEntry).extend({
  refs: AuditRefList,
  actors: z.array(z.object({ id: z.string(), name: z.string() })),
  hasSystem: z.boolean(),
});
export type AuditList = z.infer<typeof AuditList>;
