/**
 * Public reads answered from memory (issue 21): a published result, its two files, the frozen lists, the public
 * congress page and the progress pages change rarely, and on results day many phones read them at once.
 *
 * - **One answer per key, built once.** The key is the address (path and the query fields the route names) and the
 *   Asia/Shanghai date of today (the progress pages tell lateness and health from today). The 200 answer is kept as
 *   its bytes with a strong ETag (a hash of the bytes); brotli and gzip copies are made the first time a client takes
 *   them, each with its own strong ETag and Content-Encoding (so lib/compress.ts leaves them alone). Concurrent misses
 *   of one key share one build, as the big screen's feeds do (lib/live-hub.ts). Errors are never kept.
 * - **304 on repeat.** An If-None-Match naming any of the answer's tags (or `*`) gets 304 with no body — also when the
 *   answer was built afresh, so a browser that revalidates costs no bytes.
 * - **Dropped on every change, on every instance.** The tables that feed these reads announce each committed change
 *   by a trigger (drizzle/0013_public_cache_notify.sql) on the channel of lib/events.ts; hearing one, the cache drops
 *   everything (changes to public data are rare). A build that began before a change heard is not kept. While the
 *   LISTEN is not in place (not yet, or its connection lost) nothing is kept or served from memory; when it is in
 *   place again the cache starts empty (what changed meanwhile was not heard).
 * - **Bounded**: at most `maxEntries` answers and `maxBytes` bytes (copies included), least recently used first out;
 *   an answer above `maxEntryBytes` (a large photo) is served with its ETag but not kept.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';
import { COMPRESS_MIN_BYTES, pickEncoding } from './compress.ts';
import type { AppEnv, Deps } from './env.ts';
import { hubOf, type TableWatcher } from './events.ts';
import { shanghaiToday } from '../../shared/time.ts';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/**
 * Tables deliberately WITHOUT the change trigger, each with why no cached read depends on it (or why a NOTIFY there
 * would cost too much). Every other table of the database must carry the trigger: tests/system/public-cache.test.ts
 * fails on a table that is in neither set, so a stage that adds a table decides. (A NOTIFY takes a database-wide lock
 * at commit: never on the ballot cast path.)
 */
export const UNWATCHED_TABLES: Readonly<Record<string, string>> = {
  ballots: 'the cast path inserts here in bursts (a NOTIFY would serialise its commits); published files are in tallies',
  cards: 'locked by the cast path, issued and voided through the session; no cached read shows a card',
  paper_entries: 'entered during the count; the published figures are in tallies',
  attendance: 'check-in bursts at the start of a session; the big screen has its own NOTIFY; no cached read shows it',
  audit_log: 'appended by every write; never public',
  sessions: 'sign-in sessions, written at every sign-in; secret',
  rate_limits: 'counters touched by every counted request (casts included); never public',
  signing_keys: 'secret keys; never public',
  memberships: 'roles of accounts; no cached read shows them',
  representatives: 'the roster; no cached read names a representative',
  kiosks: 'devices of the hall; never public',
  proposals: 'residents’ submissions with their contacts, many while a window is open; frozen lists show candidates’ own fields',
  attachments: 'files of proposals; never public',
  vacancies_left: 'read only by the big screen (its own NOTIFY), not by a cached read',
  project_plans: 'the implementation plan is not on the public pages',
  inspections: 'inspections are not on the public pages (findings, which the summaries read, are watched)',
  rectifications: 'not on the public pages',
  eval_codes: 'questionnaire codes; secret',
  eval_grants: 'who may answer a round; never public',
  eval_spent: 'written while a round is open; cached reads grade only published rounds, closed before publication',
  eval_answers: 'written while a round is open; cached reads grade only published rounds, closed before publication',
  eval_comments: 'written while a round is open; cached reads grade only published rounds, closed before publication',
  eval_officials: 'appointed officials the office evaluates; no cached read names them (the public pages grade projects only)',
  eval_inquiries: '专题询问 the office evaluates; no cached read names them (the public pages grade projects only)',
  stations: 'liaison stations: their public pages are read live (not cached)',
  station_representatives: 'which representatives are in a station: read live by the station page',
  reception_days: 'the reception plan: read live by the station page',
  reception_duties: 'who is on duty: read live by the station page',
  receptions: 'reception records: not on a cached read',
  reception_representatives: 'who was at a reception: not on a cached read',
  items: 'residents’ items with their contacts: followed live by tracking code, never cached',
  item_events: 'an item’s history: not on a cached read',
  item_answers: 'departments’ answers: shown live on the tracking page, never cached',
  item_supervisions: 'on-site supervision of key items: not public',
  handling_ratings: 'back-to-back ratings; secret, never public one by one',
  handling_rating_grants: 'who rated which item; never public',
  calendar_days: 'the official calendar: no cached read depends on it',
  loop_files: 'files of receptions and answers: not public',
  review_meetings: 'the monthly review meeting’s decisions: staff only, never on a cached read',
  hotline_mappings: 'how the 12345 export is read: staff only, never on a cached read',
  hotline_imports: 'the record of 12345 imports: staff only, never on a cached read',
  archive_entries: 'trainings and 述职 in representatives’ duty archives: staff and the representative only, never on a cached read',
  county_templates: 'templates a county publishes: its staff and the congresses below only, never on a cached read',
  template_versions: 'the published versions of those templates: the same',
  template_adoptions: 'which version a township adopted: its staff and the county only, never on a cached read',
  session_packages: 'the hall packages a county filed: its staff and overseers only, never on a cached read',
  outbox: 'the messages waiting or sent (SPEC §17): the office only, never on a cached read',
  notify_optouts: 'who opted out of a channel: never on a public page',
  notify_robots: "a congress's group robots and their secrets: the office only",
  notify_templates: "a congress's own words of its messages: the office only",
};

