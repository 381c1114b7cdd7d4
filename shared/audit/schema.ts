import { z } from 'zod';

export const AuditEntry = z.object({
  seq: z.int(),
  at: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.unknown(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const ChainReport = z.object({
  ok: z.boolean(),
  checked: z.int(),
  firstBroken: z.object({ seq: z.int(), reason: z.string() }).nullable(),
});
export type ChainReport = z.infer<typeof ChainReport>;

export const AuditPage = z.object({
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
