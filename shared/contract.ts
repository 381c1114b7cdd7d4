/**
 * One statement of each API route, read by the server (validation, permission, body limits, the OpenAPI document), the
 * web app (`call(contract, …)`, typed by it) and the tests. A stage's routes live in `shared/<stage>/contract.ts`;
 * `shared/contracts.ts` lists every stage. See README → "How the code is laid out" for a worked example.
 */
import type { z } from 'zod';
import type { ErrorCode } from './errors.ts';
import type { Permission } from './policy.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * What the request body is:
 * - `json`: validated against `body` (strict UTF-8, nothing unstorable);
 * - `multipart`: form fields and files, read by the handler (`server/lib/upload.ts`), of the types in `accepts`;
 * - `raw`: the bytes themselves (a CSV, an image), of the types in `accepts`, read by the handler;
 * - `json-or-multipart`: JSON, or multipart with the JSON in a `data` field and files beside it (a proposal with photos).
 * No `bodyKind` (and no `body`): the route takes no body.
 */
export type BodyKind = 'json' | 'multipart' | 'raw' | 'json-or-multipart';

/** What a success answers: JSON (described by `response`), or another media type the handler writes itself. */
export type Produces = 'json' | 'csv' | 'html' | 'event-stream' | 'svg' | 'pdf' | 'png' | 'file' | 'text' | 'none';

type Schema = z.ZodType;

export type Contract = {
  method: Method;
  /** Below `/api`, Hono style: `/congresses/:congressId/votes/:voteId`. */
  path: string;
  /** Grouping in the API document (the stage). */
  tag: string;
  summary: string;
  description?: string;
  permission: Permission;
  params?: Schema;
  query?: Schema;
  body?: Schema;
  bodyKind?: BodyKind;
  /** Media types a `raw` or `multipart` body may be (documented; `raw` bodies are refused otherwise). */
  accepts?: readonly string[];
  /** Largest body in bytes (default 1 MB). */
  limit?: number;
  /** How the limit is said to a person when it is not the body's size (a 5 MB file inside its form: "5 MB"). */
  limitLabel?: string;
  /** The success status (default 200). */
  status?: 200 | 201 | 202 | 204;
  produces?: Produces;
  response?: Schema;
  /** The refusals of this route beyond the ones every route has (validation, sign-in, permission): documented. */
  errors?: readonly ErrorCode[];
  /**
   * A secret act arrives here (casting, answering, opening a ballot): no request line is written for it (its time,
   * matched with the audit log's card sign-ins, would narrow who answered when). See `server/app.ts`.
   */
  quiet?: boolean;
};

export const KB = 1024;
export const MB = 1024 * KB;
export const DEFAULT_LIMIT = MB;

/** Declare a route; the literal types are kept so that the web and the tests are typed by it. */
export const route = <const C extends Contract>(c: C): C => c;

/** The parameter names in a path: `'/a/:x/b/:y'` → `'x' | 'y'`. */
export type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

type Out<S> = S extends Schema ? z.output<S> : never;
type In<S> = S extends Schema ? z.input<S> : never;

/** What a caller passes (`params` strings in the path, `query`, `body` as the schema takes them). */
export type CallInput<C extends Contract> = ([ParamNames<C['path']>] extends [never] ? { params?: undefined } : { params: Record<ParamNames<C['path']>, string> }) &
  (C['query'] extends Schema ? { query?: In<C['query']> } : { query?: undefined }) &
  (C['bodyKind'] extends 'raw' ? { body: Blob | ArrayBuffer | Uint8Array; contentType?: string }
    : C['bodyKind'] extends 'multipart' ? { body: FormData }
    : C['bodyKind'] extends 'json-or-multipart' ? { body: In<C['body']> | FormData }
    : C['body'] extends Schema ? { body: In<C['body']> }
    : { body?: undefined });

/** What a success answers (the JSON, typed by the response schema). */
export type ResponseOf<C extends Contract> = C['response'] extends Schema ? Out<C['response']> : unknown;
/** What a handler may return: the response schema's input shape (or a Response it writes itself). */
export type ResultOf<C extends Contract> = C['response'] extends Schema ? In<C['response']> : never;

/**
 * A contract by its address only (method, path, body kind), typed as the contract itself: for the code that loads with
 * every page and the hall tablet, which must not carry the schemas and the validation library (design §9: the tablet's
 * JavaScript). The compiler checks the address against the contract (`import type` it): a route moved or renamed
 * fails the build here too.
 */
export const addressOf = <C extends Contract>(address: { method: C['method']; path: C['path']; bodyKind?: C['bodyKind'] }): C => address as C;

/** `METHOD /api/path` — how the authorization matrix, the logs and the metrics name a route. */
export const routeKey = (c: Pick<Contract, 'method' | 'path'>) => `${c.method} /api${c.path}`;

/** The address of a call: path parameters filled in (encoded) and the query string from its defined values. */
export function urlOf(c: Pick<Contract, 'path'>, params?: Record<string, string>, query?: Record<string, unknown>): string {
  const path = c.path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`${c.path}: no value for :${name}`);
    return encodeURIComponent(value);
  });
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    for (const one of Array.isArray(v) ? v : [v]) q.append(k, String(one));
  }
  const s = q.toString();
  return `/api${path}${s ? `?${s}` : ''}`;
}
