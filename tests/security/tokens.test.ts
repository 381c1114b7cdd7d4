/**
 * Token attacks, over HTTP through the app: ballot cards (ms-ballot), evaluation codes (ms-eval) and delegate-card
 * logins (ms-login). Each attack is refused with a 4xx JSON error and leaves nothing stored.
 *
 * Forged tokens are built by hand here (never through jose, which would refuse to make most of them). Header-policy
 * attacks (crit, b64, a wrong or missing typ, an embedded jwk) are signed with the server's REAL private key read from
 * the database, so the refusal is due to the policy and not to a bad signature; `realSign` is first shown to make
 * tokens the server accepts.
 */
import { tokenOf } from '../../shared/serial.ts';
import { createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign as edSign, type KeyObject } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, congressWithRoles, useTestApp } from '../helpers/app.ts';
import { hall, marksOf, type Hall } from '../tally/helpers.ts';
import { shanghaiToday, shanghaiYear } from '../../shared/time.ts';

const t = useTestApp();
const year = shanghaiYear();

// ---- token surgery ----

type Header = Record<string, unknown>;
const enc = (x: unknown) => Buffer.from(typeof x === 'string' ? x : JSON.stringify(x)).toString('base64url');
const dec = (s: string) => JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Record<string, unknown>;
const split = (token: string) => {
  const [h, p, s] = token.split('.');
  return { h, p, s, header: dec(h), payload: dec(p) };
};
/** Flip one bit of a base64url segment's bytes (decoded, flipped, re-encoded canonically). */
const flipBit = (seg: string, byte: number, bit = 0) => {
  const b = Buffer.from(seg, 'base64url');
  b[byte] ^= 1 << bit;
  return b.toString('base64url');
};
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** The same signature bytes spelled differently: the last character of 86 carries 2 data bits and 4 spare ones. */
const respell = (sig: string) => sig.slice(0, -1) + B64[B64.indexOf(sig.at(-1)!) ^ 0b0001];
const attacker = generateKeyPairSync('ed25519');
const edToken = (header: Header, payload: unknown, key: KeyObject) => {
  const input = `${enc(header)}.${enc(payload)}`;
  return `${input}.${edSign(null, Buffer.from(input), key).toString('base64url')}`;
};

/** The server's active key, straight from the database. */
async function serverKey() {
  const [row] = await t.database.query<{ kid: string; private_jwk: Record<string, string>; public_jwk: Record<string, string> }>(
    'select kid, private_jwk, public_jwk from signing_keys where retired_at is null order by created_at desc limit 1',
  );
  return { kid: row.kid, priv: createPrivateKey({ key: row.private_jwk, format: 'jwk' }), pubJwk: row.public_jwk };
}
/** A token signed by the server's real key with exactly this header and payload. */
const realSign = async (header: (kid: string) => Header, payload: unknown) => {
  const k = await serverKey();
  return edToken(header(k.kid), payload, k.priv);
};

