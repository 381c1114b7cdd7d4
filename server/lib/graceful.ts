/**
 * A graceful stop (design §13). On SIGTERM or SIGINT the server takes no new request: the requests already in flight —
 * casts and evaluation answers waiting for their batch to commit — finish AND are answered; a request that comes after
 * the stop began (on a new connection, or a keep-alive one still open) is answered 503 server_stopping with
 * Retry-After — nothing of it was stored, and the tablet sends it again to the next server. Every answer from then on
 * carries `Connection: close`. Once nothing is in flight and nothing new comes, the server stops listening and closes;
 * what is still running after the grace time is cut.
 *
 * One server per process, so the state is the module's: `inFlight` is the middleware, `drain` the stop.
 */
import type { Server, ServerResponse } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import { RETRY_AFTER } from './db-faults.ts';
import { AppError } from './errors.ts';

let stopping = false;
/** Responses not yet answered (the Node response of each request; none for in-process `app.request`). */
const pending = new Set<ServerResponse>();
let onIdle: (() => void) | null = null;
/** Requests seen so far: the stop waits until none starts for a moment. */
let started = 0;
/** How long no request may come before the stop closes the listener and the connections. */
const QUIET_MS = 200;

function release(res: ServerResponse) {
  if (pending.delete(res) && pending.size === 0) onIdle?.();
}

/** Resolves once nothing is in flight, or at the deadline. */
function idleBy(deadline: number): Promise<void> {
  if (pending.size === 0) return Promise.resolve();
  return new Promise((r) => {
    const done = () => {
      clearTimeout(timer);
      onIdle = null;
      r();
    };
    const timer = setTimeout(done, Math.max(0, deadline - Date.now()));
    onIdle = done;
  });
}

/** A stream of events (the big screen) never ends by itself: it does not hold the stop, and is cut at the end. */
const isEventStream = (type: string | null | undefined) => Boolean(type?.startsWith('text/event-stream'));

/**
 * Counts a request from its arrival until its answer is written (or its connection is gone) and its handler is done;
 * after the stop began, answers 503 server_stopping (counted the same way, so that answer is written too).
 */
export const inFlight: MiddlewareHandler = async (c, next) => {
  const res = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  const tracked = res !== undefined && typeof res.once === 'function';
  let handled = false;
  let closed = false;
  let stream = false;
  started++;
  if (tracked) {
    pending.add(res);
    res.once('close', () => {
      closed = true;
      if (handled) release(res);
    });
  }
  try {
    if (stopping) {
      const retryAfter = RETRY_AFTER.server_stopping;
      throw new AppError('server_stopping', { retryAfter }, undefined, { 'Retry-After': String(retryAfter), Connection: 'close' });
    }
    await next();
    stream = isEventStream(c.res.headers.get('content-type'));
  } finally {
    handled = true;
    // The answer is written after this returns; the response's 'close' says it was (or that its client left).
    if (tracked && (closed || stream)) release(res);
  }
};

/**
 * Stop: answer what is in flight (each answer with `Connection: close`) and refuse what comes after (503), until
 * nothing is in flight and no request has come for a moment — at most `graceMs` — then stop listening and close every
 * connection left. The listener closes last, not first: closing it makes the kernel reset every connection still
 * waiting in its accept queue, requests already sent on them (measured: 76 of 100 casts of a burst on PGlite, whose
 * queries hold the event loop, were waiting there at SIGTERM). Answers how many requests were in flight when the stop
 * began and how many were cut at the end.
 */
export async function drain(server: Server, graceMs: number): Promise<{ inFlight: number; cut: number }> {
  stopping = true;
  const inFlightAtStop = pending.size;
  for (const res of pending) if (!res.headersSent) res.setHeader('Connection', 'close');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await idleBy(deadline);
    const seen = started;
    await new Promise((r) => setTimeout(r, Math.max(0, Math.min(QUIET_MS, deadline - Date.now()))));
    if (pending.size === 0 && started === seen) break;
  }
  const cut = pending.size;
  const closed = new Promise<void>((r) => server.close(() => r()));
  server.closeAllConnections();
  await Promise.race([closed, new Promise((r) => setTimeout(r, 1000).unref())]);
  return { inFlight: inFlightAtStop, cut };
}
