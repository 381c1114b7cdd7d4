/**
 * Behind a proxy (issue 18, item 3), tried as an attacker would.
 * - Forwarded addresses: behind TRUST_PROXY=N the client address is the X-Forwarded-For entry the outermost trusted
 *   proxy wrote (the N-th from the right). A client rotating entries of its own cannot reset a per-address limit
 *   (proposal submissions, typed-serial lookups); without TRUST_PROXY the headers are ignored. X-Forwarded-Proto (the
 *   Secure cookie) is read the same way.
 * - Host headers: a forged Host / X-Forwarded-Host never reaches a printed link or QR code (cards, code slips, the
 *   poster and its publicly cached QR, the result's verification link): they carry the configured origin, and the real
 *   server says at start which one.
 * - The backup control route answers connections from the machine itself only: the real server listening on 0.0.0.0,
 *   reached through a non-loopback address of this machine, does not serve it; through 127.0.0.1 it still does, with
 *   the token, and `npm run backup` still works.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { PUBLIC_LIMITS } from '../../server/gathering/public-routes.ts';
import { forwardedEntry, proxyHops } from '../../server/lib/client-ip.ts';
import { linkOrigin } from '../../server/lib/origin.ts';
import { LOOKUP_LIMITS } from '../../server/lib/rate-limit.ts';
import { CONTROL_HEADER, readControlFile } from '../../server/system/backup/control.ts';
import { ConfigError, parseConfig } from '../../server/system/config.ts';
import { openWindow, proposalFields, solved } from '../gathering/helpers.ts';
import { Client, congressWithRoles, PASSWORD, setupAdmin, useTestApp, type TestApp } from '../helpers/app.ts';
import { appOnDir, inPostgresRun, run } from '../operations/helpers-backup.ts';
import { startServer, type ServerProcess } from '../reliability/server-process.ts';
import { hall, marksOf, runVote } from '../tally/helpers.ts';

const t = useTestApp();
const ORIGIN = 'https://minsheng.example.gov.cn';
let n = 0;
/** A fresh address each call: what a client writes into its own X-Forwarded-For to look like someone new. */
const forged = () => `100.64.${Math.floor(++n / 250) % 250}.${(n % 250) + 1}`;
const appWith = (trustProxy: boolean | number, publicOrigin?: string) => createApp({ deps: { ...t.deps, trustProxy, publicOrigin } });

describe('the settings', () => {
  it('TRUST_PROXY takes 0/off, 1/true and a number of hops up to 10; anything else stops the server with one line', () => {
    const hops = (v: string | undefined) => parseConfig({ TRUST_PROXY: v }).trustProxy;
    expect([hops(undefined), hops(''), hops('0'), hops('off'), hops('false')]).toEqual([0, 0, 0, 0, 0]);
    expect([hops('1'), hops('true'), hops('on'), hops('2'), hops('10')]).toEqual([1, 1, 1, 2, 10]);
    for (const bad of ['11', '-1', '1.5', 'maybe', 'two']) {
      expect(() => parseConfig({ TRUST_PROXY: bad })).toThrow(ConfigError);
      expect(() => parseConfig({ TRUST_PROXY: bad })).toThrow(/^配置错误 \/ Configuration error: TRUST_PROXY: 应为.* \/ must be 0 \(off\), 1 \(one proxy\) or the number of trusted proxies in front, 2 to 10 \(TRUST_PROXY=".*"\)$/);
    }
    expect([proxyHops(true), proxyHops(false), proxyHops(0), proxyHops(3)]).toEqual([1, 0, 0, 3]);
  });

  it('the entry counted is the N-th from the right; a list shorter than N gives its first entry; none without trust', () => {
    expect(forwardedEntry('6.6.6.6, 7.7.7.7, 203.0.113.5', 1)).toBe('203.0.113.5');
    expect(forwardedEntry('6.6.6.6, 198.18.0.9, 10.0.0.2', 2)).toBe('198.18.0.9');
    expect(forwardedEntry('203.0.113.5', 2)).toBe('203.0.113.5');
    expect(forwardedEntry('6.6.6.6, 203.0.113.5', 0)).toBeUndefined();
    expect(forwardedEntry(undefined, 1)).toBeUndefined();
  });

  it('printed links: PUBLIC_ORIGIN, else HOST when it is one address, else the LAN address (private first), else localhost', () => {
    const nic = (address: string, internal = false) => ({ address, internal, family: 'IPv4', netmask: '255.255.255.0', mac: '00:00:00:00:00:00', cidr: `${address}/24` }) as os.NetworkInterfaceInfo;
    const lan = { lo: [nic('127.0.0.1', true)], docker0: [nic('172.17.0.1')], eth1: [nic('203.0.113.7')], eth0: [nic('192.168.1.20')] };
    expect(linkOrigin({ publicOrigin: ORIGIN, host: '0.0.0.0' }, 8787, lan)).toEqual({ origin: ORIGIN, source: 'PUBLIC_ORIGIN' });
    expect(linkOrigin({ host: '127.0.0.1' }, 8787, lan)).toEqual({ origin: 'http://127.0.0.1:8787', source: 'HOST' });
    expect(linkOrigin({ host: '0.0.0.0' }, 8787, lan)).toEqual({ origin: 'http://192.168.1.20:8787', source: 'LAN', others: ['203.0.113.7'] });
    expect(linkOrigin({ host: '::' }, 9000, { lo: [nic('127.0.0.1', true)] })).toEqual({ origin: 'http://localhost:9000', source: 'localhost' });
  });
});

