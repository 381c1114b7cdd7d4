import { z } from 'zod';
import { ROLES } from '../roles.ts';
import { CongressSettings } from './settings.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

/** Levels of congress, from the top of the tree (SPEC §16): a city over counties, a county over townships and street councils. */
export const CONGRESS_LEVELS = ['city', 'county', 'township', 'street'] as const;
export const CongressLevel = z.enum(CONGRESS_LEVELS);
export const CongressId = z.object({ congressId: z.uuid() });

export const CreateCongress = z.object({
  name: text(120),
  level: CongressLevel,
  term: z.int().min(1).max(99),
  settings: CongressSettings.optional(),
});
export type CreateCongress = z.infer<typeof CreateCongress>;

export const UpdateCongress = z
  .object({ name: text(120), level: CongressLevel, term: z.int().min(1).max(99) })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'empty_update' });

export const Congress = z.object({
  id: z.string(),
  name: z.string(),
  level: CongressLevel,
  term: z.int(),
  settings: CongressSettings,
  /** The congress one level up (a township's county, a county's city), null at the top (SPEC §16). */
  parentId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The caller's roles in this congress (system admins see every congress). */
  myRoles: z.array(z.enum(ROLES)),
});
export type Congress = z.infer<typeof Congress>;

export const AddMember = z.object({
  accountId: z.uuid(),
  role: z.enum(ROLES),
  departmentId: z.uuid().optional(),
  /** The liaison station a keeper (role station) keeps. */
  stationId: z.uuid().optional(),
});
export const MemberId = CongressId.extend({ memberId: z.uuid() });

/** One role grant in a congress, as the members list answers it. */
export const Member = z.object({
  id: z.string(),
  role: z.enum(ROLES),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  stationId: z.string().nullable().optional(),
  stationName: z.string().nullable().optional(),
  accountId: z.string(),
  username: z.string(),
  displayName: z.string(),
  disabled: z.boolean(),
});
export type Member = z.infer<typeof Member>;
