import { and, desc, eq } from 'drizzle-orm';
import * as Accounts from '../../shared/accounts/contract.ts';
import * as Auth from '../../shared/auth/contract.ts';
import * as Congress from '../../shared/congress/contract.ts';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../server/db/schema/index.ts';
import { Client, PASSWORD, setupAdmin, uniq, useTestApp } from '../helpers/app.ts';

const t = useTestApp();
let admin: Client;
let congressId: string;
const FIRST = /^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/;
const audit = (action: string, targetId: string) =>
  t.database.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.targetId, targetId))).orderBy(desc(auditLog.seq));

/** Routes of several stages and both methods that a forced session must not reach. */
const elsewhere = () => [
  ['GET', '/api/congresses'],
  ['GET', `/api/congresses/${congressId}`],
  ['GET', `/api/congresses/${congressId}/representatives`],
  ['POST', `/api/congresses/${congressId}/representatives`],
  ['GET', '/api/auth/sessions'],
  ['GET', '/api/accounts'],
  ['POST', '/api/congresses'],
];

describe('a first password made by the server', () => {
  let username: string;
  let first: string;
  let accountId: string;
  const person = new Client(t);

  it('is answered once to the staff member who creates the account, and marks the account', async () => {
    admin = await setupAdmin(t);
    // The first administrator chose their own password on the setup page: nothing to change.
    expect((await admin.call(Auth.getMe)).body.account.mustChangePassword).toBe(false);
    congressId = (await admin.call(Congress.createCongress, { body: { name: uniq('示范镇人大'), level: 'township', term: 18 } })).body.id;
    username = uniq('gov');
    const res = await admin.call(Accounts.createMemberAccount, { params: { congressId }, body: { username, displayName: '政府办 王', role: 'government' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username, mustChangePassword: true });
    expect(res.body.firstPassword).toMatch(FIRST);
    first = res.body.firstPassword!;
    accountId = res.body.id;
    // Never shown again: the account list has no password in it.
    const list = await admin.call(Accounts.listAccounts);
    expect(JSON.stringify(list.body)).not.toContain(first);
    expect((await audit('accounts.create', accountId))[0].details).toMatchObject({ mustChangePassword: true });
  });

  it('signs in, and then every route but me, change-password and sign-out answers 403 password_change_required', async () => {
    const login = await person.login(username, first);
    expect(login.body.account.mustChangePassword).toBe(true);
    expect((await person.call(Auth.getMe)).body.account.mustChangePassword).toBe(true);
    for (const [method, path] of elsewhere()) {
      const res = await person.request(method, path, method === 'POST' ? { name: '越权' } : undefined);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error?.code).toBe('password_change_required');
      expect(res.body.error?.message).toBe('请先设置您自己的新密码，之后才能使用其他功能。');
    }
    // Also with the bearer token a script would use, and the message in English.
    const en = await new Client(t, 'en').request('GET', `/api/congresses/${congressId}/sessions`, undefined, { authorization: `Bearer ${person.token}` });
    expect(en.status).toBe(403);
    expect(en.body.error?.message).toBe('Choose a new password of your own first; nothing else is available until then.');
    // The public pages act for nobody: a forced session does not stop a resident's page.
    expect((await person.get(`/api/public/congresses/${congressId}`)).status).toBe(200);
  });

  it('must be changed to another password, with the current one, and then the account works', async () => {
    const same = await person.call(Auth.changePassword, { body: { currentPassword: first, newPassword: first } });
    expect(same.status).toBe(400);
    expect(same.body.error?.code).toBe('password_unchanged');
    const wrong = await person.call(Auth.changePassword, { body: { currentPassword: 'not-the-first', newPassword: PASSWORD } });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error?.code).toBe('wrong_password');
    const short = await new Client(t, 'en').request('POST', '/api/auth/password', { currentPassword: first, newPassword: 'short' }, { cookie: person.cookie, 'x-csrf-token': person.csrf });
    expect(short.status).toBe(400);
    expect(short.body.error?.code).toBe('validation');
    expect((await person.call(Congress.listCongresses)).status).toBe(403);

    const ok = await person.call(Auth.changePassword, { body: { currentPassword: first, newPassword: PASSWORD } });
    expect(ok.status).toBe(200);
    expect((await person.call(Auth.getMe)).body.account.mustChangePassword).toBe(false);
    for (const path of ['/api/congresses', `/api/congresses/${congressId}`, '/api/auth/sessions']) expect((await person.get(path)).status, path).toBe(200);
    // The routes its role does not reach answer as for anyone of that role, no longer about the password.
    expect((await person.get(`/api/congresses/${congressId}/representatives`)).body.error?.code).toBe('forbidden');
    expect((await audit('auth.change_password', accountId))[0].details).toMatchObject({ wasForced: true });
    expect((await new Client(t).call(Auth.login, { body: { username, password: first } })).status).toBe(401);
    await new Client(t).login(username, PASSWORD);
  });

  it('a system administrator makes accounts the same way; a script that sets a password itself is forced only when it asks', async () => {
    const made = await admin.call(Accounts.createAccount, { body: { username: uniq('sys'), displayName: '新账号' } });
    expect(made.body).toMatchObject({ mustChangePassword: true });
    expect(made.body.firstPassword).toMatch(FIRST);
    const set = await admin.call(Accounts.createAccount, { body: { username: uniq('script'), displayName: '脚本账号', password: PASSWORD } });
    expect(set.body).toEqual({ id: expect.any(String), username: expect.any(String), mustChangePassword: false });
    const asked = await admin.call(Accounts.createAccount, { body: { username: uniq('asked'), displayName: '要求改密', password: PASSWORD, mustChangePassword: true } });
    expect(asked.body.mustChangePassword).toBe(true);
    const c = new Client(t);
    await c.login(asked.body.username, PASSWORD);
    expect((await c.call(Congress.listCongresses)).body.error?.code).toBe('password_change_required');
    const bad = await admin.call(Accounts.createAccount, { body: { username: uniq('bad'), displayName: 'x', mustChangePassword: 'yes' as never } });
    expect(bad.status).toBe(400);
  });
});

