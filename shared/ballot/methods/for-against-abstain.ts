/** 赞成 / 反对 / 弃权 for each candidate; at most `maxFor` 赞成, more makes the ballot invalid. Unmarked = 弃权. */
import { addMarks, canonicalWith, normaliseWith, overMarked } from './common.ts';
import type { VoteMethod } from './index.ts';

const MARKS = ['for', 'against', 'abstain'] as const;
const KEPT = ['for', 'against'] as const;

export const forAgainstAbstain: VoteMethod = {
  mode: 'for_against_abstain',
  marks: MARKS,
  canonicalMarks: KEPT,
  normalise: (raw, ids) => normaliseWith(raw, ids, MARKS),
  invalid: (marks, vote) => overMarked(marks, vote.maxFor),
  canonical: (marks, ids) => canonicalWith(marks, ids, KEPT),
  tally: addMarks,
  // An abstain mark in a bulletin is refused by the canonical-form check (verify.ts), with the other form errors.
  bulletinMarkProblem: () => null,
  words: {
    setting: 'settings.markMode.for_against_abstain',
    rule: 'ballot.rule.fae',
    ruleOnCard: 'ballot.rule.faeOnCard',
    button: { for: 'ballot.mark.for', against: 'ballot.mark.against', abstain: 'ballot.mark.abstain' },
    unmarked: 'ballot.mark.abstain',
    reviewUnmarked: 'ballot.mark.none',
    showsAgainst: true,
  },
  unmarkedCount: (c) => c.abstain,
};
