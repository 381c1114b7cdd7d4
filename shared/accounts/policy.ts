/**
 * Who may create and look after accounts. Every account at once (list, create, rename, disable, reset, unlock) is the
 * system administrators' (`systemAdmin`, shared/policy.ts); a congress's administrators look after the accounts of
 * their own congress.
 */
import { inCongress, type Policy } from '../permission.ts';

export const accountsPolicy = {
  /** A congress's administrators create an account with its first role there, and clear its failed sign-ins. */
  'accounts.manage': inCongress(['admin']),
} as const satisfies Policy;
