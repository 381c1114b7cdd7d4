import type { ServerResponse } from 'node:http';
import { type Context, Hono } from 'hono';
import QRCode from 'qrcode';
import { z } from 'zod';
import { Vote } from '../../shared/ballot/schema.ts';
import { CheckReceipt, FollowUpVote, PublicCongressParams, PublicResult, PublicSessionParams, PublicVoteParams, PublishedVote, ReceiptCheck, ReserveCandidates, Screen, SignTally, TallyReport, TallyView, VoteParams } from '../../shared/tally/schema.ts';
import { actorOf, requireCongressRole } from '../lib/auth.ts';
import { doc } from '../lib/doc.ts';
import { clientIp } from '../lib/client-ip.ts';
import type { AppEnv, Deps } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { LiveStreams } from '../lib/live-hub.ts';
import { CACHE_CONTROL, cachedPublic } from '../lib/public-cache.ts';
import { publicOrigin } from '../lib/origin.ts';
import { v } from '../lib/validate.ts';
import { describeVote, getVote } from '../ballot/votes.ts';
import { describeTally, prepareTally, publishTally, reserveCandidates, signTally, tallyReport } from './actions.ts';
import { createFollowUp, leaveUnfilled } from './followups.ts';
import { checkReceipt, publicResult, publishedFile, publishedVotes, screenOf } from './public.ts';

const base = '/congresses/:congressId/sessions/:sessionId/votes/:voteId';

/** Signing and publishing need the role itself: a system administrator is not a scrutineer or the presidium. */
function mustHold(roles: readonly string[], role: 'scrutineer' | 'presidium') {
  if (!roles.includes(role)) throw new AppError('forbidden');
}

