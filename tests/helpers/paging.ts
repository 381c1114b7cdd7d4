/**
 * What the paged-list tests (roster, proposals: `…/page?…`) share: a congress with a signed-in client per role, a
 * second congress whose rows must never show in the first one's pages, and one page read as somebody (200 or fail).
 */
import { expect } from 'vitest';
import { type Client, congressWithRoles, setupAdmin, type TestApp } from './app.ts';

export type PagingWorld = {
  admin: Client;
  roles: Record<string, Client>;
  congressId: string;
  /** `/api/congresses/<id>` of the congress under test. */
  base: string;
  /** The same of the other congress. */
  otherBase: string;
};

export async function pagingWorld(t: TestApp): Promise<PagingWorld> {
  const admin = await setupAdmin(t);
  const made = await congressWithRoles(t, admin);
  const other = await congressWithRoles(t, admin);
  const congressId = made.congress.id as string;
  return { admin, roles: made.clients, congressId, base: `/api/congresses/${congressId}`, otherBase: `/api/congresses/${other.congress.id}` };
}

/** One page of a list (`url` with its query string) as `who`; anything but 200 fails the test with the body. */
export async function readPage<P>(who: Client, url: string): Promise<P> {
  const res = await who.get(url);
  expect(res.status, res.text).toBe(200);
  return res.body as P;
}