/** The same forgeries for every kind of token; `valid` is a token the server accepts, of the kind under test. */
async function forgeries(valid: string, other: string) {
  const v = split(valid);
  const o = split(other);
  const { kid, pubJwk } = await serverKey();
  const x = Buffer.from(pubJwk.x, 'base64url');
  const pem = createPublicKey({ key: pubJwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }) as string;
  const hs = (secret: Buffer | string) => {
    const h = enc({ ...v.header, alg: 'HS256' });
    return `${h}.${v.p}.${createHmac('sha256', secret).update(`${h}.${v.p}`).digest('base64url')}`;
  };
  const none = (alg: string, sig: string) => `${enc({ ...v.header, alg })}.${v.p}.${sig}`;
  return {
    'a flipped bit in the signature': `${v.h}.${v.p}.${flipBit(v.s, 20, 3)}`,
    'a flipped bit in the payload': `${v.h}.${flipBit(v.p, 5, 1)}.${v.s}`,
    'the signature of another token (payload swapped)': `${o.h}.${o.p}.${v.s}`,
    'the payload of another token with this signature': `${v.h}.${o.p}.${v.s}`,
    'the same signature bytes, spelled otherwise': `${v.h}.${v.p}.${respell(v.s)}`,
    'alg none, empty signature': none('none', ''),
    'alg none, signature kept': none('none', v.s),
    'alg None': none('None', v.s),
    'alg EdDSA dropped': `${enc({ kid: v.header.kid, typ: v.header.typ })}.${v.p}.${v.s}`,
    'HS256 keyed with the raw public key': hs(x),
    'HS256 keyed with the public JWK': hs(JSON.stringify(pubJwk)),
    'HS256 keyed with the public key PEM': hs(pem),
    'HS256 keyed with the kid': hs(kid),
    'an unknown kid, signed by another key': edToken({ ...v.header, kid: 'AAAAAAAAAAAAAAAA' }, v.payload, attacker.privateKey),
    'the server kid, signed by another key': edToken(v.header, v.payload, attacker.privateKey),
    'an embedded jwk of another key': edToken({ ...v.header, jwk: attacker.publicKey.export({ format: 'jwk' }) }, v.payload, attacker.privateKey),
    'an embedded jwk and no kid': edToken({ alg: 'EdDSA', typ: v.header.typ, jwk: attacker.publicKey.export({ format: 'jwk' }) }, v.payload, attacker.privateKey),
    'a jku to fetch keys from': edToken({ ...v.header, kid: 'evil', jku: 'https://evil.example/jwks.json' }, v.payload, attacker.privateKey),
    'crit, signed by the real key': await realSign((k) => ({ alg: 'EdDSA', kid: k, typ: v.header.typ, crit: ['exp'], exp: 1 }), v.payload),
    'b64 false, signed by the real key': await realSign((k) => ({ alg: 'EdDSA', kid: k, typ: v.header.typ, b64: false, crit: ['b64'] }), v.payload),
    'no kid, signed by the real key': await realSign(() => ({ alg: 'EdDSA', typ: v.header.typ }), v.payload),
    '"+" in the signature': `${v.h}.${v.p}.${v.s.slice(0, 10)}+${v.s.slice(11)}`,
    '"/" in the payload': `${v.h}.${v.p.slice(0, 4)}/${v.p.slice(4)}`,
    'padding "=" after the signature': `${valid}==`,
    'a space inside': `${v.h}.${v.p.slice(0, 6)} ${v.p.slice(6)}.${v.s}`,
    'a percent-encoded character': `${v.h}.${v.p}.${v.s.slice(0, 10)}%2B${v.s.slice(11)}`,
    'a line break inside': `${v.h}.${v.p}\n.${v.s}`,
    'a fourth segment': `${valid}.${v.s}`,
    'two segments': `${v.h}.${v.p}`,
    'JSON serialization instead of compact': JSON.stringify({ protected: v.h, payload: v.p, signature: v.s }),
  } as Record<string, string>;
}

/** A 4xx JSON error `{ error: { code, message } }` with this code. */
function refused(res: { status: number; body: any; headers: Headers; text: string }, code: string, what = '') {
  expect(res.status, `${what}: ${res.text}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${what}: ${res.text}`).toBeLessThan(500);
  expect(res.headers.get('content-type'), what).toMatch(/json/);
  expect(res.body?.error?.code, `${what}: ${res.text}`).toBe(code);
  expect(typeof res.body.error.message, what).toBe('string');
}

const count = async (sql: string, params: unknown[] = []) => (await t.database.query<{ n: number }>(sql, params))[0].n;

// ---- the hall ----

let h: Hall; // congress 1, all tests of ballot cards
let h2: Hall; // congress 2, for cards of another congress

