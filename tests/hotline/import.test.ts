/**
 * The 12345 import (SPEC §13) through the API on a real database: the mapping, the preview, the import in one
 * transaction, idempotent by ticket number; CSV in UTF-8 (with and without BOM) and GBK, xlsx; wrong columns, bad rows
 * and unreadable files refused with words that say what to do, and nothing half imported.
 */
import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, hotlineImports, itemEvents, items } from '../../server/db/schema/index.ts';
import * as H from '../../shared/hotline/contract.ts';
import * as Items from '../../shared/items/contract.ts';
import { DEFAULT_COLUMNS } from '../../shared/hotline/schema.ts';
import { addDays, shanghaiToday } from '../../shared/time.ts';
import { Client, congressWithRoles, setupAdmin, uniq, useTestApp } from '../helpers/app.ts';
import { csvText, gbk, HEADER, utf8, xlsx, type TicketRow } from './helpers.ts';

const t = useTestApp();
const today = shanghaiToday();
const day = (n: number) => addDays(today, -n);

type World = { congressId: string; admin: Client; roles: Record<string, Client>; depId: string; depName: string; repId: string; repPhone: string };
let admin: Client;

async function world(): Promise<World> {
  const made = await congressWithRoles(t, admin);
  const congressId = made.congress.id as string;
  const repPhone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const rep = await admin.post(`/api/congresses/${congressId}/representatives`, { name: uniq('王代表'), phone: repPhone });
  expect(rep.status, rep.text).toBe(201);
  // The department the hotline names (承办单位), spelled as the hotline system spells it.
  const depName = uniq('城关镇住建办');
  const dep = await admin.post(`/api/congresses/${congressId}/departments`, { name: depName, kind: 'bureau' });
  expect(dep.status, dep.text).toBe(201);
  return { congressId, admin: made.clients.admin, roles: made.clients, depId: dep.body.id, depName, repId: rep.body.id, repPhone };
}

const params = (w: World) => ({ congressId: w.congressId });
const preview = (w: World, body: Uint8Array, query: { filename?: string; encoding?: 'utf-8' | 'gbk' } = {}, as = w.admin) => as.call(H.previewImport, { params: params(w), body, query });
const importFile = (w: World, body: Uint8Array, query: { filename?: string; encoding?: 'utf-8' | 'gbk' } = {}, as = w.admin) => as.call(H.importTickets, { params: params(w), body, query });
const itemsOf = (w: World) => t.database.db.select().from(items).where(eq(items.congressId, w.congressId));
const importsOf = async (w: World) => (await t.database.db.select({ n: count() }).from(hotlineImports).where(eq(hotlineImports.congressId, w.congressId)))[0].n;
const byTicket = async (w: World, no: string) => (await t.database.db.select().from(items).where(and(eq(items.congressId, w.congressId), eq(items.ticketNo, no))))[0];

/** Four tickets: one for the congress's department, one for a department it does not have, one closed and rated 不满意, one a representative called. */
const fourTickets = (w: World): TicketRow[] => [
  { no: 'GD001', time: `${day(20)} 09:12:33`, content: '幸福路路灯连续一周不亮，夜间出行不便。请尽快维修。', area: '城关镇', department: w.depName, status: '办理中', satisfaction: '', phone: '13800000001' },
  { no: 'GD002', time: `${day(18)} 14:05`, content: '小区门口垃圾堆积', area: '河西村', department: '省电力公司', status: '已受理', satisfaction: '未评价', phone: '13800000002' },
  { no: 'GD003', time: `${day(15)}`, content: '农贸市场噪音扰民', area: '城关镇', department: w.depName, status: '已办结', satisfaction: '不满意', phone: '' },
  { no: 'GD004', time: `${day(10)} 08:00`, content: '村道破损需要修补', area: '东山村', department: w.depName, status: '已办结', satisfaction: '满意', phone: `+86 ${w.repPhone}` },
];

beforeAll(async () => {
  admin = await setupAdmin(t);
});

