/**
 * The hall in a box (SPEC §16) on two servers: the township's laptop runs its session, exports the signed package
 * (the staff route and `npm run export-session`, the same package), and the county's server verifies and files it —
 * or refuses it, each kind of tampering with its own reason.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair, exportJWK, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { desc, isNull } from 'drizzle-orm';
import * as H from '../../shared/hallbox/contract.ts';
import { groupedFingerprint, isRedacted, type PackageAuditEntry, type SessionPackage } from '../../shared/hallbox/format.ts';
import { signingKeys } from '../../server/db/schema/index.ts';
import { fingerprintOf, signContent, verifyPackage } from '../../server/hallbox/package.ts';
import { packagesOf } from '../../server/hallbox/read.ts';
import { Client, PASSWORD, setupAdmin, uniq, useTestApp } from '../helpers/app.ts';
import type { Hall } from '../tally/helpers.ts';
import { heldSession, useLaptop } from './helpers.ts';

const laptop = useLaptop();
const county = useTestApp();
const dir = mkdtempSync(join(tmpdir(), 'ms-hallbox-'));

let township: Awaited<ReturnType<typeof heldSession>>;
let text = '';
let fingerprint = '';
let refusals: Record<string, string> = {};
let sys: Client;
let countyAdmin: Client;
let overseer: Client;
let countyId = '';
let childId = '';
let otherChildId = '';
let strangerId = '';

/** The laptop's signing key (to re-sign a tampered package "with the right key", as a thief of the laptop could). */
async function laptopKey() {
  const [k] = await laptop.database.db.select().from(signingKeys).where(isNull(signingKeys.retiredAt)).orderBy(desc(signingKeys.createdAt)).limit(1);
  return k;
}

const form = (body: string, typed: string) => {
  const f = new FormData();
  f.append('file', new Blob([body], { type: 'application/json' }), 'package.json');
  f.append('fingerprint', typed);
  return f;
};
const file = (as: Client, child: string, body: string, typed = groupedFingerprint(fingerprint)) =>
  as.call(H.filePackage, { params: { congressId: countyId, childId: child }, body: form(body, typed) });

/** The package changed by `edit`, re-signed with the laptop's key (or not re-signed at all). */
async function tampered(edit: (p: SessionPackage) => void, resign: 'laptop' | 'none' = 'laptop') {
  const p = JSON.parse(text) as SessionPackage;
  edit(p);
  if (resign === 'laptop') {
    const k = await laptopKey();
    p.signature = await signContent(p.content, k.privateJwk as JWK, k.kid);
  }
  return JSON.stringify(p);
}

beforeAll(async () => {
  const code = async (h: Hall) => (await h.admin.call(H.exportPackage, { params: { congressId: h.congressId, sessionId: h.sessionId } })).body.error?.code ?? 'none';
  township = await heldSession(laptop, {
    // Refusals before the result is out: a vote never opened is no vote held; open; closed but not published.
    draft: async (h) => void (refusals.draft = await code(h)),
    open: async (h) => void (refusals.open = await code(h)),
    closed: async (h) => void (refusals.closed = await code(h)),
  });
  const res = await township.admin.call(H.exportPackage, { params: { congressId: township.congressId, sessionId: township.sessionId } });
  expect(res.status, res.text).toBe(200);
  text = res.text;
  fingerprint = res.headers.get('x-key-fingerprint')!;
  // The browser test's fixture (tests/e2e/fixtures/hallbox-package.json) is a package made here: HALLBOX_WRITE_FIXTURE=1.
  if (process.env.HALLBOX_WRITE_FIXTURE) writeFileSync('tests/e2e/fixtures/hallbox-package.json', JSON.stringify({ fingerprint, township: township.name, package: JSON.parse(text) }, null, 1));

  // The county's server: a county over the township (same name as on the laptop), another township, a stranger.
  sys = await setupAdmin(county);
  countyId = (await sys.post('/api/congresses', { name: uniq('示例县第十八届人民代表大会'), level: 'county', term: 18 })).body.id;
  childId = (await sys.post('/api/congresses', { name: township.name, level: 'township', term: 18 })).body.id;
  otherChildId = (await sys.post('/api/congresses', { name: uniq('另一镇人大'), level: 'township', term: 18 })).body.id;
  strangerId = (await sys.post('/api/congresses', { name: township.name + '（外县）', level: 'township', term: 18 })).body.id;
  for (const id of [childId, otherChildId]) expect((await sys.put(`/api/congresses/${id}/parent`, { parentId: countyId })).status).toBe(200);
  const admin = uniq('cadmin');
  expect((await sys.post(`/api/congresses/${countyId}/accounts`, { username: admin, displayName: '县人大办公室', password: PASSWORD, role: 'admin' })).status).toBe(201);
  countyAdmin = new Client(county);
  await countyAdmin.login(admin, PASSWORD);
  const o = uniq('overseer');
  const account = (await sys.post('/api/accounts', { username: o, displayName: '县人大督导', password: PASSWORD })).body;
  expect((await sys.post(`/api/congresses/${countyId}/members`, { accountId: account.id, role: 'overseer' })).status).toBe(201);
  overseer = new Client(county);
  await overseer.login(o, PASSWORD);
}, 120_000);

