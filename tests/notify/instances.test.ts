/**
 * Each message once, across real server processes (SPEC §17 "shared safely by several instances"; issue 26 "each message
 * once across two instances and a restart"): the server as its own process with its worker on, the real SMS and SMTP
 * transports, the test SMS gateway and SMTP server (tests/notify/gateways.ts).
 *
 * - Two instances on one PostgreSQL database, 300 messages (SMS and e-mail); one instance stopped (SIGTERM) while it
 *   sends and started again: every message delivered exactly once (counted by OutId / Message-ID), and the rows sent
 *   are exactly those delivered.
 * - One instance on a throwaway PostgreSQL cluster restarted while the worker sends: nothing lost, nothing twice, the
 *   same process goes on.
 * - The processes' logs hold no phone number or e-mail address sent to.
 *
 * The SMS gateway answers through a small relay that holds each request a moment, so that sends are in flight when the
 * stop or the database restart comes. SMS go as test messages (which quiet hours do not hold: the test may run at night
 * in Shanghai); e-mail as a resident's message (no quiet hours).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue, type NewMessage } from '../../server/notify/outbox.ts';
import type { TestApp } from '../helpers/app.ts';
import { setupAdmin, uniq, useTestApp } from '../helpers/app.ts';
import { clusterUnavailable, createCluster, type Cluster } from '../helpers/pg-cluster.ts';
import { appOn } from '../reliability/ledger.ts';
import { startServer, type ServerProcess } from '../reliability/server-process.ts';
import { startSmsGateway, startSmtp, type SmsGateway, type SmtpServer } from './gateways.ts';

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const clusterWhy = onPostgres ? clusterUnavailable() : 'runs in the PostgreSQL run of the suite';

/** An HTTP relay to `target` that holds each request `ms` before passing it on (a provider a little slow to answer). */
async function slowRelay(target: string, ms: number) {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      await new Promise((r) => setTimeout(r, ms));
      try {
        const answer = await fetch(target, { method: req.method, headers: { 'content-type': req.headers['content-type'] ?? '' }, body: Buffer.concat(chunks) });
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
        res.end(Buffer.from(await answer.arrayBuffer()));
      } catch {
        res.writeHead(502).end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

type Providers = { sms: SmsGateway; smtp: SmtpServer; relay: Awaited<ReturnType<typeof slowRelay>>; env: Record<string, string> };

async function providers(): Promise<Providers> {
  const [sms, smtp] = await Promise.all([startSmsGateway(), startSmtp()]);
  const relay = await slowRelay(sms.url, 60);
  const env = {
    ...sms.env,
    SMS_GATEWAY_URL: relay.url,
    ...smtp.env,
    SMS_TEMPLATES: JSON.stringify({ test: 'SMS_900001', item_answered: 'SMS_900002' }),
    NOTIFY_POLL_MS: '100',
    PUBLIC_ORIGIN: 'https://minsheng.example.cn',
  };
  return { sms, smtp, relay, env };
}

/** `n` messages, half SMS (test messages), half e-mail (a resident's answer), each to an address of its own. */
function messages(congressId: string, n: number, tag: string) {
  const phones: string[] = [];
  const mails: string[] = [];
  const list: NewMessage[] = Array.from({ length: n }, (_, i): NewMessage => {
    if (i % 2 === 0) {
      const phone = `13${String(1 + (i % 7))}${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
      phones.push(phone);
      return { congressId, kind: 'test', to: { audience: 'staff', personKey: `test:${tag}${i}`, channel: 'sms', address: phone }, params: { congress: '示范镇人大' } };
    }
    const mail = `resident.${tag}${i}@example.cn`;
    mails.push(mail);
    return { congressId, kind: 'item_answered', to: { audience: 'resident', personKey: `addr:${tag}${i}`, channel: 'email', address: mail }, params: { code: `M${i}`, link: 'https://minsheng.example.cn/t' } };
  });
  return { list, phones, mails };
}

const outboxId = (messageId: string) => /<([^@>]+)@minsheng>/.exec(messageId)?.[1] ?? messageId;

/** Wait (no deadline of its own: the test's) until every one of `ids` is final, and answer their states. */
async function untilFinal(t: Pick<TestApp, 'database'>, ids: string[]) {
  for (;;) {
    // While the database restarts this read fails too: read again.
    const rows = await t.database.query<{ id: string; state: string }>(`select id, state from outbox where id = any($1::text[])`, [ids]).catch(() => []);
    if (rows.length === ids.length && rows.every((r) => r.state !== 'pending' && r.state !== 'sending')) return rows;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every id delivered exactly once (SMS by OutId, e-mail by Message-ID), nothing else delivered, nothing refused as malformed. */
function expectEachOnce(p: Providers, ids: string[]) {
  const delivered = [...p.sms.received.map((r) => r.outId), ...p.smtp.mails.map((m) => outboxId(m.messageId))];
  const twice = delivered.filter((id, i) => delivered.indexOf(id) !== i);
  expect(twice, 'delivered twice').toEqual([]);
  expect(delivered.sort()).toEqual([...ids].sort());
  expect(p.sms.rejected).toEqual([]);
}

async function expectNoAddressIn(servers: ServerProcess[], addresses: string[]) {
  for (const s of servers) {
    const text = (await s.logs()).join('\n');
    const found = addresses.filter((a) => text.includes(a));
    expect(found, s.logFile).toEqual([]);
  }
}

describe.skipIf(!onPostgres)('two instances, one stopped and started again mid-way: each message once (PostgreSQL run only: a PGlite data directory serves one process)', () => {
  const t = useTestApp();
  let p: Providers;
  const servers: ServerProcess[] = [];
  let congressId: string;

  beforeAll(async () => {
    p = await providers();
    const admin = await setupAdmin(t);
    congressId = (await admin.post('/api/congresses', { name: uniq('示范镇人大'), level: 'township', term: 18 })).body.id;
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill()));
    await p?.relay.close();
    await Promise.all([p?.sms.close(), p?.smtp.close()]);
  });

  it('300 messages, instance A stopped (SIGTERM) while sending and started again: each delivered exactly once, sent == delivered', async () => {
    const env = { DATABASE_URL: t.database.url!, TRUST_PROXY: '1', ...p.env };
    const [a, b] = await Promise.all([startServer(env), startServer(env)]);
    servers.push(a, b);
    const first = messages(congressId, 200, 'two');
    const ids = await t.database.db.transaction((tx) => enqueue(tx, first.list));
    const delivered = () => p.sms.received.length + p.smtp.mails.length;
    while (delivered() < 60) await new Promise((r) => setTimeout(r, 10));
    await a.kill('SIGTERM'); // while both send: A stops claiming, finishes and records what it is sending, exits
    expect(a.proc.exitCode).toBe(0);
    // More come while A is away; then A starts again.
    const second = messages(congressId, 100, 'two-b');
    ids.push(...(await t.database.db.transaction((tx) => enqueue(tx, second.list))));
    expect(ids).toHaveLength(300);
    const phones = [...first.phones, ...second.phones];
    const mails = [...first.mails, ...second.mails];
    const again = await startServer(env);
    servers.push(again);
    const rows = await untilFinal(t, ids);
    expect(rows.filter((r) => r.state !== 'sent')).toEqual([]);
    expectEachOnce(p, ids);
    // What the outbox says was sent is what the providers received, and each sent row's address is gone.
    const [{ sent, withAddress }] = await t.database.query<{ sent: number; withAddress: number }>(
      `select count(*) filter (where state = 'sent')::int as sent, count(*) filter (where address <> '')::int as "withAddress" from outbox where id = any($1::text[])`,
      [ids],
    );
    expect(sent).toBe(delivered());
    expect(withAddress).toBe(0);
    await Promise.all([b.kill(), again.kill()]);
    // Both first instances sent (the stopped one before its stop); what each logged as sent adds up to what was delivered.
    const senders = await Promise.all(
      [a, b, again].map(async (s) => (await s.logs()).filter((l) => l.includes('"msg":"notify message"') && l.includes('"state":"sent"')).length),
    );
    expect(senders[0]).toBeGreaterThan(0);
    expect(senders[1]).toBeGreaterThan(0);
    expect(senders[0] + senders[1] + senders[2]).toBe(300);
    await expectNoAddressIn([a, b, again], [...phones, ...mails]);
  }, 300_000);

  it('NOTIFY_WORKER=0 runs no worker on that instance; a wrong notify setting stops the start with its line', async () => {
    const off = await startServer({ DATABASE_URL: t.database.url!, ...p.env, NOTIFY_WORKER: '0' });
    servers.push(off);
    await off.kill();
    const lines = (await off.logs()).map((l) => JSON.parse(l) as { msg: string });
    expect(lines.some((l) => l.msg === 'ready')).toBe(true);
    expect(lines.filter((l) => l.msg.startsWith('notify worker'))).toEqual([]);
    const logFile = `${process.cwd()}/tests/reliability/.logs/notify-bad-${Date.now()}.log`;
    await expect(startServer({ DATABASE_URL: t.database.url!, ...p.env, SMS_TEMPLATES: '{"no_such_kind":"SMS_1"}' }, { logFile })).rejects.toThrow(/exited with 1/);
    const { readFileSync } = await import('node:fs');
    // The process has exited; its pipes may still be draining into the file: wait for the line.
    let text = readFileSync(logFile, 'utf8');
    while (!text.includes('\n')) {
      await new Promise((r) => setTimeout(r, 20));
      text = readFileSync(logFile, 'utf8');
    }
    expect(text).toMatch(/SMS_TEMPLATES/);
    expect(text).toMatch(/no_such_kind/);
    expect(text).not.toContain(p.sms.secret);
  }, 120_000);
});

describe.skipIf(clusterWhy !== null)(`the database restarted while the worker sends${clusterWhy ? ` — skipped: ${clusterWhy}` : ''}`, () => {
  let cluster: Cluster;
  let t: TestApp;
  let p: Providers;
  let server: ServerProcess;
  let congressId: string;
  const addresses: string[] = [];

  beforeAll(async () => {
    cluster = await createCluster();
    const postgres = (await import('postgres')).default;
    const admin = postgres(cluster.url('postgres'), { max: 1, onnotice: () => {} });
    await admin.unsafe('create database minsheng');
    await admin.end();
    t = await appOn(cluster.url('minsheng'));
    p = await providers();
    const res = await t.app.request('/api/setup', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' }, body: JSON.stringify({ username: 'admin', displayName: '管理员', password: 'correct horse battery' }) });
    const cookie = /ms_session=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
    const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
    const made = await t.app.request('/api/congresses', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `ms_session=${cookie}`, 'x-csrf-token': csrf, 'x-forwarded-for': '203.0.113.9' },
      body: JSON.stringify({ name: uniq('示范镇人大'), level: 'township', term: 18 }),
    });
    congressId = ((await made.json()) as { id: string }).id;
    server = await startServer({ DATABASE_URL: cluster.url('minsheng'), ...p.env });
  }, 180_000);

  afterAll(async () => {
    await server?.kill();
    await t?.database.close().catch(() => {});
    await p?.relay.close();
    await Promise.all([p?.sms.close(), p?.smtp.close()]);
    await cluster?.remove();
  });

  for (const mode of ['fast', 'immediate'] as const) {
    it(`a ${mode} restart: nothing lost, nothing twice, the worker goes on`, async () => {
      p.sms.received.length = 0;
      p.sms.requests.length = 0;
      p.smtp.mails.length = 0;
      const pid = server.proc.pid;
      const { list, phones, mails } = messages(congressId, 200, `db${mode}`);
      addresses.push(...phones, ...mails);
      const ids = await t.database.db.transaction((tx) => enqueue(tx, list));
      const delivered = () => p.sms.received.length + p.smtp.mails.length;
      while (delivered() < 40) await new Promise((r) => setTimeout(r, 10));
      await cluster.restart(mode);
      const rows = await untilFinal(t, ids);
      expect(rows.filter((r) => r.state !== 'sent')).toEqual([]);
      expectEachOnce(p, ids);
      const [{ sent }] = await t.database.query<{ sent: number }>(`select count(*)::int as sent from outbox where state = 'sent' and id = any($1::text[])`, [ids]);
      expect(sent).toBe(delivered());
      expect(server.proc.pid).toBe(pid);
      expect(server.proc.exitCode).toBeNull();
      // Still sending after it: one more message goes.
      const [more] = await enqueue(t.database.db, messages(congressId, 1, `after${mode}`).list);
      await untilFinal(t, [more]);
      expect(p.sms.deliveredCount(more)).toBe(1);
      if (mode === 'immediate') {
        await server.kill();
        await expectNoAddressIn([server], addresses);
      }
    }, 300_000);
  }
});
