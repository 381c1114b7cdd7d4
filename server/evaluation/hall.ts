/**
 * 会场测评 — a round answered on the hall tablets during a session (SPEC §15; 桃江: 在人代会上开展的满意度测评). The
 * round names its session (eval_rounds.session_id, set while a draft); representatives answer with its printed slips (or
 * their delegate cards, cardInHall) on a tablet of the hall; the big screen of the session shows, per hall round, only
 * how many answered while it is open and, once published, each target's headline figures with the small-group rule (a
 * group below k is withheld).
 */
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import type { HallScreenRound } from '../../shared/evaluation/schema.ts';
import type { DbOrTx } from '../db/client.ts';
import type { Context } from 'hono';
import { type congresses, evalRounds, evalSpent, representatives } from '../db/schema/index.ts';
import { kioskState } from '../../shared/kiosk/rules.ts';
import { delegateCard } from '../auth/card-login.ts';
import { kioskOfRequest } from '../kiosk/credential.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { publicOrigin } from '../lib/origin.ts';
import { grantCode } from './answer.ts';
import type { KeyStore } from '../lib/keys.ts';
import { log } from '../lib/log.ts';
import { verifyCode } from './codes.ts';
import { computeResults } from './results.ts';
import { notifyHall, roundState } from './rounds.ts';

type Congress = typeof congresses.$inferSelect;

/** The hall rounds of a session that have opened, in the order they opened. */
async function hallRounds(db: DbOrTx, sessionId: string) {
  return db
    .select()
    .from(evalRounds)
    .where(and(eq(evalRounds.sessionId, sessionId), isNotNull(evalRounds.openedAt)))
    .orderBy(asc(evalRounds.openedAt), asc(evalRounds.id));
}

/** The big screen's part (server/tally/public.ts): each hall round of the session that has opened. */
export async function hallRoundsOnScreen(db: DbOrTx, congress: Congress, sessionId: string): Promise<HallScreenRound[]> {
  const rounds = await hallRounds(db, sessionId);
  return Promise.all(
    rounds.map(async (r) => {
      const state = roundState(r) as HallScreenRound['state'];
      const [spent] = await db.select({ n: sql<number>`count(*)::int` }).from(evalSpent).where(eq(evalSpent.roundId, r.id));
      const base = {
        id: r.id,
        title: r.title,
        state,
        answered: Number(spent?.n ?? 0),
        issued: r.issuedRepresentatives + r.issuedResidents,
        openedAt: r.openedAt?.toISOString() ?? null,
        closedAt: r.closedAt?.toISOString() ?? null,
      };
      // Nothing but the count before publication: no running figure, not even to the hall.
      if (state !== 'published') return { ...base, k: 0, targets: null };
      return { ...base, ...(await publishedFigures(db, congress, r)) };
    }),
  );
}

/**
 * A published round's figures cannot change (its answers are final), but the screen's snapshot is built again at every
 * change of the session — each ballot cast in the hall: they are kept per process, by round, publication and the
 * congress's evaluation settings (k, grading), rather than counted again each time.
 */
type Figures = Pick<HallScreenRound, 'k' | 'targets'>;
const published = new Map<string, Figures>();
const PUBLISHED_MAX = 500;

async function publishedFigures(db: DbOrTx, congress: Congress, r: typeof evalRounds.$inferSelect): Promise<Figures> {
  const key = `${r.id}:${r.publishedAt?.getTime()}:${JSON.stringify((congress.settings as { evaluation?: unknown } | null)?.evaluation ?? null)}`;
  const known = published.get(key);
  if (known) return known;
  const res = await computeResults(db, congress, r);
  const figures: Figures = {
    k: res.k,
    targets: res.targets.map((t) => {
      const g = t.groups.all;
      // The headline rate: 综合满意率, or (a round of other question kinds) the group's own headline.
      const overall = (g as { overall?: number | null }).overall ?? g.rates?.overall ?? null;
      return {
        kind: t.kind,
        id: t.id,
        title: t.title,
        responses: g.responses,
        withheld: g.withheld,
        satisfied: g.withheld ? null : (g.rates?.satisfied ?? null),
        overall: g.withheld ? null : overall,
        grade: g.withheld ? null : t.grade,
      };
    }),
  };
  if (published.size >= PUBLISHED_MAX) published.delete(published.keys().next().value as string);
  published.set(key, figures);
  return figures;
}

/** The open hall rounds of a session (the tablet's 测评 mode offers them). */
export async function openHallRounds(db: DbOrTx, sessionId: string) {
  return (await hallRounds(db, sessionId)).filter((r) => roundState(r) === 'open').map((r) => ({ id: r.id, title: r.title }));
}

/** Round id → its session (null: not a hall round). A round's session is fixed once it opens, and only open rounds take answers. */
const sessionOfRound = new Map<string, string | null>();
const SESSION_MEMO_MAX = 5000;

/**
 * After an answer is stored: a hall round's big screen hears of it (its count). Never fails the answer already stored;
 * the notice names the session only.
 */
export async function answeredInHall(db: DbOrTx, keys: KeyStore, token: string) {
  try {
    const p = await verifyCode(keys, token, db);
    if (!p) return;
    let sessionId = sessionOfRound.get(p.r);
    if (sessionId === undefined) {
      const [r] = await db.select({ sessionId: evalRounds.sessionId }).from(evalRounds).where(eq(evalRounds.id, p.r));
      sessionId = r?.sessionId ?? null;
      if (sessionOfRound.size >= SESSION_MEMO_MAX) sessionOfRound.clear();
      sessionOfRound.set(p.r, sessionId);
    }
    await notifyHall(db, { sessionId });
  } catch (e) {
    log.warn('evaluation.hall_notify_failed', { name: (e as Error).name });
  }
}

/**
 * 会场测评 with the delegate card (SPEC §15: "with the session's cards or printed slips"): a voting tablet of the
 * round's session scans a representative's 代表证 and gets one code for them (grantCode: stored, that they got one for
 * the round; not which code). Only the kiosk's own credential may ask — public routes never act for a session, so the
 * cookie is read here and nowhere on /open or /submit: the answer itself carries only the code, as with a slip.
 */
export async function cardInHall(c: Context<AppEnv>, roundId: string, scanned: string) {
  const { db, keys } = c.get('deps');
  const kiosk = await kioskOfRequest(c);
  if (!kiosk || kioskState(kiosk) !== 'active' || kiosk.kind !== 'ballot') throw new AppError('eval_hall_kiosk_only');
  if (c.req.header('x-csrf-token') !== kiosk.csrfToken) throw new AppError('csrf');
  const card = await delegateCard.verify(keys, scanned);
  if (!card) throw new AppError('card_invalid');
  return db.transaction(async (tx) => {
    const [r] = await tx.select({ congressId: evalRounds.congressId, sessionId: evalRounds.sessionId }).from(evalRounds).where(eq(evalRounds.id, roundId));
    if (!r || r.congressId !== kiosk.congressId) throw new AppError('round_not_found');
    if (r.sessionId !== kiosk.sessionId) throw new AppError('eval_hall_other_session');
    const [rep] = await tx.select().from(representatives).where(eq(representatives.id, card.r)).limit(1);
    if (!rep || rep.cardVersion !== card.n) throw new AppError('card_invalid');
    if (rep.congressId !== kiosk.congressId) throw new AppError('eval_card_other_congress');
    if (rep.status !== 'seated') throw new AppError('representative_left');
    return grantCode({ tx, congressId: kiosk.congressId, actor: { id: `kiosk:${kiosk.id}`, name: kiosk.label } }, keys, roundId, rep.id, publicOrigin(c));
  });
}