export const tallyRoutes = new Hono<AppEnv>()
  .get(`${base}/tally`, doc('tally', 'The tally of a vote as you may see it (per-candidate figures: scrutineers before publication, everyone after)', TallyView), v('param', VoteParams), async (c) => {
    const { congressId, voteId } = c.req.valid('param');
    const { auth, congress, roles } = await requireCongressRole(c, congressId, 'any');
    const db = c.get('deps').db;
    return c.json(await describeTally(db, congress, await getVote(db, congress.id, voteId), { accountId: auth.account.id, roles }));
  })
  .post(`${base}/tally`, doc('tally', 'Prepare the tally of a closed vote (scrutineer): bulletin, result and digests; nothing can be added afterwards', TallyView, 201), v('param', VoteParams), async (c) => {
    const { congressId, voteId } = c.req.valid('param');
    const { auth, congress, roles } = await requireCongressRole(c, congressId, ['scrutineer']);
    mustHold(roles, 'scrutineer');
    const db = c.get('deps').db;
    await db.transaction((tx) => prepareTally({ tx, actor: actorOf(auth), congress }, voteId));
    return c.json(await describeTally(db, congress, await getVote(db, congress.id, voteId), { accountId: auth.account.id, roles }), 201);
  })
  .post(`${base}/tally/signoff`, doc('tally', 'A scrutineer signs the tally (the chief scrutineer confirms the invalid ballots were re-checked)', TallyView), v('param', VoteParams), v('json', SignTally), async (c) => {
    const { congressId, voteId } = c.req.valid('param');
    const { auth, congress, roles } = await requireCongressRole(c, congressId, ['scrutineer']);
    mustHold(roles, 'scrutineer');
    const db = c.get('deps').db;
    await db.transaction((tx) => signTally({ tx, actor: actorOf(auth), congress }, voteId, c.req.valid('json')));
    return c.json(await describeTally(db, congress, await getVote(db, congress.id, voteId), { accountId: auth.account.id, roles }));
  })
  .post(`${base}/tally/publish`, doc('tally', 'The presidium publishes a signed tally; it never changes afterwards', TallyView), v('param', VoteParams), async (c) => {
    const { congressId, voteId } = c.req.valid('param');
    const { auth, congress, roles } = await requireCongressRole(c, congressId, ['presidium']);
    mustHold(roles, 'presidium');
    const db = c.get('deps').db;
    await db.transaction((tx) => publishTally({ tx, actor: actorOf(auth), congress }, voteId));
    return c.json(await describeTally(db, congress, await getVote(db, congress.id, voteId), { accountId: auth.account.id, roles }));
  })
  .get(`${base}/tally/report`, doc('tally', '计票结果报告单: every figure, the sign-offs, the digests and a QR of the result digest', TallyReport), v('param', VoteParams), async (c) => {
    const { congressId, voteId } = c.req.valid('param');
    const { congress, roles } = await requireCongressRole(c, congressId, 'any');
    const db = c.get('deps').db;
    const report = await tallyReport(db, congress, await getVote(db, congress.id, voteId), { roles });
    const verifyUrl = `${publicOrigin(c)}/v/${voteId}#sha256=${report.resultDigest}`;
    return c.json({ ...report, verifyUrl, receiptsUrl: `${publicOrigin(c)}/r/${congress.id}`, qrSvg: await QRCode.toString(verifyUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }) });
  })
  .post(`${base}/runoff`, doc('tally', '再次投票: a new vote among the candidates tied across the last seat, for the seats left', Vote, 201), v('param', VoteParams), v('json', FollowUpVote), async (c) => followUp(c, 'runoff', c.req.valid('param'), c.req.valid('json').title))
  .post(`${base}/further`, doc('tally', '另行表决: a new vote for unfilled seats among the candidates not elected (when the settings ask for it)', Vote, 201), v('param', VoteParams), v('json', FollowUpVote), async (c) => followUp(c, 'further', c.req.valid('param'), c.req.valid('json').title))
  .post(`${base}/revote`, doc('tally', 'A new vote after a void one (more ballots cast than cards issued)', Vote, 201), v('param', VoteParams), v('json', FollowUpVote), async (c) => followUp(c, 'revote', c.req.valid('param'), c.req.valid('json').title))
  .post(`${base}/leave-unfilled`, doc('tally', '空缺名额留空: the presidium records that the unfilled seats of a published result stay empty (no further vote follows)', TallyView), v('param', VoteParams), async (c) => {
    const { congressId, voteId } = c.req.valid('param');
    const { auth, congress, roles } = await requireCongressRole(c, congressId, ['presidium']);
    mustHold(roles, 'presidium');
    const db = c.get('deps').db;
    await db.transaction((tx) => leaveUnfilled({ tx, actor: actorOf(auth), congress }, voteId));
    return c.json(await describeTally(db, congress, await getVote(db, congress.id, voteId), { accountId: auth.account.id, roles }));
  })
  .post(`${base}/reserve`, doc('tally', 'Send candidates not elected to the reserve pool (储备库): the office (admin, government) or the presidium deciding what follows an unfilled seat', z.object({ reserved: z.int() })), v('param', VoteParams), v('json', ReserveCandidates), async (c) => {
    const { congressId, voteId } = c.req.valid('param');
    const { auth, congress } = await requireCongressRole(c, congressId, ['admin', 'government', 'presidium']);
    return c.json(await c.get('deps').db.transaction((tx) => reserveCandidates({ tx, actor: actorOf(auth), congress }, voteId, c.req.valid('json').candidateIds)));
  });

async function followUp(c: Context<AppEnv>, kind: 'runoff' | 'further' | 'revote', p: { congressId: string; voteId: string }, title?: string) {
  const { auth, congress } = await requireCongressRole(c, p.congressId, ['admin', 'presidium']);
  const db = c.get('deps').db;
  const row = await db.transaction((tx) => createFollowUp({ tx, actor: actorOf(auth), congress }, p.voteId, kind, title));
  return c.json(await describeVote(db, congress, row), 201);
}

