/** Sessions (会议), attendance and check-in, and votes with their ballot cards (会议与票决). */
import type { z } from 'zod';
import type { PaperPending, PaperResult, PrintCard, UpdateVote, Vote } from '../../../shared/ballot/schema.ts';
import type { AttendanceRow, AttendanceStatus, CheckInResult, SessionSummary } from '../../../shared/session/schema.ts';
import { api } from '../api.ts';

export type { AttendanceRow, AttendanceStatus, SessionSummary, Vote };
export type CheckedIn = z.infer<typeof CheckInResult>;
export type PaperRow = z.infer<typeof PaperPending>[number];
export type PaperState = z.infer<typeof PaperResult>['state'];
export type VoteRules = z.input<typeof UpdateVote>;
export type BallotCards = { vote: { title: string; commitment: string | null }; cards: z.infer<typeof PrintCard>[] };

const sessions = (c: string) => `/congresses/${c}/sessions`;
const votes = (c: string, s: string) => `${sessions(c)}/${s}/votes`;

export const fetchSessions = (c: string) => api.get<SessionSummary[]>(sessions(c));
export const createSession = (c: string, body: { name: string; date: string }) => api.post<SessionSummary>(sessions(c), body);
export const fetchSession = (c: string, s: string) => api.get<SessionSummary>(`${sessions(c)}/${s}`);
export const fetchAttendance = (c: string, s: string) => api.get<AttendanceRow[]>(`${sessions(c)}/${s}/attendance`);
export const markAttendance = (c: string, s: string, rid: string, status: AttendanceStatus) =>
  api.put<SessionSummary>(`${sessions(c)}/${s}/attendance/${rid}`, { status });
export const checkIn = (c: string, s: string, token: string) => api.post<CheckedIn>(`${sessions(c)}/${s}/check-in`, { token });

export const fetchVotes = (c: string, s: string) => api.get<Vote[]>(votes(c, s));
export const createVote = (c: string, s: string, body: { listId: string; title: string }) => api.post<Vote>(votes(c, s), body);
export const fetchVote = (c: string, s: string, v: string) => api.get<Vote>(`${votes(c, s)}/${v}`);
export const makeCards = (c: string, s: string, v: string) => api.post<{ cards: number; commitment: string }>(`${votes(c, s)}/${v}/cards`, {});
export const fetchBallotCards = (c: string, s: string, v: string) => api.get<BallotCards>(`${votes(c, s)}/${v}/cards`);
/** What the desk is told after each card or count: the cards issued, the people present, and whether that is more. */
export type Issuance = { issued: number; present: number; overIssued: boolean };
export const issueCard = (c: string, s: string, v: string, card: string) =>
  api.post<Issuance & { serial: string; alreadyIssued: boolean }>(`${votes(c, s)}/${v}/issue`, { card });
export const voidCard = (c: string, s: string, v: string, serial: string) => api.post<{ ok: true }>(`${votes(c, s)}/${v}/void`, { serial });
/** `confirmOverIssue`: the two numbers the presidium confirmed when more cards were issued than people are present. */
export const openVote = (c: string, s: string, v: string, opts: { countdownSeconds?: number; confirmOverIssue?: { issued: number; present: number } } = {}) =>
  api.post<Vote>(`${votes(c, s)}/${v}/open`, opts);
export const closeVote = (c: string, s: string, v: string) => api.post<Vote>(`${votes(c, s)}/${v}/close`, {});
export const updateVote = (c: string, s: string, v: string, body: VoteRules) => api.patch<Vote>(`${votes(c, s)}/${v}`, body);
export const issueByCount = (c: string, s: string, v: string, count: number) => api.post<Issuance & { ok: true }>(`${votes(c, s)}/${v}/issue-count`, { count });
export const enterPaper = (c: string, s: string, v: string, card: string, marks: Record<string, string>) =>
  api.post<{ serial: string; state: PaperState }>(`${votes(c, s)}/${v}/paper`, { card, marks });
export const fetchPaper = (c: string, s: string, v: string) => api.get<PaperRow[]>(`${votes(c, s)}/${v}/paper`);
export const resolvePaper = (c: string, s: string, v: string, serial: string, marks: Record<string, string>) =>
  api.post<{ ok: true }>(`${votes(c, s)}/${v}/paper/resolve`, { serial, marks });

/** Poll `fn` every `ms` while the page is shown (and visible). */
export function every(ms: number, fn: () => void): () => void {
  const id = window.setInterval(() => {
    if (document.visibilityState === 'visible') fn();
  }, ms);
  return () => window.clearInterval(id);
}
