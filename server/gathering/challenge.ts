import { createHmac, randomBytes } from 'node:crypto';
import type { Deps } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { hit } from '../lib/rate-limit.ts';

/**
 * The anti-abuse check of the public submission page, with no outside service: a small sum in words
 * (「七加五等于几？」), a hidden field that people leave empty, and a minimum time between the question and the answer.
 * The question is a signed token, so any instance can check it; a used question is remembered (in the database) so it
 * cannot be replayed.
 */
const TYP = 'ms-challenge';
const MIN_SECONDS = 3;
const TTL_SECONDS = 30 * 60;
const ZH = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const EN = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

type Payload = { i: string; t: number; h: string };

async function answerHash(deps: Deps, id: string, answer: number) {
  return createHmac('sha256', await deps.keys.secret('challenge')).update(`${id}:${answer}`).digest('base64url').slice(0, 22);
}

/** A signed question "a + b"; `issuedAt` (seconds) is only moved by tests. */
export async function signChallenge(deps: Deps, a: number, b: number, issuedAt = Math.floor(Date.now() / 1000)) {
  const id = randomBytes(12).toString('base64url');
  const token = await deps.keys.sign(TYP, { i: id, t: issuedAt, h: await answerHash(deps, id, a + b) } satisfies Payload);
  return { token, question: { zh: `${ZH[a]}加${ZH[b]}等于几？`, en: `What is ${EN[a]} plus ${EN[b]}?` } };
}

export const newChallenge = (deps: Deps) => signChallenge(deps, 1 + (randomBytes(1)[0] % 9), 1 + (randomBytes(1)[0] % 9));

export async function checkChallenge(deps: Deps, token: string, answer: string, honeypot: string | undefined) {
  if (honeypot) throw new AppError('challenge_failed');
  const v = await deps.keys.verify<Payload>(TYP, token);
  const now = Math.floor(Date.now() / 1000);
  if (!v || typeof v.payload.i !== 'string' || now - v.payload.t > TTL_SECONDS) throw new AppError('challenge_expired');
  if (now - v.payload.t < MIN_SECONDS) throw new AppError('too_fast');
  const n = Number(answer.replace(/[^\d]/g, ''));
  if (!answer || (await answerHash(deps, v.payload.i, n)) !== v.payload.h) throw new AppError('challenge_failed');
  const used = await hit(deps.database, `challenge:${v.payload.i}`, TTL_SECONDS);
  if (used.count > 1) throw new AppError('challenge_expired');
}
