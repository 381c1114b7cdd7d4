import type { z } from 'zod';
import * as C from '../../../shared/congress/contract.ts';
import type { AddMember } from '../../../shared/congress/schema.ts';
import { listDepartments } from '../../../shared/departments/contract.ts';
import { call } from '../api.ts';

export type { Member } from '../../../shared/congress/schema.ts';

export const fetchMembers = (congressId: string) => call(C.listMembers, { params: { congressId } });
export const fetchDepartments = (congressId: string) => call(listDepartments, { params: { congressId } });
export const grantRole = (congressId: string, body: z.input<typeof AddMember>) => call(C.grantRole, { params: { congressId }, body });
export const revokeRole = (congressId: string, memberId: string) => call(C.revokeRole, { params: { congressId, memberId } });
