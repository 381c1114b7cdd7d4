import { z } from 'zod';
import { CongressId } from '../congress/schema.ts';

export const CATEGORIES = ['education', 'transport', 'water', 'health', 'elderly_care', 'environment', 'culture', 'other'] as const;
export const Category = z.enum(CATEGORIES);
/** Source channels (design §2). */
export const CHANNELS = ['resident_online', 'liaison_station', 'hotline_12345', 'representative', 'department', 'government'] as const;
export const Channel = z.enum(CHANNELS);
export const PROPOSAL_STATUSES = ['submitted', 'accepted', 'merged', 'not_adopted', 'reserved'] as const;
export const ProposalStatus = z.enum(PROPOSAL_STATUSES);
/** The checks local rules ask for at screening (design §3). */
export const CHECKS = ['feasibility', 'assessment', 'legality', 'fiscal', 'environment', 'landUse', 'publicSafety'] as const;
export const CHECK_RESULTS = ['pending', 'pass', 'fail', 'not_applicable'] as const;
export const CheckResult = z.enum(CHECK_RESULTS);
/** A window's state, computed from its dates and the time now (Asia/Shanghai): never stored. */
export const WINDOW_STATES = ['scheduled', 'open', 'closed'] as const;
export type WindowState = (typeof WINDOW_STATES)[number];

const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).default('');
/** 万元 with at most two decimals, as a string so no float rounding touches money. */
export const Wan = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string().regex(/^\d{1,9}(\.\d{1,2})?$/, { message: 'money_format' }));

export const Year = z.int().min(2000).max(2100);
export const IsoDate = z.iso.date();

// ---- collection windows -------------------------------------------------------------------------------------------
export const CreateWindow = z
  .object({ year: Year, opensOn: IsoDate, closesOn: IsoDate })
  .refine((w) => w.opensOn <= w.closesOn, { message: 'dates_order', path: ['closesOn'] });
export const UpdateWindow = z
  .object({ opensOn: IsoDate, closesOn: IsoDate })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'empty_update' });
export const WindowParams = CongressId.extend({ windowId: z.uuid() });
export const CollectionWindow = z.object({
  id: z.string(),
  year: z.int(),
  opensOn: z.string(),
  closesOn: z.string(),
  closedAt: z.string().nullable(),
  /** Computed from the dates and the time now (Asia/Shanghai): never stored. */
  state: z.enum(WINDOW_STATES),
  proposals: z.int(),
});
export type CollectionWindow = z.infer<typeof CollectionWindow>;

// ---- proposals -----------------------------------------------------------------------------------------------------
export const ProposalFields = z.object({
  title: text(80),
  description: text(4000),
  category: Category,
  location: text(80),
  estimatedInvestment: Wan.optional(),
  beneficiaries: optText(200),
});

/** A resident's submission on the public page. */
export const PublicProposal = ProposalFields.extend({
  submitterName: optText(40),
  /** Private: never shown publicly, never exported. */
  submitterContact: text(80),
  challenge: z.string().min(10).max(2000),
  answer: z.string().trim().max(10),
  /** Left empty by people; bots fill every field. */
  website: z.string().max(200).optional(),
});
export type PublicProposal = z.infer<typeof PublicProposal>;

/** Staff, representatives, departments and government enter proposals from their accounts. */
export const StaffProposal = ProposalFields.extend({
  channel: Channel,
  /** The liaison station (代表联络站) for channel liaison_station. */
  station: optText(80),
  submitterName: optText(40),
  submitterContact: optText(80),
});
export type StaffProposal = z.infer<typeof StaffProposal>;

export const ProposalParams = CongressId.extend({ proposalId: z.uuid() });
export const ProposalQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: ProposalStatus.optional(),
  channel: Channel.optional(),
  category: Category.optional(),
  location: z.string().trim().max(80).optional(),
  q: z.string().trim().max(80).optional(),
});

export const Checks = z.object(
  Object.fromEntries(CHECKS.map((k) => [k, z.object({ result: CheckResult, note: optText(500) }).default({ result: 'pending', note: '' })])) as {
    [K in (typeof CHECKS)[number]]: z.ZodDefault<z.ZodObject<{ result: typeof CheckResult; note: z.ZodDefault<z.ZodString> }>>;
  },
);
export type Checks = z.infer<typeof Checks>;

export const CandidateFields = z.object({
  title: text(80),
  content: text(2000),
  leadDepartmentId: z.uuid(),
  coDepartmentIds: z.array(z.uuid()).max(20).default([]),
  plannedInvestment: Wan,
  fundingSource: text(200),
  plannedCompletion: IsoDate,
  expectedOutcome: text(1000),
});
export type CandidateFields = z.infer<typeof CandidateFields>;

export const AcceptProposal = z.object({ candidate: CandidateFields, note: optText(500) });
export const MergeProposal = z.object({ intoId: z.uuid(), reason: optText(500) });
export const RejectProposal = z.object({ reason: text(1000), reserve: z.boolean().default(false) });
export const ReviveProposal = z.object({ windowId: z.uuid() });

export const Attachment = z.object({ id: z.string(), filename: z.string(), mime: z.string(), size: z.int() });

