import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { congresses } from '../../server/db/schema/index.ts';
import { normalizeShortCode, SHORT_CODE_ALPHABET } from '../../shared/congress/short-code.ts';
import { Client, setupAdmin, uniq, useTestApp } from '../helpers/app.ts';
import * as C from '../../shared/gathering/contract.ts';

const t = useTestApp();
const CODE = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{5}$/;
let admin: Client;
const newCongress = async () => (await admin.post('/api/congresses', { name: uniq('示范镇人大'), level: 'township', term: 18 })).body.id as string;
const stored = async (id: string) => (await t.database.db.select({ code: congresses.shortCode }).from(congresses).where(eq(congresses.id, id)))[0].code;

describe('short public addresses', () => {
  it('reads a typed code whatever its case, spaces or dash, and never uses 0, O, 1, I or L', () => {
    for (const ch of '0O1IL') expect(SHORT_CODE_ALPHABET).not.toContain(ch);
    expect(normalizeShortCode(' k7q-3m ')).toBe('K7Q3M');
    expect(normalizeShortCode('K7Q3')).toBeNull();
    expect(normalizeShortCode('K7Q3O')).toBeNull();
  });

  it("gives a congress its code when it is created, keeps it, and answers its typable addresses beside the long one", async () => {
    admin = await setupAdmin(t);
    const id = await newCongress();
    const code = (await stored(id))!;
    expect(code).toMatch(CODE);
    const anyone = new Client(t);
    const res = await anyone.call(C.getShortAddress, { params: { congressId: id } });
    expect(res.status).toBe(200);
    expect(res.body.code).toBe(code);
    expect(res.body).toMatchObject({ congressId: id, submitUrl: `http://localhost/p/${code}`, answerUrl: `http://localhost/e/${code}` });
    expect(await stored(id)).toBe(code);
    expect((await anyone.call(C.getShortAddress, { params: { congressId: id } })).body.code).toBe(code);
    // The long address keeps working.
    expect((await anyone.call(C.getPublicCongress, { params: { congressId: id } })).body.id).toBe(id);

    for (const typed of [code, code.toLowerCase(), `${code.slice(0, 3)}-${code.slice(3)}`, ` ${code} `]) {
      const found = await anyone.call(C.findShortAddress, { params: { code: typed } });
      expect(found.status, typed).toBe(200);
      expect(found.body).toMatchObject({ congressId: id, code });
    }
  });

  it('a congress from before codes gets one at first use: two first uses at once agree on one; every congress has its own', async () => {
    const id = await newCongress();
    await t.database.db.update(congresses).set({ shortCode: null }).where(eq(congresses.id, id));
    const codes = await Promise.all(Array.from({ length: 6 }, () => new Client(t).get(`/api/public/congresses/${id}/addresses`)));
    expect(new Set(codes.map((r) => r.body.code)).size).toBe(1);
    const others = await Promise.all(Array.from({ length: 5 }, async () => (await new Client(t).get(`/api/public/congresses/${await newCongress()}/addresses`)).body.code));
    expect(new Set([...others, codes[0].body.code]).size).toBe(6);
  });

  it('refuses what cannot be a code (400) and a code nobody holds (404), in both languages', async () => {
    const zh = await new Client(t).get('/api/public/addresses/O0I1L');
    expect(zh.status).toBe(400);
    expect(zh.body.error).toMatchObject({ code: 'short_code_format', message: '“O0I1L”不是有效的短码：短码由 5 个字母或数字组成（不含 0、O、1、I、L）。' });
    const en = await new Client(t, 'en').get('/api/public/addresses/abc');
    expect(en.status).toBe(400);
    expect(en.body.error?.message).toBe('“abc” is not a short code: a short code is 5 letters or digits (never 0, O, 1, I or L).');
    // A code of the right form that no congress holds (the alphabet has 31^5 codes; this test made 7).
    let unknown = '';
    for (const c of ['ZZZZZ', 'YYYYY', 'XXXXX']) if ((await new Client(t).get(`/api/public/addresses/${c}`)).status === 404) unknown ||= c;
    const missing = await new Client(t, 'en').get(`/api/public/addresses/${unknown}`);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'short_code_not_found', message: `No congress has the code “${unknown}”; check the address on the poster or slip.` });
    expect((await new Client(t).get('/api/public/addresses/' + 'A'.repeat(30))).status).toBe(400);
    const noCongress = await new Client(t).get('/api/public/congresses/00000000-0000-4000-8000-000000000000/addresses');
    expect(noCongress.status).toBe(404);
    expect((await new Client(t).get('/api/public/congresses/not-a-uuid/addresses')).status).toBe(400);
  });
});
