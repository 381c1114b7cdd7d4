import { createApp } from '../app.ts';
import type { Database } from '../db/client.ts';
import { KeyStore } from '../lib/keys.ts';

type Res = { status: number; body: any };

/** The real app, in process: the demo goes through the same routes (roles, transactions, audit) as people do. */
export function demoApp(database: Database) {
  const app = createApp({ deps: { database, db: database.db, keys: new KeyStore(database), trustProxy: true } });
  let n = 0;
  /** A caller with its own address (per-address limits behave as in life) and, once signed in, a bearer token. */
  class Caller {
    token = '';
    readonly ip = `10.18.${Math.floor(++n / 250)}.${(n % 250) + 1}`;
    async request(method: string, path: string, body?: unknown): Promise<Res> {
      const headers: Record<string, string> = { 'accept-language': 'zh-CN', 'x-forwarded-for': this.ip };
      if (this.token) headers.authorization = `Bearer ${this.token}`;
      let payload: BodyInit | undefined;
      if (body instanceof FormData) payload = body;
      else if (body !== undefined) {
        payload = JSON.stringify(body);
        headers['content-type'] = 'application/json';
      }
      const res = await app.request(`/api${path}`, { method, headers, body: payload });
      const text = await res.text();
      const parsed = (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
      return { status: res.status, body: parsed };
    }
    /** A write that must succeed: the demo stops with the route's own message otherwise. */
    async ok(method: string, path: string, body?: unknown): Promise<any> {
      const res = await this.request(method, path, body ?? (method === 'GET' ? undefined : {}));
      if (res.status >= 300) throw new Error(`demo: ${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    }
    get = (path: string) => this.ok('GET', path);
    post = (path: string, body?: unknown) => this.ok('POST', path, body);
    put = (path: string, body?: unknown) => this.ok('PUT', path, body);
    patch = (path: string, body?: unknown) => this.ok('PATCH', path, body);
    async login(username: string, password: string) {
      this.token = (await this.post('/auth/login', { username, password })).token;
      return this;
    }
    async cardLogin(token: string) {
      this.token = (await this.post('/auth/card-login', { token })).token;
      return this;
    }
  }
  return { app, Caller, caller: () => new Caller() };
}
export type DemoApp = ReturnType<typeof demoApp>;
export type Caller = InstanceType<DemoApp['Caller']>;
