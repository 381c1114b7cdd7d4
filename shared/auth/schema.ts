import { z } from 'zod';
import { ROLES } from '../roles.ts';

export const Username = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .regex(/^[A-Za-z0-9_.-]+$/, { message: 'username_chars' });
/** Long enough to resist guessing; no composition rules (NIST 800-63B). */
export const Password = z.string().min(10).max(200);

export const Login = z.object({ username: z.string().trim().min(1).max(40), password: z.string().min(1).max(200) });
export type Login = z.infer<typeof Login>;

export const Setup = z.object({ username: Username, displayName: z.string().trim().min(1).max(60), password: Password });
export type Setup = z.infer<typeof Setup>;

export const ChangePassword = z.object({ currentPassword: z.string().min(1).max(200), newPassword: Password });
export const CardLogin = z.object({ token: z.string().min(20).max(2000) });

export const Membership = z.object({
  id: z.string(),
  congressId: z.string(),
  congressName: z.string(),
  role: z.enum(ROLES),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
});
export type Membership = z.infer<typeof Membership>;

export const Me = z.object({
  account: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    systemAdmin: z.boolean(),
    hasPassword: z.boolean(),
    /** Signed in with a first password given by staff: the server refuses everything but changing it (and me, sign-out). */
    mustChangePassword: z.boolean(),
  }),
  memberships: z.array(Membership),
  csrfToken: z.string(),
  /** For scripts and kiosks that cannot keep cookies: send as `Authorization: Bearer <token>`. Only on login. */
  token: z.string().optional(),
});
export type Me = z.infer<typeof Me>;

/** How a session began: a password, a representative's card, or the first-run setup. */
export const LOGIN_METHODS = ['password', 'card', 'setup'] as const;
export type LoginMethod = (typeof LOGIN_METHODS)[number];

export const SessionInfo = z.object({
  id: z.string(),
  method: z.enum(LOGIN_METHODS),
  userAgent: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  current: z.boolean(),
});
export const SessionId = z.object({ sessionId: z.string().regex(/^[0-9a-f]{64}$/) });
