import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { Deps } from '../../server/lib/env.ts';
import { routeKey } from '../../shared/contract.ts';
import { CONTRACTS } from '../../shared/contracts.ts';
import { Client, useTestApp } from '../helpers/app.ts';

const t = useTestApp();

describe('API description', () => {
  it('serves exactly the contracts: every API route has one, every contract is served and documented', async () => {
    const app = createApp({ deps: {} as Deps });
    const routes = [...new Set(app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/')).map((r) => `${r.method} ${r.path}`))].sort();
    const contracts = CONTRACTS.map(routeKey).sort();
    expect(routes).toEqual(contracts);
    expect(new Set(contracts).size, 'two contracts for one route').toBe(contracts.length);
    expect(routes.length).toBeGreaterThan(150);
    const spec = (await new Client(t).get('/api/openapi.json')).body;
    expect(spec.openapi).toBe('3.1.0');
    const documented = new Set(Object.entries(spec.paths).flatMap(([p, ms]) => Object.keys(ms as object).map((m) => `${m.toUpperCase()} ${p}`)));
    for (const r of routes) expect(documented, r).toContain(r.replace(/:(\w+)/g, '{$1}'));
    const login = spec.paths['/api/auth/login'].post;
    expect(Object.keys(login.requestBody.content['application/json'].schema.properties).sort()).toEqual(['password', 'username']);
  });

  it('passes a real OpenAPI linter (Redocly CLI, recommended rules and redocly.yaml) with no errors', async () => {
    const res = await new Client(t).get('/api/openapi.json');
    const dir = mkdtempSync(join(tmpdir(), 'ms-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, res.text);
      const out = await lintApi(file);
      expect(out.problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`)).toEqual([]);
      expect(out.totals.errors).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('renders a readable reference page', async () => {
    const res = await new Client(t).get('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.text).toContain('/api/auth/login');
    expect(res.text).toContain('Sign in with username and password');
  });
});

type LintOut = { totals: { errors: number; warnings: number }; problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[] };

/** Redocly CLI on a file, its JSON report (it exits non-zero when it finds errors: the report says which). */
async function lintApi(file: string): Promise<LintOut> {
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
  const run = promisify(execFile);
  try {
    const { stdout } = await run(join(process.cwd(), 'node_modules/.bin/redocly'), ['lint', file, '--format=json', '--config', join(process.cwd(), 'redocly.yaml')], { env, maxBuffer: 64 * 1024 * 1024 });
    return JSON.parse(stdout) as LintOut;
  } catch (e) {
    const stdout = (e as { stdout?: string }).stdout;
    if (stdout && stdout.trim().startsWith('{')) return JSON.parse(stdout) as LintOut;
    throw e;
  }
}
