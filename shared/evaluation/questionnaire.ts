/**
 * The questionnaire of an evaluation round, said apart from the rest of the stage's schema so that the congress settings
 * (shared/congress/settings.ts `evaluation.questionnaire`, a congress's default) can use it without a cycle of imports.
 */
import { z } from 'zod';
import { DEFAULT_QUESTION_KIND, QUESTION_KINDS, type QuestionKindName } from './kinds.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * What a round evaluates (SPEC §7, §15): a livelihood project, a department (with or without projects), an appointed
 * official (任命人员履职测评), a department's handling of representatives' suggestions (建议办理), the answers of a 专题询问,
 * a representative (述职评议 by constituents).
 */
export const TARGET_KINDS = ['project', 'department', 'official', 'suggestion_handling', 'inquiry', 'representative'] as const;
export const TargetKind = z.enum(TARGET_KINDS);
export type TargetKind = z.infer<typeof TargetKind>;
export const QuestionKind = z.enum(QUESTION_KINDS);

/**
 * An item of the questionnaire; `id` is stable within the round (p1, p2… for projects, d1… for departments, o… officials,
 * s… suggestion handling, i… inquiries, r… representatives). Its kind of question: satisfaction3 unless it says.
 */
export const Item = z.object({ id: z.string().regex(/^[a-z]\d{1,2}$/), label: text(60), kind: QuestionKind.default(DEFAULT_QUESTION_KIND) });
export type Item = z.output<typeof Item>;
const ItemList = z.array(Item).min(1).max(10);
/** The questionnaire: a list of items per kind of target (only the kinds the round evaluates are asked). */
export const Items = z.object({ project: ItemList, department: ItemList, official: ItemList, suggestion_handling: ItemList, inquiry: ItemList, representative: ItemList }).partial();
export type Items = z.output<typeof Items>;
/** The items a round asks about a kind of target, each with its kind (items stored before kinds existed are satisfaction3). */
export const itemsOf = (items: Items, kind: TargetKind): (Item & { kind: QuestionKindName })[] => (items[kind] ?? []).map((i) => ({ ...i, kind: i.kind ?? DEFAULT_QUESTION_KIND }));
/** A questionnaire with every item's kind said. */
export const normalizeItems = (items: Items): Items => Object.fromEntries(TARGET_KINDS.filter((k) => items[k]).map((k) => [k, itemsOf(items, k)]));
export const DEFAULT_ITEMS: Required<Items> = {
  project: [
    { id: 'p1', label: '完成情况 Completion' },
    { id: 'p2', label: '工程质量 Quality' },
    { id: 'p3', label: '群众受益 Benefit to residents' },
  ].map((i) => ({ ...i, kind: DEFAULT_QUESTION_KIND })),
  department: [
    { id: 'd1', label: '办理态度 Attitude' },
    { id: 'd2', label: '办理过程 Handling' },
    { id: 'd3', label: '办理效果 Result' },
  ].map((i) => ({ ...i, kind: DEFAULT_QUESTION_KIND })),
  official: [
    { id: 'o1', label: '依法履职 Acting under the law' },
    { id: 'o2', label: '工作实绩 Performance' },
    { id: 'o3', label: '廉洁自律 Integrity' },
  ].map((i) => ({ ...i, kind: DEFAULT_QUESTION_KIND })),
  suggestion_handling: [
    { id: 's1', label: '办理态度 Attitude' },
    { id: 's2', label: '办理情况 Handling' },
    { id: 's3', label: '办理效果 Result' },
  ].map((i) => ({ ...i, kind: DEFAULT_QUESTION_KIND })),
  inquiry: [
    { id: 'i1', label: '回答问题 Answers given' },
    { id: 'i2', label: '整改措施 Measures promised' },
  ].map((i) => ({ ...i, kind: DEFAULT_QUESTION_KIND })),
  representative: [
    { id: 'r1', label: '履职情况 Duties performed' },
    { id: 'r2', label: '联系群众 Contact with constituents' },
  ].map((i) => ({ ...i, kind: DEFAULT_QUESTION_KIND })),
};
