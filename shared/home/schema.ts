/** 待办 — one person's to-do list, computed from the data on every request (never stored as flags). */
import { z } from 'zod';
import { Health } from '../projects/schema.ts';
import { ROLES } from '../roles.ts';

/** In order of urgency among items of the same due date (or none): a vote going on now first. */
export const WORK_KINDS = [
  // representative
  'vote_open', // 正在表决
  'round_code', // 测评轮次开放：领取测评码并作答
  'inspection_followup', // 参加的视察，其意见尚未办结 (inspections are recorded after the visit, so none is upcoming)
  // (their proposals and what became of each are on their home, GET /api/me/representative: news, not work to do)
  // department
  'milestone_late', // 节点滞后
  'finding_answer', // 视察意见待答复
  'rectification_due', // 整改待报告
  'change_waiting', // 变更申请待决定
  // government (政府办)
  'proposals_to_screen', // 待初定的建议
  'list_draft', // 草拟中的候选项目清单
  // presidium
  'vote_to_open', // 选票已生成，待开始表决
  'vote_to_close', // 表决进行中，待结束
  'tally_to_publish', // 签字已足，待公布
  // scrutineer
  'vote_cards', // 待生成选票
  'issued_count', // 选票已生成，尚未登记发出 (scan each card or enter the count)
  'paper_pending', // 纸质选票待录入核对
  'tally_to_prepare', // 表决已结束，待计票 (paper ballots entered first)
  'tally_to_sign', // 计票结果待签字
  // admin / staff
  'no_window', // 本年度尚未开放征集
  'no_session', // 尚无即将召开的会议
  'round_draft', // 测评轮次草稿
  // ---- stations (station keeper) ----
  'reception_day', // 接待日（今天、明天，或已过尚未登记）
  'station_items', // 本站意见建议待分类交办
  // ---- items (department, staff, representative) ----
  'items_overdue', // 意见建议已超期（承办单位：本单位的；工作人员：全部）
  'items_due_soon', // 意见建议即将到期
  'items_to_answer', // 交办本单位的意见建议待答复
  'items_to_triage', // 意见建议待分类交办
  'answers_to_check', // 承办单位的答复待审核
  'items_to_rate', // 代表：提出的意见建议已办结，待评价办理情况
  // ---- archive ----
] as const;
export const WorkKind = z.enum(WORK_KINDS);
export type WorkKind = z.infer<typeof WorkKind>;

export const WorkItem = z.object({
  kind: WorkKind,
  /** The role the item comes from (one account may hold several in a congress). */
  role: z.enum(ROLES),
  congressId: z.string(),
  congressName: z.string(),
  /** The object to act on, when the item is one object; `count` when it stands for several. */
  objectId: z.string().nullable(),
  name: z.string().nullable(),
  count: z.int().nullable(),
  /** The year an item speaks of (a collection window not yet opened for it). */
  year: z.int().nullable(),
  /** A date (YYYY-MM-DD, Asia/Shanghai) by which it is due, if any. */
  dueOn: z.iso.date().nullable(),
  overdue: z.boolean(),
  /** The web page where the person acts on it. */
  href: z.string(),
});
export type WorkItem = z.infer<typeof WorkItem>;

export const MyWork = z.object({ items: z.array(WorkItem), count: z.int() });
export type MyWork = z.infer<typeof MyWork>;

/**
 * A representative's home, per congress they are seated in: this year's projects and their progress (theirs first:
 * from their own proposal, inspected by them, or in the place their group or constituency is named after), the
 * session when one is on with its votes, and their proposals with what became of each.
 */
export const PROJECT_TIES = ['proposed', 'inspected', 'place'] as const;
export const PROPOSAL_OUTCOMES = ['waiting', 'candidate', 'elected', 'not_elected', 'merged', 'not_adopted', 'reserved'] as const;
export const ProposalOutcome = z.enum(PROPOSAL_OUTCOMES);
export type ProposalOutcome = z.infer<typeof ProposalOutcome>;

export const RepProject = z.object({
  id: z.string(),
  title: z.string(),
  year: z.int(),
  health: Health,
  derivedProgress: z.int().nullable(),
  reportedProgress: z.int().nullable(),
  plannedCompletion: z.iso.date(),
  leadDepartment: z.string(),
  ties: z.array(z.enum(PROJECT_TIES)),
  /** The place named in the representative's group or constituency, when that ties it. */
  place: z.string().nullable(),
});
export type RepProject = z.infer<typeof RepProject>;

export const RepVote = z.object({
  id: z.string(),
  title: z.string(),
  state: z.enum(['draft', 'open', 'closed', 'published']),
  /** null for a sitting of motions only (no candidate list to read beforehand). */
  listId: z.string().nullable(),
});
export const RepSession = z.object({
  id: z.string(),
  name: z.string(),
  date: z.iso.date(),
  seated: z.int(),
  present: z.int(),
  /** Whether this representative is recorded present (attendance is public record; never tied to a card). */
  checkedIn: z.boolean(),
  votes: z.array(RepVote),
});
export type RepSession = z.infer<typeof RepSession>;

export const RepProposal = z.object({
  id: z.string(),
  title: z.string(),
  year: z.int(),
  submittedOn: z.iso.date(),
  outcome: ProposalOutcome,
  /** Why it was not adopted or reserved, in the screeners' words. */
  reason: z.string(),
  /** Merged into: that proposal's title and what became of it. */
  mergedInto: z.object({ title: z.string(), outcome: ProposalOutcome }).nullable(),
  /** The project it became (directly or through the proposal it was merged into). */
  project: z.object({ id: z.string(), title: z.string() }).nullable(),
});
export type RepProposal = z.infer<typeof RepProposal>;

export const RepCongress = z.object({
  congressId: z.string(),
  congressName: z.string(),
  projects: z.array(RepProject),
  session: RepSession.nullable(),
  proposals: z.array(RepProposal),
});
export type RepCongress = z.infer<typeof RepCongress>;
export const RepresentativeHome = z.object({ congresses: z.array(RepCongress) });
export type RepresentativeHome = z.infer<typeof RepresentativeHome>;
