import { asc, desc, eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import * as C from '../../shared/evaluation/contract.ts';
import { commentsScope, figuresRefusal, filesReports, rectificationsScope, seesRound, type Viewer } from '../../shared/evaluation/policy.ts';
import { evalRounds } from '../db/schema/index.ts';
import { actorOf, type CongressAccess } from '../lib/auth.ts';
import { implement } from '../lib/contract.ts';
import type { AppEnv } from '../lib/env.ts';
import { clientIp } from '../lib/client-ip.ts';
import { limitMisses } from '../lib/rate-limit.ts';
import { AppError } from '../lib/errors.ts';
import { publicOrigin } from '../lib/origin.ts';
import { metrics } from '../system/metrics.ts';
import { codeSlips, generateCodes, grantCode, openQuestionnaire, submitAnswers } from './answer.ts';
import { answeredInHall, cardInHall } from './hall.ts';
import { fileReport, listRectifications, publishRound, reevaluate, reviewReport, setDeadline } from './rectify.ts';
import { commentsOf, computeResults, league, resultsCsv } from './results.ts';
import { archiveInquiry, archiveOfficial, createInquiry, createOfficial, listInquiries, listOfficials, oneInquiry, oneOfficial, updateInquiry, updateOfficial } from './registry.ts';
import { closeRound, createRound, describeRound, getRound, openRound, recordIssued, representativeOf, roundState, updateRound } from './rounds.ts';

// Who may call each route is its contract's permission (shared/evaluation/policy.ts); what depends on the round
// (背靠背: a department sees a round only once published; figures only once closed) is the policy's pure functions.

type Tx = Parameters<Parameters<AppEnv['Variables']['deps']['db']['transaction']>[0]>[0];
const viewer = (a: CongressAccess): Viewer => ({ roles: a.roles, systemAdmin: a.auth.account.systemAdmin });
const ctxOf = (a: CongressAccess, tx: Tx) => ({ tx, actor: actorOf(a.auth), congressId: a.congress.id });

async function visibleRound(c: Context<AppEnv>, a: CongressAccess, roundId: string) {
  const r = await getRound(c.get('deps').db, a.congress.id, roundId);
  if (!seesRound(viewer(a), r)) throw new AppError('round_not_found');
  return r;
}
async function describeFor(c: Context<AppEnv>, a: CongressAccess, r: typeof evalRounds.$inferSelect) {
  const db = c.get('deps').db;
  const rep = await representativeOf(db, a.congress.id, a.auth.account.id);
  return describeRound(db, r, { representativeId: rep?.id ?? null });
}

export const evaluationRoutes = new Hono<AppEnv>();

implement(evaluationRoutes, C.listRounds, async (c, { access: a }) => {
  const rows = await c.get('deps').db.select().from(evalRounds).where(eq(evalRounds.congressId, a.congress.id)).orderBy(desc(evalRounds.createdAt), asc(evalRounds.id));
  return Promise.all(rows.filter((r) => seesRound(viewer(a), r)).map((r) => describeFor(c, a, r)));
});

implement(evaluationRoutes, C.createRound, async (c, { access: a, body }) => {
  const row = await c.get('deps').db.transaction((tx) => createRound(ctxOf(a, tx), body));
  return describeFor(c, a, row);
});

implement(evaluationRoutes, C.getRound, async (c, { access: a, params }) => describeFor(c, a, await visibleRound(c, a, params.roundId)));

implement(evaluationRoutes, C.updateRound, async (c, { access: a, params: { roundId }, body }) => {
  const db = c.get('deps').db;
  await db.transaction((tx) => updateRound(ctxOf(a, tx), roundId, body));
  return describeFor(c, a, await getRound(db, a.congress.id, roundId));
});

implement(evaluationRoutes, C.openRound, async (c, { access, params }) => lifecycle(c, access, params.roundId, 'open'));
implement(evaluationRoutes, C.closeRound, async (c, { access, params }) => lifecycle(c, access, params.roundId, 'close'));
implement(evaluationRoutes, C.publishRound, async (c, { access, params }) => lifecycle(c, access, params.roundId, 'publish'));

implement(evaluationRoutes, C.generateCodes, async (c, { access: a, params: { roundId }, body: { audience, count } }) =>
  c.get('deps').db.transaction((tx) => generateCodes(ctxOf(a, tx), roundId, audience, count)),
);

implement(evaluationRoutes, C.listSlips, async (c, { access: a, params: { roundId }, query }) => {
  const { db, keys } = c.get('deps');
  return codeSlips(db, keys, a.congress.id, roundId, query.audience, publicOrigin(c));
});

implement(evaluationRoutes, C.recordIssued, async (c, { access: a, params: { roundId }, body: { audience, count } }) => {
  const db = c.get('deps').db;
  await db.transaction((tx) => recordIssued(ctxOf(a, tx), roundId, audience, count));
  return describeFor(c, a, await getRound(db, a.congress.id, roundId));
});

implement(evaluationRoutes, C.takeMyCode, async (c, { access: a, params: { roundId } }) => {
  const { db, keys } = c.get('deps');
  const rep = await representativeOf(db, a.congress.id, a.auth.account.id);
  if (!rep || !a.roles.includes('representative')) throw new AppError('eval_not_representative');
  if (rep.status !== 'seated') throw new AppError('representative_left');
  return db.transaction((tx) => grantCode(ctxOf(a, tx), keys, roundId, rep.id, publicOrigin(c)));
});

implement(evaluationRoutes, C.getResults, async (c, { access: a, params }) => {
  const r = await resultsRound(c, a, params.roundId);
  return computeResults(c.get('deps').db, a.congress, r);
});

implement(evaluationRoutes, C.getResultsCsv, async (c, { access: a, params }) => {
  const r = await resultsRound(c, a, params.roundId);
  const csv = resultsCsv(await computeResults(c.get('deps').db, a.congress, r));
  return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="evaluation-${r.year}.csv"` });
});

implement(evaluationRoutes, C.listComments, async (c, { access: a, params }) => {
  const r = await resultsRound(c, a, params.roundId);
  return commentsOf(c.get('deps').db, a.congress, r, commentsScope(viewer(a), a.departmentIds));
});

implement(evaluationRoutes, C.reevaluate, async (c, { access: a, params: { roundId }, body }) => {
  const row = await c.get('deps').db.transaction((tx) => reevaluate(ctxOf(a, tx), roundId, body.title));
  return describeFor(c, a, row);
});

implement(evaluationRoutes, C.getLeague, async (c, { access: a, query }) => league(c.get('deps').db, a.congress, query.kind));

implement(evaluationRoutes, C.listOfficials, async (c, { access: a, query }) => listOfficials(c.get('deps').db, a.congress.id, query.archived === 'include'));
implement(evaluationRoutes, C.createOfficial, async (c, { access: a, body }) => {
  const db = c.get('deps').db;
  return oneOfficial(db, a.congress.id, await db.transaction((tx) => createOfficial(ctxOf(a, tx), body)));
});
implement(evaluationRoutes, C.updateOfficial, async (c, { access: a, params: { officialId }, body }) => {
  const db = c.get('deps').db;
  await db.transaction((tx) => updateOfficial(ctxOf(a, tx), officialId, body));
  return oneOfficial(db, a.congress.id, officialId);
});
implement(evaluationRoutes, C.archiveOfficial, async (c, { access: a, params: { officialId } }) => {
  const db = c.get('deps').db;
  await db.transaction((tx) => archiveOfficial(ctxOf(a, tx), officialId));
  return oneOfficial(db, a.congress.id, officialId);
});

implement(evaluationRoutes, C.listInquiries, async (c, { access: a, query }) => listInquiries(c.get('deps').db, a.congress.id, query.archived === 'include'));
implement(evaluationRoutes, C.createInquiry, async (c, { access: a, body }) => {
  const db = c.get('deps').db;
  return oneInquiry(db, a.congress.id, await db.transaction((tx) => createInquiry(ctxOf(a, tx), body)));
});
implement(evaluationRoutes, C.updateInquiry, async (c, { access: a, params: { inquiryId }, body }) => {
  const db = c.get('deps').db;
  await db.transaction((tx) => updateInquiry(ctxOf(a, tx), inquiryId, body));
  return oneInquiry(db, a.congress.id, inquiryId);
});
implement(evaluationRoutes, C.archiveInquiry, async (c, { access: a, params: { inquiryId } }) => {
  const db = c.get('deps').db;
  await db.transaction((tx) => archiveInquiry(ctxOf(a, tx), inquiryId));
  return oneInquiry(db, a.congress.id, inquiryId);
});

implement(evaluationRoutes, C.listRectifications, async (c, { access: a }) => listRectifications(c.get('deps').db, a.congress, rectificationsScope(viewer(a), a.departmentIds)));

implement(evaluationRoutes, C.fileRectification, async (c, { access: a, params: { rectificationId }, body }) => {
  // A system administrator passes the permission but acts for no department.
  if (!filesReports(viewer(a))) throw new AppError('forbidden');
  await c.get('deps').db.transaction((tx) => fileReport(ctxOf(a, tx), a.departmentIds, rectificationId, body.report));
  return oneRectification(c, a, rectificationId);
});

implement(evaluationRoutes, C.reviewRectification, async (c, { access: a, params: { rectificationId }, body: { accept, note } }) => {
  await c.get('deps').db.transaction((tx) => reviewReport(ctxOf(a, tx), rectificationId, accept, note));
  return oneRectification(c, a, rectificationId);
});

implement(evaluationRoutes, C.setRectificationDeadline, async (c, { access: a, params: { rectificationId }, body }) => {
  await c.get('deps').db.transaction((tx) => setDeadline(ctxOf(a, tx), rectificationId, body.deadline));
  return oneRectification(c, a, rectificationId);
});

async function oneRectification(c: Context<AppEnv>, a: CongressAccess, id: string) {
  const all = await listRectifications(c.get('deps').db, a.congress, rectificationsScope(viewer(a), a.departmentIds));
  const one = all.find((x) => x.id === id);
  if (!one) throw new AppError('rectification_not_found');
  return one;
}

/** Figures: staff once the round is closed; everyone in the congress once it is published; nobody while it is open. */
async function resultsRound(c: Context<AppEnv>, a: CongressAccess, roundId: string) {
  const r = await visibleRound(c, a, roundId);
  const refused = figuresRefusal(viewer(a), roundState(r));
  if (refused) throw new AppError(refused);
  return r;
}

async function lifecycle(c: Context<AppEnv>, a: CongressAccess, roundId: string, step: 'open' | 'close' | 'publish') {
  const db = c.get('deps').db;
  await db.transaction((tx) => (step === 'open' ? openRound(ctxOf(a, tx), roundId) : step === 'close' ? closeRound(ctxOf(a, tx), roundId) : publishRound(ctxOf(a, tx), a.congress, roundId)));
  return describeFor(c, a, await getRound(db, a.congress.id, roundId));
}

/** Answering: no account; the signed one-time code is the credential, in the body, never the URL. */
export const publicEvaluationRoutes = new Hono<AppEnv>();

implement(publicEvaluationRoutes, C.openQuestionnaire, async (c, { body }) => {
  const { db, keys, database } = c.get('deps');
  // A typed serial is a lookup: misses count against the address (a scanned QR carries a signature instead).
  if ('serial' in body) return limitMisses(database, clientIp(c), 'eval-serial', ['eval_serial_unknown'], () => openQuestionnaire(db, keys, body));
  return openQuestionnaire(db, keys, body);
});

// 会场测评 with the delegate card: a miss (a card that is not one) counts against the address, like a typed serial.
implement(publicEvaluationRoutes, C.hallCard, async (c, { body }) =>
  limitMisses(c.get('deps').database, clientIp(c), 'eval-hall-card', ['card_invalid'], () => cardInHall(c, body.roundId, body.card)),
);

implement(publicEvaluationRoutes, C.submitAnswers, async (c, { body }) => {
  const { database, keys } = c.get('deps');
  const result = await submitAnswers(database, keys, body);
  metrics.evaluationSubmissions++;
  await answeredInHall(c.get('deps').db, keys, body.token); // 会场测评: the big screen's count
  return result;
});
