import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { useTestApp } from '../helpers/app.ts';

/** The built web app as the server hands it out: hashed files cached for good, pages never, lost files a 404. */
const t = useTestApp();
let root: string;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'minsheng-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>民生</title><script type="module" src="/assets/main-abc123.js"></script>');
  writeFileSync(join(root, 'assets/main-abc123.js'), 'console.log(1)');
  app = createApp({ deps: t.deps, webRoot: root });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('serving the web app', () => {
  it('serves a hashed file with a year-long immutable cache', async () => {
    const r = await app.request('/assets/main-abc123.js');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/javascript/);
    expect(r.headers.get('cache-control')).toContain('immutable');
  });

  it('answers every page address with the app, not cached', async () => {
    const r = await app.request('/c/some-congress/sessions');
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('<title>民生</title>');
    expect(r.headers.get('cache-control')).toBe('no-cache');
  });

  it('says 404 for a file of an older build instead of answering a script with the page', async () => {
    const r = await app.request('/assets/main-old999.js');
    expect(r.status).toBe(404);
    expect(r.headers.get('cache-control')).toBe('no-cache');
    expect(await r.text()).not.toContain('<!doctype html>');
  });

  it('keeps unknown API addresses a JSON error, never the page', async () => {
    const r = await app.request('/api/no-such-thing');
    expect([401, 404]).toContain(r.status);
    expect(r.headers.get('content-type')).toMatch(/json/);
    expect((await r.json()).error.code).toBeTruthy();
  });
});
