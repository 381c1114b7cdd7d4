/**
 * The notify stage's opting-out routes (shared/notify/contract.ts): a resident's 退订 link (a signed token naming the
 * address's key, never the address) and a signed-in person's own switches, which cover every key they are known by.
 */
import { Hono } from 'hono';
import * as C from '../../shared/notify/contract.ts';
import type { DbOrTx } from '../db/client.ts';
import { implement } from '../lib/contract.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { optoutToken, optoutsOf, personKeysOf, setOptout } from './optout.ts';

export const optoutRoutes = new Hono<AppEnv>();

implement(optoutRoutes, C.publicOptout, async (c, { body }) => {
  const { db, keys } = c.get('deps');
  const p = await optoutToken.verify(keys, body.token);
  if (!p) throw new AppError('notify_optout_token_invalid');
  await setOptout(db, [p.k], p.ch, true);
  return { channel: p.ch };
});

const mine = async (db: DbOrTx, accountId: string) => ({ channels: await optoutsOf(db, await personKeysOf(db, accountId)) });

implement(optoutRoutes, C.myOptouts, async (c, { access }) => mine(c.get('deps').db, access.auth.account.id));

implement(optoutRoutes, C.setMyOptout, async (c, { access, body }) => {
  const { db } = c.get('deps');
  return db.transaction(async (tx) => {
    await setOptout(tx, await personKeysOf(tx, access.auth.account.id), body.channel, body.optedOut);
    return mine(tx, access.auth.account.id);
  });
});
