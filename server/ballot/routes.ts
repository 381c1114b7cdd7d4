import { and, asc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { BallotBySerial, BallotToken, BallotView, CastBallot, CreateVote, GenerateCards, IssuanceResult, IssueByCount, IssueByScan, OpenVote, PaperEntry, PaperPending, PaperResult, PrintCard, Receipt, ResolvePaper, UpdateVote, Vote, VoidCard, VoteParams } from '../../shared/ballot/schema.ts';
import { SessionParams } from '../../shared/session/schema.ts';
import { cards, votes } from '../db/schema/index.ts';
import { actorOf, requireCongressRole } from '../lib/auth.ts';
import { doc } from '../lib/doc.ts';
import type { AppEnv } from '../lib/env.ts';
import { clientIp } from '../lib/client-ip.ts';
import { limitMisses } from '../lib/rate-limit.ts';
import { AppError } from '../lib/errors.ts';
import { publicOrigin } from '../lib/origin.ts';
import { qrSvgs } from '../lib/qr.ts';
import { v } from '../lib/validate.ts';
import { getSession } from '../session/attendance.ts';
import { metrics } from '../system/metrics.ts';
import { castBallot, issueCard, openBallot, tokenBySerial, voidCard } from './cast.ts';
import { enterPaper, pendingPaper, resolvePaper } from './paper.ts';
import { signCard } from './tokens.ts';
import { closeVote, createVote, describeVote, generateCards, getVote, openVote, recordIssuedCount, updateVote } from './votes.ts';

const Ok = z.object({ ok: z.literal(true) });
const base = '/congresses/:congressId/sessions/:sessionId/votes';

export const ballotRoutes = new Hono<AppEnv>()
  .get(base, doc('ballot', 'Votes of a session (only the count of ballots cast while a vote is open)', z.array(Vote)), v('param', SessionParams), async (c) => {
    const { congressId, sessionId } = c.req.valid('param');
    const { congress } = await requireCongressRole(c, congressId, 'any');
    const db = c.get('deps').db;
    await getSession(db, congress.id, sessionId);
    const rows = await db.select().from(votes).where(and(eq(votes.sessionId, sessionId), eq(votes.congressId, congress.id))).orderBy(asc(votes.createdAt), asc(votes.id));
    return c.json(await Promise.all(rows.map((r) => describeVote(db, congress, r))));
  })
  .post(base, doc('ballot', 'Create a vote over a frozen candidate list; rules default to the congress settings', Vote, 201), v('param', SessionParams), v('json', CreateVote), async (c) => {
    const { congressId, sessionId } = c.req.valid('param');
    const { auth, congress } = await requireCongressRole(c, congressId, ['admin', 'presidium']);
    const db = c.get('deps').db;
    await getSession(db, congress.id, sessionId);
    const row = await db.transaction((tx) => createVote({ tx, actor: actorOf(auth), congress }, sessionId, c.req.valid('json')));
    return c.json(await describeVote(db, congress, row), 201);
  })
  .get(`${base}/:voteId`, doc('ballot', 'One vote', Vote), v('param', VoteParams), async (c) => {
    const { congressId, voteId } = c.req.valid('param');
    const { congress } = await requireCongressRole(c, congressId, 'any');
    const db = c.get('deps').db;
    return c.json(await describeVote(db, congress, await getVote(db, congress.id, voteId)));
  })
  .patch(`${base}/:voteId`, doc('ballot', 'Adjust the rules before the vote opens', Vote), v('param', VoteParams), v('json', UpdateVote), async (c) => {
    const { congressId, voteId } = c.req.valid('param');
    const { auth, congress } = await requireCongressRole(c, congressId, ['admin', 'presidium']);
    const db = c.get('deps').db;
    await db.transaction((tx) => updateVote({ tx, actor: actorOf(auth), congress }, voteId, c.req.valid('json')));
    return c.json(await describeVote(db, congress, await getVote(db, congress.id, voteId)));
  })
  .post(`${base}/:voteId/cards`, doc('ballot', 'Make the ballot cards (present + spare) and publish their commitment', z.object({ cards: z.int(), commitment: z.string() }), 201), v('param', VoteParams), v('json', GenerateCards), async (c) => {
    const { congressId, voteId } = c.req.valid('param');
    const { auth, congress } = await requireCongressRole(c, congressId, ['scrutineer']);
    return c.json(await c.get('deps').db.transaction((tx) => generateCards({ tx, actor: actorOf(auth), congress }, voteId, c.req.valid('json').spareCards)), 201);
  })
  .get(`${base}/:voteId/cards`, doc('ballot', 'The cards to print: serial and QR of `<origin>/b#<token>`', z.object({ vote: z.object({ title: z.string(), commitment: z.string().nullable() }), cards: z.array(PrintCard) })), v('param', VoteParams), async (c) => {
    const { congressId, voteId } = c.req.valid('param');
    const { congress } = await requireCongressRole(c, congressId, ['scrutineer']);
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
    return c.json({ vote: { title: vote.title, commitment: vote.cardsCommitment }, cards: out });
  })
  .post(`${base}/:voteId/issue`, doc('ballot', 'Record a card as handed out by scanning it (QR or serial); never to whom. Answers the cards issued and the representatives present (overIssued: more cards out than people)', IssuanceResult.extend({ serial: z.string(), alreadyIssued: z.boolean() })), v('param', VoteParams), v('json', IssueByScan), async (c) => {
    const { congressId, voteId } = c.req.valid('param');
    const { auth, congress } = await requireCongressRole(c, congressId, ['scrutineer']);
    const { db, keys } = c.get('deps');
    const r = await db.transaction((tx) => issueCard({ tx, keys, congressId: congress.id, actor: actorOf(auth) }, voteId, c.req.valid('json').card));
    const vote = await describeVote(db, congress, await getVote(db, congress.id, voteId));
    return c.json({ ...r, issued: vote.cards.issued, present: vote.issuance.present, overIssued: vote.issuance.overIssued });
  })
  .post(`${base}/:voteId/issue-count`, doc('ballot', 'Record the number of cards handed out (when they are not scanned); answers it with the representatives present (overIssued: more cards out than people)', IssuanceResult.extend({ ok: z.literal(true) })), v('param', VoteParams), v('json', IssueByCount), async (c) => {
    const { congressId, voteId } = c.req.valid('param');
    const { auth, congress } = await requireCongressRole(c, congressId, ['scrutineer']);
    const r = await c.get('deps').db.transaction((tx) => recordIssuedCount({ tx, actor: actorOf(auth), congress }, voteId, c.req.valid('json').count));
    return c.json({ ok: true as const, ...r });
  })
  .post(`${base}/:voteId/void`, doc('ballot', 'Void a spoiled card by its serial', Ok), v('param', VoteParams), v('json', VoidCard), async (c) => {
    const { congressId, voteId } = c.req.valid('param');
    const { auth, congress } = await requireCongressRole(c, congressId, ['scrutineer']);
    await c.get('deps').db.transaction((tx) => voidCard({ tx, congressId: congress.id, actor: actorOf(auth) }, voteId, c.req.valid('json').serial));
    return c.json({ ok: true as const });
  })
  .post(`${base}/:voteId/open`, doc('ballot', 'Open the vote (presidium); needs the cards and the quorum. With more cards issued than representatives present it answers 409 over_issued (details: issued, present) unless `confirmOverIssue` repeats those two numbers; the audit entry keeps the confirmation', Vote), v('param', VoteParams), v('json', OpenVote), async (c) => {
    const { congressId, voteId } = c.req.valid('param');
    const { auth, congress } = await requireCongressRole(c, congressId, ['presidium']);
    const db = c.get('deps').db;
    await db.transaction((tx) => openVote({ tx, actor: actorOf(auth), congress }, voteId, c.req.valid('json')));
    return c.json(await describeVote(db, congress, await getVote(db, congress.id, voteId)));
  })
  .post(`${base}/:voteId/close`, doc('ballot', 'Close the vote (presidium): its cards are refused from now on', Vote), v('param', VoteParams), async (c) => {
    const { congressId, voteId } = c.req.valid('param');
    const { auth, congress } = await requireCongressRole(c, congressId, ['presidium']);
    const db = c.get('deps').db;
    await db.transaction((tx) => closeVote({ tx, actor: actorOf(auth), congress }, voteId));
    return c.json(await describeVote(db, congress, await getVote(db, congress.id, voteId)));
  })
  .post(`${base}/:voteId/paper`, doc('ballot', 'A counter keys in a paper ballot (after the close); two agreeing entries make the ballot', PaperResult), v('param', VoteParams), v('json', PaperEntry), async (c) => {
    const { congressId, voteId } = c.req.valid('param');
    const { auth, congress } = await requireCongressRole(c, congressId, ['scrutineer']);
    const { db, keys } = c.get('deps');
    const { card, marks } = c.req.valid('json');
    return c.json(await db.transaction((tx) => enterPaper({ tx, keys, congressId: congress.id, actor: actorOf(auth) }, voteId, card, marks)));
  })
  .get(`${base}/:voteId/paper`, doc('ballot', 'Paper ballots waiting for a second entry or for the scrutineers', PaperPending), v('param', VoteParams), async (c) => {
    const { congressId, voteId } = c.req.valid('param');
    const { congress } = await requireCongressRole(c, congressId, ['scrutineer']);
    const db = c.get('deps').db;
    return c.json(await db.transaction((tx) => pendingPaper(tx, congress.id, voteId)));
  })
  .post(`${base}/:voteId/paper/resolve`, doc('ballot', 'The scrutineers record what a paper ballot with differing entries says', Ok), v('param', VoteParams), v('json', ResolvePaper), async (c) => {
    const { congressId, voteId } = c.req.valid('param');
    const { auth, congress } = await requireCongressRole(c, congressId, ['scrutineer']);
    const { db, keys } = c.get('deps');
    const { serial, marks } = c.req.valid('json');
    await db.transaction((tx) => resolvePaper({ tx, keys, congressId: congress.id, actor: actorOf(auth) }, voteId, serial, marks));
    return c.json({ ok: true as const });
  });

const ExpectedVote = z.object({ voteId: z.uuid().optional() });

/** The hall tablets: no account; the signed card is the credential. The token travels in the body, never the URL. */
export const publicBallotRoutes = new Hono<AppEnv>()
  .post('/public/ballot/open', doc('ballot', 'Show the ballot of a scanned card (the vote and its candidates)', BallotView), v('json', BallotToken.extend(ExpectedVote.shape)), async (c) => {
    const { token, voteId } = c.req.valid('json');
    const { db, keys } = c.get('deps');
    return c.json(await openBallot(db, keys, token, voteId));
  })
  .post('/public/ballot/by-serial', doc('ballot', 'Find a card by the serial typed from it', BallotView), v('json', BallotBySerial), async (c) => {
    const { congressId, serial, voteId } = c.req.valid('json');
    const { db, keys, database } = c.get('deps');
    // Misses count against the address, so serials cannot be tried at will.
    const token = await limitMisses(database, clientIp(c), 'card-serial', ['card_serial_unknown'], () => tokenBySerial(db, keys, congressId, serial, voteId));
    return c.json(await openBallot(db, keys, token, voteId));
  })
  .post('/public/ballot/cast', doc('ballot', 'Cast: answers a receipt; a repeat with the same retry secret and marks answers the same receipt, any other repeat card_used', Receipt), v('json', CastBallot.extend(ExpectedVote.shape)), async (c) => {
    const { token, marks, voteId, retry } = c.req.valid('json');
    const { database, keys } = c.get('deps');
    const { receipt, repeated } = await castBallot(database, keys, token, marks, { expectedVoteId: voteId, retry });
    if (!repeated) metrics.ballotsCast++;
    return c.json({ receipt });
  });