/** The tables whose rows feed a cached read: each carries the trigger of drizzle/0013_public_cache_notify.sql. */
export const WATCHED_TABLES: readonly string[] = [
  'congresses',
  'collection_windows',
  'candidates',
  'candidate_lists',
  'candidate_list_items',
  'departments',
  'congress_sessions',
  'votes',
  'motions', // a published sitting's questions, the adopted decisions
  'tallies',
  'tally_signoffs',
  'accounts', // the names on a published result's sign-offs
  'projects',
  'milestones',
  'project_updates',
  'project_files',
  'change_requests',
  'findings',
  'eval_rounds',
  'eval_targets',
];

/**
 * What a cache (browser, proxy, CDN) may do with an answer.
 *
 * - `immutable`: bulletin.json and result.json of a published vote are stored at publication and never rewritten
 *   (design §4: after publication the result is immutable; before it they are 404, which is never cached).
 * - `page`: everything else here changes rarely but does change (a milestone reached, a list frozen, a name corrected,
 *   a photo withdrawn). A browser revalidates at each use (max-age=0, must-revalidate): the web app reads these with
 *   fetch(), and a staff member who has just saved must see the change on the public page at once — the revalidation
 *   is a 304 from memory, no query, no body. A shared cache (a proxy or CDN in front) keeps the answer 30 s
 *   (s-maxage), so behind one a change is public within half a minute. Not stale-while-revalidate: browsers honour it
 *   too, and would show the page from before the change once more.
 */
export const CACHE_CONTROL = {
  immutable: 'public, max-age=31536000, immutable',
  page: 'public, max-age=0, must-revalidate, s-maxage=30',
  /**
   * The poster's QR encodes the submission address, which comes from configuration (PUBLIC_ORIGIN) and the congress's
   * id alone — no row of data changes it; an hour, as before (tests/security/proxy.test.ts pins it).
   */
  poster: 'public, max-age=3600',
} as const;

export type PublicCacheLimits = { maxEntries: number; maxBytes: number; maxEntryBytes: number };
export const DEFAULT_PUBLIC_CACHE: PublicCacheLimits = { maxEntries: 2000, maxBytes: 64 * 1024 * 1024, maxEntryBytes: 6 * 1024 * 1024 };

export type PublicCacheStats = {
  hits: number;
  builds: number;
  notModified: number;
  invalidations: number;
  /** Answers built and not kept (a change heard meanwhile, the LISTEN not in place, or above maxEntryBytes). */
  notStored: number;
  entries: number;
  bytes: number;
  /** Builds running now. */
  building: number;
  listening: boolean;
  /** Times the LISTEN was in place (2 or more: it reconnected) and times its connection was lost. */
  listens: number;
  lost: number;
};

type Encoding = 'br' | 'gzip';
type Variant = { body: Uint8Array; etag: string; encoding: Encoding | null };

/** One answer: its bytes, its headers, the copies made so far. */
class Entry {
  readonly identity: Variant;
  readonly tags: Set<string>;
  private readonly made = new Map<Encoding, Promise<Variant>>();
  bytes: number;

