/** The notify stage's API routes, each once (shared/contract.ts): the outbox staff watch, the channels, the templates, opting out (SPEC §17). */
import { z } from 'zod';
import { route } from '../contract.ts';
import { CongressId } from '../congress/schema.ts';
import {
  ChannelsStatus,
  InviteParams,
  InviteQueued,
  InviteResidents,
  MessageParams,
  MessagesPage,
  MessagesQuery,
  MyOptouts,
  PublicOptout,
  PublicOptoutDone,
  RobotParams,
  SetOptout,
  SetRobot,
  SetTemplate,
  SmsReply,
  TemplateParams,
  TemplatesList,
  TestSend,
  TestSent,
} from './schema.ts';

const tag = 'notify';

// ---- the office's side ----
export const listMessages = route({
  method: 'GET',
  path: '/congresses/:congressId/notify/messages',
  tag,
  summary: "This congress's messages, newest first, with their delivery state (addresses masked), filtered and paged",
  permission: 'notify.staff',
  params: CongressId,
  query: MessagesQuery,
  response: MessagesPage,
});

export const retryMessage = route({
  method: 'POST',
  path: '/congresses/:congressId/notify/messages/:messageId/retry',
  tag,
  summary: 'Send a failed message again (its attempts start over)',
  permission: 'notify.staff',
  params: MessageParams,
  response: z.object({ ok: z.literal(true) }),
  errors: ['notify_message_not_found', 'notify_not_failed'],
});

export const channelsStatus = route({
  method: 'GET',
  path: '/congresses/:congressId/notify/channels',
  tag,
  summary: 'Which channels are on for this congress (SMS and e-mail by the deployment, robots by the congress), without secrets',
  permission: 'notify.staff',
  params: CongressId,
  response: ChannelsStatus,
});

export const setRobot = route({
  method: 'PUT',
  path: '/congresses/:congressId/notify/robots/:channel',
  tag,
  summary: "Set (or remove, with an empty webhook) this congress's 企业微信 or 钉钉 group robot",
  permission: 'notify.staff',
  params: RobotParams,
  body: SetRobot,
  response: z.object({ ok: z.literal(true) }),
  errors: ['notify_webhook_invalid'],
});

export const testSend = route({
  method: 'POST',
  path: '/congresses/:congressId/notify/test',
  tag,
  summary: 'Send a test message now on a channel (to the address typed, or to the robot group); its state shows in the list',
  permission: 'notify.staff',
  params: CongressId,
  body: TestSend,
  response: TestSent,
  errors: ['notify_channel_off', 'notify_address_invalid'],
});

export const listTemplates = route({
  method: 'GET',
  path: '/congresses/:congressId/notify/templates',
  tag,
  summary: "Each message's words in both languages (built-in and this congress's own) and the approved SMS template it uses",
  permission: 'notify.staff',
  params: CongressId,
  response: TemplatesList,
});

export const setTemplate = route({
  method: 'PUT',
  path: '/congresses/:congressId/notify/templates/:kind',
  tag,
  summary: "Change a message's words for this congress (only the parameters its kind fills), or choose another approved SMS template",
  permission: 'notify.staff',
  params: TemplateParams,
  body: SetTemplate,
  response: z.object({ ok: z.literal(true) }),
  errors: ['notify_template_param_unknown', 'notify_sms_template_unapproved'],
});

export const inviteResidents = route({
  method: 'POST',
  path: '/congresses/:congressId/notify/invite/:roundId',
  tag,
  summary:
    'Invite residents to an open evaluation round by SMS: each message carries a one-time code made when it is sent (never stored with the number)',
  permission: 'notify.staff',
  params: InviteParams,
  body: InviteResidents,
  response: InviteQueued,
  errors: ['notify_round_not_open', 'notify_no_numbers', 'notify_too_many_numbers', 'round_not_found'],
});

// ---- each person ----
export const myOptouts = route({
  method: 'GET',
  path: '/me/notify',
  tag,
  summary: 'The channels I am reached on and whether I opted out of each',
  permission: 'signedIn',
  response: MyOptouts,
});

export const setMyOptout = route({
  method: 'PUT',
  path: '/me/notify',
  tag,
  summary: 'Opt out of (or back into) a channel for every message to me',
  permission: 'signedIn',
  body: SetOptout,
  response: MyOptouts,
});

export const publicOptout = route({
  method: 'POST',
  path: '/notify/optout',
  tag,
  summary: "A resident's 退订 from the link in a message: that address hears nothing more on that channel",
  permission: 'public',
  body: PublicOptout,
  response: PublicOptoutDone,
  errors: ['notify_optout_token_invalid'],
});

export const smsReply = route({
  method: 'POST',
  path: '/notify/sms/reply',
  tag,
  summary: "The SMS gateway's callback for a reply: T / TD / 退订 opts that number out of SMS (signed like the gateway's requests)",
  permission: 'public',
  body: SmsReply,
  response: z.object({ ok: z.literal(true) }),
  errors: ['notify_signature_invalid'],
});
