/**
 * What happens to an item (SPEC §13): triage (当场答复, 交办, 转上级, 合并, 转为项目建议, 改派), the department's answer,
 * staff's accept/return, key items and supervision, the submitter's feedback (不满意 reopens once) and the
 * representative's back-to-back handling rating. Every change of state goes through `move()` of
 * shared/items/transitions.ts — the one statement of which move is allowed in which state. Each function runs inside
 * the caller's transaction and is used by the routes and the demo alike.
 */
import { randomInt } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { CongressSettings } from '../../shared/congress/settings.ts';
import type { CATEGORIES, CHANNELS } from '../../shared/gathering/schema.ts';
import { windowState } from '../../shared/gathering/window.ts';
import { CLOSED_STATUSES, type AnswerClass, type FeedbackGrade, type ItemCategory, type ItemSource, type ItemStatus, type Urgency } from '../../shared/items/enums.ts';
import { ITEM_STATUS_LABELS } from '../../shared/items/labels.ts';
import type { HandlingRating } from '../../shared/items/schema.ts';
import { move, type ItemAction } from '../../shared/items/transitions.ts';
import { addWorkingDays, type Calendar } from '../../shared/items/working-days.ts';
import { shanghaiToday } from '../../shared/time.ts';
import type { Tx } from '../db/client.ts';
import { collectionWindows, congresses, departments, handlingRatingGrants, handlingRatings, itemAnswers, itemEvents, items, itemSupervisions, loopFiles, stations } from '../db/schema/index.ts';
import { appendAudit, type Actor } from '../lib/audit.ts';
import { now } from '../lib/clock.ts';
import { AppError, isUniqueViolation } from '../lib/errors.ts';
import type { CheckedFile } from '../gathering/attachments.ts';
import { submitProposal } from '../gathering/proposals.ts';
import { loadCalendar } from './calendar.ts';
import * as notify from '../notify/triggers.ts';

type Row = typeof items.$inferSelect;
type Congress = typeof congresses.$inferSelect;

export const today = () => shanghaiToday(now());
const settingsOf = (congress: Congress) => CongressSettings.parse(congress.settings ?? {});

/** The state `action` takes the item to, or the refusal in words. */
export function stateAfter(item: Row, action: ItemAction): ItemStatus {
  const m = move({ status: item.status, round: item.round, departmentId: item.departmentId }, action);
  if (!m.ok) throw new AppError(m.error, { status: ITEM_STATUS_LABELS[item.status] });
  return m.status;
}

/** Days of an urgency's deadline from today on the congress's calendar. */
export function deadlineOf(congress: Congress, urgency: Urgency, cal: Calendar, from = today()): string {
  return addWorkingDays(from, settingsOf(congress).loop.deadlines[urgency], cal);
}

async function event(tx: Tx, item: Row, kind: string, actor: Actor, note = '', data: Record<string, unknown> | null = null) {
  await tx.insert(itemEvents).values({ congressId: item.congressId, itemId: item.id, kind, actorId: actor?.id ?? null, note, data, at: now() });
}
const audit = (tx: Tx, item: Row, actor: Actor, action: string, details: Record<string, unknown> = {}) =>
  appendAudit(tx, { actor, congressId: item.congressId, action, targetType: 'item', targetId: item.id, details: { trackingCode: item.trackingCode, ...details } });

export async function saveFiles(tx: Tx, congressId: string, ownerKind: 'answer' | 'supervision' | 'item' | 'reception', ownerId: string, files: CheckedFile[]) {
  if (files.length) await tx.insert(loopFiles).values(files.map((f) => ({ ...f, congressId, ownerKind, ownerId })));
}

const update = (tx: Tx, item: Row, set: Partial<typeof items.$inferInsert>) => tx.update(items).set({ ...set, updatedAt: now() }).where(eq(items.id, item.id));

// ---- triage ----
export async function answerOnSpot(tx: Tx, item: Row, note: string, actor: Actor) {
  const status = stateAfter(item, 'answer_on_spot');
  await update(tx, item, { status, triageNote: note, closedOn: today() });
  await event(tx, item, 'answer_on_spot', actor, note);
  await notify.itemTriaged(tx, item, 'answer_on_spot');
  await audit(tx, item, actor, 'items.answer_on_spot');
  return { status, dueOn: item.dueOn };
}

