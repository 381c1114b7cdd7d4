import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { Context, ValidationTargets } from 'hono';
import { validator } from 'hono-openapi';
import { fieldMessage, type Lang } from '../../shared/errors.ts';
import { AppError } from './errors.ts';

type Issue = StandardSchemaV1.Issue & {
  code?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  expected?: string;
  format?: string;
  values?: unknown[];
  keys?: string[];
};

const FORMAT_WORDS: Record<string, string> = { date: 'YYYY-MM-DD', uuid: 'ID', datetime: 'ISO 8601', email: 'email' };

/** Turn schema issues into `details`: a field path and a message in the caller's language. */
export function issueDetails(issues: readonly StandardSchemaV1.Issue[], lang: Lang) {
  return issues.map((raw) => {
    const issue = raw as Issue;
    const path = (issue.path ?? []).map((p) => (typeof p === 'object' ? String(p.key) : String(p))).join('.');
    let code = 'invalid';
    let params: Record<string, unknown> = {};
    switch (issue.code) {
      case 'invalid_type':
        code = /received undefined/.test(issue.message) ? 'required' : 'wrong_type';
        params = { expected: issue.expected };
        break;
      case 'too_small':
        code = issue.origin === 'string' ? (Number(issue.minimum) <= 1 ? 'required' : 'too_short') : 'too_small';
        params = { min: issue.minimum };
        break;
      case 'too_big':
        code = issue.origin === 'string' ? 'too_long' : 'too_big';
        params = { max: issue.maximum };
        break;
      case 'invalid_format':
        // A schema's own code (`username_chars`, `phone_format`) says more than "wrong format".
        code = /^[a-z_]+$/.test(issue.message) ? issue.message : 'bad_format';
        params = { format: FORMAT_WORDS[issue.format ?? ''] ?? issue.format };
        break;
      case 'invalid_value':
        code = 'bad_choice';
        params = { options: (issue.values ?? []).join(', ') };
        break;
      case 'unrecognized_keys':
        code = 'unknown_field';
        break;
      case 'custom':
        code = issue.message;
        break;
      default:
        if (/^[a-z_]+$/.test(issue.message)) code = issue.message;
    }
    if (issue.code === 'invalid_type' && issue.expected === 'int') code = 'not_integer';
    return { path, code, message: fieldMessage(code, lang, params) };
  });
}

/**
 * The paths of strings (values or keys) holding a NUL character, which PostgreSQL cannot store in text or jsonb (it
 * would fail the query with a 500). Iterative, so a deeply nested body cannot overflow the stack.
 */
export function nulPaths(value: unknown, max = 20): string[] {
  type Node = { v: unknown; key: string | number | null; up: Node | null };
  const pathOf = (n: Node) => {
    const parts: (string | number)[] = [];
    for (let x: Node | null = n; x && x.key !== null; x = x.up) parts.unshift(x.key);
    return parts.join('.');
  };
  const out: string[] = [];
  const stack: Node[] = [{ v: value, key: null, up: null }];
  while (stack.length && out.length < max) {
    const n = stack.pop()!;
    if (typeof n.v === 'string') {
      if (n.v.includes('\u0000')) out.push(pathOf(n));
    } else if (Array.isArray(n.v)) {
      for (let i = n.v.length - 1; i >= 0; i--) stack.push({ v: n.v[i], key: i, up: n });
    } else if (n.v && typeof n.v === 'object' && !(n.v instanceof Blob)) {
      const entries = Object.entries(n.v);
      for (const [k] of entries) if (k.includes('\u0000')) out.push(pathOf({ v: k, key: k, up: n }));
      for (let i = entries.length - 1; i >= 0; i--) stack.push({ v: entries[i][1], key: entries[i][0], up: n }); // in order
    }
  }
  return out;
}

/** Refuse input with a NUL character anywhere, naming each field, in the caller's language. */
export function rejectNul(value: unknown, lang: Lang) {
  const paths = nulPaths(value);
  if (paths.length) throw new AppError('validation', {}, paths.map((path) => ({ path, code: 'nul_char', message: fieldMessage('nul_char', lang) })));
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Read a JSON body as strict UTF-8 (RFC 8259): bytes that are not UTF-8 are refused instead of being stored as U+FFFD.
 * The text goes into Hono's body cache, so `c.req.json()` (and the json validator) parse it without reading again.
 */
export async function readUtf8Body(c: Context): Promise<string> {
  const cache = c.req.bodyCache as Record<string, Promise<unknown> | undefined>;
  if (cache.text) return (await cache.text) as string;
  const bytes = await c.req.arrayBuffer();
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new AppError('malformed_utf8');
  }
  cache.text = Promise.resolve(text);
  return text;
}

/** A JSON body read strictly (UTF-8, then JSON), for routes that take JSON besides other kinds of body. */
export async function readJsonBody(c: Context): Promise<unknown> {
  const text = await readUtf8Body(c);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('malformed_json');
  }
}

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * The route validator: hono-openapi's (so the schema also documents the route in /api/openapi.json), with failures
 * turned into our 400 error shape. Input with a NUL character is refused, and a JSON body must be valid UTF-8.
 */
export function v<S extends StandardSchemaV1, T extends keyof ValidationTargets>(target: T, schema: S) {
  const check = validator(target, schema, (result, c) => {
    const lang = ((c as unknown as { get(k: 'lang'): Lang | undefined }).get('lang')) ?? 'zh-CN';
    if (!result.success) throw new AppError('validation', {}, issueDetails(result.error, lang));
    rejectNul(result.data, lang);
  });
  if (target !== 'json') return check;
  const strict = (async (c: Context, next: () => Promise<void>) => {
    if (JSON_TYPE.test((c.req.header('content-type') ?? '').split(';')[0].trim())) await readUtf8Body(c);
    return check(c as never, next);
  }) as unknown as typeof check;
  // hono-openapi finds the route's schema on a symbol-keyed property of the middleware: keep it.
  return Object.assign(strict, check);
}
