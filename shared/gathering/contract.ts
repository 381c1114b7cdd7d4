/** The gathering stage's API routes, each once (shared/contract.ts): collection windows, proposals, screening, candidates and their lists, and the residents' public pages. */
import { z } from 'zod';
import { MB, route } from '../contract.ts';
import { CongressId } from '../congress/schema.ts';
import { ShortAddress, ShortCodeParam } from '../congress/short-address.ts';
import { ProposalPage, ProposalPageQuery } from './page.ts';
import {
  AcceptProposal,
  Candidate,
  CandidateList,
  CandidateListInput,
  CandidateParams,
  Checks,
  CollectionWindow,
  CreateWindow,
  FreezeList,
  FrozenList,
  ListParams,
  MergeProposal,
  Proposal,
  ProposalParams,
  ProposalQuery,
  PublicCongress,
  PublicProposal,
  RejectProposal,
  ReviveProposal,
  SimilarProposal,
  StaffProposal,
  Tracking,
  UpdateCandidate,
  UpdateCandidateList,
  UpdateWindow,
  WindowParams,
} from './schema.ts';

const Ok = z.object({ ok: z.literal(true) });
const AttachmentParams = ProposalParams.extend({ attachmentId: z.uuid() });
const YearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
const TrackParams = z.object({ code: z.string().max(20) });
/** A check question of the public form: the signed token goes back with the answer. */
export const Challenge = z.object({ token: z.string(), question: z.object({ zh: z.string(), en: z.string() }) });
/** The file types a proposal may carry (judged by their first bytes: server/gathering/attachments.ts). */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
/** Up to five photos or PDFs of 5 MB each beside the JSON (server/gathering/attachments.ts checks each). */
const withFiles = { bodyKind: 'json-or-multipart', accepts: ATTACHMENT_TYPES, limit: 26 * MB, limitLabel: '26 MB' } as const;
const ATTACHMENT_ERRORS = ['too_many_attachments', 'attachment_empty', 'attachment_too_large', 'attachment_type'] as const;

// ---- collection windows ----
export const listWindows = route({
  method: 'GET',
  path: '/congresses/:congressId/collection-windows',
  tag: 'gathering',
  summary: 'Collection windows by year, with their state',
  permission: 'gathering.windows.read',
  params: CongressId,
  response: z.array(CollectionWindow),
});

export const createWindow = route({
  method: 'POST',
  path: '/congresses/:congressId/collection-windows',
  tag: 'gathering',
  summary: 'Schedule a collection window for a year',
  permission: 'gathering.windows.manage',
  params: CongressId,
  body: CreateWindow,
  status: 201,
  response: z.object({ id: z.string() }),
  errors: ['window_exists'],
});

export const updateWindow = route({
  method: 'PATCH',
  path: '/congresses/:congressId/collection-windows/:windowId',
  tag: 'gathering',
  summary: 'Change the dates of a window (reopens one closed early)',
  permission: 'gathering.windows.manage',
  params: WindowParams,
  body: UpdateWindow,
  response: Ok,
  errors: ['window_not_found'],
});

export const closeWindow = route({
  method: 'POST',
  path: '/congresses/:congressId/collection-windows/:windowId/close',
  tag: 'gathering',
  summary: 'Close a window now (public submission stops)',
  permission: 'gathering.windows.manage',
  params: WindowParams,
  response: Ok,
  errors: ['window_not_found'],
});

// ---- proposals ----
export const listProposals = route({
  method: 'GET',
  path: '/congresses/:congressId/proposals',
  tag: 'gathering',
  summary: 'Proposals, filtered by year, status, channel, category, location or text',
  description: 'Staff and the government office see all; representatives and departments see what they entered.',
  permission: 'gathering.proposals.read',
  params: CongressId,
  query: ProposalQuery,
  response: z.array(Proposal),
});

