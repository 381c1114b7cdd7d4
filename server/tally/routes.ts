import type { ServerResponse } from 'node:http';
import { type Context, Hono } from 'hono';
import QRCode from 'qrcode';
import type { Screen } from '../../shared/tally/schema.ts';
import * as C from '../../shared/tally/contract.ts';
import { actorOf, type CongressAccess } from '../lib/auth.ts';
import { clientIp } from '../lib/client-ip.ts';
import { implement } from '../lib/contract.ts';
import type { AppEnv, Deps } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { LiveStreams } from '../lib/live-hub.ts';
import { CACHE_CONTROL, cachedPublic } from '../lib/public-cache.ts';
import { publicOrigin } from '../lib/origin.ts';
import { describeVote, getVote } from '../ballot/votes.ts';
import { describeTally, prepareTally, publishTally, reserveCandidates, signTally, tallyReport } from './actions.ts';
import { createFollowUp, leaveUnfilled } from './followups.ts';
import { checkReceipt, publicResult, publishedFile, publishedVotes, screenOf } from './public.ts';

/**
 * Signing and publishing need the role itself: a system administrator passes the permission (tally.sign,
 * tally.publish) but is not a scrutineer or the presidium.
 */
function mustHold(roles: readonly string[], role: 'scrutineer' | 'presidium') {
  if (!roles.includes(role)) throw new AppError('forbidden');
}

/** The tally as this caller may see it, after an action or on its own. */
async function tallyFor(c: Context<AppEnv>, { auth, congress, roles }: CongressAccess, voteId: string) {
  const db = c.get('deps').db;
  return describeTally(db, congress, await getVote(db, congress.id, voteId), { accountId: auth.account.id, roles });
}

export const tallyRoutes = new Hono<AppEnv>();

implement(tallyRoutes, C.getTally, async (c, { access, params: { voteId } }) => tallyFor(c, access, voteId));

implement(tallyRoutes, C.prepareTally, async (c, { access, params: { voteId } }) => {
  mustHold(access.roles, 'scrutineer');
  await c.get('deps').db.transaction((tx) => prepareTally({ tx, actor: actorOf(access.auth), congress: access.congress }, voteId));
  return tallyFor(c, access, voteId);
});

implement(tallyRoutes, C.signTally, async (c, { access, params: { voteId }, body }) => {
  mustHold(access.roles, 'scrutineer');
  await c.get('deps').db.transaction((tx) => signTally({ tx, actor: actorOf(access.auth), congress: access.congress }, voteId, body));
  return tallyFor(c, access, voteId);
});

implement(tallyRoutes, C.publishTally, async (c, { access, params: { voteId } }) => {
  mustHold(access.roles, 'presidium');
  await c.get('deps').db.transaction((tx) => publishTally({ tx, actor: actorOf(access.auth), congress: access.congress }, voteId));
  return tallyFor(c, access, voteId);
});

implement(tallyRoutes, C.getTallyReport, async (c, { access: { congress, roles }, params: { voteId } }) => {
  const db = c.get('deps').db;
  const report = await tallyReport(db, congress, await getVote(db, congress.id, voteId), { roles });
  const verifyUrl = `${publicOrigin(c)}/v/${voteId}#sha256=${report.resultDigest}`;
  return { ...report, verifyUrl, receiptsUrl: `${publicOrigin(c)}/r/${congress.id}`, qrSvg: await QRCode.toString(verifyUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }) };
});

implement(tallyRoutes, C.createRunoff, async (c, { access, params: { voteId }, body }) => followUp(c, access, 'runoff', voteId, body.title));
implement(tallyRoutes, C.createFurtherVote, async (c, { access, params: { voteId }, body }) => followUp(c, access, 'further', voteId, body.title));
implement(tallyRoutes, C.createRevote, async (c, { access, params: { voteId }, body }) => followUp(c, access, 'revote', voteId, body.title));

implement(tallyRoutes, C.leaveUnfilled, async (c, { access, params: { voteId } }) => {
  mustHold(access.roles, 'presidium');
  await c.get('deps').db.transaction((tx) => leaveUnfilled({ tx, actor: actorOf(access.auth), congress: access.congress }, voteId));
  return tallyFor(c, access, voteId);
});

implement(tallyRoutes, C.reserveCandidates, async (c, { access: { auth, congress }, params: { voteId }, body }) =>
  c.get('deps').db.transaction((tx) => reserveCandidates({ tx, actor: actorOf(auth), congress }, voteId, body.candidateIds)),
);

async function followUp(c: Context<AppEnv>, { auth, congress }: CongressAccess, kind: 'runoff' | 'further' | 'revote', voteId: string, title?: string) {
  const db = c.get('deps').db;
  const row = await db.transaction((tx) => createFollowUp({ tx, actor: actorOf(auth), congress }, voteId, kind, title));
  return describeVote(db, congress, row);
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
 * its files and the list of results answer from the public cache (lib/public-cache.ts), asked once the address is
 * valid (`use` in implement): a hit never reaches the handler, and a bad address is a 400 and never a build.
 */
export const publicTallyRoutes = new Hono<AppEnv>();


implement(publicTallyRoutes, C.getPublicResult, async (c, { params: { voteId } }) => publicResult(c.get('deps').db, voteId), { use: [page] });

implement(publicTallyRoutes, C.getBulletinFile, async (c, { params: { voteId } }) => {
  const { _text, ...headers } = file('bulletin.json', await publishedFile(c.get('deps').db, voteId, 'bulletin'));
  return c.body(_text, 200, headers);
}, { use: [immutable] });

implement(publicTallyRoutes, C.getResultFile, async (c, { params: { voteId } }) => {
  const { _text, ...headers } = file('result.json', await publishedFile(c.get('deps').db, voteId, 'result'));
  return c.body(_text, 200, headers);
}, { use: [immutable] });

implement(publicTallyRoutes, C.listPublishedVotes, async (c, { params: { congressId } }) => publishedVotes(c.get('deps').db, congressId), { use: [page] });

implement(publicTallyRoutes, C.checkReceipt, async (c, { body }) => checkReceipt(c.get('deps').db, body));

implement(publicTallyRoutes, C.getScreen, async (c, { params: { sessionId } }) => screenOf(c.get('deps').db, sessionId));

implement(publicTallyRoutes, C.streamScreen, async (c, { params: { sessionId } }) => {
  // Refused past a cap, or 404 for an unknown session, before any byte of a stream.
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  const body = await screenStreams(c.get('deps')).open(sessionId, clientIp(c), { abort: outgoing ? () => outgoing.destroy() : undefined });
  c.header('Transfer-Encoding', 'chunked');
  c.header('Content-Type', 'text/event-stream');
  c.header('Cache-Control', 'no-cache');
  c.header('Connection', 'keep-alive');
  c.header('X-Accel-Buffering', 'no'); // nginx: pass each event on at once
  return c.body(body);
});

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
