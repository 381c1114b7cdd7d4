import { z } from 'zod';
import { DEFAULT_POINTS, PointRules } from '../archive/points.ts';
import { ProjectMarkMode } from '../ballot/marks-schema.ts';
import { PROJECT_MARK_MODES } from '../ballot/methods/index.ts';
import { Items } from '../evaluation/questionnaire.ts';
import { ITEM_CATEGORIES } from '../items/enums.ts';

/** A fraction such as 2/3: the quorum, a vote threshold, a grading share. */
export const Fraction = z
  .object({
    numerator: z.int().min(1).max(1000),
    denominator: z.int().min(1).max(1000),
  })
  .refine((f) => f.numerator <= f.denominator, { message: 'fraction_over_one', path: ['numerator'] });
export type Fraction = z.infer<typeof Fraction>;

// The vote methods are the ballot's (one module each in shared/ballot/methods); re-exported for the settings' users.
export { PROJECT_MARK_MODES as MARK_MODES, ProjectMarkMode as MarkMode };
export const THRESHOLD_BASES = ['seated', 'present', 'valid'] as const;
export const ThresholdBase = z.enum(THRESHOLD_BASES);

/**
 * Per-congress defaults that later stages read (design §4, §5, §7). Every field has the default of the spec, so
 * `CongressSettings.parse({})` is a complete, valid settings object.
 */
