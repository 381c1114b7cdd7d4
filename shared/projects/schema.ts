/**
 * Stage D — implementation and supervision (实施与监督, design §6): projects, implementation plans, milestones with
 * evidence, progress updates, inspections with findings and answers, change requests, progress reports, and the
 * public progress page. One definition validates on the server and types the web app.
 */
import { z } from 'zod';
import { CongressId } from '../congress/schema.ts';
import { GRADES } from '../evaluation/schema.ts';
import { IsoDate, Wan, Year } from '../gathering/schema.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).default('');

export const ProjectParams = CongressId.extend({ projectId: z.uuid() });
export const MilestoneParams = ProjectParams.extend({ milestoneId: z.uuid() });
export const FileParams = ProjectParams.extend({ fileId: z.uuid() });
export const ChangeParams = ProjectParams.extend({ changeId: z.uuid() });
export const InspectionParams = CongressId.extend({ inspectionId: z.uuid() });
export const FindingParams = CongressId.extend({ findingId: z.uuid() });

/** The project's own state; health (on track / at risk / late) is computed by `shared/projects/rules.ts`. */
export const PROJECT_STATUSES = ['active', 'completed', 'suspended', 'terminated'] as const;
export const ProjectStatus = z.enum(PROJECT_STATUSES);
export type ProjectStatus = z.infer<typeof ProjectStatus>;
export const Health = z.enum(['on_track', 'at_risk', 'late', 'completed', 'suspended', 'terminated']);
export type Health = z.infer<typeof Health>;
export const MILESTONE_STATUSES = ['pending', 'in_progress', 'done'] as const;
export const MilestoneStatus = z.enum(MILESTONE_STATUSES);
export type MilestoneStatus = z.infer<typeof MilestoneStatus>;

// ---- projects ------------------------------------------------------------------------------------------------------
/** Staff may create a project directly (a project carried over, or one decided outside a vote). */
export const CreateProject = z.object({
  year: Year,
  title: text(80),
  content: optText(4000),
  leadDepartmentId: z.uuid(),
  coDepartmentIds: z.array(z.uuid()).max(20).default([]),
  plannedInvestment: Wan,
  fundingSource: text(200),
  plannedCompletion: IsoDate,
  expectedOutcome: optText(1000),
});
export const UpdateProject = CreateProject.omit({ year: true })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'empty_update' });
export const ProjectQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional(), status: ProjectStatus.optional(), departmentId: z.uuid().optional() });
export const CompleteProject = z.object({ completedOn: IsoDate });

/** 实施方案. Multi-year projects carry annual targets. */
export const Plan = z.object({
  targets: text(4000),
  deadline: IsoDate,
  fundingArrangement: text(2000),
  supportMeasures: optText(2000),
  annualTargets: z.array(z.object({ year: Year, target: text(1000) })).max(10).default([]),
});
export type Plan = z.infer<typeof Plan>;

export const CreateMilestone = z.object({ name: text(80), plannedDate: IsoDate, weight: z.int().min(1).max(100) });
export const UpdateMilestone = z
  .object({
    name: text(80),
    plannedDate: IsoDate,
    weight: z.int().min(1).max(100),
    status: MilestoneStatus,
    /** Set when done; cleared when reopened. */
    actualDate: IsoDate.nullable(),
    note: z.string().trim().max(1000),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'empty_update' });

/** A department's progress report on one project: its own figure (beside the derived one), money spent, what was done. */
export const ProgressUpdate = z
  .object({
    progressPercent: z.int().min(0).max(100).optional(),
    spentInvestment: Wan.optional(),
    /** Shown on the public page. */
    summary: text(2000),
  })
  .refine((v) => v.progressPercent !== undefined || v.spentInvestment !== undefined || v.summary, { message: 'empty_update' });

export const FILE_KINDS = ['photo', 'document'] as const;
export const FileKind = z.enum(FILE_KINDS);
export const ProjectFile = z.object({
  id: z.string(),
  kind: FileKind,
  filename: z.string(),
  mime: z.string(),
  size: z.int(),
  caption: z.string(),
  milestoneId: z.string().nullable(),
  inspectionId: z.string().nullable(),
  /** Photos are public (on the progress page); documents are for staff, departments and representatives only. */
  public: z.boolean(),
  createdAt: z.string(),
});
export type ProjectFile = z.infer<typeof ProjectFile>;

export const Milestone = z.object({
  id: z.string(),
  name: z.string(),
  plannedDate: z.string(),
  weight: z.int(),
  status: MilestoneStatus,
  actualDate: z.string().nullable(),
  note: z.string(),
  late: z.boolean(),
  daysLate: z.int(),
  files: z.array(ProjectFile),
});
export type Milestone = z.infer<typeof Milestone>;

