/** Gathering and screening (征集与初定): windows, proposals, screening decisions, candidates and candidate lists. */
import type { z } from 'zod';
import { urlOf } from '../../../shared/contract.ts';
import * as C from '../../../shared/gathering/contract.ts';
import type { Candidate, CandidateFields, CandidateList, Checks, CollectionWindow, Proposal, SimilarProposal, StaffProposal } from '../../../shared/gathering/schema.ts';
import { call } from '../api.ts';
import type { Category, Channel, ProposalStatus } from '../labels.ts';

export type { Candidate, CandidateFields, CandidateList, Checks, CollectionWindow, Proposal };
export type Similar = z.infer<typeof SimilarProposal>;

// ---- collection windows (征集期) ----
export const fetchWindows = (congressId: string) => call(C.listWindows, { params: { congressId } });
export const createWindow = (congressId: string, body: { year: number; opensOn: string; closesOn: string }) => call(C.createWindow, { params: { congressId }, body });
export const updateWindow = (congressId: string, windowId: string, body: { opensOn?: string; closesOn?: string }) => call(C.updateWindow, { params: { congressId, windowId }, body });
export const closeWindow = (congressId: string, windowId: string) => call(C.closeWindow, { params: { congressId, windowId } });

/** The window the public page shows: the open one, else the next scheduled, else the latest. */
export function currentWindow(windows: readonly CollectionWindow[]): CollectionWindow | null {
  return windows.find((w) => w.state === 'open') ?? windows.find((w) => w.state === 'scheduled') ?? windows[0] ?? null;
}

// ---- proposals (项目建议) ----
export type ProposalFilter = { year?: number; status?: ProposalStatus; channel?: Channel; category?: Category; location?: string; q?: string };
export const fetchProposals = (congressId: string, f: ProposalFilter) => call(C.listProposals, { params: { congressId }, query: f });
export const fetchProposal = (congressId: string, proposalId: string) => call(C.getProposal, { params: { congressId, proposalId } });
export const fetchSimilar = (congressId: string, proposalId: string) => call(C.similarProposals, { params: { congressId, proposalId } });
/** JSON alone, or multipart with the JSON in a `data` field and the files in `files` (the contract takes both). */
export const submitStaffProposal = (congressId: string, input: z.input<typeof StaffProposal>, files: readonly File[]) =>
  call(C.createProposal, { params: { congressId }, body: withFiles(input, files) });
export const attachmentUrl = (congressId: string, proposalId: string, attachmentId: string) => urlOf(C.getAttachment, { congressId, proposalId, attachmentId });
/** The export takes the same filters as the list. */
export const proposalsCsvUrl = (congressId: string, f: ProposalFilter & { status?: ProposalStatus }) => urlOf(C.exportProposals, { congressId }, f);

/** A proposal's body: its JSON, or a form with the JSON as `data` beside the files. */
export function withFiles<T>(data: T, files: readonly File[]): T | FormData {
  if (files.length === 0) return data;
  const form = new FormData();
  form.append('data', JSON.stringify(data));
  for (const f of files) form.append('files', f, f.name);
  return form;
}

// ---- screening (初定) ----
export const saveChecks = (congressId: string, proposalId: string, checks: Checks) => call(C.saveChecks, { params: { congressId, proposalId }, body: checks });
export const acceptProposal = (congressId: string, proposalId: string, body: z.input<typeof C.acceptProposal.body>) => call(C.acceptProposal, { params: { congressId, proposalId }, body });
export const mergeProposal = (congressId: string, proposalId: string, body: { intoId: string; reason: string }) => call(C.mergeProposal, { params: { congressId, proposalId }, body });
export const rejectProposal = (congressId: string, proposalId: string, body: { reason: string; reserve: boolean }) => call(C.rejectProposal, { params: { congressId, proposalId }, body });
export const reserveProposal = (congressId: string, proposalId: string) => call(C.reserveProposal, { params: { congressId, proposalId } });
export const reviveProposal = (congressId: string, proposalId: string, windowId: string) => call(C.reviveProposal, { params: { congressId, proposalId }, body: { windowId } });

// ---- candidates (候选项目) and lists (候选项目清单) ----
export const fetchCandidates = (congressId: string, year?: number) => call(C.listCandidates, { params: { congressId }, query: { year } });
export const candidatesCsvUrl = (congressId: string, year?: number) => urlOf(C.exportCandidates, { congressId }, { year });
export const updateCandidate = (congressId: string, candidateId: string, body: Partial<CandidateFields>) => call(C.updateCandidate, { params: { congressId, candidateId }, body });

export const fetchLists = (congressId: string) => call(C.listLists, { params: { congressId } });
export const fetchList = (congressId: string, listId: string) => call(C.getList, { params: { congressId, listId } });
export const createList = (congressId: string, body: { title: string; year: number; seats: number; candidateIds: string[] }) => call(C.createList, { params: { congressId }, body });
export const updateList = (congressId: string, listId: string, body: Partial<{ title: string; seats: number; candidateIds: string[] }>) => call(C.updateList, { params: { congressId, listId }, body });
export const freezeList = (congressId: string, listId: string, acknowledgeSurplusWarning: boolean) => call(C.freezeList, { params: { congressId, listId }, body: { acknowledgeSurplusWarning } });
export const newListVersion = (congressId: string, listId: string) => call(C.newListVersion, { params: { congressId, listId } });

/** Add up amounts in 万元 (strings with up to two decimals) in whole fen, so no float error creeps into a total. */
export function sumWan(amounts: readonly (string | null | undefined)[]): number {
  let cents = 0;
  for (const a of amounts) {
    const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec((a ?? '').trim());
    if (m) cents += Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  }
  return cents / 100;
}
