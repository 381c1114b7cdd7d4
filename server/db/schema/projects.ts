import { boolean, customType, date, index, integer, jsonb, numeric, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { CHANGE_DECIDERS, CHANGE_KINDS, CHANGE_STATES, FILE_KINDS, FINDING_STATES, MILESTONE_STATUSES, PROJECT_STATUSES } from '../../../shared/projects/schema.ts';
import { congresses } from './congress.ts';
import { departments } from './departments.ts';
import { candidates } from './gathering.ts';
import { votes } from './ballot.ts';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });
const id = () => text('id').primaryKey().$defaultFn(() => crypto.randomUUID());
const congressRef = () =>
  text('congress_id')
    .notNull()
    .references(() => congresses.id, { onDelete: 'cascade' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** 民生实事项目 — an elected candidate (or one staff entered directly), carried out by its departments. */
export const projects = pgTable(
  'projects',
  {
    id: id(),
    congressId: congressRef(),
    year: integer('year').notNull(),
    /** The candidate it was elected as (unique: publishing twice never makes two projects), and the vote. */
    candidateId: text('candidate_id')
      .unique()
      .references(() => candidates.id),
    voteId: text('vote_id').references(() => votes.id),
    title: text('title').notNull(),
    content: text('content').notNull().default(''),
    leadDepartmentId: text('lead_department_id')
      .notNull()
      .references(() => departments.id),
    coDepartmentIds: jsonb('co_department_ids').$type<string[]>().notNull().default([]),
    plannedInvestment: numeric('planned_investment', { precision: 14, scale: 2 }).notNull(),
    spentInvestment: numeric('spent_investment', { precision: 14, scale: 2 }).notNull().default('0'),
    fundingSource: text('funding_source').notNull(),
    plannedCompletion: date('planned_completion').notNull(),
    expectedOutcome: text('expected_outcome').notNull().default(''),
    status: text('status', { enum: PROJECT_STATUSES }).notNull().default('active'),
    completedOn: date('completed_on'),
    /** The department's own progress figure from its latest report (shown beside the derived one). */
    reportedProgress: integer('reported_progress'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('projects_congress_year').on(t.congressId, t.year)],
);

/** 实施方案 — one per project. */
export const projectPlans = pgTable('project_plans', {
  projectId: text('project_id')
    .primaryKey()
    .references(() => projects.id, { onDelete: 'cascade' }),
  targets: text('targets').notNull(),
  deadline: date('deadline').notNull(),
  fundingArrangement: text('funding_arrangement').notNull(),
  supportMeasures: text('support_measures').notNull().default(''),
  annualTargets: jsonb('annual_targets').$type<{ year: number; target: string }[]>().notNull().default([]),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** 节点 */
export const milestones = pgTable(
  'milestones',
  {
    id: id(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    plannedDate: date('planned_date').notNull(),
    weight: integer('weight').notNull(),
    status: text('status', { enum: MILESTONE_STATUSES }).notNull().default('pending'),
    actualDate: date('actual_date'),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('milestones_project').on(t.projectId)],
);

/** 进展报告 — a department's report on one project: its own figure, money spent, what was done (public). */
export const projectUpdates = pgTable(
  'project_updates',
  {
    id: id(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    accountId: text('account_id').notNull(),
    progressPercent: integer('progress_percent'),
    spentInvestment: numeric('spent_investment', { precision: 14, scale: 2 }),
    summary: text('summary').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('project_updates_project').on(t.projectId)],
);

/** 视察 */
export const inspections = pgTable(
  'inspections',
  {
    id: id(),
    congressId: congressRef(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    date: date('date').notNull(),
    title: text('title').notNull(),
    attendeeIds: jsonb('attendee_ids').$type<string[]>().notNull().default([]),
    summary: text('summary').notNull().default(''),
    suggestions: text('suggestions').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('inspections_project').on(t.projectId)],
);

/** A finding of an inspection; it may demand an answer from a department by a date. */
export const findings = pgTable(
  'findings',
  {
    id: id(),
    inspectionId: text('inspection_id')
      .notNull()
      .references(() => inspections.id, { onDelete: 'cascade' }),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    departmentId: text('department_id').references(() => departments.id),
    answerDueOn: date('answer_due_on'),
    state: text('state', { enum: FINDING_STATES }).notNull(),
    answer: text('answer').notNull().default(''),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    reviewNote: text('review_note').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('findings_project').on(t.projectId), index('findings_department').on(t.departmentId)],
);

/** Evidence: photos (public) and documents of a project, a milestone or an inspection. */
export const projectFiles = pgTable(
  'project_files',
  {
    id: id(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    milestoneId: text('milestone_id').references(() => milestones.id, { onDelete: 'set null' }),
    inspectionId: text('inspection_id').references(() => inspections.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: FILE_KINDS }).notNull(),
    filename: text('filename').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    caption: text('caption').notNull().default(''),
    public: boolean('public').notNull(),
    bytes: bytea('bytes').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('project_files_project').on(t.projectId)],
);

/** 重大变更 / 暂停 / 终止 / 恢复 — requested, then decided by the standing committee or the session. */
export const changeRequests = pgTable(
  'change_requests',
  {
    id: id(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: CHANGE_KINDS }).notNull(),
    reason: text('reason').notNull(),
    changes: jsonb('changes').$type<Record<string, string>>().notNull().default({}),
    state: text('state', { enum: CHANGE_STATES }).notNull().default('pending'),
    requestedBy: text('requested_by').notNull(),
    decidedBy: text('decided_by', { enum: CHANGE_DECIDERS }),
    decisionDate: date('decision_date'),
    announcementDate: date('announcement_date'),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('change_requests_project').on(t.projectId)],
);
