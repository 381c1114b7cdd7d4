/**
 * Secrecy of the notify stage (SPEC §17), after a whole year: the demo (votes with their ballot cards, evaluation rounds,
 * the year-round loop — every message its changes wrote) and then residents invited to evaluate by SMS, every message
 * sent through the worker and the real SMS transport to the test gateway on this machine. Then: no outbox row, no notify
 * table and no log line holds a signed token (a ballot card, a delegate card, an evaluation code) or an invitation's
 * code; the codes sent are in the gateway's SMS only, each a fresh code of the round for residents; no table of the
 * database holds an invited number (nor, then, a number beside a code); and an invitation's code works once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as EC from '../../shared/evaluation/contract.ts';
import * as NC from '../../shared/notify/contract.ts';
import { MESSAGE_KINDS } from '../../shared/notify/enums.ts';
import { nextShanghaiDay } from '../../shared/notify/rules.ts';
import { shanghaiYear } from '../../shared/time.ts';
import { DEMO_CONGRESS, DEMO_PASSWORD, loadDemo } from '../../server/demo/load-demo.ts';
import { verifyCode } from '../../server/evaluation/codes.ts';
import { makeNotifyRuntime } from '../../server/notify/channels/index.ts';
import { parseNotifyConfig } from '../../server/notify/config.ts';
import { OutboxWorker } from '../../server/notify/worker.ts';
import { Client, useTestApp } from '../helpers/app.ts';
import { startSmsGateway, type SmsGateway } from './gateways.ts';

const t = useTestApp();
let gateway: SmsGateway;
const INVITED = ['19912340001', '19912340002', '19912340003', '19912340004', '19912340005'];
/** A compact JWS (header.payload.signature): what ballot cards, delegate cards, evaluation codes and 退订 links are. */
const JWS = /[\w-]{16,}\.[\w-]{16,}\.[\w-]{40,}/g;
const logLines: string[] = [];
const realWrite = process.stdout.write.bind(process.stdout);

