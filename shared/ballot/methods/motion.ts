/**
 * 议题表决: a motion (the agenda, a name list, the decision on the projects, a resolution) is one question with a single
 * mark: 赞成 / 反对 / 弃权 on its one key (the motion's id). Unmarked = 弃权. It passes when its 赞成 reach the motion's
 * threshold (more than half of all seated representatives unless its rule says otherwise): the tally's `elected` holds
 * the motion's id when it passed (seats 1, maxFor 1). A tablet cannot over-mark it (one key, one mark).
 */
import { addMarks, canonicalWith, normaliseWith, overMarked } from './common.ts';
import type { VoteMethod } from './index.ts';

const MARKS = ['for', 'against', 'abstain'] as const;
const KEPT = ['for', 'against'] as const;

export const motion: VoteMethod = {
  mode: 'motion',
  marks: MARKS,
  canonicalMarks: KEPT,
  normalise: (raw, ids) => normaliseWith(raw, ids, MARKS),
  invalid: (marks, vote) => overMarked(marks, vote.maxFor),
  canonical: (marks, ids) => canonicalWith(marks, ids, KEPT),
  tally: addMarks,
  bulletinMarkProblem: () => null,
  words: {
    setting: 'settings.markMode.motion',
    rule: 'ballot.rule.motion',
    ruleOnCard: 'ballot.rule.motion',
    button: { for: 'ballot.mark.for', against: 'ballot.mark.against', abstain: 'ballot.mark.abstain' },
    unmarked: 'ballot.mark.abstain',
    reviewUnmarked: 'ballot.mark.none',
    showsAgainst: true,
  },
  unmarkedCount: (c) => c.abstain,
};
