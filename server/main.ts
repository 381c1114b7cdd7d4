import { existsSync, readdirSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAdaptorServer } from '@hono/node-server';
import { createApp } from './app.ts';
import { MigrationError } from './db/client.ts';
import { drain } from './lib/graceful.ts';
import { flushSummaries } from './lib/group-commit.ts';
import { flushLog, log } from './lib/log.ts';
import type { Deps } from './lib/env.ts';
import { linkOrigin } from './lib/origin.ts';
import { closeNotifyRuntime, makeNotifyRuntime } from './notify/channels/index.ts';
import { parseNotifyConfig } from './notify/config.ts';
import { OutboxWorker } from './notify/worker.ts';
import { serveControl, writeControlToken } from './system/backup/control.ts';
import { ConfigError, underTest } from './system/config.ts';
import { prepare, readConfig, takeDataDirLock, webBuilt } from './start.ts';

/** How long an idle connection stays open for the next request (see where it is set). */
const KEEP_ALIVE_MS = 65_000;
/** Connections waiting to be accepted (see where it is used). */
const LISTEN_BACKLOG = 4096;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The data dir named in a start failure's message: the setting once read, the default before. */
let dataDirForMessages = resolve('./data');

/** Newest modification time under a folder (the web sources), to rebuild only when they changed. */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

