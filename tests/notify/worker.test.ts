/**
 * The outbox worker, a pass at a time (`tick`), on this run's database (PGlite or PostgreSQL), with a clock the test
 * sets: sent once; retried with backoff then sent; failed after the last attempt or at once on a refusal for good; a
 * staff retry; quiet hours (SMS held to 08:00 Shanghai, e-mail not); the congress's SMS cap and a person's cap (held to
 * the next Shanghai day); opting out (a signed-in account's switches, a resident's 退订 link); a channel off; a lease
 * taken over after a "crash"; two workers at once; the staff's list (masked, counted, filtered). The provider is a real
 * HTTP server on this machine behind a small transport (the real transports are tested in channels.test.ts, and with
 * this worker across processes in instances.test.ts).
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as NC from '../../shared/notify/contract.ts';
import { MAX_ATTEMPTS, backoffMs, maskAddress, nextShanghaiDay } from '../../shared/notify/rules.ts';
import { MESSAGE_KINDS, type Channel, type MessageKind } from '../../shared/notify/enums.ts';
import { outbox } from '../../server/db/schema/index.ts';
import { enqueue, type NewMessage } from '../../server/notify/outbox.ts';
import { optoutLink } from '../../server/notify/optout.ts';
import type { Outgoing, Transport, Transports } from '../../server/notify/types.ts';
import { OutboxWorker, scrubAddresses, type WorkerOptions } from '../../server/notify/worker.ts';
import { Client, congressWithRoles, setupAdmin, useTestApp } from '../helpers/app.ts';

type Got = { id: string; channel: string; address: string; text: string; robot?: string };
type Mode = 'ok' | 'fail' | 'retry' | 'slow';

/** A provider on a real port: records every request, answers as `mode` says (per message). */
async function startProvider() {
  const requests: Got[] = [];
  const received: Got[] = [];
  const held = new Set<ServerResponse>();
  const p = { requests, received, mode: (_g: Got): Mode => 'ok', url: '', close: async () => {} };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const g = JSON.parse(body) as Got;
      requests.push(g);
      const m = p.mode(g);
      if (m === 'slow') {
        held.add(res);
        req.socket.on('close', () => held.delete(res));
        return;
      }
      if (m === 'ok') received.push(g);
      res.writeHead(m === 'ok' ? 200 : m === 'fail' ? 400 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify(m === 'ok' ? { id: `p-${requests.length}` } : { error: m === 'fail' ? `number refused: ${g.address}` : 'busy' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  p.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
  p.close = async () => {
    for (const r of held) r.destroy();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  };
  return p;
}

/** A transport to the test provider: 200 sent, 400 refused for good (its words hold the address: the worker scrubs it), 503 retry. */
function transport(channel: Channel, url: string): Transport {
  return {
    channel,
    configured: true,
    detail: 'test provider',
    async send(m: Outgoing, signal: AbortSignal) {
      const res = await fetch(url, { method: 'POST', body: JSON.stringify({ id: m.id, channel: m.channel, address: m.address, text: m.text, robot: m.robot?.webhook }), signal });
      const body = (await res.json()) as { id?: string; error?: string };
      if (res.ok) return { ok: true, providerId: body.id };
      return { ok: false, retry: res.status >= 500, error: `${res.status} ${body.error}` };
    },
  };
}

const SMS_TEMPLATES = Object.fromEntries(MESSAGE_KINDS.map((k) => [k, `SMS_${k}`])) as Record<MessageKind, string>;

/** 00:00 Asia/Shanghai of a day a month ahead (rows written now are due by then); `at(h, m, day)` an instant of it. */
const D0 = nextShanghaiDay(new Date(Date.now() + 29 * 86_400_000)).getTime();
const at = (h: number, m = 0, day = 0) => new Date(D0 + day * 86_400_000 + h * 3_600_000 + m * 60_000);

describe('the outbox worker', () => {
  const t = useTestApp();
  let provider: Awaited<ReturnType<typeof startProvider>>;
  let admin: Client;
  let congressId: string;
  let departmentId: string;
  let roles: Record<string, Client>;
  let now = at(10);
  let transports: Transports;
  let timeoutMs = 5000;
  const worker = (o: Partial<WorkerOptions> = {}) =>
    new OutboxWorker({
      database: t.database,
      keys: t.keys,
      runtime: { transports, config: { smsTemplates: SMS_TEMPLATES, timeoutMs } },
      clock: () => now,
      publicOrigin: 'https://minsheng.example.cn',
      scanEveryMs: 0,
      ...o,
    });
  let w: OutboxWorker;

  let seq = 0;
  const phone = () => `139${String(10_000_000 + ++seq).slice(-8)}`;
  const message = (o: Partial<NewMessage> & { channel?: Channel; address?: string; personKey?: string; congress?: string } = {}): NewMessage => {
    const channel = o.channel ?? 'sms';
    const address = o.address ?? (channel === 'sms' ? phone() : channel === 'email' ? `r${++seq}@example.cn` : '');
    return {
      congressId: o.congress ?? congressId,
      kind: o.kind ?? 'item_answered',
      to: { audience: 'resident', personKey: o.personKey ?? `addr:test${++seq}`, channel, address },
      params: o.params ?? { code: `X${seq}`, link: 'https://minsheng.example.cn/t' },
      ...(o.dueAt ? { dueAt: o.dueAt } : {}),
    };
  };
  const put = async (...ms: NewMessage[]) => enqueue(t.database.db, ms);
  const rowOf = async (id: string) => (await t.database.db.select().from(outbox).where(sql`${outbox.id} = ${id}`))[0];
  /** Ticks until a pass handles nothing. */
  const drain = async (wk = w) => {
    let total = 0;
    for (let n = await wk.tick(); n > 0; n = await wk.tick()) total += n;
    return total;
  };

  beforeAll(async () => {
    provider = await startProvider();
    transports = { sms: transport('sms', provider.url), email: transport('email', provider.url), wecom: transport('wecom', provider.url) };
    admin = await setupAdmin(t);
    const c = await congressWithRoles(t, admin);
    congressId = c.congress.id;
    departmentId = c.department.id;
    roles = c.clients;
    w = worker();
  });
  afterAll(async () => {
    await provider?.close();
  });
  beforeEach(async () => {
    await t.database.db.delete(outbox);
    provider.requests.length = 0;
    provider.received.length = 0;
    provider.mode = () => 'ok';
    now = at(10);
    timeoutMs = 5000;
  });

  it('sends a message once: recorded sent, the address blanked and the mask kept', async () => {
    const m = message();
    const [id] = await put(m);
    expect(await w.tick()).toBe(1);
    expect(provider.received.map((g) => [g.id, g.address])).toEqual([[id, m.to.address]]);
    const row = await rowOf(id);
    expect(row).toMatchObject({ state: 'sent', address: '', addressMasked: maskAddress('sms', m.to.address), attempts: 1, leasedBy: null, reason: null });
    expect(row.sentAt?.getTime()).toBe(now.getTime());
    expect(row.providerId).toBe('p-1');
    expect(await drain()).toBe(0);
    expect(provider.requests).toHaveLength(1);
  });

  it('retries a failure that may pass after its backoff, then sends', async () => {
    const [id] = await put(message());
    let failures = 2;
    provider.mode = () => (failures-- > 0 ? 'retry' : 'ok');
    await w.tick();
    let row = await rowOf(id);
    expect(row).toMatchObject({ state: 'pending', reason: 'retry', attempts: 1, lastError: '503 busy' });
    expect(row.dueAt.getTime()).toBe(now.getTime() + backoffMs(1));
    now = new Date(now.getTime() + backoffMs(1) - 1);
    expect(await w.tick()).toBe(0); // not before its time
    now = new Date(now.getTime() + 1);
    await w.tick();
    row = await rowOf(id);
    expect(row).toMatchObject({ state: 'pending', attempts: 2 });
    expect(row.dueAt.getTime()).toBe(now.getTime() + backoffMs(2));
    expect(backoffMs(2)).toBeGreaterThan(backoffMs(1));
    now = row.dueAt;
    await w.tick();
    expect(await rowOf(id)).toMatchObject({ state: 'sent', attempts: 3, reason: null, address: '' });
    expect(provider.received.filter((g) => g.id === id)).toHaveLength(1);
  });

  it('gives up after the last attempt (the address kept for a retry), and at once on a refusal for good; no address in the words', async () => {
    const [a, b] = await put(message(), message());
    const refuse = new Set([b]);
    provider.mode = (g) => (refuse.has(g.id) ? 'fail' : 'retry');
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      await w.tick();
      const row = await rowOf(a);
      expect(row.attempts).toBe(i);
      if (i < MAX_ATTEMPTS) {
        expect(row.state).toBe('pending');
        now = row.dueAt;
      }
    }
    const failed = await rowOf(a);
    expect(failed).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS, lastError: '503 busy' });
    expect(failed.address).not.toBe('');
    const refused = await rowOf(b);
    expect(refused).toMatchObject({ state: 'failed', attempts: 1 });
    expect(refused.lastError).toMatch(/^400 number refused/);
    expect(refused.lastError).not.toContain(refused.address);
    expect(await drain()).toBe(0);
  });

  it('a timeout is a failure that may pass', async () => {
    timeoutMs = 300;
    const wk = worker();
    const [id] = await put(message());
    provider.mode = () => 'slow';
    await wk.tick();
    expect(await rowOf(id)).toMatchObject({ state: 'pending', reason: 'retry', attempts: 1, lastError: 'timeout after 300 ms' });
  });

  it('staff send a failed message again (its attempts start over); only a failed one, only their own congress', async () => {
    const [id, other] = await put(message(), message());
    provider.mode = (g) => (g.id === id ? 'fail' : 'ok');
    await w.tick();
    expect((await rowOf(id)).state).toBe('failed');
    const notFailed = await admin.call(NC.retryMessage, { params: { congressId, messageId: other } });
    expect(notFailed.status).toBe(409);
    expect(notFailed.body.error?.code).toBe('notify_not_failed');
    const missing = await admin.call(NC.retryMessage, { params: { congressId, messageId: 'nope' } });
    expect(missing.status).toBe(404);
    expect(missing.body.error?.code).toBe('notify_message_not_found');
    expect((await roles.representative.call(NC.retryMessage, { params: { congressId, messageId: id } })).status).toBe(403);
    const retried = await roles.admin.call(NC.retryMessage, { params: { congressId, messageId: id } });
    expect(retried.status).toBe(200);
    expect(await rowOf(id)).toMatchObject({ state: 'pending', attempts: 0 });
    const audit = await t.database.query<{ action: string }>(`select action from audit_log where target_id = $1`, [id]);
    expect(audit.map((a) => a.action)).toEqual(['notify.retry']);
    provider.mode = () => 'ok';
    await w.tick(); // due at once (the real now, before the test's clock)
    expect(await rowOf(id)).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('holds SMS in quiet hours until 08:00 Shanghai (the attempt not counted); e-mail and a test message go at once', async () => {
    now = at(23);
    const [sms, mail, test] = await put(message(), message({ channel: 'email' }), message({ kind: 'test', params: { congress: '示范镇' } }));
    expect(await w.tick()).toBe(3);
    expect(await rowOf(sms)).toMatchObject({ state: 'pending', reason: 'quiet_hours', attempts: 0 });
    expect((await rowOf(sms)).dueAt.getTime()).toBe(at(8, 0, 1).getTime());
    expect((await rowOf(mail)).state).toBe('sent');
    expect((await rowOf(test)).state).toBe('sent');
    now = at(7, 59, 1);
    const [early] = await put(message());
    expect(await w.tick()).toBe(1);
    expect(await rowOf(early)).toMatchObject({ state: 'pending', reason: 'quiet_hours' });
    expect((await rowOf(early)).dueAt.getTime()).toBe(at(8, 0, 1).getTime());
    now = at(8, 0, 1);
    expect(await drain()).toBe(2);
    expect(await rowOf(sms)).toMatchObject({ state: 'sent', attempts: 1 });
    expect(await rowOf(early)).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it("holds SMS over the congress's daily cap, and a person's messages over theirs, to the next Shanghai day", async () => {
    const own = await congressWithRoles(t, admin);
    const cid = own.congress.id;
    const settings = (await admin.get(`/api/congresses/${cid}`)).body.settings;
    const put2 = await admin.put(`/api/congresses/${cid}/settings`, { ...settings, notify: { ...settings.notify, smsDailyCap: 3, perPersonDailyCap: 2 } });
    expect(put2.status).toBe(200);
    const ids = await put(...[1, 2, 3, 4, 5].map(() => message({ congress: cid })));
    const person = 'addr:one-person';
    const mails = await put(...[1, 2, 3].map(() => message({ congress: cid, channel: 'email', personKey: person })));
    const tests = await put(message({ congress: cid, channel: 'email', kind: 'test', params: { congress: 'x' } }));
    now = at(9);
    await drain();
    const rows = await Promise.all(ids.map(rowOf));
    expect(rows.filter((r) => r.state === 'sent')).toHaveLength(3);
    const held = rows.filter((r) => r.state === 'pending');
    expect(held).toHaveLength(2);
    for (const r of held) expect(r).toMatchObject({ reason: 'daily_cap', attempts: 0, dueAt: at(0, 0, 1) });
    const mailRows = await Promise.all(mails.map(rowOf));
    expect(mailRows.filter((r) => r.state === 'sent')).toHaveLength(2);
    expect(mailRows.find((r) => r.state === 'pending')).toMatchObject({ reason: 'person_cap', dueAt: at(0, 0, 1) });
    expect((await rowOf(tests[0])).state).toBe('sent'); // a test message is not capped
    // The next day (08:00: the cap opened at 00:00, quiet hours until 08:00) the held ones go.
    now = at(0, 0, 1);
    await drain();
    for (const r of held) expect(await rowOf(r.id)).toMatchObject({ state: 'pending', reason: 'quiet_hours' });
    expect((await Promise.all(mails.map(rowOf))).every((r) => r.state === 'sent')).toBe(true);
    now = at(8, 0, 1);
    await drain();
    for (const r of held) expect((await rowOf(r.id)).state).toBe('sent');
  });

  it("two workers counting at once never both take the cap's last place", async () => {
    const own = await congressWithRoles(t, admin);
    const cid = own.congress.id;
    const settings = (await admin.get(`/api/congresses/${cid}`)).body.settings;
    await admin.put(`/api/congresses/${cid}/settings`, { ...settings, notify: { ...settings.notify, smsDailyCap: 7 } });
    await put(...Array.from({ length: 30 }, () => message({ congress: cid })));
    const a = worker({ instanceId: 'cap-a', batch: 5 });
    const b = worker({ instanceId: 'cap-b', batch: 5 });
    await Promise.all([drain(a), drain(b)]);
    expect(provider.received).toHaveLength(7);
    const [{ n }] = await t.database.query<{ n: number }>(`select count(*)::int as n from outbox where congress_id = $1 and state = 'sent'`, [cid]);
    expect(n).toBe(7);
  });

  it("skips an opted-out person: a department account's own switch, and a resident's 退订 link", async () => {
    const dep = `department:${departmentId}`;
    const before = await roles.department.call(NC.myOptouts);
    expect(before.body).toEqual({ channels: [{ channel: 'sms', optedOut: false }, { channel: 'email', optedOut: false }] });
    const set = await roles.department.call(NC.setMyOptout, { body: { channel: 'sms', optedOut: true } });
    expect(set.status).toBe(200);
    expect(set.body.channels).toEqual([{ channel: 'sms', optedOut: true }, { channel: 'email', optedOut: false }]);
    const resident = 'addr:resident-who-opts-out';
    const link = await optoutLink(t.keys, 'https://minsheng.example.cn', resident, 'email');
    expect(link).toMatch(/^https:\/\/minsheng\.example\.cn\/n\/o#/);
    const anyone = new Client(t);
    const done = await anyone.call(NC.publicOptout, { body: { token: link.split('#')[1] } });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ channel: 'email' });
    const [a, b, c, d] = await put(
      message({ personKey: dep }),
      message({ personKey: dep, channel: 'email' }),
      message({ personKey: resident, channel: 'email' }),
      message({ personKey: resident }),
    );
    await drain();
    expect(await rowOf(a)).toMatchObject({ state: 'skipped', reason: 'opted_out', address: '' });
    expect((await rowOf(b)).state).toBe('sent');
    expect(await rowOf(c)).toMatchObject({ state: 'skipped', reason: 'opted_out' });
    expect((await rowOf(d)).state).toBe('sent');
    expect(provider.received.map((g) => g.id).sort()).toEqual([b, d].sort());
    // Back in.
    const back = await roles.department.call(NC.setMyOptout, { body: { channel: 'sms', optedOut: false } });
    expect(back.body.channels[0]).toEqual({ channel: 'sms', optedOut: false });
    const [e] = await put(message({ personKey: dep }));
    await drain();
    expect((await rowOf(e)).state).toBe('sent');
  });

  it('refuses a 退订 token that is not whole or not ours', async () => {
    const anyone = new Client(t);
    const link = await optoutLink(t.keys, 'https://x', 'addr:abc', 'sms');
    const token = link.split('#')[1];
    const flipped = `${token.slice(0, -10)}${token.at(-10) === 'A' ? 'B' : 'A'}${token.slice(-9)}`;
    for (const bad of [token.slice(0, -3), flipped, 'x'.repeat(40), await t.keys.sign('ms-eval', { k: 'addr:abc', ch: 'sms' }), `${link}#more`]) {
      const res = await anyone.call(NC.publicOptout, { body: { token: bad } });
      expect(res.status, bad).toBe(400);
      expect(res.body.error?.code).toBe('notify_optout_token_invalid');
    }
    const rows = await t.database.query(`select * from notify_optouts where person_key = 'addr:abc'`);
    expect(rows).toHaveLength(0);
    expect((await anyone.call(NC.myOptouts)).status).toBe(401);
  });

  it('skips a message whose channel is off: no transport, a robot not set; and an SMS kind without a template', async () => {
    const off = worker({ runtime: { transports: { sms: transports.sms, wecom: transports.wecom }, config: { smsTemplates: { item_answered: 'SMS_1' }, timeoutMs } } });
    const [mail, robot, noTemplate] = await put(message({ channel: 'email' }), message({ channel: 'wecom', personKey: `group:${congressId}` }), message({ kind: 'item_screened', params: { code: 'A', outcome: 'x' } }));
    expect(await off.tick()).toBe(3);
    expect(await rowOf(mail)).toMatchObject({ state: 'skipped', reason: 'channel_off', address: '' });
    expect(await rowOf(robot)).toMatchObject({ state: 'skipped', reason: 'channel_off' });
    expect(await rowOf(noTemplate)).toMatchObject({ state: 'skipped', reason: 'no_sms_template' });
    // With the robot set, its message goes to the congress's webhook.
    await t.database.query(`insert into notify_robots (congress_id, channel, webhook) values ($1, 'wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1')`, [congressId]);
    const [again] = await put(message({ channel: 'wecom', personKey: `group:${congressId}` }));
    await off.tick();
    expect((await rowOf(again)).state).toBe('sent');
    expect(provider.received.find((g) => g.id === again)?.robot).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1');
    await t.database.query(`delete from notify_robots where congress_id = $1`, [congressId]);
  });

  it("takes over a row a crashed instance left `sending` once its lease ran out, and leaves one still leased", async () => {
    const [dead, alive] = await put(message(), message());
    await t.database.query(`update outbox set state = 'sending', leased_by = 'crashed', attempts = 1, lease_until = $2 where id = $1`, [dead, new Date(now.getTime() - 1).toISOString()]);
    await t.database.query(`update outbox set state = 'sending', leased_by = 'busy', attempts = 1, lease_until = $2 where id = $1`, [alive, new Date(now.getTime() + 60_000).toISOString()]);
    expect(await w.tick()).toBe(1);
    expect(await rowOf(dead)).toMatchObject({ state: 'sent', attempts: 2, leasedBy: null });
    expect(await rowOf(alive)).toMatchObject({ state: 'sending', leasedBy: 'busy' });
    expect(provider.received.map((g) => g.id)).toEqual([dead]);
  });

  it('two workers at once send each message once', async () => {
    const ids = await put(...Array.from({ length: 60 }, (_, i) => message({ channel: i % 2 ? 'sms' : 'email' })));
    const a = worker({ instanceId: 'a', batch: 7 });
    const b = worker({ instanceId: 'b', batch: 7 });
    await Promise.all([drain(a), drain(b)]);
    expect(provider.requests.map((g) => g.id).sort()).toEqual([...ids].sort());
    const [{ n }] = await t.database.query<{ n: number }>(`select count(*)::int as n from outbox where state = 'sent'`);
    expect(n).toBe(60);
  });

  it('start and stop: the loop sends what comes, and stop waits for the sends in flight and records them', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const held = new Set<string>();
    const email = transports.email!;
    const gated: Transport = { ...email, send: async (m, s) => (held.has(m.id) ? gate.then(() => email.send(m, s)) : email.send(m, s)) };
    const wk = worker({ instanceId: 'looping', pollMs: 20, runtime: { transports: { email: gated }, config: { smsTemplates: SMS_TEMPLATES, timeoutMs } } });
    wk.start();
    const ids = await put(...Array.from({ length: 10 }, () => message({ channel: 'email' })));
    while (provider.received.length < 10) await new Promise((r) => setTimeout(r, 20));
    const late = message({ channel: 'email' });
    const [lateId] = await t.database.db.transaction(async (tx) => {
      const written = await enqueue(tx, late);
      held.add(written[0]);
      return written;
    });
    while ((await rowOf(lateId)).state !== 'sending') await new Promise((r) => setTimeout(r, 20));
    const stopped = wk.stop();
    release();
    await stopped;
    expect(await rowOf(lateId)).toMatchObject({ state: 'sent', leasedBy: null });
    for (const id of ids) expect((await rowOf(id)).state).toBe('sent');
    expect(provider.received).toHaveLength(11);
  });

  it("the staff's list: newest first, masked, never an address; counts per state; filters; paging; staff only", async () => {
    const m1 = message();
    const m2 = message({ channel: 'email' });
    const [a] = await put(m1);
    const [b] = await put(m2);
    const [c] = await put(message({ kind: 'test', params: { congress: '示范镇' } }));
    provider.mode = (g) => (g.id === c ? 'fail' : 'ok');
    await drain();
    await put(message({ dueAt: at(0, 0, 5) }));
    const res = await admin.call(NC.listMessages, { params: { congressId }, query: { size: 2 } });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(4);
    expect(res.body.items).toHaveLength(2);
    expect(res.body.counts).toEqual({ sent: 2, failed: 1, pending: 1 });
    expect(res.text).not.toContain(m1.to.address);
    expect(res.text).not.toContain(m2.to.address);
    const all = await admin.call(NC.listMessages, { params: { congressId }, query: { size: 50 } });
    for (const i of all.body.items) expect(Object.keys(i)).not.toContain('address');
    const first = all.body.items.find((i) => i.id === a)!;
    expect(first).toMatchObject({ channel: 'sms', state: 'sent', addressMasked: maskAddress('sms', m1.to.address), attempts: 1, kind: 'item_answered', audience: 'resident' });
    expect(first.preview).toContain('X');
    expect(all.body.items.find((i) => i.id === b)?.addressMasked).toBe(maskAddress('email', m2.to.address));
    const failed = await admin.call(NC.listMessages, { params: { congressId }, query: { state: 'failed' } });
    expect(failed.body.items.map((i) => i.id)).toEqual([c]);
    expect(failed.body.total).toBe(1);
    const emails = await admin.call(NC.listMessages, { params: { congressId }, query: { channel: 'email' } });
    expect(emails.body.items.map((i) => i.id)).toEqual([b]);
    expect(emails.body.counts).toEqual({ sent: 1 });
    const tests = await admin.call(NC.listMessages, { params: { congressId }, query: { kind: 'test' } });
    expect(tests.body.items.map((i) => i.id)).toEqual([c]);
    expect((await admin.call(NC.listMessages, { params: { congressId }, query: { state: 'nope' as never } })).status).toBe(400);
    expect((await roles.department.call(NC.listMessages, { params: { congressId } })).status).toBe(403);
  });

  it('a message that cannot be rendered is retried after its backoff, then failed — never claimed round and round', async () => {
    const [id] = await put(message({ channel: 'email' }));
    await t.database.query(`update outbox set kind = 'no_such_kind' where id = $1`, [id]);
    expect(await w.tick()).toBe(1);
    const row = await rowOf(id);
    expect(row).toMatchObject({ state: 'pending', reason: 'retry', attempts: 1 });
    expect(row.lastError).toMatch(/^not sent: /);
    expect(row.dueAt.getTime()).toBe(now.getTime() + backoffMs(1));
    expect(await w.tick()).toBe(0);
    await t.database.query(`update outbox set attempts = $2 where id = $1`, [id, MAX_ATTEMPTS - 1]);
    now = row.dueAt;
    await w.tick();
    expect(await rowOf(id)).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS });
    expect(provider.requests).toHaveLength(0);
  });

  it('scrubs an address from any failure words', () => {
    expect(scrubAddresses('550 5.1.1 <wang.li@example.cn>: Recipient address rejected')).toBe('550 5.1.1 <***@***>: Recipient address rejected');
    expect(scrubAddresses('isv.MOBILE_NUMBER_ILLEGAL 非法手机号 13912345678, +8613912345678')).toBe('isv.MOBILE_NUMBER_ILLEGAL 非法手机号 1**********, 1**********');
    expect(scrubAddresses('BizId 20240101123456789')).toBe('BizId 20240101123456789');
  });
});
