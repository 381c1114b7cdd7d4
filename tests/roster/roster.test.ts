import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../shared/csv.ts';
import * as R from '../../shared/roster/contract.ts';
import type { ImportPreview } from '../../shared/roster/schema.ts';
import { Client, congressWithRoles, setupAdmin, useTestApp } from '../helpers/app.ts';

const t = useTestApp();
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));
let admin: Client;
let congressId: string;
let roles: Record<string, Client>;

const base = () => `/api/congresses/${congressId}`;
const roster = async (query = '') => (await admin.get(`${base()}/representatives${query}`)).body as { id: string; name: string; status: string; delegation: string; phone: string; gender: string | null }[];

describe('roster import', () => {
  it('previews a GBK file as a spreadsheet exports it, writing nothing', async () => {
    admin = await setupAdmin(t);
    const made = await congressWithRoles(t, admin);
    congressId = made.congress.id;
    roles = made.clients;
    const res = await admin.call(R.previewImport, { params: { congressId }, body: fixture('roster-gbk.csv') });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ encoding: 'gbk', total: 4, valid: 4, invalid: 0, headerErrors: [] });
    expect(res.body.rows[0].data).toMatchObject({ name: '张伟', gender: 'male', delegation: '城关代表小组', constituency: '第一选区', phone: '13800000001', status: 'seated' });
    expect(res.body.rows[2].data?.name).toBe('王芳, 副组长');
    expect(res.body.rows[2].cells).toEqual(['王芳, 副组长', '女', '河西代表小组', '第二选区', '13800000003', '']);
    expect(await roster()).toEqual([]);
  });

  it('reports every bad row with its line and field, and imports nothing while any row is bad', async () => {
    const preview = await admin.call(R.previewImport, { params: { congressId }, body: fixture('roster-bad.csv') });
    expect(preview.body).toMatchObject({ encoding: 'utf-8', total: 4, valid: 1, invalid: 3 });
    const errs = preview.body.rows.map((r: { line: number; errors: { field: string; code: string }[] }) => [r.line, r.errors.map((e) => `${e.field}:${e.code}`)]);
    expect(errs).toEqual([
      [2, []],
      [3, ['name:required']],
      [4, ['gender:gender_word', 'phone:phone_format']],
      [5, ['name:duplicate_in_file']],
    ]);
    const res = await new Client(t, 'en').call(R.importRoster, { params: { congressId }, body: fixture('roster-bad.csv') }, { cookie: admin.cookie, 'x-csrf-token': admin.csrf });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('import_invalid');
    expect(res.body.error?.message).toBe('3 rows have errors; nothing was imported. Correct them and import again.');
    expect((res.body.error?.details as ImportPreview).rows.length).toBe(4);
    expect(await roster()).toEqual([]);
  });

  it('imports a GBK file whole; a UTF-8 file of the same people is then found unchanged, and importing it is refused as nothing to do', async () => {
    const res = await admin.call(R.importRoster, { params: { congressId }, body: fixture('roster-gbk.csv') });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ imported: 4, updated: 0, unchanged: 0, skipped: 0, encoding: 'gbk' });
    const names = (await roster()).map((r) => r.name).sort();
    expect(names).toEqual(['张伟', '李娜', '王芳, 副组长', '赵强'].sort());
    const again = await admin.call(R.previewImport, { params: { congressId }, body: fixture('roster-utf8.csv') });
    expect(again.body.encoding).toBe('utf-8');
    expect(again.body).toMatchObject({ invalid: 0, counts: { new: 0, unchanged: 4, update: 0, skip: 0, error: 0 } });
    expect(again.body.rows.map((r: { action: string }) => r.action)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
    const refused = await new Client(t, 'en').call(R.importRoster, { params: { congressId }, body: fixture('roster-utf8.csv') }, { cookie: admin.cookie, 'x-csrf-token': admin.csrf });
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('import_nothing');
    expect(refused.body.error?.message).toBe('Nothing to import: everyone in the file is already on the roster (4 unchanged, 0 skipped as chosen).');
    expect(await roster()).toHaveLength(4);
  });

  it('refuses a file with no name column, an empty file, and a body that is not CSV', async () => {
    const long = await admin.call(R.previewImport, { params: { congressId }, body: new TextEncoder().encode(`姓名\n${'长'.repeat(41)}\n`) });
    expect(long.body.rows[0].errors).toEqual([{ field: 'name', code: 'too_long', params: { max: 40 } }]);
    const noName = await admin.call(R.previewImport, { params: { congressId }, body: new TextEncoder().encode('foo,bar\n1,2\n') });
    expect(noName.body.headerErrors).toEqual([{ field: 'name', code: 'csv_no_name_column' }]);
    const empty = await admin.call(R.importRoster, { params: { congressId }, body: new Uint8Array() });
    expect(empty.status).toBe(400);
    const json = await admin.post(`${base()}/roster/import`, { rows: [] });
    expect(json.status).toBe(415);
    const binary = await admin.call(R.previewImport, { params: { congressId }, body: new Uint8Array([0xff, 0xfe, 0xff, 0x00, 0xff, 0xff]) });
    expect(binary.status).toBe(400);
    expect(binary.body.error?.code).toBe('import_encoding');
    const huge = await admin.call(R.importRoster, { params: { congressId }, body: new Uint8Array(1024 * 1024 + 10).fill(0x41) });
    expect(huge.status).toBe(413);
    expect(await roster()).toHaveLength(4);
  });

  it('exports the roster as UTF-8 CSV with a BOM that parses back to the same people', async () => {
    const res = await admin.call(R.exportRoster, { params: { congressId } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(res.text);
    expect(rows[0]).toEqual(['姓名', '性别', '代表团/代表小组', '选区', '联系电话', '状态']);
    expect(rows.slice(1).map((r) => r[0]).sort()).toEqual(['张伟', '李娜', '王芳, 副组长', '赵强'].sort());
    expect(rows.find((r) => r[0] === '张伟')).toEqual(['张伟', '男', '城关代表小组', '第一选区', '13800000001', '在任']);
  });

  it('only staff, presidium and scrutineers read the roster; only admins change it', async () => {
    for (const role of ['presidium', 'scrutineer']) expect((await roles[role].call(R.listRepresentatives, { params: { congressId } })).status).toBe(200);
    for (const role of ['government', 'representative', 'department']) expect((await roles[role].call(R.listRepresentatives, { params: { congressId } })).status).toBe(403);
    expect((await roles.presidium.call(R.createRepresentative, { params: { congressId }, body: { name: '越权' } })).status).toBe(403);
    expect((await roles.scrutineer.call(R.importRoster, { params: { congressId }, body: fixture('roster-utf8.csv') })).status).toBe(403);
  });
});

