/** 待办 — one person's to-do list, computed from the data on every request (never stored as flags). */
import { z } from 'zod';
import { ROLES } from '../roles.ts';

/** In order of urgency among items of the same due date (or none): a vote going on now first. */
export const WORK_KINDS = [
  // representative
  'vote_open', // 正在表决
  'round_code', // 测评轮次开放：领取测评码并作答
  'inspection_followup', // 参加的视察，其意见尚未办结 (inspections are recorded after the visit, so none is upcoming)
  'my_proposals', // 我提出的建议及其结果
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
  'issued_count', // 待填写发出票数
  'paper_pending', // 纸质选票待录入核对
  'tally_to_sign', // 计票结果待签字
  // admin / staff
  'no_window', // 本年度尚未开放征集
  'no_session', // 尚无即将召开的会议
  'round_draft', // 测评轮次草稿
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
  /** A date (YYYY-MM-DD, Asia/Shanghai) by which it is due, if any. */
  dueOn: z.iso.date().nullable(),
  overdue: z.boolean(),
  /** The web page where the person acts on it. */
  href: z.string(),
});
export type WorkItem = z.infer<typeof WorkItem>;

export const MyWork = z.object({ items: z.array(WorkItem), count: z.int() });
export type MyWork = z.infer<typeof MyWork>;
