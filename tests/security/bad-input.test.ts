/**
 * A bad-input sweep over EVERY route of the app (issue 9, items 3 and 8): the route list comes from the app itself
 * (`app.routes`), so a new route cannot escape it. Each route gets malformed path parameters, query strings and bodies
 * (wrong types, missing fields, huge strings, deep nesting, wrong content types, invalid UTF-8, NUL characters, lone
 * UTF-16 surrogates, prototype-pollution keys, oversized bodies) and the upload routes get hostile files. Every answer
 * must be a 4xx with the JSON error shape and a message in the caller's language — never a 5xx — and the database
 * must be unchanged afterwards, except for the tables listed in MAY_CHANGE.
 *
 * Runs as a signed-in system administrator (so the input itself is what gets checked, not the session) and signed
 * out for the public routes.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { routeKey } from '../../shared/contract.ts';
import { CONTRACTS } from '../../shared/contracts.ts';
import { contractAt } from '../../server/lib/contract.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, congressWithRoles, setupAdmin, useTestApp } from '../helpers/app.ts';

const t = useTestApp();

// ---- the route inventory -------------------------------------------------------------------------------------------

type Route = { method: string; path: string; key: string; params: string[] };
type Schema = Record<string, any>;
type Op = { requestBody?: { content?: Record<string, { schema?: Schema }> }; parameters?: { in: string; name: string; schema?: Schema }[] };
type Spec = { paths: Record<string, Record<string, Op>>; components?: { schemas?: Record<string, Schema> } };

/** What each route takes, from its contract (shared/<stage>/contract.ts). */
const CONTRACT_OF = new Map(CONTRACTS.map((c) => [routeKey(c), c]));
/** Write routes that read no body at all (the action is named by the address). */
const NO_BODY = new Set(CONTRACTS.filter((c) => c.method !== 'GET' && !c.body && !c.bodyKind).map(routeKey));
/** Write routes whose body is not (only) JSON, each swept by its own hostile cases below. */
/** A multipart route that takes a JSON file (the county's filing of a session package) is a `package`, not evidence. */
const RAW: Record<string, 'csv' | 'proposal' | 'file' | 'package'> = Object.fromEntries(
  CONTRACTS.flatMap((c): [string, 'csv' | 'proposal' | 'file' | 'package'][] =>
    c.bodyKind === 'raw' ? [[routeKey(c), 'csv']] : c.bodyKind === 'json-or-multipart' ? [[routeKey(c), 'proposal']] : c.bodyKind === 'multipart' ? [[routeKey(c), c.accepts?.includes('application/json') ? 'package' : 'file']] : [],
  ),
);
const isPublic = (r: Route) => r.path.startsWith('/.well-known/') || CONTRACT_OF.get(r.key)?.permission === 'public';
/**
 * Routes that may answer 2xx to junk, with the reason. Nothing else may.
 * - logout: signing out answers 200 whatever is sent (and is only called signed out here, so no session ends).
 * - audit/verify: takes no input; it reads the chain and reports.
 */
const ACCEPTS_JUNK = new Set(['POST /api/auth/logout', 'POST /api/audit/verify']);
/**
 * Tables that may change while nothing is accepted, each with its reason; every other table must be byte-identical.
 * - rate_limits: refused sign-ins and public submissions/look-ups are counted per username and address.
 * - sessions: the admin's session row has `last_seen_at` touched; its COUNT must not change.
 */
const MAY_CHANGE: Record<string, 'count' | 'rows'> = { rate_limits: 'rows', sessions: 'count' };

const KB = 1024;
const MB = 1024 * KB;
const toSpecPath = (p: string) => p.replace(/:(\w+)/g, '{$1}');

function inventory(): Route[] {
  const seen = new Map<string, Route>();
  for (const r of t.app.routes) {
    if (r.method === 'ALL') continue; // middleware and the catch-all 404s
    if (!r.path.startsWith('/api/') && !r.path.startsWith('/.well-known/')) continue; // the web app's static files
    const key = `${r.method} ${r.path}`;
    if (!seen.has(key)) seen.set(key, { method: r.method, path: r.path, key, params: [...r.path.matchAll(/:(\w+)/g)].map((m) => m[1]) });
  }
  return [...seen.values()];
}

// ---- requests ------------------------------------------------------------------------------------------------------

type Res = { status: number; body: any; text: string; type: string; lang: string };
type Who = Client | null;
const stats = { requests: 0, admin: 0, anon: 0, byPhase: {} as Record<string, number>, nestedSurrogates: 0 };
const hit = new Map<string, number>(); // route key → requests that reached it
let turn = 0;

/** One raw request: full control over the body bytes and headers, with the caller's cookie and CSRF token. */
async function send(who: Who, method: string, url: string, body?: BodyInit | Uint8Array, headers: Record<string, string> = {}, lang = turn++ % 2 ? 'en' : 'zh-CN') {
  const h: Record<string, string> = { 'accept-language': lang, 'x-forwarded-for': who?.ip ?? anonIp() };
  // As over HTTP: a form is sent as bytes with its boundary, and every body but a stream declares its length.
  if (body instanceof FormData) {
    const req = new Request('http://localhost/', { method: 'POST', body });
    h['content-type'] = req.headers.get('content-type')!;
    body = new Uint8Array(await req.arrayBuffer());
  }
  if (typeof body === 'string') body = new TextEncoder().encode(body);
  if (body instanceof Uint8Array) h['content-length'] = String(body.length);
  Object.assign(h, headers);
  if (who?.cookie) h.cookie = who.cookie;
  if (who?.csrf && method !== 'GET') h['x-csrf-token'] = who.csrf;
  const init: RequestInit & { duplex?: 'half' } = { method, headers: h };
  if (body !== undefined) init.body = body as BodyInit;
  if (body instanceof ReadableStream) init.duplex = 'half';
  const res = await t.app.request(url, init);
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  let parsed: any = text;
  if (type.includes('json')) parsed = JSON.parse(text);
  if (res.status >= 400) checkAgainstDocument(method, url, res.status, parsed);
  stats.requests++;
  if (who) stats.admin++;
  else stats.anon++;
  return { status: res.status, body: parsed, text, type, lang };
}
/**
 * Every refusal against the served API document: its status must be one the operation lists, and its body must
 * validate against the schema the document gives for it (the real error shape, shared by every route).
 */
