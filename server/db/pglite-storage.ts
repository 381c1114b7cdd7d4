/**
 * PGlite on a full disk or an unwritable data dir (design §13). What PGlite 0.5.16 does, measured on a small tmpfs, on an
 * ext4 loop device forced read-only (`trigger_fs_error`, errors=remount-ro) and with the data dir made unwritable for
 * a non-root server:
 *
 * - Disk full: an INSERT that must extend a file fails with an ordinary ERROR, SQLSTATE 53100, `could not extend file
 *   …: No space left on device`; the instance survives and still reads. Writes that fit in pages and WAL already
 *   allocated keep succeeding (an UPDATE, `txid_current()` and its commit, even a few INSERTs), and they are really
 *   there after a close and a reopen: nothing acknowledged was lost in any run.
 * - A checkpoint on a full disk (or a WAL write on a read-only one) is a PANIC (severity PANIC, SQLSTATE 53100 or
 *   42501); the WASM runtime aborts, and THE NEXT CALL INTO THAT INSTANCE NEVER RETURNS: it spins inside WebAssembly and
 *   freezes the whole event loop (even /healthz). So an instance that reported a PANIC or FATAL, or whose main loop
 *   threw anything but PostgreSQL's error longjmp, is never called again: calls are refused at once, and the instance is
 *   reopened from its data dir (WAL replay, ~0.3 s) once a write probe shows the disk takes data again.
 * - Reopening while the disk is still full fails (`RuntimeError: Aborted()`, fast); on a read-only dir it fails with
 *   `PGlite failed to initialize properly`. Neither says why: the write probe below does.
 * - Read-only file system or no permission: even reads fail, SQLSTATE 42501 `could not open file …: Read-only file
 *   system` / `Permission denied` (42501 is also "permission denied for table": only the file messages count here).
 * - A first start (initdb) on a full disk throws Emscripten's `ErrnoError` with errno 51 (ENOSPC) and no message — the
 *   old "[object Object]" — and leaves a half-made data dir that PGlite can never open afterwards; so a new data dir
 *   needs room for initdb first, and a half-made one is removed again.
 *
 * Every storage failure reaches callers as a StorageError whose `code` is a SQLSTATE (53100 for a full disk, 58030
 * otherwise), so the error mapping answers 503 `storage_full` whatever the driver.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { PGlite, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';
import { log } from '../lib/log.ts';
import type { Database } from './client.ts';

export type StorageProblem = 'disk_full' | 'read_only' | 'permission_denied' | 'io_error';

const WORDS: Record<StorageProblem, { zh: string; en: string }> = {
  disk_full: { zh: '磁盘已满', en: 'the disk is full' },
  read_only: { zh: '文件系统为只读', en: 'the file system is read-only' },
  permission_denied: { zh: '没有写入权限', en: 'the server has no permission to write there' },
  io_error: { zh: '磁盘读写出错', en: 'the disk reports read/write errors' },
};

/** The data dir cannot take writes. `code` is the SQLSTATE the error mapping reads (53100 disk_full, 58030 io_error). */
export class StorageError extends Error {
  override name = 'StorageError';
  readonly code: string;
  constructor(
    readonly problem: StorageProblem,
    message: string,
    readonly dataDir?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.code = problem === 'disk_full' ? '53100' : '58030';
  }
}

/** The embedded database stopped for a reason that is not storage (a PANIC, a WASM abort) and is not open again yet. */
export class PgliteStoppedError extends Error {
  override name = 'PgliteStoppedError';
  readonly code = '57P02'; // crash_shutdown: answered 503 database_unavailable
}

// ——— Recognising a storage error ———