  constructor(
    readonly key: string,
    body: Uint8Array,
    readonly headers: Record<string, string>,
    readonly cacheControl: string,
    private readonly onGrow: (entry: Entry, n: number) => void,
  ) {
    const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
    this.identity = { body, etag: `"${hash}"`, encoding: null };
    this.tags = new Set([hash, `${hash}-br`, `${hash}-gz`]);
    this.bytes = body.byteLength;
  }

  /** Worth compressing: JSON, HTML, SVG, of 1 KB or more. */
  get compressible(): boolean {
    return this.identity.body.byteLength >= COMPRESS_MIN_BYTES && /^(application\/([\w.-]+\+)?json|text\/(html|csv)|image\/svg\+xml)\s*(;|$)/i.test(this.headers['Content-Type'] ?? '');
  }

  /** The bytes for this client: a copy it takes (made once), else the bytes as they are. */
  async variant(acceptEncoding: string | undefined): Promise<Variant> {
    const encoding = this.compressible ? pickEncoding(acceptEncoding) : null;
    if (!encoding) return this.identity;
    let p = this.made.get(encoding);
    if (!p) {
      const body = this.identity.body;
      p = (async () => {
        const out =
          encoding === 'br'
            ? await brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } })
            : await gz(body, { level: 9 });
        if (out.byteLength >= body.byteLength) return this.identity;
        this.bytes += out.byteLength;
        this.onGrow(this, out.byteLength);
        const tag = this.identity.etag.slice(0, -1) + (encoding === 'br' ? '-br"' : '-gz"');
        return { body: new Uint8Array(out.buffer, out.byteOffset, out.byteLength), etag: tag, encoding };
      })();
      this.made.set(encoding, p);
    }
    return p;
  }

  /** Does If-None-Match name one of this answer's tags (weak comparison, as RFC 9110 asks for it)? */
  matches(ifNoneMatch: string | undefined): boolean {
    if (!ifNoneMatch) return false;
    return ifNoneMatch.split(',').some((raw) => {
      const t = raw.trim();
      if (t === '*') return true;
      const m = /^(?:W\/)?"([^"]*)"$/.exec(t);
      return !!m && this.tags.has(m[1]);
    });
  }
}

/** The headers a route sets on its own answer that the cache keeps (never a request id, a cookie or the like). */
const KEPT_HEADERS = ['Content-Type', 'Content-Disposition', 'Content-Security-Policy', 'X-Content-Type-Options'];

/** The public answers of one app (one per process in production). */
export class PublicCache implements TableWatcher {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<Entry | null>>();
  private total = 0;
  /** Moves at every change heard and every LISTEN (re)established or lost: a build of an older generation is not kept. */
  private generation = 0;
  private counters = { hits: 0, builds: 0, notModified: 0, invalidations: 0, notStored: 0, listens: 0, lost: 0 };
  private readonly hub;

  constructor(
    deps: Deps,
    readonly limits: PublicCacheLimits = DEFAULT_PUBLIC_CACHE,
  ) {
    this.hub = hubOf(deps.database);
    void this.hub.watchTables(this);
  }

  // ---- what the Hub tells (lib/events.ts) ----
  changed(): void {
    this.invalidate();
  }
  listening(): void {
    this.counters.listens++;
    this.invalidate();
  }
  lost(): void {
    this.counters.lost++;
    this.invalidate();
  }

  /** Drop every answer; builds running now are not kept. */
  invalidate(): void {
    this.generation++;
    this.counters.invalidations++;
    this.entries.clear();
    this.inflight.clear();
    this.total = 0;
  }

  stats(): PublicCacheStats {
    return { ...this.counters, entries: this.entries.size, bytes: this.total, building: this.inflight.size, listening: this.hub.listening };
  }

  /** A copy made for a kept answer counts against the byte bound. */
  private grew(entry: Entry, n: number) {
    if (this.entries.get(entry.key) !== entry) return;
    this.total += n;
    this.evict();
  }

