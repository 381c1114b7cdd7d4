/** The notify stage as the web app calls it (shared/notify/contract.ts), and the words of its codes. */
import * as C from '../../../shared/notify/contract.ts';
import type { ResponseOf } from '../../../shared/contract.ts';
import type { Audience, Channel, MessageKind, MessageState, PersonalChannel, RobotChannel } from '../../../shared/notify/enums.ts';
import { call } from '../api.ts';
import { t, type MessageKey } from '../i18n.ts';

export type MessagesList = ResponseOf<typeof C.listMessages>;
export type Message = MessagesList['items'][number];
export type ChannelStatus = ResponseOf<typeof C.channelsStatus>['channels'][number];
export type TemplatesList = ResponseOf<typeof C.listTemplates>;
export type TemplateRow = TemplatesList['templates'][number];
export type InviteQueued = ResponseOf<typeof C.inviteResidents>;
export type MessagesFilter = { state?: MessageState; channel?: Channel; kind?: MessageKind; audience?: Audience };

export const fetchMessages = (congressId: string, q: MessagesFilter & { page: number; size: number }) => call(C.listMessages, { params: { congressId }, query: q });
export const retryMessage = (congressId: string, messageId: string) => call(C.retryMessage, { params: { congressId, messageId } });
export const fetchChannels = (congressId: string) => call(C.channelsStatus, { params: { congressId } });
export const setRobot = (congressId: string, channel: RobotChannel, webhook: string, secret?: string) =>
  call(C.setRobot, { params: { congressId, channel }, body: secret === undefined ? { webhook } : { webhook, secret } });
export const testSend = (congressId: string, channel: Channel, address?: string) => call(C.testSend, { params: { congressId }, body: address === undefined ? { channel } : { channel, address } });
export const fetchTemplates = (congressId: string) => call(C.listTemplates, { params: { congressId } });
export const saveTemplate = (congressId: string, kind: MessageKind, body: { zh?: string | null; en?: string | null; smsTemplateCode?: string | null }) =>
  call(C.setTemplate, { params: { congressId, kind }, body });
export const inviteResidents = (congressId: string, roundId: string, phones: string) => call(C.inviteResidents, { params: { congressId, roundId }, body: { phones } });
export const fetchMyOptouts = () => call(C.myOptouts);
export const setMyOptout = (channel: PersonalChannel, optedOut: boolean) => call(C.setMyOptout, { body: { channel, optedOut } });
export const publicOptout = (token: string) => call(C.publicOptout, { body: { token } });

// ---- words of the stage's codes (shared/i18n/notify.*) ----
export const channelLabel = (c: Channel) => t(`notify.channel.${c}` as MessageKey);
export const audienceWord = (a: Audience) => t(`notify.audience.${a}` as MessageKey);
export const kindLabel = (k: MessageKind | string) => t(`notify.kind.${k}` as MessageKey);
export const stateLabel = (s: MessageState) => t(`notify.state.${s}` as MessageKey);
export const reasonLabel = (r: string) => t(`notify.reason.${r}` as MessageKey);
