/**
 * The big screen's live streams under a crowd (issue 18, item 4; server/lib/live-hub.ts): one snapshot query per
 * change whatever the number of streams, caps per address (429) and in all (503) answered at once with Retry-After,
 * a client that does not read is dropped without slowing anyone, heartbeats, and a slot freed when a stream closes —
 * also over a real socket.
 */
import type { ServerResponse } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Deps } from '../../server/lib/env.ts';
import type { Database } from '../../server/db/client.ts';
import { addressKey, DEFAULT_LIVE_TUNING, LiveStreams, throttleFor, type LiveStreamLimits, type LiveStreamTuning } from '../../server/lib/live-hub.ts';
import { parseConfig } from '../../server/system/config.ts';
import { screenStreams } from '../../server/tally/routes.ts';
import type { Screen } from '../../shared/tally/schema.ts';
import { Client, useTestApp } from '../helpers/app.ts';
import { hall, marksOf, secretOf } from './helpers.ts';

/** Every call of the snapshot function, whoever makes it (the stream route, today's or the hub). */
const calls = vi.hoisted(() => ({ screenOf: 0 }));
vi.mock('../../server/tally/public.ts', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../server/tally/public.ts')>();
  return {
    ...mod,
    screenOf: (...args: Parameters<typeof mod.screenOf>) => {
      calls.screenOf++;
      return mod.screenOf(...args);
    },
  };
});

const t = useTestApp();
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const f of cleanups.reverse()) await f();
});

/** An app of its own on the test database (its own streams and caps), like a second server process. */
function appWith(limits?: LiveStreamLimits, tuning?: Partial<LiveStreamTuning>) {
  const deps: Deps = { ...t.deps, liveStreams: limits, liveTuning: tuning };
  return { app: createApp({ deps }), deps, streams: () => screenStreams(deps) };
}
type App = ReturnType<typeof appWith>;

/**
 * An SSE reader over a response body: events (name and data) and comment lines, one block at a time. With `pump` it
 * reads all the time in the background, as a browser does; without, only when the test asks for the next block (a
 * client that stops reading once the test stops asking).
 */
function sse(res: Response, pump = true) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  const blocks: string[] = [];
  let failure: unknown = null;
  const waiting: { wake?: () => void } = {};
  const readOnce = async () => {
    const { value, done } = await reader.read();
    if (done) throw new Error('stream ended');
    buf += decoder.decode(value, { stream: true });
    let cut: number;
    while ((cut = buf.indexOf('\n\n')) >= 0) {
      blocks.push(buf.slice(0, cut));
      buf = buf.slice(cut + 2);
    }
  };
  if (pump)
    void (async () => {
      try {
        for (;;) {
          await readOnce();
          waiting.wake?.();
        }
      } catch (e) {
        failure = e;
        waiting.wake?.();
      }
    })();
  const next = async (): Promise<string> => {
    for (;;) {
      if (blocks.length) return blocks.shift()!;
      if (failure) throw failure;
      if (pump) await new Promise<void>((r) => (waiting.wake = r));
      else await readOnce();
    }
  };
  return {
    next,
    /** The next `screen` event that satisfies `ok` (comments and other screens skipped). */
    async screen(ok: (s: Screen) => boolean = () => true): Promise<{ screen: Screen; raw: string }> {
      for (;;) {
        const b = await next();
        if (/^event: screen$/m.test(b)) {
          const raw = b.split('\n').find((l) => l.startsWith('data: '))!.slice(6);
          const s = JSON.parse(raw) as Screen;
          if (ok(s)) return { screen: s, raw };
        }
      }
    },
    /** Read on until the stream ends or errors (a reader that does not pump): 'ended' or the error. */
    async drain(): Promise<unknown> {
      try {
        for (;;) {
          const { done } = await reader.read();
          if (done) return 'ended';
        }
      } catch (e) {
        return e;
      }
    },
    close: () => reader.cancel().catch(() => undefined),
  };
}

