import { describe, expect, it } from 'vitest';
import * as Accounts from '../../shared/accounts/contract.ts';
import * as Congress from '../../shared/congress/contract.ts';
import { defaultSettings, quorumCount } from '../../shared/congress/settings.ts';
import { Client, PASSWORD, congressWithRoles, setupAdmin, uniq, useTestApp } from '../helpers/app.ts';
import type { Role } from '../../shared/roles.ts';

const t = useTestApp();
let admin: Client;

describe('congresses', () => {
  it('creates a congress with the default settings of the spec; its creator becomes its admin', async () => {
    admin = await setupAdmin(t);
    const res = await admin.call(Congress.createCongress, { body: { name: '第十八届示范镇人民代表大会', level: 'township', term: 18 } });
    expect(res.status).toBe(201);
    expect(res.body.settings).toEqual(defaultSettings());
    expect(res.body.settings.quorum).toEqual({ numerator: 2, denominator: 3 });
    expect(res.body.settings.vote.threshold).toEqual({ base: 'seated', numerator: 1, denominator: 2, strict: true });
    expect(res.body.settings.candidates.minSurplus).toBe(1);
    expect(res.body.settings.evaluation.kMin).toBe(5);
    expect(res.body.myRoles).toEqual(['admin']);
    const members = await admin.call(Congress.listMembers, { params: { congressId: res.body.id } });
    expect(members.body.map((m: { role: string }) => m.role)).toEqual(['admin']);
  });

  it('edits name and term, and validates settings (a fraction over one is refused, fields default)', async () => {
    const c = (await admin.call(Congress.createCongress, { body: { name: '县人大', level: 'county', term: 17 } })).body;
    const edited = await admin.call(Congress.updateCongress, { params: { congressId: c.id }, body: { term: 18 } });
    expect(edited.body.term).toBe(18);
    expect((await admin.call(Congress.updateCongress, { params: { congressId: c.id } })).status).toBe(400);
    const bad = await admin.call(Congress.replaceSettings, { params: { congressId: c.id }, body: { quorum: { numerator: 4, denominator: 3 } } });
    expect(bad.status).toBe(400);
    expect((bad.body.error?.details as { path: string }[])[0].path).toBe('quorum.numerator');
    const badMode = await admin.call(Congress.replaceSettings, { params: { congressId: c.id }, body: { vote: { markMode: 'majority' as never } } });
    expect(badMode.status).toBe(400);
    const ok = await admin.call(Congress.replaceSettings, { params: { congressId: c.id }, body: { quorum: { numerator: 1, denominator: 2 }, tally: { signoffs: 3 } } });
    expect(ok.status).toBe(200);
    expect(ok.body.settings.quorum).toEqual({ numerator: 1, denominator: 2 });
    expect(ok.body.settings.tally.signoffs).toBe(3);
    expect(ok.body.settings.vote.markMode).toBe('for_against_abstain');
    expect((await admin.call(Congress.getCongress, { params: { congressId: c.id } })).body.settings.tally.signoffs).toBe(3);
  });

  it('computes the quorum as the smallest whole number reaching the fraction', () => {
    expect(quorumCount(45, { numerator: 2, denominator: 3 })).toBe(30);
    expect(quorumCount(46, { numerator: 2, denominator: 3 })).toBe(31);
  });
});

