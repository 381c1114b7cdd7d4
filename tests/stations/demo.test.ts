/** The demo year's stations part (server/demo/loop-stations.ts) runs through the real routes and leaves what it says. */
import { describe, expect, it } from 'vitest';
import { demoApp } from '../../server/demo/api.ts';
import { DemoClock, shanghai } from '../../server/demo/clock.ts';
import { loadStationsDemo } from '../../server/demo/loop-stations.ts';
import { shanghaiToday } from '../../shared/time.ts';
import { congressWithRoles, PASSWORD, setupAdmin, useTestApp } from '../helpers/app.ts';

const t = useTestApp();

describe('the stations demo', () => {
  it('makes four stations with keepers, a published plan, records with items, and residents’ items', async () => {
    const admin = await setupAdmin(t);
    const { congress } = await congressWithRoles(t, admin);
    const base = `/api/congresses/${congress.id}`;
    await admin.post(`${base}/accounts`, { username: 'staff', displayName: '人大办 林主任', password: PASSWORD, role: 'admin' });
    for (let i = 0; i < 24; i++) expect((await admin.post(`${base}/representatives`, { name: `代表${i + 1}` })).status).toBe(201);
    const year = Number(shanghaiToday().slice(0, 4));
    const clock = new DemoClock(shanghai(`${year - 1}-12-20`, '09:00'));
    const out = await loadStationsDemo(demoApp(t.database), { clock, warp: () => clock.warp(t.database) }, congress.id, year, PASSWORD, t.database);
    clock.end();
    expect(out.stations).toHaveLength(4);
    expect(out.days).toBeGreaterThan(12 + 52 + 24);
    expect(out.residentItems).toBe(3);
    const list = (await admin.get(`${base}/stations`)).body as { id: string; keepers: unknown[]; representatives: number; receptionsThisYear: number }[];
    expect(list.map((s) => s.keepers.length)).toEqual([1, 1, 1, 1]);
    expect(list.every((s) => s.representatives > 0)).toBe(true);
    const [counted] = await t.database.query<{ receptions: number; items: number; unpublished: number }>(
      `select (select count(*)::int from receptions where congress_id = $1) as receptions,
              (select count(*)::int from items where congress_id = $1 and source = 'reception') as items,
              (select count(*)::int from reception_days where congress_id = $1 and published_at is null) as unpublished`,
      [congress.id],
    );
    expect(counted).toEqual({ receptions: out.receptions, items: out.items, unpublished: 0 });
    if (shanghaiToday() > `${year}-01-16`) expect(out.receptions).toBeGreaterThan(0);
  }, 120_000);
});