export const CongressSettings = z.object({
  /** 出席 quorum as a share of seated representatives (default two-thirds). */
  quorum: Fraction.default({ numerator: 2, denominator: 3 }),
  vote: z
    .object({
      markMode: ProjectMarkMode.default('for_against_abstain'),
      threshold: z
        .object({
          base: ThresholdBase.default('seated'),
          numerator: z.int().min(1).max(1000).default(1),
          denominator: z.int().min(1).max(1000).default(2),
          strict: z.boolean().default(true),
        })
        .refine((t) => t.numerator <= t.denominator, { message: 'fraction_over_one', path: ['numerator'] })
        .default({ base: 'seated', numerator: 1, denominator: 2, strict: true }),
      /** Spare ballot cards generated beyond the present count. */
      spareCards: z.int().min(0).max(500).default(5),
      /** What happens to seats no candidate filled: left empty, or a further vote (另行表决). */
      unfilledSeats: z.enum(['leave_empty', 'further_vote']).default('leave_empty'),
    })
    .default({
      markMode: 'for_against_abstain',
      threshold: { base: 'seated', numerator: 1, denominator: 2, strict: true },
      spareCards: 5,
      unfilledSeats: 'leave_empty',
    }),
  gathering: z
    .object({
      /** 负面清单: words that flag a proposal (e.g. office buildings); a flagged proposal cannot be accepted. */
      negativeList: z.array(z.string().trim().min(1).max(40)).max(100).default(['办公楼', '楼堂馆所', '形象工程', '培训中心', '政府办公']),
    })
    .default({ negativeList: ['办公楼', '楼堂馆所', '形象工程', '培训中心', '政府办公'] }),
  candidates: z
    .object({
      /** 差额: at least this many more candidates than seats (warning below it). */
      minSurplus: z.int().min(0).max(100).default(1),
    })
    .default({ minSurplus: 1 }),
  tally: z
    .object({
      /** Distinct scrutineer accounts that must sign the tally. */
      signoffs: z.int().min(1).max(20).default(2),
    })
    .default({ signoffs: 2 }),
  evaluation: z
    .object({
      /** Figures for a group with fewer responses than this are withheld. */
      kMin: z.int().min(1).max(1000).default(5),
      grading: z
        .discriminatedUnion('mode', [
          z.object({
            mode: z.literal('share'),
            base: z.enum(['answered', 'invited']).default('answered'),
            satisfied: Fraction.default({ numerator: 1, denominator: 2 }),
            satisfiedOrBasic: Fraction.default({ numerator: 1, denominator: 2 }),
          }),
          z.object({
            mode: z.literal('rate'),
            /** 综合满意率 at or above this percentage → 满意; at or above `basicPercent` → 基本满意. */
            satisfiedPercent: z.number().min(0).max(100).default(80),
            basicPercent: z.number().min(0).max(100).default(60),
          }),
        ])
        .default({
          mode: 'share',
          base: 'answered',
          satisfied: { numerator: 1, denominator: 2 },
          satisfiedOrBasic: { numerator: 1, denominator: 2 },
        }),
      optionWeights: z
        .object({
          satisfied: z.number().min(0).max(100).default(100),
          basic: z.number().min(0).max(100).default(75),
          dissatisfied: z.number().min(0).max(100).default(55),
        })
        .default({ satisfied: 100, basic: 75, dissatisfied: 55 }),
      /**
       * 评价主体权重: one weight per audience a round can include (shared/evaluation/schema.ts `Audience`, design §7:
       * representatives, residents, or both). A weight kept by an older congress for another group is dropped on parse.
       */
      audienceWeights: z
        .object({
          representatives: z.number().min(0).max(100).default(30),
          residents: z.number().min(0).max(100).default(60),
        })
        .default({ representatives: 30, residents: 60 }),
      /**
       * The congress's own questionnaire (e.g. adopted from its county's template, SPEC §16): a new round asks these items
       * about a kind of target when it is given none; a kind not here asks the built-in items (shared/evaluation).
       */
      questionnaire: Items.default({}),
    })
    .default({
      kMin: 5,
      grading: {
        mode: 'share',
        base: 'answered',
        satisfied: { numerator: 1, denominator: 2 },
        satisfiedOrBasic: { numerator: 1, denominator: 2 },
      },
      optionWeights: { satisfied: 100, basic: 75, dissatisfied: 55 },
      audienceWeights: { representatives: 30, residents: 60 },
      questionnaire: {},
    }),
  /** The year-round loop (SPEC §13): working days an assigned item is given, how soon is "due soon", receptions each representative should hold a quarter. */
  loop: z
    .object({
      deadlines: z
        .object({
          normal: z.int().min(1).max(120).default(15),
          urgent: z.int().min(1).max(120).default(3),
          complex: z.int().min(1).max(120).default(30),
        })
        .default({ normal: 15, urgent: 3, complex: 30 }),
      dueSoonDays: z.int().min(0).max(30).default(3),
      receptionsPerQuarter: z.int().min(0).max(30).default(1),
      /** The item categories this congress uses (of the six, shared/items/enums.ts): an item in another is refused. */
      categories: z
        .array(z.enum(ITEM_CATEGORIES))
        .min(1)
        .max(ITEM_CATEGORIES.length)
        .refine((cs) => new Set(cs).size === cs.length, { message: 'duplicate' })
        .default([...ITEM_CATEGORIES]),
    })
    .default({ deadlines: { normal: 15, urgent: 3, complex: 30 }, dueSoonDays: 3, receptionsPerQuarter: 1, categories: [...ITEM_CATEGORIES] }),
  /** 履职积分 (SPEC §14): points per event of a representative's year (shared/archive/points.ts). */
  points: PointRules.default(DEFAULT_POINTS),
  /**
   * 通知 (SPEC §17, shared/notify): SMS sent by this congress in one Shanghai day at most, and to one person; the hour
   * (Shanghai) of staff's daily digest, and the office's e-mail address it goes to (robots get it too).
   */
  notify: z
    .object({
      smsDailyCap: z.int().min(0).max(1_000_000).default(2000),
      perPersonDailyCap: z.int().min(1).max(100).default(5),
      digestHour: z.int().min(0).max(23).default(8),
      officeEmail: z.string().trim().max(200).default(''),
    })
    .default({ smsDailyCap: 2000, perPersonDailyCap: 5, digestHour: 8, officeEmail: '' }),
});
export type CongressSettings = z.infer<typeof CongressSettings>;
export const defaultSettings = (): CongressSettings => CongressSettings.parse({});

/** The smallest number of present representatives that makes a quorum. */
export function quorumCount(seated: number, quorum: Fraction): number {
  return Math.ceil((seated * quorum.numerator) / quorum.denominator);
}
