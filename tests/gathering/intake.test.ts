import { describe, expect, it } from 'vitest';
import { signChallenge } from '../../server/gathering/challenge.ts';
import { PUBLIC_LIMITS } from '../../server/gathering/public-routes.ts';
import { Client, congressWithRoles, setupAdmin, useTestApp } from '../helpers/app.ts';
import { addDays, openWindow, proposalFields, solved, submitPublic, thisYear, today } from './helpers.ts';
import * as C from '../../shared/gathering/contract.ts';

const t = useTestApp();
let admin: Client;
let roles: Record<string, Client>;
let congressId: string;
let windowId: string;
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const PDF = new TextEncoder().encode('%PDF-1.4\n%\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF');

describe('collection windows', () => {
  it('refuses public submissions before any window, with a clear message', async () => {
    admin = await setupAdmin(t);
    const made = await congressWithRoles(t, admin);
    congressId = made.congress.id;
    roles = made.clients;
    const res = await submitPublic(t, new Client(t), congressId);
    expect(res.status).toBe(409);
    expect(res.body.error?.message).toBe('当前不在民生实事项目征集期内，暂不接受建议。');
    expect((await new Client(t).get(`/api/public/congresses/${congressId}`)).body.window).toBeNull();
  });

  it('schedules a window; its state follows the dates; one per year; only admins', async () => {
    const future = await admin.call(C.createWindow, { params: { congressId }, body: { year: thisYear() + 1, opensOn: addDays(today(), 30), closesOn: addDays(today(), 60) } });
    expect(future.status).toBe(201);
    windowId = await openWindow(admin, congressId);
    const list = (await admin.call(C.listWindows, { params: { congressId } })).body;
    expect(list.map((w: { year: number; state: string }) => [w.year, w.state])).toEqual([[thisYear() + 1, 'scheduled'], [thisYear(), 'open']]);
    expect((await admin.call(C.createWindow, { params: { congressId }, body: { year: thisYear(), opensOn: today(), closesOn: today() } })).status).toBe(409);
    const backwards = await admin.call(C.createWindow, { params: { congressId }, body: { year: 2031, opensOn: '2031-08-01', closesOn: '2031-07-01' } });
    expect(backwards.status).toBe(400);
    expect((backwards.body.error?.details as { path: string }[])[0].path).toBe('closesOn');
    expect((await roles.government.call(C.createWindow, { params: { congressId }, body: { year: 2032, opensOn: '2032-07-01', closesOn: '2032-08-01' } })).status).toBe(403);
    const pub = (await new Client(t).get(`/api/public/congresses/${congressId}`)).body;
    expect(pub.window).toMatchObject({ year: thisYear(), state: 'open' });
    expect(pub.submitUrl).toBe(`http://localhost/p/${congressId}`);
  });

  it('closing early stops public submission; changing the dates reopens it', async () => {
    expect((await admin.call(C.closeWindow, { params: { congressId, windowId } })).status).toBe(200);
    expect((await submitPublic(t, new Client(t), congressId)).status).toBe(409);
    expect((await admin.call(C.updateWindow, { params: { congressId, windowId }, body: { closesOn: addDays(today(), 25) } })).status).toBe(200);
    expect((await submitPublic(t, new Client(t), congressId)).status).toBe(201);
  });
});

