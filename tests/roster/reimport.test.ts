import { and, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../server/db/schema/index.ts';
import { guardCell, parseCsv, toCsv, unguardCell } from '../../shared/csv.ts';
import { planRosterImport, phoneKey, type RosterPerson } from '../../shared/roster/import-plan.ts';
import { checkRosterRows } from '../../shared/roster/schema.ts';
import * as R from '../../shared/roster/contract.ts';
import type { ImportPreview } from '../../shared/roster/schema.ts';
import { Client, congressWithRoles, setupAdmin, useTestApp } from '../helpers/app.ts';

const t = useTestApp();
const csv = (text: string) => new TextEncoder().encode(text);
let admin: Client;
let congressId: string;
let roles: Record<string, Client>;
const base = () => `/api/congresses/${congressId}`;
type Person = { id: string; name: string; gender: string | null; delegation: string; constituency: string; phone: string; status: string };
const roster = async () => ((await admin.call(R.listRepresentatives, { params: { congressId } })).body as Person[]).sort((a, b) => a.name.localeCompare(b.name));
/** The audit entries of one action in this congress, newest first, read from the table itself. */
const auditOf = (action: string) =>
  t.database.db.select().from(auditLog).where(and(eq(auditLog.congressId, congressId), eq(auditLog.action, action))).orderBy(desc(auditLog.seq));

const SHEET = ['姓名,性别,代表团/代表小组,选区,联系电话,状态', '张伟,男,城关代表小组,第一选区,+86 138 0000 0001,在任', '李娜,女,城关代表小组,第一选区,13800000002,在任', '赵强,男,河西代表小组,第三选区,,在任'].join('\n');

describe('the formula guard round-trips', () => {
  it('guards what a spreadsheet would run and gives back exactly what was exported', () => {
    for (const v of ['+86 138 0000 0001', '=SUM(A1)', '-5', '@x', "'=x", "''+1", "'plain", 'plain', '', '\tx'])
      expect(unguardCell(guardCell(v))).toBe(v);
    expect(guardCell('+86 1')).toBe("'+86 1");
    expect(guardCell("'=x")).toBe("''=x");
    expect(guardCell("'plain")).toBe("'plain");
    const back = parseCsv(toCsv(['a'], [['+86 138'], ['"=1",2']]));
    expect(back.slice(1).map((r) => unguardCell(r[0]))).toEqual(['+86 138', '"=1",2']);
  });
});

describe('planRosterImport (pure)', () => {
  const people: RosterPerson[] = [
    { id: 'a', name: '张伟', gender: 'male', delegation: '城关', constituency: '一', phone: '13800000001', status: 'seated' },
    { id: 'b', name: '王芳', gender: 'female', delegation: '河西', constituency: '二', phone: '', status: 'seated' },
    { id: 'c', name: '刘洋', gender: null, delegation: '河西', constituency: '二', phone: '13900000001', status: 'seated' },
    { id: 'd', name: '刘洋', gender: null, delegation: '城关', constituency: '一', phone: '13900000002', status: 'seated' },
    { id: 'e', name: '孙丽', gender: 'female', delegation: '东街', constituency: '五', phone: '13700000000', status: 'left' },
  ];
  const plan = (text: string, mode: 'skip' | 'update') => {
    const { rows, fields } = checkRosterRows(parseCsv(text));
    return planRosterImport(rows, fields, people, mode);
  };
  const head = '姓名,代表团,电话,状态';

  it('finds a person by name and phone as digits, or by a name only one person has when a phone is missing', () => {
    expect(phoneKey('+86 138-0000-0001')).toBe('13800000001');
    expect(phoneKey('0086 13800000001')).toBe('13800000001');
    const p = plan(`${head}\n张伟,城关,+86 138 0000 0001,\n王芳,河西,13600000000,\n新人,城关,,`, 'update');
    expect(p.rows.map((r) => [r.action, r.representativeId])).toEqual([
      ['unchanged', 'a'],
      ['update', 'b'],
      ['new', null],
    ]);
    expect(p.rows[1].changes).toEqual([{ field: 'phone', from: '', to: '13600000000' }]);
    expect(p.counts).toEqual({ new: 1, unchanged: 1, update: 1, skip: 0, error: 0 });
  });

  it('does not guess: the same name with another phone, or a name several people have, is a row to fix', () => {
    const p = plan(`${head}\n张伟,城关,13899999999,\n刘洋,城关,,\n刘洋,河西,13900000001,`, 'update');
    expect(p.rows.map((r) => [r.action, r.errors.map((e) => e.code)])).toEqual([
      ['error', ['name_on_roster_other_phone']],
      ['error', ['ambiguous_on_roster']],
      ['unchanged', []],
    ]);
  });

  it('skip leaves a differing person alone and says so; update changes only the columns the file has', () => {
    const text = `姓名,代表团\n张伟,新代表团`;
    expect(plan(text, 'skip').rows[0]).toMatchObject({ action: 'skip', changes: [{ field: 'delegation', from: '城关', to: '新代表团' }] });
    const up = plan(text, 'update').rows[0];
    expect(up.action).toBe('update');
    expect(up.changes.map((c) => c.field)).toEqual(['delegation']); // no phone, gender or constituency column: untouched
  });

  it('a term is not ended by a file: a status that differs is an error under update, and two rows of one person are refused', () => {
    expect(plan(`${head}\n孙丽,东街,13700000000,在任`, 'update').rows[0].errors).toEqual([{ field: 'status', code: 'status_differs' }]);
    expect(plan(`${head}\n孙丽,东街,13700000000,在任`, 'skip').rows[0].action).toBe('skip');
    expect(plan(`${head}\n孙丽,东街,13700000000,终止`, 'update').rows[0].action).toBe('unchanged');
    const twice = plan(`${head}\n王芳,河西,,\n王芳,河西,13600000000,`, 'update');
    expect(twice.rows[1].errors).toEqual([{ field: 'name', code: 'same_person_twice' }]);
  });
});

describe('re-importing the whole sheet', () => {
  it('imports the first sheet', async () => {
    admin = await setupAdmin(t);
    const made = await congressWithRoles(t, admin);
    congressId = made.congress.id;
    roles = made.clients;
    const res = await admin.call(R.importRoster, { params: { congressId }, body: csv(SHEET) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ imported: 3, updated: 0 });
  });

  it('export → import of the same file is the same roster: every row unchanged, the +86 phone included', async () => {
    const before = await roster();
    const exported = await admin.call(R.exportRoster, { params: { congressId } });
    expect(exported.text).toContain("'+86 138 0000 0001"); // the formula guard
    const file = csv(exported.text);
    for (const existing of ['skip', 'update'] as const) {
      const p = await admin.call(R.previewImport, { params: { congressId }, query: { existing }, body: file });
      expect(p.status).toBe(200);
      expect(p.body.counts).toEqual({ new: 0, unchanged: 3, update: 0, skip: 0, error: 0 });
    }
    const res = await admin.call(R.importRoster, { params: { congressId }, query: { existing: 'update' }, body: file });
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('import_nothing');
    expect(await roster()).toEqual(before);
  });

  it('a sheet with new people and changed ones: skip adds only the new; update adds them and applies the changes, in one audited import', async () => {
    const next = SHEET.replace('城关代表小组,第一选区,13800000002', '河西代表小组,第一选区,13800000002') + '\n陈明,男,东街代表小组,第四选区,13900000009,在任\n周红,女,东街代表小组,第四选区,,';
    const skip = await admin.call(R.previewImport, { params: { congressId }, query: { existing: 'skip' }, body: csv(next) });
    expect(skip.body.counts).toEqual({ new: 2, unchanged: 2, update: 0, skip: 1, error: 0 });
    const update = await admin.call(R.previewImport, { params: { congressId }, query: { existing: 'update' }, body: csv(next) });
    expect(update.body.counts).toEqual({ new: 2, unchanged: 2, update: 1, skip: 0, error: 0 });
    expect(update.body.rows.find((r: { action: string }) => r.action === 'update')!.changes).toEqual([{ field: 'delegation', from: '城关代表小组', to: '河西代表小组' }]);
    expect((await roster()).length).toBe(3); // a preview writes nothing

    // What the person saw must still hold: a count that no longer matches is refused, and nothing is written.
    const stale = await new Client(t, 'en').call(R.importRoster, { params: { congressId }, query: { existing: 'update', expectNew: 1, expectUpdate: 1 }, body: csv(next) }, { cookie: admin.cookie, 'x-csrf-token': admin.csrf });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'import_changed', message: 'The roster changed since the check: it would now add 2 and update 1. Look at the new check, then import.' });
    expect((stale.body.error?.details as ImportPreview).counts.new).toBe(2);
    expect((await roster()).length).toBe(3);

    const res = await admin.call(R.importRoster, { params: { congressId }, query: { existing: 'update', expectNew: 2, expectUpdate: 1 }, body: csv(next) });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ imported: 2, updated: 1, unchanged: 2, skipped: 0, encoding: 'utf-8' });
    const after = await roster();
    expect(after.map((p) => p.name)).toEqual(['张伟', '李娜', '赵强', '陈明', '周红'].sort((a, b) => a.localeCompare(b)));
    expect(after.find((p) => p.name === '李娜')!.delegation).toBe('河西代表小组');
    expect(after.find((p) => p.name === '张伟')!.phone).toBe('+86 138 0000 0001');

    const imports = await auditOf('roster.import');
    expect(imports[0].details).toMatchObject({ existing: 'update', rows: 2, updated: 1, unchanged: 2, skipped: 0 });

    // The same file again: nothing left to do, in either mode.
    const again = await admin.call(R.previewImport, { params: { congressId }, query: { existing: 'update' }, body: csv(next) });
    expect(again.body.counts).toEqual({ new: 0, unchanged: 5, update: 0, skip: 0, error: 0 });
  });

  it('a bad row still refuses the whole file under update, and bad choices are 400 in both languages', async () => {
    const bad = SHEET.replace('李娜,女', '李娜,未知') + '\n新人甲,男,城关代表小组,第一选区,13911111111,';
    const before = await roster();
    const res = await admin.call(R.importRoster, { params: { congressId }, query: { existing: 'update' }, body: csv(bad) });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('import_invalid');
    expect((res.body.error?.details as ImportPreview).counts).toMatchObject({ new: 1, error: 1 });
    expect(await roster()).toEqual(before);
    const zh = await admin.post(`${base()}/roster/import/preview?existing=replace`, csv(SHEET));
    expect(zh.status).toBe(400);
    expect(zh.body.error?.code).toBe('validation');
    expect(zh.body.error?.message).toBe('提交的内容有误，请按提示修改。');
    const en = await new Client(t, 'en').request('POST', `${base()}/roster/import?expectNew=-1`, csv(SHEET), { cookie: admin.cookie, 'x-csrf-token': admin.csrf });
    expect(en.status).toBe(400);
    expect(en.body.error?.message).toBe('Some fields are not valid; correct them as shown.');
    expect((await roles.presidium.call(R.importRoster, { params: { congressId }, query: { existing: 'update' }, body: csv(SHEET) })).status).toBe(403);
  });
});
