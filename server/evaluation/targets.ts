/**
 * What a round evaluates, of every kind (SPEC §7, §15): projects and their departments, departments on their own,
 * appointed officials, a department's handling of suggestions, the answers of a 专题询问, representatives. Each kind says
 * here how it is checked against the congress, how it is titled, and which department answers for it (rectification).
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Target, TargetKind } from '../../shared/evaluation/schema.ts';
import type { DbOrTx } from '../db/client.ts';
import { departments, evalInquiries, evalOfficials, evalTargets, projects, representatives } from '../db/schema/index.ts';
import { projectOrder } from '../projects/describe.ts';
import { AppError } from '../lib/errors.ts';

export type TargetRef = { kind: TargetKind; targetId: string };

/**
 * The targets of a new round, in order: the projects, their lead and co-operating departments (unless left out), then
 * the other targets as given; each must be of this congress (an archived official or inquiry is refused too).
 */
export async function resolveTargets(db: DbOrTx, congressId: string, input: { projectIds: string[]; includeDepartments: boolean; targets: { kind: TargetKind; id: string }[] }): Promise<TargetRef[]> {
  const projectIds = [...new Set([...input.projectIds, ...input.targets.filter((t) => t.kind === 'project').map((t) => t.id)])];
  const ps = projectIds.length ? await db.select().from(projects).where(and(inArray(projects.id, projectIds), eq(projects.congressId, congressId))) : [];
  if (ps.length !== projectIds.length) throw new AppError('project_not_found');
  const ordered = projectIds.map((id) => ps.find((p) => p.id === id)!);
  const out: TargetRef[] = ordered.map((p) => ({ kind: 'project', targetId: p.id }));
  if (input.includeDepartments) for (const d of [...new Set(ordered.flatMap((p) => [p.leadDepartmentId, ...p.coDepartmentIds]))]) out.push({ kind: 'department', targetId: d });
  const seen = new Set(out.map((t) => `${t.kind}:${t.targetId}`));
  const others = input.targets.filter((t) => t.kind !== 'project');
  const idsOf = (...kinds: TargetKind[]) => [...new Set(others.filter((t) => kinds.includes(t.kind)).map((t) => t.id))];
  const known = new Set<string>();
  const deps = idsOf('department', 'suggestion_handling');
  if (deps.length) for (const d of await db.select({ id: departments.id }).from(departments).where(and(inArray(departments.id, deps), eq(departments.congressId, congressId)))) known.add(`dep:${d.id}`);
  const offs = idsOf('official');
  if (offs.length) for (const o of await db.select({ id: evalOfficials.id }).from(evalOfficials).where(and(inArray(evalOfficials.id, offs), eq(evalOfficials.congressId, congressId), isNull(evalOfficials.archivedAt)))) known.add(`official:${o.id}`);
  const inqs = idsOf('inquiry');
  if (inqs.length) for (const q of await db.select({ id: evalInquiries.id }).from(evalInquiries).where(and(inArray(evalInquiries.id, inqs), eq(evalInquiries.congressId, congressId), isNull(evalInquiries.archivedAt)))) known.add(`inquiry:${q.id}`);
  const reps = idsOf('representative');
  if (reps.length) for (const r of await db.select({ id: representatives.id }).from(representatives).where(and(inArray(representatives.id, reps), eq(representatives.congressId, congressId)))) known.add(`representative:${r.id}`);
  for (const t of others) {
    const key = t.kind === 'department' || t.kind === 'suggestion_handling' ? `dep:${t.id}` : `${t.kind}:${t.id}`;
    if (!known.has(key)) throw new AppError('eval_target_not_found', { kind: t.kind, id: t.id });
    if (seen.has(`${t.kind}:${t.id}`)) continue;
    seen.add(`${t.kind}:${t.id}`);
    out.push({ kind: t.kind, targetId: t.id });
  }
  if (out.length === 0) throw new AppError('round_no_targets');
  return out;
}

/**
 * The targets of a round with their titles: a project (with its lead department), a department (with its projects), an
 * official (post and department), a department's suggestion handling, an inquiry (date and departments), a
 * representative (delegation).
 */