/** Node's error codes (fs calls) and Emscripten's errno numbers (PGlite's ErrnoError) for a storage failure. */
const NODE_CODES: Record<string, StorageProblem> = {
  ENOSPC: 'disk_full',
  EDQUOT: 'disk_full',
  EROFS: 'read_only',
  EACCES: 'permission_denied',
  EPERM: 'permission_denied',
  EIO: 'io_error',
};
const WASM_ERRNO: Record<number, StorageProblem> = { 51: 'disk_full', 19: 'disk_full', 69: 'read_only', 2: 'permission_denied', 63: 'permission_denied', 29: 'io_error' };
const MESSAGES: [RegExp, StorageProblem][] = [
  [/No space left on device|Disk quota exceeded/i, 'disk_full'],
  [/Read-only file system/i, 'read_only'],
  [/could not [a-z ]*(file|directory)\b.*(Permission denied|Operation not permitted)/i, 'permission_denied'],
  [/Input\/output error/i, 'io_error'],
];

/** Folders whose EACCES / EPERM / EIO count as storage errors (a permission error elsewhere is something else). */
const dataDirs = new Set<string>();
const isInside = (path: string, dir: string) => {
  const r = relative(resolve(dir), resolve(path));
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
};
const underDataDir = (path: unknown) => typeof path === 'string' && [...dataDirs].some((d) => isInside(path, d));

function problemOfOne(o: unknown): StorageProblem | null {
  if (typeof o === 'string') return MESSAGES.find(([re]) => re.test(o))?.[1] ?? null;
  if (!o || typeof o !== 'object') return null;
  if (o instanceof StorageError) return o.problem;
  const e = o as { code?: unknown; errno?: unknown; name?: unknown; message?: unknown; path?: unknown; syscall?: unknown };
  const message = typeof e.message === 'string' ? e.message : '';
  const byMessage = MESSAGES.find(([re]) => re.test(message))?.[1] ?? null;
  if (e.code === '53100') return 'disk_full';
  if (e.code === '58030') return byMessage ?? 'io_error';
  if (e.code === '42501') return byMessage && /could not [a-z ]*(file|directory)/i.test(message) ? byMessage : null;
  if (typeof e.code === 'string' && NODE_CODES[e.code] && (typeof e.syscall === 'string' || typeof e.path === 'string')) {
    const p = NODE_CODES[e.code];
    return p === 'disk_full' || p === 'read_only' || underDataDir(e.path) ? p : null;
  }
  if (e.name === 'ErrnoError' && typeof e.errno === 'number') return WASM_ERRNO[e.errno] ?? null;
  // A PGlite error without a SQLSTATE we know, or a plain object: its words.
  if (byMessage && (typeof e.code !== 'string' || !/^[0-9A-Z]{5}$/.test(e.code))) return byMessage;
  return null;
}

/** What storage failure an error is (drizzle wraps the driver's error in `cause`), or null when it is not one. */
export function storageProblem(e: unknown): StorageProblem | null {
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur != null; i++) {
    const p = problemOfOne(cur);
    if (p) return p;
    cur = typeof cur === 'object' ? (cur as { cause?: unknown }).cause : undefined;
  }
  return null;
}

/** A full disk or an unwritable data dir, from PGlite or from the file system: answered 503 `storage_full`. */
export function isStorageError(e: unknown): boolean {
  return storageProblem(e) !== null;
}

/** Any thrown value in words: PGlite throws plain objects and Emscripten errors without a message. Never "[object Object]". */
export function describeError(e: unknown): string {
  if (e == null) return String(e);
  if (typeof e !== 'object') return String(e);
  if (e instanceof StorageError || e instanceof PgliteStoppedError) return e.message; // they carry their cause's words
  const o = e as Record<string, unknown>;
  const parts: string[] = [];
  const name = typeof o.name === 'string' && o.name !== 'Error' && o.name !== 'error' ? o.name : e.constructor?.name && e.constructor.name !== 'Object' && e.constructor.name !== 'Error' ? e.constructor.name : '';
  if (typeof o.severity === 'string' && o.severity !== 'ERROR') parts.push(o.severity);
  if (typeof o.message === 'string' && o.message) parts.push(name ? `${name}: ${o.message}` : o.message);
  else if (name) parts.push(name);
  const fields: string[] = [];
  if (typeof o.code === 'string' || typeof o.code === 'number') fields.push(`code ${o.code}`);
  if (typeof o.errno === 'number') {
    const wasm = o.name === 'ErrnoError' ? Object.entries(WASM_ERRNO_NAMES).find(([, n]) => n === o.errno)?.[0] : undefined;
    fields.push(`errno ${o.errno}${wasm ? ` (${wasm})` : ''}`);
  }
  if (typeof o.syscall === 'string') fields.push(o.syscall);
  if (typeof o.path === 'string') fields.push(o.path);
  if (typeof o.status === 'number') fields.push(`status ${o.status}`);
  let text = [parts.join(': ') || name || 'unknown error', fields.length ? `(${fields.join(', ')})` : ''].filter(Boolean).join(' ');
  if (text === 'unknown error') {
    try {
      const json = JSON.stringify(e);
      if (json && json !== '{}') text = json;
    } catch {
      /* circular */
    }
  }
  const cause = o.cause;
  if (cause !== undefined && cause !== e) text += `; cause: ${describeError(cause)}`;
  return text;
}
const WASM_ERRNO_NAMES: Record<string, number> = { ENOSPC: 51, EDQUOT: 19, EROFS: 69, EACCES: 2, EPERM: 63, EIO: 29, ENOENT: 44 };

