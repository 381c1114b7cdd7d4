import { describe, expect, it } from 'vitest';
import { DEMO_CONGRESS, DEMO_PASSWORD, loadDemo } from '../../server/demo/load-demo.ts';
import { verifyAuditChain } from '../../server/lib/audit.ts';
import { Client, useTestApp } from '../helpers/app.ts';

const t = useTestApp();

describe('the demo township (npm start -- --demo)', () => {
  it('loads a congress with its roster, departments and one account per role, and loading twice changes nothing', async () => {
    await loadDemo(t.database.db);
    await loadDemo(t.database.db);
    const admin = new Client(t);
    await admin.login('admin', DEMO_PASSWORD);
    const list = (await admin.get('/api/congresses')).body;
    expect(list.map((c: { name: string }) => c.name)).toEqual([DEMO_CONGRESS]);
    const id = list[0].id;
    expect((await admin.get(`/api/congresses/${id}/representatives`)).body).toHaveLength(45);
    expect((await admin.get(`/api/congresses/${id}/departments`)).body.length).toBeGreaterThanOrEqual(5);
    const roles = new Set((await admin.get(`/api/congresses/${id}/members`)).body.map((m: { role: string }) => m.role));
    expect([...roles].sort()).toEqual(['admin', 'department', 'government', 'presidium', 'scrutineer']);
    for (const u of ['staff', 'gov', 'chair', 'scrutineer1', 'dept-build']) await new Client(t).login(u, DEMO_PASSWORD);
    // A representative signs in with the card QR, as in the hall.
    const card = (await admin.get(`/api/congresses/${id}/roster/cards`)).body.cards[0];
    expect((await new Client(t).post('/api/auth/card-login', { token: card.url.split('#')[1] })).status).toBe(200);
    // The gathering stage of the year: proposals from every channel, screened, and a frozen list for the vote.
    const proposals = (await admin.get(`/api/congresses/${id}/proposals`)).body;
    expect(new Set(proposals.map((p: { channel: string }) => p.channel)).size).toBe(6);
    expect(proposals.map((p: { status: string }) => p.status)).toEqual(expect.arrayContaining(['accepted', 'merged', 'reserved', 'submitted']));
    const lists = (await new Client(t).get(`/api/public/congresses/${id}/candidate-lists`)).body;
    expect(lists).toHaveLength(1);
    expect(lists[0].items.length).toBeGreaterThan(lists[0].seats);
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });
});