const eventsOf = (sessionId: string) => `/api/public/sessions/${sessionId}/events`;
const open = (a: App, sessionId: string, ip: string, lang = 'zh-CN') => a.app.request(eventsOf(sessionId), { headers: { 'x-forwarded-for': ip, 'accept-language': lang } });
const until = async (ok: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

async function openVote() {
  const h = await hall(t, { seated: 6, titles: ['桥梁', '广场', '学校'] });
  const v = (await h.roles.presidium.post(`${h.base}/sessions/${h.sessionId}/votes`, { listId: h.listId, title: '票决' })).body;
  const path = `${h.base}/sessions/${h.sessionId}/votes/${v.id}`;
  await h.roles.scrutineer.post(`${path}/cards`, {});
  const cards = (await h.roles.scrutineer.get(`${path}/cards`)).body.cards as { serial: string; url: string }[];
  for (const c of cards.slice(0, 6)) await h.roles.scrutineer.post(`${path}/issue`, { card: c.serial });
  expect((await h.roles.presidium.post(`${path}/open`, {})).status).toBe(200);
  const reps = (await h.admin.get(`${h.base}/representatives`)).body as { id: string }[];
  const cast = async (i: number) => {
    const token = cards[i].url.split('#')[1];
    const res = await new Client(t).post('/api/public/ballot/cast', { token, marks: marksOf(h.candidateIds, 'F-A'), retry: secretOf(token) });
    expect(res.status, res.text).toBe(200);
  };
  /** A check-in change (NOTIFY 'attendance'). */
  const mark = async (i: number, status: 'present' | 'leave') => expect((await h.admin.put(`${h.base}/sessions/${h.sessionId}/attendance/${reps[i].id}`, { status })).status).toBe(200);
  return { h, sessionId: h.sessionId, cast, mark };
}

describe('one snapshot per change, shared by every stream of the session', () => {
  it('50 streams on one session: 1 snapshot query at connect and 1 per change, not 50; the same bytes to all, counts only', async () => {
    const { sessionId, cast, mark } = await openVote();
    const a = appWith({ perAddress: 100, total: 100 });
    const N = 50;
    calls.screenOf = 0;
    // Fifty screens connect at once (a reconnect storm after a restart): one build, shared.
    const res = await Promise.all(Array.from({ length: N }, (_, i) => open(a, sessionId, `203.0.113.${i + 1}`)));
    expect(res.map((r) => r.status)).toEqual(Array(N).fill(200));
    const readers = res.map((x) => sse(x));
    cleanups.push(() => Promise.all(readers.map((r) => r.close())).then(() => undefined));
    const firsts = await Promise.all(readers.map((r) => r.screen()));
    expect(firsts.every((f) => f.screen.votes[0].cast === 0 && f.screen.votes[0].state === 'open')).toBe(true);
    expect(calls.screenOf).toBe(1);
    expect(a.streams().stats()).toMatchObject({ streams: N, feeds: 1, builds: 1 });

    // One ballot cast: every stream gets the new count from one query.
    calls.screenOf = 0;
    await cast(0);
    const afterCast = await Promise.all(readers.map((r) => r.screen((s) => s.votes[0].cast === 1)));
    expect(calls.screenOf).toBe(1);
    expect(new Set(afterCast.map((x) => x.raw)).size).toBe(1); // built once, the same bytes everywhere
    // The secrecy rule holds in what is shared: while the vote is open, the count of ballots and nothing else.
    expect(afterCast[0].screen.votes[0].result).toBeNull();
    expect(afterCast[0].raw).not.toMatch(/"for"|"against"|"abstain"/);

    // A check-in change: again one query for all fifty.
    calls.screenOf = 0;
    await mark(0, 'leave');
    await Promise.all(readers.map((r) => r.screen((s) => s.present === 5)));
    expect(calls.screenOf).toBe(1);

    // A burst of changes within the throttle window still costs one or two snapshots, not one per change per stream.
    calls.screenOf = 0;
    await Promise.all([cast(1), cast(2), mark(0, 'present')]);
    await Promise.all(readers.map((r) => r.screen((s) => s.votes[0].cast === 3 && s.present === 6)));
    expect(calls.screenOf).toBeGreaterThanOrEqual(1);
    expect(calls.screenOf).toBeLessThanOrEqual(3);
    console.log(`[live-streams] ${N} streams: ${calls.screenOf} snapshot queries for a burst of 3 changes; 1 per single change`);

    // The last stream gone, the session's feed goes (no timer, no LISTEN callback left behind).
    await Promise.all(readers.map((r) => r.close()));
    expect(a.streams().stats()).toMatchObject({ streams: 0, feeds: 0 });
  });

  it('a screen that connects later takes the latest snapshot without a query, its clock stamped now', async () => {
    const { sessionId, mark } = await openVote();
    const a = appWith();
    const first = sse(await open(a, sessionId, '198.51.100.7'));
    cleanups.push(first.close);
    const s1 = (await first.screen()).screen;
    await new Promise((r) => setTimeout(r, 1100));
    calls.screenOf = 0;
    const second = sse(await open(a, sessionId, '198.51.100.8'));
    cleanups.push(second.close);
    const s2 = (await second.screen()).screen;
    expect(calls.screenOf).toBe(0);
    expect(Date.parse(s2.now) - Date.parse(s1.now)).toBeGreaterThanOrEqual(1000);
    expect({ ...s2, now: '' }).toEqual({ ...s1, now: '' });
    // And both still follow the changes.
    await mark(1, 'leave');
    await Promise.all([first.screen((s) => s.present === 5), second.screen((s) => s.present === 5)]);
    await first.close();
    await second.close();
  });

  it('each session has a feed of its own: a change in one builds nothing for the other', async () => {
    const one = await openVote();
    const two = await openVote();
    const a = appWith();
    const r1 = sse(await open(a, one.sessionId, '198.51.100.9'));
    const r2 = sse(await open(a, two.sessionId, '198.51.100.9'));
    cleanups.push(r1.close, r2.close);
    await r1.screen();
    await r2.screen();
    expect(a.streams().stats().feeds).toBe(2);
    const builds = a.streams().stats().builds;
    await one.mark(2, 'leave');
    await r1.screen((s) => s.present === 5);
    await new Promise((r) => setTimeout(r, 400));
    expect(a.streams().stats().builds).toBe(builds + 1);
    await r1.close();
    await r2.close();
  });
});

describe('caps: per address and in all', () => {
  it('past the per-address cap 429 with Retry-After, past the total 503 with Retry-After, in both languages, at once', async () => {
    const { sessionId } = await openVote();
    const a = appWith({ perAddress: 2, total: 3 });
    const hallNat = '192.0.2.10';
    const s1 = sse(await open(a, sessionId, hallNat));
    const s2 = sse(await open(a, sessionId, hallNat));
    cleanups.push(s1.close, s2.close);
    await s1.screen();
    await s2.screen();
    calls.screenOf = 0;

    const third = await open(a, sessionId, hallNat);
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('10');
    expect(third.headers.get('content-type')).toContain('application/json');
    const zh = (await third.json()) as { error: { code: string; message: string } };
    expect(zh.error.code).toBe('live_streams_per_address');
    expect(zh.error.message).toContain('上限（2 个）');
    const en = (await (await open(a, sessionId, hallNat, 'en')).json()) as { error: { message: string } };
    expect(en.error.message).toMatch(/most live big-screen connections allowed \(2\).*in 10 seconds/);

    // Another address still gets in, up to the total…
    const s3 = sse(await open(a, sessionId, '192.0.2.20'));
    cleanups.push(s3.close);
    await s3.screen();
    const full = await open(a, sessionId, '192.0.2.30');
    expect(full.status).toBe(503);
    expect(full.headers.get('retry-after')).toBe('5');
    const body = (await full.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('live_streams_full');
    expect(body.error.message).toContain('5 秒后');
    const fullEn = (await (await open(a, sessionId, '192.0.2.30', 'en')).json()) as { error: { message: string } };
    expect(fullEn.error.message).toMatch(/as many live big-screen connections as it can.*in 5 seconds/);
    // Refused before any query: the database never saw the refused callers.
    expect(calls.screenOf).toBe(0);
    expect(a.streams().stats()).toMatchObject({ streams: 3, refusedPerAddress: 2, refusedTotal: 2 });

    // A stream closes: its slot frees, for the address and in all.
    await s1.close();
    expect(a.streams().stats().streams).toBe(2);
    const again = sse(await open(a, sessionId, '192.0.2.30'));
    cleanups.push(again.close);
    await again.screen();
    await s2.close();
    const nat = sse(await open(a, sessionId, hallNat));
    cleanups.push(nat.close);
    await nat.screen();
    for (const r of [s3, again, nat]) await r.close();
    expect(a.streams().stats()).toMatchObject({ streams: 0, feeds: 0 });
  });

  it('an unknown session answers 404 and keeps no slot', async () => {
    const a = appWith({ perAddress: 1, total: 1 });
    for (let i = 0; i < 3; i++) {
      const res = await open(a, crypto.randomUUID(), '192.0.2.40');
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('screen_session_not_found');
    }
    expect(a.streams().stats()).toMatchObject({ streams: 0, feeds: 0 });
  });

  it('takes its caps from LIVE_STREAMS_PER_ADDRESS and LIVE_STREAMS_MAX, checked at start', () => {
    expect(parseConfig({}).liveStreams).toEqual({ perAddress: 50, total: 2000 });
    expect(parseConfig({ LIVE_STREAMS_PER_ADDRESS: '4', LIVE_STREAMS_MAX: '300' }).liveStreams).toEqual({ perAddress: 4, total: 300 });
    expect(() => parseConfig({ LIVE_STREAMS_PER_ADDRESS: '0' })).toThrow(/LIVE_STREAMS_PER_ADDRESS: 应为 1–100000 的整数 \/ must be a whole number from 1 to 100000 \(LIVE_STREAMS_PER_ADDRESS="0"\)/);
    expect(() => parseConfig({ LIVE_STREAMS_MAX: 'lots' })).toThrow(/LIVE_STREAMS_MAX: .*must be a whole number from 1 to 1000000/);
  });

  it('counts an IPv6 client by its /64 and an IPv4-mapped address as IPv4', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('192.0.2.1')).toBe('192.0.2.1');
  });
});

