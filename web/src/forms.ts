/**
 * Form errors keyed by field path ("vote.threshold.numerator"), from the shared zod schema before sending and from
 * the server's `details` after. The messages come from the same table the server uses (shared/errors.ts).
 */
import { createSignal } from 'solid-js';
import type { z } from 'zod';
import { fieldMessage } from '../../shared/errors.ts';
import { ApiError } from './api.ts';
import { lang } from './i18n.ts';

export type FieldErrors = Record<string, string>;

type Issue = z.core.$ZodIssue & {
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  expected?: string;
  received?: string;
  format?: string;
  values?: unknown[];
};

/** The same mapping the server applies to its validation issues, so a message reads alike before and after sending. */
export function issueMessage(raw: z.core.$ZodIssue): string {
  const issue = raw as Issue;
  const l = lang();
  // Schemas name their own rule with a code as message (username_chars, phone_format, fraction_over_one …).
  if (/^[a-z_]+$/.test(issue.message)) return fieldMessage(issue.message, l);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.received === 'NaN' || issue.received === 'undefined') return fieldMessage('required', l);
      return fieldMessage(issue.expected === 'int' ? 'not_integer' : 'wrong_type', l, { expected: issue.expected });
    case 'too_small':
      if (issue.origin === 'string') return fieldMessage(Number(issue.minimum) <= 1 ? 'required' : 'too_short', l, { min: issue.minimum });
      return fieldMessage('too_small', l, { min: issue.minimum });
    case 'too_big':
      return fieldMessage(issue.origin === 'string' ? 'too_long' : 'too_big', l, { max: issue.maximum });
    case 'invalid_format':
      return fieldMessage('bad_format', l, { format: issue.format });
    case 'invalid_value':
      return fieldMessage('bad_choice', l, { options: (issue.values ?? []).join(', ') });
    default:
      return fieldMessage('invalid', l);
  }
}

export function issuesToErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    out[path] ??= issueMessage(issue);
  }
  return out;
}

/**
 * State for one form: per-field errors and a form-level error (the server's message, plus any details that name
 * no field shown on the form), and a busy flag while it is being sent.
 */
export function createFormState() {
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [formError, setFormError] = createSignal<{ message: string; extra: string[] } | null>(null);
  const [busy, setBusy] = createSignal(false);
  /** The failure of the last `run` (null after a success), for forms that act on a particular error code. */
  const [lastError, setLastError] = createSignal<unknown>(null);

  /** Check input against a schema; on failure show the messages and return null. */
  function check<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> | null {
    const parsed = schema.safeParse(input);
    if (parsed.success) {
      setErrors({});
      return parsed.data;
    }
    setErrors(issuesToErrors(parsed.error.issues));
    setFormError(null);
    return null;
  }

  /** Show an error from the server. `fields` are the paths that have a field on this form. */
  function fail(e: unknown, fields: readonly string[] = []) {
    if (!(e instanceof ApiError)) {
      setFormError({ message: String(e), extra: [] });
      return;
    }
    const byField: FieldErrors = {};
    const extra: string[] = [];
    for (const d of e.details) {
      if (d.path && fields.includes(d.path)) byField[d.path] ??= d.message;
      else if (d.message) extra.push(d.path ? `${d.path}: ${d.message}` : d.message);
    }
    setErrors(byField);
    setFormError({ message: e.message, extra });
  }

  /**
   * Run a submit: clears old errors, sets busy, reports a failure on the form. Answers `{ value }` on success and
   * null on failure (shown on the form already).
   */
  async function run<T>(fn: () => Promise<T>, fields: readonly string[] = []): Promise<{ value: T } | null> {
    setBusy(true);
    setFormError(null);
    setLastError(null);
    try {
      const value = await fn();
      setErrors({});
      return { value };
    } catch (e) {
      setLastError(e);
      fail(e, fields);
      return null;
    } finally {
      setBusy(false);
    }
  }

  const reset = () => {
    setErrors({});
    setFormError(null);
  };

  /** A field was edited: its message goes; when none is left, so does the form's "please correct" message. */
  const clearError = (path: string) => {
    const current = errors();
    if (!(path in current)) return;
    const { [path]: _gone, ...rest } = current;
    setErrors(rest);
    if (Object.values(rest).every((m) => !m)) setFormError(null);
  };

  return { errors, setErrors, formError, setFormError, busy, lastError, check, fail, run, reset, clearError, error: (path: string) => errors()[path] };
}
export type FormState = ReturnType<typeof createFormState>;
