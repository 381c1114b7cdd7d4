import { and, asc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import * as C from '../../shared/ballot/contract.ts';
import { implementDecisionRoutes } from './decision-routes.ts';
import { cards, votes } from '../db/schema/index.ts';
import { actorOf } from '../lib/auth.ts';
import { implement } from '../lib/contract.ts';
import type { AppEnv } from '../lib/env.ts';
import { clientIp } from '../lib/client-ip.ts';
import { limitMisses } from '../lib/rate-limit.ts';
import { AppError } from '../lib/errors.ts';
import { publicOrigin } from '../lib/origin.ts';
import { qrSvgs } from '../lib/qr.ts';
import { getSession } from '../session/attendance.ts';
import { metrics } from '../system/metrics.ts';
import { castBallot, issueCard, openBallot, tokenBySerial, voidCard } from './cast.ts';
import { createMotion, deleteMotion, describeMotions, listMotions, setQuestions, updateMotion } from './motions.ts';
import { enterPaper, pendingPaper, resolvePaper } from './paper.ts';
import { signCard } from './tokens.ts';
import { closeVote, createVote, describeVote, generateCards, getVote, openVote, recordIssuedCount, updateVote } from './votes.ts';

export const ballotRoutes = new Hono<AppEnv>();

implement(ballotRoutes, C.listVotes, async (c, { access: { congress }, params: { sessionId } }) => {
  const db = c.get('deps').db;
  await getSession(db, congress.id, sessionId);
  const rows = await db.select().from(votes).where(and(eq(votes.sessionId, sessionId), eq(votes.congressId, congress.id))).orderBy(asc(votes.createdAt), asc(votes.id));
  return Promise.all(rows.map((r) => describeVote(db, congress, r)));
});

implement(ballotRoutes, C.createVote, async (c, { access: { auth, congress }, params: { sessionId }, body }) => {
  const db = c.get('deps').db;
  await getSession(db, congress.id, sessionId);
  const row = await db.transaction((tx) => createVote({ tx, actor: actorOf(auth), congress }, sessionId, body));
  return describeVote(db, congress, row);
});

implement(ballotRoutes, C.getVote, async (c, { access: { congress }, params: { voteId } }) => {
  const db = c.get('deps').db;
  return describeVote(db, congress, await getVote(db, congress.id, voteId));
});

implement(ballotRoutes, C.updateVote, async (c, { access: { auth, congress }, params: { voteId }, body }) => {
  const db = c.get('deps').db;
  await db.transaction((tx) => updateVote({ tx, actor: actorOf(auth), congress }, voteId, body));
  return describeVote(db, congress, await getVote(db, congress.id, voteId));
});

implement(ballotRoutes, C.setQuestions, async (c, { access: { auth, congress }, params: { sessionId, voteId }, body }) => {
  const db = c.get('deps').db;
  await db.transaction(async (tx) => {
    const vote = await getVote(tx, congress.id, voteId, true);
    if (vote.sessionId !== sessionId) throw new AppError('vote_not_found');
    await setQuestions({ tx, actor: actorOf(auth), congress }, vote, body.motionIds, body.listPosition);
  });
  return describeVote(db, congress, await getVote(db, congress.id, voteId));
});

// ---- motions (议题) of a session

implement(ballotRoutes, C.listMotions, async (c, { access: { congress }, params: { sessionId } }) => {
  const db = c.get('deps').db;
  await getSession(db, congress.id, sessionId);
  return listMotions(db, congress.id, sessionId);
});

implement(ballotRoutes, C.createMotion, async (c, { access: { auth, congress }, params: { sessionId }, body }) => {
  const db = c.get('deps').db;
  await getSession(db, congress.id, sessionId);
  const row = await db.transaction((tx) => createMotion({ tx, actor: actorOf(auth), congress }, sessionId, body));
  return (await describeMotions(db, [row]))[0];
});

implement(ballotRoutes, C.updateMotion, async (c, { access: { auth, congress }, params: { sessionId, motionId }, body }) => {
  const db = c.get('deps').db;
  const row = await db.transaction((tx) => updateMotion({ tx, actor: actorOf(auth), congress }, sessionId, motionId, body));
  return (await describeMotions(db, [row]))[0];
});

implement(ballotRoutes, C.deleteMotion, async (c, { access: { auth, congress }, params: { sessionId, motionId } }) => {
  await c.get('deps').db.transaction((tx) => deleteMotion({ tx, actor: actorOf(auth), congress }, sessionId, motionId));
  return { ok: true as const };
});

implement(ballotRoutes, C.generateCards, async (c, { access: { auth, congress }, params: { voteId }, body }) =>
  c.get('deps').db.transaction((tx) => generateCards({ tx, actor: actorOf(auth), congress }, voteId, body.spareCards)),
);

implement(ballotRoutes, C.printCards, async (c, { access: { congress }, params: { voteId } }) => {
  const { db, keys } = c.get('deps');
  const vote = await getVote(db, congress.id, voteId);
  // Tokens leave the server only while the vote is a draft (printing): once it opens, no route hands one out. A
  // spoiled card is voided and a spare handed out instead of a reprint.
  if (vote.openedAt) throw new AppError('cards_locked');
  const rows = await db.select().from(cards).where(eq(cards.voteId, vote.id)).orderBy(asc(cards.serial));
  const origin = publicOrigin(c);
  const urls = await Promise.all(rows.map(async (r) => `${origin}/b#${await signCard(keys, vote.id, r.ballotId)}`));
  const svgs = await qrSvgs(urls);
  const out = rows.map((r, i) => ({ serial: r.serial, url: urls[i], qrSvg: svgs[i], issued: r.issued, voided: r.voided }));
  return { vote: { title: vote.title, commitment: vote.cardsCommitment }, cards: out };
});

implement(ballotRoutes, C.issueCard, async (c, { access: { auth, congress }, params: { voteId }, body }) => {
  const { db, keys } = c.get('deps');
  const r = await db.transaction((tx) => issueCard({ tx, keys, congressId: congress.id, actor: actorOf(auth) }, voteId, body.card));
  const vote = await describeVote(db, congress, await getVote(db, congress.id, voteId));
  return { ...r, issued: vote.cards.issued, present: vote.issuance.present, overIssued: vote.issuance.overIssued };
});

implement(ballotRoutes, C.issueByCount, async (c, { access: { auth, congress }, params: { voteId }, body }) => {
  const r = await c.get('deps').db.transaction((tx) => recordIssuedCount({ tx, actor: actorOf(auth), congress }, voteId, body.count));
  return { ok: true as const, ...r };
});

implement(ballotRoutes, C.voidCard, async (c, { access: { auth, congress }, params: { voteId }, body }) => {
  await c.get('deps').db.transaction((tx) => voidCard({ tx, congressId: congress.id, actor: actorOf(auth) }, voteId, body.serial));
  return { ok: true as const };
});

implement(ballotRoutes, C.openVote, async (c, { access: { auth, congress }, params: { voteId }, body }) => {
  const db = c.get('deps').db;
  await db.transaction((tx) => openVote({ tx, actor: actorOf(auth), congress }, voteId, body));
  return describeVote(db, congress, await getVote(db, congress.id, voteId));
});

implement(ballotRoutes, C.closeVote, async (c, { access: { auth, congress }, params: { voteId } }) => {
  const db = c.get('deps').db;
  await db.transaction((tx) => closeVote({ tx, actor: actorOf(auth), congress }, voteId));
  return describeVote(db, congress, await getVote(db, congress.id, voteId));
});

implement(ballotRoutes, C.enterPaper, async (c, { access: { auth, congress }, params: { voteId }, body: { card, marks } }) => {
  const { db, keys } = c.get('deps');
  return db.transaction((tx) => enterPaper({ tx, keys, congressId: congress.id, actor: actorOf(auth) }, voteId, card, marks));
});

implement(ballotRoutes, C.listPaper, async (c, { access: { congress }, params: { voteId } }) => {
  const db = c.get('deps').db;
  return db.transaction((tx) => pendingPaper(tx, congress.id, voteId));
});

implement(ballotRoutes, C.resolvePaper, async (c, { access: { auth, congress }, params: { voteId }, body: { serial, marks } }) => {
  const { db, keys } = c.get('deps');
  await db.transaction((tx) => resolvePaper({ tx, keys, congressId: congress.id, actor: actorOf(auth) }, voteId, serial, marks));
  return { ok: true as const };
});

/** The hall tablets: no account; the signed card is the credential. The token travels in the body, never the URL. */
export const publicBallotRoutes = new Hono<AppEnv>();

implement(publicBallotRoutes, C.openBallot, async (c, { body: { token, voteId } }) => {
  const { db, keys } = c.get('deps');
  return openBallot(db, keys, token, voteId);
});

implement(publicBallotRoutes, C.openBallotBySerial, async (c, { body: { congressId, serial, voteId } }) => {
  const { db, keys, database } = c.get('deps');
  // Misses count against the address, so serials cannot be tried at will.
  const token = await limitMisses(database, clientIp(c), 'card-serial', ['card_serial_unknown'], () => tokenBySerial(db, keys, congressId, serial, voteId));
  return openBallot(db, keys, token, voteId);
});

implement(publicBallotRoutes, C.castBallot, async (c, { body: { token, marks, voteId, retry } }) => {
  const { database, keys } = c.get('deps');
  const { receipt, repeated } = await castBallot(database, keys, token, marks, { expectedVoteId: voteId, retry });
  if (!repeated) metrics.ballotsCast++;
  return { receipt };
});

implementDecisionRoutes(ballotRoutes, publicBallotRoutes); // the decision on the projects (decision-routes.ts)