describe('public submission', () => {
  it('answers a tracking code of 8 unambiguous characters, and the code finds the proposal without contact details', async () => {
    const res = await submitPublic(t, new Client(t), congressId, { title: '青山社区加装电梯' });
    expect(res.status).toBe(201);
    expect(res.body.trackingCode).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    const code: string = res.body.trackingCode;
    const typed = code.toLowerCase().replace('-', ' ');
    const track = await new Client(t).get(`/api/public/track/${encodeURIComponent(typed)}`);
    expect(track.status).toBe(200);
    expect(track.body).toMatchObject({ trackingCode: code, congressId, title: '青山社区加装电梯', status: 'submitted', channel: 'resident_online', reason: '', mergedFromCount: 0 });
    expect(track.text).not.toContain('13912345678');
    expect(track.text).not.toContain('张大爷');
    expect((await new Client(t).get('/api/public/track/ZZZZ-ZZZZ')).status).toBe(404);
    expect((await new Client(t, 'en').get('/api/public/track/nonsense')).body.error?.message).toMatch(/No proposal has this tracking code/);
  });

  it('refuses a wrong answer, a reused question, a too-fast answer and a filled honeypot', async () => {
    const c = new Client(t);
    const base = { ...proposalFields(), submitterContact: '13900000000' };
    const wrong = await c.call(C.submitPublicProposal, { params: { congressId }, body: { ...base, ...(await solved(t)), answer: '8' } });
    expect(wrong.body.error?.code).toBe('challenge_failed');
    const ok = await solved(t);
    expect((await c.call(C.submitPublicProposal, { params: { congressId }, body: { ...base, ...ok } })).status).toBe(201);
    expect((await c.call(C.submitPublicProposal, { params: { congressId }, body: { ...base, ...ok } })).body.error?.code).toBe('challenge_expired');
    const fresh = await signChallenge(t.deps, 2, 2);
    expect((await c.call(C.submitPublicProposal, { params: { congressId }, body: { ...base, challenge: fresh.token, answer: '4' } })).body.error?.code).toBe('too_fast');
    const bot = await c.call(C.submitPublicProposal, { params: { congressId }, body: { ...base, ...(await solved(t)), website: 'http://spam' } });
    expect(bot.body.error?.code).toBe('challenge_failed');
    const q = (await c.get('/api/public/challenge')).body;
    expect(q.question.zh).toMatch(/^[一二三四五六七八九]加[一二三四五六七八九]等于几？$/);
    expect(q.question.en).toMatch(/^What is \w+ plus \w+\?$/);
  });

  // Across instances (two server processes on one PostgreSQL): tests/reliability/two-instances.test.ts.
  it('limits submissions per address: 10 an hour, then 429 with Retry-After; another address is not held', async () => {
    const c = new Client(t);
    const submit = (who: Client, i: number) => submitPublic(t, who, congressId, { title: `限流测试${i}` });
    for (let i = 0; i < PUBLIC_LIMITS.submitPerHour; i++) expect((await submit(c, i)).status).toBe(201);
    const over = await submit(c, PUBLIC_LIMITS.submitPerHour);
    expect(over.status).toBe(429);
    expect(over.body.error?.code).toBe('rate_limited');
    expect(over.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await submit(new Client(t), 0)).status).toBe(201);
  });

  it('takes photos and PDFs checked by their bytes, and refuses other files, large files and too many', async () => {
    const form = (files: [Uint8Array, string][]) => {
      const f = new FormData();
      return solved(t).then((ch) => {
        f.set('data', JSON.stringify({ ...proposalFields({ title: '卫生院添置设备' }), submitterContact: '13800000000', ...ch }));
        for (const [bytes, name] of files) f.append('files', new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
        return f;
      });
    };
    const c = new Client(t);
    const ok = await c.call(C.submitPublicProposal, { params: { congressId }, body: await form([[PNG, '照片.png'], [PDF, '说明.pdf']]) });
    expect(ok.status).toBe(201);
    const fakeForm = await form([[new TextEncoder().encode('<script>alert(1)</script>'), 'photo.jpg']]);
    const fake = await c.call(C.submitPublicProposal, { params: { congressId }, body: fakeForm });
    expect(fake.status).toBe(415);
    expect(fake.body.error?.message).toContain('photo.jpg');
    // A refused file does not use up the answered question: the same answer works with the file removed.
    fakeForm.delete('files');
    expect((await c.call(C.submitPublicProposal, { params: { congressId }, body: fakeForm })).status).toBe(201);
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(PNG);
    expect((await c.call(C.submitPublicProposal, { params: { congressId }, body: await form([[big, 'big.png']]) })).status).toBe(413);
    expect((await c.call(C.submitPublicProposal, { params: { congressId }, body: await form(Array.from({ length: 6 }, (_, i) => [PNG, `${i}.png`] as [Uint8Array, string])) })).status).toBe(400);
    // Staff see the files; the type served is the sniffed one.
    const list = (await admin.call(C.listProposals, { params: { congressId }, query: { q: '卫生院' } })).body;
    expect(list.map((p: { attachments: unknown[] }) => p.attachments.length).sort()).toEqual([0, 2]);
    const withFiles = list.find((p: { attachments: unknown[] }) => p.attachments.length)!;
    expect(withFiles.attachments.map((a: { mime: string }) => a.mime).sort()).toEqual(['application/pdf', 'image/png']);
    const png = withFiles.attachments.find((a: { mime: string }) => a.mime === 'image/png')!;
    const file = await admin.call(C.getAttachment, { params: { congressId, proposalId: withFiles.id, attachmentId: png.id } });
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('content-security-policy')).toContain('sandbox');
  });
});

