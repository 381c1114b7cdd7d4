/** Who may do what in the templates stage: each permission once (shared/policy.ts gathers every stage's). */
import { inCongress, type Policy } from '../permission.ts';

export const templatesPolicy = {
  /** A county's (or city's) admin makes templates and publishes their versions (on the county itself). */
  'templates.manage': inCongress(['admin']),
  /** The county's admin and its overseers read its templates and which version each congress below adopted. */
  'templates.read': inCongress(['admin', 'overseer']),
  /**
   * A township's (or street's) admin reads the templates of the counties above it, compares a version with what it has
   * and adopts one into its own settings (its own settings route is the congress stage's `settings.update`).
   */
  'templates.adopt': inCongress(['admin']),
} as const satisfies Policy;
