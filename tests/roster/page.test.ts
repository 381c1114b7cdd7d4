/**
 * A county roster of 3,000 paged and searched on the server (issue 20): the total and counts by status, exact page
 * boundaries in a stable order (no one twice, no one left out), search by name, delegation, constituency or phone
 * digits, the status filter kept, and the same readers as the roster.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { representatives } from '../../server/db/schema/index.ts';
import { Client, useTestApp } from '../helpers/app.ts';
import { pagingWorld, readPage } from '../helpers/paging.ts';

const t = useTestApp();
let admin: Client;
let roles: Record<string, Client>;
let base: string;
let otherBase: string;
const N = 3000;
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];

type Page = { items: { id: string; name: string; delegation: string; status: string; phone: string }[]; total: number; page: number; size: number; counts: { seated: number; left: number } };
const page = (qs: string, who: Client = admin) => readPage<Page>(who, `${base}/roster/page?${qs}`);

beforeAll(async () => {
  const w = await pagingWorld(t);
  ({ admin, roles, base, otherBase } = w);
  const congressId = w.congressId;
  // 3,000 people across 30 township delegations; every 100th has left; same names recur (as in a county).
  const rows = Array.from({ length: N }, (_, i) => ({
    congressId,
    name: `${SURNAMES[i % 10]}${['建国', '秀英', '卫东', '丽华', '志强'][Math.floor(i / 10) % 5]}${Math.floor(i / 50)}`,
    delegation: `第${String((i % 30) + 1).padStart(2, '0')}代表团`,
    constituency: `第${(i % 120) + 1}选区`,
    phone: `+86 139 ${String(i).padStart(4, '0')} ${String(9999 - i).padStart(4, '0')}`,
    status: i % 100 === 99 ? ('left' as const) : ('seated' as const),
  }));
  for (let i = 0; i < rows.length; i += 500) await t.database.db.insert(representatives).values(rows.slice(i, i + 500));
  await admin.post(`${otherBase}/representatives`, { name: '王建国0' });
});

describe('the roster, a page at a time', () => {
  it('pages 3,000 people with the total, counts by status and exact boundaries', async () => {
    const first = await page('size=50');
    expect(first.total).toBe(N);
    expect(first.counts).toEqual({ seated: N - 30, left: 30 });
    expect(first.items).toHaveLength(50);
    const last = await page('size=50&page=60');
    expect(last.items).toHaveLength(50);
    expect((await page('size=50&page=61')).items).toHaveLength(0);
    // Every person exactly once over all pages of 200, in the roster's order (by delegation; names within one sort by
    // the database's collation).
    const ids: string[] = [];
    const order: string[] = [];
    for (let p = 1; p <= 15; p++) for (const r of (await page(`size=200&page=${p}`)).items) ids.push(r.id), order.push(r.delegation);
    expect(ids).toHaveLength(N);
    expect(new Set(ids).size).toBe(N);
    expect(order).toEqual([...order].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    // The other congress's people never appear.
    expect(ids).not.toContain((await admin.get(`${otherBase}/representatives`)).body[0].id);
  });

  it('keeps the status filter: seated by default in the page, those who left, or all', async () => {
    expect((await page('status=seated&size=1')).total).toBe(N - 30);
    const left = await page('status=left&size=100');
    expect(left.total).toBe(30);
    expect(left.items.every((r) => r.status === 'left')).toBe(true);
    expect(left.counts).toEqual({ seated: N - 30, left: 30 });
  });

  it('searches by name, delegation, constituency and phone digits on the server', async () => {
    const byName = await page(`q=${encodeURIComponent('王建国0')}&size=200`);
    // One person of that name here (the other congress has one too, never shown); a shorter text finds more.
    expect(byName.items.map((r) => r.name)).toEqual(['王建国0']);
    expect((await page(`q=${encodeURIComponent('王建国')}&size=1`)).total).toBe(60);
    const delegation = await page(`q=${encodeURIComponent('第07代表团')}&size=1`);
    expect(delegation.total).toBe(100);
    const withStatus = await page(`q=${encodeURIComponent('第07代表团')}&status=left`);
    expect(withStatus.total).toBe(delegation.counts.left);
    const phone = await page(`q=${encodeURIComponent('139 1234')}`);
    expect(phone.items.map((r) => r.phone)).toEqual(['+86 139 1234 8765']);
    expect((await page(`q=${encodeURIComponent('不存在的人')}`)).total).toBe(0);
    expect((await page(`q=${encodeURIComponent('%')}`)).total).toBe(0);
  });

  it('refuses a page out of range in words, and is read by the roster readers only', async () => {
    expect((await admin.get(`${base}/roster/page?page=0`)).status).toBe(400);
    expect((await admin.get(`${base}/roster/page?size=500`)).status).toBe(400);
    for (const role of ['presidium', 'scrutineer']) expect((await roles[role].get(`${base}/roster/page`)).status, role).toBe(200);
    for (const role of ['government', 'representative', 'department']) expect((await roles[role].get(`${base}/roster/page`)).status, role).toBe(403);
    expect([403, 404]).toContain((await roles.admin.get(`${otherBase}/roster/page`)).status);
  });
});
