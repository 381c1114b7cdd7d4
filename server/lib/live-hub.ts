/**
 * Live streams (server-sent events) that many anonymous screens hold open, built so that their number never costs the
 * database more and never slows casting:
 *
 * - **One snapshot per key per change.** Each key (a session, for the big screen) has a feed in this process: its
 *   subscribers, the latest snapshot and at most one build in flight. A change heard by NOTIFY (lib/events.ts) arms a
 *   short timer (changes come in bursts: a hall casting); when it fires the snapshot is built once, serialised once and
 *   the same bytes are queued on every stream of that key (the window widens with the crowd and the writes go in
 *   slices, so that casting never waits behind a thousand of them: throttleFor, writeSlice). A stream that connects takes the latest snapshot (its `now`
 *   stamped afresh) without a query; only the first stream of a key builds one. When the last subscriber leaves, the
 *   feed goes. Nothing is shared across instances: each builds its own snapshot once per change it hears.
 * - **Caps.** At most `perAddress` streams from one client address (a hall behind one NAT holds several screens and
 *   tablets, hence a generous default) and `total` in this process. Past a cap the answer is at once a JSON error with
 *   Retry-After — 429 `live_streams_per_address`, 503 `live_streams_full` — before any query is made.
 * - **Slow readers are dropped.** Writing never waits for a client: bytes are queued on the stream, and the Node
 *   adapter takes them only as fast as the socket drains. A stream whose queue grows past `maxBacklogBytes`, or stays
 *   unread for `stallMs`, is ended with an error (its socket is closed); the screen reconnects and gets the latest
 *   snapshot.
 * - **Heartbeats**: a comment line every `heartbeatMs` on every stream, so proxies and browsers keep idle streams open
 *   (and a stalled one is noticed).
 */
import type { Database } from '../db/client.ts';
import { AppError } from './errors.ts';
import { hubOf } from './events.ts';
import { log } from './log.ts';

/** The caps: LIVE_STREAMS_PER_ADDRESS and LIVE_STREAMS_MAX (server/system/config.ts). */
export type LiveStreamLimits = { perAddress: number; total: number };
export const DEFAULT_LIVE_LIMITS: LiveStreamLimits = { perAddress: 50, total: 2000 };

/** The inner timings: fixed in production, shortened by tests. */
export type LiveStreamTuning = {
  /** Changes within this long of the first become one snapshot (with few streams; see throttleFor). */
  throttleMs: number;
  /** With many streams the window widens by this much per stream of the feed… */
  perStreamMs: number;
  /** …up to this: a crowd of 1,000 screens sees the count once a second, not four times. */
  maxThrottleMs: number;
  /** Streams written to in one turn of the event loop: a cast waiting to be answered goes between two slices. */
  writeSlice: number;
  heartbeatMs: number;
  /** Bytes queued for a client that has not taken them (besides the latest chunk): past this the stream is dropped. */
  maxBacklogBytes: number;
  /** A stream with bytes waiting this long (checked at each heartbeat) is dropped. */
  stallMs: number;
  /** After a failed build (the database away), the next attempt comes this much later. */
  retryMs: number;
};
export const DEFAULT_LIVE_TUNING: LiveStreamTuning = { throttleMs: 250, perStreamMs: 1, maxThrottleMs: 1000, writeSlice: 50, heartbeatMs: 15_000, maxBacklogBytes: 256 * 1024, stallMs: 30_000, retryMs: 2000 };

/**
 * The snapshot window of a feed with `streams` subscribers: `throttleMs` for a few screens, widening with the crowd so
 * that the writes a second stay about the same (one per stream per window), never past `maxThrottleMs`. Writing the
 * same snapshot to 1,000 sockets is the one cost that grows with the crowd; casting must not pay for it.
 */
export function throttleFor(streams: number, t: Pick<LiveStreamTuning, 'throttleMs' | 'perStreamMs' | 'maxThrottleMs'>): number {
  return Math.min(Math.max(t.throttleMs, t.maxThrottleMs), Math.max(t.throttleMs, streams * t.perStreamMs));
}

/** Seconds in Retry-After: a person behind the address may close a screen; a full server frees slowly. */
export const LIVE_RETRY_AFTER = { perAddress: 10, total: 5 };

const encoder = new TextEncoder();
const HEARTBEAT = encoder.encode(': keep-alive\n\n');

/** What the streams of one process have done, for tests and for the log. */
export type LiveStats = { streams: number; feeds: number; builds: number; dropped: number; refusedPerAddress: number; refusedTotal: number };

/**
 * The address a cap counts: an IPv4 address as it is (an IPv4-mapped IPv6 one as IPv4), an IPv6 address by its /64,
 * the block one subscriber line gets — otherwise a single client could take a new address for every stream.
 */
