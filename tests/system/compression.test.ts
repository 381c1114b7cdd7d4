import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import type { Plugin } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { pickEncoding } from '../../server/lib/compress.ts';
import viteConfig from '../../vite.config.ts';
import { useTestApp } from '../helpers/app.ts';
import { hall } from '../tally/helpers.ts';

/**
 * Compression on the wire (issue 20): the built files precompressed at build by the Vite plugin and sent as the client
 * takes them (brotli, gzip, or as they are), JSON answers compressed as they go out, each with `Vary: Accept-Encoding`
 * and the right types — and the big screen's event stream never compressed, so that each event arrives at once.
 */
const t = useTestApp();
let root: string;
let app: ReturnType<typeof createApp>;
let server: Server;
let origin: string;
// A script of some 60 KB that compresses well, as the real bundles do.
const script = Array.from({ length: 1500 }, (_, i) => `export const label${i} = "第${i}项 民生实事项目";`).join('\n');
const page = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>民生</title><script type="module" src="/assets/main-abc123.js"></script></head><body><div id="root"></div>${'<!-- padding -->'.repeat(80)}</body></html>`;

/** GET over real HTTP, the bytes exactly as they came over the wire (no transparent decompression). */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<{ res: IncomingMessage; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${origin}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ res, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'minsheng-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), page);
  writeFileSync(join(root, 'assets/main-abc123.js'), script);
  writeFileSync(join(root, 'assets/tiny-abc123.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets/photo-abc123.png'), Buffer.alloc(4096, 7));
  // The build's own step, run on this folder as `vite build` runs it on dist/web.
  const plugin = (viteConfig.plugins as Plugin[]).find((p) => p?.name === 'minsheng-precompress')!;
  (plugin.writeBundle as (o: { dir: string }) => void).call({}, { dir: root });
  app = createApp({ deps: t.deps, webRoot: root });
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  await new Promise<void>((r) => (server.listening ? r() : server.once('listening', () => r())));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  rmSync(root, { recursive: true, force: true });
});

describe('the build step', () => {
  it('writes a brotli and a gzip copy beside each compressible file of 1 KB or more, and none beside the rest', () => {
    const files = readdirSync(join(root, 'assets')).sort();
    expect(files).toEqual(['main-abc123.js', 'main-abc123.js.br', 'main-abc123.js.gz', 'photo-abc123.png', 'tiny-abc123.js']);
    expect(readdirSync(root)).toContain('index.html.br');
  });
});

describe('built files on the wire', () => {
  it('sends brotli to a client that takes it, with the type of the script, Vary, and the year-long cache', async () => {
    const { res, body } = await rawGet('/assets/main-abc123.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(res.headers['content-length'])).toBe(body.length);
    expect(body.length).toBeLessThan(Buffer.byteLength(script) / 5);
    expect(brotliDecompressSync(body).toString()).toBe(script);
  });

  it('sends gzip to a client that takes gzip only', async () => {
    const { res, body } = await rawGet('/assets/main-abc123.js', { 'accept-encoding': 'gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(gunzipSync(body).toString()).toBe(script);
  });

  it('sends the file as it is to a client that asks for no encoding, still saying that it varies', async () => {
    const { res, body } = await rawGet('/assets/main-abc123.js');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(body.toString()).toBe(script);
  });

  it('keeps byte ranges working on the file as it is', async () => {
    const { res, body } = await rawGet('/assets/main-abc123.js', { range: 'bytes=0-9' });
    expect(res.statusCode).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes 0-9/${Buffer.byteLength(script)}`);
    expect(body.toString()).toBe(script.slice(0, 10));
  });

  it('sends small files and images as they are, without Vary', async () => {
    for (const path of ['/assets/tiny-abc123.js', '/assets/photo-abc123.png']) {
      const { res } = await rawGet(path, { 'accept-encoding': 'br, gzip' });
      expect(res.statusCode, path).toBe(200);
      expect(res.headers['content-encoding'], path).toBeUndefined();
      expect(res.headers.vary, path).toBeUndefined();
    }
  });

  it('sends the app page compressed too, at its root and at every page address', async () => {
    const root = await rawGet('/', { 'accept-encoding': 'br' });
    expect(root.res.headers['content-encoding']).toBe('br');
    expect(root.res.headers['content-type']).toMatch(/^text\/html/);
    expect(brotliDecompressSync(root.body).toString()).toBe(page);
    const deep = await rawGet('/c/some-congress/sessions', { 'accept-encoding': 'gzip' });
    expect(deep.res.headers['content-encoding']).toBe('gzip');
    expect(deep.res.headers['cache-control']).toBe('no-cache');
    expect(deep.res.headers.vary).toBe('Accept-Encoding');
    expect(gunzipSync(deep.body).toString()).toBe(page);
  });
});

