/**
 * The tree of congresses (SPEC §16): a system administrator places a congress under its county or city — each level only
 * under the one above it (shared/county/tree.ts) — and reads every congress of the deployment paged and filtered on the
 * server, with its parent and how many sit under it; the overseer role exists only on a county or city; a county's
 * staff read the congresses below it (a city: its counties' too), paged and filtered.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as CC from '../../shared/congress/contract.ts';
import * as C from '../../shared/county/contract.ts';
import { Client, PASSWORD, setupAdmin, uniq, useTestApp } from '../helpers/app.ts';

const t = useTestApp();
let sys: Client;
const ids: Record<string, string> = {};
const tag = uniq('树');

async function make(name: string, level: 'city' | 'county' | 'township' | 'street', parentId?: string) {
  const r = await sys.call(CC.createCongress, { body: { name: `${tag}${name}第十八届人民代表大会`, level, term: 18 } });
  expect(r.status, r.text).toBe(201);
  if (parentId) expect((await sys.call(C.setParent, { params: { congressId: r.body.id }, body: { parentId } })).status).toBe(200);
  return r.body.id as string;
}

beforeAll(async () => {
  sys = await setupAdmin(t);
  ids.city = await make('江城市', 'city');
  ids.countyA = await make('东县', 'county', ids.city);
  ids.countyB = await make('西县', 'county', ids.city);
  for (let i = 1; i <= 5; i++) ids[`a${i}`] = await make(`东县${i}镇`, 'township', ids.countyA);
  ids.street = await make('东县街道', 'street', ids.countyA);
  ids.b1 = await make('西县1乡', 'township', ids.countyB);
  ids.loose = await make('未归属镇', 'township');
});

describe('placing a congress', () => {
  it('refuses a level out of place, itself, and a parent that does not exist — and changes nothing', async () => {
    const cases: [string, string | null, number, string][] = [
      [ids.a1, ids.city, 400, 'parent_level'], // a township straight under a city
      [ids.countyA, ids.countyB, 400, 'parent_level'], // a county under a county
      [ids.city, ids.countyA, 400, 'parent_level'], // a city stands at the top
      [ids.a1, ids.a2, 400, 'parent_level'],
      [ids.countyA, ids.countyA, 400, 'parent_self'],
      [ids.a1, crypto.randomUUID(), 404, 'congress_not_found'],
    ];
    for (const [child, parentId, status, code] of cases) {
      const r = await sys.call(C.setParent, { params: { congressId: child }, body: { parentId } });
      expect([r.status, r.body.error?.code], `${child} under ${parentId}`).toEqual([status, code]);
    }
    const a1 = await sys.call(CC.getCongress, { params: { congressId: ids.a1 } });
    expect(a1.body.parentId).toBe(ids.countyA);
  });

  it('moves a township to another county and back, and takes one off the tree', async () => {
    expect((await sys.call(C.setParent, { params: { congressId: ids.a5 }, body: { parentId: ids.countyB } })).status).toBe(200);
    let west = await sys.call(C.listBelow, { params: { congressId: ids.countyB }, query: { size: 50 } });
    expect(west.body.items.map((x) => x.id).sort()).toEqual([ids.b1, ids.a5].sort());
    expect((await sys.call(C.setParent, { params: { congressId: ids.a5 }, body: { parentId: null } })).status).toBe(200);
    west = await sys.call(C.listBelow, { params: { congressId: ids.countyB }, query: { size: 50 } });
    expect(west.body.items.map((x) => x.id)).toEqual([ids.b1]);
    expect((await sys.call(C.setParent, { params: { congressId: ids.a5 }, body: { parentId: ids.countyA } })).status).toBe(200);
  });

  it('is for system administrators only', async () => {
    const username = uniq('countyadmin');
    const acct = await sys.post('/api/accounts', { username, displayName: '县人大办', password: PASSWORD });
    await sys.post(`/api/congresses/${ids.countyA}/members`, { accountId: acct.body.id, role: 'admin' });
    const staff = new Client(t);
    await staff.login(username, PASSWORD);
    const r = await staff.call(C.setParent, { params: { congressId: ids.a1 }, body: { parentId: null } });
    expect(r.status).toBe(403);
    expect((await staff.call(C.listTree, { query: {} })).status).toBe(403);
    // …but a county's own admin reads the congresses below it.
    const below = await staff.call(C.listBelow, { params: { congressId: ids.countyA }, query: {} });
    expect(below.status).toBe(200);
    expect(below.body.total).toBe(6);
  });
});

describe('the overseer role', () => {
  it('is held on a county or a city, never on a township or street', async () => {
    const acct = await sys.post('/api/accounts', { username: uniq('ov'), displayName: '督导', password: PASSWORD });
    for (const [congress, ok] of [[ids.a1, false], [ids.street, false], [ids.countyA, true], [ids.city, true]] as const) {
      const r = await sys.call(CC.grantRole, { params: { congressId: congress }, body: { accountId: acct.body.id, role: 'overseer' } });
      if (ok) expect(r.status, r.text).toBe(201);
      else expect([r.status, r.body.error?.code]).toEqual([400, 'overseer_level']);
    }
  });
});

describe('lists at city size: paged and filtered on the server', () => {
  it('lists every congress with its parent and how many sit under it, filtered by name, level, parent and the top', async () => {
    const all = await sys.call(C.listTree, { query: { q: tag, size: 200 } });
    expect(all.body.total).toBe(11);
    expect(all.body.items[0]).toMatchObject({ id: ids.city, level: 'city', parentId: null, below: 2 });
    const east = all.body.items.find((x) => x.id === ids.countyA)!;
    expect(east).toMatchObject({ parentId: ids.city, parentName: `${tag}江城市第十八届人民代表大会`, below: 6 });
    // Levels from the top of the tree down.
    expect(all.body.items.map((x) => x.level)).toEqual(['city', 'county', 'county', 'street', ...Array(7).fill('township')].sort((a, b) => ['city', 'county', 'township', 'street'].indexOf(a) - ['city', 'county', 'township', 'street'].indexOf(b)));
    const page2 = await sys.call(C.listTree, { query: { q: tag, size: 4, page: 2 } });
    expect(page2.body.items.map((x) => x.id)).toEqual(all.body.items.slice(4, 8).map((x) => x.id));
    expect((await sys.call(C.listTree, { query: { q: tag, level: 'county' } })).body.items.map((x) => x.id).sort()).toEqual([ids.countyA, ids.countyB].sort());
    expect((await sys.call(C.listTree, { query: { parentId: ids.countyB } })).body.items.map((x) => x.id)).toEqual([ids.b1]);
    const tops = (await sys.call(C.listTree, { query: { q: tag, top: '1' } })).body.items.map((x) => x.id).sort();
    expect(tops).toEqual([ids.city, ids.loose].sort());
    const bad = await sys.request('GET', '/api/congress-tree?level=village&size=0');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation');
  });

  it("lists a city's congresses below — its counties and theirs — with their parents, filtered and paged", async () => {
    const below = await sys.call(C.listBelow, { params: { congressId: ids.city }, query: { size: 3 } });
    expect(below.body.total).toBe(9); // two counties, 东县's five townships and its street, 西县's township
    expect(below.body.items.map((x) => x.level)).toEqual(['county', 'county', 'township']);
    const streets = await sys.call(C.listBelow, { params: { congressId: ids.city }, query: { level: 'street' } });
    expect(streets.body.items).toEqual([expect.objectContaining({ id: ids.street, parentId: ids.countyA, parentName: `${tag}东县第十八届人民代表大会` })]);
    const named = await sys.call(C.listBelow, { params: { congressId: ids.city }, query: { q: '西县1' } });
    expect(named.body.items.map((x) => x.id)).toEqual([ids.b1]);
  });
});
