import { z } from 'zod';
import { CongressId } from '../congress/schema.ts';

export const DEPARTMENT_KINDS = ['bureau', 'township', 'enterprise', 'other'] as const;
export const DepartmentKind = z.enum(DEPARTMENT_KINDS);
export const CreateDepartment = z.object({
  name: z.string().trim().min(1).max(80),
  kind: DepartmentKind,
  contactName: z.string().trim().max(40).default(''),
  contactPhone: z.string().trim().max(30).default(''),
});
export const UpdateDepartment = z
  .object({
    name: z.string().trim().min(1).max(80),
    kind: DepartmentKind,
    contactName: z.string().trim().max(40),
    contactPhone: z.string().trim().max(30),
    active: z.boolean(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'empty_update' });
export const DepartmentParams = CongressId.extend({ departmentId: z.uuid() });
export const Department = z.object({
  id: z.string(),
  name: z.string(),
  kind: DepartmentKind,
  contactName: z.string(),
  contactPhone: z.string(),
  active: z.boolean(),
  accounts: z.array(z.object({ id: z.string(), username: z.string(), displayName: z.string() })),
});
export type Department = z.infer<typeof Department>;
