/**
 * Proposals a page at a time (issue 20): paged and searched on the server with the filters of the list kept (year,
 * status, channel, category, location, text, tracking code), counts by status over the other filters, exact page
 * boundaries, and each reader seeing what the list shows them (representatives their own only).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as C from '../../shared/gathering/contract.ts';
import { Client, useTestApp } from '../helpers/app.ts';
import { pagingWorld, readPage } from '../helpers/paging.ts';
import { openWindow, proposalFields, thisYear } from './helpers.ts';

const t = useTestApp();
let admin: Client;
let roles: Record<string, Client>;
let base: string;
let otherBase: string;
let code: string;
let congressId: string;

type Page = { items: { id: string; title: string; status: string; channel: string; trackingCode: string }[]; total: number; page: number; size: number; counts: Record<string, number>; all: number };
const page = (qs: string, who: Client = admin) => readPage<Page>(who, `${base}/proposals/page?${qs}`);

beforeAll(async () => {
  const w = await pagingWorld(t);
  ({ admin, roles, base, otherBase, congressId } = w);
  await openWindow(admin, w.congressId);
  for (let i = 0; i < 23; i++) {
    const res = await admin.call(C.createProposal, {
      params: { congressId },
      body: {
        ...proposalFields({ title: `${i % 2 ? '石桥村' : '河东村'}道路硬化${i}`, location: i % 2 ? '石桥村' : '河东村', category: i % 3 ? 'transport' : 'water' }),
        channel: i % 4 ? 'liaison_station' : 'hotline_12345',
        station: '石桥代表联络站',
      },
    });
    expect(res.status, res.text).toBe(201);
    if (i === 7) code = res.body.trackingCode;
  }
  // Two not adopted, so the status counts have more than one status.
  const some = await page('size=2');
  for (const p of some.items) expect((await admin.call(C.rejectProposal, { params: { congressId, proposalId: p.id }, body: { reason: '不属于民生实事范围', reserve: false } })).status).toBeLessThan(300);
  // The representative's own (the other congress has none).
  expect((await roles.representative.call(C.createProposal, { params: { congressId }, body: { ...proposalFields({ title: '代表自己的建议' }), channel: 'representative' } })).status).toBe(201);
});

describe('proposals, a page at a time', () => {
  it('pages with the total and exact boundaries, newest first, none twice', async () => {
    const [p1, p2, p3, p4] = await Promise.all([1, 2, 3, 4].map((p) => page(`size=10&page=${p}`)));
    expect([p1.total, p1.all]).toEqual([24, 24]);
    expect([p1.items.length, p2.items.length, p3.items.length, p4.items.length]).toEqual([10, 10, 4, 0]);
    expect(new Set([...p1.items, ...p2.items, ...p3.items].map((p) => p.id)).size).toBe(24);
    expect(p1.items[0].title).toBe('代表自己的建议');
  });

  it('keeps every filter of the list, with counts by status over the other filters', async () => {
    const rejected = await page('status=not_adopted');
    expect(rejected.total).toBe(2);
    expect(rejected.counts).toMatchObject({ not_adopted: 2, submitted: 22 });
    expect(rejected.all).toBe(24);
    const stone = await page(`location=${encodeURIComponent('石桥')}&size=50`);
    expect(stone.total).toBe(11);
    expect(stone.all).toBe(11);
    expect((await page('channel=hotline_12345')).total).toBe(6);
    expect((await page('category=water')).total).toBe(8);
    expect((await page(`year=${thisYear()}&size=1`)).total).toBe(24);
    expect((await page(`year=${thisYear() + 1}`)).total).toBe(0);
    // Text in the title, and a tracking code as printed.
    expect((await page(`q=${encodeURIComponent('道路硬化1')}&size=50`)).total).toBe(11); // 1 and 10–19
    expect((await page(`q=${code}`)).items.map((p) => p.trackingCode)).toEqual([code]);
    expect((await admin.get(`${base}/proposals/page?status=bogus`)).status).toBe(400);
    expect((await admin.get(`${base}/proposals/page?page=0`)).status).toBe(400);
  });

  it('shows each reader what the list shows them', async () => {
    const own = await page('size=50', roles.representative);
    expect(own.items.map((p) => p.title)).toEqual(['代表自己的建议']);
    expect([own.total, own.all]).toEqual([1, 1]);
    expect((await page('size=1', roles.government)).total).toBe(24);
    expect((await page('size=50', roles.department)).total).toBe(0);
    expect([403, 404]).toContain((await roles.admin.get(`${otherBase}/proposals/page`)).status);
    expect((await new Client(t).get(`${base}/proposals/page`)).status).toBe(401);
  });
});
