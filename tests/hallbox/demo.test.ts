/**
 * loadHallboxDemo (server/hallbox/demo.ts): the demo's township session exported as its laptop would and filed at
 * the county, through the same checks as an upload; once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as H from '../../shared/hallbox/contract.ts';
import { loadHallboxDemo } from '../../server/hallbox/demo.ts';
import { uniq, useTestApp } from '../helpers/app.ts';
import { heldSession } from './helpers.ts';

const t = useTestApp();
let township: Awaited<ReturnType<typeof heldSession>>;
let countyId = '';

beforeAll(async () => {
  township = await heldSession(t);
  countyId = (await township.admin.post('/api/congresses', { name: uniq('示例县第十八届人民代表大会'), level: 'county', term: 18 })).body.id;
}, 120_000);

describe('the demo package', () => {
  it('is filed only for a township under a county, once', async () => {
    expect(await loadHallboxDemo(t.database, { townshipId: township.congressId })).toBeNull();
    expect((await township.admin.put(`/api/congresses/${township.congressId}/parent`, { parentId: countyId })).status).toBe(200);
    const filed = await loadHallboxDemo(t.database, { townshipId: township.congressId });
    expect(filed?.packageId).toBeTruthy();
    expect(await loadHallboxDemo(t.database, { townshipId: township.congressId })).toBeNull();
    const list = await township.admin.call(H.listPackages, { params: { congressId: countyId }, query: {} });
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({ congressId: township.congressId, sessionTitle: '第三次会议', votes: [{ elected: ['道路硬化工程'] }] });
    const audit = (await township.admin.get(`/api/congresses/${countyId}/audit?limit=20`)).body as { action: string }[];
    expect(audit.some((e) => e.action === 'hallbox.file')).toBe(true);
  });
});