const documentProblems = new Map<string, string>();
const refusalsChecked = new Set<string>();
let validators: Map<string, ValidateFunction> | null = null;
function checkAgainstDocument(method: string, url: string, status: number, body: unknown) {
  const path = url.split('?')[0];
  let contract;
  try {
    contract = contractAt(method, decodeURI(path));
  } catch {
    contract = contractAt(method, path);
  }
  if (!contract) return; // no route here (a traversal, the well-known keys)
  const key = routeKey(contract);
  refusalsChecked.add(key);
  const op = spec.paths[`/api${contract.path.replace(/:(\w+)/g, '{$1}')}`]?.[method.toLowerCase()] as { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> } | undefined;
  const response = op?.responses?.[String(status)] ?? op?.responses?.[`${String(status)[0]}XX`];
  if (!response) {
    documentProblems.set(`${key} ${status}`, `${key}: answered ${status} (${(body as { error?: { code?: string } })?.error?.code}), which the document does not list`);
    return;
  }
  const schema = response.content?.['application/json']?.schema;
  if (!schema) {
    documentProblems.set(`${key} ${status} schema`, `${key}: ${status} has no JSON schema in the document`);
    return;
  }
  validators ??= new Map();
  const id = JSON.stringify(schema);
  let validate = validators.get(id);
  if (!validate) {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema({ $id: 'doc', components: spec.components ?? {} });
    validate = ajv.compile(JSON.parse(id.replaceAll('"#/components/', '"doc#/components/')));
    validators.set(id, validate);
  }
  if (!validate(body)) documentProblems.set(`${key} ${status} body`, `${key}: the ${status} body does not match the document: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
}

let anonN = 0;
const anonIp = () => `203.0.${(anonN >> 8) & 255}.${anonN++ & 255}`; // a new address each time: no rate limit is the answer

/** The JSON error shape, a 4xx, and a message in the language asked for. */
function expectRefused(res: Res, what: string) {
  const show = `${what} → ${res.status} ${res.text.slice(0, 300)}`;
  expect(res.status, show).toBeGreaterThanOrEqual(400);
  expect(res.status, show).toBeLessThan(500);
  expectErrorBody(res, show);
}
function expectErrorBody(res: Res, show: string) {
  expect(res.type, show).toMatch(/^application\/json/);
  expect(res.body?.error?.code, show).toEqual(expect.any(String));
  expect(res.body.error.message, show).toEqual(expect.any(String));
  // A person can act on it in their language: Chinese text for zh-CN, a Latin sentence (no Chinese of ours) for en.
  if (res.lang === 'en') expect(res.body.error.message.replace(/“[^”]*”/g, ''), show).toMatch(/^[^\u4e00-\u9fff]*[A-Za-z][^\u4e00-\u9fff]*$/);
  else expect(res.body.error.message, show).toMatch(/[\u4e00-\u9fff]/);
  // Field details (an array) each carry a message; an import report (an object of rows) is shown by the page.
  for (const d of Array.isArray(res.body.error.details) ? res.body.error.details : []) {
    if (typeof d !== 'object' || !d || !('message' in d)) continue;
    expect(d.message, show).toEqual(expect.any(String));
    expect(d.message.length, show).toBeGreaterThan(0);
  }
}

// ---- generated values ----------------------------------------------------------------------------------------------

const SEED = 20_240_509;
const LONG = 'x'.repeat(100_000);
const NUL = 'a\u0000b';
/** Lone UTF-16 surrogates: JSON carries them as escapes ("\ud800"); jsonb refuses them (a 500), text mangles them. */
const SURROGATES: [string, string][] = [
  ['a lone high surrogate', 'a\ud800b'],
  ['a lone low surrogate', '\udc00'],
  ['a pair the wrong way round', '有效\udc00\ud800'],
  ['a high surrogate at the end', `正常文字\udbff`],
];
/** Malformed path parameters (already URL-encoded where needed: the raw text goes into the address). */
const BAD_PARAMS = [
  'x',
  '-1',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  encodeURIComponent("1' OR '1'='1"),
  '%E4%B8', // a truncated UTF-8 sequence
  '%zz', // not a percent-escape
  '%', // a lone percent
  '%C0%AF', // an overlong '/'
  '%00',
  encodeURIComponent('中文'),
  encodeURIComponent('{00000000-0000-0000-0000-000000000000}'),
  `${crypto.randomUUID()}%00`,
  'a'.repeat(10_000),
  '00000000-0000-0000-0000-000000000000', // a valid but unknown ID
];
/** Junk for every documented query parameter (and a few undocumented ones). */
const BAD_QUERY = ['bogus', '-1', '1e309', 'NaN', '2025-13-45', '__proto__', '%E4%B8', '%zz', '%', '%00', 'a%00b', encodeURIComponent("' OR 1=1 --"), 'x'.repeat(10_000)];
/** The query values that could reach the database if a validator let them through: tried on each parameter alone. */
const DEEP_QUERY = ['%00', 'a%00b', '%E4%B8', encodeURIComponent("' OR 1=1 --"), 'x'.repeat(10_000)];
/** Whole bodies that are not the JSON object any route expects. */
const BAD_BODIES: [string, string | Uint8Array][] = [
  ['truncated JSON', '{"name": "张'],
  ['not JSON', 'hello'],
  ['empty', ''],
  ['array', '[]'],
  ['null', 'null'],
  ['string', '"text"'],
  ['number', '42'],
  ['boolean', 'true'],
  ['deep arrays', '['.repeat(100_000) + ']'.repeat(100_000)],
  ['deep objects', '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000)],
  ['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])], // {"\xff\xfe":1}
  ['only invalid bytes', new Uint8Array([0xc0, 0xaf, 0xff, 0x00, 0x80])],
];
const POLLUTION = '{"__proto__": {"systemAdmin": true, "role": "admin"}, "constructor": {"prototype": {"polluted": 1}}}';
/** Wrong values for one field: each is sent as `{ field: value }`, so it is refused (by type, or by what is missing). */
const WRONG: unknown[] = [123, -1, 1.5, true, null, [], {}, LONG, NUL, [[[[[[[[[[[]]]]]]]]]]], { __proto__: { x: 1 } }];

function resolve(spec: Spec, s: Schema | undefined): Schema | undefined {
  for (let i = 0; s?.$ref && i < 20; i++) s = spec.components?.schemas?.[String(s.$ref).split('/').pop()!];
  return s;
}
const isFreeText = (s: Schema) => s.type === 'string' && !s.enum && s.const === undefined && !s.format && !s.pattern;

/**
 * A near-valid body from a request schema: every field present with a value of its documented shape. `text(i)` gives
 * the value of the i-th free-text field (so one or all of them can be made hostile); returns the body, the count and
 * each free-text field's path (as a refusal's details name it: `comments.0.text`).
 */
function sampleBody(spec: Spec, root: Schema, text: (i: number) => string) {
  let n = 0;
  const paths: string[] = [];
  const go = (raw: Schema | undefined, depth: number, path: string[] = []): unknown => {
    const s = resolve(spec, raw);
    if (!s || depth > 12) return null;
    if (s.anyOf || s.oneOf) return go((s.anyOf ?? s.oneOf)[0], depth + 1, path);
    if (s.allOf) return Object.assign({}, ...s.allOf.map((x: Schema) => go(x, depth + 1, path)));
    if (s.const !== undefined) return s.const;
    if (s.enum) return s.enum[0];
    const type = ([] as string[]).concat(s.type ?? 'object')[0];
    switch (type) {
      case 'string': {
        if (s.format === 'uuid') return crypto.randomUUID();
        if (s.format === 'date') return '2030-06-01';
        if (s.format === 'date-time') return '2030-06-01T08:00:00.000Z';
        if (s.pattern) {
          const re = new RegExp(s.pattern);
          const min = s.minLength ?? 0;
          return ['abcdefghij_1', 'p1', '0'.repeat(64), 'ABCD2345', '13800000001', '1', 'a'].find((c) => re.test(c) && c.length >= min) ?? 'a'.repeat(Math.max(1, min));
        }
        if (isFreeText(s)) {
          paths.push(path.join('.'));
          return text(n++);
        }
        return 'x'.repeat(Math.max(1, s.minLength ?? 1));
      }
      case 'integer':
      case 'number': {
        const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
        return s.maximum !== undefined ? Math.min(Math.max(min, 1), s.maximum) : Math.max(min, 1);
      }
      case 'boolean':
        return true;
      case 'array':
        return Array.from({ length: Math.max(1, s.minItems ?? 1) }, (_, i) => go(s.items, depth + 1, [...path, String(i)]));
      case 'null':
        return null;
      default: {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries<Schema>(s.properties ?? {})) out[k] = go(v, depth + 1, [...path, k]);
        return out;
      }
    }
  };
  const body = go(root, 0);
  return { body, count: n, paths };
}

/** Every string in a request schema has a bound (length, choice, format or a bounded pattern), and every array too. */
function unbounded(spec: Spec, root: Schema | undefined, where: string): string[] {
  const out: string[] = [];
  const go = (raw: Schema | undefined, path: string, depth: number) => {
    const s = resolve(spec, raw);
    if (!s || depth > 20) return;
    for (const k of ['anyOf', 'oneOf', 'allOf']) for (const x of s[k] ?? []) go(x, path, depth + 1);
    const types = ([] as string[]).concat(s.type ?? []);
    const boundedPattern = typeof s.pattern === 'string' && !/[*+]|\{\d+,\}/.test(s.pattern.replace(/\\./g, ''));
    // Money fields (`Wan`) are string|number, bounded by a regex after a transform that JSON Schema cannot show.
    const money = /Investment$/.test(path) && types.includes('number');
    if (types.includes('string') && s.maxLength === undefined && !s.enum && s.const === undefined && !s.format && !boundedPattern && !money)
      out.push(`${where} ${path}: a string without a maximum length`);
    if (types.includes('array')) {
      if (s.maxItems === undefined) out.push(`${where} ${path}: an array without a maximum size`);
      go(s.items, `${path}[]`, depth + 1);
    }
    for (const [k, v] of Object.entries<Schema>(s.properties ?? {})) go(v, `${path}.${k}`, depth + 1);
    if (s.additionalProperties && typeof s.additionalProperties === 'object') go(s.additionalProperties, `${path}{}`, depth + 1);
    if (s.propertyNames) go(s.propertyNames, `${path}{key}`, depth + 1);
  };
  go(root, '', 0);
  return out;
}

// ---- files ---------------------------------------------------------------------------------------------------------

const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (ch) => ch.charCodeAt(0));
const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00, ...new TextEncoder().encode('This program cannot be run in DOS mode.')]);
const TEXT = new TextEncoder().encode('<script>alert(1)</script> not a photo');
/** JPEG magic and then filler: a "photo" that is too large. */
const jpegOf = (size: number) => {
  const b = new Uint8Array(size);
  b.set([0xff, 0xd8, 0xff, 0xe0]);
  return b;
};
const fileOf = (bytes: Uint8Array, name: string, type = 'image/jpeg') => new File([bytes as Uint8Array<ArrayBuffer>], name, { type });
function form(fields: Record<string, string | File | File[]>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of ([] as (string | File)[]).concat(v)) f.append(k, x);
  return f;
}
/** A body of `size` bytes that arrives as a stream (no declared length), so the limit is enforced while reading. */
function stream(size: number, chunk = 64 * KB) {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(ctrl) {
      if (sent >= size) return ctrl.close();
      const n = Math.min(chunk, size - sent);
      const b = new Uint8Array(n).fill(0x61);
      if (sent === 0) b.set(new TextEncoder().encode('{"x":"'));
      sent += n;
      ctrl.enqueue(b);
    },
  });
}

// ---- the world the sweep runs against ------------------------------------------------------------------------------

let admin: Client;
let spec: Spec;
let routes: Route[];
/** Real IDs, so requests get past "not found" and into the input checks where the handler reads its body. */
const real: Record<string, string> = {};
const proposalData = { title: '河东村道路硬化', description: '道路坑洼，雨天积水', category: 'transport', location: '河东村', beneficiaries: '' };

async function snapshot() {
  const tables = await t.database.query<{ tablename: string }>(`select tablename from pg_tables where schemaname = 'public' order by tablename`);
  const out: Record<string, { n: number; h: string }> = {};
  for (const { tablename } of tables) {
    const [row] = await t.database.query<{ n: number; h: string | null }>(
      `select count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from "${tablename}" x`,
    );
    out[tablename] = { n: row.n, h: row.h ?? '' };
  }
  return out;
}
function expectUnchanged(before: Awaited<ReturnType<typeof snapshot>>, after: Awaited<ReturnType<typeof snapshot>>) {
  expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
  expect(Object.keys(before).length).toBeGreaterThan(20);
  for (const [table, was] of Object.entries(before)) {
    const now = after[table];
    const may = MAY_CHANGE[table];
    if (may === 'rows') continue;
    if (may === 'count') expect(now.n, `${table}: rows added or removed`).toBe(was.n);
    else expect(now, `${table}: written by a refused request`).toEqual(was);
  }
}

beforeAll(async () => {
  admin = await setupAdmin(t);
  const { congress, department } = await congressWithRoles(t, admin);
  const base = `/api/congresses/${congress.id}`;
  const year = new Date().getFullYear();
  real.congressId = congress.id;
  real.departmentId = department.id;
  real.representativeId = (await admin.post(`${base}/representatives`, { name: '张伟', phone: '13800000001' })).body.id;
  const project = await admin.post(`${base}/projects`, {
    year,
    title: '河东村道路硬化',
    leadDepartmentId: department.id,
    plannedInvestment: '120.50',
    fundingSource: '县级财政',
    plannedCompletion: `${year + 1}-06-30`,
  });
  real.projectId = project.body.id;
  const ms = await admin.post(`${base}/projects/${real.projectId}/milestones`, { name: '开工', plannedDate: `${year + 1}-01-15`, weight: 10 });
  real.milestoneId = ms.body.milestoneList[0].id;
  const today = new Date().toISOString().slice(0, 10);
  const insp = await admin.post(`${base}/inspections`, { projectId: real.projectId, date: today, title: '年中视察' });
  real.inspectionId = insp.body.id;
  const win = await admin.post(`${base}/collection-windows`, { year, opensOn: `${year}-01-01`, closesOn: `${year}-12-31` });
  real.windowId = win.body.id;
  // The year-round loop: a station and an item to aim at, so the sweep reaches past the lookups into the bodies.
  real.stationId = (await admin.post(`${base}/stations`, { name: '城关联络站', kind: 'central' })).body.id;
  real.itemId = (await admin.post(`${base}/items`, { source: 'staff', category: 'urban', title: '路灯不亮', content: '城关路口的路灯坏了一周。' })).body.id;
  // County and city: a county over this congress, so that the filing of a session package reaches past its lookups.
  real.countyId = (await admin.post('/api/congresses', { name: '城关县第十八届人民代表大会', level: 'county', term: 18 })).body.id;
  expect((await admin.put(`${base}/parent`, { parentId: real.countyId })).status).toBe(200);
  for (const [k, v] of Object.entries(real)) expect(v, k).toMatch(/^[0-9a-f-]{36}$/);
  // Path parts that are not ids.
  real.year = String(year);
  real.channel = 'wecom'; // a notify robot (the robots route)
  real.kind = 'item_answered'; // a notify message kind (the templates route)
  spec = (await admin.get('/api/openapi.json')).body as Spec;
  routes = inventory();
});

/** The address with every parameter filled: a real ID where there is one, else a random (unknown) UUID. */
function fill(r: Route, over: Record<string, string> = {}, useReal = true) {
  return r.path.replace(/:(\w+)/g, (_, name: string) => over[name] ?? (useReal ? real[name] : undefined) ?? (name === 'code' ? 'ABCD2345' : crypto.randomUUID()));
}
const opOf = (r: Route) => spec.paths[toSpecPath(r.path)]?.[r.method.toLowerCase()];
const jsonSchemaOf = (r: Route) => opOf(r)?.requestBody?.content?.['application/json']?.schema;
const isWrite = (r: Route) => r.method === 'POST' || r.method === 'PUT' || r.method === 'PATCH';
const count = (phase: string, r: Route) => {
  stats.byPhase[phase] = (stats.byPhase[phase] ?? 0) + 1;
  hit.set(r.key, (hit.get(r.key) ?? 0) + 1);
};

describe('the route inventory', () => {
  it('comes from the app, is large, and every write route is accounted for', () => {
    expect(routes.length, 'routes found in app.routes').toBeGreaterThan(150);
    const problems: string[] = [];
    for (const r of routes) {
      const json = jsonSchemaOf(r);
      if (isWrite(r) && !json && !NO_BODY.has(r.key) && !RAW[r.key])
        problems.push(`${r.key}: takes a body but has no JSON request schema (v('json', …)) — validate it, or list it in NO_BODY/RAW`);
      if (json && (NO_BODY.has(r.key) || (RAW[r.key] && RAW[r.key] !== 'proposal'))) problems.push(`${r.key}: has a JSON schema but is listed as taking none`);
      if (!isWrite(r) && json) problems.push(`${r.key}: a ${r.method} with a body schema`);
      if (r.path.startsWith('/api/') && !['/api/health', '/api/openapi.json', '/api/docs'].includes(r.path) && !opOf(r)) problems.push(`${r.key}: missing from /api/openapi.json`);
    }
    // The lists above name only routes that exist, so they cannot go stale silently.
    const keys = new Set(routes.map((r) => r.key));
    for (const k of ACCEPTS_JUNK) if (!keys.has(k)) problems.push(`${k}: listed here but no longer a route`);
    // The sweep's hostile files are written for these kinds of body: a new kind needs its own cases.
    expect(Object.values(RAW).sort()).toEqual(['csv', 'csv', 'csv', 'csv', 'csv', 'file', 'file', 'package', 'proposal', 'proposal', 'proposal', 'proposal', 'proposal', 'proposal']);
    expect(problems).toEqual([]);
  });

  it('bounds every string and array a request may carry', () => {
    const problems: string[] = [];
    for (const r of routes) {
      const op = opOf(r);
      problems.push(...unbounded(spec, jsonSchemaOf(r), r.key));
      for (const p of op?.parameters ?? []) problems.push(...unbounded(spec, p.schema, `${r.key} ${p.in}:${p.name}`));
    }
    expect(problems).toEqual([]);
  });
});

describe('a signed-in administrator sending malformed input to every route', () => {
  let before: Awaited<ReturnType<typeof snapshot>>;
  beforeAll(async () => {
    before = await snapshot();
  });

  it('gets a 4xx JSON error for malformed path parameters', async () => {
    const values = [...BAD_PARAMS, ...fc.sample(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), { seed: SEED, numRuns: 4 }).map(encodeURIComponent)];
    // Each position in turn, the others real: a parameter that a route reads without validating cannot hide behind
    // its neighbours. The route's own (last) parameter gets every value; the parent IDs before it, shared by many
    // routes, get one of each kind.
    const few = ['x', '%00', '%E4%B8', 'a'.repeat(10_000), '00000000-0000-0000-0000-000000000000'];
    for (const r of routes.filter((x) => x.params.length)) {
      for (const name of r.params) {
        for (const bad of name === r.params.at(-1) ? values : few) {
          const url = fill(r, { [name]: bad });
          const body = r.method === 'GET' || r.method === 'DELETE' ? undefined : RAW[r.key] === 'csv' ? 'a,b\n' : '{}';
          const type: Record<string, string> = body === undefined ? {} : { 'content-type': RAW[r.key] === 'csv' ? 'text/csv' : 'application/json' };
          expectRefused(await send(admin, r.method, url, body, type), `${r.method} ${url.slice(0, 200)}`);
          count('params', r);
        }
      }
    }
    // Traversal that the URL parser resolves before routing: it lands on no route.
    for (const url of ['/api/congresses/x/../../../../etc/passwd', '/api/public/files/../../../etc/passwd', '/.well-known/../etc/passwd'])
      expectRefused(await send(admin, 'GET', url), url);
  });

  it('gets a 4xx JSON error for malformed JSON bodies, wrong content types and oversized bodies', async () => {
    const over1MB = `{"x":"${'a'.repeat(MB)}"}`;
    for (const r of routes.filter((x) => isWrite(x) && !RAW[x.key])) {
      // Unknown IDs: a body that happens to pass (all fields optional) then meets "not found", never a write.
      const url = fill(r, {}, false);
      const schema = jsonSchemaOf(r);
      const expectNo = async (what: string, body: BodyInit | Uint8Array | undefined, headers: Record<string, string>) => {
        const res = await send(admin, r.method, url, body, headers);
        count('bodies', r);
        expectRefused(res, `${r.method} ${url} with ${what}`);
        return res;
      };
      // Stopped before any handler runs, so every write route gets these, even those that read no body.
      expect((await expectNo('text/plain', '{"a":1}', { 'content-type': 'text/plain' })).body.error.code).toBe('unsupported_media');
      await expectNo('form-urlencoded', 'a=1&b=2', { 'content-type': 'application/x-www-form-urlencoded' });
      await expectNo('multipart where JSON is expected', form({ data: '{}', file: fileOf(PNG, 'a.png') }), {});
      await expectNo('a body with no content type', '{"a":1}', { 'content-type': '' });
      await expectNo('over 1 MB (declared)', over1MB, { 'content-type': 'application/json', 'content-length': String(over1MB.length) });
      expect((await expectNo('over 1 MB (streamed)', stream(MB + 10 * KB), { 'content-type': 'application/json' })).body.error.code).toBe('body_too_large');
      if (!schema) continue;
      const required = (resolve(spec, schema)?.required ?? []) as string[];
      const anyOf = !!resolve(spec, schema)?.anyOf;
      const cases: [string, string | Uint8Array][] = [...BAD_BODIES];
      if (required.length || anyOf) cases.push(['empty object', '{}'], ['prototype pollution', POLLUTION]);
      else if (!r.params.length) throw new Error(`${r.key}: an all-optional body on a route without an ID could be accepted; give it a case of its own`);
      else cases.push(['prototype pollution on unknown IDs', POLLUTION]);
      for (const [what, raw] of cases) await expectNo(what, raw, { 'content-type': 'application/json' });
      // One field at a time with a value of the wrong type, far too long, or with a NUL character.
      const props = Object.keys(resolve(spec, schema)?.properties ?? {}).concat(...((resolve(spec, schema)?.anyOf ?? []) as Schema[]).map((b) => Object.keys(b.properties ?? {})));
      for (const prop of new Set(props)) {
        for (const wrong of WRONG) {
          const raw = `{${JSON.stringify(prop)}: ${JSON.stringify(wrong)}}`;
          await expectNo(`${prop}=${raw.slice(0, 40)}`, raw, { 'content-type': 'application/json' });
        }
      }
    }
    expect(Object.prototype).not.toHaveProperty('systemAdmin');
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('gets a 4xx JSON error for a near-valid body with one hostile field, on real IDs', async () => {
    // A body of the documented shape reaches the handlers (and the database) unless a field is refused: every free-text
    // field in turn far too long, then every one with a NUL (PostgreSQL cannot store it) or invalid characters.
    for (const r of routes.filter((x) => jsonSchemaOf(x))) {
      const schema = jsonSchemaOf(r)!;
      const url = fill(r);
      const { count: n } = sampleBody(spec, schema, () => 'x');
      for (let i = 0; i < n; i++) {
        const { body } = sampleBody(spec, schema, (j) => (j === i ? LONG : `有效文字${j}`));
        const res = await send(admin, r.method, url, JSON.stringify(body), { 'content-type': 'application/json' });
        count('near-valid', r);
        expectRefused(res, `${r.method} ${url} with free-text field #${i} of 100k chars: ${JSON.stringify(body).slice(0, 120)}`);
      }
      if (n === 0) continue;
      for (const [what, value] of [['NUL', NUL], ['only NUL', '\u0000'], ['NUL at the end', `正常文字\u0000`]] as const) {
        const { body } = sampleBody(spec, schema, () => value);
        const res = await send(admin, r.method, url, JSON.stringify(body), { 'content-type': 'application/json' });
        count('near-valid', r);
        expectRefused(res, `${r.method} ${url} with ${what} in every free-text field: ${JSON.stringify(body).slice(0, 160)}`);
      }
      // Lone UTF-16 surrogates (JSON escapes them; PostgreSQL can store none): in every free-text field at once, then in
      // each field alone (nested ones too: `comments.0.text`), which the refusal must name.
      for (const [what, value] of SURROGATES) {
        const { body } = sampleBody(spec, schema, () => value);
        const res = await send(admin, r.method, url, JSON.stringify(body), { 'content-type': 'application/json' });
        count('near-valid', r);
        expectRefused(res, `${r.method} ${url} with ${what} in every free-text field: ${JSON.stringify(body).slice(0, 160)}`);
        expect(res.body.error.code, `${r.key} with ${what}`).toBe('validation');
      }
      const { paths } = sampleBody(spec, schema, () => 'x');
      for (let i = 0; i < n; i++) {
        const { body } = sampleBody(spec, schema, (j) => (j === i ? '河\ud800东' : `有效文字${j}`));
        const res = await send(admin, r.method, url, JSON.stringify(body), { 'content-type': 'application/json' });
        count('near-valid', r);
        const show = `${r.method} ${url} with a lone surrogate in ${paths[i]}: ${res.status} ${res.text.slice(0, 300)}`;
        expectRefused(res, show);
        expect(res.body.error.code, show).toBe('validation');
        expect(res.body.error.details, show).toEqual([{ path: paths[i], code: 'lone_surrogate', message: expect.stringMatching(res.lang === 'en' ? /lone UTF-16 surrogate/ : /代理字符/) }]);
        if (paths[i].includes('.')) stats.nestedSurrogates = (stats.nestedSurrogates ?? 0) + 1;
      }
      // Invalid UTF-8 inside a string of an otherwise near-valid body.
      const { body } = sampleBody(spec, schema, () => '\u{E000}');
      const bytes = new TextEncoder().encode(JSON.stringify(body));
      bytes[bytes.indexOf(0xee) + 2] = 0xff; // U+E000 is EE 80 80: EE 80 FF is no UTF-8
      const res = await send(admin, r.method, url, bytes, { 'content-type': 'application/json' });
      count('near-valid', r);
      expectRefused(res, `${r.method} ${url} with invalid UTF-8 in a string`);
    }
  });

  it('gets a 4xx JSON error for random JSON in every field (fast-check, fixed seed)', async () => {
    const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.string({ unit: 'binary', maxLength: 30 }), fc.constant(LONG), fc.constant(NUL));
    let k = 0;
    for (const r of routes.filter((x) => jsonSchemaOf(x) && !ACCEPTS_JUNK.has(x.key))) {
      const s = resolve(spec, jsonSchemaOf(r))!;
      const props = Object.keys(s.properties ?? {}).concat(...((s.anyOf ?? []) as Schema[]).map((b) => Object.keys(b.properties ?? {})));
      const keys = fc.constantFrom(...new Set([...props, '__proto__', 'constructor', 'prototype', 'x']));
      const bodies = fc.sample(fc.dictionary(keys, value, { minKeys: 1, maxKeys: 6 }), { seed: SEED + k++, numRuns: 6 });
      const url = fill(r, {}, false);
      for (const b of bodies) {
        const raw = JSON.stringify(b);
        const res = await send(admin, r.method, url, raw, { 'content-type': 'application/json' });
        count('fast-check', r);
        expectRefused(res, `${r.method} ${url} with ${raw.slice(0, 200)}`);
      }
    }
  });

  it('gets a 4xx JSON error for hostile evidence files', async () => {
    for (const r of routes.filter((x) => RAW[x.key] === 'file')) {
      const url = fill(r);
      const cases: [string, BodyInit, Record<string, string>, string?][] = [
        ['a path-traversal name on an .exe', form({ file: fileOf(EXE, '../../x.jpg') }), {}, 'attachment_type'],
        ['an .exe named photo.jpg', form({ file: fileOf(EXE, 'photo.jpg') }), {}, 'attachment_type'],
        ['text named photo.jpg', form({ file: fileOf(TEXT, 'photo.jpg') }), {}, 'attachment_type'],
        ['an empty file', form({ file: fileOf(new Uint8Array(0), 'photo.jpg') }), {}, 'attachment_empty'],
        ['a photo over 5 MB', form({ file: fileOf(jpegOf(5 * MB + 1), 'big.jpg') }), {}, 'attachment_too_large'],
        ['a body over the upload limit (streamed)', stream(6 * MB + KB), { 'content-type': 'multipart/form-data; boundary=x' }, 'body_too_large'],
        ['a body over the upload limit (declared)', 'x', { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(7 * MB) }, 'body_too_large'],
        ['JSON where a file is expected', '{"file":"x"}', { 'content-type': 'application/json' }, 'unsupported_media'],
        ['text/plain', 'x', { 'content-type': 'text/plain' }, 'unsupported_media'],
        ['no body', '', {}, 'unsupported_media'],
        ['multipart without a file', form({ caption: 'x' }), {}],
        ['the file as a text field', form({ file: 'not a file' }), {}],
        ['multipart without a boundary', '--x\r\n\r\n', { 'content-type': 'multipart/form-data' }],
        ['a truncated multipart body', '--x\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n\x89PNG', { 'content-type': 'multipart/form-data; boundary=x' }],
        ['a caption with NUL', form({ file: fileOf(PNG, 'a.png', 'image/png'), caption: NUL }), {}],
        ['a malformed milestone ID', form({ file: fileOf(PNG, 'a.png', 'image/png'), milestoneId: "1' OR '1'='1" }), {}],
      ];
      for (const [what, body, headers, code] of cases) {
        const res = await send(admin, 'POST', url, body, headers);
        count('files', r);
        expectRefused(res, `POST ${url} with ${what}`);
        if (code) expect(res.body.error.code, what).toBe(code);
        expect(res.text, `${what}: the message names no directory`).not.toContain('../');
      }
    }
  });

  it('gets a 4xx JSON error for hostile session packages filed by the county', async () => {
    const fp = 'ab'.repeat(32);
    for (const r of routes.filter((x) => RAW[x.key] === 'package')) {
      const url = fill(r, { congressId: real.countyId, childId: real.congressId });
      const cases: [string, BodyInit, Record<string, string>, string?][] = [
        ['an .exe named package.json', form({ file: fileOf(EXE, '../../package.json', 'application/json'), fingerprint: fp }), {}, 'package_malformed'],
        ['text that is not JSON', form({ file: fileOf(TEXT, 'package.json', 'application/json'), fingerprint: fp }), {}, 'package_malformed'],
        ['JSON that is no package', form({ file: fileOf(new TextEncoder().encode('{"format":"minsheng-bulletin/1"}'), 'package.json', 'application/json'), fingerprint: fp }), {}],
        ['an empty file', form({ file: fileOf(new Uint8Array(0), 'package.json', 'application/json'), fingerprint: fp }), {}, 'package_file_missing'],
        ['no file', form({ fingerprint: fp }), {}, 'package_file_missing'],
        ['no fingerprint', form({ file: fileOf(new TextEncoder().encode('{}'), 'package.json', 'application/json') }), {}, 'package_fingerprint_format'],
        ['a fingerprint with NUL', form({ file: fileOf(new TextEncoder().encode('{}'), 'package.json', 'application/json'), fingerprint: NUL }), {}],
        ['a body over the upload limit (declared)', 'x', { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(33 * MB) }, 'body_too_large'],
        ['JSON where a file is expected', '{"file":"x"}', { 'content-type': 'application/json' }, 'unsupported_media'],
        ['no body', '', {}, 'unsupported_media'],
        ['multipart without a boundary', '--x\r\n\r\n', { 'content-type': 'multipart/form-data' }],
        ['a truncated multipart body', '--x\r\nContent-Disposition: form-data; name="file"; filename="p.json"\r\n\r\n{', { 'content-type': 'multipart/form-data; boundary=x' }],
      ];
      for (const [what, body, headers, code] of cases) {
        const res = await send(admin, 'POST', url, body, headers);
        count('files', r);
        expectRefused(res, `POST ${url} with ${what}`);
        if (code) expect(res.body.error.code, what).toBe(code);
        expect(res.text, `${what}: the message names no directory`).not.toContain('../');
      }
    }
  });

  it('gets a 4xx JSON error for hostile proposals (JSON or multipart with attachments)', async () => {
    const staff = routes.find((r) => r.key === 'POST /api/congresses/:congressId/proposals')!;
    const url = fill(staff);
    const data = JSON.stringify({ ...proposalData, channel: 'liaison_station', station: '城关联络站' });
    for (const _ of await proposalCases(admin, url, data)) count('proposals', staff);
  });

  it('gets a 4xx JSON error for hostile CSV files (roster, 12345 export, calendar)', async () => {
    const header = '姓名,性别,代表团/代表小组,选区,联系电话,状态\n';
    for (const r of routes.filter((x) => RAW[x.key] === 'csv')) {
      const url = fill(r);
      const cases: [string, BodyInit, Record<string, string>, string?][] = [
        ['JSON where a CSV is expected', '{"rows":[]}', { 'content-type': 'application/json' }, 'unsupported_media'],
        ['multipart where a CSV is expected', form({ file: fileOf(new TextEncoder().encode(header), 'r.csv', 'text/csv') }), {}, 'unsupported_media'],
        ['an empty file', '', { 'content-type': 'text/csv' }],
        ['only the header', header, { 'content-type': 'text/csv' }],
        ['an .exe', EXE, { 'content-type': 'application/octet-stream' }],
        ['bytes that are neither UTF-8 nor GBK', new Uint8Array([0xff, 0xfe, 0xfd, 0x80, 0x81, 0xff, 0x0a]), { 'content-type': 'text/csv' }],
        ['a NUL in a name', `${header}张\u0000伟,男,城关,一,13800000009,在任\n`, { 'content-type': 'text/csv' }],
        ['a cell of 100k characters', `${header}${LONG},男,城关,一,13800000009,在任\n`, { 'content-type': 'text/csv' }],
        ['100k columns', `${header}${'a,'.repeat(100_000)}\n`, { 'content-type': 'text/csv' }],
        // An unterminated quote swallows the rest of the file into one cell, far too long for a name.
        ['an unterminated quote', `${header}"张伟,男,城关,一,13800000009,在任\n李娜,女,城关,一,13800000010,在任\n`, { 'content-type': 'text/csv' }],
        // Each upload route has its own limit (a roster 1 MB, a year's calendar 256 KB, a 12345 export 10 MB).
        [`over its limit (streamed)`, stream((CONTRACT_OF.get(r.key)?.limit ?? MB) + KB), { 'content-type': 'text/csv' }, 'body_too_large'],
      ];
      for (const [what, body, headers, code] of cases) {
        const res = await send(admin, 'POST', url, body, headers);
        count('csv', r);
        // The preview answers 200 with the errors listed; it writes nothing. An import must refuse.
        if (r.key.endsWith('/preview') && res.status === 200) {
          expect(res.body.invalid + res.body.headerErrors.length, `${what}: preview shows the errors`).toBeGreaterThan(0);
          continue;
        }
        expectRefused(res, `POST ${url} with ${what}`);
        if (code) expect(res.body.error.code, what).toBe(code);
      }
      const enc = await send(admin, 'POST', `${url}?encoding=latin1`, header, { 'content-type': 'text/csv' });
      expectRefused(enc, `POST ${url}?encoding=latin1`);
    }
  });

  it('gets an answer below 500 for junk in the query string, and a JSON error when refused', async () => {
    for (const r of routes) {
      const documented = (opOf(r)?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const writes = isWrite(r) || r.method === 'DELETE';
      if (r.key === 'POST /api/auth/logout') continue; // signed in, it would end the session (tried signed out below)
      if (r.key.endsWith('/events') && !writes) continue; // a live event stream: never ends on a real ID (404s are swept above)
      // Every parameter at once with each junk value (and repeated), then each documented one alone with the values
      // that would reach the database if its validator let them through.
      // (A route without a query schema ignores its query: two requests show that junk there does no harm.)
      const all = [...documented, 'status', 'limit', '__proto__'];
      const queries = documented.length
        ? [
            ...BAD_QUERY.map((junk) => all.map((n) => `${n}=${junk}`).join('&')),
            all.map((n) => `${n}=a&${n}=b`).join('&'),
            ...documented.flatMap((n) => DEEP_QUERY.map((junk) => `${n}=${junk}`)),
          ]
        : [BAD_QUERY.map((junk, i) => `${all[i % all.length]}${i}=${junk}`).join('&'), all.map((n) => `${n}=a&${n}=b`).join('&')];
      for (const query of queries) {
        // Reads on real IDs; writes on unknown IDs with an empty body, so nothing can be accepted.
        const url = `${fill(r, {}, !writes)}?${query}`;
        const body = writes ? (RAW[r.key] === 'csv' ? '' : RAW[r.key] === 'file' ? undefined : '{}') : undefined;
        const headers: Record<string, string> = writes && body !== undefined ? { 'content-type': RAW[r.key] === 'csv' ? 'text/csv' : 'application/json' } : {};
        const res = await send(admin, r.method, url, body, headers);
        count('query', r);
        const show = `${r.method} ${url.slice(0, 200)} → ${res.status} ${res.text.slice(0, 200)}`;
        expect(res.status, show).toBeLessThan(500);
        if (writes && !ACCEPTS_JUNK.has(r.key)) expectRefused(res, show);
        else if (res.status >= 400) expectErrorBody(res, show);
      }
    }
  });

  it('wrote nothing, hit every route, and left the administrator signed in', async () => {
    expectUnchanged(before, await snapshot());
    expect(stats.nestedSurrogates, 'lone surrogates tried in nested fields (inside arrays or objects)').toBeGreaterThan(5);
    const missed = routes.filter((r) => !hit.has(r.key)).map((r) => r.key);
    expect(missed).toEqual([]);
    expect((await send(admin, 'GET', '/api/auth/me')).status).toBe(200);
  });
});