describe('a client that does not keep up is dropped; the others go on', () => {
  it('a reader whose queue grows past the limit is cut; the reading stream keeps getting every change', async () => {
    const { sessionId, mark } = await openVote();
    const a = appWith(undefined, { throttleMs: 20, maxBacklogBytes: 3000, heartbeatMs: 60_000, stallMs: 600_000 });
    const stalled = sse(await open(a, sessionId, '198.51.100.20'), false);
    const reading = sse(await open(a, sessionId, '198.51.100.21'));
    cleanups.push(stalled.close, reading.close);
    const size = (await stalled.screen()).raw.length; // then it reads no more
    await reading.screen();
    // An even number of changes, so that the loop ends with everyone present again (whatever a snapshot's size).
    const changes = 2 * Math.ceil((Math.ceil(3000 / size) + 2) / 2);
    const started = performance.now();
    for (let i = 0; i < changes; i++) {
      const status = i % 2 === 0 ? 'leave' : 'present';
      await mark(3, status);
      await reading.screen((s) => s.present === (status === 'leave' ? 5 : 6));
    }
    const perChange = (performance.now() - started) / changes;
    await until(() => a.streams().stats().dropped === 1);
    expect(String(await stalled.drain())).toMatch(/did not keep up/);
    expect(a.streams().stats().streams).toBe(1);
    // The reader left standing hears the next change as before.
    await mark(4, 'leave');
    await reading.screen((s) => s.present === 5);
    console.log(`[live-streams] slow reader dropped after ~${Math.ceil(3000 / size)} unread snapshots of ${size} bytes; ${perChange.toFixed(0)} ms per change meanwhile`);
    await reading.close();
  });

  it('a reader that leaves bytes unread past the stall time is cut at a heartbeat; heartbeats reach the others', async () => {
    const { sessionId, mark } = await openVote();
    const a = appWith(undefined, { throttleMs: 20, heartbeatMs: 50, stallMs: 300, maxBacklogBytes: 10_000_000 });
    const stalled = sse(await open(a, sessionId, '198.51.100.30'), false);
    const reading = sse(await open(a, sessionId, '198.51.100.31'));
    cleanups.push(stalled.close, reading.close);
    await stalled.screen();
    await reading.screen();
    await mark(5, 'leave'); // one snapshot the stalled reader never takes
    await reading.screen((s) => s.present === 5);
    await until(() => a.streams().stats().dropped === 1, 3000);
    expect(String(await stalled.drain())).toMatch(/did not keep up/);
    // Heartbeats: a comment line on the idle stream.
    let block = '';
    while (!block.startsWith(':')) block = await reading.next();
    expect(block).toBe(': keep-alive');
    expect(a.streams().stats()).toMatchObject({ streams: 1, dropped: 1 });
    await reading.close();
  });
});

