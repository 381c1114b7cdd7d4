import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, qrVideo, removeVideo, startServer, type RunningServer } from './harness.ts';

/**
 * The camera path of the tablet, with Chromium's fake camera playing a video of a ballot-card QR: the ponyfill and
 * zxing's WebAssembly must come from our own origin (never a CDN) and read the code.
 */

let server: RunningServer;
let browser: Browser;
let video: string;

beforeAll(async () => {
  server = await startServer();
  // Not a real card: the server will say its signature does not match, which proves the QR was read and sent.
  video = qrVideo(`${server.origin}/b#${'x'.repeat(40)}.${'y'.repeat(20)}.${'z'.repeat(40)}`);
  browser = await launchBrowser(video);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (video) removeVideo(video);
});

describe('the tablet camera', () => {
  it('reads a ballot-card QR with the bundled WebAssembly reader, fetching nothing from outside', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    await context.grantPermissions(['camera'], { origin: server.origin });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${server.origin}/b?c=${crypto.randomUUID()}`);
    await page.getByRole('button', { name: /扫描/ }).first().click();
    const opened = page.waitForRequest((r) => r.url().endsWith('/api/public/ballot/open'), { timeout: 60_000 });
    const req = await opened;
    expect(JSON.parse(req.postData() ?? "{}").token).toMatch(/x{40}\.y{20}\.z{40}$/);
    await expect.poll(() => page.getByRole('alert').first().textContent(), { timeout: 15_000 }).toMatch(/签名不符/);
    expect(requests.some((u) => /\.wasm$/.test(u) && u.startsWith(server.origin))).toBe(true);
    expect(requests.filter((u) => !u.startsWith(server.origin) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
    await context.close();
  });
});