describe('forwarded addresses', () => {
  let congressId: string;
  beforeAll(async () => {
    const admin = await setupAdmin(t);
    congressId = (await congressWithRoles(t, admin)).congress.id;
    await openWindow(admin, congressId);
  });

  const submit = async (app: ReturnType<typeof createApp>, xff: string, i: number) =>
    app.request(`/api/public/congresses/${congressId}/proposals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': xff },
      body: JSON.stringify({ ...proposalFields({ title: `轮换地址${i}` }), submitterContact: 'x', ...(await solved(t)) }),
    });

  it('behind one trusted proxy, a client rotating its own X-Forwarded-For entries still hits the submission limit: the entry the proxy appended counts', async () => {
    const app = appWith(1);
    const seenByProxy = '203.0.113.50';
    const statuses: number[] = [];
    for (let i = 0; i <= PUBLIC_LIMITS.submitPerHour; i++) {
      // What the client wrote (one or two entries of its own, new each time), then what the proxy appended.
      const own = i % 2 ? forged() : `${forged()}, ${forged()}`;
      statuses.push((await submit(app, `${own}, ${seenByProxy}`, i)).status);
    }
    expect(statuses.slice(0, -1)).toEqual(Array(PUBLIC_LIMITS.submitPerHour).fill(201));
    expect(statuses.at(-1)).toBe(429);
    // Someone else behind the same proxy (another appended entry), even copying the first one's forged entries: not limited.
    expect((await submit(app, `${forged()}, 203.0.113.51`, 99)).status).toBe(201);
  });

  const serialMiss = async (app: ReturnType<typeof createApp>, xff: string, i: number) => {
    const res = await app.request('/api/public/ballot/by-serial', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': xff },
      body: JSON.stringify({ congressId: randomUUID(), serial: `ZZZZ${String(1000 + (i % 9000)).slice(-4).replace(/[01]/g, '2')}` }),
    });
    return ((await res.json()) as { error: { code: string } }).error.code;
  };

  it('with two hops configured, the second entry from the right counts (the client as the outer proxy saw it), not the client\'s own nor the inner proxy\'s', async () => {
    const app = appWith(2);
    const loadBalancer = '10.0.0.2';
    for (let i = 0; i < LOOKUP_LIMITS.failuresPerTenMinutes; i++) expect(await serialMiss(app, `${forged()}, 198.18.0.9, ${loadBalancer}`, i)).toBe('card_serial_unknown');
    expect(await serialMiss(app, `${forged()}, 198.18.0.9, ${loadBalancer}`, 0)).toBe('rate_limited');
    // Another client through the same two proxies is a different address.
    expect(await serialMiss(app, `${forged()}, 198.18.0.10, ${loadBalancer}`, 0)).toBe('card_serial_unknown');
  });

  it('with TRUST_PROXY off the headers are ignored: rotating them changes nothing, the connection\'s address counts', async () => {
    const app = appWith(0);
    for (let i = 0; i < LOOKUP_LIMITS.failuresPerTenMinutes; i++) expect(await serialMiss(app, forged(), i)).toBe('card_serial_unknown');
    expect(await serialMiss(app, forged(), 0)).toBe('rate_limited');
    expect(await serialMiss(app, `${forged()}, ${forged()}`, 0)).toBe('rate_limited');
  });

  it('X-Forwarded-Proto is read like the address: the Secure cookie follows the trusted proxy\'s entry only', async () => {
    const secure = async (trustProxy: number, proto: string) => {
      const res = await appWith(trustProxy).request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forged(), 'x-forwarded-proto': proto },
        body: JSON.stringify({ username: 'admin', password: PASSWORD }),
      });
      expect(res.status).toBe(200);
      return /;\s*Secure/i.test(res.headers.get('set-cookie') ?? '');
    };
    expect(await secure(1, 'https')).toBe(true);
    expect(await secure(1, 'https, http')).toBe(false); // the client wrote https; the proxy saw http
    expect(await secure(2, 'https, http')).toBe(true); // the outer proxy saw https; the inner one appended http
    expect(await secure(0, 'https')).toBe(false);
  });
});

describe('host headers', () => {
  // PUBLIC_ORIGIN set; and unset, where an app built in process prints http://localhost (the real server's default
  // from HOST and PORT is below) — before, the request's Host / X-Forwarded-Host filled the gap.
  it.each([
    ['PUBLIC_ORIGIN set', ORIGIN],
    ['no origin configured', undefined],
  ])('a forged Host / X-Forwarded-Host never reaches a printed link or QR: every one carries the configured origin (%s)', { timeout: 120_000 }, async (_, configured) => {
    const ORIGIN = configured ?? 'http://localhost';
    const app = appWith(1, configured);
    // Every request of this hall comes in on an attacker's host name, with a forwarded host and scheme to match.
    const evil: TestApp = {
      ...t,
      app: {
        request: (path: string, init: RequestInit = {}) =>
          app.request(`http://evil.example${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), 'x-forwarded-host': 'evil.example:8443', 'x-forwarded-proto': 'http' } }),
      } as unknown as TestApp['app'],
    };
    const h = await hall(evil, { seated: 3, titles: ['桥梁', '广场', '学校'] });
    const anyone = new Client(evil);

    // The poster: the address printed under it and its QR, cached publicly for an hour.
    const submitUrl = `${ORIGIN}/p/${h.congressId}`;
    expect((await anyone.get(`/api/public/congresses/${h.congressId}`)).body.submitUrl).toBe(submitUrl);
    const poster = await anyone.get(`/api/public/congresses/${h.congressId}/poster-qr.svg`);
    expect(poster.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(poster.text).toBe(await QRCode.toString(submitUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }));

    // Delegate cards.
    const delegates = (await h.admin.get(`${h.base}/roster/cards`)).body.cards as { url: string }[];
    expect(delegates.length).toBe(3);
    for (const c of delegates) expect(c.url.startsWith(`${ORIGIN}/l#`), c.url).toBe(true);

    // Ballot cards, then the result's verification link and its QR.
    const vote = (await h.roles.presidium.post(`${h.base}/sessions/${h.sessionId}/votes`, { listId: h.listId, title: '票决', spareCards: 0 })).body;
    const { path, cards } = await runVote(evil, h, vote.id, ['F--', '-F-', 'FF-'].map((s) => marksOf(h.candidateIds, s)));
    for (const c of cards) expect(c.url.startsWith(`${ORIGIN}/b#`), c.url).toBe(true);
    expect((await h.roles.scrutineer.post(`${path}/tally`, {})).status).toBe(201);
    const report = (await h.roles.scrutineer.get(`${path}/tally/report`)).body;
    expect(report.verifyUrl).toBe(`${ORIGIN}/v/${vote.id}#sha256=${report.resultDigest}`);
    expect(report.qrSvg).toBe(await QRCode.toString(report.verifyUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }));

    // Evaluation code slips.
    const year = new Date().getFullYear();
    const project = (await h.admin.post(`${h.base}/projects`, { year, title: '道路硬化', leadDepartmentId: h.department.id, coDepartmentIds: [], plannedInvestment: '100', fundingSource: '县财政', plannedCompletion: `${year}-12-31` })).body;
    const round = (await h.admin.post(`${h.base}/evaluation/rounds`, { year, title: '测评', audiences: ['residents'], projectIds: [project.id] })).body;
    const rpath = `${h.base}/evaluation/rounds/${round.id}`;
    expect((await h.admin.post(`${rpath}/open`, {})).status).toBe(200);
    expect((await h.admin.post(`${rpath}/codes`, { audience: 'residents', count: 2 })).status).toBeLessThan(300);
    const slips = (await h.admin.get(`${rpath}/codes?audience=residents`)).body as { url: string }[];
    expect(slips).toHaveLength(2);
    for (const s of slips) expect(s.url.startsWith(`${ORIGIN}/e#`), s.url).toBe(true);

    // Nothing anywhere names the forged host.
    expect(JSON.stringify([delegates, cards, report, slips])).not.toContain('evil.example');
  });
});