describe('export on the laptop', () => {
  it('refuses while nothing is held, while a vote is open and before its result is published', () => {
    expect(refusals).toEqual({ draft: 'package_no_votes', open: 'package_vote_open', closed: 'package_unpublished' });
  });

  it('writes the published files, the sign-offs, the audit chain to its head and the key, signed', async () => {
    const p = JSON.parse(text) as SessionPackage;
    expect(p.format).toBe('minsheng-session-package/1');
    expect(p.content.congress.name).toBe(township.name);
    expect(p.content.votes).toHaveLength(1);
    const v = p.content.votes[0];
    const published = await new Client(laptop).get(`/api/public/votes/${township.voteId}/bulletin.json`);
    expect(v.bulletin).toBe(published.text);
    expect(v.signoffs.map((s) => s.chief).sort()).toEqual([false, true]);
    expect(p.content.audit.entries[0].seq).toBe(1);
    // Entries of the township whole; anything else on the server (its set-up, another congress) as its hash only.
    for (const e of p.content.audit.entries) if (!isRedacted(e)) expect(e.congressId).toBe(township.congressId);
    expect(p.content.audit.entries.some((e) => isRedacted(e))).toBe(true);
    expect(p.content.audit.head.seq).toBe(p.content.audit.entries.length);
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(await fingerprintOf(p.content.key)).toBe(fingerprint);
    // The kid the laptop's cards carry is the start of the same thumbprint.
    expect(Buffer.from(fingerprint, 'hex').toString('base64url').slice(0, 16)).toBe(p.content.key.kid);
    // Nothing secret: no ballot card token, no private key part.
    expect(text).not.toMatch(/"d":/);
    // Exporting reads only: the laptop's chain has not grown.
    const again = JSON.parse((await township.admin.call(H.exportPackage, { params: { congressId: township.congressId, sessionId: township.sessionId } })).text) as SessionPackage;
    expect(again.content.audit.head).toEqual(p.content.audit.head);
  });

  it('is the township administrator’s, for its own sessions', async () => {
    for (const who of ['presidium', 'scrutineer', 'representative'] as const)
      expect((await township.roles[who].call(H.exportPackage, { params: { congressId: township.congressId, sessionId: township.sessionId } })).status, who).toBe(403);
    const unknown = await township.admin.call(H.exportPackage, { params: { congressId: township.congressId, sessionId: crypto.randomUUID() } });
    expect(unknown.body.error?.code).toBe('session_meeting_not_found');
  });
});