describe("an administrator's reset", () => {
  it('makes a new first password, answered once; the old sessions end and the next sign-in must change it', async () => {
    const username = uniq('dep');
    const made = await admin.call(Accounts.createMemberAccount, { params: { congressId }, body: { username, displayName: '单位', role: 'presidium', password: PASSWORD } });
    expect(made.body.mustChangePassword).toBe(false);
    const person = new Client(t);
    await person.login(username, PASSWORD);
    expect((await person.call(Congress.listCongresses)).status).toBe(200);

    const reset = await admin.call(Accounts.resetPassword, { params: { accountId: made.body.id } });
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ ok: true, mustChangePassword: true });
    expect(reset.body.firstPassword).toMatch(FIRST);
    expect((await person.call(Auth.getMe)).status).toBe(401); // signed out everywhere
    expect((await new Client(t).call(Auth.login, { body: { username, password: PASSWORD } })).status).toBe(401);

    const again = new Client(t);
    await again.login(username, reset.body.firstPassword!);
    expect((await again.call(Congress.getCongress, { params: { congressId } })).body.error?.code).toBe('password_change_required');
    expect((await again.call(Auth.changePassword, { body: { currentPassword: reset.body.firstPassword!, newPassword: `${PASSWORD} 2` } })).status).toBe(200);
    expect((await again.call(Congress.getCongress, { params: { congressId } })).status).toBe(200);
    expect((await audit('accounts.reset_password', made.body.id))[0].details).toMatchObject({ mustChangePassword: true });

    // A reset to a password the administrator types is not forced unless asked (scripts), and a congress admin cannot reset.
    expect((await admin.call(Accounts.resetPassword, { params: { accountId: made.body.id }, body: { newPassword: PASSWORD } })).body).toEqual({ ok: true, mustChangePassword: false });
    expect((await admin.call(Accounts.resetPassword, { params: { accountId: made.body.id }, body: { newPassword: 'short' } })).status).toBe(400);
    expect((await admin.call(Accounts.resetPassword, { params: { accountId: '00000000-0000-4000-8000-000000000000' } })).status).toBe(404);
    const other = await admin.call(Accounts.createMemberAccount, { params: { congressId }, body: { username: uniq('adm'), displayName: '人大管理员', role: 'admin', password: PASSWORD } });
    const congressAdmin = new Client(t);
    await congressAdmin.login(other.body.username, PASSWORD);
    expect((await congressAdmin.call(Accounts.resetPassword, { params: { accountId: made.body.id } })).status).toBe(403);
  });
});
