/**
 * Two real server processes on one PostgreSQL database, for the promises that say something is shared by every
 * instance (README "Several instances act as one", "Limits hold"). Separate processes, not a second app in the test's
 * process: a limiter, a session cache or a live feed kept in module memory would be shared by two apps in one process
 * and pass, but not by two processes. Both run behind a pretend proxy (TRUST_PROXY=1), so a test names each caller's
 * address in X-Forwarded-For, as nginx would.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { Screen } from '../../shared/tally/schema.ts';
import { Client, type TestApp } from '../helpers/app.ts';
import { remote, startServer, type ServerProcess } from './server-process.ts';

export type Instance = { server: ServerProcess; r: TestApp };

/**
 * Start two server processes on the test app's PostgreSQL database once for the enclosing describe (call it inside a
 * `describe.skipIf(!onPostgres)`: a PGlite data directory serves one process). `a` and `b` are filled in `beforeAll`;
 * `alongside` (setting up data in this process, say) runs while they start.
 */
export function useTwoInstances(t: TestApp, alongside?: () => Promise<unknown>): { a: Instance; b: Instance } {
  const pair = { a: {} as Instance, b: {} as Instance };
  beforeAll(async () => {
    const env = { DATABASE_URL: t.database.url!, TRUST_PROXY: '1' };
    const [a, b, setup] = await Promise.allSettled([startServer(env), startServer(env), alongside?.()]);
    for (const [name, s] of [['a', a], ['b', b]] as const) if (s.status === 'fulfilled') Object.assign(pair[name], { server: s.value, r: remote(s.value.origin, t) }); // in place: callers hold these objects
    for (const s of [a, b, setup]) if (s.status === 'rejected') throw s.reason;
  }, 180_000);
  afterAll(async () => {
    await Promise.all([pair.a.server?.kill(), pair.b.server?.kill()]);
  });
  return pair;
}

/** A caller at `ip` (as the proxy forwards it) talking to one instance; a fresh address when none is given. */
export function clientAt(on: Instance, ip?: string): Client {
  const c = new Client(on.r);
  if (ip) (c as { ip: string }).ip = ip;
  return c;
}

/** The same browser (its cookie, CSRF token, bearer token and address) sent to another instance by the balancer. */
export function sameBrowserOn(on: Instance, c: Client): Client {
  const copy = clientAt(on, c.ip);
  copy.cookie = c.cookie;
  copy.csrf = c.csrf;
  copy.token = c.token;
  return copy;
}

/** Reads `screen` events from a big screen's SSE response, one at a time, until one satisfies the test. */
export function screenEvents(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  return {
    async until(ok: (s: Screen) => boolean): Promise<Screen> {
      for (;;) {
        let cut: number;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, cut);
          buf = buf.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          if (event === 'screen') {
            const s = JSON.parse(data) as Screen;
            if (ok(s)) return s;
          }
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buf += decoder.decode(value, { stream: true });
      }
    },
    close: () => reader.cancel(),
  };
}

// Sign-in attempts, as the in-process app or a server process answers them (shared with tests/auth/sign-in-limits).

export type Request = (path: string, init: RequestInit) => Response | Promise<Response>;
export type SignInAnswer = { status: number; code: string; retryAfter: number | null };

/** One sign-in from `from`, as the app sees it behind the (trusted) proxy. */
export async function signInVia(request: Request, from: string, username: string, password: string): Promise<SignInAnswer> {
  const res = await request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'en', 'x-forwarded-for': from },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json()) as { error?: { code: string } };
  const retry = res.headers.get('retry-after');
  return { status: res.status, code: body.error?.code ?? 'ok', retryAfter: retry === null ? null : Number(retry) };
}

const countCodes = (answers: SignInAnswer[]) => {
  const by: Record<string, number> = {};
  for (const a of answers) by[a.code] = (by[a.code] ?? 0) + 1;
  return by;
};

/** 100 wrong passwords and the right one, all at once (the right one in the middle), the i-th from `from(i)` to `via(i)`. */
export async function signInBurst(username: string, password: string, from: (i: number) => string, via: (i: number) => Request) {
  const all = await Promise.all([...Array(101)].map((_, i) => signInVia(via(i), from(i), username, i === 50 ? password : `wrong guess ${i}`)));
  const right = all[50];
  const wrong = all.filter((_, i) => i !== 50);
  return { right, wrong, by: countCodes(wrong) };
}

/** What a burst must show: no wrong password in; at most `limit` passwords checked; the rest refused with Retry-After. */
export function expectBounded(r: Awaited<ReturnType<typeof signInBurst>>, limit: number) {
  const shown = JSON.stringify({ wrong: r.by, right: r.right });
  for (const a of r.wrong) expect(['bad_credentials', 'rate_limited'], shown).toContain(a.code);
  expect(['ok', 'rate_limited'], shown).toContain(r.right.code);
  const checked = (r.by.bad_credentials ?? 0) + (r.right.code === 'ok' ? 1 : 0);
  expect(checked, `passwords checked: ${shown}`).toBeLessThanOrEqual(limit);
  expect(r.by.rate_limited ?? 0, shown).toBeGreaterThanOrEqual(100 - limit);
  for (const a of r.wrong.filter((x) => x.code === 'rate_limited')) {
    expect(a.status).toBe(429);
    expect(a.retryAfter).toBeGreaterThan(0);
  }
}
