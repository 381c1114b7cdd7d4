/**
 * 退订 (SPEC §17 "opt-out per person and channel"), end to end on this run's database: a resident's e-mail, sent by the
 * worker through the real e-mail transport to the test SMTP server, ends with a 退订 link; the link's token opts that
 * address out and the next message to it is skipped. A representative's account linked to their roster row opts out of
 * every key they are known by (account and roster row), and back in.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as AC from '../../shared/auth/contract.ts';
import * as NC from '../../shared/notify/contract.ts';
import { nextShanghaiDay } from '../../shared/notify/rules.ts';
import { notifyOptouts, outbox, representatives } from '../../server/db/schema/index.ts';
import { addressKey } from '../../server/notify/address.ts';
import { closeNotifyRuntime, makeNotifyRuntime, type NotifyRuntime } from '../../server/notify/channels/index.ts';
import { parseNotifyConfig } from '../../server/notify/config.ts';
import { enqueue } from '../../server/notify/outbox.ts';
import { OutboxWorker } from '../../server/notify/worker.ts';
import { Client, congressWithRoles, setupAdmin, useTestApp } from '../helpers/app.ts';
import { startSmtp, type SmtpServer } from './gateways.ts';

describe('opting out', () => {
  const t = useTestApp();
  let smtp: SmtpServer;
  let runtime: NotifyRuntime;
  let w: OutboxWorker;
  let congressId: string;
  let roles: Record<string, Client>;
  // 10:00 Shanghai a month ahead: no quiet hours, rows written now are due.
  const now = new Date(nextShanghaiDay(new Date(Date.now() + 29 * 86_400_000)).getTime() + 10 * 3_600_000);

  beforeAll(async () => {
    smtp = await startSmtp();
    runtime = makeNotifyRuntime(parseNotifyConfig({ ...smtp.env }));
    w = new OutboxWorker({ database: t.database, keys: t.keys, runtime, clock: () => now, publicOrigin: 'https://minsheng.example.cn', scanEveryMs: 0 });
    const admin = await setupAdmin(t);
    const c = await congressWithRoles(t, admin);
    congressId = c.congress.id;
    roles = c.clients;
  });
  afterAll(async () => {
    if (runtime) await closeNotifyRuntime(runtime);
    await smtp?.close();
  });

  const drain = async () => {
    while ((await w.tick()) > 0);
  };
  const stateOf = async (id: string) => (await t.database.db.select().from(outbox).where(eq(outbox.id, id)))[0];

  it("a resident's e-mail carries a 退订 link that opts that address out; the next message to it is skipped", async () => {
    const address = 'wang.fang@example.cn';
    const personKey = await addressKey(t.database.db, address);
    const mail = (code: string) => ({
      congressId,
      kind: 'item_answered' as const,
      to: { audience: 'resident' as const, personKey, channel: 'email' as const, address },
      params: { code, link: 'https://minsheng.example.cn/t#x' },
    });
    const [first] = await enqueue(t.database.db, mail('A1'));
    await drain();
    expect((await stateOf(first)).state).toBe('sent');
    const got = smtp.mails.find((m) => m.to.includes(address));
    expect(got).toBeDefined();
    const link = /https:\/\/minsheng\.example\.cn\/n\/o#([A-Za-z0-9_.-]+)/.exec(got!.text);
    expect(link, got!.text).not.toBeNull();
    const resident = new Client(t);
    const done = await resident.call(NC.publicOptout, { body: { token: link![1] } });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ channel: 'email' });
    // Twice is no harm.
    expect((await resident.call(NC.publicOptout, { body: { token: link![1] } })).status).toBe(200);
    const kept = await t.database.db.select().from(notifyOptouts).where(eq(notifyOptouts.personKey, personKey));
    expect(kept.map((k) => k.channel)).toEqual(['email']);
    // Only the key is kept, never the address.
    expect(JSON.stringify(await t.database.query('select * from notify_optouts'))).not.toContain(address);
    const [second] = await enqueue(t.database.db, mail('A2'));
    await drain();
    expect(await stateOf(second)).toMatchObject({ state: 'skipped', reason: 'opted_out', address: '' });
    expect(smtp.mails.filter((m) => m.to.includes(address))).toHaveLength(1);
  });

  it('a representative opts out of every key they are known by (account and roster row), and back in', async () => {
    const rep = roles.representative;
    const me = await rep.call(AC.getMe);
    const accountId = me.body.account.id;
    const [row] = await t.database.db.insert(representatives).values({ congressId, name: '李代表', phone: '13900001111', accountId }).returning({ id: representatives.id });
    const member = `member:${row.id}`;
    const off = await rep.call(NC.setMyOptout, { body: { channel: 'email', optedOut: true } });
    expect(off.status).toBe(200);
    expect(off.body.channels).toEqual([{ channel: 'sms', optedOut: false }, { channel: 'email', optedOut: true }]);
    const keys = (await t.database.db.select().from(notifyOptouts).where(eq(notifyOptouts.channel, 'email'))).map((k) => k.personKey);
    expect(keys).toEqual(expect.arrayContaining([`account:${accountId}`, member]));
    const [id] = await enqueue(t.database.db, { congressId, kind: 'evaluation_open', to: { audience: 'representative', personKey: member, channel: 'email', address: 'li@example.cn' }, params: { round: '2026 年度测评', closesOn: '2026-12-31' } });
    await drain();
    expect(await stateOf(id)).toMatchObject({ state: 'skipped', reason: 'opted_out' });
    const on = await rep.call(NC.setMyOptout, { body: { channel: 'email', optedOut: false } });
    expect(on.body.channels).toEqual([{ channel: 'sms', optedOut: false }, { channel: 'email', optedOut: false }]);
    expect(await t.database.db.select().from(notifyOptouts).where(eq(notifyOptouts.personKey, member))).toEqual([]);
    const [again] = await enqueue(t.database.db, { congressId, kind: 'evaluation_open', to: { audience: 'representative', personKey: member, channel: 'email', address: 'li@example.cn' }, params: { round: '2026 年度测评', closesOn: '2026-12-31' } });
    await drain();
    expect((await stateOf(again)).state).toBe('sent');
    expect((await rep.call(NC.myOptouts)).body.channels).toEqual([{ channel: 'sms', optedOut: false }, { channel: 'email', optedOut: false }]);
  });

  it('refuses a bad body (a 4xx in words, never a 500)', async () => {
    const anyone = new Client(t);
    for (const body of [{}, { token: 5 }, { token: 'short' }, { token: 'x'.repeat(3000) }]) {
      const res = await anyone.call(NC.publicOptout, { body: body as never });
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(res.body.error?.message).toBeTruthy();
    }
    const signedIn = roles.department;
    for (const body of [{ channel: 'wecom', optedOut: true }, { channel: 'sms' }, { channel: 'sms', optedOut: 'yes' }]) {
      const res = await signedIn.call(NC.setMyOptout, { body: body as never });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });
});
