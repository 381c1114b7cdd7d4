/**
 * What a stage's part of the authorization matrix (tests/security/authz.test.ts) is made of, so that a stage keeps its
 * routes' rows beside its other tests (`tests/<stage>/authz.ts`) and the matrix gathers them (STAGE_PARTS below).
 *
 * A part has `build`, run at the end of each congress world's set-up (A is called, B is the other congress): it makes
 * the stage's objects through the API and names them in `w.ids` (every uuid there counts as one of the world's objects,
 * so B's must never show in A's answers), and may add `w.fresh` makers for routes that use an object up; and `table`,
 * the rows keyed `METHOD /api/path` exactly as in the matrix.
 */
import type { Client } from '../helpers/app.ts';

export type Who = 'public' | 'sysadmin' | 'admin' | 'government' | 'presidium' | 'scrutineer' | 'representative' | 'department' | 'department2' | 'station' | 'overseer';
/** `overseer` holds that role on the county over congress A (tests/county/authz.ts makes both), and no role in A. */
export const WHO: readonly Who[] = ['public', 'sysadmin', 'admin', 'government', 'presidium', 'scrutineer', 'representative', 'department', 'department2', 'station', 'overseer'];
export const EVERYONE = WHO;
export const SIGNED_IN = WHO.filter((w) => w !== 'public');
/** Anyone with a role in the congress (and system administrators): not the county's overseer, who reads A only through the county's routes. */
export const MEMBERS = SIGNED_IN.filter((w) => w !== 'overseer');
export const STAFF: Who[] = ['sysadmin', 'admin'];

/**
 * A congress world as a stage's part sees it. `c` has a signed-in client per holder (`station` is the keeper of
 * `ids.station`; `overseer` the overseer of `ids.county`, the county over this congress).
 */
export type KitWorld = {
  label: string;
  id: string;
  root: Client;
  c: Record<string, Client>;
  usernames: Record<string, string>;
  ids: Record<string, string>;
  /** Makers of fresh objects, by name (a stage's part adds its own). */
  fresh: Record<string, (() => Promise<string>) | (() => string) | ((...a: never[]) => unknown)>;
  /** The first representative's delegate card token (for `/api/auth/card-login`). */
  rep0Token: string;
};

/** What `build` gets besides the world: the system administrator, the congress base path, `must`, today's date. */
export type BuildKit = {
  w: KitWorld;
  sys: Client;
  base: string;
  today: string;
  year: number;
  must: (p: Promise<Awaited<ReturnType<Client['request']>>>, what?: string) => Promise<any>;
  /** A new client signed in as nobody (for public calls and card sign-ins). */
  client: () => Client;
};

/** How a request is built: `w` owns the objects in the path, `r` those referred to in the body, `cid` is the congress in the URL. */
export type X = { w: KitWorld; r: KitWorld; cid: string; who: Who; fresh: boolean };
export type Call = { path: string; body?: unknown; as?: Client; stream?: boolean };
export type Spec = {
  on?: string;
  allow: readonly Who[];
  req: (x: X) => Call | Promise<Call>;
  ok?: string[];
  refuse?: string[];
  hide?: Partial<Record<Who, (w: KitWorld) => string[]>>;
};
export type StagePart = { build: (k: BuildKit) => Promise<void>; table: Record<string, Spec | Spec[]> };

export const cg = (x: X) => `/api/congresses/${x.cid}`;
export const get = (path: string) => () => ({ path });