type Vote = { voteId: string; path: string; tokens: string[]; serials: string[]; confirm: object };
/** A vote of the hall's session with its cards; issuance by count (all usable) unless `scanIssue` names the cards to scan. */
async function makeVote(hh: Hall, opts: { open?: boolean; scanIssue?: number[] } = {}): Promise<Vote> {
  const v = (await hh.roles.presidium.post(`${hh.base}/sessions/${hh.sessionId}/votes`, { listId: hh.listId, title: '票决' })).body;
  const path = `${hh.base}/sessions/${hh.sessionId}/votes/${v.id}`;
  expect((await hh.roles.scrutineer.post(`${path}/cards`, {})).status).toBe(201);
  const cards = (await hh.roles.scrutineer.get(`${path}/cards`)).body.cards as { serial: string; url: string }[];
  if (opts.scanIssue) for (const i of opts.scanIssue) expect((await hh.roles.scrutineer.post(`${path}/issue`, { card: cards[i].serial })).status).toBe(200);
  const counted = opts.scanIssue ? null : await hh.roles.scrutineer.post(`${path}/issue-count`, { count: cards.length });
  if (counted) expect(counted.status).toBe(200);
  // Every card counted as issued, spares too, is more cards than people present: the opening confirms those numbers.
  const confirm = counted?.body.overIssued ? { confirmOverIssue: { issued: counted.body.issued, present: counted.body.present } } : {};
  if (opts.open !== false) expect((await hh.roles.presidium.post(`${path}/open`, confirm)).status).toBe(200);
  return { voteId: v.id, path, tokens: cards.map((c) => c.url.split('#')[1]), serials: cards.map((c) => c.serial), confirm };
}
const open = (token: string, voteId?: string) => new Client(t).post('/api/public/ballot/open', { token, ...(voteId ? { voteId } : {}) });
const cast = (token: string, marks: Record<string, string>, voteId?: string) => new Client(t).post('/api/public/ballot/cast', { token, marks, ...(voteId ? { voteId } : {}) });
const ballotsOf = (voteId: string) => count('select count(*)::int as n from ballots where vote_id = $1', [voteId]);

beforeAll(async () => {
  h = await hall(t, { seated: 6, titles: ['桥梁', '广场', '学校'] });
  h2 = await hall(t, { seated: 6, titles: ['桥梁', '广场', '学校'] });
});

