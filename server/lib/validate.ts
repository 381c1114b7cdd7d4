import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { ValidationTargets } from 'hono';
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
 * The route validator: hono-openapi's (so the schema also documents the route in /api/openapi.json), with failures
 * turned into our 400 error shape.
 */
export function v<S extends StandardSchemaV1, T extends keyof ValidationTargets>(target: T, schema: S) {
  return validator(target, schema, (result, c) => {
    if (!result.success) {
      const lang = ((c as unknown as { get(k: 'lang'): Lang | undefined }).get('lang')) ?? 'zh-CN';
      throw new AppError('validation', {}, issueDetails(result.error, lang));
    }
  });
}