export const pageProposals = route({
  method: 'GET',
  path: '/congresses/:congressId/proposals/page',
  tag: 'gathering',
  summary: 'Proposals a page at a time (page, size), filtered and searched on the server, with the total and counts by status over the other filters',
  description: 'Staff and the government office see all; representatives and departments see what they entered.',
  permission: 'gathering.proposals.read',
  params: CongressId,
  query: ProposalPageQuery,
  response: ProposalPage,
});

export const createProposal = route({
  method: 'POST',
  path: '/congresses/:congressId/proposals',
  tag: 'gathering',
  summary: 'Enter a proposal from an account (JSON, or multipart with `data` and `files`)',
  description: 'Representatives, departments and the government enter their own channel while a window is open; staff enter any channel (a resident channel becomes the liaison station), also into the latest window after it closed.',
  permission: 'gathering.proposals.submit',
  params: CongressId,
  body: StaffProposal,
  ...withFiles,
  status: 201,
  response: Proposal,
  errors: ['no_open_window', ...ATTACHMENT_ERRORS],
});

export const exportProposals = route({
  method: 'GET',
  path: '/congresses/:congressId/proposals/export.csv',
  tag: 'gathering',
  summary: 'Proposals as CSV (no contact details)',
  permission: 'gathering.proposals.readAll',
  params: CongressId,
  query: ProposalQuery,
  produces: 'csv',
});

export const getProposal = route({
  method: 'GET',
  path: '/congresses/:congressId/proposals/:proposalId',
  tag: 'gathering',
  summary: 'One proposal with its checks, links and attachments',
  permission: 'gathering.proposals.read',
  params: ProposalParams,
  response: Proposal,
  errors: ['proposal_not_found'],
});

export const getAttachment = route({
  method: 'GET',
  path: '/congresses/:congressId/proposals/:proposalId/attachments/:attachmentId',
  tag: 'gathering',
  summary: 'Download an attachment',
  permission: 'gathering.proposals.read',
  params: AttachmentParams,
  produces: 'file',
  errors: ['proposal_not_found', 'attachment_not_found'],
});

export const similarProposals = route({
  method: 'GET',
  path: '/congresses/:congressId/proposals/:proposalId/similar',
  tag: 'gathering',
  summary: 'Likely duplicates: same location and a similar title',
  permission: 'gathering.proposals.readAll',
  params: ProposalParams,
  response: z.array(SimilarProposal),
  errors: ['proposal_not_found'],
});

// ---- screening (初定) ----
export const saveChecks = route({
  method: 'PUT',
  path: '/congresses/:congressId/proposals/:proposalId/checks',
  tag: 'screening',
  summary: 'Record the screening checks',
  permission: 'gathering.screen',
  params: ProposalParams,
  body: Checks,
  response: Ok,
  errors: ['proposal_not_found', 'proposal_screened'],
});

export const acceptProposal = route({
  method: 'POST',
  path: '/congresses/:congressId/proposals/:proposalId/accept',
  tag: 'screening',
  summary: 'Accept as a candidate with its formal fields',
  permission: 'gathering.screen',
  params: ProposalParams,
  body: AcceptProposal,
  status: 201,
  response: Candidate,
  errors: ['proposal_not_found', 'proposal_screened', 'checks_incomplete', 'check_failed', 'negative_list', 'department_not_found'],
});

export const mergeProposal = route({
  method: 'POST',
  path: '/congresses/:congressId/proposals/:proposalId/merge',
  tag: 'screening',
  summary: 'Merge into another proposal (重复合并)',
  permission: 'gathering.screen',
  params: ProposalParams,
  body: MergeProposal,
  response: Ok,
  errors: ['merge_self', 'proposal_not_found', 'proposal_screened', 'merge_target_invalid'],
});

export const rejectProposal = route({
  method: 'POST',
  path: '/congresses/:congressId/proposals/:proposalId/reject',
  tag: 'screening',
  summary: 'Not adopted (不予采纳), with a reason; optionally to the reserve pool',
  permission: 'gathering.screen',
  params: ProposalParams,
  body: RejectProposal,
  response: Ok,
  errors: ['proposal_not_found', 'proposal_screened'],
});

