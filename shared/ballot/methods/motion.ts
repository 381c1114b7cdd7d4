/**
 * 议题表决: a motion (the agenda, a name list, the decision on the projects, a resolution) is one question with a single
 * mark: 赞成 / 反对 / 弃权 on its one key (the motion's id). Unmarked = 弃权. It passes when its 赞成 reach the motion's
 * threshold (more than half of all seated representatives unless its rule says otherwise): the tally's `elected` holds
 * the motion's id when it passed (seats 1, maxFor 1). A tablet cannot over-mark it (one key, one mark).
 *
 * Its marks, canonical form and count are those of 赞成/反对/弃权 per candidate (one candidate: itself); only its words
 * differ.
 */
import { forAgainstAbstain } from './for-against-abstain.ts';
import type { VoteMethod } from './index.ts';

export const motion: VoteMethod = {
  ...forAgainstAbstain,
  mode: 'motion',
  words: {
    ...forAgainstAbstain.words,
    setting: 'settings.markMode.motion',
    rule: 'ballot.rule.motion',
    ruleOnCard: 'ballot.rule.motion',
  },
};