describe('the column mapping', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  it('starts with the common 12345 headers, and is saved and read back', async () => {
    const first = await w.admin.call(H.getMapping, { params: params(w) });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ columns: DEFAULT_COLUMNS, saved: false, updatedAt: null });
    const columns = { ...DEFAULT_COLUMNS, ticketNo: '工单号', time: '受理时间', callerPhone: '' };
    const put = await w.admin.call(H.setMapping, { params: params(w), body: columns });
    expect(put.status, put.text).toBe(200);
    expect(put.body.saved).toBe(true);
    expect(put.body.columns).toEqual(columns);
    const read = await w.roles.government.call(H.getMapping, { params: params(w) });
    expect(read.body.columns).toEqual(columns);
    const [entry] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.congressId, w.congressId), eq(auditLog.action, 'hotline.mapping')));
    expect(entry.details).toMatchObject({ columns: { ticketNo: '工单号' } });
  });

  it('refuses a header used for two fields, and a required field left empty', async () => {
    const twice = await w.admin.call(H.setMapping, { params: params(w), body: { ...DEFAULT_COLUMNS, area: '承办单位' } });
    expect(twice.status).toBe(400);
    expect(twice.body.error!.code).toBe('hotline_column_twice');
    expect(twice.body.error!.message).toContain('承办单位');
    const empty = await w.admin.call(H.setMapping, { params: params(w), body: { ...DEFAULT_COLUMNS, ticketNo: ' ' } });
    expect(empty.status).toBe(400);
    expect(empty.body.error!.code).toBe('validation');
    expect((await w.admin.call(H.getMapping, { params: params(w) })).body.columns.ticketNo).toBe('工单号');
  });

  it('reads a file by the saved mapping', async () => {
    const header = ['工单号', '受理时间', '诉求内容', '所属区域', '承办单位', '办理状态', '满意度评价', '备注'];
    const res = await importFile(w, utf8(csvText([{ no: 'M1', time: day(3), content: '路面积水' }], header)));
    expect(res.status, res.text).toBe(201);
    expect((await byTicket(w, 'M1')).content).toBe('路面积水');
  });
});