describe('ballot cards (ms-ballot)', () => {
  it('the test harness signs tokens the server accepts (so each refusal below is the attack, not the harness)', async () => {
    const v = await makeVote(h);
    const { payload } = split(v.tokens[0]);
    const remade = await realSign((kid) => ({ alg: 'EdDSA', kid, typ: 'ms-ballot' }), payload);
    expect((await open(remade)).status).toBe(200);
    expect((await open(v.tokens[0], v.voteId)).status).toBe(200);
  });

  it('refuses every forgery on open and on cast, with card_signature, and stores nothing', async () => {
    const v = await makeVote(h);
    const marks = marksOf(h.candidateIds, 'F--');
    const forged = await forgeries(v.tokens[0], v.tokens[1]);
    for (const [what, token] of Object.entries(forged)) {
      const a = await open(token);
      const b = await cast(token, marks);
      refused(a, 'card_signature', `open: ${what}`);
      refused(b, 'card_signature', `cast: ${what}`);
      expect(a.status).toBe(403);
    }
    expect(await ballotsOf(v.voteId)).toBe(0);
    // Both genuine cards still work: nothing above spent them.
    expect((await cast(v.tokens[0], marks)).status).toBe(200);
    expect((await cast(v.tokens[1], marks)).status).toBe(200);
    expect(await ballotsOf(v.voteId)).toBe(2);
  });

  it('checks the typ: a card payload signed by the real key under another typ is refused', async () => {
    const v = await makeVote(h);
    const { payload } = split(v.tokens[0]);
    for (const typ of ['ms-eval', 'ms-login', 'ms-challenge', 'JWT', 'MS-BALLOT', 'application/ms-ballot', undefined]) {
      const token = await realSign((kid) => ({ alg: 'EdDSA', kid, ...(typ ? { typ } : {}) }), payload);
      refused(await open(token), 'card_signature', `typ ${typ}`);
      refused(await cast(token, {}), 'card_signature', `typ ${typ}`);
    }
    expect(await ballotsOf(v.voteId)).toBe(0);
  });

  it('refuses the other kinds of token presented as a ballot card', async () => {
    const v = await makeVote(h);
    const made = await congressWithRoles(t, h.admin);
    await h.admin.post(`/api/congresses/${made.congress.id}/representatives`, { name: '持证代表' });
    const login = (await h.admin.get(`/api/congresses/${made.congress.id}/roster/cards`)).body.cards[0].url.split('#')[1];
    const challenge = (await new Client(t).get('/api/public/challenge')).body.token;
    const evalShaped = await t.keys.sign('ms-eval', { r: v.voteId, c: split(v.tokens[0]).payload.b, a: 'residents' });
    for (const [what, token] of Object.entries({ login, challenge, evalShaped })) {
      refused(await open(token), 'card_signature', what);
      refused(await cast(token, {}), 'card_signature', what);
    }
    expect(await ballotsOf(v.voteId)).toBe(0);
  });

  it('refuses a card validly signed but not among the cards made (outside the commitment), or of an odd shape', async () => {
    const v = await makeVote(h);
    const b = randomBytes(16).toString('base64url');
    for (const payload of [{ v: v.voteId, b }, { v: v.voteId }, { v: v.voteId, b: 5 }, { v: [v.voteId], b }, [v.voteId, b], 'text', null]) {
      const token = await realSign((kid) => ({ alg: 'EdDSA', kid, typ: 'ms-ballot' }), payload);
      refused(await open(token), 'card_signature', JSON.stringify(payload));
      refused(await cast(token, {}), 'card_signature', JSON.stringify(payload));
    }
    // A genuine ballot id under another (existing, open) vote of the same congress.
    const w = await makeVote(h);
    const moved = await t.keys.sign('ms-ballot', { v: w.voteId, b: split(v.tokens[0]).payload.b });
    refused(await open(moved), 'card_signature');
    refused(await cast(moved, {}), 'card_signature');
    expect((await ballotsOf(v.voteId)) + (await ballotsOf(w.voteId))).toBe(0);
  });

  it('a card of another vote or of another congress is refused where a vote is expected', async () => {
    const a = await makeVote(h);
    const b = await makeVote(h);
    const other = await makeVote(h2);
    const marks = marksOf(h.candidateIds, 'F--');
    for (const token of [b.tokens[0], other.tokens[0]]) {
      refused(await open(token, a.voteId), 'card_other_vote');
      refused(await cast(token, marks, a.voteId), 'card_other_vote');
    }
    // Typing at congress 1's kiosk the serial of congress 2's card finds nothing.
    refused(await new Client(t).post('/api/public/ballot/by-serial', { congressId: h.congressId, serial: other.serials[0] }), 'card_serial_unknown');
    refused(await new Client(t).post('/api/public/ballot/by-serial', { congressId: h.congressId, serial: b.serials[0], voteId: a.voteId }), 'card_serial_unknown');
    expect((await ballotsOf(a.voteId)) + (await ballotsOf(b.voteId)) + (await ballotsOf(other.voteId))).toBe(0);
    // The same cards at their own vote are fine.
    expect((await cast(b.tokens[0], marks, b.voteId)).status).toBe(200);
  });

  it('replay of a cast: every replay without the ballot\'s retry secret is refused card_used, whatever its marks', async () => {
    const v = await makeVote(h);
    const first = await cast(v.tokens[0], marksOf(h.candidateIds, 'FA-'));
    expect(first.status).toBe(200);
    refused(await cast(v.tokens[0], marksOf(h.candidateIds, 'FA-')), 'card_used');
    refused(await cast(v.tokens[0], marksOf(h.candidateIds, 'AF-')), 'card_used');
    refused(await cast(v.tokens[0], {}), 'card_used');
    // Replaying through another spelling of the token changes nothing; opening or finding the card says nothing.
    refused(await cast(`  ${v.tokens[0]}  `, marksOf(h.candidateIds, 'AA-')), 'card_used');
    expect((await open(v.tokens[0])).status).toBe(200);
    expect((await new Client(t).post('/api/public/ballot/by-serial', { congressId: h.congressId, serial: v.serials[0] })).status).toBe(200);
    expect(await ballotsOf(v.voteId)).toBe(1);
    const [row] = await t.database.query<{ marks: Record<string, string> }>('select marks from ballots where vote_id = $1', [v.voteId]);
    expect(row.marks).toEqual(marksOf(h.candidateIds, 'FA-'));
  });

  it('a voided card, a card of a vote not yet open, a card after the close', async () => {
    const v = await makeVote(h);
    expect((await h.roles.scrutineer.post(`${v.path}/void`, { serial: v.serials[0] })).status).toBe(200);
    refused(await open(v.tokens[0]), 'card_voided');
    refused(await cast(v.tokens[0], {}), 'card_voided');

    const draft = await makeVote(h, { open: false });
    refused(await open(draft.tokens[0]), 'vote_not_open');
    refused(await cast(draft.tokens[0], {}), 'vote_not_open');

    expect((await cast(v.tokens[1], {})).status).toBe(200);
    expect((await h.roles.presidium.post(`${v.path}/close`, {})).status).toBe(200);
    refused(await open(v.tokens[2]), 'vote_closed');
    refused(await cast(v.tokens[2], {}), 'vote_closed');
    // The card cast before the close: its repeat is refused too (nothing is taken after the close).
    refused(await cast(v.tokens[1], {}), 'vote_closed');
    expect(await ballotsOf(v.voteId)).toBe(1);
    expect(await ballotsOf(draft.voteId)).toBe(0);
  });

  it('issuance by scan: a card not scanned at the desk is refused card_not_issued', async () => {
    const v = await makeVote(h, { scanIssue: [0] });
    refused(await open(v.tokens[1]), 'card_not_issued');
    refused(await cast(v.tokens[1], {}), 'card_not_issued');
    expect(await ballotsOf(v.voteId)).toBe(0);
    expect((await cast(v.tokens[0], {})).status).toBe(200);
    expect(await ballotsOf(v.voteId)).toBe(1);
  });

  it('key rotation: a card signed by the retired key still votes; a token under a kid not in the database does not', async () => {
    const v = await makeVote(h, { open: false }); // printed, not yet open: cards are reprinted only before the vote opens
    const oldKid = split(v.tokens[0]).header.kid;
    const newKid = await t.keys.rotate();
    expect(newKid).not.toBe(oldKid);
    const [retired] = await t.database.query<{ retired: boolean }>('select retired_at is not null as retired from signing_keys where kid = $1', [oldKid]);
    expect(retired.retired).toBe(true);
    // Cards printed now carry the new kid (and are accepted as well, below).
    const reprinted = (await h.roles.scrutineer.get(`${v.path}/cards`)).body.cards as { url: string }[];
    expect((await h.roles.presidium.post(`${v.path}/open`, v.confirm)).status).toBe(200);
    // By design (design §4: keys rotate by kid; retired keys stay published): the old card opens and casts.
    expect((await open(v.tokens[0], v.voteId)).status).toBe(200);
    expect((await cast(v.tokens[0], marksOf(h.candidateIds, 'F--'), v.voteId)).status).toBe(200);
    const fresh = reprinted.map((c) => c.url.split('#')[1]).find((tk) => split(tk).payload.b === split(v.tokens[1]).payload.b)!;
    expect(split(fresh).header.kid).toBe(newKid);
    expect((await cast(fresh, {})).status).toBe(200);
    // The retired kid with a signature by a key that is not the retired one, and a kid never in the database.
    const { payload } = split(v.tokens[2]);
    refused(await cast(edToken({ alg: 'EdDSA', kid: oldKid, typ: 'ms-ballot' }, payload, attacker.privateKey), {}), 'card_signature');
    const stranger = generateKeyPairSync('ed25519');
    const strangerKid = (stranger.publicKey.export({ format: 'jwk' }).x as string).slice(0, 16);
    refused(await cast(edToken({ alg: 'EdDSA', kid: strangerKid, typ: 'ms-ballot' }, payload, stranger.privateKey), {}), 'card_signature');
    // Even a second later (when the key list may be read again), that kid is still unknown.
    await new Promise((r) => setTimeout(r, 1100));
    refused(await open(edToken({ alg: 'EdDSA', kid: strangerKid, typ: 'ms-ballot' }, payload, stranger.privateKey)), 'card_signature');
    expect(await ballotsOf(v.voteId)).toBe(2);
    // Both keys are published; the retired one says so.
    const jwks = (await new Client(t).get('/.well-known/jwks.json')).body.keys as { kid: string; retired?: string }[];
    expect(jwks.find((k) => k.kid === oldKid)?.retired).toBeTruthy();
    expect(jwks.find((k) => k.kid === newKid)?.retired).toBeUndefined();
    expect(jwks.some((k) => k.kid === strangerKid)).toBe(false);
  });
});

