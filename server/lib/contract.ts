/**
 * Serving a contract (shared/contract.ts): one helper that validates the path, query and body against the contract's
 * schemas, checks its permission (shared/policy.ts) and hands the handler typed input. The body limit, the media type
 * and the sign-in gate run earlier, for every request, from the same contracts (`contractAt`, used by app.ts).
 */
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { TrieRouter } from 'hono/router/trie-router';
import type { z } from 'zod';
import type { CallInput, Contract, ResultOf } from '../../shared/contract.ts';
import { CONTRACTS } from '../../shared/contracts.ts';
import type { Lang } from '../../shared/errors.ts';
import type { Rule as RuleKind } from '../../shared/permission.ts';
import { POLICY, type Permission } from '../../shared/policy.ts';
import { requireAuth, requireCongressRole, requireSystemAdmin, type AuthState, type CongressAccess } from './auth.ts';
import type { AppEnv } from './env.ts';
import { AppError } from './errors.ts';
import { isJsonRequest, readJsonOrForm, readMultipart } from './upload.ts';
import { issueDetails, readJsonBody, readUtf8Body, rejectUnstorable } from './validate.ts';

type Schema = z.ZodType;
type Rule<P extends Permission> = (typeof POLICY)[P];

/** What the permission check hands the handler: the congress and the caller's roles there, or the account. */
export type AccessOf<P extends Permission> =
  Rule<P> extends { kind: 'congress'; kiosk: string } ? CongressAccess | null // null: the session's own kiosk is calling
    : Rule<P> extends { kind: 'congress' } ? CongressAccess
    : Rule<P> extends { kind: 'signed-in' | 'system-admin' } ? { auth: AuthState }
    : null;

export type Input<C extends Contract> = {
  params: C['params'] extends Schema ? z.output<C['params']> : Record<string, string>;
  query: C['query'] extends Schema ? z.output<C['query']> : undefined;
  /** The validated JSON body (`json`, and `json-or-multipart` whichever way it came). */
  body: C['body'] extends Schema ? z.output<C['body']> : undefined;
  /** `json-or-multipart`: the files sent beside the JSON (none when JSON came alone). */
  files: C['bodyKind'] extends 'json-or-multipart' ? File[] : undefined;
  /** `multipart`: the form's fields and files (lib/upload.ts `filesIn`, `textIn`). A `raw` body the handler reads itself. */
  form: C['bodyKind'] extends 'multipart' ? Record<string, unknown> : undefined;
  access: AccessOf<C['permission']>;
};

export type Handler<C extends Contract> = (c: Context<AppEnv>, input: Input<C>) => Promise<ResultOf<C> | Response> | ResultOf<C> | Response;


function parse<S extends Schema>(schema: S, value: unknown, lang: Lang): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError('validation', {}, issueDetails(result.error.issues as never, lang));
  rejectUnstorable(result.data, lang);
  return result.data;
}

/** The query as Hono's validator gave it: one value as a string, a repeated key as an array. */
function queryOf(c: Context) {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(c.req.queries())) out[k] = v.length === 1 ? v[0] : v;
  return out;
}

/** The permission check of a contract: 401/403/404 before any input beyond the path is read. */
export async function authorize(c: Context<AppEnv>, permission: Permission, congressId: string | undefined): Promise<unknown> {
  const rule = POLICY[permission] as RuleKind;
  switch (rule.kind) {
    case 'public':
      return null;
    case 'signed-in':
      return { auth: requireAuth(c) };
    case 'system-admin':
      return { auth: requireSystemAdmin(c) };
    case 'congress': {
      if (rule.kiosk && c.get('kiosk')) return null; // the handler checks it is this session's kiosk
      if (!congressId) throw new Error(`permission ${permission} needs :congressId in the path`);
      return requireCongressRole(c, congressId, rule.roles);
    }
  }
}

