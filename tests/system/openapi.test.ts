import { describe, expect, it } from 'vitest';
import { api } from '../../server/app.ts';
import { Client, useTestApp } from '../helpers/app.ts';

const t = useTestApp();

describe('API description', () => {
  it('documents every API route, with the schemas that validate it', async () => {
    const spec = (await new Client(t).get('/api/openapi.json')).body;
    expect(spec.openapi).toBe('3.1.0');
    const documented = new Set(Object.entries(spec.paths).flatMap(([p, ms]) => Object.keys(ms as object).map((m) => `${m.toUpperCase()} ${p}`)));
    const routes = api.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method} /api${r.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(routes.length).toBeGreaterThan(25);
    for (const r of routes) expect(documented, r).toContain(r);
    const login = spec.paths['/api/auth/login'].post;
    expect(Object.keys(login.requestBody.content['application/json'].schema.properties).sort()).toEqual(['password', 'username']);
  });

  it('renders a readable reference page', async () => {
    const res = await new Client(t).get('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.text).toContain('/api/auth/login');
    expect(res.text).toContain('Sign in with username and password');
  });
});