describe('importing a CSV in UTF-8', () => {
  let w: World;
  let file: Uint8Array;
  beforeAll(async () => {
    w = await world();
    file = utf8(csvText(fourTickets(w)), true);
  });

  it('previews what it would do and writes nothing', async () => {
    const res = await preview(w, file);
    expect(res.status, res.text).toBe(200);
    const p = res.body;
    expect(p.format).toBe('csv-utf-8');
    expect(p.total).toBe(4);
    expect(p.counts).toEqual({ new: 4, update: 0, unchanged: 0, skip: 0, error: 0 });
    expect(p.representatives).toBe(1);
    expect(p.unsatisfied).toBe(1);
    expect(p.problems).toEqual([]);
    expect(p.importedBefore).toBeNull();
    expect(p.rows.map((r) => [r.line, r.ticketNo, r.receivedOn, r.departmentId, r.closed, r.satisfaction])).toEqual([
      [2, 'GD001', day(20), w.depId, false, null],
      [3, 'GD002', day(18), null, false, null],
      [4, 'GD003', day(15), w.depId, true, 'unsatisfied'],
      [5, 'GD004', day(10), w.depId, true, 'satisfied'],
    ]);
    expect(p.rows[0].time).toBe(`${day(20)} 09:12`);
    expect(p.rows[0].title).toBe('幸福路路灯连续一周不亮，夜间出行不便');
    expect(p.rows[1].notes).toEqual(['department_unmatched']);
    expect(p.rows[3].representative).toMatch(/^王代表/);
    // The preview shows no phone number.
    expect(res.text).not.toContain('13800000001');
    expect(res.text).not.toContain(w.repPhone);
    expect(await itemsOf(w)).toEqual([]);
    expect(await importsOf(w)).toBe(0);
  });

  it('imports the tickets as items: assigned to the matched department, waiting for triage, done; the representative marked; 不满意 a key item', async () => {
    const res = await importFile(w, file, { filename: '12345工单.csv' });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ filename: '12345工单.csv', format: 'csv-utf-8', rows: 4, created: 4, updated: 0, unchanged: 0, skipped: 0, representatives: 1, unsatisfied: 1 });
    const all = await itemsOf(w);
    expect(all).toHaveLength(4);
    for (const i of all) {
      expect(i.source).toBe('hotline');
      expect(i.category).toBe('other');
      expect(i.trackingCode).toMatch(/\S/);
      // The caller's phone is used only to find a representative: stored nowhere.
      expect(JSON.stringify(i)).not.toContain('1380000000');
      expect(JSON.stringify(i)).not.toContain(w.repPhone);
      expect(i.submitterContact).toBe('');
    }
    const g1 = await byTicket(w, 'GD001');
    expect(g1).toMatchObject({ status: 'assigned', departmentId: w.depId, receivedOn: day(20), assignedOn: day(20), place: '城关镇', keyItem: false, representativeId: null });
    expect(g1.dueOn! > day(20)).toBe(true);
    expect(g1.hotline).toEqual({ ticketNo: 'GD001', time: `${day(20)} 09:12`, area: '城关镇', department: w.depName, status: '办理中', satisfaction: '' });
    expect(await byTicket(w, 'GD002')).toMatchObject({ status: 'received', departmentId: null, dueOn: null });
    expect(await byTicket(w, 'GD003')).toMatchObject({ status: 'done', departmentId: w.depId, keyItem: true, feedback: 'unsatisfied', feedbackRound: 1, closedOn: today });
    expect(await byTicket(w, 'GD004')).toMatchObject({ status: 'done', representativeId: w.repId, keyItem: false, feedback: 'satisfied' });
    const events = await t.database.db.select().from(itemEvents).where(eq(itemEvents.itemId, (await byTicket(w, 'GD003')).id));
    expect(events.map((e) => e.kind).sort()).toEqual(['hotline', 'key_on', 'received']);
    const [entry] = await t.database.db.select().from(auditLog).where(and(eq(auditLog.congressId, w.congressId), eq(auditLog.action, 'hotline.import')));
    expect(entry).toMatchObject({ targetType: 'hotline_import', targetId: res.body.id });
    expect(entry.details).toMatchObject({ created: 4, rows: 4 });
  });

  it("lets the representative who called rate the handling of their ticket back-to-back, once; nobody else", async () => {
    const g4 = await byTicket(w, 'GD004');
    const cardOf = async (repId: string) => {
      const cards = (await w.admin.get(`/api/congresses/${w.congressId}/roster/cards?ids=${repId}`)).body.cards as { url: string }[];
      const rep = new Client(t);
      expect((await rep.post('/api/auth/card-login', { token: cards[0].url.split('#')[1] })).status).toBe(200);
      return rep;
    };
    const rep = await cardOf(w.repId);
    const grades = { attitude: 'satisfied', handling: 'satisfied', effect: 'basically' } as const;
    const rateAs = (c: Client, itemId: string) => c.call(Items.rateHandling, { params: { congressId: w.congressId, itemId }, body: grades });
    const other = (await w.admin.post(`/api/congresses/${w.congressId}/representatives`, { name: uniq('李代表') })).body.id as string;
    const otherRep = await cardOf(other);
    expect((await rateAs(otherRep, g4.id)).body.error!.code).toBe('handling_not_yours');
    // A ticket no representative called in is nobody's to rate.
    expect((await rateAs(rep, (await byTicket(w, 'GD003')).id)).body.error!.code).toBe('handling_not_yours');
    expect((await rateAs(rep, g4.id)).status).toBe(204);
    expect((await rateAs(rep, g4.id)).body.error!.code).toBe('handling_rated');
  });

  it('imports the same file again harmlessly: nothing new, nothing duplicated, the import recorded', async () => {
    const before = await itemsOf(w);
    const p = await preview(w, file);
    expect(p.body.counts).toEqual({ new: 0, update: 0, unchanged: 4, skip: 0, error: 0 });
    expect(p.body.importedBefore).not.toBeNull();
    const res = await importFile(w, file);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    const after = await itemsOf(w);
    expect(after.map((i) => [i.id, i.status, i.updatedAt.toISOString()]).sort()).toEqual(before.map((i) => [i.id, i.status, i.updatedAt.toISOString()]).sort());
    expect(await importsOf(w)).toBe(2);
  });

  it('updates a ticket whose status or satisfaction changed: closed by the hotline → done; 不满意 → key item', async () => {
    const rows = fourTickets(w);
    rows[0] = { ...rows[0], status: '已办结', satisfaction: '不满意' };
    rows[1] = { ...rows[1], satisfaction: '基本满意' };
    const res = await importFile(w, utf8(csvText(rows)));
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ created: 0, updated: 2, unchanged: 2 });
    expect(await byTicket(w, 'GD001')).toMatchObject({ status: 'done', keyItem: true, feedback: 'unsatisfied', closedOn: today });
    // Still open (waiting for triage): the caller's rating is kept in the ticket's record, not as the item's feedback.
    const g2 = await byTicket(w, 'GD002');
    expect(g2).toMatchObject({ status: 'received', feedback: null, keyItem: false });
    expect(g2.hotline!.satisfaction).toBe('基本满意');
    expect((await itemsOf(w)).length).toBe(4);
  });

  it('never reopens or takes back what staff did with a ticket', async () => {
    const g4 = await byTicket(w, 'GD004');
    await t.database.db.update(items).set({ keyItem: false }).where(eq(items.id, (await byTicket(w, 'GD003')).id));
    const rows = fourTickets(w);
    rows[3] = { ...rows[3], status: '办理中' };
    const res = await importFile(w, utf8(csvText(rows)));
    expect(res.status, res.text).toBe(201);
    expect(await byTicket(w, 'GD004')).toMatchObject({ status: 'done', closedOn: g4.closedOn });
    // GD003 unchanged in the file: the key item staff took off stays off.
    expect((await byTicket(w, 'GD003')).keyItem).toBe(false);
  });
});