export const UpdateRow = z.object({ id: z.string(), at: z.string(), by: z.string(), progressPercent: z.int().nullable(), spentInvestment: z.string().nullable(), summary: z.string() });

export const CHANGE_KINDS = ['major_change', 'suspension', 'termination', 'resumption'] as const;
export const ChangeKind = z.enum(CHANGE_KINDS);
export const CHANGE_STATES = ['pending', 'approved', 'rejected'] as const;
export const ChangeState = z.enum(CHANGE_STATES);
/** Who decides a change: 常委会 (the standing committee) or, for a township, 人代会 (the session). */
export const CHANGE_DECIDERS = ['standing_committee', 'session'] as const;
/** A finding of an inspection, from noted to the department's answer and its review. */
export const FINDING_STATES = ['noted', 'awaiting_answer', 'answered', 'accepted', 'returned'] as const;
/** 重大变更 / 暂停 / 终止 (and resuming a suspended project): requested, then decided by the standing committee or the session. */
export const CreateChange = z.object({
  kind: ChangeKind,
  reason: text(2000),
  /** For a major change: the new values that apply once approved. */
  changes: z
    .object({ title: text(80), plannedInvestment: Wan, plannedCompletion: IsoDate, content: text(4000) })
    .partial()
    .default({}),
});
export const DecideChange = z.object({
  approved: z.boolean(),
  /** 常委会 (standing committee) or, for a township, 人代会 (the session). */
  decidedBy: z.enum(CHANGE_DECIDERS),
  decisionDate: IsoDate,
  announcementDate: IsoDate.optional(),
  note: optText(2000),
});
export const ChangeRequest = z.object({
  id: z.string(),
  kind: ChangeKind,
  reason: z.string(),
  changes: z.record(z.string(), z.string()),
  state: ChangeState,
  requestedBy: z.string(),
  requestedAt: z.string(),
  decidedBy: z.enum(CHANGE_DECIDERS).nullable(),
  decisionDate: z.string().nullable(),
  announcementDate: z.string().nullable(),
  note: z.string(),
});

export const Department = z.object({ id: z.string(), name: z.string() });

/** One row of the list and the dashboard. */
export const ProjectSummary = z.object({
  id: z.string(),
  year: z.int(),
  title: z.string(),
  status: ProjectStatus,
  health: Health,
  leadDepartment: Department,
  coDepartments: z.array(Department),
  plannedInvestment: z.string(),
  spentInvestment: z.string(),
  plannedCompletion: z.string(),
  completedOn: z.string().nullable(),
  /** From the weighted milestones (null without milestones). */
  derivedProgress: z.int().nullable(),
  /** The department's own figure, shown beside the derived one. */
  reportedProgress: z.int().nullable(),
  milestones: z.int(),
  lateMilestones: z.int(),
  openFindings: z.int(),
  overdueFindings: z.int(),
  pendingChanges: z.int(),
  candidateId: z.string().nullable(),
  /** Proposals behind it (their tracking codes lead the public to the project). */
  fundingSource: z.string(),
});
export type ProjectSummary = z.infer<typeof ProjectSummary>;

export const Finding = z.object({
  id: z.string(),
  inspectionId: z.string(),
  inspectionTitle: z.string(),
  inspectionDate: z.string(),
  projectId: z.string(),
  projectTitle: z.string(),
  text: z.string(),
  department: Department.nullable(),
  answerDueOn: z.string().nullable(),
  state: z.enum(FINDING_STATES),
  answer: z.string(),
  answeredAt: z.string().nullable(),
  reviewNote: z.string(),
  overdue: z.boolean(),
});
export type Finding = z.infer<typeof Finding>;

/** The adopted decision (关于实施XXXX年民生实事项目的决定) of the vote that elected a project, if any. */
export const ProjectDecisionLink = z.object({ motionId: z.string(), title: z.string(), adoptedAt: z.string() }).nullable();
export const ProjectDetail = ProjectSummary.extend({
  content: z.string(),
  expectedOutcome: z.string(),
  plan: Plan.extend({ updatedAt: z.string() }).nullable(),
  milestoneList: z.array(Milestone),
  updates: z.array(UpdateRow),
  files: z.array(ProjectFile),
  changes: z.array(ChangeRequest),
  findings: z.array(Finding),
  /** What the asker may do here. */
  can: z.object({ edit: z.boolean(), report: z.boolean(), requestChange: z.boolean(), decideChange: z.boolean() }),
  decision: ProjectDecisionLink,
});
export type ProjectDetail = z.infer<typeof ProjectDetail>;

