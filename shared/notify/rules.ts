/**
 * The notify stage's rules as pure functions (SPEC §17), used by the worker and the tests alike: quiet hours, backoff,
 * caps, filling a template, masking an address. Times are instants (Date); days and hours are Asia/Shanghai's.
 */
import { KIND_PARAMS, type Channel, type MessageKind } from './enums.ts';

/** No SMS from 22:00 to 08:00 Asia/Shanghai (UTC+8, no daylight saving): held until 08:00. */
export const QUIET_START_HOUR = 22;
export const QUIET_END_HOUR = 8;
const SHANGHAI_MS = 8 * 3600_000;

/** Whether `channel` may send at `at`; if not, the instant it may (08:00 Shanghai that morning or the next). */
export function quietUntil(channel: Channel, at: Date): Date | null {
  if (channel !== 'sms') return null;
  const local = new Date(at.getTime() + SHANGHAI_MS);
  const h = local.getUTCHours();
  if (h >= QUIET_END_HOUR && h < QUIET_START_HOUR) return null;
  const morning = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), QUIET_END_HOUR) - SHANGHAI_MS;
  return new Date(h >= QUIET_START_HOUR ? morning + 86_400_000 : morning);
}

/** The next Shanghai day's start (00:00 Asia/Shanghai) after `at`: when a daily cap opens again. */
export function nextShanghaiDay(at: Date): Date {
  const local = new Date(at.getTime() + SHANGHAI_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1) - SHANGHAI_MS);
}

/**
 * Kinds the worker never sends again by itself after a failure: an invitation's code is made at each sending, and a
 * failure that may still have arrived (a timeout, a 5xx after the provider took it) would hand one resident two codes
 * of the round. It is `failed` at once; staff may send it again, knowing that.
 */
export const NO_AUTOMATIC_RETRY: readonly MessageKind[] = ['evaluation_invite'];
export const retriesByItself = (kind: string) => !(NO_AUTOMATIC_RETRY as readonly string[]).includes(kind);

/** Attempts before a message is given up (`failed`); staff may retry it after. */
export const MAX_ATTEMPTS = 6;
/** Wait before attempt `n + 1` after `n` failed attempts: 30 s, 2 min, 8 min, 32 min, ~2 h (×4, capped at 4 h). */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 4 ** Math.max(0, attempts - 1), 4 * 3600_000);
}

/** Fill `{name}` placeholders; an unknown one stays as it is (the template editor refuses them before). */
export function fill(text: string, params: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? params[k] : m));
}

/** The placeholders a text uses that its kind does not fill (the template editor refuses a text with any). */
export function unknownPlaceholders(kind: MessageKind, text: string): string[] {
  const known = new Set<string>(KIND_PARAMS[kind]);
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].filter((k) => !known.has(k));
}

/** A mainland mobile number (what an SMS can reach), after spaces and dashes are taken out. */
export function mobileOf(contact: string): string | null {
  const s = contact.replace(/[\s-]/g, '').replace(/^\+?86/, '');
  return /^1[3-9]\d{9}$/.test(s) ? s : null;
}
/** An e-mail address in a contact field. */
export function emailOf(contact: string): string | null {
  const s = contact.trim();
  return /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/.test(s) && s.length <= 200 ? s.toLowerCase() : null;
}

/** What staff see of an address: 138****5678, w***@example.cn. */
export function maskAddress(channel: Channel, address: string): string {
  if (channel === 'sms') return address.length >= 7 ? `${address.slice(0, 3)}****${address.slice(-4)}` : '****';
  if (channel === 'email') {
    const [user, domain] = address.split('@');
    return `${(user ?? '').slice(0, 1)}***@${domain ?? ''}`;
  }
  return '';
}

/** Numbers one invitation to evaluate may carry at most. */
export const MAX_INVITES = 2000;
/**
 * Mobile numbers typed one per line (or separated by commas, semicolons, 、): the valid ones once each, in the order
 * typed, with how many were not a mobile number and how many repeated one before.
 */
export function parsePhones(text: string): { phones: string[]; invalid: number; duplicates: number } {
  const seen = new Set<string>();
  let invalid = 0;
  let duplicates = 0;
  for (const part of text.split(/[\r\n,，;；、]+/)) {
    if (!part.trim()) continue;
    const m = mobileOf(part);
    if (!m) invalid++;
    else if (seen.has(m)) duplicates++;
    else seen.add(m);
  }
  return { phones: [...seen], invalid, duplicates };
}