describe('other encodings and formats', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  it('reads a GBK CSV (Excel on a Chinese Windows)', async () => {
    const rows: TicketRow[] = [{ no: 'GBK1', time: `${day(5)} 10:30`, content: '自来水水压不足，三楼以上无水', area: '城关镇', department: w.depName, status: '办理中' }];
    const bytes = gbk(csvText(rows));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const p = await preview(w, bytes);
    expect(p.status, p.text).toBe(200);
    expect(p.body.format).toBe('csv-gbk');
    expect(p.body.rows[0].title).toBe('自来水水压不足，三楼以上无水');
    const res = await importFile(w, bytes);
    expect(res.status, res.text).toBe(201);
    expect(res.body.format).toBe('csv-gbk');
    expect(await byTicket(w, 'GBK1')).toMatchObject({ content: '自来水水压不足，三楼以上无水', place: '城关镇', status: 'assigned' });
  });

  it('reads a UTF-8 CSV without a BOM, and one forced to GBK is read as GBK', async () => {
    const text = csvText([{ no: 'U1', time: day(4), content: '公交站台缺少遮雨棚' }]);
    expect((await preview(w, utf8(text))).body.rows[0].title).toBe('公交站台缺少遮雨棚');
    const forced = await preview(w, gbk(text), { encoding: 'gbk' });
    expect(forced.body.format).toBe('csv-gbk');
    expect((await preview(w, gbk(text), { encoding: 'utf-8' })).body.error!.code).toBe('hotline_encoding');
  });

  it('reads an xlsx: date cells, numbers and text', async () => {
    const [y, m, d] = day(7).split('-').map(Number);
    const bytes = await xlsx([
      ['X1', new Date(Date.UTC(y, m - 1, d, 16, 45, 0)), '桥梁护栏松动', '河西村', w.depName, '办理中', '', ''],
      [20260001, `${day(6)} 09:00:00`, '路口红绿灯故障', '城关镇', '', '已办结', '基本满意', ''],
    ]);
    const p = await preview(w, bytes);
    expect(p.status, p.text).toBe(200);
    expect(p.body.format).toBe('xlsx');
    expect(p.body.rows.map((r) => [r.ticketNo, r.time, r.closed, r.satisfaction])).toEqual([
      ['X1', `${day(7)} 16:45`, false, null],
      ['20260001', `${day(6)} 09:00`, true, 'basically'],
    ]);
    const res = await importFile(w, bytes, { filename: '工单.xlsx' });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ format: 'xlsx', created: 2 });
    expect(await byTicket(w, 'X1')).toMatchObject({ receivedOn: day(7), status: 'assigned', departmentId: w.depId });
    expect(await byTicket(w, '20260001')).toMatchObject({ status: 'done', departmentId: null, feedback: 'basically' });
  });
});