// ---- inspections (视察) ---------------------------------------------------------------------------------------------
export const CreateInspection = z.object({
  projectId: z.uuid(),
  date: IsoDate,
  title: text(120),
  /** Representatives who took part (from the roster). */
  attendeeIds: z.array(z.uuid()).max(200).default([]),
  summary: optText(4000),
  suggestions: optText(4000),
});
export const CreateFinding = z
  .object({ text: text(2000), departmentId: z.uuid().optional(), answerDueOn: IsoDate.optional() })
  .refine((f) => !f.answerDueOn || f.departmentId, { message: 'answer_needs_department', path: ['departmentId'] });
export const AnswerFinding = z.object({ answer: text(4000) });
export const ReviewAnswer = z.object({ accept: z.boolean(), note: optText(1000) });
export const InspectionQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional(), projectId: z.uuid().optional() });
export const Inspection = z.object({
  id: z.string(),
  projectId: z.string(),
  projectTitle: z.string(),
  date: z.string(),
  title: z.string(),
  attendees: z.array(z.object({ id: z.string(), name: z.string() })),
  summary: z.string(),
  suggestions: z.string(),
  findings: z.array(Finding),
  files: z.array(ProjectFile),
});
export type Inspection = z.infer<typeof Inspection>;

// ---- progress reports (进展报告) ------------------------------------------------------------------------------------
export const ReportQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100), period: z.enum(['mid', 'end']) });
export const ProgressReport = z.object({
  congress: z.object({ name: z.string() }),
  year: z.int(),
  period: z.enum(['mid', 'end']),
  /** The report is as of this date: 30 June or 31 December, or today when earlier. */
  asOf: z.string(),
  totals: z.object({ projects: z.int(), completed: z.int(), onTrack: z.int(), atRisk: z.int(), late: z.int(), suspended: z.int(), terminated: z.int(), plannedInvestment: z.string(), spentInvestment: z.string() }),
  projects: z.array(
    ProjectSummary.pick({ id: true, title: true, status: true, health: true, leadDepartment: true, plannedInvestment: true, spentInvestment: true, plannedCompletion: true, completedOn: true, derivedProgress: true, reportedProgress: true, lateMilestones: true, openFindings: true }).extend({
      milestonesDone: z.int(),
      milestones: z.int(),
      latestSummary: z.string(),
    }),
  ),
});
export type ProgressReport = z.infer<typeof ProgressReport>;

// ---- the public progress page ---------------------------------------------------------------------------------------
export const PublicProjectsQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const PublicProject = z.object({
  id: z.string(),
  year: z.int(),
  title: z.string(),
  content: z.string(),
  expectedOutcome: z.string(),
  status: ProjectStatus,
  health: Health,
  leadDepartment: z.string(),
  coDepartments: z.array(z.string()),
  plannedInvestment: z.string(),
  spentInvestment: z.string(),
  plannedCompletion: z.string(),
  completedOn: z.string().nullable(),
  derivedProgress: z.int().nullable(),
  reportedProgress: z.int().nullable(),
  milestones: z.array(z.object({ name: z.string(), plannedDate: z.string(), actualDate: z.string().nullable(), status: MilestoneStatus, late: z.boolean() })),
  /** Public photos: `/api/public/files/<id>`. */
  photos: z.array(z.object({ id: z.string(), caption: z.string(), milestone: z.string().nullable() })),
  updates: z.array(z.object({ at: z.string(), summary: z.string(), progressPercent: z.int().nullable() })),
  /** The grade of the latest published satisfaction evaluation of this project (测评等次), if any. */
  evaluation: z.object({ roundTitle: z.string(), year: z.int(), grade: z.enum(GRADES).nullable(), overall: z.number().nullable() }).nullable(),
  /** Decided change requests, as announced. */
  announcements: z.array(z.object({ kind: ChangeKind, approved: z.boolean(), decisionDate: z.string(), announcementDate: z.string().nullable(), reason: z.string() })),
  decision: ProjectDecisionLink,
});
export type PublicProject = z.infer<typeof PublicProject>;
export const PublicProjectList = z.object({
  congress: z.object({ id: z.string(), name: z.string() }),
  year: z.int(),
  years: z.array(z.int()),
  projects: z.array(PublicProject.omit({ milestones: true, photos: true, updates: true, announcements: true, content: true, expectedOutcome: true, evaluation: true, decision: true }).extend({ photo: z.string().nullable() })),
});