beforeAll(async () => {
  gateway = await startSmsGateway();
  t.deps.notify = makeNotifyRuntime(parseNotifyConfig({ ...gateway.env, SMS_TEMPLATES: JSON.stringify(Object.fromEntries(MESSAGE_KINDS.map((k) => [k, `SMS_${k.toUpperCase()}`]))) }));
  // Every line the server logs from here on (one JSON object a line on stdout, server/lib/log.ts) is kept to be read.
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    logLines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return (realWrite as (c: unknown, ...r: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
  await loadDemo(t.database, { county: false });
  // The demo marks its story's messages never to be sent (made-up people): here they are sent, to the test gateway.
  await t.database.query(`update outbox set state = 'pending', reason = null where reason = 'demo'`);
}, 600_000);

afterAll(async () => {
  process.stdout.write = realWrite;
  await gateway?.close();
});

describe('secrecy after a year', () => {
  let roundId: string;
  let staff: Client;

  it('invites residents to an open round; the worker sends every message of the year through the gateway', async () => {
    staff = new Client(t);
    await staff.login('admin', DEMO_PASSWORD);
    const congress = ((await staff.get('/api/congresses')).body as { id: string; name: string }[]).find((c) => c.name === DEMO_CONGRESS)!;
    const projects = (await staff.get(`/api/congresses/${congress.id}/projects`)).body;
    const projectIds = (Array.isArray(projects) ? projects : projects.items).slice(0, 2).map((p: { id: string }) => p.id);
    const made = await staff.call(EC.createRound, { params: { congressId: congress.id }, body: { year: shanghaiYear(), title: '群众满意度短信测评', audiences: ['residents'], projectIds } as never });
    expect(made.status, made.text).toBe(201);
    roundId = made.body.id;
    expect((await staff.call(EC.openRound, { params: { congressId: congress.id, roundId } })).status).toBe(200);
    const inv = await staff.call(NC.inviteResidents, { params: { congressId: congress.id, roundId }, body: { phones: INVITED.join('\n') } });
    expect(inv.body).toEqual({ queued: 5, invalid: 0, duplicates: 0 });

    // 10:00 Shanghai on a day after every row's due time: no quiet hours. Each pass until nothing is due.
    const day = nextShanghaiDay(new Date(Date.now() + 86_400_000)).getTime();
    const worker = new OutboxWorker({ database: t.database, keys: t.keys, runtime: t.deps.notify!, clock: () => new Date(day + 10 * 3_600_000), publicOrigin: 'https://minsheng.example.cn', scanEveryMs: 0 });
    while ((await worker.tick()) > 0);
    const invites = gateway.received.filter((r) => r.templateCode === 'SMS_EVALUATION_INVITE');
    expect(invites.map((r) => r.phone).sort()).toEqual(INVITED);
    expect(gateway.rejected).toEqual([]);
    const rows = await t.database.query<{ state: string; n: number }>(`select state, count(*)::int as n from outbox where kind = 'evaluation_invite' group by state`);
    expect(rows).toEqual([{ state: 'sent', n: 5 }]);
  });

  it('puts a fresh code of the round for residents in each invitation, and nowhere else: not the outbox, no table, no log line', async () => {
    const invites = gateway.received.filter((r) => r.templateCode === 'SMS_EVALUATION_INVITE');
    const sent = await Promise.all(
      invites.map(async (r) => {
        const token = r.params.link.split('#')[1];
        const payload = await verifyCode(t.keys, token);
        expect(payload).toMatchObject({ r: roundId, a: 'residents' });
        return { token, serial: r.params.code, codeId: payload!.c, phone: r.phone };
      }),
    );
    expect(new Set(sent.map((s) => s.codeId)).size).toBe(5);
    // The whole database, every table, as text.
    const tables = await t.database.query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name");
    const dump = new Map<string, string>();
    for (const { table_name } of tables) dump.set(table_name, JSON.stringify(await t.database.query(`select * from "${table_name}"`)));
    const logs = logLines.join('');
    for (const s of sent) {
      for (const secret of [s.token, s.codeId, s.serial]) {
        for (const [table, text] of dump) expect(text.includes(secret), `${table} holds an invitation's code`).toBe(false);
        expect(logs.includes(secret), 'a log line holds an invitation code').toBe(false);
      }
      // No table keeps an invited number once sent (so none puts one beside a code), and no log line names it.
      for (const [table, text] of dump) expect(text.includes(s.phone), `${table} holds an invited number`).toBe(false);
      expect(logs.includes(s.phone)).toBe(false);
    }
    // Nothing signed in any message row, any notify table or any log line: no ballot card, delegate card or code.
    for (const table of ['outbox', 'notify_optouts', 'notify_robots', 'notify_templates']) expect(dump.get(table)!.match(JWS), table).toBeNull();
    expect(logs.match(JWS)).toBeNull();
    // What the year's messages said: every SMS parameter, and no signed token but an invitation's own.
    const other = gateway.received.filter((r) => r.templateCode !== 'SMS_EVALUATION_INVITE');
    expect(other.length).toBeGreaterThan(0);
    for (const r of other) expect(JSON.stringify(r.params).match(JWS), r.templateCode).toBeNull();
    // The staff's list shows an invitation's code as ******.
    const congress = ((await staff.get('/api/congresses')).body as { id: string; name: string }[]).find((c) => c.name === DEMO_CONGRESS)!;
    const list = await staff.call(NC.listMessages, { params: { congressId: congress.id }, query: { kind: 'evaluation_invite' } as never });
    expect(list.status, list.text).toBe(200);
    const previews = (list.body.items as { preview: string; addressMasked: string }[]).map((m) => m.preview);
    expect(previews).toHaveLength(5);
    for (const p of previews) expect(p).toContain('******');
    expect(JSON.stringify(list.body)).not.toMatch(/1991234000\d/);
  });

  it('an invitation that failed in a way that may still have arrived is not sent again by itself (no second code)', async () => {
    const congress = ((await staff.get('/api/congresses')).body as { id: string; name: string }[]).find((c) => c.name === DEMO_CONGRESS)!;
    gateway.modeFor = (r) => (r.phone === '19912340099' ? 'error5xx' : undefined);
    const inv = await staff.call(NC.inviteResidents, { params: { congressId: congress.id, roundId }, body: { phones: '19912340099' } });
    expect(inv.body).toEqual({ queued: 1, invalid: 0, duplicates: 0 });
    const day = nextShanghaiDay(new Date(Date.now() + 86_400_000)).getTime();
    const worker = new OutboxWorker({ database: t.database, keys: t.keys, runtime: t.deps.notify!, clock: () => new Date(day + 10 * 3_600_000), publicOrigin: 'https://minsheng.example.cn', scanEveryMs: 0 });
    while ((await worker.tick()) > 0);
    const [row] = await t.database.query<{ state: string; attempts: number; last_error: string }>(`select state, attempts, last_error from outbox where kind = 'evaluation_invite' and address_masked = '199****0099'`);
    expect(row).toMatchObject({ state: 'failed', attempts: 1 });
    expect(row.last_error).toContain('不自动重发');
    expect(gateway.requests.filter((r) => r.phone === '19912340099')).toHaveLength(1);
    gateway.modeFor = undefined;
  });

  it("an invitation's code answers the round once", async () => {
    const r = gateway.received.find((x) => x.templateCode === 'SMS_EVALUATION_INVITE')!;
    const token = r.params.link.split('#')[1];
    const anon = new Client(t);
    const q = await anon.call(EC.openQuestionnaire, { body: { token } });
    expect(q.status, q.text).toBe(200);
    const answers = q.body.targets.flatMap((tg) => q.body.round.items[tg.kind]!.map((i: { id: string }) => ({ targetKind: tg.kind, targetId: tg.id, itemId: i.id, answer: 'satisfied' })));
    const first = await anon.call(EC.submitAnswers, { body: { token, answers, comments: [] } as never });
    expect(first.status, first.text).toBe(200);
    const again = await anon.call(EC.submitAnswers, { body: { token, answers, comments: [] } as never });
    expect(again.body.error?.code).toBe('eval_code_used');
  });
});