describe('filing on the county server', () => {
  it('refuses each kind of tampering with its own reason', async () => {
    const expectRefused = async (body: string, code: string, typed?: string, child = childId) => {
      const res = await file(countyAdmin, child, body, typed);
      expect(res.body.error?.code, res.text).toBe(code);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      return res;
    };
    // Content changed, not re-signed.
    await expectRefused(await tampered((p) => void (p.content.votes[0].title = '改过的标题'), 'none'), 'package_signature');
    // Re-signed with another key (the package carries that key): its fingerprint is not the receipt's.
    const other = await generateKeyPair('Ed25519', { extractable: true });
    const otherPub = await exportJWK(other.publicKey);
    const resignedElsewhere = JSON.parse(text) as SessionPackage;
    resignedElsewhere.content.votes[0].title = '改过的标题';
    resignedElsewhere.content.key = { kty: 'OKP', crv: 'Ed25519', x: otherPub.x! };
    resignedElsewhere.signature = await signContent(resignedElsewhere.content, await exportJWK(other.privateKey));
    await expectRefused(JSON.stringify(resignedElsewhere), 'package_key_mismatch');
    // The fingerprint typed wrong (one digit), and not a fingerprint at all.
    const wrong = (fingerprint[0] === 'a' ? 'b' : 'a') + fingerprint.slice(1);
    await expectRefused(text, 'package_key_mismatch', wrong);
    await expectRefused(text, 'package_fingerprint_format', '1234');
    // A ballot changed and re-signed with the laptop's own key: the recount does not give the published result.
    const recount = await expectRefused(
      await tampered((p) => {
        const b = JSON.parse(p.content.votes[0].bulletin) as { ballots: unknown[] };
        b.ballots[0] = b.ballots[b.ballots.length - 1];
        p.content.votes[0].bulletin = JSON.stringify(b);
      }),
      'package_recount',
    );
    expect((recount.body.error?.details as { differences: string[] }).differences.length).toBeGreaterThan(0);
    // An audit entry changed (and re-signed): the chain breaks there.
    const p0 = JSON.parse(text) as SessionPackage;
    const at = p0.content.audit.entries.findIndex((e, i) => i > 0 && !isRedacted(e) && i < p0.content.audit.entries.length - 1);
    const chain = await expectRefused(await tampered((p) => void ((p.content.audit.entries[at] as PackageAuditEntry).actorName = '别人')), 'package_chain_broken');
    expect(chain.body.error?.message).toContain(`第 ${at + 1} 条`);
    // A redacted entry's hash changed (re-signed): the next entry's link no longer holds.
    const r = p0.content.audit.entries.findIndex((e, i) => isRedacted(e) && i < p0.content.audit.entries.length - 1);
    if (r >= 0) await expectRefused(await tampered((p) => void (p.content.audit.entries[r].hash = 'f'.repeat(64))), 'package_chain_broken');
    // The head changed: the chain's last entry dropped, the signed head left as it was.
    await expectRefused(await tampered((p) => void p.content.audit.entries.pop()), 'package_head');
    // A result digest that is not the one the chain noted at publication.
    await expectRefused(await tampered((p) => void (p.content.votes[0].resultDigest = '0'.repeat(64))), 'package_digest');
    // Another township's name.
    await expectRefused(text, 'package_wrong_congress', undefined, otherChildId);
    // Malformed: not JSON, not a package, another format, no file.
    await expectRefused('{"format": "minsheng-session-package/1", ', 'package_malformed');
    await expectRefused(JSON.stringify({ format: 'minsheng-session-package/1', content: {} }), 'package_malformed');
    await expectRefused(JSON.stringify({ ...JSON.parse(text), format: 'minsheng-session-package/9' }), 'package_format');
    const noFile = new FormData();
    noFile.append('fingerprint', fingerprint);
    expect((await countyAdmin.call(H.filePackage, { params: { congressId: countyId, childId }, body: noFile })).body.error?.code).toBe('package_file_missing');
    // Hostile bodies: never a 5xx, always the JSON error shape.
    const hostile: [string, BodyInit, Record<string, string>][] = [
      ['the file as a text field', (() => { const f = new FormData(); f.append('file', text); f.append('fingerprint', fingerprint); return f; })(), {}],
      ['JSON where a form is expected', text, { 'content-type': 'application/json' }],
      ['a truncated multipart body', '--x\r\nContent-Disposition: form-data; name="file"; filename="a.json"\r\n\r\n{', { 'content-type': 'multipart/form-data; boundary=x' }],
      ['an .exe', form('MZ\u0090\u0000\u0003', fingerprint), {}],
      ['deep nesting', form(`${'['.repeat(5000)}${']'.repeat(5000)}`, fingerprint), {}],
      ['a bulletin that is not JSON', await tampered((p) => void (p.content.votes[0].bulletin = '{')), {}],
      ['a key that is not a curve point', await tampered((p) => void (p.content.key.x = 'A'.repeat(43)), 'none'), {}],
    ];
    for (const [what, body, headers] of hostile) {
      const res = typeof body === 'string' && !headers['content-type'] ? await file(countyAdmin, childId, body) : await countyAdmin.request('POST', `/api/congresses/${countyId}/county/congresses/${childId}/packages`, body, headers);
      expect(res.status, `${what}: ${res.text}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${what}: ${res.text}`).toBeLessThan(500);
      expect(res.body.error?.code, what).toBeTruthy();
    }
    // A township not below this county.
    expect((await file(countyAdmin, strangerId, text)).body.error?.code).toBe('congress_not_below');
    // None of these filed anything.
    expect((await countyAdmin.call(H.listPackages, { params: { congressId: countyId }, query: {} })).body.total).toBe(0);
  });

  it('says the reasons in English too', async () => {
    const en = new Client(county, 'en');
    en.cookie = countyAdmin.cookie;
    en.csrf = countyAdmin.csrf;
    const res = await file(en, childId, await tampered((p) => void (p.content.votes[0].title = 'x'), 'none'));
    expect(res.body.error?.message).toMatch(/changed after it was signed/);
  });

  it('files the package beside the township when every check holds, once', async () => {
    expect((await file(overseer, childId, text)).status, 'an overseer reads, never files').toBe(403);
    const res = await file(countyAdmin, childId, text);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ congressId: childId, congressName: township.name, sourceCongressName: township.name, keyFingerprint: fingerprint, importedBy: '县人大办公室' });
    expect(res.body.votes[0]).toMatchObject({ id: township.voteId, cast: 9, elected: ['道路硬化工程'] });
    // The same session again — the same file, or a fresh export of it — is a duplicate.
    expect((await file(countyAdmin, childId, text)).body.error?.code).toBe('package_duplicate');
    const fresh = (await township.admin.call(H.exportPackage, { params: { congressId: township.congressId, sessionId: township.sessionId } })).text;
    expect((await file(countyAdmin, childId, fresh)).body.error?.code).toBe('package_duplicate');
    // The county's audit log says who filed what.
    const audit = (await sys.get(`/api/congresses/${countyId}/audit?limit=50`)).body as { action: string; details: Record<string, unknown> }[];
    expect(audit.find((e) => e.action === 'hallbox.file')?.details).toMatchObject({ keyFingerprint: fingerprint, votes: 1 });
  });

  it('lists, reads and gives back the filed package to the county’s staff and overseers', async () => {
    for (const who of [countyAdmin, overseer]) {
      const list = await who.call(H.listPackages, { params: { congressId: countyId }, query: { childId } });
      expect(list.status).toBe(200);
      expect(list.body.total).toBe(1);
      const id = list.body.items[0].id;
      const one = await who.call(H.getPackage, { params: { congressId: countyId, packageId: id } });
      expect(one.status).toBe(200);
      expect(one.body.auditEntries).toBe(JSON.parse(text).content.audit.entries.length);
      expect(one.body.votes[0].signoffs).toHaveLength(2);
      expect(one.body.votes[0].candidates.map((c) => c.for)).toEqual([6, 5, 5, 0]);
      const back = await who.call(H.downloadPackage, { params: { congressId: countyId, packageId: id } });
      expect(back.status).toBe(200);
      // The file given back verifies as it came (the signature is over canonical JSON, so stored key order is no matter).
      await expect(verifyPackage(back.text, fingerprint, { name: township.name })).resolves.toMatchObject({ fingerprint });
    }
    expect((await overseer.call(H.listPackages, { params: { congressId: countyId }, query: { childId: strangerId } })).body.error?.code).toBe('congress_not_below');
    expect((await overseer.call(H.getPackage, { params: { congressId: countyId, packageId: crypto.randomUUID() } })).body.error?.code).toBe('package_not_found');
    const counts = await packagesOf(county.deps.db, [childId, otherChildId]);
    expect(counts.get(childId)?.filed).toBe(1);
    expect(counts.has(otherChildId)).toBe(false);
  });
});

