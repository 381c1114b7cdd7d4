/**
 * 模板 (SPEC §16): what a county (or city) publishes for the congresses below it — parts of the congress settings, each
 * optional — and what a township does with it: adopt a version (a copy into its own settings that remembers the version),
 * see that a newer one exists, compare and adopt again. Said once here: the parts, how a part goes into settings
 * (`applyParts`), what a congress's settings say of each part (`contentOf`) and the comparison (`compareContent`).
 */
import { z } from 'zod';
import { PointRules } from '../archive/points.ts';
import { CongressId } from '../congress/schema.ts';
import { CongressSettings } from '../congress/settings.ts';
import { Items } from '../evaluation/questionnaire.ts';
import { ITEM_CATEGORIES } from '../items/enums.ts';

/** The parts of a template, in the order every page and comparison lists them. */
export const TEMPLATE_PARTS = ['settings', 'negativeList', 'questionnaire', 'itemCategories', 'points'] as const;
export const TemplatePart = z.enum(TEMPLATE_PARTS);
export type TemplatePart = z.infer<typeof TemplatePart>;

const S = CongressSettings.shape;
const E = S.evaluation.unwrap().shape;
const L = S.loop.unwrap().shape;

/**
 * The `settings` part: the vote, quorum, tally, candidates, evaluation grading and the loop's deadlines sections of the
 * congress settings (not the negative list, questionnaire, categories or points: those are parts of their own).
 */
export const TemplateSettings = z.object({
  quorum: S.quorum,
  vote: S.vote,
  candidates: S.candidates,
  tally: S.tally,
  evaluation: z.object({ kMin: E.kMin, grading: E.grading, optionWeights: E.optionWeights, audienceWeights: E.audienceWeights }),
  loop: z.object({ deadlines: L.deadlines, dueSoonDays: L.dueSoonDays, receptionsPerQuarter: L.receptionsPerQuarter }),
});
export type TemplateSettings = z.infer<typeof TemplateSettings>;

/** A template version's content: each part optional, at least one. */
export const TemplateContent = z
  .object({
    settings: TemplateSettings.optional(),
    /** 负面清单 (settings gathering.negativeList). */
    negativeList: S.gathering.unwrap().shape.negativeList.unwrap().optional(),
    /** The default questionnaire (settings evaluation.questionnaire): per kind of target. */
    questionnaire: Items.optional(),
    /** The item categories used (settings loop.categories). */
    itemCategories: L.categories.unwrap().optional(),
    /** 履职积分 rules (settings points). */
    points: PointRules.optional(),
  })
  .refine((c) => TEMPLATE_PARTS.some((p) => c[p] !== undefined), { message: 'template_empty' });
export type TemplateContent = z.infer<typeof TemplateContent>;

/** The parts a content holds. */
export const partsOf = (c: TemplateContent): TemplatePart[] => TEMPLATE_PARTS.filter((p) => c[p] !== undefined);

/** What a congress's settings say of each part (to compare its current settings with a version, or to publish them). */
export function contentOf(s: CongressSettings, parts: readonly TemplatePart[] = TEMPLATE_PARTS): TemplateContent {
  const all: Required<TemplateContent> = {
    settings: {
      quorum: s.quorum,
      vote: s.vote,
      candidates: s.candidates,
      tally: s.tally,
      evaluation: { kMin: s.evaluation.kMin, grading: s.evaluation.grading, optionWeights: s.evaluation.optionWeights, audienceWeights: s.evaluation.audienceWeights },
      loop: { deadlines: s.loop.deadlines, dueSoonDays: s.loop.dueSoonDays, receptionsPerQuarter: s.loop.receptionsPerQuarter },
    },
    negativeList: s.gathering.negativeList,
    questionnaire: s.evaluation.questionnaire,
    itemCategories: s.loop.categories,
    points: s.points,
  };
  return structuredClone(Object.fromEntries(parts.map((p) => [p, all[p]]))) as TemplateContent;
}

/** The settings after adopting `parts` of `content`: each part copied whole over its place, nothing else touched. */
export function applyParts(s: CongressSettings, content: TemplateContent, parts: readonly TemplatePart[]): CongressSettings {
  const out = structuredClone(s);
  const c = structuredClone(content);
  for (const p of parts) {
    if (p === 'settings' && c.settings) {
      const t = c.settings;
      Object.assign(out, { quorum: t.quorum, vote: t.vote, candidates: t.candidates, tally: t.tally });
      out.evaluation = { ...out.evaluation, ...t.evaluation };
      out.loop = { ...out.loop, ...t.loop };
    } else if (p === 'negativeList' && c.negativeList) out.gathering = { ...out.gathering, negativeList: c.negativeList };
    else if (p === 'questionnaire' && c.questionnaire) out.evaluation = { ...out.evaluation, questionnaire: c.questionnaire };
    else if (p === 'itemCategories' && c.itemCategories) out.loop = { ...out.loop, categories: c.itemCategories };
    else if (p === 'points' && c.points) out.points = c.points;
  }
  return out;
}

