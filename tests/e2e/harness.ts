/**
 * The real thing for browser tests: the server as a child process on a free port with a throwaway data dir,
 * and Chromium (the system one, never a download) driven by playwright-core. Everything is torn down after.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page, type Request } from 'playwright-core';
import QRCode from 'qrcode';
import { expect } from 'vitest';
import { type Database, openDatabase } from '../../server/db/client.ts';
import { throwawayDatabase } from '../helpers/pg-url.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOTS = join(ROOT, 'tests/e2e/screenshots');
export const FIXTURES = join(ROOT, 'tests/e2e/fixtures');

export const VIEWPORTS = {
  tablet: { width: 1024, height: 768 },
  phone: { width: 390, height: 844 },
  desktop: { width: 1920, height: 1080 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}


export type RunningServer = {
  origin: string;
  stop: () => Promise<void>;
  /** Stop the server, then read the database it used (PGlite in its data dir, or its PostgreSQL database), then remove it. */
  stopThenRead: <T>(read: (database: Database) => Promise<T>) => Promise<T>;
  output: () => string;
};

/**
 * Start `node --import tsx server/main.ts` on a free port and a fresh data dir; resolves when /api/health answers.
 * `args`: the server's own arguments, e.g. `['--demo']` for the demo year.
 */
export async function startServer(opts: { args?: string[] } = {}): Promise<RunningServer> {
  // WEB_DIR (optional): a web build elsewhere than dist/web, e.g. `npx vite build --outDir /tmp/x/web`.
  const webDir = process.env.WEB_DIR ? resolve(process.env.WEB_DIR) : join(ROOT, 'dist/web');
  if (!existsSync(join(webDir, 'index.html')))
    throw new Error(`${webDir} is missing: run \`npm run test:e2e\` (it builds first) or \`npx vite build\`.`);
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'minsheng-e2e-'));
  const origin = `http://127.0.0.1:${port}`;
  // E2E_DATABASE_URL: the server runs on a throwaway PostgreSQL database of its own instead of PGlite.
  const pg = process.env.E2E_DATABASE_URL ? await throwawayDatabase(process.env.E2E_DATABASE_URL, 'e2e') : null;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...(opts.args ?? [])], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, SKIP_WEB_BUILD: '1', HOST: '127.0.0.1', DATABASE_URL: pg?.url ?? '', PUBLIC_ORIGIN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<void>((res) => child.once('exit', () => res()));

  const halt = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };
  let removed = false;
  const stop = async () => {
    await halt();
    if (removed) return;
    removed = true;
    await rm(dataDir, { recursive: true, force: true });
    await pg?.drop();
  };
  const stopThenRead = async <T,>(read: (database: Database) => Promise<T>): Promise<T> => {
    await halt();
    try {
      const database = await openDatabase(pg ? { url: pg.url, max: 1 } : { dataDir: join(dataDir, 'pg') });
      try {
        return await read(database);
      } finally {
        await database.close();
      }
    } finally {
      await stop();
    }
  };

  const patience = opts.args?.includes('--demo') ? 300 : 60; // seconds; the demo year takes a while to load
  const deadline = Date.now() + patience * 1000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the server exited before it was ready:\n${output}`);
    }
    try {
      const res = await fetch(`${origin}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not become ready in ${patience} s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { origin, stop, stopThenRead, output: () => output };
}

/**
 * The system Chromium. With `fakeCamera` (a y4m file, see qrVideo) its camera plays that video and camera
 * permission prompts are answered yes: the flag is per browser process, hence a browser of its own.
 */
