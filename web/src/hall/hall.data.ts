/** Sessions (会议), attendance and check-in, and votes with their ballot cards (会议与票决). */
import type { z } from 'zod';
import * as B from '../../../shared/ballot/contract.ts';
import type { CreateMotion, CreateVote, Motion, PaperPending, PaperResult, UpdateMotion, UpdateVote, Vote } from '../../../shared/ballot/schema.ts';
import * as S from '../../../shared/session/contract.ts';
import type { AttendanceRow, AttendanceStatus, CheckInResult, SessionSummary } from '../../../shared/session/schema.ts';
import type { ResponseOf } from '../../../shared/contract.ts';
import { call } from '../api.ts';

export type { AttendanceRow, AttendanceStatus, Motion, SessionSummary, Vote };
export type Question = Vote['questions'][number];
export type CheckedIn = z.infer<typeof CheckInResult>;
export type PaperRow = z.infer<typeof PaperPending>[number];
export type PaperState = z.infer<typeof PaperResult>['state'];
export type VoteRules = z.input<typeof UpdateVote>;
export type BallotCards = ResponseOf<typeof B.printCards>;

const session = (c: string, s: string) => ({ congressId: c, sessionId: s });
const vote = (c: string, s: string, v: string) => ({ congressId: c, sessionId: s, voteId: v });

export const fetchSessions = (c: string) => call(S.listSessions, { params: { congressId: c } });
export const createSession = (c: string, body: { name: string; date: string }) => call(S.createSession, { params: { congressId: c }, body });
export const fetchSession = (c: string, s: string) => call(S.getSession, { params: session(c, s) });
export const fetchAttendance = (c: string, s: string) => call(S.listAttendance, { params: session(c, s) });
export const markAttendance = (c: string, s: string, rid: string, status: AttendanceStatus) =>
  call(S.markAttendance, { params: { ...session(c, s), representativeId: rid }, body: { status } });
export const checkIn = (c: string, s: string, token: string) => call(S.checkIn, { params: session(c, s), body: { token } });

export const fetchVotes = (c: string, s: string) => call(B.listVotes, { params: session(c, s) });
/** A vote over a list, a sitting of motions (表决事项单), or both on one card. */
export const createVote = (c: string, s: string, body: z.input<typeof CreateVote>) => call(B.createVote, { params: session(c, s), body });
/** What a sitting asks, in card order: its motions, and the project question before the motion at `listPosition`. */
export const setQuestions = (c: string, s: string, v: string, body: { motionIds: string[]; listPosition: number }) => call(B.setQuestions, { params: vote(c, s, v), body });

export const fetchMotions = (c: string, s: string) => call(B.listMotions, { params: session(c, s) });
export const createMotion = (c: string, s: string, body: z.input<typeof CreateMotion>) => call(B.createMotion, { params: session(c, s), body });
export const updateMotion = (c: string, s: string, m: string, body: z.input<typeof UpdateMotion>) => call(B.updateMotion, { params: { ...session(c, s), motionId: m }, body });
export const deleteMotion = (c: string, s: string, m: string) => call(B.deleteMotion, { params: { ...session(c, s), motionId: m } });
export const fetchVote = (c: string, s: string, v: string) => call(B.getVote, { params: vote(c, s, v) });
export const makeCards = (c: string, s: string, v: string) => call(B.generateCards, { params: vote(c, s, v), body: {} });
export const fetchBallotCards = (c: string, s: string, v: string) => call(B.printCards, { params: vote(c, s, v) });
/** What the desk is told after each card or count: the cards issued, the people present, and whether that is more. */
export type Issuance = { issued: number; present: number; overIssued: boolean };
export const issueCard = (c: string, s: string, v: string, card: string) => call(B.issueCard, { params: vote(c, s, v), body: { card } });
export const voidCard = (c: string, s: string, v: string, serial: string) => call(B.voidCard, { params: vote(c, s, v), body: { serial } });
/** `confirmOverIssue`: the two numbers the presidium confirmed when more cards were issued than people are present. */
export const openVote = (c: string, s: string, v: string, opts: { countdownSeconds?: number; confirmOverIssue?: { issued: number; present: number } } = {}) =>
  call(B.openVote, { params: vote(c, s, v), body: opts });
export const closeVote = (c: string, s: string, v: string) => call(B.closeVote, { params: vote(c, s, v) });
export const updateVote = (c: string, s: string, v: string, body: VoteRules) => call(B.updateVote, { params: vote(c, s, v), body });
export const issueByCount = (c: string, s: string, v: string, count: number) => call(B.issueByCount, { params: vote(c, s, v), body: { count } });
export const enterPaper = (c: string, s: string, v: string, card: string, marks: Record<string, string>) =>
  call(B.enterPaper, { params: vote(c, s, v), body: { card, marks } });
export const fetchPaper = (c: string, s: string, v: string) => call(B.listPaper, { params: vote(c, s, v) });
export const resolvePaper = (c: string, s: string, v: string, serial: string, marks: Record<string, string>) =>
  call(B.resolvePaper, { params: vote(c, s, v), body: { serial, marks } });

/** Poll `fn` every `ms` while the page is shown (and visible). */
export function every(ms: number, fn: () => void): () => void {
  const id = window.setInterval(() => {
    if (document.visibilityState === 'visible') fn();
  }, ms);
  return () => window.clearInterval(id);
}