// ---- evaluation codes ----

let base: string;
let projectIds: string[];
type Round = { id: string; path: string; tokens: string[]; answers: { targetKind: string; targetId: string; itemId: string; answer: string }[] };

async function makeRound(opts: { audiences?: ('residents' | 'representatives')[]; open?: boolean; codes?: number; projects?: string[] } = {}): Promise<Round> {
  const r = (await h.admin.post(`${base}/evaluation/rounds`, { year, title: '满意度测评', audiences: opts.audiences ?? ['residents', 'representatives'], projectIds: opts.projects ?? projectIds })).body;
  const path = `${base}/evaluation/rounds/${r.id}`;
  if (opts.open !== false) expect((await h.admin.post(`${path}/open`, {})).status).toBe(200);
  expect((await h.admin.post(`${path}/codes`, { audience: 'residents', count: opts.codes ?? 4 })).status).toBe(201);
  const slips = (await h.admin.get(`${path}/codes?audience=residents`)).body as { url: string }[];
  const answers = (r.targets as { kind: 'project' | 'department'; id: string }[]).flatMap((tg) => r.items[tg.kind].map((i: { id: string }) => ({ targetKind: tg.kind, targetId: tg.id, itemId: i.id, answer: 'satisfied' })));
  return { id: r.id, path, tokens: slips.map((s) => s.url.split('#')[1]), answers };
}
const openCode = (token: string) => new Client(t).post('/api/public/evaluation/open', { token });
const submit = (token: string, answers: unknown[], comments: unknown[] = []) => new Client(t).post('/api/public/evaluation/submit', { token, answers, comments });
const spentOf = async (roundId: string) => ({
  spent: await count('select count(*)::int as n from eval_spent where round_id = $1', [roundId]),
  answers: await count('select count(*)::int as n from eval_answers where round_id = $1', [roundId]),
  comments: await count('select count(*)::int as n from eval_comments where round_id = $1', [roundId]),
});