export async function launchBrowser(fakeCamera?: string): Promise<Browser> {
  const camera = fakeCamera ? ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${fakeCamera}`] : [];
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...camera],
  });
}

/** A grayscale picture: `width` × `height` bytes row by row, 0 black to 255 white. */
export type GrayImage = { width: number; height: number; data: Uint8Array };

// pngjs (what qrcode itself uses) ships no types: the one call used here, typed by hand.
const { PNG } = createRequire(import.meta.url)('pngjs') as {
  PNG: { sync: { read: (png: Buffer) => { width: number; height: number; data: Buffer } } };
};

/** A PNG (e.g. a screenshot of a QR on a page) as a GrayImage; transparent pixels count as white paper. */
export function grayFromPng(png: Buffer): GrayImage {
  const { width, height, data: rgba } = PNG.sync.read(png);
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) {
    const [r, g, b, a] = [rgba[4 * i], rgba[4 * i + 1], rgba[4 * i + 2], rgba[4 * i + 3]];
    const luma = 0.299 * r + 0.587 * g + 0.114 * b;
    data[i] = Math.round((luma * a + 255 * (255 - a)) / 255);
  }
  return { width, height, data };
}

/** The QR of `text` (level M) as a GrayImage: one pixel a module, with the 4-module quiet zone. */
function qrImage(text: string): GrayImage {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const size = n + 8;
  const data = new Uint8Array(size * size).fill(255);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) data[(r + 4) * size + c + 4] = 0;
  return { width: size, height: size, data };
}

/**
 * A video for Chromium's fake camera (`launchBrowser(file)`): ten identical 640×480 frames (y4m, 4:2:0) of a QR on
 * light paper — the QR of `text`, or a picture of one (e.g. a printed card's QR taken from a page), enlarged by the
 * largest whole factor that fits (nearest neighbour), centred. The file is in a temp dir of its own: removeVideo().
 */
export function qrVideo(source: string | GrayImage): string {
  const img = typeof source === 'string' ? qrImage(source) : source;
  const W = 640;
  const H = 480;
  const fit = Math.min(W / img.width, H / img.height);
  const scale = fit >= 1 ? Math.floor(fit) : fit;
  const w = Math.floor(img.width * scale);
  const h = Math.floor(img.height * scale);
  const x0 = Math.floor((W - w) / 2);
  const y0 = Math.floor((H - h) / 2);
  // Video luma runs from 16 (black) to 235 (white); the rest of the frame is white paper.
  const y = new Uint8Array(W * H).fill(235);
  for (let r = 0; r < h; r++) {
    const src = Math.min(img.height - 1, Math.floor(r / scale)) * img.width;
    for (let c = 0; c < w; c++) y[(y0 + r) * W + x0 + c] = 16 + Math.round((img.data[src + Math.min(img.width - 1, Math.floor(c / scale))] * 219) / 255);
  }
  const uv = new Uint8Array((W / 2) * (H / 2)).fill(128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, uv, uv]);
  const dir = mkdtempSync(join(tmpdir(), 'minsheng-cam-'));
  const file = join(dir, 'qr.y4m');
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), ...Array.from({ length: 10 }, () => frame)]));
  return file;
}

/** Delete a video made by qrVideo (and its temp dir). */
export function removeVideo(file: string) {
  rmSync(dirname(file), { recursive: true, force: true });
}

export type Harness = {
  origin: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every request that left the server's origin (should stay empty), from every page the harness opened. */
  offOrigin: string[];
  /** Console errors and uncaught page errors. */
  pageErrors: string[];
  /** Save the current page at one or more viewport sizes: tests/e2e/screenshots/<name>-<viewport>.png */
  screenshot: (name: string, sizes?: ViewportName[]) => Promise<void>;
  /** A fresh browser context (no cookies, e.g. a resident's phone) with one page, watched like the first. */
  newPage: (size?: ViewportName) => Promise<Page>;
  close: () => Promise<void>;
  /** Close the browser and stop the server, then read the database the server used (see RunningServer.stopThenRead). */
  closeThenRead: <T>(read: (database: Database) => Promise<T>) => Promise<T>;
};

/** Two animation frames: whatever the last change of the page (a resize, an answer rendered) laid out is painted. */
export const painted = (page: Page) => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));

/** Save a page at one or more viewport sizes: tests/e2e/screenshots/<name>-<viewport>.png, then restore its size. */
export async function shoot(page: Page, name: string, sizes: ViewportName[] = ['tablet', 'phone', 'desktop']) {
  const before = page.viewportSize();
  for (const size of sizes) {
    await page.setViewportSize(VIEWPORTS[size]);
    await painted(page); // laid out at the new size
    // Grow the window to the whole page (rather than a stitched full-page capture) so that sticky bars sit
    // where they end up, at the bottom; passing toasts are left out.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    if (height > VIEWPORTS[size].height) {
      await page.setViewportSize({ width: VIEWPORTS[size].width, height });
      await painted(page);
    }
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${size}.png`), style: '.toasts { display: none !important; }' });
  }
  if (before) await page.setViewportSize(before);
}

