/**
 * The tally stage (计票与监票) as the web app calls it: the scrutineers prepare and sign the tally, the presidium
 * publishes it, follow-up votes and the reserve pool; and, without an account, the published results, the receipt
 * check, the verification files and the big screen.
 */
import type { Vote } from '../../../shared/ballot/schema.ts';
import type { PublicResult, PublishedVote, ReceiptCheck, Screen, ScreenVote, TallyReport, TallyView, VoteKind } from '../../../shared/tally/schema.ts';
import type { z } from 'zod';
import { api } from '../api.ts';

export type { PublicResult, Screen, TallyReport, TallyView, VoteKind };
export type PublishedVoteRow = z.infer<typeof PublishedVote>;
export type ReceiptAnswer = z.infer<typeof ReceiptCheck>;
export type ScreenVoteRow = z.infer<typeof ScreenVote>;
export type FollowUpKind = 'runoff' | 'further' | 'revote';

const vote = (c: string, s: string, v: string) => `/congresses/${c}/sessions/${s}/votes/${v}`;

export const fetchTally = (c: string, s: string, v: string) => api.get<TallyView>(`${vote(c, s, v)}/tally`);
export const prepareTally = (c: string, s: string, v: string) => api.post<TallyView>(`${vote(c, s, v)}/tally`, {});
export const signTally = (c: string, s: string, v: string, body: { chief: boolean; invalidChecked: boolean }) =>
  api.post<TallyView>(`${vote(c, s, v)}/tally/signoff`, body);
export const publishTally = (c: string, s: string, v: string) => api.post<TallyView>(`${vote(c, s, v)}/tally/publish`, {});
export const fetchReport = (c: string, s: string, v: string) => api.get<TallyReport>(`${vote(c, s, v)}/tally/report`);
export const createFollowUp = (c: string, s: string, v: string, kind: FollowUpKind, title?: string) =>
  api.post<Vote>(`${vote(c, s, v)}/${kind}`, title ? { title } : {});
/** 空缺名额留空 (presidium). */
export const leaveUnfilled = (c: string, s: string, v: string) => api.post<TallyView>(`${vote(c, s, v)}/leave-unfilled`, {});
export const reserveCandidates = (c: string, s: string, v: string, candidateIds: string[]) =>
  api.post<{ reserved: number }>(`${vote(c, s, v)}/reserve`, { candidateIds });

// ---- public, no account ----
export const fetchPublicResult = (voteId: string) => api.get<PublicResult>(`/public/votes/${voteId}/result`);
export const fetchPublishedVotes = (congressId: string) => api.get<PublishedVoteRow[]>(`/public/congresses/${congressId}/results`);
export const checkReceipt = (body: { receipt: string; voteId?: string; congressId?: string }) => api.post<ReceiptAnswer>('/public/receipts/check', body);
export const fetchScreen = (sessionId: string) => api.get<Screen>(`/public/sessions/${sessionId}/screen`);
/** Server-sent events: `screen` with a Screen at connect and on every change. */
export const screenEventsUrl = (sessionId: string) => `/api/public/sessions/${sessionId}/events`;
export const bulletinUrl = (voteId: string) => `/api/public/votes/${voteId}/bulletin.json`;
export const resultFileUrl = (voteId: string) => `/api/public/votes/${voteId}/result.json`;

/** Pages a person opens (same origin). */
export const publicResultPath = (voteId: string) => `/v/${voteId}`;
export const screenPath = (sessionId: string) => `/screen/${sessionId}`;
export const reportPath = (c: string, s: string, v: string) => `/c/${c}/sessions/${s}/votes/${v}/report`;

/**
 * A receipt as printed on the tablet, however typed: upper case, without spaces or dashes. Receipts are 10 characters
 * from an alphabet without 0/O and 1/I/L.
 */
export const normalizeReceipt = (s: string) => s.toUpperCase().replace(/[\s\-－–—_]/g, '');
export const RECEIPT_LENGTH = 10;