/** The cases shared by the staff and the public proposal routes; every one must be refused. */
async function proposalCases(who: Who, url: string, data: string) {
  const files5 = Array.from({ length: 6 }, (_, i) => fileOf(PNG, `p${i}.png`, 'image/png'));
  const badUtf8 = new TextEncoder().encode(data.replace('河东村道路硬化', '\u{E000}'));
  badUtf8[badUtf8.indexOf(0xee) + 2] = 0xff;
  const cases: [string, () => BodyInit, Record<string, string>, string?][] = [
    ['text/plain', () => data, { 'content-type': 'text/plain' }, 'unsupported_media'],
    ['no body', () => '', {}, 'unsupported_media'],
    ['an empty JSON object', () => '{}', { 'content-type': 'application/json' }, 'validation'],
    ['truncated JSON', () => data.slice(0, 20), { 'content-type': 'application/json' }, 'malformed_json'],
    ['deep nesting', () => '['.repeat(100_000) + ']'.repeat(100_000), { 'content-type': 'application/json' }],
    ['prototype pollution', () => POLLUTION, { 'content-type': 'application/json' }, 'validation'],
    ['invalid UTF-8 in a field', () => badUtf8, { 'content-type': 'application/json' }],
    ['a NUL in the title', () => data.replace('河东村道路硬化', '河东\\u0000村'), { 'content-type': 'application/json' }],
    ['a title of 100k characters', () => data.replace('河东村道路硬化', LONG), { 'content-type': 'application/json' }, 'validation'],
    ['multipart without data', () => form({ files: fileOf(PNG, 'a.png', 'image/png') }), {}],
    ['multipart with data that is not JSON', () => form({ data: 'hello' }), {}, 'malformed_json'],
    ['multipart with a NUL in the data', () => form({ data: data.replace('河东村道路硬化', '河东\\u0000村') }), {}],
    ['a path-traversal name on an .exe', () => form({ data, files: fileOf(EXE, '../../x.jpg') }), {}, 'attachment_type'],
    ['an .exe named photo.jpg', () => form({ data, files: fileOf(EXE, 'photo.jpg') }), {}, 'attachment_type'],
    ['text named photo.jpg', () => form({ data, files: fileOf(TEXT, 'photo.jpg') }), {}, 'attachment_type'],
    ['an empty file', () => form({ data, files: fileOf(new Uint8Array(0), 'photo.jpg') }), {}, 'attachment_empty'],
    ['six attachments', () => form({ data, files: files5 }), {}, 'too_many_attachments'],
    ['an attachment over 5 MB', () => form({ data, files: fileOf(jpegOf(5 * MB + 1), 'big.jpg') }), {}, 'attachment_too_large'],
    ['a body over 26 MB (declared)', () => 'x', { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(27 * MB) }, 'body_too_large'],
    ['a body over 26 MB (streamed)', () => stream(26 * MB + KB, MB), { 'content-type': 'multipart/form-data; boundary=x' }, 'body_too_large'],
    ['a truncated multipart body', () => `--x\r\nContent-Disposition: form-data; name="data"\r\n\r\n${data}`, { 'content-type': 'multipart/form-data; boundary=x' }],
  ];
  const out: Res[] = [];
  for (const [what, body, headers, code] of cases) {
    const res = await send(who, 'POST', url, body(), headers);
    expectRefused(res, `POST ${url} with ${what}`);
    if (code) expect(res.body.error.code, `${what}: ${res.text.slice(0, 200)}`).toBe(code);
    expect(res.text, `${what}: the message names no directory`).not.toContain('../');
    out.push(res);
  }
  return out;
}