describe('JSON answers on the wire', () => {
  it('compresses a large JSON answer with brotli or gzip as taken, and leaves it as it is otherwise', async () => {
    const plain = await rawGet('/api/openapi.json');
    expect(plain.res.headers['content-encoding']).toBeUndefined();
    expect(plain.res.headers.vary).toMatch(/Accept-Encoding/);
    const spec = JSON.parse(plain.body.toString());
    expect(spec.openapi).toBe('3.1.0');

    const br = await rawGet('/api/openapi.json', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.res.headers['content-encoding']).toBe('br');
    expect(br.res.headers['content-type']).toMatch(/^application\/json/);
    expect(br.res.headers.vary).toMatch(/Accept-Encoding/);
    expect(br.res.headers['cache-control']).toBe('no-store');
    expect(Number(br.res.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(plain.body.length / 4);
    expect(JSON.parse(brotliDecompressSync(br.body).toString())).toEqual(spec);

    const gz = await rawGet('/api/openapi.json', { 'accept-encoding': 'gzip' });
    expect(gz.res.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.body).toString())).toEqual(spec);

    // Refused by q=0: the other one, or none.
    expect((await rawGet('/api/openapi.json', { 'accept-encoding': 'br;q=0, gzip' })).res.headers['content-encoding']).toBe('gzip');
    expect((await rawGet('/api/openapi.json', { 'accept-encoding': 'identity' })).res.headers['content-encoding']).toBeUndefined();
  });

  it('leaves a small JSON answer as it is', async () => {
    const { res, body } = await rawGet('/api/health', { 'accept-encoding': 'br, gzip' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(body.toString()).ok).toBe(true);
  });

  it('picks the encoding as the client asks', () => {
    expect(pickEncoding(undefined)).toBeNull();
    expect(pickEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(pickEncoding('gzip;q=1.0, br;q=0')).toBe('gzip');
    expect(pickEncoding('*')).toBe('br');
    expect(pickEncoding('*;q=0, gzip')).toBe('gzip');
    expect(pickEncoding('identity')).toBeNull();
  });
});

describe('the big screen stream', () => {
  it('is never compressed: each event arrives as it is sent, even to a client that takes brotli', async () => {
    const h = await hall(t, { seated: 3 });
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = httpRequest(`${origin}/api/public/sessions/${h.sessionId}/events`, { headers: { 'accept-encoding': 'br, gzip' } }, resolve);
      req.on('error', reject);
      req.end();
    });
    try {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
      expect(res.headers['content-encoding']).toBeUndefined();
      // The first event comes while the stream stays open: readable text, not a compressor's buffered output.
      const first = await new Promise<string>((resolve) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString();
          if (text.includes('\n\n') && /event: screen/.test(text)) resolve(text);
        });
      });
      expect(first).toMatch(/^(:.*\n\n)*event: screen\ndata: \{/m);
      expect(JSON.parse(/^data: (.*)$/m.exec(first)![1]).session.name).toBe('第三次会议');
    } finally {
      res.destroy();
    }
  });
});
