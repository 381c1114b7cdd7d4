/**
 * The seams of the notify stage (SPEC §17), said once: what a transport is given and answers (server/notify/channels),
 * what rendering makes of an outbox row (server/notify/render.ts) and what the worker does with both
 * (server/notify/worker.ts).
 */
import type { Channel, MessageKind } from '../../shared/notify/enums.ts';

/** A message ready to go out on one channel. */
export type Outgoing = {
  /** The outbox row's id: sent to the provider as its idempotency / out id (SMS OutId, e-mail Message-ID). */
  id: string;
  channel: Channel;
  kind: MessageKind;
  /** The phone or e-mail address; '' for a robot. */
  address: string;
  /** The robot's webhook and signing secret (notify_robots), for wecom / dingtalk. */
  robot?: { webhook: string; secret: string };
  /** E-mail subject (e-mail only). */
  subject: string;
  /** The words as filled in (e-mail body, robot text; SMS: what the approved template says, for the staff's preview). */
  text: string;
  /** SMS only: the provider's approved template code and its parameters. */
  sms?: { templateCode: string; params: Record<string, string> };
};

/**
 * A transport's answer. `retry`: a failure that may pass (timeout, 5xx, throttled); otherwise the provider refused the
 * message for good (a wrong number, a template not approved) and it is `failed` at once. `error` is words staff can
 * read — a code and the provider's message — and never holds the address.
 */
export type SendResult = { ok: true; providerId?: string } | { ok: false; retry: boolean; error: string };

export interface Transport {
  readonly channel: Channel;
  /** Whether this transport is set up (SMS and e-mail: the deployment's settings; robots: always, given a robot). */
  readonly configured: boolean;
  /** Host and sender, without secrets (the channels page). */
  readonly detail: string;
  send(m: Outgoing, signal: AbortSignal): Promise<SendResult>;
  close?(): Promise<void>;
}

export type Transports = Partial<Record<Channel, Transport>>;