describe('roles per congress', () => {
  it('lets one account hold different roles in different congresses, and nothing in a third', async () => {
    const a = (await admin.call(Congress.createCongress, { body: { name: uniq('甲镇'), level: 'township', term: 1 } })).body;
    const b = (await admin.call(Congress.createCongress, { body: { name: uniq('乙镇'), level: 'township', term: 1 } })).body;
    const c = (await admin.call(Congress.createCongress, { body: { name: uniq('丙镇'), level: 'township', term: 1 } })).body;
    const username = uniq('multi');
    const acc = await admin.call(Accounts.createMemberAccount, { params: { congressId: a.id }, body: { username, displayName: '多角色', password: PASSWORD, role: 'presidium' } });
    expect(acc.status).toBe(201);
    expect((await admin.call(Congress.grantRole, { params: { congressId: b.id }, body: { accountId: acc.body.id, role: 'scrutineer' } })).status).toBe(201);
    const dup = await admin.call(Congress.grantRole, { params: { congressId: b.id }, body: { accountId: acc.body.id, role: 'scrutineer' } });
    expect(dup.status).toBe(409);

    const user = new Client(t);
    const me = await user.login(username, PASSWORD);
    expect(me.body.memberships.map((m: { congressId: string; role: string }) => [m.congressId, m.role]).sort()).toEqual(
      [[a.id, 'presidium'], [b.id, 'scrutineer']].sort(),
    );
    const list = await user.call(Congress.listCongresses);
    expect(list.body.map((x: { id: string }) => x.id).sort()).toEqual([a.id, b.id].sort());
    expect((await user.call(Congress.getCongress, { params: { congressId: a.id } })).body.myRoles).toEqual(['presidium']);
    // A congress where the account has no role does not even show it exists.
    expect((await user.call(Congress.getCongress, { params: { congressId: c.id } })).status).toBe(404);
    // Roles grant only what they grant: a presidium member cannot edit the congress.
    const edit = await user.call(Congress.updateCongress, { params: { congressId: a.id }, body: { term: 2 } });
    expect(edit.status).toBe(403);
    expect(edit.body.error?.code).toBe('forbidden');
  });

  it('a department role must name a department of the same congress; other roles must not', async () => {
    const { congress, department } = await congressWithRoles(t, admin);
    const other = (await admin.call(Congress.createCongress, { body: { name: uniq('外县'), level: 'county', term: 1 } })).body;
    const otherDep = (await admin.post(`/api/congresses/${other.id}/departments`, { name: '外县水利局', kind: 'bureau' })).body;
    const mk = (role: Role, departmentId?: string) =>
      admin.call(Accounts.createMemberAccount, { params: { congressId: congress.id }, body: { username: uniq('d'), displayName: '单位', password: PASSWORD, role, ...(departmentId ? { departmentId } : {}) } });
    expect((await mk('department')).body.error?.code).toBe('department_required');
    expect((await mk('presidium', department.id)).body.error?.code).toBe('department_not_allowed');
    expect((await mk('department', otherDep.id)).body.error?.code).toBe('department_not_found');
    expect((await mk('department', department.id)).status).toBe(201);
  });

  it('only a congress admin (or system admin) manages members; revoking a role takes effect at once', async () => {
    const { congress, clients } = await congressWithRoles(t, admin);
    for (const role of ['government', 'presidium', 'scrutineer', 'representative', 'department']) {
      expect((await clients[role].call(Congress.listMembers, { params: { congressId: congress.id } })).status).toBe(403);
    }
    const members = (await clients.admin.call(Congress.listMembers, { params: { congressId: congress.id } })).body;
    const presidium = members.find((m) => m.role === 'presidium')!;
    expect((await clients.admin.call(Congress.revokeRole, { params: { congressId: congress.id, memberId: presidium.id } })).status).toBe(200);
    expect((await clients.presidium.call(Congress.getCongress, { params: { congressId: congress.id } })).status).toBe(404);
    expect((await clients.admin.call(Congress.revokeRole, { params: { congressId: congress.id, memberId: presidium.id } })).status).toBe(404);
  });

  it('only a system admin creates congresses and lists every account', async () => {
    const { clients } = await congressWithRoles(t, admin);
    expect((await clients.admin.call(Congress.createCongress, { body: { name: '越权', level: 'county', term: 1 } })).status).toBe(403);
    expect((await clients.admin.call(Accounts.listAccounts)).status).toBe(403);
    expect((await new Client(t).call(Congress.listCongresses)).status).toBe(401);
    const all = await admin.call(Accounts.listAccounts);
    expect(all.status).toBe(200);
    expect(all.body.some((a: { systemAdmin: boolean }) => a.systemAdmin)).toBe(true);
  });
});

describe('guards on roles', () => {
  it('keeps a congress from losing its last admin', async () => {
    const c = (await admin.call(Congress.createCongress, { body: { name: uniq('孤岛镇'), level: 'township', term: 1 } })).body;
    const members = (await admin.call(Congress.listMembers, { params: { congressId: c.id } })).body;
    const res = await admin.call(Congress.revokeRole, { params: { congressId: c.id, memberId: members[0].id } });
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('last_congress_admin');
    const other = await admin.call(Accounts.createMemberAccount, { params: { congressId: c.id }, body: { username: uniq('adm'), displayName: '第二管理员', password: PASSWORD, role: 'admin' } });
    expect(other.status).toBe(201);
    expect((await admin.call(Congress.revokeRole, { params: { congressId: c.id, memberId: members[0].id } })).status).toBe(200);
  });

  it('says which rule a username breaks, in words', async () => {
    const res = await admin.call(Accounts.createAccount, { body: { username: 'a b', displayName: 'x', password: PASSWORD } });
    expect(res.body.error?.details).toEqual([{ path: 'username', code: 'username_chars', message: '只能包含字母、数字、下划线、点和连字符' }]);
  });
});
