import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { Context } from 'hono';
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

/** Why a string cannot be stored: a NUL character, or a lone UTF-16 surrogate (half of a character). */
export type Unstorable = 'nul_char' | 'lone_surrogate';

/** A surrogate that is not half of a pair (no `u` flag: the expression sees UTF-16 code units). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What PostgreSQL cannot store in text or jsonb: a NUL character (refused by both), or a lone surrogate, which JSON
 * lets through as an escape (`"\ud800"`) — jsonb refuses it (a 500), text would store U+FFFD instead.
 */
export function unstorable(s: string): Unstorable | null {
  if (s.includes('\u0000')) return 'nul_char';
  return LONE_SURROGATE.test(s) ? 'lone_surrogate' : null;
}

/**
 * The paths of strings (values or keys) that cannot be stored (see `unstorable`), with the reason. Iterative, so a
 * deeply nested body cannot overflow the stack.
 */
export function unstorablePaths(value: unknown, max = 20): { path: string; code: Unstorable }[] {
  type Node = { v: unknown; key: string | number | null; up: Node | null };
  const pathOf = (n: Node) => {
    const parts: (string | number)[] = [];
    for (let x: Node | null = n; x && x.key !== null; x = x.up) parts.unshift(x.key);
    return parts.join('.');
  };
  const out: { path: string; code: Unstorable }[] = [];
  const stack: Node[] = [{ v: value, key: null, up: null }];
  while (stack.length && out.length < max) {
    const n = stack.pop()!;
    if (typeof n.v === 'string') {
      const code = unstorable(n.v);
      if (code) out.push({ path: pathOf(n), code });
    } else if (Array.isArray(n.v)) {
      for (let i = n.v.length - 1; i >= 0; i--) stack.push({ v: n.v[i], key: i, up: n });
    } else if (n.v && typeof n.v === 'object' && !(n.v instanceof Blob)) {
      const entries = Object.entries(n.v);
      for (const [k] of entries) {
        const code = unstorable(k);
        if (code) out.push({ path: pathOf({ v: k, key: k, up: n }), code });
      }
      for (let i = entries.length - 1; i >= 0; i--) stack.push({ v: entries[i][1], key: entries[i][0], up: n }); // in order
    }
  }
  return out;
}

/** The paths of strings (values or keys) holding a NUL character. */
export const nulPaths = (value: unknown, max = 20) => unstorablePaths(value, max).filter((x) => x.code === 'nul_char').map((x) => x.path);

const UNSTORABLE_MESSAGE: Record<Unstorable, { zh: string; en: string }> = {
  nul_char: { zh: fieldMessage('nul_char', 'zh-CN'), en: fieldMessage('nul_char', 'en') },
  lone_surrogate: {
    zh: '含有不成对的 UTF-16 代理字符（半个字符，如 \\ud800），无法保存，请删除后重试',
    en: 'contains a lone UTF-16 surrogate (half of a character, such as \\ud800), which cannot be stored; remove it and try again',
  },
};

/**
 * Refuse input holding a string that cannot be stored (a NUL character or a lone surrogate) anywhere, naming each
 * field, in the caller's language: a 400 `validation`, before anything is written or queued. Every validated input
 * (`v()` below) goes through it, and so do the bodies read by hand.
 */
export function rejectUnstorable(value: unknown, lang: Lang) {
  const found = unstorablePaths(value);
  if (found.length)
    throw new AppError('validation', {}, found.map(({ path, code }) => ({ path, code, message: lang === 'en' ? UNSTORABLE_MESSAGE[code].en : UNSTORABLE_MESSAGE[code].zh })));
}
/** The former name, still used by the routes that read their bodies by hand: it refuses lone surrogates too. */
export const rejectNul = rejectUnstorable;

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
