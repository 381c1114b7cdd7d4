/**
 * The OpenAPI 3.1 document, written from the contracts (shared/<stage>/contract.ts): the same schemas that validate a
 * request describe it, each operation says who may call it (`security`, and the permission in words), and every
 * refusal it can answer is listed with the real error shape. CI lints the served document with Redocly CLI.
 */
import { z } from 'zod';
import type { Contract, Produces } from '../../shared/contract.ts';
import { DEFAULT_LIMIT } from '../../shared/contract.ts';
import { NAMED_CONTRACTS } from '../../shared/contracts.ts';
import { ERRORS, type ErrorCode } from '../../shared/errors.ts';
import { POLICY } from '../../shared/policy.ts';
import type { Rule } from '../../shared/permission.ts';

type Json = Record<string, unknown>;

const SECURITY_SCHEMES = {
  session: { type: 'apiKey', in: 'cookie', name: 'ms_session', description: 'The session cookie set by sign-in (password, delegate card or first-run setup).' },
  csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: 'With the session cookie, every write carries the CSRF token from /api/auth/me.' },
  bearer: { type: 'http', scheme: 'bearer', description: 'A session token from /api/auth/login, for scripts (no CSRF token needed).' },
  kiosk: { type: 'apiKey', in: 'cookie', name: 'ms_kiosk', description: 'A kiosk device (check-in desk) of one session; it may make only its own calls.' },
};

const ErrorBody = {
  type: 'object',
  required: ['error'],
  additionalProperties: false,
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      additionalProperties: false,
      properties: {
        code: { type: 'string', description: 'Stable machine code (shared/errors.ts).' },
        message: { type: 'string', description: 'What happened and what to do, in zh-CN or English by Accept-Language.' },
        details: { description: 'Per-field problems for `validation` (`[{ path, code, message }]`), or facts about the refusal.' },
        requestId: { type: 'string', description: 'Quote it when reporting a problem (X-Request-Id).' },
      },
    },
  },
};

const MEDIA: Record<Exclude<Produces, 'json' | 'none'>, string> = {
  csv: 'text/csv',
  html: 'text/html',
  'event-stream': 'text/event-stream',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
  png: 'image/png',
  file: 'application/octet-stream',
  text: 'text/plain',
};

const STATUS_WORDS: Record<number, string> = {
  400: 'The request is not valid (`validation` lists the fields), or the action does not fit the current state',
  401: 'Not signed in, or the sign-in was refused',
  403: 'Signed in, but not allowed (the role, the CSRF token, a kiosk outside its job)',
  404: 'Not found, or not visible to this caller (another congress is never confirmed to exist)',
  409: 'The action conflicts with the current state',
  410: 'Gone: expired or used up',
  413: 'The body is larger than the route takes',
  415: 'The body is not of a type the route takes',
  422: 'The content was read but cannot be accepted',
  423: 'Locked for a while (repeated failures)',
  429: 'Too many requests: wait as Retry-After says',
  503: 'The database is unavailable or busy, or the server is stopping: try again as Retry-After says',
};

/** A zod schema as JSON Schema (2020-12, what OpenAPI 3.1 uses). */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const s = z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline' }) as Json;
  delete s.$schema;
  return s;
}

const who = (rule: Rule) =>
  rule.kind === 'public' ? 'Anyone (no sign-in).'
    : rule.kind === 'signed-in' ? 'Any signed-in account.'
    : rule.kind === 'system-admin' ? 'System administrators.'
    : `In the congress: ${rule.roles === 'any' ? 'any role' : rule.roles.join(', ')} (and system administrators)${rule.kiosk ? `; or that session's ${rule.kiosk} kiosk` : ''}.`;

function securityOf(c: Contract, rule: Rule) {
  if (rule.kind === 'public') return [];
  const write = c.method !== 'GET';
  const cookie = write ? { session: [], csrf: [] } : { session: [] };
  return [cookie, { bearer: [] }, ...(rule.kind === 'congress' && rule.kiosk ? [write ? { kiosk: [], csrf: [] } : { kiosk: [] }] : [])];
}

/** The refusals an operation can answer, by status, each with the codes it may carry. */
function errorsOf(c: Contract, rule: Rule): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  const add = (code: ErrorCode) => {
    const status = ERRORS[code].status;
    if (!out.has(status)) out.set(status, new Set());
    out.get(status)!.add(code);
  };
  if (c.params || c.query || c.body) add('validation');
  // Every write is checked for its size and media type before anything else, whether or not it reads a body.
  if (c.method !== 'GET') (add('body_too_large'), add('unsupported_media'));
  if (c.body && c.bodyKind !== 'raw' && c.bodyKind !== 'multipart') (add('malformed_json'), add('malformed_utf8'));
  if (rule.kind !== 'public') (add('unauthenticated'), add('password_change_required'), add('kiosk_forbidden'));
  if (rule.kind !== 'public' && c.method !== 'GET') add('csrf');
  if (rule.kind === 'system-admin' || rule.kind === 'congress') add('forbidden');
  if (rule.kind === 'congress') add('congress_not_found');
  if (/:/.test(c.path)) add('not_found');
  for (const code of c.errors ?? []) add(code);
  add('database_unavailable');
  return out;
}

