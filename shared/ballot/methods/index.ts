/**
 * A vote method (表决方式): everything that depends on how a ballot is marked, behind one interface, one module per
 * method. The server (casting, paper entry, the tally's bulletin), the offline verifier and the web ask
 * `methodOf(vote.markMode)` instead of branching on the mode. Adding a method is a module here and its entry in
 * `METHODS` (and its words in the i18n files); nothing else branches on it.
 */
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { approve } from './approve.ts';
import { forAgainstAbstain } from './for-against-abstain.ts';
import { motion } from './motion.ts';

/** The marks a ballot can carry for one candidate. A candidate left out is an abstention (弃权 / 未勾选). */
export const MARKS = ['for', 'against', 'abstain'] as const;
export type Mark = (typeof MARKS)[number];
/** Marks on one ballot: candidate id → mark. */
export type Marks = Record<string, Mark>;

/**
 * The methods that exist, as the database (votes.mark_mode) and the congress settings (vote.markMode) store them.
 * `METHODS` below must have a module for each, or it does not compile; the settings import the list from here.
 */
export const MARK_MODES = ['for_against_abstain', 'approve', 'motion'] as const;
export type MarkMode = (typeof MARK_MODES)[number];
/**
 * The methods a vote over a candidate list may use (the congress settings, a vote's own setting): a motion is a
 * question of its own (议题), never how projects are marked.
 */
export const PROJECT_MARK_MODES = ['for_against_abstain', 'approve'] as const satisfies readonly MarkMode[];
export type ProjectMarkMode = (typeof PROJECT_MARK_MODES)[number];

/** Why marks cannot be a ballot at all (refused at the cast): not the same as an invalid ballot (废票), which counts. */
export type MarksRefusal = 'unknown_candidate' | 'bad_mark';
/** Why a ballot that was cast is invalid (废票) and counts for no candidate. */
export type Invalidity = { reason: 'over_marked'; marked: number; max: number };
/** The per-candidate figures a tally adds ballots into (abstentions are what is left of the valid ballots). */
export type CandidateTotals = { for: number[]; against: number[] };

export interface VoteMethod {
  readonly mode: MarkMode;
  /** The marks a voter may give for a candidate, in the order the ballot shows them (the marks schema). */
  readonly marks: readonly Mark[];
  /** The marks a canonical (stored, published, signed-over) ballot may hold: never an abstention. */
  readonly canonicalMarks: readonly Mark[];
  /**
   * Check raw marks against the candidates; answer them in canonical form, or why they cannot be a ballot. An
   * over-marked ballot is still a ballot (invalid at the tally): see `invalid`.
   */
  normalise(raw: Record<string, unknown>, candidateIds: readonly string[]): { ok: true; marks: Marks } | { ok: false; reason: MarksRefusal };
  /** Why a ballot counts as invalid (废票), or null when it is valid. A blank ballot is valid. */
  invalid(marks: Marks, vote: { maxFor: number }): Invalidity | null;
  /** The form stored and published in the bulletin: keys in candidate order, abstentions left out. */
  canonical(marks: Marks, candidateIds: readonly string[]): Marks;
  /** Add one valid ballot to the totals (`index`: candidate id → position). */
  tally(marks: Marks, index: ReadonlyMap<string, number>, totals: CandidateTotals): void;
  /** Verification: what the offline verifier (and the bulletin schema) refuses in a ballot mark, said after "ballot N", or null. */
  bulletinMarkProblem(mark: Mark): string | null;
  /** The words of the ballot and the result for this method (i18n keys). */
  readonly words: {
    /** The setting's name of the method. */
    setting: MessageKey;
    /** The rule printed above the ballot ({max}). */
    rule: MessageKey;
    /**
     * The rule above this question when the card asks several (a sitting, 表决事项单): over-marking spoils this question
     * alone, not the whole card, so the words must not say 整张选票 ({max}).
     */
    ruleOnCard: MessageKey;
    /** The label of each mark's button. */
    button: Record<Mark, MessageKey>;
    /** A candidate left unmarked (弃权 or 未勾选), and the result's column for it. */
    unmarked: MessageKey;
    /** A candidate left unmarked as the ballot's review says it, so the voter knows how it counts (未选（按弃权计）). */
    reviewUnmarked: MessageKey;
    /** Whether the result shows a 反对 column. */
    showsAgainst: boolean;
  };
  /** The result's "unmarked" figure for a candidate (for approve: every valid ballot that did not tick it). */
  unmarkedCount(c: { against: number; abstain: number }): number;
}

export const METHODS: Record<MarkMode, VoteMethod> = { for_against_abstain: forAgainstAbstain, approve, motion };

/** The module of a vote's method. */
export function methodOf(mode: MarkMode): VoteMethod {
  const m = METHODS[mode];
  if (!m) throw new Error(`unknown mark mode: ${String(mode)}`);
  return m;
}

/** Same choice, same ballot: compares canonical marks (any method). */
export function sameMarks(a: Marks, b: Marks): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}