// ——— Probing the data dir ———

/** Less free space than this and the data dir is reported not writable (a relation extension, a checkpoint need room). */
export const MIN_FREE_BYTES = 1024 * 1024;
/** A new data dir needs room for initdb and the migrations (~40 MB measured, 64 MB advised): refused below this, before initdb starts. */
export const NEW_DATA_DIR_BYTES = 48 * 1024 * 1024;
const PROBE = Buffer.alloc(64 * 1024, 0x6d);

const mb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} bytes`);

function freeBytes(dir: string): number {
  const s = statfsSync(dir);
  return Number(s.bavail) * Number(s.bsize);
}

/**
 * A real write in the data dir: 64 KB written, fsynced and removed, and at least MIN_FREE_BYTES left. Null when it
 * worked, else the StorageError that says why. Synchronous and cheap (a few ms).
 */
export function probeDataDir(dir: string, needBytes = MIN_FREE_BYTES): StorageError | null {
  const file = join(dir, '.minsheng-write-probe');
  try {
    const free = freeBytes(dir);
    if (free < needBytes) return new StorageError('disk_full', `only ${mb(free)} free on the disk of ${dir} (at least ${mb(needBytes)} needed)`, dir);
    const fd = openSync(file, 'w');
    try {
      const n = writeSync(fd, PROBE);
      if (n < PROBE.length) return new StorageError('disk_full', `the disk of ${dir} took only ${n} of ${PROBE.length} bytes`, dir);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
      rmSync(file, { force: true });
    }
    return null;
  } catch (e) {
    try {
      rmSync(file, { force: true });
    } catch {
      /* the same failure */
    }
    const problem = storageProblem(e) ?? NODE_CODES[(e as { code?: string }).code ?? ''] ?? 'io_error';
    return new StorageError(problem, `cannot write in ${dir}: ${describeError(e)}`, dir, { cause: e });
  }
}

// ——— Guarding an instance ———

type Guarded = { pg: PGlite; dead: unknown; abandoned: boolean };

const isDeathSeverity = (e: unknown) => {
  const s = (e as { severity?: unknown } | null)?.severity;
  return s === 'PANIC' || s === 'FATAL';
};

/**
 * Watch an instance for a PANIC/FATAL or a WASM abort and, from then on, refuse every call into it (the next one would
 * never return). Uses PGlite's own instance methods (public, overridable per instance); if a later PGlite changes
 * their shape, the guard quietly does less.
 */
function guard(pg: PGlite, refuse: (g: Guarded) => Error): Guarded {
  const g: Guarded = { pg, dead: null, abandoned: false };
  const p = pg as unknown as Record<string, unknown> & { mod?: Record<string, unknown>; POSTGRES_MAIN_LONGJMP?: number };
  const rawSync = p.execProtocolRawSync;
  if (typeof rawSync === 'function') {
    p.execProtocolRawSync = (message: Uint8Array) => {
      if (g.dead) throw refuse(g);
      return (rawSync as (m: Uint8Array) => Uint8Array).call(pg, message);
    };
  }
  for (const name of ['execProtocol', 'execProtocolStream']) {
    const orig = p[name];
    if (typeof orig !== 'function') continue;
    p[name] = async (...args: unknown[]) => {
      if (g.dead) throw refuse(g);
      try {
        return await (orig as (...a: unknown[]) => Promise<unknown>).apply(pg, args);
      } catch (e) {
        // The PANIC's own words say more than the runtime's "Aborted()" noted a moment earlier.
        if (isDeathSeverity(e) && !isDeathSeverity(g.dead)) g.dead = e;
        throw e;
      }
    };
  }
  // PostgreSQL's ERROR unwinds with a longjmp PGlite catches (status POSTGRES_MAIN_LONGJMP); anything else thrown
  // from the main loop is the runtime aborting (a PANIC). PGlite swallows it and carries on: note it here.
  const mod = p.mod;
  const once = mod?._PostgresMainLoopOnce;
  const longjmp = typeof p.POSTGRES_MAIN_LONGJMP === 'number' ? p.POSTGRES_MAIN_LONGJMP : 100;
  if (mod && typeof once === 'function') {
    mod._PostgresMainLoopOnce = (...args: unknown[]) => {
      try {
        return (once as (...a: unknown[]) => unknown)(...args);
      } catch (e) {
        if ((e as { status?: unknown } | null)?.status !== longjmp) g.dead ??= e;
        throw e;
      }
    };
  }
  return g;
}

/** Close a dead instance's files without entering WebAssembly (FS.quit is JavaScript: it closes NODEFS's descriptors). */
function release(pg: PGlite) {
  try {
    (pg as unknown as { mod?: { FS?: { quit?: () => void } } }).mod?.FS?.quit?.();
  } catch {
    /* best effort */
  }
}

// ——— The store: one PGlite behind a getter, reopened when it died ———

type Listener = { channel: string; onMessage: (payload: string) => void; off: (() => Promise<void>) | null; on: Guarded | null };

/** What drizzle's PGlite driver calls on its client: `query` and `transaction`. */
export type PgliteClient = Pick<PGlite, 'query' | 'transaction' | 'exec'>;

export class PgliteStore {
  #cur: Guarded | null;
  #closed = false;
  #reopening: Promise<Guarded> | null = null;
  #failures = 0;
  #nextAttempt = 0;
  #lastError: Error | null = null;
  #death: unknown = null;
  #listeners = new Set<Listener>();

  /** The object to hand to drizzle: every call goes to the live instance. */
  readonly client: PgliteClient;

  constructor(
    pg: PGlite,
    /** The data dir, when PGlite runs on one (not memory://, not an instance handed in): then it can be reopened. */
    readonly dataDir: string | undefined,
  ) {
    this.#cur = guard(pg, (g) => this.#deadError(g.dead));
    const self = this;
    this.client = {
      query: ((text: string, params?: unknown[], options?: QueryOptions) => self.#run((g) => g.pg.query(text, params, options))) as PGlite['query'],
      exec: ((text: string, options?: QueryOptions) => self.#run((g) => g.pg.exec(text, options))) as PGlite['exec'],
      transaction: (<T>(fn: (tx: Transaction) => Promise<T>) => self.#run((g) => g.pg.transaction(fn))) as PGlite['transaction'],
    };
  }

  get closed() {
    return this.#closed;
  }

  /** True while the instance is dead and not yet reopened. */
  get stopped() {
    return !this.#cur || Boolean(this.#cur.dead);
  }

  query<T>(text: string, params?: unknown[]): Promise<Results<T>> {
    return this.#run((g) => g.pg.query<T>(text, params));
  }

  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.#run((g) => g.pg.transaction(fn));
  }

  async listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>> {
    const l: Listener = { channel, onMessage, off: null, on: null };
    l.off = await this.#run(async (g) => {
      l.on = g;
      return g.pg.listen(channel, onMessage);
    });
    this.#listeners.add(l);
    return async () => {
      this.#listeners.delete(l);
      const on = l.on;
      if (l.off && on && on === this.#cur && !on.dead) await l.off();
    };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#reopening?.catch(() => {});
    this.#closed = true;
    const g = this.#cur;
    this.#cur = null;
    if (!g) return;
    if (g.dead) {
      // Never enter a dead instance (it would not return): its WAL is on disk and the next open replays it.
      this.#abandon(g);
      return;
    }
    await g.pg.close();
  }

  /**
   * Can the embedded database write now? A 64 KB write in the data dir (fsynced), then a transaction that takes a
   * transaction id and commits (a WAL write and flush). On a full disk the first fails (the second does not: PGlite
   * writes into WAL already allocated); on a read-only or unwritable dir both do. A dead instance is reopened here
   * when the probe passes, so readiness comes back by itself once space returns.
   */
  async writable(): Promise<{ ok: true } | { ok: false; reason: string }> {
    if (this.#closed) return { ok: false, reason: 'closed: the database was closed' };
    if (this.dataDir) {
      const p = this.#probe(this.dataDir, true);
      if (p) return { ok: false, reason: shortReason(p) };
    }
    try {
      await this.transaction((tx) => tx.query('select txid_current()'));
      return { ok: true };
    } catch (e) {
      const p = storageProblem(e);
      return { ok: false, reason: p ? `${p}: ${WORDS[p].en}` : `database_stopped: ${describeError(e)}` };
    }
  }

  async #run<T>(fn: (g: Guarded) => Promise<T>): Promise<T> {
    const g = await this.#instance();
    try {
      return await fn(g);
    } catch (e) {
      throw this.#translate(e, g);
    }
  }

  #translate(e: unknown, g: Guarded): unknown {
    if (e instanceof StorageError || e instanceof PgliteStoppedError) return e;
    if (g.dead) {
      this.#abandon(g);
      return this.#deadError(g.dead === e ? e : g.dead, e);
    }
    const problem = storageProblem(e);
    if (!problem) return e;
    return new StorageError(problem, `${this.dataDir ?? 'the embedded database'} cannot be written: ${WORDS[problem].en} (${describeError(e)})`, this.dataDir, { cause: e });
  }

  #deadError(death: unknown, cause: unknown = death): Error {
    const problem = storageProblem(death) ?? (this.dataDir ? probeDataDir(this.dataDir)?.problem : null) ?? null;
    const what = describeError(death);
    if (problem) return new StorageError(problem, `the embedded database stopped: ${WORDS[problem].en} (${what}); it reopens by itself once ${this.dataDir ?? 'its folder'} takes writes again`, this.dataDir, { cause });
    return new PgliteStoppedError(`the embedded database stopped (${what}); it reopens by itself`, { cause });
  }

  /** Stop using a dead instance: say so once, close its files, keep the death for the errors until a reopen. */
  #abandon(g: Guarded) {
    if (g.abandoned) return;
    g.abandoned = true;
    this.#death = g.dead;
    if (this.#cur === g) this.#cur = null;
    release(g.pg);
    const problem = storageProblem(g.dead);
    log.error('pglite.stopped', { dataDir: this.dataDir, problem, error: describeError(g.dead), reopens: Boolean(this.dataDir) });
  }

  async #instance(): Promise<Guarded> {
    if (this.#closed) throw new Error('The database is closed');
    const g = this.#cur;
    if (g && !g.dead) return g;
    if (g) this.#abandon(g);
    if (this.#reopening) return this.#reopening;
    const dir = this.dataDir;
    if (!dir) throw this.#lastError ?? this.#deadError(this.#death);
    // Cheap first: is the disk writable again? Entering PGlite.create on a full disk only aborts.
    const p = this.#probe(dir);
    if (p) throw new StorageError(p.problem, `the embedded database stopped and cannot reopen yet: ${p.message}`, dir, { cause: this.#death ?? p });
    if (Date.now() < this.#nextAttempt) throw this.#lastError ?? this.#deadError(this.#death);
    this.#reopening = this.#reopen(dir).finally(() => {
      this.#reopening = null;
    });
    return this.#reopening;
  }

  #probed: { at: number; result: StorageError | null } | null = null;
  /** The write probe, at most every 500 ms while the database is stopped (tablets retrying must not each write 64 KB). */
  #probe(dir: string, fresh = false): StorageError | null {
    const now = Date.now();
    if (!fresh && this.#probed && now - this.#probed.at < 500) return this.#probed.result;
    const result = probeDataDir(dir);
    this.#probed = { at: now, result };
    return result;
  }

  async #reopen(dir: string): Promise<Guarded> {
    const started = performance.now();
    let pg: PGlite;
    try {
      pg = await PGlite.create(dir);
    } catch (e) {
      this.#failures++;
      this.#nextAttempt = Date.now() + Math.min(1000 * 2 ** (this.#failures - 1), 15_000);
      const p = probeDataDir(dir);
      this.#lastError = p
        ? new StorageError(p.problem, `the embedded database cannot reopen: ${p.message}`, dir, { cause: e })
        : new PgliteStoppedError(`the embedded database cannot reopen ${dir}: ${describeError(e)}`, { cause: e });
      log.warn('pglite.reopen_failed', { dataDir: dir, attempt: this.#failures, error: describeError(e) });
      throw this.#lastError;
    }
    if (this.#closed) {
      await pg.close();
      throw new Error('The database is closed');
    }
    const g = guard(pg, (x) => this.#deadError(x.dead));
    this.#cur = g;
    this.#failures = 0;
    this.#lastError = null;
    this.#death = null;
    for (const l of this.#listeners) {
      try {
        l.off = await pg.listen(l.channel, l.onMessage);
        l.on = g;
      } catch (e) {
        log.warn('pglite.relisten_failed', { channel: l.channel, error: describeError(e) });
      }
    }
    log.info('pglite.reopened', { dataDir: dir, ms: Math.round(performance.now() - started) });
    return g;
  }
}

/**
 * A file-system error that does not name a storage problem itself (Node's recursive mkdir on a read-only mount says
 * ENOENT): probe the nearest folder that exists on its path.
 */
function diagnoseFsError(e: unknown): StorageProblem | null {
  const o = e as { code?: unknown; syscall?: unknown; path?: unknown } | null;
  if (!o || typeof o !== 'object' || typeof o.syscall !== 'string' || typeof o.path !== 'string') return null;
  if (o.code !== 'ENOENT') return null;
  let dir = resolve(o.path);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  if (dir === dirname(dir)) return null; // never probe the root folder
  return probeDataDir(dir, 0)?.problem ?? null;
}

const shortReason = (e: StorageError) => `${e.problem}: ${WORDS[e.problem].en}`;

/**
 * Open PGlite on a data dir (or wrap an instance handed in) behind a PgliteStore. A new data dir is refused before
 * initdb when its disk has less than NEW_DATA_DIR_BYTES free, and a data dir half made by a failed initdb is removed;
 * a failure says what went wrong in words, as a StorageError when the data dir cannot take writes.
 */
export async function openPgliteStore(opts: { dataDir?: string; pglite?: PGlite }): Promise<PgliteStore> {
  if (opts.pglite) {
    // An instance handed in (the tests' clones) is guarded but not reopened: its options are the caller's.
    return new PgliteStore(opts.pglite, undefined);
  }
  const dir = opts.dataDir ?? './data/pg';
  if (dir.startsWith('memory://')) return new PgliteStore(await PGlite.create(dir), undefined);
  const abs = resolve(dir);
  dataDirs.add(abs);
  dataDirs.add(dirname(abs));
  const fresh = !existsSync(abs) || readdirSync(abs).length === 0;
  try {
    mkdirSync(dirname(abs), { recursive: true });
    if (fresh) {
      const probeDir = existsSync(abs) ? abs : dirname(abs);
      const p = probeDataDir(probeDir, NEW_DATA_DIR_BYTES);
      if (p) throw new StorageError(p.problem, `a new database needs about ${mb(NEW_DATA_DIR_BYTES)} in ${abs}: ${p.message}`, abs, { cause: p.cause });
    }
    const store = new PgliteStore(await PGlite.create(abs), abs);
    const p = probeDataDir(abs);
    if (p) log.warn('pglite.not_writable', { dataDir: abs, problem: p.problem, detail: p.message, effect: 'writes answer 503 storage_full until this is fixed' });
    return store;
  } catch (e) {
    if (e instanceof StorageError) throw e;
    // A failed first start leaves a half-made data dir that PGlite cannot open later: nothing was in it, remove it.
    if (fresh) rmSync(abs, { recursive: true, force: true });
    const problem = storageProblem(e) ?? probeDataDir(existsSync(abs) ? abs : dirname(abs))?.problem;
    if (problem) throw new StorageError(problem, `the embedded database cannot open ${abs}: ${WORDS[problem].en} (${describeError(e)})`, abs, { cause: e });
    throw new Error(`the embedded database cannot open ${abs}: ${describeError(e)}`, { cause: e });
  }
}

// ——— What other modules call ———

const STORE = Symbol.for('minsheng.pgliteStore');

/** Tie a store to its Database (an enumerable symbol: it survives `{ ...database }` as tests do). */
export function withStore<T extends object>(database: T, store: PgliteStore): T {
  Object.defineProperty(database, STORE, { value: store, enumerable: true });
  return database;
}

export function storeOf(database: Database): PgliteStore | undefined {
  return (database as unknown as Record<symbol, PgliteStore | undefined>)[STORE];
}

/**
 * For /readyz on PGlite: can a write reach the disk now? `{ ok: true }` on PostgreSQL (not this module's concern).
 * Reopens a database that stopped on a full disk once space is back.
 */
export async function pgliteWritable(database: Database): Promise<{ ok: true } | { ok: false; reason: string }> {
  if (database.kind !== 'pglite') return { ok: true };
  const store = storeOf(database);
  if (store) return store.writable();
  try {
    await database.rawTransaction((q) => q('select txid_current()'));
    return { ok: true };
  } catch (e) {
    const p = storageProblem(e);
    return { ok: false, reason: p ? `${p}: ${WORDS[p].en}` : describeError(e) };
  }
}

/**
 * The line printed when the server cannot start because the data dir cannot take writes (both languages, naming the
 * folder and what to do), or null when the failure is something else.
 */
export function storageStartMessage(e: unknown, dataDir?: string): string | null {
  const problem = storageProblem(e) ?? diagnoseFsError(e);
  if (!problem) return null;
  // Name the folder the operator set (DATA_DIR) when the failing path is inside it; the exact path is in the detail.
  let dir: string | undefined;
  for (let cur: unknown = e, i = 0; i < 5 && cur && typeof cur === 'object' && !dir; i++, cur = (cur as { cause?: unknown }).cause) {
    const c = cur as { dataDir?: unknown; path?: unknown };
    dir = typeof c.dataDir === 'string' ? c.dataDir : typeof c.path === 'string' ? c.path : undefined;
  }
  if (dataDir && (!dir || isInside(dir, dataDir))) dir = dataDir;
  dir ??= 'DATA_DIR';
  const todo: Record<StorageProblem, { zh: string; en: string }> = {
    disk_full: { zh: '请释放磁盘空间，或将 DATA_DIR 设为空间充足的磁盘上的文件夹，然后重新启动', en: 'free disk space, or set DATA_DIR to a folder on a disk with room, then start again' },
    read_only: { zh: '请将其所在磁盘以可写方式挂载，或将 DATA_DIR 设为可写的文件夹，然后重新启动', en: 'mount its disk read-write, or set DATA_DIR to a writable folder, then start again' },
    permission_denied: { zh: '请让运行服务器的用户可以写入该文件夹，或另设 DATA_DIR，然后重新启动', en: 'let the user running the server write there, or set DATA_DIR to another folder, then start again' },
    io_error: { zh: '请检查磁盘（系统日志、fsck），或将 DATA_DIR 设为其他磁盘上的文件夹，然后重新启动', en: 'check the disk (system log, fsck), or set DATA_DIR to a folder on another disk, then start again' },
  };
  const detail = describeError(e).replace(/\s+/g, ' ');
  return (
    `无法启动：数据目录 ${dir} 无法写入（${WORDS[problem].zh}），${todo[problem].zh}。 / ` +
    `Cannot start: the data directory ${dir} cannot be written (${WORDS[problem].en}): ${todo[problem].en}. [${detail}]`
  );
}
