/** The departments stage's API routes, each once (shared/contract.ts). */
import { z } from 'zod';
import { route } from '../contract.ts';
import { CongressId } from '../congress/schema.ts';
import { CreateDepartment, Department, DepartmentParams, UpdateDepartment } from './schema.ts';

const tag = 'departments';
const Ok = z.object({ ok: z.literal(true) });

export const listDepartments = route({
  method: 'GET',
  path: '/congresses/:congressId/departments',
  tag,
  summary: 'Departments of this congress with their accounts',
  permission: 'departments.read',
  params: CongressId,
  response: z.array(Department),
});

export const createDepartment = route({
  method: 'POST',
  path: '/congresses/:congressId/departments',
  tag,
  summary: 'Add a department',
  permission: 'departments.manage',
  params: CongressId,
  body: CreateDepartment,
  status: 201,
  response: z.object({ id: z.string() }),
  errors: ['department_name_taken'],
});

export const updateDepartment = route({
  method: 'PATCH',
  path: '/congresses/:congressId/departments/:departmentId',
  tag,
  summary: 'Edit or deactivate a department',
  permission: 'departments.manage',
  params: DepartmentParams,
  body: UpdateDepartment,
  response: Ok,
  errors: ['department_name_taken', 'department_not_found'],
});
