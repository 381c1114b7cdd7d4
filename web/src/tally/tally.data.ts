/**
 * The tally stage (计票与监票) as the web app calls it: the scrutineers prepare and sign the tally, the presidium
 * publishes it, follow-up votes and the reserve pool; and, without an account, the published results, the receipt
 * check, the verification files and the big screen.
 */
import { urlOf } from '../../../shared/contract.ts';
import * as C from '../../../shared/tally/contract.ts';
import type { PublicResult, PublishedVote, ReceiptCheck, Screen, ScreenVote, TallyReport, TallyView, VoteKind } from '../../../shared/tally/schema.ts';
import type { z } from 'zod';
import { call } from '../api.ts';

export type { PublicResult, Screen, TallyReport, TallyView, VoteKind };
export type PublishedVoteRow = z.infer<typeof PublishedVote>;
export type ReceiptAnswer = z.infer<typeof ReceiptCheck>;
export type ScreenVoteRow = z.infer<typeof ScreenVote>;
export type FollowUpKind = 'runoff' | 'further' | 'revote';

const vote = (congressId: string, sessionId: string, voteId: string) => ({ congressId, sessionId, voteId });
const FOLLOW_UP = { runoff: C.createRunoff, further: C.createFurtherVote, revote: C.createRevote } as const;

export const fetchTally = (c: string, s: string, v: string) => call(C.getTally, { params: vote(c, s, v) });
export const prepareTally = (c: string, s: string, v: string) => call(C.prepareTally, { params: vote(c, s, v) });
export const signTally = (c: string, s: string, v: string, body: { chief: boolean; invalidChecked: boolean }) => call(C.signTally, { params: vote(c, s, v), body });
export const publishTally = (c: string, s: string, v: string) => call(C.publishTally, { params: vote(c, s, v) });
export const fetchReport = (c: string, s: string, v: string) => call(C.getTallyReport, { params: vote(c, s, v) });
export const createFollowUp = (c: string, s: string, v: string, kind: FollowUpKind, title?: string) =>
  call(FOLLOW_UP[kind], { params: vote(c, s, v), body: title ? { title } : {} });
/** 空缺名额留空 (presidium). */
export const leaveUnfilled = (c: string, s: string, v: string) => call(C.leaveUnfilled, { params: vote(c, s, v) });
export const reserveCandidates = (c: string, s: string, v: string, candidateIds: string[]) => call(C.reserveCandidates, { params: vote(c, s, v), body: { candidateIds } });

// ---- public, no account ----
export const fetchPublicResult = (voteId: string) => call(C.getPublicResult, { params: { voteId } });
export const fetchPublishedVotes = (congressId: string) => call(C.listPublishedVotes, { params: { congressId } });
export const checkReceipt = (body: { receipt: string; voteId?: string; congressId?: string }) => call(C.checkReceipt, { body });
export const fetchScreen = (sessionId: string) => call(C.getScreen, { params: { sessionId } });
/** Server-sent events: `screen` with a Screen at connect and on every change. */
export const screenEventsUrl = (sessionId: string) => urlOf(C.streamScreen, { sessionId });
export const bulletinUrl = (voteId: string) => urlOf(C.getBulletinFile, { voteId });
export const resultFileUrl = (voteId: string) => urlOf(C.getResultFile, { voteId });

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
