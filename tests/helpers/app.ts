import { urlOf, type CallInput, type Contract, type ResponseOf } from '../../shared/contract.ts';
import { afterAll, beforeAll } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Deps } from '../../server/lib/env.ts';
import { KeyStore } from '../../server/lib/keys.ts';
import { testDatabase, type TestDatabase } from './db.ts';

export type TestApp = {
  app: ReturnType<typeof createApp>;
  deps: Deps;
  database: TestDatabase;
  keys: KeyStore;
};

/** The real Hono app on a real (throwaway) database, for one test file. */
export function useTestApp(): TestApp {
  const ctx = {} as TestApp;
  beforeAll(async () => {
    ctx.database = await testDatabase();
    ctx.keys = new KeyStore(ctx.database);
    await ctx.keys.ensure();
    // Behind a (pretend) proxy: each Client below has an address of its own, so per-address limits behave as in life.
    ctx.deps = { database: ctx.database, db: ctx.database.db, keys: ctx.keys, trustProxy: true };
    ctx.app = createApp({ deps: ctx.deps });
  });
  afterAll(async () => {
    await ctx.database?.drop();
  });
  return ctx;
}

type Res = { status: number; body: any; headers: Headers; text: string };

/**
 * A browser-like caller: keeps the session cookie, sends the CSRF token on writes and a language preference.
 */
/** The body of a refusal, as the API sends it (shared/errors.ts). */
export type ErrorBody = { error?: { code: string; message: string; details?: unknown; requestId?: string } };

export class Client {
  cookie = '';
  csrf = '';
  token = '';
  readonly ip = `198.51.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;
  constructor(
    private readonly t: TestApp,
    public lang = 'zh-CN',
  ) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res> {
    const h: Record<string, string> = { 'accept-language': this.lang, 'x-forwarded-for': this.ip, ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) {
      payload = body; // fetch sets the multipart boundary
    } else if (body instanceof Uint8Array || typeof body === 'string') {
      payload = body as BodyInit;
      h['content-type'] ??= 'text/csv';
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await this.t.app.request(path, { method, headers: h, body: payload });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const m = setCookie.match(/ms_session=([^;]*)/);
      if (m) this.cookie = m[1] ? `ms_session=${m[1]}` : '';
    }
    // ignoreBOM keeps a byte-order mark in the text, so tests can see that exports carry one.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && 'csrfToken' in parsed) this.csrf = (parsed as { csrfToken: string }).csrfToken;
    if (parsed && typeof parsed === 'object' && 'token' in parsed && typeof (parsed as { token: unknown }).token === 'string')
      this.token = (parsed as { token: string }).token;
    return { status: res.status, body: parsed, headers: res.headers, text };
  }
  get = (path: string, headers?: Record<string, string>) => this.request('GET', path, undefined, headers);
  post = (path: string, body?: unknown, headers?: Record<string, string>) => this.request('POST', path, body ?? {}, headers);
  patch = (path: string, body?: unknown) => this.request('PATCH', path, body ?? {});
  put = (path: string, body?: unknown) => this.request('PUT', path, body ?? {});
  delete = (path: string) => this.request('DELETE', path);

  /**
   * Call a route by its contract (shared/<stage>/contract.ts): the address is built from it and the input is typed by
   * it. The answer is not checked against the contract: the tests say what they expect. `headers` for the odd case.
   */
  call<C extends Contract>(contract: C, input: Partial<CallInput<C>> & { contentType?: string } = {}, headers: Record<string, string> = {}) {
    const i = input as { params?: Record<string, string>; query?: Record<string, unknown>; body?: unknown; contentType?: string };
    let body = i.body;
    const h = contract.bodyKind === 'raw' && (i.contentType ?? contract.accepts?.[0]) ? { 'content-type': (i.contentType ?? contract.accepts![0]), ...headers } : headers;
    if (body === undefined && contract.method !== 'GET' && contract.method !== 'DELETE') body = {};
    return this.request(contract.method, urlOf(contract, i.params, i.query), body, h) as Promise<Omit<Res, 'body'> & { body: ResponseOf<C> & ErrorBody }>;
  }

  async login(username: string, password: string) {
    const res = await this.post('/api/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
    return res;
  }
}

let seq = 0;
export const uniq = (prefix: string) => `${prefix}${Date.now().toString(36)}${(++seq).toString(36)}`;
export const PASSWORD = 'correct horse battery';

/** Set up the first admin and return a client signed in as that admin. */
export async function setupAdmin(t: TestApp): Promise<Client> {
  const admin = new Client(t);
  const res = await admin.post('/api/setup', { username: 'admin', displayName: '管理员', password: PASSWORD });
  if (res.status !== 201) throw new Error(`setup: ${res.status} ${res.text}`);
  return admin;
}

/** A congress created by `admin`, and a signed-in client for each role in it. */
export async function congressWithRoles(t: TestApp, admin: Client) {
  const congress = (await admin.post('/api/congresses', { name: uniq('示范镇人大'), level: 'township', term: 18 })).body;
  const dep = (await admin.post(`/api/congresses/${congress.id}/departments`, { name: uniq('交通局'), kind: 'bureau' })).body;
  const clients: Record<string, Client> = {};
  for (const role of ['admin', 'government', 'presidium', 'scrutineer', 'representative', 'department'] as const) {
    const username = uniq(role.slice(0, 6));
    const res = await admin.post(`/api/congresses/${congress.id}/accounts`, {
      username,
      displayName: `${role}用户`,
      password: PASSWORD,
      role,
      ...(role === 'department' ? { departmentId: dep.id } : {}),
    });
    if (res.status !== 201) throw new Error(`create ${role}: ${res.status} ${res.text}`);
    const cl = new Client(t);
    await cl.login(username, PASSWORD);
    clients[role] = cl;
  }
  return { congress, department: dep, clients };
}