export const reserveProposal = route({
  method: 'POST',
  path: '/congresses/:congressId/proposals/:proposalId/reserve',
  tag: 'screening',
  summary: 'Put a proposal that was not adopted into the reserve pool (储备库)',
  permission: 'gathering.screen',
  params: ProposalParams,
  response: Ok,
  errors: ['proposal_not_found', 'not_rejectable'],
});

export const reviveProposal = route({
  method: 'POST',
  path: '/congresses/:congressId/proposals/:proposalId/revive',
  tag: 'screening',
  summary: 'Bring a reserved proposal back in a later year',
  permission: 'gathering.proposals.revive',
  params: ProposalParams,
  body: ReviveProposal,
  status: 201,
  response: Proposal,
  errors: ['proposal_not_found', 'not_reserved', 'already_revived', 'window_not_found'],
});

// ---- candidates ----
export const listCandidates = route({
  method: 'GET',
  path: '/congresses/:congressId/candidates',
  tag: 'candidates',
  summary: 'Candidates (accepted proposals) of a year',
  permission: 'gathering.lists.read',
  params: CongressId,
  query: YearQuery,
  response: z.array(Candidate),
});

export const updateCandidate = route({
  method: 'PATCH',
  path: '/congresses/:congressId/candidates/:candidateId',
  tag: 'candidates',
  summary: "Edit a candidate's formal fields (not once on a frozen list)",
  permission: 'gathering.screen',
  params: CandidateParams,
  body: UpdateCandidate,
  response: Candidate,
  errors: ['candidate_not_found', 'candidate_locked', 'department_not_found'],
});

export const exportCandidates = route({
  method: 'GET',
  path: '/congresses/:congressId/candidates/export.csv',
  tag: 'candidates',
  summary: 'Candidates of a year as CSV',
  permission: 'gathering.proposals.readAll',
  params: CongressId,
  query: YearQuery,
  produces: 'csv',
});

// ---- candidate lists ----
export const listLists = route({
  method: 'GET',
  path: '/congresses/:congressId/candidate-lists',
  tag: 'candidates',
  summary: 'Candidate lists, every version',
  permission: 'gathering.lists.read',
  params: CongressId,
  response: z.array(CandidateList),
});

export const createList = route({
  method: 'POST',
  path: '/congresses/:congressId/candidate-lists',
  tag: 'candidates',
  summary: 'Draft a candidate list in a stated order',
  permission: 'gathering.lists.edit',
  params: CongressId,
  body: CandidateListInput,
  status: 201,
  response: CandidateList,
  errors: ['candidate_wrong_year'],
});

export const getList = route({
  method: 'GET',
  path: '/congresses/:congressId/candidate-lists/:listId',
  tag: 'candidates',
  summary: 'One candidate list',
  permission: 'gathering.lists.read',
  params: ListParams,
  response: CandidateList,
  errors: ['list_not_found'],
});

export const updateList = route({
  method: 'PATCH',
  path: '/congresses/:congressId/candidate-lists/:listId',
  tag: 'candidates',
  summary: 'Change a draft list (title, seats, order of candidates)',
  permission: 'gathering.lists.edit',
  params: ListParams,
  body: UpdateCandidateList,
  response: CandidateList,
  errors: ['list_not_found', 'list_frozen', 'candidate_wrong_year'],
});

export const freezeList = route({
  method: 'POST',
  path: '/congresses/:congressId/candidate-lists/:listId/freeze',
  tag: 'candidates',
  summary: 'Freeze the list for the vote (standing committee)',
  permission: 'gathering.lists.freeze',
  params: ListParams,
  body: FreezeList,
  response: CandidateList,
  errors: ['list_not_found', 'list_frozen', 'list_too_few', 'list_surplus_warning'],
});

