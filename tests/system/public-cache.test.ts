/**
 * Public reads answered from a cache (issue 21, point 2; server/lib/public-cache.ts): a strong ETag and the right
 * Cache-Control on every cached route, 304 on repeat, one build for many reads, a change through the API seen at once
 * (new bytes, new ETag, the old one no longer 304), brotli and gzip copies that decode to exactly the same bytes,
 * errors never kept, the bounds — and on PostgreSQL, two instances on one database, a LISTEN killed and re-established,
 * and a build racing a change. Every table of the database either carries the change trigger or is listed (with its
 * reason) as deliberately without one.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { openDatabase } from '../../server/db/client.ts';
import type { Deps } from '../../server/lib/env.ts';
import { CACHE_CONTROL, publicCacheOf, UNWATCHED_TABLES, WATCHED_TABLES, type PublicCacheLimits } from '../../server/lib/public-cache.ts';
import { useTestApp } from '../helpers/app.ts';
import { type Hall, hall, marksOf, runVote } from '../tally/helpers.ts';
import { shanghaiToday, shanghaiYear } from '../../shared/time.ts';

const t = useTestApp();
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
  for (const f of cleanups.reverse()) await f();
});

const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (ch) => ch.charCodeAt(0));

/** An app of its own on the test database (its own cache), like another server process sharing the pool. */
function appWith(over: Partial<Deps> = {}, limits?: PublicCacheLimits) {
  const deps: Deps = { ...t.deps, ...over, publicCache: limits };
  return { app: createApp({ deps }), deps, cache: () => publicCacheOf(deps) };
}
type App = ReturnType<typeof appWith>;