/** 交办 or 改派: the department must be the congress's; the deadline is the urgency's working days, or a later explicit day. */
export async function assign(tx: Tx, congress: Congress, item: Row, input: { departmentId: string; urgency: Urgency; dueOn?: string; note?: string }, actor: Actor, action: 'assign' | 'reassign' = 'assign') {
  const status = stateAfter(item, action);
  const [dept] = await tx.select({ id: departments.id, name: departments.name }).from(departments).where(and(eq(departments.id, input.departmentId), eq(departments.congressId, congress.id)));
  if (!dept) throw new AppError('department_not_found');
  const day = today();
  if (input.dueOn !== undefined && input.dueOn <= day) throw new AppError('item_due_past', { today: day });
  const dueOn = input.dueOn ?? deadlineOf(congress, input.urgency, await loadCalendar(tx, congress.id), day);
  await update(tx, item, { status, departmentId: dept.id, urgency: input.urgency, assignedOn: day, dueOn });
  const data = { departmentId: dept.id, department: dept.name, urgency: input.urgency, dueOn, ...(action === 'reassign' ? { fromDepartmentId: item.departmentId } : {}) };
  await event(tx, item, action, actor, input.note ?? '', data);
  await notify.itemTriaged(tx, item, 'assign');
  await notify.itemAssigned(tx, item, dept.id, dueOn);
  await audit(tx, item, actor, `items.${action}`, data);
  return { status, dueOn };
}

export async function refer(tx: Tx, item: Row, to: string, actor: Actor) {
  const status = stateAfter(item, 'refer');
  await update(tx, item, { status, triageNote: to, closedOn: today() });
  await event(tx, item, 'refer', actor, to);
  await notify.itemTriaged(tx, item, 'refer');
  await audit(tx, item, actor, 'items.refer', { to });
  return { status, dueOn: item.dueOn };
}

/** 合并 into another open item of the same congress (not itself; another congress's is not found). */
export async function merge(tx: Tx, item: Row, intoId: string, reason: string, actor: Actor) {
  if (intoId === item.id) throw new AppError('item_merge_self');
  const status = stateAfter(item, 'merge');
  const [into] = await tx.select().from(items).where(and(eq(items.id, intoId), eq(items.congressId, item.congressId))).for('update');
  if (!into) throw new AppError('item_not_found');
  if (CLOSED_STATUSES.includes(into.status)) throw new AppError('item_merge_target');
  await update(tx, item, { status, mergedIntoId: into.id, triageNote: reason, closedOn: today() });
  await event(tx, item, 'merge', actor, reason, { intoId: into.id, intoCode: into.trackingCode });
  await notify.itemTriaged(tx, item, 'merge');
  await event(tx, into, 'merged_from', actor, '', { fromId: item.id, fromCode: item.trackingCode });
  await audit(tx, item, actor, 'items.merge', { intoId: into.id });
  return { status, dueOn: item.dueOn };
}

/** Which channel a proposal made from an item is filed under. */
const CHANNEL_OF: Record<ItemSource, (typeof CHANNELS)[number]> = {
  reception: 'liaison_station',
  representative: 'representative',
  resident: 'resident_online',
  hotline: 'hotline_12345',
  inspection: 'representative',
  staff: 'liaison_station',
};
const CATEGORY_OF: Record<ItemCategory, (typeof CATEGORIES)[number]> = {
  social: 'other',
  science_education: 'education',
  rural: 'other',
  urban: 'other',
  ecology: 'environment',
  other: 'other',
};

/** 转为项目建议: a proposal in the open collection window, or else the next scheduled one (refused when there is none). */
export async function toProposal(tx: Tx, item: Row, note: string, actor: Actor) {
  const status = stateAfter(item, 'to_proposal');
  const at = now();
  const windows = await tx.select().from(collectionWindows).where(eq(collectionWindows.congressId, item.congressId)).orderBy(asc(collectionWindows.opensOn));
  const target = windows.find((w) => windowState(w, at) === 'open') ?? windows.find((w) => windowState(w, at) === 'scheduled');
  if (!target) throw new AppError('item_no_window');
  const latest = [...windows].sort((a, b) => b.year - a.year)[0];
  const open = windows.some((w) => windowState(w, at) === 'open');
  // submitProposal files into the open window, else the latest: the scheduled target is the latest when none is open.
  if (!open && latest.id !== target.id) throw new AppError('item_no_window');
  const [station] = item.stationId ? await tx.select({ name: stations.name }).from(stations).where(eq(stations.id, item.stationId)) : [];
  const channel = CHANNEL_OF[item.source];
  const p = await submitProposal(tx, {
    congressId: item.congressId,
    input: {
      title: item.title.slice(0, 80),
      description: item.content,
      category: CATEGORY_OF[item.category],
      location: (item.place || station?.name || '—').slice(0, 80),
      beneficiaries: '',
      channel,
      station: channel === 'liaison_station' ? (station?.name ?? '') : '',
      submitterName: item.submitterName,
      submitterContact: item.submitterContact,
      submittedBy: item.submittedBy,
    },
    files: [],
    actor,
    requireOpen: false,
  });
  await update(tx, item, { status, proposalId: p.id, triageNote: note, closedOn: today() });
  await event(tx, item, 'to_proposal', actor, note, { proposalId: p.id, proposalCode: p.trackingCode, year: p.year });
  await notify.itemTriaged(tx, item, 'to_proposal');
  await audit(tx, item, actor, 'items.to_proposal', { proposalId: p.id });
  return { status, dueOn: item.dueOn, proposalId: p.id, windowYear: p.year };
}