describe('refusals: nothing is half imported', () => {
  let w: World;
  let snapshot: () => Promise<string>;
  beforeAll(async () => {
    w = await world();
    // One good import first, so "nothing changed" is about a congress that has tickets.
    expect((await importFile(w, utf8(csvText(fourTickets(w))))).status).toBe(201);
    snapshot = async () => JSON.stringify([await itemsOf(w), await importsOf(w), (await t.database.db.select({ n: count() }).from(itemEvents).where(eq(itemEvents.congressId, w.congressId)))[0].n]);
  });

  it('refuses a file with wrong columns, naming the missing ones and showing the file’s headers', async () => {
    const before = await snapshot();
    const wrong = ['编号', '时间', '内容', '所属区域', '承办单位', '办理状态', '满意度评价', '来电号码'];
    for (const call of [preview, importFile]) {
      const res = await call(w, utf8(csvText([{ no: 'W1', time: day(2), content: '内容' }], wrong)));
      expect(res.status).toBe(400);
      expect(res.body.error!.code).toBe('hotline_columns');
      expect(res.body.error!.message).toContain('“工单编号”、“来电时间”、“诉求内容”');
      expect(res.body.error!.details).toEqual({
        missing: [
          { field: 'ticketNo', header: '工单编号' },
          { field: 'time', header: '来电时间' },
          { field: 'content', header: '诉求内容' },
        ],
        headers: wrong,
      });
    }
    // An optional field mapped but not in the file is named too.
    const noPhone = HEADER.filter((h) => h !== '来电号码');
    const res = await importFile(w, utf8(csvText([{ no: 'W2', time: day(2), content: '内容' }], noPhone)));
    expect(res.body.error!.code).toBe('hotline_columns');
    expect(res.body.error!.message).toContain('来电号码');
    const en = new Client(t, 'en');
    Object.assign(en, { cookie: w.admin.cookie, csrf: w.admin.csrf });
    const inEnglish = await importFile(w, utf8(csvText([{ no: 'W2', time: day(2), content: '内容' }], noPhone)), {}, en);
    expect(inEnglish.body.error!.message).toContain('The file lacks these columns');
    expect(await snapshot()).toBe(before);
  });

  it('lists bad rows by line in the preview and refuses the whole file at import', async () => {
    const before = await snapshot();
    const rows: TicketRow[] = [
      { no: 'B1', time: day(3), content: '好的一行' },
      { no: '', time: day(3), content: '没有工单编号' },
      { no: 'B3', time: '2026-13-40', content: '日期不对' },
      { no: 'B4', time: addDays(today, 5), content: '将来的日期' },
      { no: 'B5', time: day(3), content: '' },
      { no: 'B1', time: day(3), content: '同一编号，不同内容' },
      { no: 'GD001', time: `${fourTickets(w)[0].time}`, content: fourTickets(w)[0].content, status: '已办结' },
    ];
    const p = await preview(w, utf8(csvText(rows)));
    expect(p.status, p.text).toBe(200);
    expect(p.body.counts).toEqual({ new: 1, update: 1, unchanged: 0, skip: 0, error: 5 });
    expect(p.body.problems).toEqual([
      { line: 3, field: 'ticketNo', code: 'required' },
      { line: 4, field: 'time', code: 'bad_date' },
      { line: 5, field: 'time', code: 'future_date' },
      { line: 6, field: 'content', code: 'required' },
      { line: 7, field: 'ticketNo', code: 'duplicate_ticket' },
    ]);
    // Rows with problems come first in the preview.
    expect(p.body.rows.slice(0, 5).map((r) => r.action)).toEqual(['error', 'error', 'error', 'error', 'error']);
    const res = await importFile(w, utf8(csvText(rows)));
    expect(res.status).toBe(400);
    expect(res.body.error!.code).toBe('hotline_invalid');
    expect(res.body.error!.message).toContain('5 行');
    expect((res.body.error!.details as { problems: unknown[] }).problems).toHaveLength(5);
    expect(await snapshot()).toBe(before);
  });

  it('imports a row repeated word for word once, and counts the repeat as skipped', async () => {
    const row: TicketRow = { no: 'R1', time: day(2), content: '重复导出的工单' };
    const res = await importFile(w, utf8(csvText([row, row])));
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ rows: 2, created: 1, skipped: 1 });
  });

  it('refuses files it cannot read, in words that say what to do', async () => {
    const before = await snapshot();
    const cases: [string, Uint8Array, string, number?][] = [
      ['an empty file', new Uint8Array(), 'hotline_empty'],
      ['only blank lines', utf8('\r\n\r\n'), 'hotline_empty'],
      ['only the header', utf8(HEADER.join(',') + '\r\n'), 'hotline_no_rows'],
      ['neither UTF-8 nor GBK', new Uint8Array([0xff, 0xfe, 0xfd, 0x80, 0x81, 0xff, 0x0a]), 'hotline_encoding'],
      ['UTF-16 text', new Uint8Array([0xff, 0xfe, 0x25, 0x5d, 0x55, 0x53, 0x0a, 0x00]), 'hotline_encoding'],
      ['an old .xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'hotline_xls'],
      ['a damaged xlsx', utf8('PK\u0003\u0004 not really a zip'), 'hotline_xlsx'],
    ];
    for (const [what, bytes, code] of cases)
      for (const call of [preview, importFile]) {
        const res = await call(w, bytes);
        expect(res.status, what).toBe(400);
        expect(res.body.error!.code, what).toBe(code);
        expect(res.body.error!.message, what).toMatch(/[\u4e00-\u9fff]/);
      }
    const json = await w.admin.call(H.importTickets, { params: params(w), body: utf8('{}'), contentType: 'application/json' });
    expect(json.status).toBe(415);
    expect(await snapshot()).toBe(before);
  });

  it('refuses a file of more tickets than one import takes', async () => {
    const before = await snapshot();
    const many = Array.from({ length: 20_001 }, (_, i) => `T${i},${day(2)},内容`).join('\n');
    const res = await preview(w, utf8(`工单编号,来电时间,诉求内容,所属区域,承办单位,办理状态,满意度评价,来电号码\n${many}\n`));
    expect(res.status).toBe(400);
    expect(res.body.error!.code).toBe('hotline_too_many');
    expect(await snapshot()).toBe(before);
  });

  it('lists the imports, newest first', async () => {
    const res = await w.roles.government.call(H.listImports, { params: params(w), query: { page: 1, size: 20 } });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    expect(res.body.items[0]).toMatchObject({ created: 1, skipped: 1 });
    expect(res.body.items[1]).toMatchObject({ created: 4, importedBy: 'admin用户' });
  });

  it('refuses other roles', async () => {
    for (const role of ['government', 'presidium', 'scrutineer', 'representative', 'department'] as const) {
      const res = await importFile(w, utf8(csvText([{ no: 'Z1', time: day(2), content: '内容' }])), {}, w.roles[role]);
      expect(res.status, role).toBe(403);
    }
    expect(await byTicket(w, 'Z1')).toBeUndefined();
  });
});