describe('entry from accounts', () => {
  it('staff record liaison-station and hotline proposals with the channel and station', async () => {
    const res = await admin.call(C.createProposal, { params: { congressId }, body: { ...proposalFields({ title: '石桥村自来水管网改造', location: '石桥村' }), channel: 'liaison_station', station: '石桥代表联络站', submitterName: '村民代表', submitterContact: '0571-1234' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ channel: 'liaison_station', station: '石桥代表联络站', status: 'submitted', year: thisYear() });
    const hotline = await admin.call(C.createProposal, { params: { congressId }, body: { ...proposalFields({ title: '路灯维修' }), channel: 'hotline_12345', station: 'ignored' } });
    expect(hotline.body).toMatchObject({ channel: 'hotline_12345', station: '' });
  });

  it('representatives and departments submit in their own name only, and see only their own', async () => {
    const rep = await roles.representative.call(C.createProposal, { params: { congressId }, body: { ...proposalFields({ title: '代表建议：老年食堂' }), channel: 'representative' } });
    expect(rep.status).toBe(201);
    expect(rep.body.channel).toBe('representative');
    expect((await roles.representative.call(C.createProposal, { params: { congressId }, body: { ...proposalFields(), channel: 'hotline_12345' } })).status).toBe(403);
    const dep = await roles.department.call(C.createProposal, { params: { congressId }, body: { ...proposalFields({ title: '部门建议：公交站台' }), channel: 'department' } });
    expect(dep.status).toBe(201);
    const mine = (await roles.representative.call(C.listProposals, { params: { congressId } })).body;
    expect(mine.map((p: { title: string }) => p.title)).toEqual(['代表建议：老年食堂']);
    expect((await roles.representative.call(C.getProposal, { params: { congressId, proposalId: dep.body.id } })).status).toBe(404);
    expect((await roles.presidium.call(C.createProposal, { params: { congressId }, body: { ...proposalFields(), channel: 'representative' } })).status).toBe(403);
  });

  it('filters the staff list by status, channel, category and location', async () => {
    const byChannel = (await admin.call(C.listProposals, { params: { congressId }, query: { channel: 'liaison_station' } })).body;
    expect(byChannel.map((p: { title: string }) => p.title)).toEqual(['石桥村自来水管网改造']);
    const byLoc = (await admin.call(C.listProposals, { params: { congressId }, query: { location: '石桥' } })).body;
    expect(byLoc).toHaveLength(1);
    expect((await admin.call(C.listProposals, { params: { congressId }, query: { category: 'water' } })).body).toHaveLength(0);
    expect((await admin.call(C.listProposals, { params: { congressId }, query: { status: 'accepted' } })).body).toHaveLength(0);
    expect((await admin.get(`/api/congresses/${congressId}/proposals?status=bogus`)).status).toBe(400);
    // The CSV export takes the same filters, in words a spreadsheet reader understands.
    const csv = (await admin.call(C.exportProposals, { params: { congressId }, query: { channel: 'liaison_station' } })).text;
    expect(csv).toContain('石桥村自来水管网改造');
    expect(csv).toContain('代表联络站');
    expect(csv).toContain('待初定');
    expect(csv).not.toContain('路灯维修');
    // A code typed loosely still finds its proposal.
    const one = (await admin.call(C.listProposals, { params: { congressId }, query: { channel: 'liaison_station' } })).body[0];
    const loose = one.trackingCode.toLowerCase().replace('-', '');
    expect((await admin.call(C.listProposals, { params: { congressId }, query: { q: loose } })).body.map((p: { id: string }) => p.id)).toEqual([one.id]);
  });

  it('another congress cannot see these proposals', async () => {
    const other = await congressWithRoles(t, admin);
    const list = await other.clients.admin.call(C.listProposals, { params: { congressId } });
    expect(list.status).toBe(404);
  });
});
