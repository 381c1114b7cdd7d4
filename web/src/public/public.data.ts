/**
 * The resident-facing API under /api/public (no account): a congress and its collection window, the check question,
 * submitting a proposal, following it with the tracking code, and the frozen candidate lists.
 */
import type { PublicProposal, Tracking } from '../../../shared/gathering/schema.ts';
import type { z } from 'zod';
import { api } from '../api.ts';
import type { Category, WindowState } from '../labels.ts';

export type { Tracking };

/** As answered by GET /api/public/congresses/:id (the schema lives with the server route). */
export type PublicCongress = {
  id: string;
  name: string;
  level: string;
  term: number;
  categories: Category[];
  window: { year: number; opensOn: string; closesOn: string; state: WindowState } | null;
  /** The submission page as the poster QR encodes it (PUBLIC_ORIGIN when set). */
  submitUrl: string;
};

/** A frozen list as printed on ballots (GET /api/public/congresses/:id/candidate-lists). */
export type FrozenList = {
  id: string;
  title: string;
  year: number;
  seats: number;
  version: number;
  frozenAt: string;
  /** False once a later version has been frozen. */
  current: boolean;
  items: {
    position: number;
    title: string;
    content: string;
    plannedInvestment: string;
    leadDepartment: string;
    coDepartments: string[];
    plannedCompletion: string;
    fundingSource: string;
    expectedOutcome: string;
  }[];
};

export type Challenge = { token: string; question: { zh: string; en: string } };

export const fetchPublicCongress = (id: string) => api.get<PublicCongress>(`/public/congresses/${id}`);
export const fetchChallenge = () => api.get<Challenge>('/public/challenge');
export const submitPublicProposal = (congressId: string, input: z.input<typeof PublicProposal>, files: readonly File[]) =>
  api.postWithFiles<{ trackingCode: string }>(`/public/congresses/${congressId}/proposals`, input, files);
export const fetchTracking = (code: string) => api.get<Tracking>(`/public/track/${encodeURIComponent(code)}`);
export const fetchFrozenLists = (congressId: string) => api.get<FrozenList[]>(`/public/congresses/${congressId}/candidate-lists`);
export const frozenListCsvUrl = (congressId: string, listId: string) => `/api/public/congresses/${congressId}/candidate-lists/${listId}/export.csv`;
export const posterQrUrl = (congressId: string) => `/api/public/congresses/${congressId}/poster-qr.svg`;
/** The address the poster's QR opens (the server draws the QR of the same path on its public origin). */
export const submitPageUrl = (congressId: string) => `${location.origin}/p/${congressId}`;