  private evict() {
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.limits.maxEntries && this.total <= this.limits.maxBytes) break;
      this.entries.delete(k);
      this.total -= e.bytes;
    }
  }

  private get usable(): boolean {
    return this.hub.listening;
  }

  /** The kept answer of `key`, marked as the most recently used. */
  private lookup(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (e) {
      this.entries.delete(key);
      this.entries.set(key, e);
    }
    return e;
  }

  private store(key: string, e: Entry) {
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.total -= old.bytes;
    }
    this.entries.set(key, e);
    this.total += e.bytes;
    this.evict();
  }

  /**
   * The answer of `key`: kept, or being built by another request (shared), or built now by `build` (which runs the
   * route). Null when the route did not answer 200 (its own answer then stands in `c.res`).
   */
  async answer(key: string, cacheControl: string, c: Context<AppEnv>, build: () => Promise<void>): Promise<{ entry: Entry; built: boolean } | null> {
    await this.hub.ensure(); // the first request waits for the LISTEN; a failed one is tried again here
    if (this.usable) {
      const kept = this.lookup(key);
      if (kept) {
        this.counters.hits++;
        return { entry: kept, built: false };
      }
      const shared = this.inflight.get(key);
      if (shared) {
        const e = await shared;
        if (e) {
          this.counters.hits++;
          return { entry: e, built: false };
        }
        // The other build was not a 200 (an error is never shared): this request runs the route itself.
      }
    }
    const generation = this.generation;
    const listened = this.usable;
    const p = (async () => {
      this.counters.builds++;
      await build();
      const res = c.res;
      if (res.status !== 200 || res.headers.has('Content-Encoding')) return null;
      const headers: Record<string, string> = {};
      for (const h of KEPT_HEADERS) {
        const v = res.headers.get(h);
        if (v !== null) headers[h] = v;
      }
      return new Entry(key, new Uint8Array(await res.arrayBuffer()), headers, cacheControl, (e, n) => this.grew(e, n));
    })();
    if (listened) this.inflight.set(key, p);
    let entry: Entry | null;
    try {
      entry = await p;
    } finally {
      if (this.inflight.get(key) === p) this.inflight.delete(key);
    }
    if (!entry) return null;
    if (listened && this.usable && generation === this.generation && entry.bytes <= this.limits.maxEntryBytes) this.store(key, entry);
    else this.counters.notStored++;
    return { entry, built: true };
  }

  countNotModified() {
    this.counters.notModified++;
  }
}

const caches = new WeakMap<Deps, PublicCache>();
/** The public cache of one app (per Deps, as the big screen's streams are). */
export function publicCacheOf(deps: Deps): PublicCache {
  let cache = caches.get(deps);
  if (!cache) caches.set(deps, (cache = new PublicCache(deps, deps.publicCache)));
  return cache;
}

export type CachedOptions = {
  /** What a browser or proxy may keep (CACHE_CONTROL). */
  cacheControl: string;
  /** The query fields that make another answer (validated values), e.g. the progress page's year. */
  query?: (c: Context<AppEnv>) => string;
};

/**
 * Route middleware (after the input is validated, before the handler): the answer from the cache, or the handler's
 * answer kept for the next. Only for public GETs whose answer is the same for everyone.
 */
export function cachedPublic(opts: CachedOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const cache = publicCacheOf(c.get('deps'));
    const key = `${c.req.path}?${opts.query?.(c) ?? ''}@${shanghaiToday()}`;
    const got = await cache.answer(key, opts.cacheControl, c, async () => {
      await next();
    });
    if (!got) return; // not a 200: the route's own answer (an error: not kept, Cache-Control as set for /api)
    const { entry } = got;
    const v = await entry.variant(c.req.header('accept-encoding'));
    const headers: Record<string, string> = { ...entry.headers, ETag: v.etag, 'Cache-Control': entry.cacheControl };
    if (entry.compressible) headers.Vary = 'Accept-Encoding';
    if (v.encoding) headers['Content-Encoding'] = v.encoding;
    // Replace whatever the handler left (c.res's setter would merge its headers into ours).
    if (got.built) c.res = undefined as unknown as Response;
    if (entry.matches(c.req.header('if-none-match'))) {
      cache.countNotModified();
      const { 'Content-Type': _t, 'Content-Disposition': _d, ...rest } = headers;
      c.res = c.body(null, 304, rest);
      if (c.res.headers.has('Set-Cookie')) c.res.headers.set('Cache-Control', 'private, no-cache');
      return;
    }
    headers['Content-Length'] = String(v.body.byteLength);
    c.res = c.body(v.body as Uint8Array<ArrayBuffer>, 200, headers);
    // Never let a shared cache keep a cookie (public routes set none today: loadAuth skips them; this keeps it so).
    if (c.res.headers.has('Set-Cookie')) c.res.headers.set('Cache-Control', 'private, no-cache');
  };
}
