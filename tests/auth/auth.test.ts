import { describe, expect, it } from 'vitest';
import * as Accounts from '../../shared/accounts/contract.ts';
import * as Auth from '../../shared/auth/contract.ts';
import * as Congress from '../../shared/congress/contract.ts';
import { createApp } from '../../server/app.ts';
import { LOGIN_LIMITS } from '../../server/auth/login.ts';
import { parseConfig } from '../../server/system/config.ts';
import { Client, PASSWORD, uniq, useTestApp } from '../helpers/app.ts';

const t = useTestApp();

describe('first-run setup', () => {
  it('creates the first admin once, then refuses', async () => {
    expect((await new Client(t).call(Auth.getSetup)).body).toEqual({ needed: true });
    // Two browsers racing the setup page: exactly one wins.
    const [a, b] = await Promise.all([
      new Client(t).call(Auth.setup, { body: { username: 'first', displayName: '甲', password: PASSWORD } }),
      new Client(t).call(Auth.setup, { body: { username: 'second', displayName: '乙', password: PASSWORD } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const winner = a.status === 201 ? a : b;
    expect(winner.body.account.systemAdmin).toBe(true);
    expect((await new Client(t).call(Auth.getSetup)).body).toEqual({ needed: false });
    const again = await new Client(t).call(Auth.setup, { body: { username: 'third', displayName: '丙', password: PASSWORD } });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('setup_done');
  });
});

describe('sign-in', () => {
  it('signs in, answers me, and signs out (the session is revoked, not just the cookie)', async () => {
    const c = new Client(t);
    const login = await c.login(await firstAdmin(), PASSWORD);
    expect(login.body.account.username).toMatch(/first|second/);
    expect(login.headers.get('set-cookie')).toMatch(/ms_session=.+HttpOnly/i);
    expect(login.headers.get('set-cookie')).toMatch(/SameSite=Strict/i);
    const me = await c.call(Auth.getMe);
    expect(me.status).toBe(200);
    expect(me.body.csrfToken).toBe(c.csrf);
    const bearer = c.token;
    const cookie = c.cookie;
    expect((await c.call(Auth.logout)).status).toBe(200);
    // The old cookie and the bearer token no longer work anywhere.
    const stale = new Client(t);
    stale.cookie = cookie;
    expect((await stale.call(Auth.getMe)).status).toBe(401);
    expect((await new Client(t).call(Auth.getMe, {}, { authorization: `Bearer ${bearer}` })).status).toBe(401);
  });

  // COOKIE_SECURE is read once, by server/system/config.ts, as every flag is (1, true, on, yes): before, lib/auth.ts read
  // the variable itself and honoured only '1', so COOKIE_SECURE=true passed validation and was ignored.
  it('marks the session cookie Secure when COOKIE_SECURE is set in any spelling the settings accept, not otherwise', async () => {
    const admin = await firstAdmin();
    for (const [value, secure] of [['true', true], ['1', true], ['on', true], ['yes', true], ['0', false], ['false', false], [undefined, false]] as const) {
      const { cookieSecure } = parseConfig({ COOKIE_SECURE: value });
      const app = createApp({ deps: { ...t.deps, cookieSecure } });
      const login = await new Client({ ...t, app }).login(admin, PASSWORD);
      expect(login.status, `COOKIE_SECURE=${value}`).toBe(200);
      const cookie = login.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/ms_session=/);
      expect(/;\s*Secure/i.test(cookie), `COOKIE_SECURE=${value}: ${cookie}`).toBe(secure);
    }
  });

  it('refuses a wrong password with the same message as an unknown user', async () => {
    const wrong = await new Client(t).call(Auth.login, { body: { username: 'first', password: 'wrong password!' } });
    const unknown = await new Client(t).call(Auth.login, { body: { username: 'nobody-here', password: 'wrong password!' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error?.message).toBe(unknown.body.error?.message);
  });

  // Across instances (two server processes on one PostgreSQL): tests/reliability/two-instances.test.ts.
  it('slows failed sign-ins for one name from one address, and says how long to wait', async () => {
    const username = uniq('victim');
    const guesser = new Client(t, 'en');
    for (let i = 0; i < LOGIN_LIMITS.pair.free; i++) {
      const r = await guesser.call(Auth.login, { body: { username, password: 'guess number ' + i } });
      expect(r.status).toBe(401);
    }
    const res = await guesser.call(Auth.login, { body: { username, password: 'one more guess' } });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(res.body.error?.code).toBe('rate_limited');
    expect(res.body.error?.message).toMatch(/Too many attempts; try again in \d+ seconds/);
    // The same name from another address is not held by this address's failures (tests/auth/sign-in-limits.test.ts).
    expect((await new Client(t).call(Auth.login, { body: { username, password: 'from elsewhere' } })).status).toBe(401);
  });
});

describe('CSRF and bearer tokens', () => {
  it('refuses a cookie-authenticated write without the CSRF token, accepts it with the token', async () => {
    const c = new Client(t);
    await c.login(await firstAdmin(), PASSWORD);
    const token = c.csrf;
    c.csrf = '';
    const refused = await c.call(Congress.createCongress, { body: { name: '某县人大', level: 'county', term: 17 } });
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe('csrf');
    c.csrf = token;
    expect((await c.call(Congress.createCongress, { body: { name: '某县人大', level: 'county', term: 17 } })).status).toBe(201);
  });

  it('does not ask a signed-in page for the CSRF token on the public routes, which act for nobody', async () => {
    // A representative signed in on a phone opens the questionnaire before the page has its token (a slow network):
    // the public route answers as it would anyone (here: the code is not valid), not 403 csrf.
    const c = new Client(t);
    await c.login(await firstAdmin(), PASSWORD);
    const token = c.csrf;
    c.csrf = '';
    for (const path of ['/api/public/evaluation/open', '/api/public/ballot/open']) {
      const res = await c.post(path, { token: 'not-a-token' });
      expect(res.status, `${path}: ${res.text}`).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
      expect(res.body.error?.code, path).not.toBe('csrf');
    }
    // …while every other write still needs it.
    expect((await c.call(Auth.logout)).body.error?.code).toBe('csrf');
    c.csrf = token;
  });

  it('accepts a bearer token from a script without CSRF', async () => {
    const c = new Client(t);
    await c.login(await firstAdmin(), PASSWORD);
    const script = new Client(t);
    const res = await script.call(Congress.createCongress, { body: { name: '脚本创建', level: 'street', term: 1 } }, { authorization: `Bearer ${c.token}` });
    expect(res.status).toBe(201);
  });
});

describe('passwords and sessions', () => {
  it('changes the password: the old one stops working and other sessions are revoked, this one stays', async () => {
    const admin = new Client(t);
    await admin.login(await firstAdmin(), PASSWORD);
    const username = uniq('pw');
    await admin.call(Accounts.createAccount, { body: { username, displayName: '改密码', password: PASSWORD } });
    const laptop = new Client(t);
    const phone = new Client(t);
    await laptop.login(username, PASSWORD);
    await phone.login(username, PASSWORD);
    const sessions = await laptop.call(Auth.listSessions);
    expect(sessions.body.length).toBe(2);
    expect(sessions.body.filter((s: { current: boolean }) => s.current).length).toBe(1);

    const wrong = await laptop.call(Auth.changePassword, { body: { currentPassword: 'not it at all', newPassword: 'a new long password' } });
    expect(wrong.status).toBe(403);
    expect((await laptop.call(Auth.changePassword, { body: { currentPassword: PASSWORD, newPassword: 'a new long password' } })).status).toBe(200);
    expect((await laptop.call(Auth.getMe)).status).toBe(200);
    expect((await phone.call(Auth.getMe)).status).toBe(401);
    expect((await new Client(t).call(Auth.login, { body: { username, password: PASSWORD } })).status).toBe(401);
    await new Client(t).login(username, 'a new long password');
  });

  it('revokes one of my sessions by id, and not another account\'s', async () => {
    const username = uniq('sess');
    const admin = new Client(t);
    await admin.login(await firstAdmin(), PASSWORD);
    await admin.call(Accounts.createAccount, { body: { username, displayName: '会话', password: PASSWORD } });
    const a = new Client(t);
    const b = new Client(t);
    await a.login(username, PASSWORD);
    await b.login(username, PASSWORD);
    const other = (await a.call(Auth.listSessions)).body.find((s) => !s.current)!;
    expect((await admin.call(Auth.revokeSession, { params: { sessionId: other.id } })).status).toBe(404);
    expect((await a.call(Auth.revokeSession, { params: { sessionId: other.id } })).status).toBe(200);
    expect((await b.call(Auth.getMe)).status).toBe(401);
  });

  it('a disabled account cannot sign in and its sessions end; the last system admin cannot be disabled', async () => {
    const admin = new Client(t);
    const me = await admin.login(await firstAdmin(), PASSWORD);
    const username = uniq('off');
    const created = await admin.call(Accounts.createAccount, { body: { username, displayName: '停用', password: PASSWORD } });
    const user = new Client(t);
    await user.login(username, PASSWORD);
    expect((await admin.call(Accounts.updateAccount, { params: { accountId: created.body.id }, body: { disabled: true } })).status).toBe(200);
    expect((await user.call(Auth.getMe)).status).toBe(401);
    const res = await new Client(t).call(Auth.login, { body: { username, password: PASSWORD } });
    expect(res.status).toBe(403);
    expect(res.body.error?.code).toBe('account_disabled');
    const last = await admin.call(Accounts.updateAccount, { params: { accountId: me.body.account.id }, body: { systemAdmin: false } });
    expect(last.status).toBe(409);
    expect(last.body.error?.code).toBe('last_system_admin');
  });
});

async function firstAdmin(): Promise<string> {
  for (const u of ['first', 'second']) {
    const r = await t.app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: u, password: PASSWORD }) });
    if (r.status === 200) return u;
  }
  throw new Error('no admin');
}
