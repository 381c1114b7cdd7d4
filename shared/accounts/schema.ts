import { z } from 'zod';
import { Password, Username } from '../auth/schema.ts';
import { ROLES } from '../roles.ts';

/**
 * A new account's first password: leave `password` out and the server makes one, answers it once (`firstPassword`)
 * for the staff member to hand over, and the owner must choose their own at first sign-in. A script that sets a
 * password itself may ask for the same forced change with `mustChangePassword: true`.
 */
const FirstPassword = { password: Password.optional(), mustChangePassword: z.boolean().optional() };

export const CreateAccount = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(60),
  ...FirstPassword,
  systemAdmin: z.boolean().default(false),
});
export type CreateAccount = z.infer<typeof CreateAccount>;

/** A congress admin creates an account together with its first role in that congress. */
export const CreateMemberAccount = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(60),
  ...FirstPassword,
  role: z.enum(ROLES),
  departmentId: z.uuid().optional(),
  /** The liaison station a keeper (role station) keeps. */
  stationId: z.uuid().optional(),
});

export const UpdateAccount = z
  .object({ displayName: z.string().trim().min(1).max(60), disabled: z.boolean(), systemAdmin: z.boolean() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'empty_update' });
/** An administrator's reset: without `newPassword` the server makes one, answers it once, and the owner must change it. */
export const ResetPassword = z.object({ newPassword: Password.optional(), mustChangePassword: z.boolean().optional() });
/** A created account; `firstPassword` only when the server made it (shown once, never stored in clear). */
export const CreatedAccount = z.object({ id: z.string(), username: z.string(), firstPassword: z.string().optional(), mustChangePassword: z.boolean() });
export type CreatedAccount = z.infer<typeof CreatedAccount>;
export const PasswordReset = z.object({ ok: z.literal(true), firstPassword: z.string().optional(), mustChangePassword: z.boolean() });
export type PasswordReset = z.infer<typeof PasswordReset>;
export const AccountId = z.object({ accountId: z.uuid() });
/** An account named through a congress it holds a role in (the congress admin's routes). */
export const CongressAccountId = z.object({ congressId: z.uuid(), accountId: z.uuid() });
/** The answer of an unlock: how many of the account's sign-in counters held failed tries (0: it was not limited). */
export const Unlocked = z.object({ ok: z.literal(true), cleared: z.number().int() });
export type Unlocked = z.infer<typeof Unlocked>;

export const AccountSummary = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  systemAdmin: z.boolean(),
  disabled: z.boolean(),
  createdAt: z.string(),
  memberships: z.array(
    z.object({
      id: z.string(),
      congressId: z.string(),
      congressName: z.string(),
      role: z.enum(ROLES),
      departmentId: z.string().nullable(),
      departmentName: z.string().nullable(),
    }),
  ),
});
export type AccountSummary = z.infer<typeof AccountSummary>;
