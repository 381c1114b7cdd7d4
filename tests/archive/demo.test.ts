/**
 * The demo's part of the duty archive (server/demo/loop-archive.ts): it enters the year's trainings and 述职 through the
 * route, dated from January to today, and the yearly table and the archives then count them.
 */
import { describe, expect, it } from 'vitest';
import { demoApp } from '../../server/demo/api.ts';
import { DemoClock, shanghai } from '../../server/demo/clock.ts';
import { loadArchiveDemo } from '../../server/demo/loop-archive.ts';
import { withClock } from '../../server/lib/clock.ts';
import * as A from '../../shared/archive/contract.ts';
import { shanghaiToday, shanghaiYear } from '../../shared/time.ts';
import { PASSWORD, setupAdmin, useTestApp } from '../helpers/app.ts';

const t = useTestApp();

describe('loadArchiveDemo', () => {
  it('enters two trainings for many and eight rated reports, all counted in the year’s table', async () => {
    const admin = await setupAdmin(t);
    const congress = (await admin.post('/api/congresses', { name: '青山镇人大', level: 'township', term: 18 })).body;
    const base = `/api/congresses/${congress.id}`;
    expect((await admin.post(`${base}/accounts`, { username: 'staff', displayName: '人大办', password: PASSWORD, role: 'admin' })).status).toBe(201);
    for (let i = 0; i < 20; i++) expect((await admin.post(`${base}/representatives`, { name: `代表${String(i).padStart(2, '0')}` })).status).toBe(201);
    const year = shanghaiYear();
    const clock = new DemoClock(shanghai(`${year}-01-01`, '09:00'));
    const made = await withClock(clock.now, () => loadArchiveDemo(demoApp(t.database), { clock, warp: () => clock.warp(t.database) }, congress.id, year, PASSWORD));
    clock.end();
    // 20 representatives, all but i % 9 === 5 (two of them) at the first; twelve at the second.
    expect(made).toEqual({ trainings: 18 + 12, reports: 8 });
    const tb = (await admin.call(A.archiveTable, { params: { congressId: congress.id }, query: { year } })).body;
    const sum = (k: 'trainings' | 'reports') => tb.rows.reduce((s, r) => s + r.counts[k], 0);
    expect(sum('trainings')).toBe(30);
    expect(sum('reports')).toBe(8);
    expect(tb.rows.filter((r) => r.counts.reports > 0)).toHaveLength(8);
    const rep = tb.rows.find((r) => r.counts.reports > 0)!;
    const a = (await admin.call(A.getArchive, { params: { congressId: congress.id, representativeId: rep.id }, query: { year } })).body;
    const report = a.entries.find((e) => e.kind === 'report')!;
    expect(['satisfied', 'basically']).toContain(report.rating);
    for (const e of a.entries) expect(e.heldOn >= `${year}-01-01` && e.heldOn <= shanghaiToday()).toBe(true);
  });
});
