/**
 * Codes and answering. Printed codes are made per audience and handed out at random; a representative signed in with
 * their delegate card may be given one by the system (stored: that they got one; not stored: which). An answer is
 * stored as rows that hold no account, code, address, device or time; the spent code is kept only as its hash.
 */
import { and, eq } from 'drizzle-orm';
import { qrSvgs } from '../lib/qr.ts';
import type { z } from 'zod';
import type { Audience, Questionnaire, Submission } from '../../shared/evaluation/schema.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { congresses, evalAnswers, evalCodes, evalComments, evalGrants, evalRounds, evalSpent } from '../db/schema/index.ts';
import { AppError } from '../lib/errors.ts';
import type { KeyStore } from '../lib/keys.ts';
import { normalizeSerial } from '../ballot/tokens.ts';
import { codeHash, evalSerial, newCodeId, signCode, verifyCode } from './codes.ts';
import { audit, type Ctx, getRound, roundState, targetsOf } from './rounds.ts';

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
    token: token.includes('#') ? token.slice(token.indexOf('#') + 1) : token,
    audience: payload.a,
    round: { id: round.id, title: round.title, congressName: congress?.name ?? '', items: round.items, allowUnknown: round.allowUnknown, closesNote: null },
    targets: await targetsOf(db, round.id),
  };
}

/**
 * Submit once: every item of every target answered. The code is spent (its hash, unique) in the same transaction as the
 * answers; a second submission with the same code is refused. The rows are written in a shuffled order.
 */
export async function submitAnswers(db: Db, keys: KeyStore, input: z.infer<typeof Submission>) {
  return db.transaction(async (tx) => {
    const { payload, round } = await checkCode(tx, keys, input.token);
    // Lock the round against a close racing this submission.
    const [locked] = await tx.select().from(evalRounds).where(eq(evalRounds.id, round.id)).for('share');
    if (roundState(locked) !== 'open') throw new AppError('eval_round_closed');
    const targets = await targetsOf(tx, round.id);
    const want = new Map<string, string>();
    for (const t of targets) for (const item of round.items[t.kind]) want.set(`${t.kind}:${t.id}:${item.id}`, '');
    const got = new Map<string, (typeof input.answers)[number]>();
    for (const a of input.answers) {
      const key = `${a.targetKind}:${a.targetId}:${a.itemId}`;
      if (!want.has(key)) throw new AppError('eval_answer_unknown');
      if (got.has(key)) throw new AppError('eval_answer_twice');
      if (a.answer === 'unknown' && !round.allowUnknown) throw new AppError('eval_unknown_not_allowed');
      got.set(key, a);
    }
    if (got.size !== want.size) throw new AppError('eval_answers_missing', { n: want.size - got.size });
    const targetKeys = new Set(targets.map((t) => `${t.kind}:${t.id}`));
    for (const cm of input.comments) if (!targetKeys.has(`${cm.targetKind}:${cm.targetId}`)) throw new AppError('eval_answer_unknown');
    const spent = await tx.insert(evalSpent).values({ codeHash: codeHash(payload.c), roundId: round.id, audience: payload.a }).onConflictDoNothing().returning();
    if (spent.length === 0) throw new AppError('eval_code_used');
    const shuffle = <T>(xs: T[]) => {
      for (let i = xs.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        [xs[i], xs[j]] = [xs[j], xs[i]];
      }
      return xs;
    };
    const rows = shuffle([...got.values()].map((a) => ({ roundId: round.id, audience: payload.a, targetKind: a.targetKind, targetId: a.targetId, itemId: a.itemId, answer: a.answer })));
    for (let i = 0; i < rows.length; i += 500) await tx.insert(evalAnswers).values(rows.slice(i, i + 500));
    const comments = input.comments.filter((c) => c.text.length > 0).map((c) => ({ roundId: round.id, audience: payload.a, targetKind: c.targetKind, targetId: c.targetId, text: c.text }));
    if (comments.length) await tx.insert(evalComments).values(shuffle(comments));
    return { ok: true as const };
  });
}

