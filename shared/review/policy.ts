/** Who may do what in the review stage: each permission once (shared/policy.ts gathers every stage's). */
import { inCongress, type Policy } from '../permission.ts';

export const reviewPolicy = {
  /** The figures: staff, the government and the presidium all of them; a department account its own department's only (the handler narrows it). */
  'review.figures': inCongress(['admin', 'government', 'presidium', 'department']),
  /** Reading every department's figures (a rule the figures apply, not a route): everyone else with review.figures reads only their own departments'. */
  'review.figures.all': inCongress(['admin', 'government', 'presidium']),
  /** The monthly review sheet (集中研判): the office, the government and the presidium. */
  'review.sheet': inCongress(['admin', 'government', 'presidium']),
  /** Staff record the review meeting's decisions. */
  'review.manage': inCongress(['admin']),
  /** The official calendar, read by everyone who sets or meets deadlines. */
  'review.calendar.read': inCongress(['admin', 'government', 'presidium', 'department', 'station']),
  /** Staff upload and correct the official calendar (法定节假日、调休上班). */
  'review.calendar.manage': inCongress(['admin']),
} as const satisfies Policy;