export function addressKey(address: string): string {
  const a = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return mapped[1];
  if (!a.includes(':')) return a;
  const [head, tail] = a.split('::');
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, '') || '0')
    .join(':')}::/64`;
}

/** One open stream: a byte queue the HTTP adapter reads from at the pace of the client's socket. */
class Subscriber<T> {
  readonly body: ReadableStream<Uint8Array>;
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  /** Since when bytes have been waiting for the client (null: it has taken everything). */
  private behindSince: number | null = null;
  private ended = false;
  /** The snapshot last queued, so that one build is never sent twice. */
  last: T | null = null;

  constructor(
    private readonly tuning: LiveStreamTuning,
    private readonly onEnd: (why: 'left' | 'slow') => void,
    private readonly abort?: () => void,
  ) {
    // High-water mark 0 with sizes in bytes: desiredSize is minus the bytes queued and not yet read.
    this.body = new ReadableStream<Uint8Array>(
      {
        start: (c) => {
          this.controller = c;
        },
        pull: () => {
          this.behindSince = null; // the reader waits for more: it has everything
        },
        cancel: () => this.end('left'),
      },
      { highWaterMark: 0, size: (chunk) => chunk.byteLength },
    );
  }

  private backlog(): number {
    return Math.max(0, -(this.controller.desiredSize ?? 0));
  }

  push(chunk: Uint8Array) {
    if (this.ended) return;
    this.controller.enqueue(chunk);
    const queued = this.backlog();
    if (queued === 0) this.behindSince = null;
    else if (queued - chunk.byteLength > this.tuning.maxBacklogBytes) this.drop(); // beyond the chunk just queued
    else this.behindSince ??= Date.now();
  }

  /** Bytes have waited too long: the client is not reading. */
  stalled(now: number): boolean {
    if (this.backlog() === 0) {
      this.behindSince = null;
      return false;
    }
    return this.behindSince !== null && now - this.behindSince >= this.tuning.stallMs;
  }

  /**
   * Cut the stream, throwing away what is queued. Over a socket the socket is destroyed (the adapter may be waiting
   * for it to drain, and would never read the stream again to see it end); in process, the stream ends in an error.
   */
  drop() {
    if (this.ended) return;
    this.end('slow');
    if (this.abort) this.abort();
    else this.controller.error(new Error('live stream: the client did not keep up'));
  }

  private end(why: 'left' | 'slow') {
    if (this.ended) return;
    this.ended = true;
    this.onEnd(why);
  }
}

/** The streams of one key: its subscribers, its latest snapshot, its one build in flight. */
class Feed<T extends { now: string }> {
  readonly subs = new Set<Subscriber<T>>();
  /** Subscribers plus the requests still waiting for their first snapshot: at 0 the feed goes. */
  refs = 0;
  private latest: T | null = null;
  private building: Promise<T> | null = null;
  /** A change came while a build was running (it may have read the state before the change): build again after. */
  private again = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly beat: ReturnType<typeof setInterval>;
  /** LISTEN is in place (changes from now on are heard) — before the first build, so none falls in between. */
  private readonly listening: Promise<(() => void) | null>;
  private closed = false;

  constructor(
    private readonly owner: LiveStreams<T>,
    readonly key: string,
  ) {
    this.listening = owner.listen(key, () => this.changed()).catch((err: unknown) => {
      log.error('live.listen_failed', { error: String(err) });
      return null;
    });
    this.beat = setInterval(() => this.heartbeat(), owner.tuning.heartbeatMs);
    this.beat.unref?.();
  }

  /** The snapshot for a new subscriber: the latest, or the one being built, or a new build. */
  async first(): Promise<T> {
    if (this.latest) return this.latest;
    await this.listening;
    return this.latest ?? (await this.build());
  }

  /** The one build in flight; a change heard meanwhile is built again once it is done. */
  private build(): Promise<T> {
    if (this.building) return this.building;
    const p = (async () => {
      try {
        const s = await this.owner.buildOnce(this.key);
        if (!this.closed) this.latest = s;
        return s;
      } finally {
        this.building = null;
        if (this.again && !this.closed) {
          this.again = false;
          this.changed();
        }
      }
    })();
    this.building = p;
    return p;
  }

  private changed() {
    if (this.closed) return;
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.rebuild();
    }, throttleFor(this.subs.size, this.owner.tuning));
  }

  private async rebuild() {
    if (this.closed) return;
    if (this.building) {
      this.again = true; // it may have read the state before this change
      return;
    }
    let s: T;
    try {
      s = await this.build();
    } catch (err) {
      if (this.closed) return;
      // The database away: the screens keep what they have, and the feed tries again.
      log.warn('live.build_failed', { error: err instanceof AppError ? err.code : String(err) });
      this.timer ??= setTimeout(() => {
        this.timer = null;
        void this.rebuild();
      }, this.owner.tuning.retryMs);
      return;
    }
    if (!this.closed) this.broadcast(s);
  }

  /**
   * The same bytes to every stream, `writeSlice` streams per turn of the event loop (setImmediate between slices lets
   * the casts and answers waiting behind them through). A stream that joins meanwhile got this snapshot as its
   * welcome; one that left is skipped; a newer broadcast supersedes the rest of this one.
   */
  private broadcast(s: T) {
    const chunk = this.owner.encode(s);
    const all = [...this.subs];
    const slice = Math.max(1, this.owner.tuning.writeSlice);
    this.latestBroadcast = s;
    const write = (from: number) => {
      if (this.closed || this.latestBroadcast !== s) return;
      for (const sub of all.slice(from, from + slice)) {
        if (sub.last === s || !this.subs.has(sub)) continue;
        sub.last = s;
        sub.push(chunk);
      }
      if (from + slice < all.length) setImmediate(() => write(from + slice));
    };
    write(0);
  }
  private latestBroadcast: T | null = null;

  /** The first event of a new stream: the latest snapshot with the time of now (the screen sets its clock by it). */
  welcome(sub: Subscriber<T>, s: T) {
    sub.last = s;
    sub.push(this.owner.encode({ ...s, now: new Date().toISOString() }));
  }

  private heartbeat() {
    const now = Date.now();
    for (const sub of this.subs) {
      if (sub.stalled(now)) sub.drop();
      else sub.push(HEARTBEAT);
    }
  }

  close() {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    clearInterval(this.beat);
    void this.listening.then((unlisten) => unlisten?.());
  }
}

export type LiveStreamsOptions<T> = {
  database: Database;
  /** The SSE event name of each snapshot. */
  event: string;
  /** Build the snapshot of a key; throws (e.g. a 404 AppError) when the key does not exist. */
  build: (key: string) => Promise<T>;
  limits?: LiveStreamLimits;
  tuning?: Partial<LiveStreamTuning>;
};

/** Every live stream of one kind in this process, with the caps. */
export class LiveStreams<T extends { now: string }> {
  readonly tuning: LiveStreamTuning;
  readonly limits: LiveStreamLimits;
  private readonly feeds = new Map<string, Feed<T>>();
  private readonly byAddress = new Map<string, number>();
  private total = 0;
  private counters = { builds: 0, dropped: 0, refusedPerAddress: 0, refusedTotal: 0 };

  constructor(private readonly opts: LiveStreamsOptions<T>) {
    this.tuning = { ...DEFAULT_LIVE_TUNING, ...opts.tuning };
    this.limits = opts.limits ?? DEFAULT_LIVE_LIMITS;
  }

  listen(key: string, fn: () => void) {
    return hubOf(this.opts.database).subscribe(key, fn);
  }

  async buildOnce(key: string): Promise<T> {
    this.counters.builds++;
    return this.opts.build(key);
  }

  encode(s: T): Uint8Array {
    // JSON.stringify writes no line break, so the data is one `data:` line (as Hono's writeSSE would write it).
    return encoder.encode(`event: ${this.opts.event}\ndata: ${JSON.stringify(s)}\n\n`);
  }

  stats(): LiveStats {
    return { streams: this.total, feeds: this.feeds.size, ...this.counters };
  }

  /**
   * A new stream of `key` for a client at `address`: its body, the latest snapshot queued first. Refused at once past
   * a cap; the key's own error (e.g. 404) before any byte of a stream. `abort` closes the client's connection (the
   * Node response's socket) when the stream is dropped.
   */
  async open(key: string, address: string, opts: { abort?: () => void } = {}): Promise<ReadableStream<Uint8Array>> {
    const who = addressKey(address);
    const mine = this.byAddress.get(who) ?? 0;
    if (mine >= this.limits.perAddress) {
      this.counters.refusedPerAddress++;
      const retryAfter = LIVE_RETRY_AFTER.perAddress;
      throw new AppError('live_streams_per_address', { limit: this.limits.perAddress, retryAfter }, undefined, { 'Retry-After': String(retryAfter) });
    }
    if (this.total >= this.limits.total) {
      this.counters.refusedTotal++;
      const retryAfter = LIVE_RETRY_AFTER.total;
      throw new AppError('live_streams_full', { retryAfter }, undefined, { 'Retry-After': String(retryAfter) });
    }
    // Counted before any wait, so that a burst of requests cannot slip past the caps together.
    this.total++;
    this.byAddress.set(who, mine + 1);
    let feed = this.feeds.get(key);
    if (!feed) this.feeds.set(key, (feed = new Feed(this, key)));
    feed.refs++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.total--;
      const n = (this.byAddress.get(who) ?? 1) - 1;
      if (n > 0) this.byAddress.set(who, n);
      else this.byAddress.delete(who);
      if (--feed.refs === 0) {
        feed.close();
        if (this.feeds.get(key) === feed) this.feeds.delete(key);
      }
    };

    let first: T;
    try {
      first = await feed.first();
    } catch (e) {
      release();
      throw e;
    }
    const sub: Subscriber<T> = new Subscriber<T>(this.tuning, (why) => {
      feed.subs.delete(sub);
      if (why === 'slow') {
        this.counters.dropped++;
        log.info('live.dropped_slow_reader', { feed: key });
      }
      release();
    }, opts.abort);
    feed.subs.add(sub);
    feed.welcome(sub, first);
    return sub.body;
  }
}
