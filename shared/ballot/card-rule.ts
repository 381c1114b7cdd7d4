/**
 * May this card still be used for this vote? One rule for the three paths that use a card — the tablet's scan
 * (cast.ts), the tablet's cast (cast-batch.ts, under the card's lock) and a counter keying a paper ballot (paper.ts) —
 * as a pure function of the card and the vote as they stand. The answer is the refusal's error code (shared/errors.ts)
 * or null. The order is the order a person is told: the vote first, then the card.
 */

/** Where a card is used: on a tablet while the vote is open, or keyed in from paper once it is closed. */
export type CardUse = 'tablet' | 'paper';

export type CardRefusal = 'vote_not_open' | 'vote_closed' | 'paper_needs_close' | 'card_voided' | 'card_not_issued' | 'card_used';

export type VoteForCard = { openedAt: Date | null; closedAt: Date | null; issuanceMode: 'scan' | 'count' };
export type CardForVote = {
  voided: boolean;
  issued: boolean;
  /**
   * A ballot is already stored for the card; undefined when the caller does not ask (the scan does not say it: a token
   * holder could watch when each card is used — the cast says it, to all alike).
   */
  used?: boolean;
};

/** The vote's side alone: a tablet needs it open, paper needs it closed. */
export function voteRefusal(vote: VoteForCard, use: CardUse): CardRefusal | null {
  if (use === 'paper') return vote.closedAt ? null : 'paper_needs_close';
  if (vote.closedAt) return 'vote_closed';
  if (!vote.openedAt) return 'vote_not_open';
  return null;
}

/** The whole rule: the vote, then the card — not voided (作废), handed out when issuance is scanned, not yet used. */
export function cardRefusal(card: CardForVote, vote: VoteForCard, use: CardUse): CardRefusal | null {
  const v = voteRefusal(vote, use);
  if (v) return v;
  if (card.voided) return 'card_voided';
  // When issuance is recorded by scanning, a card taken from the printer's stack cannot vote.
  if (vote.issuanceMode === 'scan' && !card.issued) return 'card_not_issued';
  if (card.used) return 'card_used';
  return null;
}
