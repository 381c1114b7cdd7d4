import { describe, expect, it } from 'vitest';
import * as C from '../../shared/departments/contract.ts';
import { Client, PASSWORD, congressWithRoles, setupAdmin, uniq, useTestApp } from '../helpers/app.ts';

const t = useTestApp();

describe('departments', () => {
  it('adds, edits and deactivates departments; a duplicate name in one congress is refused', async () => {
    const admin = await setupAdmin(t);
    const { congress, clients } = await congressWithRoles(t, admin);
    const params = { congressId: congress.id };
    const made = await admin.call(C.createDepartment, { params, body: { name: '县水利局', kind: 'bureau', contactName: '周工', contactPhone: '0571-1234567' } });
    expect(made.status).toBe(201);
    const dup = await new Client(t, 'en').call(C.createDepartment, { params, body: { name: '县水利局', kind: 'other' } }, { cookie: admin.cookie, 'x-csrf-token': admin.csrf });
    expect(dup.status).toBe(409);
    expect(dup.body.error?.message).toBe('This congress already has a department named “县水利局”.');
    expect((await admin.call(C.createDepartment, { params, body: { name: '乡镇', kind: 'ministry' as 'other' } })).status).toBe(400);
    expect((await admin.call(C.updateDepartment, { params: { ...params, departmentId: made.body.id }, body: { active: false, contactName: '吴工' } })).status).toBe(200);
    const list = (await clients.government.call(C.listDepartments, { params })).body;
    expect(list.find((d) => d.id === made.body.id)).toMatchObject({ active: false, contactName: '吴工', kind: 'bureau' });
    expect((await clients.government.call(C.createDepartment, { params, body: { name: '越权局', kind: 'bureau' } })).status).toBe(403);
    expect((await admin.call(C.updateDepartment, { params: { ...params, departmentId: crypto.randomUUID() }, body: { active: true } })).status).toBe(404);
  });

  it('links department accounts to their department', async () => {
    const admin = new Client(t);
    await admin.login('admin', PASSWORD);
    const { congress, department } = await congressWithRoles(t, admin);
    const username = uniq('dept');
    await admin.post(`/api/congresses/${congress.id}/accounts`, { username, displayName: '交通局联络员', password: PASSWORD, role: 'department', departmentId: department.id });
    const list = (await admin.call(C.listDepartments, { params: { congressId: congress.id } })).body;
    const dep = list.find((d) => d.id === department.id)!;
    expect(dep.accounts.map((a) => a.username)).toContain(username);
    const me = await new Client(t).login(username, PASSWORD);
    expect(me.body.memberships).toEqual([expect.objectContaining({ role: 'department', departmentId: department.id, departmentName: department.name ?? expect.any(String) })]);
  });
});