describe('a signed-out caller sending malformed input', () => {
  let before: Awaited<ReturnType<typeof snapshot>>;
  beforeAll(async () => {
    before = await snapshot();
  });

  it('gets 401 from every route that is not public, before its input is read', async () => {
    for (const r of routes.filter((x) => !isPublic(x))) {
      const url = fill(r, {}, false);
      const res = await send(null, r.method, url, isWrite(r) ? POLLUTION : undefined, isWrite(r) ? { 'content-type': 'application/json' } : {});
      count('anon', r);
      expect(res.status, r.key).toBe(401);
      expect(res.body.error.code, r.key).toBe('unauthenticated');
    }
  });

  it('gets a 4xx JSON error at every public route for malformed parameters, bodies and files', async () => {
    const pub = routes.filter(isPublic);
    expect(pub.length).toBeGreaterThan(25);
    for (const r of pub) {
      for (const name of r.params)
        for (const bad of BAD_PARAMS) {
          const url = fill(r, { [name]: bad });
          const res = await send(null, r.method, url, isWrite(r) && !RAW[r.key] ? '{}' : undefined, isWrite(r) && !RAW[r.key] ? { 'content-type': 'application/json' } : {});
          count('anon', r);
          expectRefused(res, `signed out: ${r.method} ${url.slice(0, 200)}`);
        }
      const schema = jsonSchemaOf(r);
      if (schema && !ACCEPTS_JUNK.has(r.key)) {
        const url = fill(r, {}, false);
        for (const [what, raw] of [...BAD_BODIES, ['empty object', '{}'], ['prototype pollution', POLLUTION]] as [string, string | Uint8Array][]) {
          expectRefused(await send(null, r.method, url, raw, { 'content-type': 'application/json' }), `signed out: ${r.key} with ${what}`);
          count('anon', r);
        }
        const { count: n } = sampleBody(spec, schema, () => 'x');
        for (let i = 0; i < n; i++) {
          const { body } = sampleBody(spec, schema, (j) => (j === i ? LONG : `text${j}`));
          expectRefused(await send(null, r.method, url, JSON.stringify(body), { 'content-type': 'application/json' }), `signed out: ${r.key} with field #${i} of 100k`);
          count('anon', r);
        }
        if (n) {
          const { body } = sampleBody(spec, schema, () => NUL);
          expectRefused(await send(null, r.method, url, JSON.stringify(body), { 'content-type': 'application/json' }), `signed out: ${r.key} with NUL: ${JSON.stringify(body)}`);
          count('anon', r);
        }
        // A lone surrogate in each free-text field in turn: refused before anything reads the body's meaning, naming it.
        const { paths } = sampleBody(spec, schema, () => 'x');
        for (let i = 0; i < n; i++) {
          const { body } = sampleBody(spec, schema, (j) => (j === i ? '\udfff' : `text${j}`));
          const res = await send(null, r.method, url, JSON.stringify(body), { 'content-type': 'application/json' });
          count('anon', r);
          const show = `signed out: ${r.key} with a lone surrogate in ${paths[i]}: ${res.text.slice(0, 200)}`;
          expectRefused(res, show);
          expect(res.body.error.details, show).toEqual([expect.objectContaining({ path: paths[i], code: 'lone_surrogate' })]);
        }
      }
      if (!isWrite(r)) {
        const documented = (opOf(r)?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        for (const name of [...documented, 'q'])
          for (const junk of BAD_QUERY) {
            if (r.key.endsWith('/events')) continue;
            const res = await send(null, r.method, `${fill(r)}?${name}=${junk}`);
            count('anon', r);
            expect(res.status, `${r.key}?${name}=${junk.slice(0, 20)}`).toBeLessThan(500);
            if (res.status >= 400) expectErrorBody(res, `${r.key}?${name}=${junk.slice(0, 20)}`);
          }
      }
    }
    // Sign-out answers 200 to anything by design; signed out it ends no session.
    const logout = await send(null, 'POST', '/api/auth/logout?junk=%00', POLLUTION, { 'content-type': 'application/json' });
    expect(logout.status).toBeLessThan(500);
  });

  it('gets a 4xx JSON error for hostile public proposals', async () => {
    const r = routes.find((x) => x.key === 'POST /api/public/congresses/:congressId/proposals')!;
    const data = JSON.stringify({ ...proposalData, submitterContact: '13800000001', challenge: 'x'.repeat(40), answer: '12' });
    for (const _ of await proposalCases(null, fill(r), data)) count('anon', r);
  });

  it('wrote nothing but rate-limit counters', async () => {
    expectUnchanged(before, await snapshot());
    expect(stats.requests).toBeGreaterThan(5000);
    console.log(
      `bad-input sweep: ${routes.length} routes, ${routes.filter(isPublic).length} public; ${stats.requests} requests ` +
        `(${stats.admin} signed in, ${stats.anon} signed out); by phase ${JSON.stringify(stats.byPhase)}`,
    );
  });
});

describe('what a refusal says, for the input the sweep found answered with a 500 or stored mangled', () => {
  const base = () => `/api/congresses/${real.congressId}`;
  const json = (value: unknown) => ({ body: JSON.stringify(value), headers: { 'content-type': 'application/json' } });

  it('names each field holding a NUL character (PostgreSQL cannot store one), in both languages', async () => {
    const { body, headers } = json({ name: '张\u0000伟', delegation: 'ok', constituency: '一\u0000' });
    const zh = await send(admin, 'POST', `${base()}/representatives`, body, headers, 'zh-CN');
    expect(zh.status).toBe(400);
    expect(zh.body.error.code).toBe('validation');
    expect(zh.body.error.details).toEqual([
      { path: 'name', code: 'nul_char', message: '含有无法保存的空字符（U+0000），请删除后重试' },
      { path: 'constituency', code: 'nul_char', message: '含有无法保存的空字符（U+0000），请删除后重试' },
    ]);
    const en = await send(null, 'POST', '/api/auth/login', JSON.stringify({ username: 'admin\u0000', password: 'x' }), headers, 'en');
    expect(en.status).toBe(400);
    expect(en.body.error.details).toEqual([{ path: 'username', code: 'nul_char', message: 'contains a NUL character (U+0000), which cannot be stored; remove it and try again' }]);
    const q = await send(admin, 'GET', `${base()}/representatives?q=%E5%BC%A0%00`);
    expect(q.status).toBe(400);
    expect(q.body.error.details[0]).toMatchObject({ path: 'q', code: 'nul_char' });
    const caption = await send(admin, 'POST', `${base()}/projects/${real.projectId}/files`, form({ file: fileOf(PNG, 'a.png', 'image/png'), caption: '现场\u0000' }));
    expect(caption.status).toBe(400);
    expect(caption.body.error.details[0]).toMatchObject({ path: 'caption', code: 'nul_char' });
  });

  it('names each field holding a lone UTF-16 surrogate (nested ones too) instead of a 500, and stores a real pair', async () => {
    const headers = { 'content-type': 'application/json' };
    const departments = async () => (await t.database.query<{ n: number }>('select count(*)::int as n from departments'))[0].n;
    const was = await departments();
    // Written by hand, as a client that escapes every non-ASCII character would send it.
    const zh = await send(admin, 'POST', `${base()}/departments`, '{"name": "\\u4ea4\\u901a\\ud800\\u5c40", "kind": "bureau", "contactName": "\\udc00"}', headers, 'zh-CN');
    expect(zh.status, zh.text).toBe(400);
    expect(zh.body.error.code).toBe('validation');
    const zhMessage = '含有不成对的 UTF-16 代理字符（半个字符，如 \\ud800），无法保存，请删除后重试';
    expect(zh.body.error.details).toEqual([
      { path: 'name', code: 'lone_surrogate', message: zhMessage },
      { path: 'contactName', code: 'lone_surrogate', message: zhMessage },
    ]);
    const en = await send(admin, 'POST', `${base()}/departments`, JSON.stringify({ name: '交通局\udbff', kind: 'bureau' }), headers, 'en');
    expect(en.status).toBe(400);
    expect(en.body.error.details).toEqual([{ path: 'name', code: 'lone_surrogate', message: 'contains a lone UTF-16 surrogate (half of a character, such as \\ud800), which cannot be stored; remove it and try again' }]);
    // Nested: a comment of an evaluation submission (anonymous), and a key; named even where the schema would refuse
    // something else too (this token is no code).
    const nested = await send(null, 'POST', '/api/public/evaluation/submit', JSON.stringify({ token: 'x'.repeat(40), answers: [], comments: [{ targetKind: 'project', targetId: 'p', text: '好\ud800' }] }), headers, 'en');
    expect(nested.status).toBe(400);
    expect(nested.body.error.details).toEqual([expect.objectContaining({ path: 'comments.0.text', code: 'lone_surrogate' })]);
    const key = await send(admin, 'PATCH', `${base()}/departments/${real.departmentId}`, '{"name": "ok", "\\ud800": 1}', headers);
    expect(key.status).toBe(400);
    expect(key.body.error.details).toEqual([expect.objectContaining({ path: '\ud800', code: 'lone_surrogate' })]);
    // A raw surrogate can only come as bytes that are not UTF-8 (ED A0 80): refused as such.
    const raw = new Uint8Array([...new TextEncoder().encode('{"name": "'), 0xed, 0xa0, 0x80, ...new TextEncoder().encode('", "kind": "bureau"}')]);
    expect((await send(admin, 'POST', `${base()}/departments`, raw, headers)).body.error.code).toBe('malformed_utf8');
    expect(await departments()).toBe(was);
    // A real pair, even written as two escapes, is one character and is stored as it is.
    const pair = await send(admin, 'POST', `${base()}/departments`, '{"name": "\\u4ea4\\u901a\\ud83d\\ude8c", "kind": "bureau"}', headers);
    expect(pair.status, pair.text).toBe(201);
    const [row] = await t.database.query<{ name: string }>('select name from departments where id = $1', [pair.body.id]);
    expect(row.name).toBe('交通🚌');
  });

  it('refuses a JSON body that is not UTF-8 instead of storing U+FFFD, and still takes a byte-order mark', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ name: '张伟X' }));
    bytes[bytes.indexOf(0x58)] = 0xff; // "X" → a byte that is never UTF-8
    const zh = await send(admin, 'POST', `${base()}/representatives`, bytes, { 'content-type': 'application/json' }, 'zh-CN');
    expect(zh.status).toBe(400);
    expect(zh.body.error).toMatchObject({ code: 'malformed_utf8', message: '请求内容不是有效的 UTF-8 文本，请以 UTF-8 编码重新提交。' });
    const en = await send(null, 'POST', '/api/public/ballot/open', bytes, { 'content-type': 'application/json' }, 'en');
    expect(en.body.error).toMatchObject({ code: 'malformed_utf8', message: 'The request body is not valid UTF-8 text; send it again encoded as UTF-8.' });
    const proposal = await send(admin, 'POST', `${base()}/proposals`, bytes, { 'content-type': 'application/json' });
    expect(proposal.body.error.code).toBe('malformed_utf8');
    const bom = await send(null, 'POST', '/api/auth/login', `\uFEFF${JSON.stringify({ username: 'nobody', password: 'not the password' })}`, { 'content-type': 'application/json' });
    expect(bom.body.error.code).toBe('bad_credentials');
  });

  it('says that an attachment is empty, that a form has no file, and that a roster file with NUL bytes is no CSV', async () => {
    const empty = await send(admin, 'POST', `${base()}/projects/${real.projectId}/files`, form({ file: fileOf(new Uint8Array(0), '现场.jpg') }), {}, 'zh-CN');
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatchObject({ code: 'attachment_empty', message: '附件“现场.jpg”是空文件，请重新选择。' });
    const none = await send(admin, 'POST', `${base()}/projects/${real.projectId}/files`, form({ caption: 'x' }), {}, 'en');
    expect(none.body.error.details).toEqual([{ path: 'file', code: 'file_required', message: 'choose a file to upload (form field “file”)' }]);
    // UTF-16 ("Unicode text" from a spreadsheet) is full of NUL bytes.
    const utf16 = Uint8Array.from(Buffer.from('\uFEFF姓名,性别\n张伟,男\n', 'utf16le'));
    const csv = await send(admin, 'POST', `${base()}/roster/import/preview`, utf16, { 'content-type': 'text/csv' });
    expect(csv.status).toBe(400);
    expect(csv.body.error.code).toBe('import_encoding');
  });

  it('stores an evidence photo sent as ../../etc/x.png under its base name, served inline with no path', async () => {
    const url = `/api/congresses/${real.congressId}/projects/${real.projectId}/files`;
    const up = await send(admin, 'POST', url, form({ file: fileOf(PNG, '../../etc/x.png', 'image/png'), caption: '现场' }));
    expect(up.status, up.text).toBe(201);
    expect(up.body.filename).toBe('x.png');
    const got = await t.app.request(`${url}/${up.body.id}`, { headers: { cookie: admin.cookie, 'x-forwarded-for': admin.ip } });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png'); // the sniffed type, not the name's
    expect(got.headers.get('content-disposition')).toBe(`inline; filename*=UTF-8''x.png`);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('the API document', () => {
  it('lists every refusal sent above, with the error shape each one had, for every route', () => {
    expect([...documentProblems.values()]).toEqual([]);
    // A public GET with no path, query or body has nothing to get wrong: no bad request exists for it.
    const nothingToGetWrong = (c: (typeof CONTRACTS)[number]) => c.method === 'GET' && c.permission === 'public' && !c.params && !c.query;
    expect(CONTRACTS.filter(nothingToGetWrong).map(routeKey).sort()).toEqual(['GET /api/docs', 'GET /api/health', 'GET /api/kiosk/me', 'GET /api/openapi.json', 'GET /api/public/challenge', 'GET /api/setup']);
    const missed = CONTRACTS.filter((c) => !nothingToGetWrong(c)).map(routeKey).filter((k) => !refusalsChecked.has(k));
    expect(missed, 'routes that got no bad request checked against the document').toEqual([]);
  });
});