/** The input of a request, validated and authorized as its contract says (in this order: path, permission, query, body). */
async function inputOf<C extends Contract>(c: Context<AppEnv>, contract: C): Promise<Input<C>> {
  const lang = c.get('lang') ?? 'zh-CN';
  const params = (contract.params ? parse(contract.params, c.req.param(), lang) : c.req.param()) as Record<string, string>;
  const access = await authorize(c, contract.permission, params.congressId);
  const query = contract.query ? parse(contract.query, queryOf(c), lang) : undefined;
  let body: unknown;
  let files: File[] | undefined;
  let form: Record<string, unknown> | undefined;
  const kind = contract.bodyKind ?? (contract.body ? 'json' : undefined);
  if (kind === 'json' && contract.body) {
    // No JSON sent (an empty POST) is `{}`, as the schema then says what is missing.
    body = parse(contract.body, isJsonRequest(c) ? await strictJson(c, lang) : {}, lang);
  } else if (kind === 'json-or-multipart') {
    const read = await readJsonOrForm(c);
    rejectUnstorable(read.json, lang); // before the schema, as for JSON (a proposal is not a hot path: always walked)
    files = read.files;
    body = contract.body ? parse(contract.body, read.json, lang) : read.json;
  } else if (kind === 'multipart') form = await readMultipart(c);
  return { params, query, body, files, form, access } as Input<C>;
}

/** A `\uD800`–`\uDFFF` escape in JSON text: maybe half of a pair, maybe a lone surrogate (the walk decides). */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;

/**
 * A JSON body read strictly: UTF-8, then JSON. Strict UTF-8 leaves no raw lone surrogate, so only an escape can carry
 * one: when the text has such an escape the whole body is walked before the schema, so that the field is named even
 * when the schema refuses something else too (or would drop the field). Most bodies have none: no walk.
 */
async function strictJson(c: Context<AppEnv>, lang: Lang): Promise<unknown> {
  const value = await readJsonBody(c);
  if (SURROGATE_ESCAPE.test(await readUtf8Body(c))) rejectUnstorable(value, lang);
  return value;
}

async function respond<C extends Contract>(c: Context<AppEnv>, contract: C, handler: Handler<C>, input: Input<C>) {
  const out = await handler(c, input);
  if (out instanceof Response) return out;
  if (contract.status === 204) return c.body(null, 204);
  return c.json(out as object, (contract.status ?? 200) as 200);
}

/**
 * Serve `contract` on `router` with `handler`. `use`: middleware that runs once the input is valid and the caller
 * allowed, before the handler — the public cache, which answers a hit without reaching the handler (a bad address is a
 * 400 and never a cache entry).
 */
export function implement<C extends Contract>(router: Hono<AppEnv>, contract: C, handler: Handler<C>, opts: { use?: MiddlewareHandler<AppEnv>[] } = {}) {
  const method = contract.method.toLowerCase() as 'get';
  if (!opts.use?.length) {
    router[method](contract.path, async (c) => respond(c, contract, handler, await inputOf(c, contract)));
    return router;
  }
  const inputs = new WeakMap<Context, Input<C>>();
  router[method](
    contract.path,
    async (c, next) => {
      inputs.set(c, await inputOf(c, contract));
      await next();
    },
    ...opts.use,
    async (c) => respond(c, contract, handler, inputs.get(c)!),
  );
  return router;
}

const index = new TrieRouter<Contract>();
for (const c of CONTRACTS) index.add(c.method, `/api${c.path}`, c);

/** The contract a request is for (by method and path), or undefined (not an API route, or not one of ours). */
export function contractAt(method: string, path: string): Contract | undefined {
  const [matches] = index.match(method === 'HEAD' ? 'GET' : method, path) as unknown as [[Contract, unknown][]];
  return matches[0]?.[0];
}

/** Typed input of a contract as a caller gives it (for the web's `call` and the tests' `call`). */
export type { CallInput };
