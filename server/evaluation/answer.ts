/**
 * Codes and answering. Printed codes are made per audience and handed out at random; a representative signed in with
 * their delegate card may be given one by the system (stored: that they got one; not stored: which). An answer is
 * stored as rows that hold no account, code, address, device or time; the spent code is kept only as its hash.
 */
import { and, eq } from 'drizzle-orm';
import { qrSvgs } from '../lib/qr.ts';
import type { z } from 'zod';
import { type Audience, normalizeItems, type Questionnaire, type Submission } from '../../shared/evaluation/schema.ts';
import { tokenOf } from '../../shared/serial.ts';
import type { Database, Db, DbOrTx } from '../db/client.ts';
import type { Lang } from '../../shared/errors.ts';
import { congresses, evalCodes, evalGrants, evalRounds, evalSpent } from '../db/schema/index.ts';
import { AppError } from '../lib/errors.ts';
import { rejectUnstorable } from '../lib/validate.ts';
import type { KeyStore } from '../lib/keys.ts';
import { normalizeSerial } from '../ballot/tokens.ts';
import { codeHash, evalSerial, newCodeId, signCode, verifyCode } from './codes.ts';
import { audit, type Ctx, getRound, roundState, targetsOf } from './rounds.ts';
import { submissionQueue } from './submit-batch.ts';

export async function generateCodes(ctx: Ctx, roundId: string, audience: Audience, count: number) {
  const r = await getRound(ctx.tx, ctx.congressId, roundId, true);
  if (r.closedAt) throw new AppError('round_closed');
  if (!r.audiences.includes(audience)) throw new AppError('round_audience');
  const seen = new Set((await ctx.tx.select({ serial: evalCodes.serial }).from(evalCodes).where(eq(evalCodes.roundId, r.id))).map((x) => x.serial));
  const rows: { roundId: string; audience: Audience; codeId: string; serial: string }[] = [];
  while (rows.length < count) {
    const codeId = newCodeId();
    const serial = evalSerial(codeId);
    if (seen.has(serial)) continue;
    seen.add(serial);
    rows.push({ roundId: r.id, audience, codeId, serial });
  }
  for (let i = 0; i < rows.length; i += 500) await ctx.tx.insert(evalCodes).values(rows.slice(i, i + 500));
  await audit(ctx, 'codes', r.id, { audience, count });
  return { generated: count };
}

/** Slips to print: serial and QR of `<origin>/e#<token>`, in serial order (not the order made). */
export async function codeSlips(db: DbOrTx, keys: KeyStore, congressId: string, roundId: string, audience: Audience, origin: string) {
  const r = await getRound(db, congressId, roundId);
  const rows = await db.select().from(evalCodes).where(and(eq(evalCodes.roundId, r.id), eq(evalCodes.audience, audience)));
  rows.sort((a, b) => (a.serial < b.serial ? -1 : 1));
  const urls = await Promise.all(rows.map(async (c) => `${origin}/e#${await signCode(keys, { r: r.id, c: c.codeId, a: c.audience })}`));
  const svgs = await qrSvgs(urls);
  return rows.map((c, i) => ({ serial: c.serial, url: urls[i], qrSvg: svgs[i] }));
}

/** The system gives a signed-in representative a code: a fresh one, never stored; only that they received one. */
export async function grantCode(ctx: Ctx, keys: KeyStore, roundId: string, representativeId: string, origin: string) {
  const r = await getRound(ctx.tx, ctx.congressId, roundId, true);
  if (roundState(r) !== 'open') throw new AppError(r.openedAt ? 'eval_round_closed' : 'round_not_open');
  if (!r.audiences.includes('representatives')) throw new AppError('round_audience');
  const inserted = await ctx.tx.insert(evalGrants).values({ roundId: r.id, representativeId }).onConflictDoNothing().returning();
  if (inserted.length === 0) throw new AppError('eval_code_given');
  const codeId = newCodeId();
  const token = await signCode(keys, { r: r.id, c: codeId, a: 'representatives' }, ctx.tx);
  return { token, url: `${origin}/e#${token}`, serial: evalSerial(codeId) };
}

async function checkCode(db: DbOrTx, keys: KeyStore, token: string) {
  const p = await verifyCode(keys, token, db);
  if (!p) throw new AppError('eval_code_invalid');
  const [r] = await db.select().from(evalRounds).where(eq(evalRounds.id, p.r));
  if (!r) throw new AppError('eval_code_invalid');
  const state = roundState(r);
  if (state === 'draft') throw new AppError('round_not_open');
  if (state !== 'open') throw new AppError('eval_round_closed');
  if (!r.audiences.includes(p.a)) throw new AppError('eval_code_invalid');
  const [spent] = await db.select({ h: evalSpent.codeHash }).from(evalSpent).where(eq(evalSpent.codeHash, codeHash(p.c)));
  if (spent) throw new AppError('eval_code_used');
  return { payload: p, round: r };
}

/** Open the questionnaire from a scanned QR (or the token), or from a typed serial of a printed code. */
export async function openQuestionnaire(db: Db, keys: KeyStore, input: { token: string } | { congressId: string; serial: string }, expectedRoundId?: string): Promise<Questionnaire> {
  let token: string;
  if ('token' in input) token = input.token;
  else {
    const serial = normalizeSerial(input.serial);
    const rows = await db.select({ code: evalCodes, round: evalRounds }).from(evalCodes).innerJoin(evalRounds, eq(evalRounds.id, evalCodes.roundId)).where(and(eq(evalRounds.congressId, input.congressId), eq(evalCodes.serial, serial)));
    const hit = rows.find((x) => roundState(x.round) === 'open') ?? rows[0];
    if (!hit) throw new AppError('eval_serial_unknown');
    token = await signCode(keys, { r: hit.round.id, c: hit.code.codeId, a: hit.code.audience });
  }
  const { payload, round } = await checkCode(db, keys, token);
  if (expectedRoundId && expectedRoundId !== round.id) throw new AppError('eval_code_other_round');
  const [congress] = await db.select({ name: congresses.name }).from(congresses).where(eq(congresses.id, round.congressId));
  return {
    token: tokenOf(token),
    audience: payload.a,
    round: { id: round.id, title: round.title, congressName: congress?.name ?? '', items: normalizeItems(round.items), allowUnknown: round.allowUnknown, closesNote: null },
    targets: await targetsOf(db, round.id),
  };
}

/**
 * Submit once: every item of every target answered. The signature is checked here; the group commit
 * (submit-batch.ts) then spends the code (its hash, unique) in the same transaction as the answers, with the round
 * open at commit time; a second submission with the same code is refused.
 *
 * Whatever could fail the batch's transaction for this one submission is refused here, before it joins a batch: a
 * string the database cannot store (a NUL, a lone surrogate in a comment) would fail the whole batch and send every
 * submission in it into one-by-one retry. (The route's validator refuses these already; this holds for any caller.)
 * What is left to the batch (the round, the targets and items, the code spent) is answered per submission there.
 */
export async function submitAnswers(database: Database, keys: KeyStore, input: z.infer<typeof Submission>, lang: Lang = 'zh-CN') {
  rejectUnstorable(input, lang);
  const payload = await verifyCode(keys, input.token);
  if (!payload) throw new AppError('eval_code_invalid');
  return submissionQueue(database).submit({ payload, answers: input.answers, comments: input.comments });
}
