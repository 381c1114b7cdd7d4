/** Who may do what with tallies (计票) and their results: each permission once, the web's `can()` and the server's check both read it. */
import { inCongress, type Policy } from '../permission.ts';

export const tallyPolicy = {
  /** Everyone with a role in the congress sees a vote's tally and its report (per-candidate figures: see describeTally). */
  'tally.read': inCongress('any'),
  /**
   * The scrutineers (监票人) prepare and sign the tally. The handler also wants the role itself: a system administrator
   * passes this check but is not a scrutineer.
   */
  'tally.sign': inCongress(['scrutineer']),
  /** The presidium (主席团) publishes a signed tally and leaves unfilled seats empty; the role itself, as for signing. */
  'tally.publish': inCongress(['presidium']),
  /** Staff and the presidium call the vote that follows a result (再次投票, 另行表决, a revote after a void one). */
  'tally.followups.create': inCongress(['admin', 'presidium']),
  /** The office (admin, government) or the presidium send candidates not elected to the reserve pool (储备库). */
  'tally.reserve': inCongress(['admin', 'government', 'presidium']),
} as const satisfies Policy;
