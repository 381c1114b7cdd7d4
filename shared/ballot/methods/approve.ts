/** 只勾选赞成: tick the candidates one approves, at most `maxFor`; more makes the ballot invalid. Unmarked = 未勾选. */
import { addMarks, canonicalWith, normaliseWith, overMarked } from './common.ts';
import type { VoteMethod } from './index.ts';

/** The only mark a voter gives; an abstention (untick) is accepted as "not ticked". */
const MARKS = ['for'] as const;

export const approve: VoteMethod = {
  mode: 'approve',
  marks: MARKS,
  canonicalMarks: MARKS,
  normalise: (raw, ids) => normaliseWith(raw, ids, MARKS),
  invalid: (marks, vote) => overMarked(marks, vote.maxFor),
  canonical: (marks, ids) => canonicalWith(marks, ids, MARKS),
  tally: addMarks,
  bulletinMarkProblem: (mark) => (mark === 'for' ? null : `has "${mark}" in approve mode (only "for")`),
  words: {
    setting: 'settings.markMode.approve',
    rule: 'ballot.rule.approve',
    ruleOnCard: 'ballot.rule.approveOnCard',
    button: { for: 'ballot.mark.approve', against: 'ballot.mark.against', abstain: 'ballot.mark.notApproved' },
    unmarked: 'ballot.mark.notApproved',
    reviewUnmarked: 'ballot.mark.notApproved',
    showsAgainst: false,
  },
  // Nobody can mark 反对 in approve mode; whatever is not a tick is "not ticked".
  unmarkedCount: (c) => c.abstain + c.against,
};
