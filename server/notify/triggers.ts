/**
 * The messages a change sends (SPEC §17), each written by one call inside the transaction of the change it reports
 * (a refused change writes none). Each message is named by a dedupe key —
 * `<kind>:<subjectId>:<round or version>:<channel>:<personKey>` — so one event is one message however often it is
 * called. Residents hear of their own proposal or item by its tracking code; nothing here reads or writes a ballot
 * card or an evaluation code.
 */
import { eq, inArray, or } from 'drizzle-orm';
import type { MessageKind } from '../../shared/notify/enums.ts';
import { OUTCOMES, type Outcome } from './texts.ts';
import type { Db, Tx } from '../db/client.ts';
import { candidates, items, proposals, type evalRounds, type findings, type inspections, type projects } from '../db/schema/index.ts';
import { enqueue, type NewMessage, type Recipient } from './outbox.ts';
import * as people from './people.ts';

type Conn = Tx | Db;
type Lang = 'zh' | 'en';
const langOf = (r: Recipient): Lang => (r.lang === 'en' ? 'en' : 'zh');

export const dedupeKey = (kind: MessageKind, subjectId: string, version: string | number, r: Pick<Recipient, 'channel' | 'personKey'>) =>
  `${kind}:${subjectId}:${version}:${r.channel}:${r.personKey}`;

/** One message per recipient of one event. */
async function write(
  tx: Conn,
  congressId: string,
  kind: MessageKind,
  subject: { type: string; id: string },
  version: string | number,
  recipients: Recipient[],
  params: (r: Recipient) => Record<string, string>,
) {
  const list: NewMessage[] = recipients.map((to) => ({ congressId, kind, to, params: params(to), subject, dedupeKey: dedupeKey(kind, subject.id, version, to) }));
  return enqueue(tx, list);
}

// ---- residents ----

/** 初审: a proposal accepted as a candidate, merged, not adopted or kept in reserve. */
export async function proposalScreened(
  tx: Conn,
  p: Pick<typeof proposals.$inferSelect, 'id' | 'congressId' | 'trackingCode' | 'title' | 'submitterContact'>,
  outcome: Extract<Outcome, 'accepted' | 'merged' | 'not_adopted' | 'reserved'>,
) {
  const to = await people.residents(tx, [p.submitterContact]);
  return write(tx, p.congressId, 'proposal_screened', { type: 'proposal', id: p.id }, 1, to, (r) => ({ code: p.trackingCode, title: p.title.slice(0, 20), outcome: OUTCOMES[outcome][langOf(r)] }));
}

type ItemRow = Pick<typeof items.$inferSelect, 'id' | 'congressId' | 'trackingCode' | 'submitterContact' | 'round'>;

/** 分类处理 of an item a resident raised: answered on the spot, assigned, referred, merged or made a proposal (once a round). */
export async function itemTriaged(tx: Conn, item: ItemRow, outcome: Extract<Outcome, 'answer_on_spot' | 'assign' | 'refer' | 'merge' | 'to_proposal'>) {
  const to = await people.residents(tx, [item.submitterContact]);
  return write(tx, item.congressId, 'item_screened', { type: 'item', id: item.id }, item.round, to, (r) => ({ code: item.trackingCode, outcome: OUTCOMES[outcome][langOf(r)] }));
}

/** The department's answer accepted by the office: the resident reads it (and rates it) with the tracking code. */
export async function itemAnswered(tx: Conn, item: ItemRow) {
  const to = await people.residents(tx, [item.submitterContact]);
  return write(tx, item.congressId, 'item_answered', { type: 'item', id: item.id }, item.round, to, () => ({ code: item.trackingCode }));
}

/** Who suggested a project: the proposal behind its candidate, the proposals merged into it, the items made into them. */
async function sourcesOf(tx: Conn, candidateId: string | null | undefined) {
  if (!candidateId) return [];
  const [c] = await tx.select({ proposalId: candidates.proposalId }).from(candidates).where(eq(candidates.id, candidateId));
  if (!c?.proposalId) return [];
  const ps = await tx
    .select({ id: proposals.id, code: proposals.trackingCode, contact: proposals.submitterContact })
    .from(proposals)
    .where(or(eq(proposals.id, c.proposalId), eq(proposals.mergedIntoId, c.proposalId)));
  const its = ps.length ? await tx.select({ code: items.trackingCode, contact: items.submitterContact }).from(items).where(inArray(items.proposalId, ps.map((p) => p.id))) : [];
  // The proposal itself first: a person who both proposed and raised an item hears once, by the proposal's code.
  return [...ps.sort((a, b) => (a.id === c.proposalId ? -1 : b.id === c.proposalId ? 1 : a.code < b.code ? -1 : 1)), ...its.sort((a, b) => (a.code < b.code ? -1 : 1))];
}