describe('npm run export-session on the laptop', () => {
  const run = (args: string[], env: Record<string, string | undefined> = {}) => {
    const e: Record<string, string | undefined> = { ...process.env, DATABASE_URL: laptop.url, DATA_DIR: laptop.dataDir, ...env };
    if (!e.DATABASE_URL) delete e.DATABASE_URL;
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/export-session.ts', ...args], { cwd: process.cwd(), env: e as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, out: `${r.stdout}${r.stderr}` };
  };

  it('refuses to open a data dir a running server holds (PGlite)', async () => {
    if (!laptop.dataDir) return;
    writeFileSync(join(laptop.dataDir, 'server.lock'), String(process.pid));
    const r = run(['--session', township.sessionId]);
    expect(r.code, r.out).toBe(2);
    expect(r.out).toMatch(/in use by process/);
    await laptop.stop();
    writeFileSync(join(laptop.dataDir, 'server.lock'), '');
  }, 60_000);

  it('writes the same package with the server stopped, prints the fingerprint; exit codes 0, 1, 2', async () => {
    await laptop.stop();
    const out = join(dir, 'session.json');
    const ok = run(['--session', township.sessionId, '--out', out]);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toContain(groupedFingerprint(fingerprint));
    const written = readFileSync(out, 'utf8');
    const verified = await verifyPackage(written, fingerprint, { name: township.name });
    expect(verified.pkg.content.votes[0].bulletin).toBe((JSON.parse(text) as SessionPackage).content.votes[0].bulletin);
    expect(verified.pkg.content.audit.head).toEqual((JSON.parse(text) as SessionPackage).content.audit.head);
    // No such session: refused, exit 1, said in both languages.
    const none = run(['--session', crypto.randomUUID()]);
    expect(none.code, none.out).toBe(1);
    expect(none.out).toMatch(/找不到该会议[\s\S]*This session does not exist/);
    // Bad arguments: exit 2.
    expect(run([]).code).toBe(2);
    expect(run(['--session', 'nope']).code).toBe(2);
  }, 120_000);
});