describe('roster editing', () => {
  it('adds, edits, searches and ends a term', async () => {
    const added = await admin.call(R.createRepresentative, { params: { congressId }, body: { name: '孙丽', gender: 'female', delegation: '东街代表小组', phone: '13700000000' } });
    expect(added.status).toBe(201);
    const id = added.body.id;
    const edited = await admin.call(R.updateRepresentative, { params: { congressId, representativeId: id }, body: { constituency: '第五选区' } });
    expect(edited.body).toMatchObject({ name: '孙丽', constituency: '第五选区' });
    expect((await admin.call(R.updateRepresentative, { params: { congressId, representativeId: id }, body: { phone: 'not a phone' } })).status).toBe(400);
    expect((await roster('?q=东街')).map((r) => r.name)).toEqual(['孙丽']);
    const ended = await admin.call(R.endTerm, { params: { congressId, representativeId: id }, body: { endedOn: '2026-11-01', reason: '调离本行政区域' } });
    expect(ended.body).toMatchObject({ status: 'left', termEndedOn: '2026-11-01', termEndReason: '调离本行政区域' });
    expect((await admin.call(R.endTerm, { params: { congressId, representativeId: id }, body: { endedOn: '2026-11-02' } })).status).toBe(409);
    expect((await roster('?status=left')).map((r) => r.name)).toEqual(['孙丽']);
    expect((await roster('?status=seated')).some((r) => r.name === '孙丽')).toBe(false);
    expect((await admin.call(R.endTerm, { params: { congressId, representativeId: id }, body: { endedOn: '2026-13-45' } })).status).toBe(400);
  });

  it('does not let one congress reach into another congress roster', async () => {
    const other = (await admin.post('/api/congresses', { name: '邻镇人大', level: 'township', term: 5 })).body;
    const someone = (await roster())[0];
    const res = await admin.patch(`/api/congresses/${other.id}/representatives/${someone.id}`, { name: '篡改' });
    expect(res.status).toBe(404);
    expect(res.body.error?.code).toBe('representative_not_found');
  });
});

