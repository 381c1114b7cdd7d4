import { z } from 'zod';
import { Password, Username } from '../auth/schema.ts';
import { ROLES } from '../roles.ts';

export const CreateAccount = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(60),
  password: Password,
  systemAdmin: z.boolean().default(false),
});
export type CreateAccount = z.infer<typeof CreateAccount>;

/** A congress admin creates an account together with its first role in that congress. */
export const CreateMemberAccount = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(60),
  password: Password,
  role: z.enum(ROLES),
  departmentId: z.uuid().optional(),
});

export const UpdateAccount = z
  .object({ displayName: z.string().trim().min(1).max(60), disabled: z.boolean(), systemAdmin: z.boolean() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'empty_update' });
export const ResetPassword = z.object({ newPassword: Password });
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