/** One difference: a part, the field's path within it ('' for a part as a whole), the value before and after (null: absent). */
export const Difference = z.object({ part: TemplatePart, path: z.string(), before: z.unknown(), after: z.unknown() });
export type Difference = z.infer<typeof Difference>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Leaf differences of two values under `path`: objects field by field, anything else (lists too) whole. */
function diffValue(part: TemplatePart, path: string, a: unknown, b: unknown, out: Difference[]) {
  if (isObject(a) && isObject(b)) {
    const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
    for (const k of keys) diffValue(part, path ? `${path}.${k}` : k, a[k], b[k], out);
  } else if (!same(a, b)) out.push({ part, path, before: a ?? null, after: b ?? null });
}

/**
 * 比对: what changes from `before` to `after`, part by part (in TEMPLATE_PARTS order) and field by field; a list (the
 * negative list, a kind's questionnaire items, the categories) is one field. Only the parts in `parts` (default: every
 * part either holds); a part that one side lacks is one difference with the whole part.
 */
export function compareContent(before: TemplateContent | null, after: TemplateContent | null, parts?: readonly TemplatePart[]): Difference[] {
  const out: Difference[] = [];
  for (const p of TEMPLATE_PARTS) {
    if (parts && !parts.includes(p)) continue;
    const a = before?.[p];
    const b = after?.[p];
    if (a === undefined && b === undefined) continue;
    if (a === undefined || b === undefined) {
      out.push({ part: p, path: '', before: a ?? null, after: b ?? null });
      continue;
    }
    diffValue(p, '', a, b, out);
  }
  return out;
}

// ---- routes' shapes ----
export const TemplateParams = CongressId.extend({ templateId: z.uuid() });
export const VersionParams = CongressId.extend({ versionId: z.uuid() });

export const CreateTemplate = z.object({ name: z.string().trim().min(1).max(60), description: z.string().trim().max(500).default('') });
export const PublishVersion = z.object({ content: TemplateContent, note: z.string().trim().max(500).default('') });
export const AdoptVersion = z.object({ parts: z.array(TemplatePart).min(1).max(TEMPLATE_PARTS.length) });

export const VersionSummary = z.object({ id: z.string(), version: z.int(), parts: z.array(TemplatePart), note: z.string(), publishedAt: z.string() });
export const VersionDetail = VersionSummary.extend({ content: TemplateContent });
export type VersionDetail = z.infer<typeof VersionDetail>;

export const TemplateSummary = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  createdAt: z.string(),
  latest: VersionSummary.nullable(),
  /** Congresses below whose current adoption is of this template (any version). */
  adoptedBy: z.int(),
});
export const TemplateList = z.object({ items: z.array(TemplateSummary) });
export const TemplateDetail = TemplateSummary.extend({ congressId: z.string(), versions: z.array(VersionDetail) });
export type TemplateDetail = z.infer<typeof TemplateDetail>;

/** A congress's current adoption of a template: the version it took, which parts, when. */
export const Adoption = z.object({ versionId: z.string(), version: z.int(), parts: z.array(TemplatePart), adoptedAt: z.string() });
export type Adoption = z.infer<typeof Adoption>;

/** Which version each congress below adopted, template by template (the county's small list). */
export const AdoptionsList = z.object({
  templates: z.array(z.object({ id: z.string(), name: z.string(), latestVersion: z.int().nullable() })),
  congresses: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      level: z.string(),
      adoptions: z.array(Adoption.extend({ templateId: z.string() })),
    }),
  ),
});

/** What a township sees: the templates of the counties (and city) above it, each with its current adoption. */
export const AvailableList = z.object({
  items: z.array(
    TemplateSummary.omit({ adoptedBy: true }).extend({
      congressId: z.string(),
      congressName: z.string(),
      adopted: Adoption.nullable(),
      /** A version newer than the one adopted (or any version when none is adopted yet). */
      newer: z.boolean(),
    }),
  ),
});
export type AvailableList = z.infer<typeof AvailableList>;

/** A version against what the township has: the version it adopted (if any) and its current settings. */
export const Comparison = z.object({
  template: z.object({ id: z.string(), name: z.string(), congressName: z.string() }),
  version: VersionDetail,
  adopted: Adoption.nullable(),
  /** Adopted version → this version (empty when none was adopted). */
  sinceAdopted: z.array(Difference),
  /** Current settings → this version (what adopting every part of it would change). */
  againstCurrent: z.array(Difference),
});
export type Comparison = z.infer<typeof Comparison>;