/**
 * Wait for what a page shows, never read it once: `await eventually(() => locator.textContent()).toBe('8')` reads
 * again until it holds. A page renders what its requests bring whenever they come, so a single read right after an
 * action or a navigation may see the page before (or between) them. The patience is the pages' own (10 s, the
 * contexts' default timeout) rather than vitest's 1 s; on failure the message is the last value read, e.g.
 * "expected '结果已公布' to be 'Result published'".
 */
export const eventually = <T,>(read: () => T | Promise<T>, message?: string) => expect.poll(read, { timeout: 10_000, interval: 100, message });

/**
 * The trimmed text of `locator` once it matches `pattern` — for a value the test cannot know beforehand (a receipt,
 * a tracking code, a serial), so that an element still empty or still loading is not read as the value.
 */
export async function textMatching(locator: Locator, pattern: RegExp): Promise<string> {
  let text = '';
  await eventually(async () => (text = ((await locator.textContent()) ?? '').trim()), String(locator)).toMatch(pattern);
  return text;
}

/** The requests each watched page has in flight (its event streams aside, which stay open). */
const inFlight = new WeakMap<Page, Set<Request>>();

/**
 * Wait until the page has no request in flight and has painted what the last answers brought. Before asserting that
 * something is NOT on the page (a poll would pass at once, and a single read could come before the data that would
 * show it): first wait for the state that would show it, then `await settled(page)`, then count. Pages that poll on
 * their own are caught between two polls.
 */
export async function settled(page: Page) {
  const open = inFlight.get(page);
  if (!open) throw new Error('settled(): this page is not watched (open it with h.newPage, or call watch on it)');
  for (;;) {
    await eventually(() => [...open].map((r) => `${r.method()} ${r.url()}`), 'requests still in flight').toEqual([]);
    await painted(page);
    if (open.size === 0) return; // nothing new was asked for by what was just rendered
  }
}

/** Record the page's off-origin requests, its errors and its requests in flight (as every page of the harness is). */
export function watch(page: Page, origin: string, offOrigin: string[], pageErrors: string[]) {
  const open = new Set<Request>();
  inFlight.set(page, open);
  page.on('request', (req) => {
    if (req.resourceType() !== 'eventsource') open.add(req);
    const url = new URL(req.url());
    if (['data:', 'blob:', 'about:'].includes(url.protocol)) return;
    if (url.origin !== origin) offOrigin.push(req.url());
  });
  page.on('requestfinished', (req) => void open.delete(req));
  page.on('requestfailed', (req) => void open.delete(req));
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    // 4xx answers the page expects (e.g. /api/auth/me before sign-in) are logged by Chromium as resource errors.
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) pageErrors.push(m.text());
  });
}

/** Server + browser + one page (tablet size) that records off-origin requests and errors. */
export async function startHarness(opts: { args?: string[] } = {}): Promise<Harness> {
  const server = await startServer(opts);
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: VIEWPORTS.tablet, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const offOrigin: string[] = [];
    const pageErrors: string[] = [];
    watch(page, server.origin, offOrigin, pageErrors);
    await mkdir(SCREENSHOTS, { recursive: true });

    const screenshot = (name: string, sizes?: ViewportName[]) => shoot(page, name, sizes);
    const newPage = async (size: ViewportName = 'tablet') => {
      const ctx = await browser!.newContext({ viewport: VIEWPORTS[size], locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
      ctx.setDefaultTimeout(10_000);
      const p = await ctx.newPage();
      watch(p, server.origin, offOrigin, pageErrors);
      return p;
    };
    const b = browser;
    return {
      origin: server.origin,
      browser: b,
      context,
      page,
      offOrigin,
      pageErrors,
      screenshot,
      newPage,
      close: async () => {
        await b.close().catch(() => {});
        await server.stop();
      },
      closeThenRead: async (read) => {
        await b.close().catch(() => {});
        return server.stopThenRead(read);
      },
    };
  } catch (e) {
    await browser?.close().catch(() => {});
    await server.stop();
    throw e;
  }
}
