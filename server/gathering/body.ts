import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { Context } from 'hono';
import { fieldMessage } from '../../shared/errors.ts';
import type { AppEnv } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { issueDetails, readJsonBody, rejectNul } from '../lib/validate.ts';

/**
 * A proposal arrives as JSON, or as multipart/form-data with the JSON in a `data` field and photos or PDFs in
 * `files` (so a phone can send both in one request).
 */
export async function readProposalBody<S extends StandardSchemaV1>(c: Context<AppEnv>, schema: S): Promise<{ input: StandardSchemaV1.InferOutput<S>; files: File[] }> {
  const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  let raw: unknown;
  let files: File[] = [];
  if (type === 'multipart/form-data') {
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody({ all: true });
    } catch {
      throw new AppError('validation', {}, [{ path: '', code: 'multipart_broken', message: fieldMessage('multipart_broken', c.get('lang')) }]);
    }
    const data = form.data;
    if (typeof data !== 'string') throw new AppError('malformed_json');
    try {
      raw = JSON.parse(data);
    } catch {
      throw new AppError('malformed_json');
    }
    files = ([] as unknown[]).concat(form.files ?? []).filter((f): f is File => f instanceof File);
  } else if (type === 'application/json') {
    raw = await readJsonBody(c);
  } else throw new AppError('unsupported_media', { expected: 'application/json, multipart/form-data' });
  const result = await schema['~standard'].validate(raw);
  if (result.issues) throw new AppError('validation', {}, issueDetails(result.issues, c.get('lang')));
  rejectNul(result.value, c.get('lang'));
  return { input: result.value as StandardSchemaV1.InferOutput<S>, files };
}