describe('evaluation codes (ms-eval)', () => {
  beforeAll(async () => {
    base = h.base;
    const f = (title: string) => ({ year, title, leadDepartmentId: h.department.id, coDepartmentIds: [], plannedInvestment: '100', fundingSource: '县财政', plannedCompletion: `${year}-12-31` });
    projectIds = [(await h.admin.post(`${base}/projects`, f('道路硬化'))).body.id, (await h.admin.post(`${base}/projects`, f('饮水工程'))).body.id];
  });

  it('refuses every forgery on open and on submit, with eval_code_invalid, and spends nothing', async () => {
    const r = await makeRound();
    const forged = await forgeries(r.tokens[0], r.tokens[1]);
    // The audience changed in the payload, the signature kept (a residents' code passed off as a representative's).
    const v = split(r.tokens[0]);
    forged['the audience changed'] = `${v.h}.${enc({ ...v.payload, a: 'representatives' })}.${v.s}`;
    forged['the round changed'] = `${v.h}.${enc({ ...v.payload, r: (await makeRound()).id })}.${v.s}`;
    for (const [what, token] of Object.entries(forged)) {
      const a = await openCode(token);
      const b = await submit(token, r.answers, [{ targetKind: 'project', targetId: projectIds[0], text: '伪造' }]);
      refused(a, 'eval_code_invalid', `open: ${what}`);
      refused(b, 'eval_code_invalid', `submit: ${what}`);
    }
    expect(await spentOf(r.id)).toEqual({ spent: 0, answers: 0, comments: 0 });
    expect((await submit(r.tokens[0], r.answers)).status).toBe(200);
    expect((await submit(r.tokens[1], r.answers)).status).toBe(200);
  });

  it('checks the typ, and refuses the other kinds of token presented as a code', async () => {
    const r = await makeRound();
    const { payload } = split(r.tokens[0]);
    for (const typ of ['ms-ballot', 'ms-login', 'JWT', 'MS-EVAL', undefined]) {
      const token = await realSign((kid) => ({ alg: 'EdDSA', kid, ...(typ ? { typ } : {}) }), payload);
      refused(await openCode(token), 'eval_code_invalid', `typ ${typ}`);
      refused(await submit(token, r.answers), 'eval_code_invalid', `typ ${typ}`);
    }
    const ballot = (await makeVote(h)).tokens[0];
    const made = await congressWithRoles(t, h.admin);
    await h.admin.post(`/api/congresses/${made.congress.id}/representatives`, { name: '持证代表' });
    const login = (await h.admin.get(`/api/congresses/${made.congress.id}/roster/cards`)).body.cards[0].url.split('#')[1];
    const challenge = (await new Client(t).get('/api/public/challenge')).body.token;
    for (const [what, token] of Object.entries({ ballot, login, challenge })) {
      refused(await openCode(token), 'eval_code_invalid', what);
      refused(await submit(token, r.answers), 'eval_code_invalid', what);
    }
    expect(await spentOf(r.id)).toEqual({ spent: 0, answers: 0, comments: 0 });
  });

  it('a code of another round answers only its own round; a code of a round not open or closed is refused', async () => {
    // Two rounds over different projects. The code names its round (signed); answers of the other round are refused.
    const r1 = await makeRound({ projects: [projectIds[0]] });
    const r2 = await makeRound({ projects: [projectIds[1]] });
    refused(await submit(r2.tokens[0], r1.answers), 'eval_answer_unknown');
    // Answering both rounds with one code does not work either.
    refused(await submit(r2.tokens[0], [...r2.answers, ...r1.answers.filter((a) => a.targetKind === 'project')]), 'eval_answer_unknown');
    expect(await spentOf(r2.id)).toEqual({ spent: 0, answers: 0, comments: 0 });
    expect(await spentOf(r1.id)).toEqual({ spent: 0, answers: 0, comments: 0 });
    // The code is still good for its own round.
    expect((await submit(r2.tokens[0], r2.answers)).status).toBe(200);

    // A round not yet open: its printed codes exist but answer nothing.
    const draft = await makeRound({ open: false });
    refused(await openCode(draft.tokens[0]), 'round_not_open');
    refused(await submit(draft.tokens[0], draft.answers), 'round_not_open');
    expect(await spentOf(draft.id)).toEqual({ spent: 0, answers: 0, comments: 0 });

    // After the close.
    expect((await submit(r1.tokens[0], r1.answers)).status).toBe(200);
    expect((await h.admin.post(`${r1.path}/close`, {})).status).toBe(200);
    refused(await openCode(r1.tokens[1]), 'eval_round_closed');
    refused(await submit(r1.tokens[1], r1.answers), 'eval_round_closed');
    expect(await spentOf(r1.id)).toMatchObject({ spent: 1, answers: r1.answers.length });
  });

  it('a code whose audience the round does not take is refused even when validly signed', async () => {
    const r = await makeRound({ audiences: ['residents'] });
    const { payload } = split(r.tokens[0]);
    const token = await t.keys.sign('ms-eval', { ...payload, a: 'representatives' });
    refused(await openCode(token), 'eval_code_invalid');
    refused(await submit(token, r.answers), 'eval_code_invalid');
    expect(await spentOf(r.id)).toEqual({ spent: 0, answers: 0, comments: 0 });
  });

  it('replay after submit is refused eval_code_used, on open and on submit, and stores nothing more', async () => {
    const r = await makeRound();
    expect((await submit(r.tokens[0], r.answers, [{ targetKind: 'project', targetId: projectIds[0], text: '很好' }])).status).toBe(200);
    const after = await spentOf(r.id);
    expect(after).toEqual({ spent: 1, answers: r.answers.length, comments: 1 });
    refused(await openCode(r.tokens[0]), 'eval_code_used');
    refused(await submit(r.tokens[0], r.answers.map((a) => ({ ...a, answer: 'dissatisfied' })), [{ targetKind: 'project', targetId: projectIds[0], text: '再来一次' }]), 'eval_code_used');
    refused(await submit(`  ${r.tokens[0]}\n`, r.answers), 'eval_code_used');
    expect(await spentOf(r.id)).toEqual(after);
  });
});