const file = (name: string, text: string) => ({
  'Content-Type': 'application/json; charset=utf-8',
  'Content-Disposition': `attachment; filename="${name}"`,
  'Content-Length': String(Buffer.byteLength(text)),
  _text: text,
});

const page = cachedPublic({ cacheControl: CACHE_CONTROL.page });
const immutable = cachedPublic({ cacheControl: CACHE_CONTROL.immutable });

/**
 * For anyone: published results and their files, the receipt check, the big screen and its live stream. The result,
 * its files and the list of results answer from the public cache (lib/public-cache.ts).
 */
export const publicTallyRoutes = new Hono<AppEnv>()
  .get('/public/votes/:voteId/result', doc('tally', 'A published result (404 until published)', PublicResult), v('param', PublicVoteParams), page, async (c) => c.json(await publicResult(c.get('deps').db, c.req.valid('param').voteId)))
  .get('/public/votes/:voteId/bulletin.json', doc('tally', 'bulletin.json of a published vote (SPEC §10), byte for byte'), v('param', PublicVoteParams), immutable, async (c) => {
    const { _text, ...headers } = file('bulletin.json', await publishedFile(c.get('deps').db, c.req.valid('param').voteId, 'bulletin'));
    return c.body(_text, 200, headers);
  })
  .get('/public/votes/:voteId/result.json', doc('tally', 'result.json of a published vote (SPEC §10), byte for byte'), v('param', PublicVoteParams), immutable, async (c) => {
    const { _text, ...headers } = file('result.json', await publishedFile(c.get('deps').db, c.req.valid('param').voteId, 'result'));
    return c.body(_text, 200, headers);
  })
  .get('/public/congresses/:congressId/results', doc('tally', 'The published votes of a congress', z.array(PublishedVote)), v('param', PublicCongressParams), page, async (c) => c.json(await publishedVotes(c.get('deps').db, c.req.valid('param').congressId)))
  .post('/public/receipts/check', doc('tally', 'Is this receipt in a published list of receipts?', ReceiptCheck), v('json', CheckReceipt), async (c) => c.json(await checkReceipt(c.get('deps').db, c.req.valid('json'))))
  .get('/public/sessions/:sessionId/screen', doc('tally', '大屏: the roll, each vote’s ballots cast and, after publication, its result', Screen), v('param', PublicSessionParams), async (c) => c.json(await screenOf(c.get('deps').db, c.req.valid('param').sessionId)))
  .get(
    '/public/sessions/:sessionId/events',
    doc(
      'tally',
      'Server-sent events: `screen` with the big screen’s data at connect and after each change (from any server instance); a comment line every 15 s. One snapshot per change is shared by every stream of the session. Past the caps: 429 `live_streams_per_address` / 503 `live_streams_full` with Retry-After; a client that does not keep up is dropped (reconnect).',
    ),
    v('param', PublicSessionParams),
    async (c) => {
      const { sessionId } = c.req.valid('param');
      // Refused past a cap, or 404 for an unknown session, before any byte of a stream.
      const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
      const body = await screenStreams(c.get('deps')).open(sessionId, clientIp(c), { abort: outgoing ? () => outgoing.destroy() : undefined });
      c.header('Transfer-Encoding', 'chunked');
      c.header('Content-Type', 'text/event-stream');
      c.header('Cache-Control', 'no-cache');
      c.header('Connection', 'keep-alive');
      c.header('X-Accel-Buffering', 'no'); // nginx: pass each event on at once
      return c.body(body);
    },
  );

/** The big screen's live streams of one app (one per process in production): shared snapshots and the caps. */
const screens = new WeakMap<Deps, LiveStreams<Screen>>();
export function screenStreams(deps: Deps): LiveStreams<Screen> {
  let s = screens.get(deps);
  if (!s) {
    s = new LiveStreams<Screen>({ database: deps.database, event: 'screen', build: (sessionId) => screenOf(deps.db, sessionId), limits: deps.liveStreams, tuning: deps.liveTuning });
    screens.set(deps, s);
  }
  return s;
}
