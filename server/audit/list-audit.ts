/**
 * Reading a congress's audit log as staff do: filtered (who, what, which kind of object, when), searched, a page at a
 * time with the total, and every object an entry names looked up by name — one query per kind of object, never per
 * row, and always inside this congress (an id that belongs elsewhere stays unnamed). Read only: the log is appended
 * by server/lib/audit.ts and nothing here writes to it.
 */
import { and, asc, count, desc, eq, gte, ilike, inArray, isNotNull, isNull, like, lt, or, sql, type SQL } from 'drizzle-orm';
import { AUDIT_ACTIONS, refsOf, type RefKind } from '../../shared/audit/actions.ts';
import type { AuditFilter, AuditList, AuditRefs } from '../../shared/audit/schema.ts';
import { listRefs, SYSTEM_ACTOR } from '../../shared/audit/schema.ts';
import { en } from '../../shared/i18n/en.ts';
import { zhCN } from '../../shared/i18n/zh-CN.ts';
import { offsetOf, type PageQuery } from '../../shared/paging.ts';
import type { DbOrTx } from '../db/client.ts';
import {
  accounts,
  auditLog,
  candidateLists,
  candidates,
  changeRequests,
  collectionWindows,
  congresses,
  congressSessions,
  departments,
  evalRounds,
  archiveEntries,
  hotlineImports,
  reviewMeetings,
  items,
  receptions,
  stations,
  findings,
  inspections,
  kiosks,
  memberships,
  milestones,
  projectFiles,
  projects,
  proposals,
  rectifications,
  representatives,
  votes,
} from '../db/schema/index.ts';

