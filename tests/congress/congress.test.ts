import { describe, expect, it } from 'vitest';
import { defaultSettings, quorumCount } from '../../shared/congress/settings.ts';
import { Client, PASSWORD, congressWithRoles, setupAdmin, uniq, useTestApp } from '../helpers/app.ts';

const t = useTestApp();
let admin: Client;

describe('congresses', () => {
  it('creates a congress with the default settings of the spec; its creator becomes its admin', async () => {
    admin = await setupAdmin(t);
    const res = await admin.post('/api/congresses', { name: '第十八届示范镇人民代表大会', level: 'township', term: 18 });
    expect(res.status).toBe(201);
    expect(res.body.settings).toEqual(defaultSettings());
    expect(res.body.settings.quorum).toEqual({ numerator: 2, denominator: 3 });
    expect(res.body.settings.vote.threshold).toEqual({ base: 'seated', numerator: 1, denominator: 2, strict: true });
    expect(res.body.settings.candidates.minSurplus).toBe(1);
    expect(res.body.settings.evaluation.kMin).toBe(5);
    expect(res.body.myRoles).toEqual(['admin']);
    const members = await admin.get(`/api/congresses/${res.body.id}/members`);
    expect(members.body.map((m: { role: string }) => m.role)).toEqual(['admin']);
  });

  it('edits name and term, and validates settings (a fraction over one is refused, fields default)', async () => {
    const c = (await admin.post('/api/congresses', { name: '县人大', level: 'county', term: 17 })).body;
    const edited = await admin.patch(`/api/congresses/${c.id}`, { term: 18 });
    expect(edited.body.term).toBe(18);
    expect((await admin.patch(`/api/congresses/${c.id}`, {})).status).toBe(400);
    const bad = await admin.put(`/api/congresses/${c.id}/settings`, { quorum: { numerator: 4, denominator: 3 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('quorum.numerator');
    const badMode = await admin.put(`/api/congresses/${c.id}/settings`, { vote: { markMode: 'majority' } });
    expect(badMode.status).toBe(400);
    const ok = await admin.put(`/api/congresses/${c.id}/settings`, { quorum: { numerator: 1, denominator: 2 }, tally: { signoffs: 3 } });
    expect(ok.status).toBe(200);
    expect(ok.body.settings.quorum).toEqual({ numerator: 1, denominator: 2 });
    expect(ok.body.settings.tally.signoffs).toBe(3);
    expect(ok.body.settings.vote.markMode).toBe('for_against_abstain');
    expect((await admin.get(`/api/congresses/${c.id}`)).body.settings.tally.signoffs).toBe(3);
  });

  it('computes the quorum as the smallest whole number reaching the fraction', () => {
    expect(quorumCount(45, { numerator: 2, denominator: 3 })).toBe(30);
    expect(quorumCount(46, { numerator: 2, denominator: 3 })).toBe(31);
  });
});

describe('roles per congress', () => {
  it('lets one account hold different roles in different congresses, and nothing in a third', async () => {
    const a = (await admin.post('/api/congresses', { name: uniq('甲镇'), level: 'township', term: 1 })).body;
    const b = (await admin.post('/api/congresses', { name: uniq('乙镇'), level: 'township', term: 1 })).body;
    const c = (await admin.post('/api/congresses', { name: uniq('丙镇'), level: 'township', term: 1 })).body;
    const username = uniq('multi');
    const acc = await admin.post(`/api/congresses/${a.id}/accounts`, { username, displayName: '多角色', password: PASSWORD, role: 'presidium' });
    expect(acc.status).toBe(201);
    expect((await admin.post(`/api/congresses/${b.id}/members`, { accountId: acc.body.id, role: 'scrutineer' })).status).toBe(201);
    const dup = await admin.post(`/api/congresses/${b.id}/members`, { accountId: acc.body.id, role: 'scrutineer' });
    expect(dup.status).toBe(409);

    const user = new Client(t);
    const me = await user.login(username, PASSWORD);
    expect(me.body.memberships.map((m: { congressId: string; role: string }) => [m.congressId, m.role]).sort()).toEqual(
      [[a.id, 'presidium'], [b.id, 'scrutineer']].sort(),
    );
    const list = await user.get('/api/congresses');
    expect(list.body.map((x: { id: string }) => x.id).sort()).toEqual([a.id, b.id].sort());
    expect((await user.get(`/api/congresses/${a.id}`)).body.myRoles).toEqual(['presidium']);
    // A congress where the account has no role does not even show it exists.
    expect((await user.get(`/api/congresses/${c.id}`)).status).toBe(404);
    // Roles grant only what they grant: a presidium member cannot edit the congress.
    const edit = await user.patch(`/api/congresses/${a.id}`, { term: 2 });
    expect(edit.status).toBe(403);
    expect(edit.body.error.code).toBe('forbidden');
  });

  it('a department role must name a department of the same congress; other roles must not', async () => {
    const { congress, department } = await congressWithRoles(t, admin);
    const other = (await admin.post('/api/congresses', { name: uniq('外县'), level: 'county', term: 1 })).body;
    const otherDep = (await admin.post(`/api/congresses/${other.id}/departments`, { name: '外县水利局', kind: 'bureau' })).body;
    const mk = (role: string, departmentId?: string) =>
      admin.post(`/api/congresses/${congress.id}/accounts`, { username: uniq('d'), displayName: '单位', password: PASSWORD, role, ...(departmentId ? { departmentId } : {}) });
    expect((await mk('department')).body.error.code).toBe('department_required');
    expect((await mk('presidium', department.id)).body.error.code).toBe('department_not_allowed');
    expect((await mk('department', otherDep.id)).body.error.code).toBe('department_not_found');
    expect((await mk('department', department.id)).status).toBe(201);
  });

  it('only a congress admin (or system admin) manages members; revoking a role takes effect at once', async () => {
    const { congress, clients } = await congressWithRoles(t, admin);
    for (const role of ['government', 'presidium', 'scrutineer', 'representative', 'department']) {
      expect((await clients[role].get(`/api/congresses/${congress.id}/members`)).status).toBe(403);
    }
    const members = (await clients.admin.get(`/api/congresses/${congress.id}/members`)).body;
    const presidium = members.find((m: { role: string }) => m.role === 'presidium');
    expect((await clients.admin.delete(`/api/congresses/${congress.id}/members/${presidium.id}`)).status).toBe(200);
    expect((await clients.presidium.get(`/api/congresses/${congress.id}`)).status).toBe(404);
    expect((await clients.admin.delete(`/api/congresses/${congress.id}/members/${presidium.id}`)).status).toBe(404);
  });

  it('only a system admin creates congresses and lists every account', async () => {
    const { clients } = await congressWithRoles(t, admin);
    expect((await clients.admin.post('/api/congresses', { name: '越权', level: 'county', term: 1 })).status).toBe(403);
    expect((await clients.admin.get('/api/accounts')).status).toBe(403);
    expect((await new Client(t).get('/api/congresses')).status).toBe(401);
    const all = await admin.get('/api/accounts');
    expect(all.status).toBe(200);
    expect(all.body.some((a: { systemAdmin: boolean }) => a.systemAdmin)).toBe(true);
  });
});

describe('guards on roles', () => {
  it('keeps a congress from losing its last admin', async () => {
    const c = (await admin.post('/api/congresses', { name: uniq('孤岛镇'), level: 'township', term: 1 })).body;
    const members = (await admin.get(`/api/congresses/${c.id}/members`)).body;
    const res = await admin.delete(`/api/congresses/${c.id}/members/${members[0].id}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('last_congress_admin');
    const other = await admin.post(`/api/congresses/${c.id}/accounts`, { username: uniq('adm'), displayName: '第二管理员', password: PASSWORD, role: 'admin' });
    expect(other.status).toBe(201);
    expect((await admin.delete(`/api/congresses/${c.id}/members/${members[0].id}`)).status).toBe(200);
  });

  it('says which rule a username breaks, in words', async () => {
    const res = await admin.post('/api/accounts', { username: 'a b', displayName: 'x', password: PASSWORD });
    expect(res.body.error.details).toEqual([{ path: 'username', code: 'username_chars', message: '只能包含字母、数字、下划线、点和连字符' }]);
  });
});
