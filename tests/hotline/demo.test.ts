/**
 * The hotline part of the demo (server/demo/loop-hotline.ts) on its own: the mid-year xlsx and the year's GBK CSV go
 * through the real route; the second import updates the tickets closed since and adds the newer ones, never a duplicate;
 * representatives' calls are marked, the unsatisfied tickets are key items, and no caller's phone is kept.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { items } from '../../server/db/schema/index.ts';
import { demoApp } from '../../server/demo/api.ts';
import { DemoClock } from '../../server/demo/clock.ts';
import { loadHotlineDemo } from '../../server/demo/loop-hotline.ts';
import type { Story } from '../../server/demo/year.ts';
import { shanghaiYear } from '../../shared/time.ts';
import { Client, congressWithRoles, PASSWORD, setupAdmin, useTestApp } from '../helpers/app.ts';

const t = useTestApp();
const year = shanghaiYear() - 1;
let admin: Client;
let congressId: string;

beforeAll(async () => {
  admin = await setupAdmin(t);
  const made = await congressWithRoles(t, admin);
  congressId = made.congress.id;
  await admin.post(`/api/congresses/${congressId}/accounts`, { username: 'staff', displayName: '人大办', password: PASSWORD, role: 'admin' });
  for (const name of ['镇建设管理办', '镇水务站', '镇社会事务办（民政）', '镇卫生院', '县交通运输局青山站', '镇农业农村办', '镇中心学校']) await admin.post(`/api/congresses/${congressId}/departments`, { name, kind: 'township' });
  for (const [i, name] of ['王建华', '李秀英'].entries()) await admin.post(`/api/congresses/${congressId}/representatives`, { name, phone: `1380571100${i}` });
});

describe('the hotline demo', () => {
  it('imports the year twice: the second import updates and adds, never duplicates', async () => {
    const api = demoApp(t.database);
    const story: Story = { clock: new DemoClock(new Date(`${year}-01-02T09:00:00+08:00`)), warp: async () => {} };
    const demo = await loadHotlineDemo(api, story, congressId, year, PASSWORD);
    expect(demo.tickets).toBe(40);
    const [first, second] = demo.imports;
    expect(first.format).toBe('xlsx');
    expect(second.format).toBe('csv-gbk');
    expect(first.created).toBeGreaterThan(10);
    expect(second.created).toBe(40 - first.created);
    expect(second.updated).toBeGreaterThan(0);
    expect(second.updated + second.unchanged).toBe(first.created);
    expect(second.representatives).toBeGreaterThan(0);
    expect(second.unsatisfied).toBe(3);
    const rows = await t.database.db.select().from(items).where(and(eq(items.congressId, congressId), eq(items.source, 'hotline')));
    expect(rows).toHaveLength(40);
    expect(rows.filter((r) => r.keyItem)).toHaveLength(3);
    expect(rows.filter((r) => r.representativeId).length).toBeGreaterThan(0);
    expect(rows.some((r) => r.status === 'assigned')).toBe(true);
    expect(rows.some((r) => r.status === 'received')).toBe(true); // 县供电公司: not the township's
    expect(rows.filter((r) => r.status === 'done').length).toBeGreaterThan(20);
    expect(rows.every((r) => r.receivedOn.startsWith(String(year)))).toBe(true);
    expect(JSON.stringify(rows)).not.toMatch(/1357\d{7}|1380571100/);
  });
});