const likeOf = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/** Calendar days are read in Asia/Shanghai, as every date in the app; `at` is ISO-8601 UTC text, so text compares. */
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`).toISOString();
const dayAfter = (day: string) => new Date(new Date(`${day}T00:00:00+08:00`).getTime() + 86_400_000).toISOString();

/**
 * Accounts this congress may name: those holding a role in it, its representatives' card accounts, and those its own
 * log shows were made or given a role here (a role revoked since: the person is still who they were).
 */
const accountOfCongress = (congressId: string) =>
  or(
    sql`exists (select 1 from ${memberships} where ${memberships.accountId} = ${accounts.id} and ${memberships.congressId} = ${congressId})`,
    sql`exists (select 1 from ${representatives} where ${representatives.accountId} = ${accounts.id} and ${representatives.congressId} = ${congressId})`,
    sql`exists (select 1 from ${auditLog} where ${auditLog.congressId} = ${congressId} and ${auditLog.targetType} = 'account' and ${auditLog.targetId} = ${accounts.id} and ${auditLog.action} in ('congress.grant_role', 'accounts.create'))`,
  )!;

/** Ids of this congress's objects whose name contains the search text (one subquery over the named kinds). */
function namedLike(congressId: string, pattern: string): SQL {
  const parts = [
    sql`select ${representatives.id} from ${representatives} where ${representatives.congressId} = ${congressId} and ${representatives.name} ilike ${pattern}`,
    sql`select ${departments.id} from ${departments} where ${departments.congressId} = ${congressId} and ${departments.name} ilike ${pattern}`,
    sql`select ${proposals.id} from ${proposals} where ${proposals.congressId} = ${congressId} and (${proposals.title} ilike ${pattern} or ${proposals.trackingCode} ilike ${pattern})`,
    sql`select ${candidates.id} from ${candidates} where ${candidates.congressId} = ${congressId} and ${candidates.title} ilike ${pattern}`,
    sql`select ${candidateLists.id} from ${candidateLists} where ${candidateLists.congressId} = ${congressId} and ${candidateLists.title} ilike ${pattern}`,
    sql`select ${congressSessions.id} from ${congressSessions} where ${congressSessions.congressId} = ${congressId} and ${congressSessions.name} ilike ${pattern}`,
    sql`select ${votes.id} from ${votes} where ${votes.congressId} = ${congressId} and ${votes.title} ilike ${pattern}`,
    sql`select ${projects.id} from ${projects} where ${projects.congressId} = ${congressId} and ${projects.title} ilike ${pattern}`,
    sql`select ${inspections.id} from ${inspections} where ${inspections.congressId} = ${congressId} and ${inspections.title} ilike ${pattern}`,
    sql`select ${evalRounds.id} from ${evalRounds} where ${evalRounds.congressId} = ${congressId} and ${evalRounds.title} ilike ${pattern}`,
    sql`select ${accounts.id} from ${accounts} where ${accounts.displayName} ilike ${pattern} and ${accountOfCongress(congressId)}`,
  ];
  return sql.join(parts, sql` union all `);
}

/** Action codes whose words (Chinese or English) or code contain the text. */
function actionsMatching(q: string): string[] {
  const needle = q.toLowerCase();
  return AUDIT_ACTIONS.filter((a) => {
    const key = `audit.action.${a}` as const;
    return a.includes(needle) || zhCN[key].toLowerCase().includes(needle) || en[key].toLowerCase().includes(needle);
  });
}

export function auditConditions(congressId: string, f: AuditFilter): SQL[] {
  const conds: SQL[] = [eq(auditLog.congressId, congressId)];
  if (f.actor) conds.push(f.actor === SYSTEM_ACTOR ? isNull(auditLog.actorId) : eq(auditLog.actorId, f.actor));
  if (f.action) conds.push(eq(auditLog.action, f.action));
  else if (f.area) conds.push(like(auditLog.action, `${f.area}.%`));
  if (f.kind) conds.push(eq(auditLog.targetType, f.kind));
  if (f.from) conds.push(gte(auditLog.at, dayStart(f.from)));
  if (f.to) conds.push(lt(auditLog.at, dayAfter(f.to)));
  if (f.q) {
    const pattern = likeOf(f.q);
    const any: SQL[] = [
      ilike(auditLog.actorName, pattern),
      sql`${auditLog.details}::text ilike ${pattern}`,
      eq(auditLog.targetId, f.q),
      sql`${auditLog.targetId} in (${namedLike(congressId, pattern)})`,
    ];
    const acts = actionsMatching(f.q);
    if (acts.length) any.push(inArray(auditLog.action, acts));
    if (/^\d{1,15}$/.test(f.q)) any.push(eq(auditLog.seq, Number(f.q)));
    conds.push(or(...any)!);
  }
  return conds;
}

type Found = { id: string; name: string; parentId?: string | null };
type Lookup = (db: DbOrTx, congressId: string, ids: string[]) => Promise<Found[]>;

const clip = (s: string, n = 40) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** For each kind of object: find ids by name, in this congress only. */
const LOOKUPS: Record<RefKind, Lookup> = {
  congress: (db, cid, ids) => (ids.includes(cid) ? db.select({ id: congresses.id, name: congresses.name }).from(congresses).where(eq(congresses.id, cid)) : Promise.resolve([])),
  account: (db, cid, ids) => db.select({ id: accounts.id, name: accounts.displayName }).from(accounts).where(and(inArray(accounts.id, ids), accountOfCongress(cid))),
  representative: (db, cid, ids) => db.select({ id: representatives.id, name: representatives.name }).from(representatives).where(and(inArray(representatives.id, ids), eq(representatives.congressId, cid))),
  department: (db, cid, ids) => db.select({ id: departments.id, name: departments.name }).from(departments).where(and(inArray(departments.id, ids), eq(departments.congressId, cid))),
  collection_window: async (db, cid, ids) =>
    (await db.select({ id: collectionWindows.id, year: collectionWindows.year }).from(collectionWindows).where(and(inArray(collectionWindows.id, ids), eq(collectionWindows.congressId, cid)))).map((w) => ({ id: w.id, name: String(w.year) })),
  proposal: (db, cid, ids) => db.select({ id: proposals.id, name: proposals.title }).from(proposals).where(and(inArray(proposals.id, ids), eq(proposals.congressId, cid))),
  candidate: (db, cid, ids) => db.select({ id: candidates.id, name: candidates.title }).from(candidates).where(and(inArray(candidates.id, ids), eq(candidates.congressId, cid))),
  candidate_list: (db, cid, ids) => db.select({ id: candidateLists.id, name: candidateLists.title }).from(candidateLists).where(and(inArray(candidateLists.id, ids), eq(candidateLists.congressId, cid))),
  session: (db, cid, ids) => db.select({ id: congressSessions.id, name: congressSessions.name }).from(congressSessions).where(and(inArray(congressSessions.id, ids), eq(congressSessions.congressId, cid))),
  kiosk: (db, cid, ids) => db.select({ id: kiosks.id, name: kiosks.label, parentId: kiosks.sessionId }).from(kiosks).where(and(inArray(kiosks.id, ids), eq(kiosks.congressId, cid))),
  vote: (db, cid, ids) => db.select({ id: votes.id, name: votes.title, parentId: votes.sessionId }).from(votes).where(and(inArray(votes.id, ids), eq(votes.congressId, cid))),
  project: (db, cid, ids) => db.select({ id: projects.id, name: projects.title }).from(projects).where(and(inArray(projects.id, ids), eq(projects.congressId, cid))),
  milestone: (db, cid, ids) =>
    db.select({ id: milestones.id, name: milestones.name, parentId: milestones.projectId }).from(milestones).innerJoin(projects, eq(projects.id, milestones.projectId)).where(and(inArray(milestones.id, ids), eq(projects.congressId, cid))),
  file: (db, cid, ids) =>
    db.select({ id: projectFiles.id, name: projectFiles.filename, parentId: projectFiles.projectId }).from(projectFiles).innerJoin(projects, eq(projects.id, projectFiles.projectId)).where(and(inArray(projectFiles.id, ids), eq(projects.congressId, cid))),
  change_request: (db, cid, ids) =>
    db.select({ id: changeRequests.id, name: projects.title, parentId: changeRequests.projectId }).from(changeRequests).innerJoin(projects, eq(projects.id, changeRequests.projectId)).where(and(inArray(changeRequests.id, ids), eq(projects.congressId, cid))),
  inspection: (db, cid, ids) => db.select({ id: inspections.id, name: inspections.title }).from(inspections).where(and(inArray(inspections.id, ids), eq(inspections.congressId, cid))),
  finding: async (db, cid, ids) =>
    (
      await db
        .select({ id: findings.id, text: findings.text, parentId: findings.inspectionId })
        .from(findings)
        .innerJoin(inspections, eq(inspections.id, findings.inspectionId))
        .where(and(inArray(findings.id, ids), eq(inspections.congressId, cid)))
    ).map((f) => ({ id: f.id, name: clip(f.text), parentId: f.parentId })),
  station: (db, cid, ids) => db.select({ id: stations.id, name: stations.name }).from(stations).where(and(inArray(stations.id, ids), eq(stations.congressId, cid))),
  reception: async (db, cid, ids) =>
    (await db.select({ id: receptions.id, heldOn: receptions.heldOn, parentId: receptions.stationId }).from(receptions).where(and(inArray(receptions.id, ids), eq(receptions.congressId, cid)))).map((r) => ({ id: r.id, name: r.heldOn, parentId: r.parentId })),
  item: (db, cid, ids) => db.select({ id: items.id, name: items.title }).from(items).where(and(inArray(items.id, ids), eq(items.congressId, cid))),
  hotline_import: (db, cid, ids) => db.select({ id: hotlineImports.id, name: hotlineImports.filename }).from(hotlineImports).where(and(inArray(hotlineImports.id, ids), eq(hotlineImports.congressId, cid))),
  review_meeting: (db, cid, ids) => db.select({ id: reviewMeetings.id, name: reviewMeetings.month }).from(reviewMeetings).where(and(inArray(reviewMeetings.id, ids), eq(reviewMeetings.congressId, cid))),
  archive_entry: async (db, cid, ids) =>
    (await db.select({ id: archiveEntries.id, title: archiveEntries.title, heldOn: archiveEntries.heldOn }).from(archiveEntries).where(and(inArray(archiveEntries.id, ids), eq(archiveEntries.congressId, cid)))).map((e) => ({ id: e.id, name: `${e.heldOn} ${clip(e.title)}` })),
  eval_round: (db, cid, ids) => db.select({ id: evalRounds.id, name: evalRounds.title }).from(evalRounds).where(and(inArray(evalRounds.id, ids), eq(evalRounds.congressId, cid))),
  // A rectification is named by what it rectifies: the project or the department that was graded.
  rectification: async (db, cid, ids) =>
    (
      await db
        .select({ id: rectifications.id, project: projects.title, department: departments.name })
        .from(rectifications)
        .leftJoin(projects, and(eq(rectifications.targetKind, 'project'), eq(projects.id, rectifications.targetId), eq(projects.congressId, cid)))
        .leftJoin(departments, and(eq(rectifications.targetKind, 'department'), eq(departments.id, rectifications.targetId), eq(departments.congressId, cid)))
        .where(and(inArray(rectifications.id, ids), eq(rectifications.congressId, cid)))
    ).map((r) => ({ id: r.id, name: r.project ?? r.department ?? '' })),
  // Key ids are not secret and belong to no congress: the id is the name.
  signing_key: () => Promise.resolve([]),
};

const CHUNK = 2000;
/** Names for every object the entries name: one query per kind of object (per 2,000 ids), whatever the rows. */
export async function resolveRefs(db: DbOrTx, congressId: string, entries: { action: string; targetType: string | null; targetId: string | null; details: unknown }[]): Promise<AuditRefs> {
  const wanted = new Map<RefKind, Set<string>>();
  for (const e of entries) for (const r of refsOf(e)) (wanted.get(r.kind) ?? wanted.set(r.kind, new Set()).get(r.kind)!).add(r.id);
  const out: AuditRefs = {};
  await Promise.all(
    [...wanted].map(async ([kind, set]) => {
      const ids = [...set];
      const found: Found[] = [];
      for (let i = 0; i < ids.length; i += CHUNK) found.push(...(await LOOKUPS[kind](db, congressId, ids.slice(i, i + CHUNK))));
      if (found.length) out[kind] = Object.fromEntries(found.map((f) => [f.id, f.parentId !== undefined ? { name: f.name, parentId: f.parentId } : { name: f.name }]));
    }),
  );
  return out;
}

const present = (r: typeof auditLog.$inferSelect) => ({
  seq: r.seq,
  at: r.at,
  actorId: r.actorId,
  actorName: r.actorName,
  action: r.action,
  targetType: r.targetType,
  targetId: r.targetId,
  details: r.details as unknown,
  hash: r.hash,
});

/** One page of a congress's log, newest first, with the total, the names of what it names, and who appears in it. */
export async function listAudit(db: DbOrTx, congressId: string, f: AuditFilter, p: PageQuery): Promise<AuditList> {
  const where = and(...auditConditions(congressId, f));
  const [rows, [{ n }], actors, [sys]] = await Promise.all([
    db.select().from(auditLog).where(where).orderBy(desc(auditLog.seq)).limit(p.size).offset(offsetOf(p)),
    db.select({ n: count() }).from(auditLog).where(where),
    db
      .select({ id: auditLog.actorId, name: sql<string>`max(${auditLog.actorName})` })
      .from(auditLog)
      .where(and(eq(auditLog.congressId, congressId), isNotNull(auditLog.actorId)))
      .groupBy(auditLog.actorId)
      .orderBy(asc(sql`max(${auditLog.actorName})`)),
    db.select({ seq: auditLog.seq }).from(auditLog).where(and(eq(auditLog.congressId, congressId), isNull(auditLog.actorId))).limit(1),
  ]);
  const items = rows.map(present);
  return {
    items,
    total: Number(n),
    page: p.page,
    size: p.size,
    refs: listRefs(await resolveRefs(db, congressId, items)),
    actors: actors.map((a) => ({ id: a.id!, name: a.name ?? '' })),
    hasSystem: !!sys,
  };
}

/** Every matching entry, oldest first, read a block at a time (for the CSV export). */
export async function* auditBlocks(db: DbOrTx, congressId: string, f: AuditFilter, block = 5000) {
  const conds = auditConditions(congressId, f);
  let after = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(...conds, sql`${auditLog.seq} > ${after}`))
      .orderBy(asc(auditLog.seq))
      .limit(block);
    if (rows.length === 0) return;
    yield rows.map(present);
    after = rows.at(-1)!.seq;
    if (rows.length < block) return;
  }
}
