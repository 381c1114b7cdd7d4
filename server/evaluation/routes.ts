import { asc, desc, eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { CongressId } from '../../shared/congress/schema.ts';
import { CodeSlip, CodesQuery, Comments, CreateRound, GenerateCodes, IssuedCodes, League, MyCode, OpenCode, Questionnaire, Rectification, RectificationParams, RectificationReport, Results, ReviewRectification, Round, RoundParams, SetDeadline, Submission, UpdateRound } from '../../shared/evaluation/schema.ts';
import { evalRounds } from '../db/schema/index.ts';
import { actorOf, requireCongressRole } from '../lib/auth.ts';
import { doc } from '../lib/doc.ts';
import type { AppEnv } from '../lib/env.ts';
import { clientIp } from '../lib/client-ip.ts';
import { limitMisses } from '../lib/rate-limit.ts';
import { AppError } from '../lib/errors.ts';
import { publicOrigin } from '../lib/origin.ts';
import { v } from '../lib/validate.ts';
import { metrics } from '../system/metrics.ts';
import { codeSlips, generateCodes, grantCode, openQuestionnaire, submitAnswers } from './answer.ts';
import { fileReport, listRectifications, publishRound, reevaluate, reviewReport, setDeadline } from './rectify.ts';
import { commentsOf, computeResults, league, resultsCsv } from './results.ts';
import { closeRound, createRound, describeRound, getRound, openRound, recordIssued, representativeOf, roundState, updateRound } from './rounds.ts';

const R = '/congresses/:congressId/evaluation/rounds';
const ALL = ['admin', 'government', 'presidium', 'scrutineer', 'representative', 'department'] as const;

async function access(c: Context<AppEnv>, congressId: string) {
  const a = await requireCongressRole(c, congressId, [...ALL]);
  const staff = a.auth.account.systemAdmin || a.roles.includes('admin');
  // A department-only account sees a round only once it is published (背靠背).
  const departmentOnly = !staff && a.roles.every((r) => r === 'department');
  return { ...a, staff, departmentOnly };
}
type Access = Awaited<ReturnType<typeof access>>;
const ctxOf = (a: Access, tx: Parameters<Parameters<AppEnv['Variables']['deps']['db']['transaction']>[0]>[0]) => ({ tx, actor: actorOf(a.auth), congressId: a.congress.id });
const mustStaff = (a: Access) => {
  if (!a.staff) throw new AppError('forbidden');
};

async function visibleRound(c: Context<AppEnv>, a: Access, roundId: string) {
  const r = await getRound(c.get('deps').db, a.congress.id, roundId);
  if (a.departmentOnly && !r.publishedAt) throw new AppError('round_not_found');
  return r;
}
async function describeFor(c: Context<AppEnv>, a: Access, r: typeof evalRounds.$inferSelect) {
  const db = c.get('deps').db;
  const rep = await representativeOf(db, a.congress.id, a.auth.account.id);
  return describeRound(db, r, { representativeId: rep?.id ?? null });
}

export const evaluationRoutes = new Hono<AppEnv>()
  .get(R, doc('evaluation', 'Evaluation rounds (a department sees only published ones)', z.array(Round)), v('param', CongressId), async (c) => {
    const a = await access(c, c.req.valid('param').congressId);
    const rows = await c.get('deps').db.select().from(evalRounds).where(eq(evalRounds.congressId, a.congress.id)).orderBy(desc(evalRounds.createdAt), asc(evalRounds.id));
    return c.json(await Promise.all(rows.filter((r) => !a.departmentOnly || r.publishedAt).map((r) => describeFor(c, a, r))));
  })
  .post(R, doc('evaluation', 'Create a round over projects (and their departments), audiences and questionnaire (staff)', Round, 201), v('param', CongressId), v('json', CreateRound), async (c) => {
    const a = await access(c, c.req.valid('param').congressId);
    mustStaff(a);
    const row = await c.get('deps').db.transaction((tx) => createRound(ctxOf(a, tx), c.req.valid('json')));
    return c.json(await describeFor(c, a, row), 201);
  })
  .get(`${R}/:roundId`, doc('evaluation', 'One round (while open: only the count of answers)', Round), v('param', RoundParams), async (c) => {
    const a = await access(c, c.req.valid('param').congressId);
    return c.json(await describeFor(c, a, await visibleRound(c, a, c.req.valid('param').roundId)));
  })
  .patch(`${R}/:roundId`, doc('evaluation', 'Edit a round before it opens: title, audiences, questionnaire', Round), v('param', RoundParams), v('json', UpdateRound), async (c) => {
    const { congressId, roundId } = c.req.valid('param');
    const a = await access(c, congressId);
    mustStaff(a);
    const db = c.get('deps').db;
    await db.transaction((tx) => updateRound(ctxOf(a, tx), roundId, c.req.valid('json')));
    return c.json(await describeFor(c, a, await getRound(db, a.congress.id, roundId)));
  })
  .post(`${R}/:roundId/open`, doc('evaluation', 'Open the round for answers', Round), v('param', RoundParams), async (c) => lifecycle(c, 'open'))
  .post(`${R}/:roundId/close`, doc('evaluation', 'Close the round: no more answers; staff may now see the figures', Round), v('param', RoundParams), async (c) => lifecycle(c, 'close'))
  .post(`${R}/:roundId/publish`, doc('evaluation', 'Publish the results: grades become public and open rectifications', Round), v('param', RoundParams), async (c) => lifecycle(c, 'publish'))
  .post(`${R}/:roundId/codes`, doc('evaluation', 'Make printed one-time codes for an audience', z.object({ generated: z.int() }), 201), v('param', RoundParams), v('json', GenerateCodes), async (c) => {
    const { congressId, roundId } = c.req.valid('param');
    const a = await access(c, congressId);
    mustStaff(a);
    const { audience, count } = c.req.valid('json');
    return c.json(await c.get('deps').db.transaction((tx) => generateCodes(ctxOf(a, tx), roundId, audience, count)), 201);
  })
  .get(`${R}/:roundId/codes`, doc('evaluation', 'The slips to print: serial and QR of `<origin>/e#<token>`', z.array(CodeSlip)), v('param', RoundParams), v('query', CodesQuery), async (c) => {
    const { congressId, roundId } = c.req.valid('param');
    const a = await access(c, congressId);
    mustStaff(a);
    const { db, keys } = c.get('deps');
    return c.json(await codeSlips(db, keys, a.congress.id, roundId, c.req.valid('query').audience, publicOrigin(c)));
  })
  .post(`${R}/:roundId/issued`, doc('evaluation', 'Record how many printed codes were handed out (never to whom)', Round), v('param', RoundParams), v('json', IssuedCodes), async (c) => {
    const { congressId, roundId } = c.req.valid('param');
    const a = await access(c, congressId);
    mustStaff(a);
    const db = c.get('deps').db;
    const { audience, count } = c.req.valid('json');
    await db.transaction((tx) => recordIssued(ctxOf(a, tx), roundId, audience, count));
    return c.json(await describeFor(c, a, await getRound(db, a.congress.id, roundId)));
  })
  .post(`${R}/:roundId/my-code`, doc('evaluation', 'A representative signed in with their card gets one code (stored: that they got one; not which)', MyCode, 201), v('param', RoundParams), async (c) => {
    const { congressId, roundId } = c.req.valid('param');
    const a = await access(c, congressId);
    const { db, keys } = c.get('deps');
    const rep = await representativeOf(db, a.congress.id, a.auth.account.id);
    if (!rep || !a.roles.includes('representative')) throw new AppError('eval_not_representative');
    if (rep.status !== 'seated') throw new AppError('representative_left');
    return c.json(await db.transaction((tx) => grantCode(ctxOf(a, tx), keys, roundId, rep.id, publicOrigin(c))), 201);
  })
  .get(`${R}/:roundId/results`, doc('evaluation', 'Results: staff once closed, everyone once published; groups under k withheld', Results), v('param', RoundParams), async (c) => {
    const a = await access(c, c.req.valid('param').congressId);
    const r = await resultsRound(c, a);
    return c.json(await computeResults(c.get('deps').db, a.congress, r));
  })
  .get(`${R}/:roundId/results.csv`, doc('evaluation', 'Results as CSV (withheld groups stay withheld)'), v('param', RoundParams), async (c) => {
    const a = await access(c, c.req.valid('param').congressId);
    const r = await resultsRound(c, a);
    const csv = resultsCsv(await computeResults(c.get('deps').db, a.congress, r));
    return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="evaluation-${r.year}.csv"` });
  })
  .get(`${R}/:roundId/comments`, doc('evaluation', 'Comments, sorted by text: staff once closed; a department its own targets once published', Comments), v('param', RoundParams), async (c) => {
    const a = await access(c, c.req.valid('param').congressId);
    const r = await resultsRound(c, a);
    const db = c.get('deps').db;
    if (a.staff || !a.departmentOnly) return c.json(await commentsOf(db, a.congress, r));
    return c.json(await commentsOf(db, a.congress, r, (t) => t.kind === 'department' && a.departmentIds.includes(t.id)));
  })
  .post(`${R}/:roundId/reevaluate`, doc('evaluation', '再测评: a new round over the targets graded 不满意, linked to this one', Round, 201), v('param', RoundParams), v('json', z.object({ title: z.string().trim().min(1).max(120).optional() })), async (c) => {
    const { congressId, roundId } = c.req.valid('param');
    const a = await access(c, congressId);
    mustStaff(a);
    const row = await c.get('deps').db.transaction((tx) => reevaluate(ctxOf(a, tx), roundId, c.req.valid('json').title));
    return c.json(await describeFor(c, a, row), 201);
  })
  .get('/congresses/:congressId/evaluation/league', doc('evaluation', 'Department league table across published rounds and years', League), v('param', CongressId), async (c) => {
    const a = await access(c, c.req.valid('param').congressId);
    return c.json(await league(c.get('deps').db, a.congress));
  })
  .get('/congresses/:congressId/rectifications', doc('evaluation', 'Rectifications (整改); a department gets its own', z.array(Rectification)), v('param', CongressId), async (c) => {
    const a = await access(c, c.req.valid('param').congressId);
    return c.json(await listRectifications(c.get('deps').db, a.congress, a.departmentOnly ? a.departmentIds : null));
  })
  .post('/congresses/:congressId/rectifications/:rectificationId/report', doc('evaluation', 'The department files its rectification report', Rectification), v('param', RectificationParams), v('json', RectificationReport), async (c) => {
    const { congressId, rectificationId } = c.req.valid('param');
    const a = await access(c, congressId);
    if (!a.roles.includes('department')) throw new AppError('forbidden');
    const db = c.get('deps').db;
    await db.transaction((tx) => fileReport(ctxOf(a, tx), a.departmentIds, rectificationId, c.req.valid('json').report));
    return c.json(await oneRectification(c, a, rectificationId));
  })
  .post('/congresses/:congressId/rectifications/:rectificationId/review', doc('evaluation', 'Staff accept a rectification report or return it', Rectification), v('param', RectificationParams), v('json', ReviewRectification), async (c) => {
    const { congressId, rectificationId } = c.req.valid('param');
    const a = await access(c, congressId);
    mustStaff(a);
    const { accept, note } = c.req.valid('json');
    await c.get('deps').db.transaction((tx) => reviewReport(ctxOf(a, tx), rectificationId, accept, note));
    return c.json(await oneRectification(c, a, rectificationId));
  })
  .post('/congresses/:congressId/rectifications/:rectificationId/deadline', doc('evaluation', 'Staff set the deadline of a rectification', Rectification), v('param', RectificationParams), v('json', SetDeadline), async (c) => {
    const { congressId, rectificationId } = c.req.valid('param');
    const a = await access(c, congressId);
    mustStaff(a);
    await c.get('deps').db.transaction((tx) => setDeadline(ctxOf(a, tx), rectificationId, c.req.valid('json').deadline));
    return c.json(await oneRectification(c, a, rectificationId));
  });

async function oneRectification(c: Context<AppEnv>, a: Access, id: string) {
  const all = await listRectifications(c.get('deps').db, a.congress, a.departmentOnly ? a.departmentIds : null);
  const one = all.find((x) => x.id === id);
  if (!one) throw new AppError('rectification_not_found');
  return one;
}

/** Figures: staff once the round is closed; everyone in the congress once it is published; nobody while it is open. */
async function resultsRound(c: Context<AppEnv>, a: Access) {
  const r = await visibleRound(c, a, c.req.param('roundId')!);
  const state = roundState(r);
  if (state === 'draft' || state === 'open') throw new AppError('round_figures_hidden');
  if (state === 'closed' && !a.staff) throw new AppError('round_not_published');
  return r;
}

async function lifecycle(c: Context<AppEnv>, step: 'open' | 'close' | 'publish') {
  const congressId = c.req.param('congressId')!;
  const roundId = c.req.param('roundId')!;
  const a = await access(c, congressId);
  mustStaff(a);
  const db = c.get('deps').db;
  await db.transaction((tx) => (step === 'open' ? openRound(ctxOf(a, tx), roundId) : step === 'close' ? closeRound(ctxOf(a, tx), roundId) : publishRound(ctxOf(a, tx), a.congress, roundId)));
  return c.json(await describeFor(c, a, await getRound(db, a.congress.id, roundId)));
}

/** Answering: no account; the signed one-time code is the credential, in the body, never the URL. */
export const publicEvaluationRoutes = new Hono<AppEnv>()
  .post('/public/evaluation/open', doc('evaluation', 'Open the questionnaire of a code (QR token or typed serial)', Questionnaire), v('json', OpenCode), async (c) => {
    const { db, keys, database } = c.get('deps');
    const input = c.req.valid('json');
    // A typed serial is a lookup: misses count against the address (a scanned QR carries a signature instead).
    if ('serial' in input) return c.json(await limitMisses(database, clientIp(c), 'eval-serial', ['eval_serial_unknown'], () => openQuestionnaire(db, keys, input)));
    return c.json(await openQuestionnaire(db, keys, input));
  })
  .post('/public/evaluation/submit', doc('evaluation', 'Submit the answers of a code, once', z.object({ ok: z.literal(true) })), v('json', Submission), async (c) => {
    const { database, keys } = c.get('deps');
    const result = await submitAnswers(database, keys, c.req.valid('json'));
    metrics.evaluationSubmissions++;
    return c.json(result);
  });

