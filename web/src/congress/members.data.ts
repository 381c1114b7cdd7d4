import type { Role } from '../../../shared/roles.ts';
import { listDepartments } from '../../../shared/departments/contract.ts';
import { api, call } from '../api.ts';

export type { Member } from '../../../shared/congress/schema.ts';
import type { Member } from '../../../shared/congress/schema.ts';

export const fetchMembers = (congressId: string) => api.get<Member[]>(`/congresses/${congressId}/members`);
export const fetchDepartments = (congressId: string) => call(listDepartments, { params: { congressId } });
export const grantRole = (congressId: string, body: { accountId: string; role: Role; departmentId?: string }) =>
  api.post<{ id: string }>(`/congresses/${congressId}/members`, body);
export const revokeRole = (congressId: string, memberId: string) => api.del(`/congresses/${congressId}/members/${memberId}`);