describe('delegate cards and QR sign-in', () => {
  it('prints a card per seated representative with a signed login QR that signs the representative in', async () => {
    const cards = await admin.call(R.getDelegateCards, { params: { congressId } });
    expect(cards.status).toBe(200);
    const seated = await roster('?status=seated');
    expect(cards.body.cards.length).toBe(seated.length);
    const card = cards.body.cards.find((c: { name: string }) => c.name === '张伟')!;
    expect(card.qrSvg).toMatch(/^<svg/);
    expect(card.url).toMatch(/^http:\/\/localhost\/l#[\w-]+\.[\w-]+\.[\w-]+$/);
    const token = card.url.split('#')[1];

    const rep = new Client(t);
    const res = await rep.post('/api/auth/card-login', { token });
    expect(res.status).toBe(200);
    expect(res.body.account.displayName).toBe('张伟');
    expect(res.body.account.hasPassword).toBe(false);
    expect(res.body.memberships).toEqual([expect.objectContaining({ congressId, role: 'representative' })]);
    // Signing in again with the same card reuses the same account.
    const again = await new Client(t).post('/api/auth/card-login', { token });
    expect(again.body.account.id).toBe(res.body.account.id);
  });

  it('refuses a forged, truncated or reissued card, and ends the card sessions when the card is reissued', async () => {
    const card = (await admin.call(R.getDelegateCards, { params: { congressId } })).body.cards.find((c: { name: string }) => c.name === '李娜')!;
    const token: string = card.url.split('#')[1];
    const [h, p, s] = token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ r: card.id, n: 2 })).toString('base64url');
    for (const bad of [`${h}.${forgedPayload}.${s}`, token.slice(0, -3), `${h}.${p}.${'A'.repeat(s.length)}`, 'x'.repeat(40)]) {
      const res = await new Client(t).post('/api/auth/card-login', { token: bad });
      expect(res.status).toBe(403);
      expect(res.body.error?.code).toBe('card_invalid');
    }
    const rep = new Client(t);
    expect((await rep.post('/api/auth/card-login', { token })).status).toBe(200);
    const reissued = await admin.call(R.reissueCard, { params: { congressId, representativeId: card.id } });
    expect(reissued.body.cardVersion).toBe(2);
    expect((await rep.get('/api/auth/me')).status).toBe(401);
    expect((await new Client(t).post('/api/auth/card-login', { token })).status).toBe(403);
    const fresh = (await admin.call(R.getDelegateCards, { params: { congressId }, query: { ids: card.id } })).body.cards;
    expect(fresh.length).toBe(1);
    expect((await new Client(t).post('/api/auth/card-login', { token: fresh[0].url.split('#')[1] })).status).toBe(200);
  });

  it('a login token is not accepted as anything else, and a card stops working when the term ends', async () => {
    const card = (await admin.call(R.getDelegateCards, { params: { congressId } })).body.cards.find((c: { name: string }) => c.name === '赵强')!;
    const token = card.url.split('#')[1];
    const ballotTyped = await t.keys.sign('ms-ballot', { r: card.id, n: 1 });
    expect((await new Client(t).post('/api/auth/card-login', { token: ballotTyped })).status).toBe(403);
    await admin.call(R.endTerm, { params: { congressId, representativeId: card.id }, body: { endedOn: '2026-11-20' } });
    expect((await new Client(t).post('/api/auth/card-login', { token })).status).toBe(403);
    expect((await admin.call(R.reissueCard, { params: { congressId, representativeId: card.id } })).status).toBe(409);
  });
});
