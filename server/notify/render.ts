/**
 * From an outbox row to the words sent (owned by the messages part: texts.ts holds each kind's built-in words in both
 * languages; a congress's own words and SMS template choice are in notify_templates). STUB until that part lands:
 * the built-in words are the kind's name and its parameters.
 */
import type { MessageKind } from '../../shared/notify/enums.ts';
import type { Db, Tx } from '../db/client.ts';
import type { outbox } from '../db/schema/index.ts';
import type { KeyStore } from '../lib/keys.ts';
import type { Outgoing } from './types.ts';

export type OutboxRow = typeof outbox.$inferSelect;

/**
 * What to send for `row`, or why not (`no_sms_template`: SMS has no approved template for this kind). Runs in the
 * worker's transaction at sending time: an evaluation invitation makes its one-time code here (never stored in the row).
 */
export async function render(
  _tx: Tx | Db,
  row: OutboxRow,
  opts: {
    /** The deployment's approved SMS template per kind (SMS_TEMPLATES); a congress may choose another approved one. */
    smsTemplates: Partial<Record<MessageKind, string>>;
    /** The origin of links in messages (PUBLIC_ORIGIN). */
    origin: string;
    /** A resident's 退订 link for this person and channel (a signed token: routes-optout.ts). */
    optoutLink: (personKey: string, channel: 'sms' | 'email') => Promise<string>;
    /** Signs an evaluation invitation's one-time code (server/evaluation/codes.ts) at sending time. */
    keys: KeyStore;
  },
): Promise<{ ok: true; message: Omit<Outgoing, 'robot'> } | { ok: false; reason: 'no_sms_template' }> {
  const text = `${row.kind}: ${Object.entries(row.params).map(([k, v]) => `${k}=${v}`).join(', ')}`;
  const code = opts.smsTemplates[row.kind as MessageKind];
  if (row.channel === 'sms' && !code) return { ok: false, reason: 'no_sms_template' };
  return {
    ok: true,
    message: { id: row.id, channel: row.channel as Outgoing['channel'], kind: row.kind as MessageKind, address: row.address, subject: row.kind, text, ...(row.channel === 'sms' ? { sms: { templateCode: code!, params: row.params } } : {}) },
  };
}

/** What staff see of a row's text (an evaluation invitation's code as ******), without sending anything. */
export function preview(row: OutboxRow): string {
  return `${row.kind}: ${Object.entries(row.params).map(([k, v]) => `${k}=${v}`).join(', ')}`;
}
