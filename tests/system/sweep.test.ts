import { describe, expect, it } from 'vitest';
import { Client, PASSWORD, congressWithRoles, setupAdmin, useTestApp } from '../helpers/app.ts';

const t = useTestApp();

type Op = { requestBody?: { content: Record<string, { schema?: { properties?: Record<string, { type?: string | string[] }> } }> } };
type Spec = { paths: Record<string, Record<string, Op>> };

const BAD_PARAMS = ['x', '..x', '%E4%B8', "1'or'1'='1", 'a'.repeat(300), '00000000-0000-0000-0000-000000000000'];
const BAD_BODIES: [string, string][] = [
  ['truncated JSON', '{"name": "张'],
  ['not JSON', 'hello'],
  ['array', '[]'],
  ['null', 'null'],
  ['string', '"text"'],
  ['number', '42'],
  ['empty object', '{}'],
  ['deep nesting', '['.repeat(5000) + ']'.repeat(5000)],
  ['prototype pollution', '{"__proto__": {"systemAdmin": true}, "constructor": {"prototype": {"x": 1}}}'],
];
const WRONG = [123, true, null, [], {}, 'x'.repeat(5000), -1, 1e309];

function expectErrorShape(res: { status: number; body: any; text: string }, what: string) {
  expect(res.status, `${what} → ${res.status} ${res.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${what} → ${res.status} ${res.text.slice(0, 200)}`).toBeLessThan(500);
  expect(res.body?.error?.code, what).toEqual(expect.any(String));
  expect(res.body?.error?.message, what).toEqual(expect.any(String));
}

describe('a sweep of malformed requests at every documented route', () => {
  it('answers each with a 4xx JSON error, never a 500', { timeout: 600_000 }, async () => {
    const admin = await setupAdmin(t);
    const { congress } = await congressWithRoles(t, admin);
    const spec = (await admin.get('/api/openapi.json')).body as Spec;
    const ops = Object.entries(spec.paths).flatMap(([path, methods]) => Object.entries(methods).map(([m, op]) => ({ path, method: m.toUpperCase(), op })));
    expect(ops.length).toBeGreaterThan(25);
    let checked = 0;

    const ensureSignedIn = async () => {
      if ((await admin.get('/api/auth/me')).status === 401) await admin.login('admin', PASSWORD);
    };
    const fill = (path: string, value: string) => path.replace(/\{(\w+)\}/g, (_, name) => (name === 'congressId' && value === 'REAL' ? congress.id : value));

    for (const { path, method, op } of ops) {
      if (path === '/api/auth/logout') continue; // it answers 200 to anything, by design
      const params = path.includes('{');
      // 1. Malformed path parameters (valid session, so the parameter itself is what gets checked).
      if (params) {
        for (const p of BAD_PARAMS) {
          await ensureSignedIn();
          const url = fill(path, encodeURIComponent(p).replace('%25E4%25B8', '%E4%B8'));
          const body = method === 'GET' || method === 'DELETE' ? undefined : {};
          const res = await admin.request(method, url, body);
          expectErrorShape(res, `${method} ${url}`);
          checked++;
        }
      }
      // 2. Malformed and mistyped bodies.
      const json = op.requestBody?.content?.['application/json'];
      if (json) {
        const url = fill(path, 'REAL').replace(/\{\w+\}/g, crypto.randomUUID());
        for (const [what, raw] of BAD_BODIES) {
          await ensureSignedIn();
          const res = await admin.request(method, url, raw, { 'content-type': 'application/json' });
          // A body of all-optional fields is fine; unknown keys are dropped, never merged into anything.
          if ((what === 'empty object' || what === 'prototype pollution') && res.status < 400) continue;
          expectErrorShape(res, `${method} ${url} with ${what}`);
          checked++;
        }
        for (const [prop, propSchema] of Object.entries(json.schema?.properties ?? {})) {
          const allowed = ([] as (string | undefined)[]).concat(propSchema.type);
          for (const wrong of WRONG) {
            // A value of the documented type may be fine (e.g. `{}` for an object of defaults); an overlong string never is.
            const kind = wrong === null || (typeof wrong === 'number' && !Number.isFinite(wrong)) ? 'null' : Array.isArray(wrong) ? 'array' : typeof wrong;
            const isLong = typeof wrong === 'string';
            if (!isLong && allowed.some((a) => a === kind || (kind === 'number' && a === 'integer'))) continue;
            await ensureSignedIn();
            const res = await admin.request(method, url, `{"${prop}": ${JSON.stringify(wrong) ?? 'null'}}`, { 'content-type': 'application/json' });
            expectErrorShape(res, `${method} ${url} with ${prop}=${JSON.stringify(wrong)?.slice(0, 20)}`);
            checked++;
          }
        }
      }
      // 3. Junk in the query string never hurts.
      await ensureSignedIn();
      const url = fill(path, 'REAL').replace(/\{\w+\}/g, crypto.randomUUID()) + '?status=bogus&q=' + 'x'.repeat(100) + '&limit=-5&before=abc&encoding=latin1';
      const res = await admin.request(method, url, method === 'GET' || method === 'DELETE' ? undefined : {});
      expect(res.status, `${method} ${url}`).toBeLessThan(500);
      checked++;
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('answers anonymous callers of every non-public route with 401', async () => {
    const anon = new Client(t);
    const spec = (await anon.get('/api/openapi.json')).body as Spec;
    const PUBLIC = new Set(['GET /api/setup', 'POST /api/setup', 'POST /api/auth/login', 'POST /api/auth/card-login', 'POST /api/auth/logout', 'GET /api/health']);
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const m of Object.keys(methods)) {
        const key = `${m.toUpperCase()} ${path}`;
        if (PUBLIC.has(key) || path.startsWith('/api/public/')) continue;
        const url = path.replace(/\{\w+\}/g, crypto.randomUUID());
        const res = await anon.request(m.toUpperCase(), url, m === 'get' || m === 'delete' ? undefined : {});
        expect(res.status, key).toBe(401);
        expect(res.body.error.code).toBe('unauthenticated');
      }
    }
  });
});
