/**
 * What a published result means beyond its own figures: cards handed out beyond the representatives present, and the
 * session's final list across a vote and the votes that follow it (再次投票, 另行表决, 重新投票). Pure: data in, data out.
 */

/**
 * 发出票数多于实到人数: how many more cards were handed out than representatives were present (0 when not). It does
 * not void the vote (only more ballots cast than cards issued does, design §4), but the report and the screen say it.
 */
export const overIssued = (c: { issued: number; present: number }) => Math.max(0, c.issued - c.present);

export type ChainVote = {
  id: string;
  kind: 'regular' | 'runoff' | 'further' | 'revote';
  seats: number;
  previousVoteId: string | null;
  /** The published result, or null while the vote is not published. */
  result: { void: boolean; elected: string[]; tied: string[]; candidates: { id: string; title: string; for: number }[] } | null;
  /** The presidium left this vote's unfilled seats empty (空缺名额留空). */
  leftEmpty: boolean;
};

export type FinalList = {
  /** The votes of the chain, the first vote first. */
  voteIds: string[];
  /** Seats of the first vote: what the chain was to fill. */
  seats: number;
  /** Elected across the chain's published votes: the first vote's in rank, then each follow-up's. */
  elected: { id: string; title: string; for: number; voteId: string; kind: ChainVote['kind'] }[];
  /** A vote of the chain is not published yet, or the last one is void or tied: the list is not final. */
  pending: boolean;
  /** Seats still empty once the list is final. */
  unfilledSeats: number;
  /** The presidium recorded that those seats stay empty. */
  leftEmpty: boolean;
};

/**
 * The session's votes grouped by chain (a vote and the follow-ups linked to it), each with its final list. `votes` in
 * the order they were created; a follow-up always comes after the vote it follows.
 */
export function finalLists(votes: ChainVote[]): FinalList[] {
  const rootOf = new Map<string, string>();
  const chains = new Map<string, ChainVote[]>();
  for (const v of votes) {
    const root = (v.previousVoteId && rootOf.get(v.previousVoteId)) || v.id;
    rootOf.set(v.id, root);
    chains.set(root, [...(chains.get(root) ?? []), v]);
  }
  return [...chains.values()].map((chain) => {
    const elected: FinalList['elected'] = [];
    for (const v of chain) {
      if (!v.result || v.result.void) continue;
      for (const id of v.result.elected) {
        const c = v.result.candidates.find((x) => x.id === id);
        elected.push({ id, title: c?.title ?? id, for: c?.for ?? 0, voteId: v.id, kind: v.kind });
      }
    }
    const leaves = chain.filter((v) => !chain.some((w) => w.previousVoteId === v.id));
    const pending = chain.some((v) => !v.result) || leaves.some((v) => !!v.result && (v.result.void || v.result.tied.length > 0));
    const seats = chain[0].seats;
    return {
      voteIds: chain.map((v) => v.id),
      seats,
      elected,
      pending,
      unfilledSeats: pending ? 0 : Math.max(0, seats - elected.length),
      leftEmpty: leaves.some((v) => v.leftEmpty),
    };
  });
}