export const Proposal = z.object({
  id: z.string(),
  trackingCode: z.string(),
  year: z.int(),
  windowId: z.string(),
  title: z.string(),
  description: z.string(),
  category: Category,
  location: z.string(),
  estimatedInvestment: z.string().nullable(),
  beneficiaries: z.string(),
  channel: Channel,
  station: z.string(),
  submitterName: z.string(),
  submitterContact: z.string(),
  status: ProposalStatus,
  decisionReason: z.string(),
  mergedInto: z.object({ id: z.string(), title: z.string(), trackingCode: z.string() }).nullable(),
  mergedFrom: z.array(z.object({ id: z.string(), title: z.string(), trackingCode: z.string() })),
  candidateId: z.string().nullable(),
  checks: Checks,
  negativeListHits: z.array(z.string()),
  revivedFrom: z.object({ id: z.string(), year: z.int(), trackingCode: z.string() }).nullable(),
  revivedAs: z.string().nullable(),
  attachments: z.array(Attachment),
  createdAt: z.string(),
  screenedAt: z.string().nullable(),
});
export type Proposal = z.infer<typeof Proposal>;

export const SimilarProposal = z.object({ id: z.string(), title: z.string(), location: z.string(), status: ProposalStatus, score: z.number() });

/** What a submitter sees with the tracking code: never contact details. */
export const Tracking = z.object({
  trackingCode: z.string(),
  congressName: z.string(),
  year: z.int(),
  title: z.string(),
  category: Category,
  location: z.string(),
  channel: Channel,
  status: ProposalStatus,
  submittedAt: z.string(),
  screenedAt: z.string().nullable(),
  reason: z.string(),
  mergedInto: z.object({ title: z.string(), status: ProposalStatus }).nullable(),
  candidate: z.object({ title: z.string(), onFrozenList: z.boolean() }).nullable(),
  /** Once elected: the project it became (the public progress page `/progress/<congress>/<project>`). */
  projectId: z.string().nullable(),
  revivedAs: z.object({ year: z.int() }).nullable(),
  congressId: z.string(),
  /** How many other people's proposals were merged into this one. */
  mergedFromCount: z.int(),
});
export type Tracking = z.infer<typeof Tracking>;

// ---- candidates and lists ------------------------------------------------------------------------------------------
export const CandidateParams = CongressId.extend({ candidateId: z.uuid() });
export const UpdateCandidate = CandidateFields.partial().refine((v) => Object.keys(v).length > 0, { message: 'empty_update' });
export const Candidate = z.object({
  id: z.string(),
  year: z.int(),
  proposalId: z.string(),
  title: z.string(),
  content: z.string(),
  leadDepartment: z.object({ id: z.string(), name: z.string() }),
  coDepartments: z.array(z.object({ id: z.string(), name: z.string() })),
  plannedInvestment: z.string(),
  fundingSource: z.string(),
  plannedCompletion: z.string(),
  expectedOutcome: z.string(),
  /** Proposals merged into this candidate's proposal. */
  mergedProposals: z.int(),
  /** On a frozen list: its formal fields can no longer change. */
  locked: z.boolean(),
});
export type Candidate = z.infer<typeof Candidate>;

export const CandidateListInput = z.object({
  title: text(120),
  year: Year,
  seats: z.int().min(1).max(100),
  candidateIds: z.array(z.uuid()).max(200).refine((ids) => new Set(ids).size === ids.length, { message: 'duplicate_candidate' }),
});
export const UpdateCandidateList = CandidateListInput.partial().refine((v) => Object.keys(v).length > 0, { message: 'empty_update' });
export const ListParams = CongressId.extend({ listId: z.uuid() });
export const FreezeList = z.object({ acknowledgeSurplusWarning: z.boolean().default(false) });

export const CandidateList = z.object({
  id: z.string(),
  title: z.string(),
  year: z.int(),
  seats: z.int(),
  version: z.int(),
  frozenAt: z.string().nullable(),
  frozenBy: z.string().nullable(),
  supersedesId: z.string().nullable(),
  supersededById: z.string().nullable(),
  warnings: z.array(z.enum(['below_min_surplus', 'fewer_than_seats', 'empty'])),
  items: z.array(Candidate.extend({ position: z.int() })),
});
export type CandidateList = z.infer<typeof CandidateList>;

/** 差额 rules: fewer candidates than seats is refused; below the minimum surplus is a warning. */
export function listWarnings(candidates: number, seats: number, minSurplus: number): CandidateList['warnings'] {
  if (candidates === 0) return ['empty'];
  if (candidates < seats) return ['fewer_than_seats'];
  if (candidates - seats < minSurplus) return ['below_min_surplus'];
  return [];
}

// ---- public pages ------------------------------------------------------------------------------------------------
export const PublicCongress = z.object({
  id: z.string(),
  name: z.string(),
  level: z.string(),
  term: z.int(),
  categories: z.array(Category),
  window: z.object({ year: z.int(), opensOn: z.string(), closesOn: z.string(), state: z.enum(WINDOW_STATES) }).nullable(),
  /** The public submission page, as its poster QR encodes it. */
  submitUrl: z.string(),
});
export type PublicCongress = z.infer<typeof PublicCongress>;

/** A frozen candidate list as printed on ballots: nothing about submitters. */
export const FrozenList = z.object({
  id: z.string(),
  title: z.string(),
  year: z.int(),
  seats: z.int(),
  version: z.int(),
  frozenAt: z.string(),
  /** False once a later version has been frozen. */
  current: z.boolean(),
  items: z.array(
    z.object({
      position: z.int(),
      title: z.string(),
      content: z.string(),
      plannedInvestment: z.string(),
      leadDepartment: z.string(),
      coDepartments: z.array(z.string()),
      plannedCompletion: z.string(),
      fundingSource: z.string(),
      expectedOutcome: z.string(),
    }),
  ),
});
export type FrozenList = z.infer<typeof FrozenList>;