type Got = { status: number; headers: Headers; bytes: Buffer };
async function get(a: App, path: string, headers: Record<string, string> = {}): Promise<Got> {
  const res = await a.app.request(path, { headers: { 'x-forwarded-for': '198.51.100.9', ...headers } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** Poll until `ok` holds (the NOTIFY of a change arrives a moment after its commit); never a fixed sleep. */
async function until<T>(what: string, fn: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

let h: Hall;
let voteId: string;
let projectId: string;
let fileId: string;
const year = shanghaiYear();
let routes: { path: string; cacheControl: string; type: RegExp }[];

beforeAll(async () => {
  h = await hall(t, { seated: 3, titles: ['桥梁', '广场', '学校'] });
  voteId = (await h.roles.presidium.post(`${h.base}/sessions/${h.sessionId}/votes`, { listId: h.listId, title: '票决' })).body.id;
  const { path } = await runVote(t, h, voteId, [marksOf(h.candidateIds, 'FF-'), marksOf(h.candidateIds, 'FF-'), marksOf(h.candidateIds, 'F-F')]);
  expect((await h.roles.scrutineer.post(`${path}/tally`, {})).status).toBe(201);
  await h.roles.scrutineer.post(`${path}/tally/signoff`, { chief: true, invalidChecked: true });
  await h.roles.scrutineer2.post(`${path}/tally/signoff`, {});
  expect((await h.roles.presidium.post(`${path}/tally/publish`, {})).status).toBe(200);
  const projects = (await h.admin.get(`${h.base}/projects`)).body as { id: string }[];
  expect(projects.length).toBeGreaterThan(0);
  projectId = projects[0].id;
  const form = new FormData();
  form.set('file', new File([PNG as Uint8Array<ArrayBuffer>], 'site.png'));
  form.set('caption', '现场');
  const up = await h.admin.post(`${h.base}/projects/${projectId}/files`, form);
  expect(up.status, up.text).toBe(201);
  fileId = up.body.id;
  const page = CACHE_CONTROL.page;
  routes = [
    { path: `/api/public/votes/${voteId}/result`, cacheControl: page, type: /^application\/json/ },
    { path: `/api/public/votes/${voteId}/bulletin.json`, cacheControl: CACHE_CONTROL.immutable, type: /^application\/json/ },
    { path: `/api/public/votes/${voteId}/result.json`, cacheControl: CACHE_CONTROL.immutable, type: /^application\/json/ },
    { path: `/api/public/congresses/${h.congressId}/results`, cacheControl: page, type: /^application\/json/ },
    { path: `/api/public/congresses/${h.congressId}/candidate-lists`, cacheControl: page, type: /^application\/json/ },
    { path: `/api/public/congresses/${h.congressId}/candidate-lists/${h.listId}`, cacheControl: page, type: /^application\/json/ },
    { path: `/api/public/congresses/${h.congressId}/candidate-lists/${h.listId}/export.csv`, cacheControl: page, type: /^text\/csv/ },
    { path: `/api/public/congresses/${h.congressId}`, cacheControl: page, type: /^application\/json/ },
    { path: `/api/public/congresses/${h.congressId}/projects`, cacheControl: page, type: /^application\/json/ },
    { path: `/api/public/congresses/${h.congressId}/projects?year=${year}`, cacheControl: page, type: /^application\/json/ },
    { path: `/api/public/projects/${projectId}`, cacheControl: page, type: /^application\/json/ },
    { path: `/api/public/congresses/${h.congressId}/poster-qr.svg`, cacheControl: CACHE_CONTROL.poster, type: /^image\/svg\+xml/ },
    { path: `/api/public/files/${fileId}`, cacheControl: page, type: /^image\/png/ },
  ];
});

describe('every cached route', () => {
  it('answers 200 with a strong ETag and its Cache-Control, then 304 (no body) to If-None-Match, from one build', async () => {
    const a = appWith();
    for (const r of routes) {
      const first = await get(a, r.path);
      expect(first.status, r.path).toBe(200);
      const etag = first.headers.get('etag')!;
      expect(etag, r.path).toMatch(/^"[\w-]+"$/);
      expect(first.headers.get('cache-control'), r.path).toBe(r.cacheControl);
      expect(first.headers.get('content-type'), r.path).toMatch(r.type);
      expect(first.headers.get('content-encoding'), r.path).toBeNull();
      expect(Number(first.headers.get('content-length')), r.path).toBe(first.bytes.length);

      const again = await get(a, r.path, { 'if-none-match': etag });
      expect(again.status, r.path).toBe(304);
      expect(again.bytes.length, r.path).toBe(0);
      expect(again.headers.get('etag'), r.path).toBe(etag);
      expect(again.headers.get('cache-control'), r.path).toBe(r.cacheControl);
      // Several tags, weak or strong, any of them matching; `*` too.
      expect((await get(a, r.path, { 'if-none-match': `"nope", W/${etag}` })).status, r.path).toBe(304);
      expect((await get(a, r.path, { 'if-none-match': '*' })).status, r.path).toBe(304);
      const other = await get(a, r.path, { 'if-none-match': '"nope"' });
      expect(other.status, r.path).toBe(200);
      expect(other.bytes.equals(first.bytes), r.path).toBe(true);
    }
    const s = a.cache().stats();
    expect(s.builds).toBe(routes.length);
    expect(s.notModified).toBe(routes.length * 3);
    expect(s.entries).toBe(routes.length);
    // The file route still sends its own protective headers from the cache.
    const photo = await get(a, `/api/public/files/${fileId}`);
    expect(photo.headers.get('content-security-policy')).toContain('sandbox');
    expect(photo.headers.get('x-content-type-options')).toBe('nosniff');
    expect(photo.bytes.equals(Buffer.from(PNG))).toBe(true);
    expect(a.cache().stats().builds).toBe(routes.length);
  });

  it('keeps bulletin.json and result.json as an attachment, byte for byte as published', async () => {
    const a = appWith();
    const b1 = await get(a, `/api/public/votes/${voteId}/bulletin.json`);
    const b2 = await get(a, `/api/public/votes/${voteId}/bulletin.json`);
    expect(b1.headers.get('content-disposition')).toBe('attachment; filename="bulletin.json"');
    expect(b2.headers.get('content-disposition')).toBe('attachment; filename="bulletin.json"');
    expect(b2.bytes.equals(b1.bytes)).toBe(true);
    expect(JSON.parse(b1.bytes.toString()).format).toBe('minsheng-bulletin/1');
    expect(a.cache().stats()).toMatchObject({ builds: 1, hits: 1 });
  });

  it('never keeps an error: a result not published is a 404 every time, not stored, with no-store', async () => {
    const a = appWith();
    for (let i = 0; i < 3; i++) {
      const r = await get(a, `/api/public/votes/${crypto.randomUUID()}/result`);
      expect(r.status).toBe(404);
      expect(r.headers.get('cache-control')).toBe('no-store');
      expect(r.headers.get('etag')).toBeNull();
    }
    const missing = `/api/public/congresses/${crypto.randomUUID()}/projects`;
    expect((await get(a, missing)).status).toBe(404);
    expect((await get(a, missing)).status).toBe(404);
    expect(a.cache().stats()).toMatchObject({ entries: 0, builds: 5, hits: 0 });
    // Bad input is refused before the cache is asked.
    expect((await get(a, '/api/public/votes/not-a-uuid/result')).status).toBe(400);
    expect(a.cache().stats().builds).toBe(5);
  });
});

describe('many readers', () => {
  it('50 reads at once of the progress page: one build, 49 answers from it, the same bytes', async () => {
    const a = appWith();
    const path = `/api/public/projects/${projectId}`;
    const all = await Promise.all(Array.from({ length: 50 }, () => get(a, path)));
    expect(all.every((r) => r.status === 200)).toBe(true);
    expect(new Set(all.map((r) => r.bytes.toString('base64'))).size).toBe(1);
    expect(new Set(all.map((r) => r.headers.get('etag'))).size).toBe(1);
    expect(a.cache().stats()).toMatchObject({ builds: 1, hits: 49 });
    for (let i = 0; i < 20; i++) await get(a, path, { 'if-none-match': all[0].headers.get('etag')! });
    expect(a.cache().stats()).toMatchObject({ builds: 1, hits: 69, notModified: 20 });

    // For the record (not a limit): a read from memory against a read built afresh, through the whole app.
    const N = 100;
    let t0 = performance.now();
    for (let i = 0; i < N; i++) await get(a, path);
    const hit = (performance.now() - t0) / N;
    t0 = performance.now();
    for (let i = 0; i < N; i++) {
      a.cache().invalidate();
      await get(a, path);
    }
    const built = (performance.now() - t0) / N;
    expect(a.cache().stats().builds).toBe(1 + N);
    console.log(`[public-cache] progress page through the app: ${hit.toFixed(2)} ms from memory, ${built.toFixed(2)} ms built (${t.database.kind})`);
  });
});

describe('compressed copies', () => {
  it('brotli and gzip, each with its own strong ETag and Vary, decode to exactly the bytes sent as they are', async () => {
    const a = appWith();
    let compressed = 0;
    for (const r of routes) {
      const plain = await get(a, r.path);
      const br = await get(a, r.path, { 'accept-encoding': 'gzip, deflate, br' });
      const gz = await get(a, r.path, { 'accept-encoding': 'gzip' });
      expect(br.status, r.path).toBe(200);
      if (!br.headers.get('content-encoding')) {
        // Small or not worth it (a PNG): the same bytes and tag whatever is asked.
        expect(br.bytes.equals(plain.bytes), r.path).toBe(true);
        expect(br.headers.get('etag'), r.path).toBe(plain.headers.get('etag'));
        continue;
      }
      compressed++;
      expect(plain.bytes.length, r.path).toBeGreaterThanOrEqual(1024);
      expect(br.headers.get('content-encoding')).toBe('br');
      expect(gz.headers.get('content-encoding')).toBe('gzip');
      for (const x of [plain, br, gz]) expect(x.headers.get('vary'), r.path).toBe('Accept-Encoding');
      expect(br.headers.get('etag')).toBe(plain.headers.get('etag')!.replace(/"$/, '-br"'));
      expect(gz.headers.get('etag')).toBe(plain.headers.get('etag')!.replace(/"$/, '-gz"'));
      expect(Number(br.headers.get('content-length'))).toBe(br.bytes.length);
      expect(br.bytes.length).toBeLessThan(plain.bytes.length);
      expect(brotliDecompressSync(br.bytes).equals(plain.bytes), r.path).toBe(true);
      expect(gunzipSync(gz.bytes).equals(plain.bytes), r.path).toBe(true);
      // A tag of any copy revalidates (a proxy may hold another encoding than the client asks for now).
      expect((await get(a, r.path, { 'accept-encoding': 'br', 'if-none-match': br.headers.get('etag')! })).status).toBe(304);
      expect((await get(a, r.path, { 'if-none-match': gz.headers.get('etag')! })).status).toBe(304);
      // Made once: a second brotli read is the same bytes.
      expect((await get(a, r.path, { 'accept-encoding': 'br' })).bytes.equals(br.bytes)).toBe(true);
    }
    expect(compressed).toBeGreaterThanOrEqual(3);
    expect(a.cache().stats().builds).toBe(routes.length);
  });
});

describe('a change', () => {
  it('through the API: new bytes and a new ETag at once; the old ETag no longer gets 304', async () => {
    const a = appWith();
    const path = `/api/public/projects/${projectId}`;
    const before = await get(a, path);
    const old = before.headers.get('etag')!;
    expect((await get(a, path, { 'if-none-match': old })).status).toBe(304);
    const inv = a.cache().stats().invalidations;
    const added = await h.admin.post(`${h.base}/projects/${projectId}/milestones`, { name: '完成招标', plannedDate: shanghaiToday(), weight: 10 });
    expect(added.status, added.text).toBe(201);
    const after = await until('the new milestone on the public page', () => get(a, path), (r) => r.bytes.toString().includes('完成招标'));
    expect(a.cache().stats().invalidations).toBeGreaterThan(inv);
    expect(after.headers.get('etag')).not.toBe(old);
    const revalidated = await get(a, path, { 'if-none-match': old });
    expect(revalidated.status).toBe(200);
    expect(revalidated.bytes.equals(after.bytes)).toBe(true);
    expect((await get(a, path, { 'if-none-match': after.headers.get('etag')! })).status).toBe(304);
  });

  it('a list frozen: the public lists show it as soon as the change is heard', async () => {
    const a = appWith();
    const path = `/api/public/congresses/${h.congressId}/candidate-lists`;
    const before = await get(a, path);
    const n = (JSON.parse(before.bytes.toString()) as unknown[]).length;
    const list = await h.admin.post(`${h.base}/candidate-lists`, { title: '第二批候选清单', year, seats: 1, candidateIds: h.candidateIds.slice(0, 2) });
    expect(list.status, list.text).toBe(201);
    expect((await h.admin.post(`${h.base}/candidate-lists/${list.body.id}/freeze`, { acknowledgeSurplusWarning: true })).status).toBe(200);
    const after = await until('the frozen list', () => get(a, path), (r) => (JSON.parse(r.bytes.toString()) as unknown[]).length === n + 1);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
  });
});

describe('bounds', () => {
  it('keeps at most maxEntries answers (least recently used out) and serves one above maxEntryBytes without keeping it', async () => {
    const a = appWith({}, { maxEntries: 2, maxBytes: 1024 * 1024, maxEntryBytes: 40 });
    const [p1, p2, p3] = [`/api/public/congresses/${h.congressId}`, `/api/public/projects/${projectId}`, `/api/public/congresses/${h.congressId}/results`];
    await get(a, p1);
    await get(a, p1);
    expect(a.cache().stats()).toMatchObject({ entries: 0, builds: 2 }); // above 40 bytes: not kept
    const b = appWith({}, { maxEntries: 2, maxBytes: 1024 * 1024, maxEntryBytes: 1024 * 1024 });
    await get(b, p1);
    await get(b, p2);
    await get(b, p1); // p1 used last
    await get(b, p3); // p2 out
    expect(b.cache().stats()).toMatchObject({ entries: 2, builds: 3, hits: 1 });
    await get(b, p1);
    expect(b.cache().stats().builds).toBe(3);
    await get(b, p2);
    expect(b.cache().stats().builds).toBe(4);
    // Not kept still means ETag and 304.
    const big = await get(a, `/api/public/files/${fileId}`);
    expect((await get(a, `/api/public/files/${fileId}`, { 'if-none-match': big.headers.get('etag')! })).status).toBe(304);
    const c = appWith({}, { maxEntries: 100, maxBytes: 2000, maxEntryBytes: 2000 });
    for (const r of routes) await get(c, r.path);
    expect(c.cache().stats().bytes).toBeLessThanOrEqual(2000);
  });
});

describe('the tables', () => {
  it('every table either announces its changes (the trigger) or is listed as deliberately without one — never both', async () => {
    const tables = (await t.database.query<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)).map((r) => r.name);
    const triggered = (
      await t.database.query<{ name: string }>(
        `select distinct c.relname as name from pg_trigger g join pg_class c on c.oid = g.tgrelid join pg_proc p on p.oid = g.tgfoid
          where p.proname = 'minsheng_public_changed' and not g.tgisinternal`,
      )
    ).map((r) => r.name);
    const undecided = tables.filter((x) => !triggered.includes(x) && !(x in UNWATCHED_TABLES));
    expect(undecided, 'tables with neither the trigger nor a reason in UNWATCHED_TABLES (server/lib/public-cache.ts)').toEqual([]);
    expect(triggered.filter((x) => x in UNWATCHED_TABLES)).toEqual([]);
    expect([...triggered].sort()).toEqual([...WATCHED_TABLES].sort());
    expect(Object.keys(UNWATCHED_TABLES).filter((x) => !tables.includes(x)), 'listed tables that do not exist').toEqual([]);
    // The ballot cast path writes ballots (and reads cards, counts in rate_limits): none of them may NOTIFY.
    for (const x of ['ballots', 'cards', 'rate_limits']) expect(triggered).not.toContain(x);
    // Each trigger is one per statement and covers every kind of write.
    const kinds = await t.database.query<{ name: string; per_row: boolean; ins: boolean; upd: boolean; del: boolean; trunc: boolean }>(
      `select c.relname as name, (g.tgtype & 1) <> 0 as per_row, (g.tgtype & 4) <> 0 as ins, (g.tgtype & 16) <> 0 as upd, (g.tgtype & 8) <> 0 as del, (g.tgtype & 32) <> 0 as trunc
         from pg_trigger g join pg_class c on c.oid = g.tgrelid join pg_proc p on p.oid = g.tgfoid where p.proname = 'minsheng_public_changed'`,
    );
    for (const k of kinds) expect(k, k.name).toMatchObject({ per_row: false, ins: true, upd: true, del: true, trunc: true });
  });
});

describe('several instances on one PostgreSQL database (PostgreSQL run only: PGlite is one process, it has no second instance)', () => {
  const pgOnly = () => !t.database.url;
  /** Instance B: its own pool on the same database (closed after the test), its own app and public cache. */
  const secondInstance = async () => {
    const other = await openDatabase({ url: t.database.url!, max: 3 });
    cleanups.push(() => other.close());
    return appWith({ database: other, db: other.db });
  };

  it('a change made through instance A is seen by instance B', async (ctx) => {
    if (pgOnly()) return ctx.skip();
    const b = await secondInstance();
    const path = `/api/public/projects/${projectId}`;
    const first = await get(b, path);
    expect((await get(b, path, { 'if-none-match': first.headers.get('etag')! })).status).toBe(304);
    expect(b.cache().stats()).toMatchObject({ builds: 1, listening: true });
    // Instance A (t.app, its own pool) records progress.
    const upd = await h.admin.post(`${h.base}/projects/${projectId}/updates`, { progressPercent: 35, spentInvestment: '12.00', summary: '路基完成一半' });
    expect(upd.status, upd.text).toBe(201);
    const seen = await until('B to show A’s report', () => get(b, path), (r) => r.bytes.toString().includes('路基完成一半'));
    expect(seen.headers.get('etag')).not.toBe(first.headers.get('etag'));
    expect(b.cache().stats().builds).toBe(2);
  });

  it('the LISTEN connection killed: the cache is emptied when it is back, and serves what changed meanwhile', async (ctx) => {
    if (pgOnly()) return ctx.skip();
    const b = await secondInstance();
    const path = `/api/public/projects/${projectId}`;
    await get(b, path);
    const admin = postgres(t.database.url!, { max: 1, onnotice: () => {} });
    cleanups.push(() => admin.end());
    // A change nobody hears (triggers off for this one session), as if made while the LISTEN was away.
    await admin.begin(async (tx) => {
      await tx`set local session_replication_role = replica`;
      await tx`update projects set title = '桥梁工程（更名）' where id = ${projectId}`;
    });
    const stale = await get(b, path);
    expect(stale.bytes.toString()).not.toContain('更名'); // from memory: the change was not heard
    const before = b.cache().stats();
    expect(before.listens).toBeGreaterThanOrEqual(1);
    const killed = await admin<{ pid: number }[]>`select pg_terminate_backend(pid) as ok, pid from pg_stat_activity where datname = current_database() and query ilike 'listen %' and pid <> pg_backend_pid()`;
    expect(killed.length).toBeGreaterThanOrEqual(1);
    await until('the LISTEN lost and back', async () => b.cache().stats(), (s) => s.lost > before.lost && s.listens > before.listens && s.listening);
    const fresh = await get(b, path);
    expect(fresh.bytes.toString()).toContain('更名');
    expect(fresh.headers.get('etag')).not.toBe(stale.headers.get('etag'));
    // And the cache works again after it: a change is heard.
    await h.admin.post(`${h.base}/projects/${projectId}/milestones`, { name: '主体完工', plannedDate: shanghaiToday(), weight: 5 });
    await until('the change after re-listen', () => get(b, path), (r) => r.bytes.toString().includes('主体完工'));
  });

  it('a build that began before a change heard is served to its reader but not kept', async (ctx) => {
    if (pgOnly()) return ctx.skip();
    const a = appWith();
    const path = `/api/public/congresses/${h.congressId}/projects`;
    const name = (await get(a, path).then((r) => JSON.parse(r.bytes.toString()))).congress.name as string;
    a.cache().invalidate();
    const pg = postgres(t.database.url!, { max: 2, onnotice: () => {} });
    cleanups.push(() => pg.end());
    // Hold the build midway: it reads the congress, then waits for the milestones (locked).
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = pg.begin(async (tx) => {
      await tx`lock table milestones in access exclusive mode`;
      locked();
      await released;
    });
    await isLocked;
    const pending = get(a, path);
    await until('the build to wait on the lock', async () => a.cache().stats(), (s) => s.building === 1);
    const heard = a.cache().stats().invalidations;
    await pg`update congresses set name = ${`${name}（新）`} where id = ${h.congressId}`;
    await until('the change to be heard', async () => a.cache().stats(), (s) => s.invalidations > heard);
    release();
    await holder;
    const built = await pending;
    expect(built.status).toBe(200);
    expect(JSON.parse(built.bytes.toString()).congress.name).toBe(name); // read before the change
    expect(a.cache().stats()).toMatchObject({ entries: 0 });
    expect(a.cache().stats().notStored).toBeGreaterThanOrEqual(1);
    const next = await get(a, path);
    expect(JSON.parse(next.bytes.toString()).congress.name).toBe(`${name}（新）`);
    await pg`update congresses set name = ${name} where id = ${h.congressId}`;
  });
});