describe('over a real socket', () => {
  it('a client that goes away frees its slot; a refused one is answered at once, never left hanging', async () => {
    const { sessionId } = await openVote();
    const a = appWith({ perAddress: 1, total: 10 });
    const server = serve({ fetch: a.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((r) => server.once('listening', () => r()));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${eventsOf(sessionId)}`;
    const first = new AbortController();
    const res = await fetch(url, { signal: first.signal }); // the socket's address: 127.0.0.1 (no proxy header)
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    await sse(res).screen();
    const refused = await fetch(url, { signal: AbortSignal.timeout(3000) });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('10');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('live_streams_per_address');
    first.abort();
    await until(() => a.streams().stats().streams === 0);
    const again = await fetch(url, { signal: AbortSignal.timeout(3000) });
    expect(again.status).toBe(200);
    await again.body!.cancel();
    (server as import('node:http').Server).closeAllConnections();
  });

  it('a client that stops reading its socket is dropped once the socket and the queue are full; casting-side work never waits', async () => {
    // The hub alone behind a real HTTP server, fed by a pretend NOTIFY, with 200 kB snapshots so the socket fills fast.
    let notify: (payload: string) => void = () => undefined;
    const fake = { listen: async (_channel: string, fn: (p: string) => void) => ((notify = fn), async () => undefined) } as unknown as Database;
    const big = 'x'.repeat(200_000);
    let n = 0;
    const hub = new LiveStreams<{ now: string; n: number; pad: string }>({ database: fake, event: 'screen', build: async () => ({ now: new Date().toISOString(), n: n++, pad: big }), tuning: { throttleMs: 1, maxBacklogBytes: 1_000_000 } });
    const app = new Hono<{ Bindings: { outgoing: ServerResponse } }>().get('/events', async (c) =>
      c.body(await hub.open('s', '127.0.0.1', { abort: () => c.env.outgoing.destroy() }), 200, { 'Content-Type': 'text/event-stream', 'Transfer-Encoding': 'chunked' }),
    );
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((r) => server.once('listening', () => r()));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    const port = (server.address() as AddressInfo).port;
    // A raw client that sends its request and then never reads.
    const sock = connect(port, '127.0.0.1');
    await new Promise<void>((r) => sock.once('connect', () => r()));
    sock.write('GET /events HTTP/1.1\r\nHost: x\r\n\r\n');
    await until(() => hub.stats().streams === 1);
    sock.pause();
    sock.on('error', () => undefined);
    const connections = () => new Promise<number>((r, j) => server.getConnections((e, count) => (e ? j(e) : r(count))));
    expect(await connections()).toBe(1);
    // Changes keep coming; each broadcast only queues bytes (never awaits the client).
    const started = performance.now();
    let slowest = 0;
    for (let i = 0; i < 400 && hub.stats().dropped === 0; i++) {
      const t0 = performance.now();
      notify(JSON.stringify({ s: 's', k: 'cast' }));
      slowest = Math.max(slowest, performance.now() - t0);
      await new Promise((r) => setTimeout(r, 3));
    }
    expect(hub.stats()).toMatchObject({ dropped: 1, streams: 0, feeds: 0 });
    // The server closed its end of the socket (the client, paused, has not read that far).
    const end = Date.now() + 5000;
    while ((await connections()) > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(await connections()).toBe(0);
    sock.destroy();
    console.log(`[live-streams] paused socket dropped after ${n - 1} snapshots of 200 kB (${((performance.now() - started) / 1000).toFixed(1)} s); a notify took at most ${slowest.toFixed(2)} ms`);
    expect(slowest).toBeLessThan(50);
  });
});

describe('a crowd of screens costs about what a few cost', () => {
  it('the snapshot window widens with the streams of a feed, within its bounds', () => {
    const t = DEFAULT_LIVE_TUNING;
    expect(throttleFor(1, t)).toBe(250);
    expect(throttleFor(250, t)).toBe(250);
    expect(throttleFor(600, t)).toBe(600);
    expect(throttleFor(1000, t)).toBe(1000);
    expect(throttleFor(5000, t)).toBe(1000);
    // A test's short window stays short; a maximum below the base never shortens it.
    expect(throttleFor(3, { throttleMs: 20, perStreamMs: 1, maxThrottleMs: 1000 })).toBe(20);
    expect(throttleFor(3000, { throttleMs: 300, perStreamMs: 1, maxThrottleMs: 100 })).toBe(300);
  });

  it('one snapshot, written in slices, reaches every stream once; a stream gone meanwhile is skipped', async () => {
    let notify: (payload: string) => void = () => undefined;
    const fake = { listen: async (_channel: string, fn: (p: string) => void) => ((notify = fn), async () => undefined) } as unknown as Database;
    let builds = 0;
    const hub = new LiveStreams<{ now: string; n: number }>({ database: fake, event: 'screen', build: async () => ({ now: new Date().toISOString(), n: builds++ }), tuning: { throttleMs: 1, perStreamMs: 0, writeSlice: 3 }, limits: { perAddress: 100, total: 100 } });
    const bodies = await Promise.all(Array.from({ length: 10 }, (_, i) => hub.open('s', `10.0.0.${i}`)));
    const readers = bodies.map((b) => b.getReader());
    const decoder = new TextDecoder();
    const next = async (r: ReadableStreamDefaultReader<Uint8Array>) => JSON.parse(/data: (.*)/.exec(decoder.decode((await r.read()).value))![1]) as { n: number };
    // Each got the first snapshot at once (built once for all ten).
    for (const r of readers) expect((await next(r)).n).toBe(0);
    expect(builds).toBe(1);
    // One stream leaves; a change: one build, written to the nine others (four slices of three), once each.
    await readers[4].cancel();
    notify(JSON.stringify({ s: 's', k: 'cast' }));
    for (const [i, r] of readers.entries()) if (i !== 4) expect((await next(r)).n).toBe(1);
    expect(builds).toBe(2);
    expect(hub.stats()).toMatchObject({ streams: 9, builds: 2 });
    for (const [i, r] of readers.entries()) if (i !== 4) await r.cancel();
    expect(hub.stats()).toMatchObject({ streams: 0, feeds: 0 });
  });
});