async function buildWebIfNeeded(webRoot: string) {
  const index = join(webRoot, 'index.html');
  const sources = Math.max(newest(join(root, 'web')), newest(join(root, 'shared')), statSync(join(root, 'vite.config.ts')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  log.info('building the web app');
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
}

async function main() {
  const started = performance.now();
  const args = process.argv.slice(2);
  const config = readConfig();
  // The notify settings (SMS, e-mail, the worker): a wrong one stops the start with its line, as any other setting.
  const notify = makeNotifyRuntime(parseNotifyConfig(process.env));
  dataDirForMessages = config.dataDir;
  if (!underTest()) log.setLevel(config.logLevel);
  const webRoot = config.webDir ?? join(root, 'dist/web');
  if (!config.skipWebBuild) await buildWebIfNeeded(webRoot);
  const unlock = config.databaseUrl ? () => {} : takeDataDirLock(config.dataDir);
  let deps;
  try {
    deps = await prepare(config);
  } catch (e) {
    unlock();
    throw e;
  }
  const { database, keys } = deps;
  if (args.includes('--demo')) {
    const { loadDemo } = await import('./demo/load-demo.ts');
    await loadDemo(database);
  }
  // PGlite: a fresh token for `npm run backup` while the server runs (removed at stop), and the backup route on a
  // listener of its own bound to loopback (system/backup/control.ts): never on the port the hall and the proxy reach.
  const control = database.kind === 'pglite' ? writeControlToken(config.dataDir) : null;
  const controlServer = control
    ? await serveControl(database, control.token).catch((e: unknown) => {
        log.warn('backup control route not available: no loopback address to listen on; stop the server to back up', { error: e instanceof Error ? e.message : String(e) });
        return null;
      })
    : null;
  // Printed links and QR codes: PUBLIC_ORIGIN, or a default from HOST and PORT set once listening (lib/origin.ts).
  const appDeps: Deps = { database, db: database.db, keys, trustProxy: config.trustProxy, cookieSecure: config.cookieSecure, publicOrigin: config.publicOrigin, liveStreams: config.liveStreams, notify };
  const app = createApp({
    deps: appDeps,
    webRoot: webBuilt(webRoot) ? webRoot : undefined,
    logRequests: true,
    metricsToken: config.metricsToken,
    poolMax: config.poolMax,
  });
  const server = createAdaptorServer({ fetch: app.fetch, hostname: config.host }) as Server;
  // A hall casting at once opens thousands of connections in the same second: Node's default queue of 511 waiting
  // connections drops the rest, and each dropped tablet waits a second (the kernel's SYN retry) before it is heard.
  // The kernel caps the queue at net.core.somaxconn (4,096 on current Linux).
  server.once('error', (e: NodeJS.ErrnoException) => {
    // The one thing that goes wrong here: the address is taken or not ours. One line an operator can act on.
    process.stderr.write(`${e.code === 'EADDRINUSE' ? `port ${config.port} on ${config.host} is in use: stop what holds it, or set PORT to another` : `cannot listen on ${config.host}:${config.port}: ${e.message}`}\n`);
    process.exit(1);
  });
  // The outbox worker (notify/worker.ts): one per process unless NOTIFY_WORKER=0, started once the links' origin is known.
  let worker: OutboxWorker | null = null;
  server.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG }, () => {
    const info = server.address() as AddressInfo;
    control?.listening(info.port, controlServer ? { host: controlServer.host, port: controlServer.port } : undefined);
    const links = linkOrigin(config, info.port);
    appDeps.publicOrigin = links.origin;
    if (links.source === 'PUBLIC_ORIGIN') log.info('printed links and QR codes use PUBLIC_ORIGIN', { origin: links.origin });
    else
      log.warn('printed links and QR codes use a default origin: set PUBLIC_ORIGIN to the address people will open', {
        origin: links.origin,
        from: links.source,
        ...(links.others ? { otherAddresses: links.others } : {}),
      });
    if (notify.config.worker && !stopping) {
      worker = new OutboxWorker({ database, keys, runtime: notify, publicOrigin: () => appDeps.publicOrigin ?? links.origin, pollMs: notify.config.pollMs });
      worker.start();
    }
    log.info('ready', {
      url: `http://localhost:${info.port}`,
      database: database.kind,
      dataDir: database.kind === 'pglite' ? config.dataDir : undefined,
      ms: Math.round(performance.now() - started),
    });
  });

  // A tablet keeps its connection from showing the ballot to casting it (a representative marks for a minute or
  // two), and a phone between the pages of results day: Node's default of 5 s would make each of them open a new one
  // (a TCP handshake and a fresh parser on the server, at the moment the hall casts together). Longer than the 60 s
  // a load balancer commonly keeps an idle connection; a stop closes idle connections anyway (lib/graceful.ts).
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1000; // must exceed it, or a reused connection can be cut mid-request

  // A stop (SIGTERM from systemd, Ctrl-C): no new connections; the casts and answers in flight commit and are answered
  // (lib/graceful.ts), for at most STOP_GRACE_MS; then the database closes, the lock and control token go, exit 0.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal, graceMs: config.stopGraceMs });
    // A database that will not close must not keep the process: a bound beyond the grace time.
    setTimeout(() => {
      log.error('stop took too long', { graceMs: config.stopGraceMs });
      process.exit(1);
    }, config.stopGraceMs + 15_000).unref();
    // The worker stops claiming at once; the messages it is sending finish and are recorded before the database closes.
    const workerStopped = worker?.stop(config.stopGraceMs);
    const { inFlight, cut } = await drain(server, config.stopGraceMs);
    if (cut > 0) log.warn('requests cut at stop', { count: cut, graceMs: config.stopGraceMs });
    await workerStopped;
    await closeNotifyRuntime(notify).catch(() => {});
    let code = 0;
    try {
      await database.close(); // PGlite flushes and closes: ./data is never left half-written
    } catch (e) {
      log.error('database close failed', { error: e instanceof Error ? e.message : String(e) });
      code = 1;
    }
    await controlServer?.close();
    control?.remove();
    unlock();
    flushSummaries(); // the queues' last window, before the line that says the server stopped
    log.info('stopped', { inFlight, answered: Math.max(0, inFlight - cut), cut });
    await flushLog();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch(async (e: unknown) => {
  // A wrong setting, a database from a newer version, or a data dir that cannot take writes (a full disk, a read-only
  // mount, no permission): one line an operator can act on, on stderr, and exit 1. Anything else in words, whatever
  // was thrown — PGlite throws plain objects and Emscripten errors without a message ("[object Object]" before).
  if (e instanceof ConfigError || e instanceof MigrationError) process.stderr.write(`${e.message}\n`);
  else {
    try {
      const { describeError, storageStartMessage } = await import('./db/pglite-storage.ts');
      const line = storageStartMessage(e, dataDirForMessages);
      if (line) process.stderr.write(`${line}\n`);
      else log.error('start failed', { error: describeError(e) });
    } catch {
      log.error('start failed', { error: String((e as { message?: unknown } | null)?.message ?? e) });
    }
  }
  process.exit(1);
});
