/**
 * A server that has not yet read its signing keys (just restarted) must not hang when the first thing it does with a
 * key is inside a transaction: on PGlite (one connection) a key lookup outside the transaction would wait forever.
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { KeyStore } from '../../server/lib/keys.ts';
import { Client, useTestApp } from '../helpers/app.ts';
import { hall, marksOf } from '../tally/helpers.ts';

const t = useTestApp();

/** A fresh server process on the same database: nothing cached. */
const restarted = () => {
  const keys = new KeyStore(t.database);
  const app = createApp({ deps: { ...t.deps, keys } });
  return { ...t, app, keys, deps: { ...t.deps, keys } } as typeof t;
};

describe('signing keys read inside a transaction', () => {
  it('casts straight after a restart, with no /open first', async () => {
    const h = await hall(t, { seated: 6, titles: ['桥梁', '广场', '学校'] });
    const v = (await h.roles.presidium.post(`${h.base}/sessions/${h.sessionId}/votes`, { listId: h.listId, title: '票决' })).body;
    const path = `${h.base}/sessions/${h.sessionId}/votes/${v.id}`;
    await h.roles.scrutineer.post(`${path}/cards`, {});
    const cards = (await h.roles.scrutineer.get(`${path}/cards`)).body.cards as { serial: string; url: string }[];
    for (const c of cards.slice(0, 3)) await h.roles.scrutineer.post(`${path}/issue`, { card: c.url });
    await h.roles.presidium.post(`${path}/open`, {});
    const res = await new Client(restarted()).post('/api/public/ballot/cast', { token: cards[0].url.split('#')[1], marks: marksOf(h.candidateIds, 'F--') });
    expect(res.status, res.text).toBe(200);
    expect(res.body.receipt).toMatch(/^[2-9A-Z]{10}$/);
    // Issuing by the full QR after a restart goes through the same check inside a transaction.
    const r2 = restarted();
    const scrutineer = new Client(r2);
    scrutineer.cookie = h.roles.scrutineer.cookie;
    scrutineer.csrf = h.roles.scrutineer.csrf;
    expect((await scrutineer.post(`${path}/issue`, { card: cards[4].url })).status).toBe(200);
  });

  it('many verifications at once on a cold server all succeed (they share one read of the keys)', async () => {
    const warm = new KeyStore(t.database);
    const tokens = await Promise.all(Array.from({ length: 50 }, (_, i) => warm.sign('ms-ballot', { v: 'v', b: `b${i}` })));
    const cold = new KeyStore(t.database);
    const results = await Promise.all(tokens.map((tk) => cold.verify('ms-ballot', tk)));
    expect(results.filter((r) => r === null)).toHaveLength(0);
  });

  it('a forged key id costs no database query each time (the key list is read at most once a second)', async () => {
    const fresh = restarted();
    const forged = `${Buffer.from(JSON.stringify({ alg: 'EdDSA', kid: 'nope', typ: 'ms-ballot' })).toString('base64url')}.e30.AAAA`;
    for (let i = 0; i < 20; i++) {
      const res = await new Client(fresh).post('/api/public/ballot/cast', { token: forged, marks: {} });
      expect(res.body.error.code).toBe('card_signature');
    }
  });
});