/** One request with exactly these headers (a forged Host too), on its own connection; `null` when refused. */
function raw(url: string, init: { method?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer } | { error: string }> {
  return new Promise((resolve) => {
    const req = http.request(url, { method: init.method ?? 'GET', headers: { connection: 'close', ...init.headers }, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.end();
  });
}

/** A non-loopback IPv4 address of this machine, if it has one. */
const nonLoopback = Object.values(os.networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal && !a.address.startsWith('127.'))?.address;

describe.skipIf(inPostgresRun)('the real server, listening on every interface, with no PUBLIC_ORIGIN (PGlite run only: the listener does not depend on the database)', () => {
  const tmp = mkdtempSync(join(os.tmpdir(), 'ms-proxy-'));
  const dir = join(tmp, 'data');
  let server: ServerProcess;
  let congressId: string;
  beforeAll(async () => {
    const local = await appOnDir(dir);
    congressId = (await congressWithRoles(local, await setupAdmin(local))).congress.id;
    await local.close();
    server = await startServer({ DATA_DIR: dir, HOST: '0.0.0.0', TRUST_PROXY: '1', PUBLIC_ORIGIN: '' });
  }, 120_000);
  afterAll(async () => {
    await server?.kill();
    rmSync(tmp, { recursive: true, force: true });
  });

  const expected = () => linkOrigin({ host: '0.0.0.0' }, server.port).origin;

  it('says at start, in one line, which origin printed links use: a warning, as it is a default', async () => {
    const lines = () => readFileSync(server.logFile, 'utf8').split('\n').filter((l) => l.includes('printed links and QR codes use'));
    await expect.poll(lines, { timeout: 5000 }).toHaveLength(1);
    const line = JSON.parse(lines()[0]);
    expect(line).toMatchObject({ level: 'warn', origin: expected() });
    expect(line.msg).toMatch(/default origin: set PUBLIC_ORIGIN/);
  });

  it('prints that origin into the poster and its QR whatever Host and X-Forwarded-Host say', async () => {
    const origin = expected();

    const forgedHost = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };
    const pub = await raw(`http://127.0.0.1:${server.port}/api/public/congresses/${congressId}`, { headers: forgedHost });
    expect('status' in pub && pub.status).toBe(200);
    expect(JSON.parse((pub as { body: Buffer }).body.toString()).submitUrl).toBe(`${origin}/p/${congressId}`);
    const qr = await raw(`http://127.0.0.1:${server.port}/api/public/congresses/${congressId}/poster-qr.svg`, { headers: forgedHost });
    expect('body' in qr && qr.body.toString()).toBe(await QRCode.toString(`${origin}/p/${congressId}`, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }));
  });

  it.skipIf(!nonLoopback)(`serves the backup control route to this machine only (through ${nonLoopback ?? 'no non-loopback IPv4 address: skipped'} it is refused)`, { timeout: 60_000 }, async () => {
    const control = readControlFile(readFileSync(join(dir, 'control.token'), 'utf8'))!;
    const token = { [CONTROL_HEADER]: control.token };
    const backup = (host: string, port: number, headers: Record<string, string> = token) => raw(`http://${host}:${port}/internal/backup`, { method: 'POST', headers });

    // From the network, with the right token: not on the server's port, and the control port does not accept it at all.
    const viaLan = await backup(nonLoopback!, server.port);
    expect('status' in viaLan && viaLan.status).toBe(404);
    expect(control.port).toBe(server.port);
    expect(control.control).toMatchObject({ host: '127.0.0.1' });
    expect(await backup(nonLoopback!, control.control!.port)).toEqual({ error: 'ECONNREFUSED' });
    // A proxy on this machine forwards from 127.0.0.1 to the server's port: the route is not there either.
    const viaProxy = await backup('127.0.0.1', server.port);
    expect('status' in viaProxy && viaProxy.status).toBe(404);

    // On the loopback control port: the token is still checked, and with it the backup comes.
    const noToken = await backup('127.0.0.1', control.control!.port, {});
    expect('status' in noToken && noToken.status).toBe(403);
    const ok = await backup('127.0.0.1', control.control!.port);
    if (!('status' in ok)) throw new Error(ok.error);
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toBe('application/gzip');
    expect([...ok.body.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    expect(Number(ok.headers['x-minsheng-rows'])).toBeGreaterThan(0);

    // `npm run backup` finds the control port in the token file, whatever HOST says.
    const file = join(tmp, 'live.backup');
    const b = await run('backup', [file], { DATA_DIR: dir, HOST: nonLoopback!, PORT: '1' });
    expect(b.code, b.out).toBe(0);
    expect(b.stdout).toContain('taken by the running server');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