function parameters(c: Contract) {
  const out: Json[] = [];
  for (const [where, schema] of [['path', c.params], ['query', c.query]] as const) {
    if (!schema) continue;
    const s = jsonSchema(schema, 'input') as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, prop] of Object.entries(s.properties ?? {})) {
      if (where === 'path' && !c.path.includes(`:${name}`)) continue;
      const { description, ...rest } = prop as Json;
      out.push({ name, in: where, required: where === 'path' || (s.required ?? []).includes(name), schema: rest, ...(description ? { description } : {}) });
    }
  }
  // A path parameter the schema does not name (validated by the handler) is still a string in the address.
  for (const m of c.path.matchAll(/:([A-Za-z0-9_]+)/g))
    if (!out.some((p) => p.in === 'path' && p.name === m[1])) out.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } });
  return out;
}

function requestBody(c: Contract) {
  const kind = c.bodyKind ?? (c.body ? 'json' : undefined);
  if (!kind) return undefined;
  const bytes = c.limit ?? DEFAULT_LIMIT;
  const size = bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
  const limit = `The body is at most ${size}${c.limitLabel && c.limitLabel !== size ? ` (the file in it at most ${c.limitLabel})` : ''}.`;
  const json = c.body ? { 'application/json': { schema: jsonSchema(c.body, 'input') } } : {};
  const files = { type: 'array', items: { type: 'string', contentMediaType: 'application/octet-stream' } };
  const form = {
    'multipart/form-data': {
      schema: {
        type: 'object',
        properties: kind === 'json-or-multipart' ? { data: { type: 'string', description: 'The JSON body as text' }, files } : { file: { type: 'string', contentMediaType: 'application/octet-stream' }, files },
      },
    },
  };
  const raw = Object.fromEntries((c.accepts ?? ['application/octet-stream']).map((t) => [t, { schema: { type: 'string', contentMediaType: t } }]));
  const content = kind === 'json' ? json : kind === 'multipart' ? form : kind === 'raw' ? raw : { ...json, ...form };
  return { required: kind !== 'json' || !c.body?.safeParse({}).success, description: `${limit}${c.accepts && kind !== 'raw' ? ` Files: ${c.accepts.join(', ')}.` : ''}`, content };
}

function success(c: Contract) {
  const produces = c.produces ?? 'json';
  const status = String(c.status ?? 200);
  if (produces === 'none' || c.status === 204) return { [status]: { description: 'Done' } };
  if (produces === 'json') return { [status]: { description: 'OK', ...(c.response ? { content: { 'application/json': { schema: jsonSchema(c.response, 'output') } } } : { content: { 'application/json': { schema: {} } } }) } };
  return { [status]: { description: 'OK', content: { [MEDIA[produces]]: { schema: { type: 'string' } } } } };
}

export function openApiDocument(): Json {
  const paths: Record<string, Record<string, Json>> = {};
  const tags = new Set<string>();
  for (const [id, c] of NAMED_CONTRACTS) {
    const rule = POLICY[c.permission] as Rule;
    tags.add(c.tag);
    const responses: Json = success(c);
    for (const [status, codes] of [...errorsOf(c, rule)].sort((a, b) => a[0] - b[0]))
      responses[String(status)] = {
        description: `${STATUS_WORDS[status] ?? 'Refused'}. Codes: ${[...codes].map((x) => `\`${x}\``).join(', ')}.`,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    // Any other client error (an address or method that is not this route's, a refusal on the way in) has the same shape.
    responses['4XX'] = { description: 'Any other refusal, in the same shape', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    const path = `/api${c.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
    const body = requestBody(c);
    (paths[path] ??= {})[c.method.toLowerCase()] = {
      operationId: id,
      tags: [c.tag],
      summary: c.summary,
      description: [c.description, `**Who:** ${who(rule)} (permission \`${c.permission}\`)`].filter(Boolean).join('\n\n'),
      security: securityOf(c, rule),
      ...(parameters(c).length ? { parameters: parameters(c) } : {}),
      ...(body ? { requestBody: body } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Minsheng 民生实事票决与测评平台',
      version: '0.1.0',
      description:
        'Every route validates its input with the schema shown here. Errors: `{ error: { code, message, details?, requestId } }`, message in zh-CN or English by Accept-Language. Writes with the session cookie need `X-CSRF-Token` (from /api/auth/me); scripts may send `Authorization: Bearer <token>` from /api/auth/login instead.',
    },
    servers: [{ url: '/', description: 'This server' }],
    tags: [...tags].map((name) => ({ name, description: `The ${name} stage` })),
    paths,
    components: { securitySchemes: SECURITY_SCHEMES, schemas: { Error: ErrorBody } },
  };
}