// ---- answer and decision ----
/** The department's 答复 (late is allowed: counted by the figures, shown on the item). */
export async function answer(tx: Tx, item: Row, input: { answerClass: AnswerClass; text: string }, files: CheckedFile[], actor: Actor) {
  const status = stateAfter(item, 'answer');
  const day = today();
  const [a] = await tx
    .insert(itemAnswers)
    .values({ congressId: item.congressId, itemId: item.id, round: item.round, departmentId: item.departmentId, answerClass: input.answerClass, text: input.text, answeredOn: day, answeredBy: actor?.id ?? null })
    .returning({ id: itemAnswers.id });
  await saveFiles(tx, item.congressId, 'answer', a.id, files);
  await update(tx, item, { status, answerClass: input.answerClass, answeredOn: day });
  const late = !!item.dueOn && day > item.dueOn;
  await event(tx, item, 'answer', actor, '', { answerClass: input.answerClass, late, files: files.length });
  await audit(tx, item, actor, 'items.answer', { answerClass: input.answerClass, late, answerId: a.id });
  return { status, dueOn: item.dueOn };
}

async function openAnswer(tx: Tx, item: Row) {
  const [a] = await tx.select().from(itemAnswers).where(and(eq(itemAnswers.itemId, item.id), isNull(itemAnswers.decision))).orderBy(desc(itemAnswers.createdAt)).limit(1);
  return a ?? null;
}

export async function accept(tx: Tx, item: Row, actor: Actor) {
  const status = stateAfter(item, 'accept');
  const a = await openAnswer(tx, item);
  if (a) await tx.update(itemAnswers).set({ decision: 'accepted', decidedAt: now() }).where(eq(itemAnswers.id, a.id));
  await update(tx, item, { status, closedOn: today() });
  await event(tx, item, 'accept', actor);
  await notify.itemAnswered(tx, item);
  await audit(tx, item, actor, 'items.accept', { answerId: a?.id ?? null });
  return { status, dueOn: item.dueOn };
}

export async function returnAnswer(tx: Tx, item: Row, reason: string, actor: Actor) {
  const status = stateAfter(item, 'return');
  const a = await openAnswer(tx, item);
  if (a) await tx.update(itemAnswers).set({ decision: 'returned', decisionReason: reason, decidedAt: now() }).where(eq(itemAnswers.id, a.id));
  await update(tx, item, { status });
  await event(tx, item, 'return', actor, reason);
  await audit(tx, item, actor, 'items.return', { reason });
  return { status, dueOn: item.dueOn };
}

// ---- key items and supervision ----
export async function setKey(tx: Tx, item: Row, input: { keyItem: true; leader: string } | { keyItem: false }, actor: Actor) {
  const leader = input.keyItem ? input.leader : '';
  await update(tx, item, { keyItem: input.keyItem, keyLeader: leader });
  await event(tx, item, input.keyItem ? 'key_on' : 'key_off', actor, leader);
  await audit(tx, item, actor, 'items.key', { keyItem: input.keyItem, leader });
}

/** 现场督办 of an open item: not in the future; a new deadline must be after today and moves the item's. */
export async function supervise(tx: Tx, item: Row, input: { heldOn: string; leader: string; found: string; newDueOn?: string }, files: CheckedFile[], actor: Actor) {
  if (CLOSED_STATUSES.includes(item.status)) throw new AppError('item_wrong_state', { status: ITEM_STATUS_LABELS[item.status] });
  const day = today();
  if (input.heldOn > day) throw new AppError('item_date_future', { today: day });
  if (input.newDueOn !== undefined && input.newDueOn <= day) throw new AppError('item_due_past', { today: day });
  const [s] = await tx
    .insert(itemSupervisions)
    .values({ congressId: item.congressId, itemId: item.id, heldOn: input.heldOn, leader: input.leader, found: input.found, newDueOn: input.newDueOn ?? null, createdBy: actor?.id ?? null })
    .returning({ id: itemSupervisions.id });
  await saveFiles(tx, item.congressId, 'supervision', s.id, files);
  if (input.newDueOn) await update(tx, item, { dueOn: input.newDueOn });
  await event(tx, item, 'supervision', actor, input.found, { leader: input.leader, heldOn: input.heldOn, newDueOn: input.newDueOn ?? null });
  await audit(tx, item, actor, 'items.supervision', { supervisionId: s.id, newDueOn: input.newDueOn ?? null });
  return s.id;
}