async function toSources(tx: Conn, congressId: string, kind: 'became_project' | 'project_completed', project: Pick<typeof projects.$inferSelect, 'id' | 'title' | 'candidateId'>) {
  const list: NewMessage[] = [];
  const seen = new Set<string>();
  for (const s of await sourcesOf(tx, project.candidateId)) {
    for (const to of await people.residents(tx, [s.contact])) {
      const key = dedupeKey(kind, project.id, 1, to);
      if (seen.has(key)) continue;
      seen.add(key);
      list.push({ congressId, kind, to, params: { code: s.code, project: project.title.slice(0, 20) }, subject: { type: 'project', id: project.id }, dedupeKey: key });
    }
  }
  return enqueue(tx, list);
}

/** Elected: each new project's proposers and the residents whose items became its proposal. */
export async function becameProjects(tx: Conn, congressId: string, made: Pick<typeof projects.$inferSelect, 'id' | 'title' | 'candidateId'>[]) {
  for (const p of made) await toSources(tx, congressId, 'became_project', p);
}

export async function projectCompleted(tx: Conn, p: Pick<typeof projects.$inferSelect, 'id' | 'congressId' | 'title' | 'candidateId'>) {
  return toSources(tx, p.congressId, 'project_completed', p);
}

// ---- departments ----

/** 交办 / 改派 / reopened to the same department: the department hears of the item and its deadline. */
export async function itemAssigned(tx: Conn, item: Pick<ItemRow, 'id' | 'congressId' | 'trackingCode' | 'round'>, departmentId: string, dueOn: string | null) {
  const to = await people.department(tx, departmentId);
  return write(tx, item.congressId, 'item_assigned', { type: 'item', id: item.id }, `${item.round}-${departmentId}-${dueOn ?? ''}`, to, () => ({ code: item.trackingCode, dueOn: dueOn ?? '' }));
}

/** Many items assigned at once (a 12345 import): each department heard once per item, its contact looked up once. */
export async function itemsAssigned(tx: Conn, congressId: string, list: { id: string; trackingCode: string; round?: number; departmentId: string; dueOn: string | null }[]) {
  const reach = new Map<string, Recipient[]>();
  const out: NewMessage[] = [];
  for (const it of list) {
    if (!reach.has(it.departmentId)) reach.set(it.departmentId, await people.department(tx, it.departmentId));
    for (const to of reach.get(it.departmentId)!)
      out.push({ congressId, kind: 'item_assigned', to, params: { code: it.trackingCode, dueOn: it.dueOn ?? '' }, subject: { type: 'item', id: it.id }, dedupeKey: dedupeKey('item_assigned', it.id, `${it.round ?? 1}-${it.departmentId}-${it.dueOn ?? ''}`, to) });
  }
  for (let i = 0; i < out.length; i += 500) await enqueue(tx, out.slice(i, i + 500));
}

/** A finding for a department to answer (made, or returned to answer again: `version`). */
export async function findingToAnswer(tx: Conn, congressId: string, f: Pick<typeof findings.$inferSelect, 'id' | 'text' | 'departmentId'>, projectTitle: string, version: string | number = 1) {
  const to = await people.department(tx, f.departmentId);
  return write(tx, congressId, 'finding_to_answer', { type: 'finding', id: f.id }, version, to, () => ({ project: projectTitle.slice(0, 20), finding: f.text.slice(0, 30) }));
}

// ---- representatives ----

/** 视察 recorded with its attendees: each representative who took part hears of it. */
export async function inspectionRecorded(tx: Conn, i: Pick<typeof inspections.$inferSelect, 'id' | 'congressId' | 'date' | 'attendeeIds'>, projectTitle: string) {
  const to = await people.representativesById(tx, i.attendeeIds);
  return write(tx, i.congressId, 'inspection', { type: 'inspection', id: i.id }, 1, to, () => ({ project: projectTitle.slice(0, 20), day: i.date }));
}

/**
 * An evaluation round opened that representatives answer: each seated representative hears of it. No code is in it
 * (they sign in with their delegate card, or use the slip they are handed).
 */
export async function evaluationOpened(tx: Conn, r: Pick<typeof evalRounds.$inferSelect, 'id' | 'congressId' | 'title' | 'audiences'>) {
  if (!r.audiences.includes('representatives')) return [];
  const to = await people.representativesOf(tx, r.congressId);
  return write(tx, r.congressId, 'evaluation_open', { type: 'eval_round', id: r.id }, 1, to, () => ({ round: r.title.slice(0, 20), closesOn: '' }));
}
