/** The notify stage's shapes (SPEC §17): one definition validates on the server and types the web. */
import { z } from 'zod';
import { CongressId } from '../congress/schema.ts';
import { pageOf, PageQuery } from '../paging.ts';
import { AUDIENCES, CHANNELS, MESSAGE_KINDS, MESSAGE_REASONS, MESSAGE_STATES, PERSONAL_CHANNELS, ROBOT_CHANNELS } from './enums.ts';

export const Channel = z.enum(CHANNELS);
export const RobotChannel = z.enum(ROBOT_CHANNELS);
export const PersonalChannel = z.enum(PERSONAL_CHANNELS);
export const MessageKind = z.enum(MESSAGE_KINDS as [string, ...string[]]);
export const MessageState = z.enum(MESSAGE_STATES);

// ---- the messages staff see ----
export const MessagesQuery = PageQuery.extend({
  state: MessageState.optional(),
  channel: Channel.optional(),
  kind: MessageKind.optional(),
  audience: z.enum(AUDIENCES).optional(),
});
export const Message = z.object({
  id: z.string(),
  kind: MessageKind,
  channel: Channel,
  audience: z.enum(AUDIENCES),
  /** 138****5678, w***@example.cn, or the robot's group. */
  addressMasked: z.string(),
  lang: z.string(),
  /** The text as it was (or will be) sent; an evaluation invitation's code shows as ******. */
  preview: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  state: MessageState,
  reason: z.enum(MESSAGE_REASONS).nullable(),
  attempts: z.int(),
  dueAt: z.string(),
  sentAt: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
});
export type Message = z.infer<typeof Message>;
export const MessagesPage = pageOf(Message).extend({
  /** How many of this congress's messages are in each state (the filter's counts). */
  counts: z.record(z.string(), z.int()),
});
export const MessageParams = CongressId.extend({ messageId: z.string().min(1).max(64) });

// ---- the channels ----
export const ChannelStatus = z.object({
  channel: Channel,
  /** Configured: SMS and e-mail by the deployment's settings (README "Notifications"), robots by this congress. */
  configured: z.boolean(),
  /** What it sends through, without a secret: the gateway's host, the SMTP host and sender, the robot's masked webhook. */
  detail: z.string(),
  /** Robots: whether a signing secret is kept (never answered). */
  hasSecret: z.boolean().optional(),
});
export const ChannelsStatus = z.object({ channels: z.array(ChannelStatus) });
export const RobotParams = CongressId.extend({ channel: RobotChannel });
export const SetRobot = z.object({
  /** https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=… or https://oapi.dingtalk.com/robot/send?access_token=…; '' removes the robot. */
  webhook: z.string().trim().max(500),
  /** 钉钉 加签 secret (SEC…); absent: keep the one kept; '' : none. */
  secret: z.string().trim().max(200).optional(),
});
export const TestSend = z.object({
  channel: Channel,
  /** A phone or e-mail address to send the test to (robots: none, their group). Not kept beyond the message. */
  address: z.string().trim().max(200).optional(),
});
export const TestSent = z.object({ messageId: z.string() });

// ---- the templates ----
export const TemplateRow = z.object({
  kind: MessageKind,
  audience: z.enum(AUDIENCES),
  params: z.array(z.string()),
  /** The built-in words (zh-CN, en) and this congress's own, if any. */
  defaults: z.object({ zh: z.string(), en: z.string() }),
  own: z.object({ zh: z.string().nullable(), en: z.string().nullable() }),
  /** The approved SMS template code used (this congress's choice or the deployment's), and the approved ones to choose from. */
  smsTemplateCode: z.string().nullable(),
  /** The approved SMS template code this congress chose itself (null: it uses the deployment's). */
  ownSmsTemplateCode: z.string().nullable(),
});
export const TemplatesList = z.object({ templates: z.array(TemplateRow), approvedSmsTemplates: z.array(z.string()) });
export const TemplateParams = CongressId.extend({ kind: MessageKind });
export const SetTemplate = z.object({
  /** null: back to the built-in words. */
  zh: z.string().trim().min(1).max(500).nullable().optional(),
  en: z.string().trim().min(1).max(500).nullable().optional(),
  /** One of the deployment's approved codes (SMS_TEMPLATES), or null for the deployment's own choice. */
  smsTemplateCode: z.string().trim().max(60).nullable().optional(),
});

// ---- opting out ----
export const MyOptouts = z.object({
  /** The channels I hear on (an address known for me) and whether I opted out of each. */
  channels: z.array(z.object({ channel: PersonalChannel, optedOut: z.boolean() })),
});
export const SetOptout = z.object({ channel: PersonalChannel, optedOut: z.boolean() });
/** A resident's 退订 link carries a signed token naming the address's key and the channel. */
export const PublicOptout = z.object({ token: z.string().min(10).max(2000) });
export const PublicOptoutDone = z.object({ channel: PersonalChannel });
/** The SMS gateway's callback for a reply (回T退订): signed like the gateway's own requests (server/notify/channels/sms.ts). */
export const SmsReply = z.object({ phone: z.string().max(40), content: z.string().max(500) });

// ---- inviting residents to evaluate ----
export const InviteParams = CongressId.extend({ roundId: z.string().min(1).max(64) });
/** Mobile numbers, one per line or separated by commas (up to 2,000); kept only in the outbox until each is sent. */
export const InviteResidents = z.object({ phones: z.string().max(40_000) });
export const InviteQueued = z.object({ queued: z.int(), invalid: z.int(), duplicates: z.int() });
