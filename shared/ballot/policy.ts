/** Who may do what with votes and ballot cards: each permission once, the web's `can()` and the server's check both read it. */
import { inCongress, type Policy } from '../permission.ts';

export const ballotPolicy = {
  /** Everyone with a role in the congress sees its votes (only the count of ballots cast while one is open). */
  'ballot.read': inCongress('any'),
  /** Staff and the presidium prepare a vote: create it over a frozen list and adjust its rules before it opens. */
  'ballot.votes.manage': inCongress(['admin', 'presidium']),
  /** The presidium alone opens and closes a vote (it presides; staff do not). */
  'ballot.votes.run': inCongress(['presidium']),
  /** The scrutineers (监票人) make, print, hand out and void the cards: the cards never pass through staff. */
  'ballot.cards.manage': inCongress(['scrutineer']),
  /** The scrutineers key in paper ballots after the close (two agreeing entries) and settle differing ones. */
  'ballot.paper.count': inCongress(['scrutineer']),
} as const satisfies Policy;
