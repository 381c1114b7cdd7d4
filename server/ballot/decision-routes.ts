/** The decision on the livelihood projects (shared/ballot/decision-contract.ts): drafting, the staff's view, the public's. */
import type { Hono } from 'hono';
import * as C from '../../shared/ballot/decision-contract.ts';
import { actorOf } from '../lib/auth.ts';
import { implement } from '../lib/contract.ts';
import type { AppEnv } from '../lib/env.ts';
import { CACHE_CONTROL, cachedPublic } from '../lib/public-cache.ts';
import { draftDecision, getDecision, listDecisions, publicDecision, publicDecisions } from './decision.ts';

export function implementDecisionRoutes(staff: Hono<AppEnv>, open: Hono<AppEnv>) {
  implement(staff, C.draftDecision, async (c, { access: { auth, congress }, params: { voteId } }) => {
    const db = c.get('deps').db;
    const row = await db.transaction((tx) => draftDecision({ tx, actor: actorOf(auth), congress }, voteId));
    return getDecision(db, congress.id, row.id);
  });

  implement(staff, C.listDecisions, async (c, { access: { congress } }) => listDecisions(c.get('deps').db, congress.id));

  implement(staff, C.getDecision, async (c, { access: { congress }, params: { motionId } }) => getDecision(c.get('deps').db, congress.id, motionId));

  // From the public cache (lib/public-cache.ts): what they read (motions, votes, tallies, sessions, projects) is watched.
  const page = cachedPublic({ cacheControl: CACHE_CONTROL.page });
  implement(open, C.listPublicDecisions, async (c, { params: { congressId } }) => publicDecisions(c.get('deps').db, congressId), { use: [page] });

  implement(open, C.getPublicDecision, async (c, { params: { congressId, motionId } }) => publicDecision(c.get('deps').db, congressId, motionId), { use: [page] });
}