export const newListVersion = route({
  method: 'POST',
  path: '/congresses/:congressId/candidate-lists/:listId/new-version',
  tag: 'candidates',
  summary: 'Start a new version of a frozen list (the old one stays on record)',
  permission: 'gathering.lists.edit',
  params: ListParams,
  status: 201,
  response: CandidateList,
  errors: ['list_not_found', 'list_not_frozen', 'list_superseded'],
});

// ---- the residents' pages (no account) ----
export const getPublicCongress = route({
  method: 'GET',
  path: '/public/congresses/:congressId',
  tag: 'public',
  summary: 'A congress and its collection window, for the public submission page',
  permission: 'public',
  params: CongressId,
  response: PublicCongress,
  errors: ['congress_not_found'],
});

export const findShortAddress = route({
  method: 'GET',
  path: '/public/addresses/:code',
  tag: 'public',
  summary: 'The congress a typed short code names (/p/K7Q3M, /e/K7Q3M; any case, spaces and dashes ignored)',
  permission: 'public',
  params: ShortCodeParam,
  response: ShortAddress,
  errors: ['short_code_format', 'short_code_not_found'],
});

export const getShortAddress = route({
  method: 'GET',
  path: '/public/congresses/:congressId/addresses',
  tag: 'public',
  summary: "A congress's typable addresses, for posters and slips (its short code is given at first use)",
  permission: 'public',
  params: CongressId,
  response: ShortAddress,
  errors: ['congress_not_found'],
});

export const getChallenge = route({
  method: 'GET',
  path: '/public/challenge',
  tag: 'public',
  summary: 'A check question for the public submission form',
  permission: 'public',
  response: Challenge,
});

export const submitPublicProposal = route({
  method: 'POST',
  path: '/public/congresses/:congressId/proposals',
  tag: 'public',
  summary: 'A resident submits a proposal (JSON, or multipart with `data` and `files`); answers the tracking code',
  description: 'At most 10 submissions an hour from one address; the check question is used up by a submission it lets through.',
  permission: 'public',
  params: CongressId,
  body: PublicProposal,
  ...withFiles,
  status: 201,
  response: z.object({ trackingCode: z.string() }),
  errors: ['congress_not_found', 'rate_limited', 'no_open_window', 'challenge_failed', 'challenge_expired', 'too_fast', ...ATTACHMENT_ERRORS],
});

export const trackProposal = route({
  method: 'GET',
  path: '/public/track/:code',
  tag: 'public',
  summary: 'Follow a proposal with its tracking code (no contact details)',
  permission: 'public',
  params: TrackParams,
  response: Tracking,
  errors: ['rate_limited', 'tracking_not_found'],
});

export const listFrozenLists = route({
  method: 'GET',
  path: '/public/congresses/:congressId/candidate-lists',
  tag: 'public',
  summary: 'Frozen candidate lists of a congress',
  permission: 'public',
  params: CongressId,
  response: z.array(FrozenList),
  errors: ['congress_not_found'],
});

export const getFrozenList = route({
  method: 'GET',
  path: '/public/congresses/:congressId/candidate-lists/:listId',
  tag: 'public',
  summary: 'One frozen candidate list, as printed on ballots',
  permission: 'public',
  params: ListParams,
  response: FrozenList,
  errors: ['congress_not_found', 'list_not_found'],
});

export const exportFrozenList = route({
  method: 'GET',
  path: '/public/congresses/:congressId/candidate-lists/:listId/export.csv',
  tag: 'public',
  summary: 'A frozen candidate list as CSV',
  permission: 'public',
  params: ListParams,
  produces: 'csv',
  errors: ['congress_not_found', 'list_not_found'],
});

export const posterQr = route({
  method: 'GET',
  path: '/public/congresses/:congressId/poster-qr.svg',
  tag: 'public',
  summary: 'QR code of the public submission page, for the poster',
  permission: 'public',
  params: CongressId,
  produces: 'svg',
  errors: ['congress_not_found'],
});