export async function targetsOf(db: DbOrTx, roundId: string): Promise<Target[]> {
  const rows = await db.select().from(evalTargets).where(eq(evalTargets.roundId, roundId)).orderBy(asc(evalTargets.position));
  const of = (...kinds: TargetKind[]) => rows.filter((r) => kinds.includes(r.kind)).map((r) => r.targetId);
  const pids = of('project');
  const ps = pids.length ? await db.select({ id: projects.id, title: projects.title, lead: projects.leadDepartmentId, co: projects.coDepartmentIds }).from(projects).where(inArray(projects.id, pids)).orderBy(...projectOrder) : [];
  const oids = of('official');
  const os = oids.length ? await db.select().from(evalOfficials).where(inArray(evalOfficials.id, oids)) : [];
  const qids = of('inquiry');
  const qs = qids.length ? await db.select().from(evalInquiries).where(inArray(evalInquiries.id, qids)) : [];
  const rids = of('representative');
  const rs = rids.length ? await db.select({ id: representatives.id, name: representatives.name, delegation: representatives.delegation }).from(representatives).where(inArray(representatives.id, rids)) : [];
  const allDeps = [...new Set([...of('department', 'suggestion_handling'), ...ps.map((p) => p.lead), ...os.flatMap((o) => (o.departmentId ? [o.departmentId] : [])), ...qs.flatMap((q) => q.departmentIds)])];
  const ds = allDeps.length ? await db.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.id, allDeps)) : [];
  const dname = new Map(ds.map((d) => [d.id, d.name]));
  return rows.map((r): Target => {
    const id = r.targetId;
    switch (r.kind) {
      case 'project': {
        const p = ps.find((x) => x.id === id);
        return { kind: r.kind, id, title: p?.title ?? '—', subtitle: p ? (dname.get(p.lead) ?? '') : '' };
      }
      case 'department':
        return { kind: r.kind, id, title: dname.get(id) ?? '—', subtitle: ps.filter((p) => p.lead === id || p.co.includes(id)).map((p) => p.title).join('、') };
      case 'suggestion_handling':
        return { kind: r.kind, id, title: dname.get(id) ?? '—', subtitle: '' };
      case 'official': {
        const o = os.find((x) => x.id === id);
        return { kind: r.kind, id, title: o?.name ?? '—', subtitle: o ? [o.departmentId ? dname.get(o.departmentId) : '', o.post].filter(Boolean).join(' ') : '' };
      }
      case 'inquiry': {
        const q = qs.find((x) => x.id === id);
        return { kind: r.kind, id, title: q?.title ?? '—', subtitle: q ? [q.heldOn, q.departmentIds.map((d) => dname.get(d) ?? '').filter(Boolean).join('、')].join(' ') : '' };
      }
      case 'representative': {
        const x = rs.find((y) => y.id === id);
        return { kind: r.kind, id, title: x?.name ?? '—', subtitle: x?.delegation ?? '' };
      }
    }
  });
}

/**
 * The department that answers for a target's grade (its rectification): the department itself, a project's lead, an
 * official's department, the first department that answered an inquiry; none for a representative (or an official
 * without a department).
 */
export async function departmentsAnswering(db: DbOrTx, targets: { kind: TargetKind; id: string }[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const ids = (k: TargetKind) => targets.filter((t) => t.kind === k).map((t) => t.id);
  for (const t of targets) if (t.kind === 'department' || t.kind === 'suggestion_handling') out.set(`${t.kind}:${t.id}`, t.id);
  const pids = ids('project');
  if (pids.length) for (const p of await db.select({ id: projects.id, lead: projects.leadDepartmentId }).from(projects).where(inArray(projects.id, pids))) out.set(`project:${p.id}`, p.lead);
  const oids = ids('official');
  if (oids.length) for (const o of await db.select({ id: evalOfficials.id, d: evalOfficials.departmentId }).from(evalOfficials).where(inArray(evalOfficials.id, oids))) if (o.d) out.set(`official:${o.id}`, o.d);
  const qids = ids('inquiry');
  if (qids.length) for (const q of await db.select({ id: evalInquiries.id, d: evalInquiries.departmentIds }).from(evalInquiries).where(inArray(evalInquiries.id, qids))) if (q.d[0]) out.set(`inquiry:${q.id}`, q.d[0]);
  return out;
}
