/**
 * The notify stage's codes (SPEC §17), each once; their words are in the notify dictionary (`notify.channel.<code>`,
 * `notify.kind.<code>`, `notify.state.<code>`, `notify.reason.<code>`; shared/notify/labels.ts for the server).
 */

/** SMS through an HTTP gateway, e-mail over SMTP, 企业微信 and 钉钉 group robots. Each is off until configured. */
export const CHANNELS = ['sms', 'email', 'wecom', 'dingtalk'] as const;
export type Channel = (typeof CHANNELS)[number];
export const ROBOT_CHANNELS = ['wecom', 'dingtalk'] as const satisfies readonly Channel[];
export type RobotChannel = (typeof ROBOT_CHANNELS)[number];
/** The channels a person reaches by an address of their own (and may opt out of); robots speak to a group. */
export const PERSONAL_CHANNELS = ['sms', 'email'] as const satisfies readonly Channel[];
export type PersonalChannel = (typeof PERSONAL_CHANNELS)[number];

/** Who a message is for. */
export const AUDIENCES = ['resident', 'department', 'representative', 'staff'] as const;
export type Audience = (typeof AUDIENCES)[number];

/**
 * What a message says, with the parameters its template fills (strings). The audience of each is in KIND_AUDIENCE.
 * An evaluation invitation's `code` is made when it is sent and put in the text only (never stored with the address).
 */
export const KIND_PARAMS = {
  // residents who left a phone or an e-mail address
  proposal_screened: ['code', 'title', 'outcome'],
  item_screened: ['code', 'outcome'],
  item_answered: ['code', 'link'],
  became_project: ['code', 'project'],
  project_completed: ['code', 'project'],
  evaluation_invite: ['round', 'closesOn', 'code', 'link'],
  // departments
  item_assigned: ['code', 'dueOn'],
  item_due_soon: ['code', 'dueOn'],
  item_overdue: ['code', 'dueOn'],
  finding_to_answer: ['project', 'finding'],
  rectification_due: ['target', 'dueOn'],
  // representatives
  duty_tomorrow: ['station', 'day'],
  inspection: ['project', 'day'],
  evaluation_open: ['round', 'closesOn'],
  // staff
  daily_digest: ['day', 'received', 'dueSoon', 'overdue', 'failed'],
  // the test-send button
  test: ['congress'],
} as const satisfies Record<string, readonly string[]>;
export type MessageKind = keyof typeof KIND_PARAMS;
export const MESSAGE_KINDS = Object.keys(KIND_PARAMS) as MessageKind[];

export const KIND_AUDIENCE: Record<MessageKind, Audience> = {
  proposal_screened: 'resident',
  item_screened: 'resident',
  item_answered: 'resident',
  became_project: 'resident',
  project_completed: 'resident',
  evaluation_invite: 'resident',
  item_assigned: 'department',
  item_due_soon: 'department',
  item_overdue: 'department',
  finding_to_answer: 'department',
  rectification_due: 'department',
  duty_tomorrow: 'representative',
  inspection: 'representative',
  evaluation_open: 'representative',
  daily_digest: 'staff',
  test: 'staff',
};

/**
 * A message's state: `pending` (waiting for its time: `due_at`, maybe held by quiet hours or the cap — `reason`),
 * `sending` (claimed by one instance under a lease), `sent`, `failed` (gave up after the last retry, or refused for
 * good by the provider; staff may retry), `skipped` (opted out, or the channel is off — `reason`).
 */
export const MESSAGE_STATES = ['pending', 'sending', 'sent', 'failed', 'skipped'] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];

/** Why a message waits or was skipped. */
export const MESSAGE_REASONS = ['quiet_hours', 'daily_cap', 'person_cap', 'opted_out', 'channel_off', 'no_address', 'no_sms_template', 'retry', 'demo'] as const;
export type MessageReason = (typeof MESSAGE_REASONS)[number];
