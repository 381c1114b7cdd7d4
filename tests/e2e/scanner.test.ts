import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './harness.ts';

/**
 * The camera path of the tablet, with Chromium's fake camera playing a video of a ballot-card QR: the ponyfill and
 * zxing's WebAssembly must come from our own origin (never a CDN) and read the code.
 */
function qrVideo(text: string): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const W = 640;
  const H = 480;
  const scale = Math.floor(Math.min(W, H) / (n + 8));
  const x0 = Math.floor((W - n * scale) / 2);
  const y0 = Math.floor((H - n * scale) / 2);
  const y = new Uint8Array(W * H).fill(235);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++)
      if (qr.modules.get(r, c)) for (let dy = 0; dy < scale; dy++) y.fill(16, (y0 + r * scale + dy) * W + x0 + c * scale, (y0 + r * scale + dy) * W + x0 + (c + 1) * scale);
  const uv = new Uint8Array((W / 2) * (H / 2)).fill(128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, uv, uv]);
  const dir = mkdtempSync(join(tmpdir(), 'minsheng-cam-'));
  const file = join(dir, 'qr.y4m');
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), ...Array.from({ length: 10 }, () => frame)]));
  return file;
}

let server: RunningServer;
let browser: Browser;
let video: string;

beforeAll(async () => {
  server = await startServer();
  // Not a real card: the server will say its signature does not match, which proves the QR was read and sent.
  video = qrVideo(`${server.origin}/b#${'x'.repeat(40)}.${'y'.repeat(20)}.${'z'.repeat(40)}`);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (video) rmSync(join(video, '..'), { recursive: true, force: true });
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
