/**
 * From an outbox row to the words sent (SPEC §17): the congress's own words (notify_templates) in the row's language,
 * else the built-in ones (texts.ts); an SMS through the congress's chosen approved template, else the deployment's
 * (SMS_TEMPLATES); an e-mail to a resident ends with its 退订 link. An evaluation invitation's one-time code is made
 * here, at sending, and put in the words only: the row (and its parameters) never holds it.
 */
import { and, eq } from 'drizzle-orm';
import { KIND_AUDIENCE, KIND_PARAMS, type MessageKind } from '../../shared/notify/enums.ts';
import { KIND_LABELS } from '../../shared/notify/labels.ts';
import { fill } from '../../shared/notify/rules.ts';
import type { Db, Tx } from '../db/client.ts';
import { congresses, notifyTemplates, type outbox } from '../db/schema/index.ts';
import { evalSerial, newCodeId, signCode } from '../evaluation/codes.ts';
import type { KeyStore } from '../lib/keys.ts';
import { OPTOUT_LINE, SMS_OPTOUT, subjectOf, TEXTS } from './texts.ts';
import type { Outgoing } from './types.ts';

export type OutboxRow = typeof outbox.$inferSelect;

export type RenderOptions = {
  /** The deployment's approved SMS template per kind (SMS_TEMPLATES); a congress may choose another approved one. */
  smsTemplates: Partial<Record<MessageKind, string>>;
  /** The origin of links in messages (PUBLIC_ORIGIN). */
  origin: string;
  /** A resident's 退订 link for this person and channel (a signed token: routes-optout.ts). */
  optoutLink: (personKey: string, channel: 'sms' | 'email') => Promise<string>;
  /** Signs an evaluation invitation's one-time code (server/evaluation/codes.ts) at sending time. */
  keys: KeyStore;
};

const langOf = (row: Pick<OutboxRow, 'lang'>): 'zh' | 'en' => (row.lang === 'en' ? 'en' : 'zh');
/** What stands for an invitation's code wherever the code itself must not be (the staff's list). */
export const HIDDEN_CODE = '******';

/** A resident's tracking page, where an answer is read and rated. */
export const trackLink = (origin: string, code: string) => `${origin.replace(/\/$/, '')}/t/${encodeURIComponent(code)}`;

/** The parameters of the kind, from the row's and those made at sending (links, an invitation's code), each a string. */
function paramsOf(row: OutboxRow, origin: string, made: Record<string, string> = {}): Record<string, string> {
  const given = row.params ?? {};
  const out: Record<string, string> = {};
  for (const k of KIND_PARAMS[row.kind as MessageKind] ?? []) out[k] = made[k] ?? given[k] ?? '';
  if (row.kind === 'item_answered' && !made.link && !given.link) out.link = trackLink(origin, given.code ?? '');
  return out;
}

/** The approved SMS template this congress uses for `kind`: its own choice while still approved, else the deployment's. */
export function smsTemplateFor(kind: MessageKind, own: string | null | undefined, approved: Partial<Record<MessageKind, string>>): string | null {
  if (own && Object.values(approved).includes(own)) return own;
  return approved[kind] ?? null;
}

/**
 * What to send for `row`, or why not (`no_sms_template`: SMS has no approved template for this kind). Runs in the
 * worker's transaction at sending time: an evaluation invitation makes its one-time code here (never stored in the row).
 */
export async function render(
  tx: Tx | Db,
  row: OutboxRow,
  opts: RenderOptions,
): Promise<{ ok: true; message: Omit<Outgoing, 'robot'> } | { ok: false; reason: 'no_sms_template' }> {
  const kind = row.kind as MessageKind;
  const [own] = await tx
    .select()
    .from(notifyTemplates)
    .where(and(eq(notifyTemplates.congressId, row.congressId), eq(notifyTemplates.kind, kind)));
  let templateCode: string | null = null;
  if (row.channel === 'sms') {
    templateCode = smsTemplateFor(kind, own?.smsTemplateCode, opts.smsTemplates);
    if (!templateCode) return { ok: false, reason: 'no_sms_template' };
  }
  const made: Record<string, string> = {};
  if (kind === 'evaluation_invite' && row.subjectId) {
    // A code of the round for residents, made for this message only: signed, never stored (as a representative's
    // code given by the system, server/evaluation/answer.ts grantCode); the words carry it, the row does not.
    const codeId = newCodeId();
    const token = await signCode(opts.keys, { r: row.subjectId, c: codeId, a: 'residents' }, tx);
    made.code = evalSerial(codeId);
    made.link = `${opts.origin.replace(/\/$/, '')}/e#${token}`;
  }
  const params = paramsOf(row, opts.origin, made);
  const lang = langOf(row);
  const words = (lang === 'en' ? own?.en : own?.zh) ?? TEXTS[kind][lang];
  let text = fill(words, params);
  const resident = KIND_AUDIENCE[kind] === 'resident';
  if (resident && row.channel === 'email') text += `\n\n${OPTOUT_LINE[lang]}${await opts.optoutLink(row.personKey, 'email')}`;
  if (resident && row.channel === 'sms') text += ` ${SMS_OPTOUT[lang]}`;
  const [congress] = await tx.select({ name: congresses.name }).from(congresses).where(eq(congresses.id, row.congressId));
  const subject = subjectOf(congress?.name ?? '', KIND_LABELS[kind]?.[lang] ?? kind);
  return {
    ok: true,
    message: {
      id: row.id,
      channel: row.channel as Outgoing['channel'],
      kind,
      address: row.address,
      subject,
      text,
      ...(templateCode ? { sms: { templateCode, params } } : {}),
    },
  };
}

/** What staff see of a row's text (the built-in words; an evaluation invitation's code and link as ******). */
export function preview(row: OutboxRow): string {
  const kind = row.kind as MessageKind;
  if (!TEXTS[kind]) return row.kind;
  const made: Record<string, string> = kind === 'evaluation_invite' ? { code: HIDDEN_CODE, link: `/e#${HIDDEN_CODE}` } : {};
  const params = paramsOf(row, '', made);
  return fill(TEXTS[kind][langOf(row)], params);
}