// ---- feedback ----
/**
 * The submitter's rating with the tracking code: once per round, only on a done item. 不满意 on the first round
 * reopens it (再办理: the department again with a new deadline, or triage when it had none); on the second it stays
 * done. A 12345 ticket rated 不满意 goes on the key-item list.
 */
export async function feedback(tx: Tx, congress: Congress, item: Row, grade: FeedbackGrade, comment: string) {
  if (item.status !== 'done') throw new AppError('item_not_rateable');
  if (item.feedbackRound === item.round) throw new AppError('item_feedback_given');
  const set: Partial<typeof items.$inferInsert> = { feedback: grade, feedbackRound: item.round };
  let reopened = false;
  let status: ItemStatus = item.status;
  let round = item.round;
  if (grade === 'unsatisfied') {
    if (item.source === 'hotline') set.keyItem = true;
    const m = move({ status: item.status, round: item.round, departmentId: item.departmentId }, 'reopen');
    if (m.ok) {
      reopened = true;
      status = m.status;
      round = item.round + 1;
      const day = today();
      Object.assign(set, {
        status,
        round,
        closedOn: null,
        ...(item.departmentId ? { assignedOn: day, dueOn: deadlineOf(congress, item.urgency, await loadCalendar(tx, congress.id), day) } : {}),
      });
    }
  }
  await update(tx, item, set);
  await event(tx, item, 'feedback', null, comment, { grade, round: item.round });
  if (reopened) await event(tx, item, 'reopen', null, '', { round, dueOn: set.dueOn ?? null });
  if (reopened && item.departmentId) await notify.itemAssigned(tx, { ...item, round }, item.departmentId, set.dueOn ?? null);
  await audit(tx, item, null, 'items.feedback', { grade, round: item.round, reopened });
  return { status, round, reopened };
}

// ---- the back-to-back handling rating ----
/**
 * The representative who raised the item rates the handling of a done item a department answered, once per round:
 * the grades go to `handling_ratings` (department, year, grades — no rater, no time, no item), the fact that they
 * rated goes to `handling_rating_grants`. Nothing else is written: no event, no audit entry, no request log line.
 */
export async function rateHandling(tx: Tx, item: Row, repId: string, grades: HandlingRating) {
  if (item.representativeId !== repId) throw new AppError('handling_not_yours');
  if (item.status !== 'done' || !item.departmentId) throw new AppError('handling_not_rateable');
  try {
    await tx.insert(handlingRatingGrants).values({ itemId: item.id, round: item.round, representativeId: repId, congressId: item.congressId });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('handling_rated');
    throw e;
  }
  const year = Number((item.closedOn ?? today()).slice(0, 4));
  // Stored so that not even the place of a row on disk follows the order of arrival: the department's ratings of the
  // year are taken out and written back with the new one, in a random order, with new ids (a plain insert would put
  // the newest last, and the audit log's card sign-ins would then narrow who rated what).
  const group = and(eq(handlingRatings.congressId, item.congressId), eq(handlingRatings.departmentId, item.departmentId), eq(handlingRatings.year, year));
  const kept = await tx.delete(handlingRatings).where(group).returning({ attitude: handlingRatings.attitude, handling: handlingRatings.handling, effect: handlingRatings.effect });
  const all = shuffled([...kept, { attitude: grades.attitude, handling: grades.handling, effect: grades.effect }]);
  await tx.insert(handlingRatings).values(all.map((g) => ({ congressId: item.congressId, departmentId: item.departmentId, year, ...g })));
}

function shuffled<T>(xs: T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** Whether the representative already rated the item's current round. */
export async function handlingRated(tx: Pick<Tx, 'select'>, itemIds: string[], repId: string) {
  if (!itemIds.length) return [];
  return tx.select({ itemId: handlingRatingGrants.itemId, round: handlingRatingGrants.round }).from(handlingRatingGrants).where(and(inArray(handlingRatingGrants.itemId, itemIds), eq(handlingRatingGrants.representativeId, repId)));
}