// ---- delegate-card logins ----

describe('delegate-card logins (ms-login)', () => {
  let cbase: string;
  let cards: { id: string; name: string; url: string }[];
  const login = (token: string) => {
    const c = new Client(t);
    return c.post('/api/auth/card-login', { token }).then((res) => ({ res, client: c }));
  };
  const stored = async () => ({
    sessions: await count('select count(*)::int as n from sessions'),
    accounts: await count('select count(*)::int as n from accounts'),
  });
  const cardToken = (name: string) => tokenOf(cards.find((c) => c.name === name)!.url);

  beforeAll(async () => {
    const made = await congressWithRoles(t, h.admin);
    cbase = `/api/congresses/${made.congress.id}`;
    for (const name of ['甲代表', '乙代表', '丙代表', '丁代表']) expect((await h.admin.post(`${cbase}/representatives`, { name })).status).toBe(201);
    cards = (await h.admin.get(`${cbase}/roster/cards`)).body.cards;
  });

  it('signs in with the card; the card is reusable by design (a printed card, revoked only by reissue or end of term)', async () => {
    const first = await login(cardToken('甲代表'));
    expect(first.res.status, first.res.text).toBe(200);
    const second = await login(cardToken('甲代表'));
    expect(second.res.status).toBe(200);
    expect(second.res.body.account.id).toBe(first.res.body.account.id);
    // Both sessions are live.
    expect((await first.client.get('/api/auth/me')).status).toBe(200);
    expect((await second.client.get('/api/auth/me')).status).toBe(200);
  });

  it('refuses every forgery with card_invalid and opens no session', async () => {
    const before = await stored();
    const forged = await forgeries(cardToken('乙代表'), cardToken('丙代表'));
    for (const [what, token] of Object.entries(forged)) {
      const { res } = await login(token);
      refused(res, 'card_invalid', what);
      expect(res.headers.get('set-cookie') ?? '', what).not.toMatch(/ms_session=[^;]+/);
    }
    expect(await stored()).toEqual(before);
  });

  it('checks the typ: a login payload signed by the real key under another typ, and the other kinds of token, are refused', async () => {
    const before = await stored();
    const { payload } = split(cardToken('乙代表'));
    for (const typ of ['ms-ballot', 'ms-eval', 'ms-challenge', 'JWT', 'MS-LOGIN', undefined]) {
      const token = await realSign((kid) => ({ alg: 'EdDSA', kid, ...(typ ? { typ } : {}) }), payload);
      refused((await login(token)).res, 'card_invalid', `typ ${typ}`);
    }
    const ballot = (await makeVote(h)).tokens[0];
    const code = (await makeRound()).tokens[0];
    const challenge = (await new Client(t).get('/api/public/challenge')).body.token;
    for (const [what, token] of Object.entries({ ballot, code, challenge })) refused((await login(token)).res, 'card_invalid', what);
    expect(await stored()).toEqual(before);
    // And the login card is no ballot card and no evaluation code either.
    refused(await open(cardToken('乙代表')), 'card_signature');
    refused(await cast(cardToken('乙代表'), {}), 'card_signature');
    refused(await openCode(cardToken('乙代表')), 'eval_code_invalid');
  });

  it('a reissued card: the old QR is refused and the sessions it opened are signed out', async () => {
    const old = cardToken('丙代表');
    const { client } = await login(old);
    expect((await client.get('/api/auth/me')).status).toBe(200);
    const id = cards.find((c) => c.name === '丙代表')!.id;
    expect((await h.admin.post(`${cbase}/representatives/${id}/reissue-card`)).status).toBe(200);
    expect((await client.get('/api/auth/me')).status).toBe(401);
    const before = await stored();
    refused((await login(old)).res, 'card_invalid');
    expect(await stored()).toEqual(before);
    const fresh = (await h.admin.get(`${cbase}/roster/cards?ids=${id}`)).body.cards[0].url.split('#')[1];
    expect((await login(fresh)).res.status).toBe(200);
  });

  it('a representative whose term ended (removed from the seated roster): card refused, sessions signed out, no check-in', async () => {
    const token = cardToken('丁代表');
    const { client } = await login(token);
    expect((await client.get('/api/auth/me')).status).toBe(200);
    const id = cards.find((c) => c.name === '丁代表')!.id;
    expect((await h.admin.post(`${cbase}/representatives/${id}/end-term`, { endedOn: '2026-11-20', reason: '调离' })).status).toBe(200);
    expect((await client.get('/api/auth/me')).status).toBe(401);
    const before = await stored();
    refused((await login(token)).res, 'card_invalid');
    // A card signed now for their current version is refused too: the roster status is checked, not only the version.
    const [rep] = await t.database.query<{ card_version: number }>('select card_version from representatives where id = $1', [id]);
    refused((await login(await t.keys.sign('ms-login', { r: id, n: rep.card_version }))).res, 'card_invalid');
    expect(await stored()).toEqual(before);
    // Nor can the card check them in at a session of their congress.
    const sessionId = (await h.admin.post(`${cbase}/sessions`, { name: '会议', date: '2027-01-10' })).body.id;
    refused(await h.admin.post(`${cbase}/sessions/${sessionId}/check-in`, { token }), 'card_invalid');
    // The roster has no delete: ending the term is how a representative leaves, and the card list leaves them out.
    expect((await h.admin.get(`${cbase}/roster/cards`)).body.cards.some((c: { id: string }) => c.id === id)).toBe(false);
  });
});
