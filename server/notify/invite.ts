/**
 * Inviting residents to an open evaluation round by SMS (SPEC §17): the office types mobile numbers; each becomes one
 * message of kind `evaluation_invite`, waiting in the outbox with the number (blanked once sent) and the round's title.
 * The one-time code is not made here: render.ts makes it at sending and puts it in the text only, so no row anywhere
 * holds a number beside a code (nor a code at all: like a code the system gives a representative, it is signed, not
 * stored). A number invited to a round before is not invited again.
 */
import { MAX_INVITES, parsePhones } from '../../shared/notify/rules.ts';
import type { Tx } from '../db/client.ts';
import { getRound, roundState } from '../evaluation/rounds.ts';
import { AppError } from '../lib/errors.ts';
import { addressKey } from './address.ts';
import { enqueue, type NewMessage } from './outbox.ts';
import { dedupeKey } from './triggers.ts';

export async function inviteResidents(tx: Tx, congressId: string, roundId: string, text: string) {
  const r = await getRound(tx, congressId, roundId);
  if (roundState(r) !== 'open' || !r.audiences.includes('residents')) throw new AppError('notify_round_not_open');
  const { phones, invalid, duplicates } = parsePhones(text);
  if (phones.length > MAX_INVITES) throw new AppError('notify_too_many_numbers', { max: String(MAX_INVITES) });
  if (!phones.length) throw new AppError('notify_no_numbers');
  const list: NewMessage[] = [];
  for (const phone of phones) {
    const to = { audience: 'resident' as const, personKey: await addressKey(tx, phone), channel: 'sms' as const, address: phone };
    list.push({ congressId, kind: 'evaluation_invite', to, params: { round: r.title.slice(0, 20), closesOn: '' }, subject: { type: 'eval_round', id: r.id }, dedupeKey: dedupeKey('evaluation_invite', r.id, 1, to) });
  }
  let queued = 0;
  for (let i = 0; i < list.length; i += 500) queued += (await enqueue(tx, list.slice(i, i + 500))).length;
  return { queued, invalid, duplicates: duplicates + (phones.length - queued) };
}
