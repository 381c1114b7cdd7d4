/**
 * Templates (SPEC §16): a county publishes versions; a township below adopts chosen parts (its settings change exactly as
 * the parts say and nothing else), sees a newer version, compares and adopts again; what it adopted takes effect (a new
 * round asks the adopted questionnaire, an item in a category not used is refused). Refusals: a congress not below, a
 * version of another county, a part the version lacks, a township making templates, the overseer adopting.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { congresses, templateAdoptions } from '../../server/db/schema/index.ts';
import { CongressSettings, defaultSettings } from '../../shared/congress/settings.ts';
import * as E from '../../shared/evaluation/contract.ts';
import * as I from '../../shared/items/contract.ts';
import * as C from '../../shared/templates/contract.ts';
import { applyParts, compareContent, contentOf, type TemplateContent } from '../../shared/templates/schema.ts';
import { Client, PASSWORD, setupAdmin, uniq, useTestApp } from '../helpers/app.ts';

const t = useTestApp();
let sys: Client;
let countyId: string;
let otherCountyId: string;
let townId: string;
let town2Id: string;
let countyAdmin: Client;
let townAdmin: Client;
let overseer: Client;
let templateId: string;
let otherVersionId: string;

const V1: TemplateContent = {
  settings: { ...contentOf(defaultSettings()).settings!, quorum: { numerator: 3, denominator: 4 }, tally: { signoffs: 3 } },
  negativeList: ['办公楼', '豪华装修'],
  questionnaire: { department: [{ id: 'd1', label: '服务态度', kind: 'satisfaction3' }, { id: 'd2', label: '办事效率', kind: 'scale5' }] },
  itemCategories: ['rural', 'urban', 'other'],
  points: { ...defaultSettings().points, reception_held: 3 },
};

async function account(congressId: string, role: string): Promise<Client> {
  const username = uniq(role.slice(0, 6));
  const res = await sys.post(`/api/congresses/${congressId}/accounts`, { username, displayName: `${role}用户`, password: PASSWORD, role });
  expect(res.status, res.text).toBe(201);
  const c = new Client(t);
  await c.login(username, PASSWORD);
  return c;
}
const settingsOf = async (id: string) => CongressSettings.parse((await t.deps.db.select().from(congresses).where(eq(congresses.id, id)))[0].settings);

beforeAll(async () => {
  sys = await setupAdmin(t);
  const make = async (name: string, level: string) => (await sys.post('/api/congresses', { name: uniq(name), level, term: 18 })).body.id as string;
  countyId = await make('示例县人大', 'county');
  otherCountyId = await make('邻县人大', 'county');
  townId = await make('示范镇人大', 'township');
  town2Id = await make('东街街道', 'street');
  for (const [child, parent] of [[townId, countyId], [town2Id, countyId]]) expect((await sys.put(`/api/congresses/${child}/parent`, { parentId: parent })).status).toBe(200);
  countyAdmin = await account(countyId, 'admin');
  townAdmin = await account(townId, 'admin');
  const username = uniq('overseer');
  const acc = (await sys.post('/api/accounts', { username, displayName: '县人大督导', password: PASSWORD })).body;
  expect((await sys.post(`/api/congresses/${countyId}/members`, { accountId: acc.id, role: 'overseer' })).status).toBe(201);
  overseer = new Client(t);
  await overseer.login(username, PASSWORD);
  // Another county's template: not above the township.
  const ot = await sys.call(C.createTemplate, { params: { congressId: otherCountyId }, body: { name: '邻县模板', description: '' } });
  otherVersionId = (await sys.call(C.publishVersion, { params: { congressId: otherCountyId, templateId: ot.body.id }, body: { content: { negativeList: ['x'] }, note: '' } })).body.id;
});

describe('the comparison (pure)', () => {
  it('lists each changed field by part, a list as one field, a missing part whole', () => {
    const a: TemplateContent = { settings: contentOf(defaultSettings()).settings, negativeList: ['a', 'b'] };
    const b: TemplateContent = { settings: { ...a.settings!, quorum: { numerator: 3, denominator: 4 }, loop: { ...a.settings!.loop, deadlines: { ...a.settings!.loop.deadlines, urgent: 2 } } }, negativeList: ['a', 'b'], points: defaultSettings().points };
    expect(compareContent(a, b)).toEqual([
      { part: 'settings', path: 'quorum.numerator', before: 2, after: 3 },
      { part: 'settings', path: 'quorum.denominator', before: 3, after: 4 },
      { part: 'settings', path: 'loop.deadlines.urgent', before: 3, after: 2 },
      { part: 'points', path: '', before: null, after: defaultSettings().points },
    ]);
    expect(compareContent(b, b)).toEqual([]);
    expect(compareContent(a, { negativeList: ['a'] }, ['negativeList'])).toEqual([{ part: 'negativeList', path: '', before: ['a', 'b'], after: ['a'] }]);
    expect(compareContent(null, { negativeList: ['a'] })).toEqual([{ part: 'negativeList', path: '', before: null, after: ['a'] }]);
  });
  it('applying parts changes those places and nothing else', () => {
    const s = defaultSettings();
    const out = applyParts(s, V1, ['negativeList', 'itemCategories']);
    expect(out.gathering.negativeList).toEqual(V1.negativeList);
    expect(out.loop.categories).toEqual(V1.itemCategories);
    expect({ ...out, gathering: s.gathering, loop: s.loop }).toEqual(s);
    expect(s.loop.categories).toHaveLength(6); // not mutated
  });
});

describe('a county publishes, a township adopts', () => {
  it('the county admin makes a template and publishes version 1; a township cannot make one', async () => {
    const made = await countyAdmin.call(C.createTemplate, { params: { congressId: countyId }, body: { name: '2027年度乡镇人大工作模板', description: '县人大常委会统一下发' } });
    expect(made.status, made.text).toBe(200);
    templateId = made.body.id;
    expect((await countyAdmin.call(C.createTemplate, { params: { congressId: countyId }, body: { name: '2027年度乡镇人大工作模板' } })).body.error?.code).toBe('template_name_taken');
    const v1 = await countyAdmin.call(C.publishVersion, { params: { congressId: countyId, templateId }, body: { content: V1, note: '首版' } });
    expect(v1.status, v1.text).toBe(200);
    expect(v1.body.version).toBe(1);
    expect(v1.body.parts).toEqual(['settings', 'negativeList', 'questionnaire', 'itemCategories', 'points']);
    for (const as of [townAdmin, sys]) expect((await as.call(C.createTemplate, { params: { congressId: townId }, body: { name: '镇模板' } })).body.error?.code).toBe('template_level');
    // An empty version and a bad part are refused as bad input.
    expect((await countyAdmin.call(C.publishVersion, { params: { congressId: countyId, templateId }, body: { content: {}, note: '' } })).status).toBe(400);
    expect((await countyAdmin.call(C.publishVersion, { params: { congressId: countyId, templateId }, body: { content: { itemCategories: ['nonsense'] } as never, note: '' } })).status).toBe(400);
    // The overseer reads, never writes.
    expect((await overseer.call(C.listTemplates, { params: { congressId: countyId } })).body.items.map((x) => x.latest?.version)).toEqual([1]);
    expect((await overseer.call(C.publishVersion, { params: { congressId: countyId, templateId }, body: { content: V1, note: '' } })).status).toBe(403);
  });

  it('the township sees it as new, compares with its settings, and adopts two parts: exactly those change', async () => {
    const list = await townAdmin.call(C.listAvailable, { params: { congressId: townId } });
    expect(list.status, list.text).toBe(200);
    expect(list.body.items).toHaveLength(1); // not the other county's
    const it1 = list.body.items[0];
    expect(it1).toMatchObject({ id: templateId, congressId: countyId, adopted: null, newer: true, latest: { version: 1 } });
    const cmp = await townAdmin.call(C.compareVersion, { params: { congressId: townId, versionId: it1.latest!.id } });
    expect(cmp.status, cmp.text).toBe(200);
    expect(cmp.body.sinceAdopted).toEqual([]);
    expect(cmp.body.againstCurrent).toContainEqual({ part: 'settings', path: 'tally.signoffs', before: 2, after: 3 });
    expect(cmp.body.againstCurrent).toContainEqual({ part: 'itemCategories', path: '', before: ['social', 'science_education', 'rural', 'urban', 'ecology', 'other'], after: ['rural', 'urban', 'other'] });

    const before = await settingsOf(townId);
    const res = await townAdmin.call(C.adoptVersion, { params: { congressId: townId, versionId: it1.latest!.id }, body: { parts: ['questionnaire', 'itemCategories'] } });
    expect(res.status, res.text).toBe(200);
    expect(res.body.changed).toBe(2);
    const after = await settingsOf(townId);
    expect(after.evaluation.questionnaire).toEqual(V1.questionnaire);
    expect(after.loop.categories).toEqual(V1.itemCategories);
    expect({ ...after, evaluation: { ...after.evaluation, questionnaire: {} }, loop: { ...after.loop, categories: before.loop.categories } }).toEqual(before);
    const rows = await t.deps.db.select().from(templateAdoptions).where(eq(templateAdoptions.congressId, townId));
    expect(rows.map((r) => [r.versionId, r.parts])).toEqual([[it1.latest!.id, ['questionnaire', 'itemCategories']]]);
    const again = (await townAdmin.call(C.listAvailable, { params: { congressId: townId } })).body.items[0];
    expect(again).toMatchObject({ newer: false, adopted: { version: 1, parts: ['questionnaire', 'itemCategories'] } });
  });

  it('what was adopted takes effect: the questionnaire of a new round, the categories of a new item', async () => {
    const dep = (await sys.post(`/api/congresses/${townId}/departments`, { name: uniq('民政办'), kind: 'bureau' })).body;
    const round = await townAdmin.call(E.createRound, { params: { congressId: townId }, body: { year: 2027, title: '部门满意度测评', audiences: ['representatives'], targets: [{ kind: 'department', id: dep.id }] } as never });
    expect(round.status, round.text).toBe(201);
    expect(round.body.items).toEqual(V1.questionnaire);
    const item = (category: string) => townAdmin.call(I.createItem, { params: { congressId: townId }, body: { source: 'staff', category, title: '路灯不亮', content: '河东村主路路灯坏了。', place: '河东村' } as never });
    const refused = await item('social');
    expect(refused.status).toBe(400);
    expect(refused.body.error?.code).toBe('item_category_unused');
    expect(refused.body.error?.message).toContain('类别');
    expect((await item('rural')).status).toBe(201);
  });

  it('the township may change its settings after; a newer version shows, compares against both, and is adopted', async () => {
    const s = await settingsOf(townId);
    s.loop.categories = ['rural', 'urban', 'ecology', 'other'];
    expect((await townAdmin.put(`/api/congresses/${townId}/settings`, s)).status).toBe(200);
    const v2content: TemplateContent = { ...V1, itemCategories: ['social', 'rural', 'urban', 'other'], negativeList: ['办公楼'] };
    const v2 = await countyAdmin.call(C.publishVersion, { params: { congressId: countyId, templateId }, body: { content: v2content, note: '增加社会建设类' } });
    expect(v2.body.version).toBe(2);
    const listed = (await townAdmin.call(C.listAvailable, { params: { congressId: townId } })).body.items[0];
    expect(listed).toMatchObject({ newer: true, latest: { version: 2 }, adopted: { version: 1 } });
    const cmp = (await townAdmin.call(C.compareVersion, { params: { congressId: townId, versionId: v2.body.id } })).body;
    expect(cmp.adopted?.version).toBe(1);
    expect(cmp.sinceAdopted).toEqual([
      { part: 'negativeList', path: '', before: ['办公楼', '豪华装修'], after: ['办公楼'] },
      { part: 'itemCategories', path: '', before: ['rural', 'urban', 'other'], after: ['social', 'rural', 'urban', 'other'] },
    ]);
    expect(cmp.againstCurrent).toContainEqual({ part: 'itemCategories', path: '', before: ['rural', 'urban', 'ecology', 'other'], after: ['social', 'rural', 'urban', 'other'] });
    expect((await townAdmin.call(C.adoptVersion, { params: { congressId: townId, versionId: v2.body.id }, body: { parts: ['itemCategories', 'settings'] } })).status).toBe(200);
    const after = await settingsOf(townId);
    expect(after.loop.categories).toEqual(['social', 'rural', 'urban', 'other']);
    expect(after.tally.signoffs).toBe(3);
    expect(after.quorum).toEqual({ numerator: 3, denominator: 4 });
    expect(after.evaluation.questionnaire).toEqual(V1.questionnaire); // kept from v1, not taken again
    // The county's list: the township on v2 with the parts it took, the street on nothing.
    const adoptions = (await overseer.call(C.listAdoptions, { params: { congressId: countyId } })).body;
    expect(adoptions.templates).toEqual([{ id: templateId, name: '2027年度乡镇人大工作模板', latestVersion: 2 }]);
    expect(adoptions.congresses.find((x) => x.id === townId)?.adoptions).toMatchObject([{ templateId, version: 2, parts: ['itemCategories', 'settings'] }]);
    expect(adoptions.congresses.find((x) => x.id === town2Id)?.adoptions).toEqual([]);
    const detail = (await overseer.call(C.getTemplate, { params: { congressId: countyId, templateId } })).body;
    expect(detail.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(detail.adoptedBy).toBe(1);
  });

  it('refuses: a version of another county, a part the version lacks, a template of another county, the overseer on the township', async () => {
    expect((await townAdmin.call(C.adoptVersion, { params: { congressId: townId, versionId: otherVersionId }, body: { parts: ['negativeList'] } })).body.error?.code).toBe('template_version_not_found');
    expect((await townAdmin.call(C.compareVersion, { params: { congressId: townId, versionId: otherVersionId } })).status).toBe(404);
    const other = await sys.call(C.createTemplate, { params: { congressId: countyId }, body: { name: uniq('只有负面清单') } });
    const v = await sys.call(C.publishVersion, { params: { congressId: countyId, templateId: other.body.id }, body: { content: { negativeList: ['a'] }, note: '' } });
    const lacking = await townAdmin.call(C.adoptVersion, { params: { congressId: townId, versionId: v.body.id }, body: { parts: ['points'] } });
    expect(lacking.status).toBe(400);
    expect(lacking.body.error?.code).toBe('template_part_missing');
    expect((await townAdmin.call(C.adoptVersion, { params: { congressId: townId, versionId: v.body.id }, body: { parts: ['bogus'] } as never })).status).toBe(400);
    // A county is not below itself, nor is another county's template readable from here.
    expect((await sys.call(C.getTemplate, { params: { congressId: otherCountyId, templateId } })).body.error?.code).toBe('template_not_found');
    expect((await sys.call(C.listAvailable, { params: { congressId: otherCountyId } })).body.items).toEqual([]);
    for (const call of [overseer.call(C.listAvailable, { params: { congressId: townId } }), overseer.call(C.adoptVersion, { params: { congressId: townId, versionId: v.body.id }, body: { parts: ['negativeList'] } })]) expect([403, 404]).toContain((await call).status);
    // The township's own admin has no say in the county (it is not one of the county's: not found, as for any congress not its own).
    expect((await townAdmin.call(C.listTemplates, { params: { congressId: countyId } })).status).toBe(404);
  });
});

describe('the demo part (server/templates/demo.ts)', () => {
  it('publishes two versions; the first township is on v1 and sees v2 as newer, the other on v2; loading twice changes nothing', async () => {
    const { loadTemplatesDemo } = await import('../../server/templates/demo.ts');
    const make = async (name: string, level: string) => (await sys.post('/api/congresses', { name: uniq(name), level, term: 18 })).body.id as string;
    const county = await make('演示县', 'county');
    const [a, b] = [await make('甲镇', 'township'), await make('乙乡', 'township')];
    for (const x of [a, b]) expect((await sys.put(`/api/congresses/${x}/parent`, { parentId: county })).status).toBe(200);
    const me = (await sys.get('/api/auth/me')).body;
    const adminAccountId = me.account?.id ?? me.id;
    const before = await settingsOf(a);
    expect(await loadTemplatesDemo(t.deps.db, { countyId: county, townshipIds: [a, b], adminAccountId })).not.toBeNull();
    expect(await loadTemplatesDemo(t.deps.db, { countyId: county, townshipIds: [a, b], adminAccountId })).toBeNull();
    const [ia] = (await sys.call(C.listAvailable, { params: { congressId: a } })).body.items;
    expect(ia).toMatchObject({ newer: true, adopted: { version: 1 }, latest: { version: 2 } });
    const [ib] = (await sys.call(C.listAvailable, { params: { congressId: b } })).body.items;
    expect(ib).toMatchObject({ newer: false, adopted: { version: 2 } });
    const after = await settingsOf(a);
    expect({ ...after, evaluation: { ...after.evaluation, questionnaire: {} } }).toEqual(before);
    expect((await settingsOf(b)).points.reception_held).toBe(3);
  });
});
