/**
 * Reading bodies that are not plain JSON: multipart forms (evidence files, a proposal with photos), read once here with
 * the same refusals everywhere. The contract helper (lib/contract.ts) calls these by the contract's `bodyKind`.
 */
import type { Context } from 'hono';
import { fieldMessage } from '../../shared/errors.ts';
import type { AppEnv } from './env.ts';
import { AppError } from './errors.ts';
import { readJsonBody } from './validate.ts';

export const mediaType = (c: Context) => (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;
export const isJsonRequest = (c: Context) => JSON_TYPE.test(mediaType(c));

/** A multipart/form-data body as fields and files (a repeated field as an array); refused when not multipart or broken. */
export async function readMultipart(c: Context<AppEnv>, expected = 'multipart/form-data'): Promise<Record<string, unknown>> {
  if (mediaType(c) !== 'multipart/form-data') throw new AppError('unsupported_media', { expected });
  try {
    return await c.req.parseBody({ all: true });
  } catch {
    throw new AppError('validation', {}, [{ path: '', code: 'multipart_broken', message: fieldMessage('multipart_broken', c.get('lang')) }]);
  }
}

/** The files sent in a form field (none, one or several). */
export const filesIn = (form: Record<string, unknown>, field: string): File[] => ([] as unknown[]).concat(form[field] ?? []).filter((f): f is File => f instanceof File);

/** A form field's text (the first, when sent several times), or undefined. */
export const textIn = (form: Record<string, unknown>, field: string): string | undefined => {
  const v = ([] as unknown[]).concat(form[field] ?? [])[0];
  return typeof v === 'string' ? v : undefined;
};

/**
 * JSON, or multipart with the JSON as text in a `data` field and files in `files` (a phone sends both in one request).
 * Answers the parsed JSON (not yet validated) and the files.
 */
export async function readJsonOrForm(c: Context<AppEnv>): Promise<{ json: unknown; files: File[] }> {
  if (isJsonRequest(c)) return { json: await readJsonBody(c), files: [] };
  const form = await readMultipart(c, 'application/json, multipart/form-data');
  const data = textIn(form, 'data');
  if (data === undefined) throw new AppError('malformed_json');
  try {
    return { json: JSON.parse(data), files: filesIn(form, 'files') };
  } catch {
    throw new AppError('malformed_json');
  }
}
