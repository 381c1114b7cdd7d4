import { spawnSync } from 'node:child_process';
import * as Audit from '../../shared/audit/contract.ts';
import * as Congress from '../../shared/congress/contract.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../server/lib/audit.ts';
import { prepare, readConfig } from '../../server/start.ts';
import { Client, PASSWORD, congressWithRoles, setupAdmin, uniq, useTestApp } from '../helpers/app.ts';

const t = useTestApp();
let admin: Client;

describe('audit log', () => {
  it('logs every write of the foundation with actor, congress, action, target and time', async () => {
    admin = await setupAdmin(t);
    const { congress, department } = await congressWithRoles(t, admin);
    const rep = (await admin.post(`/api/congresses/${congress.id}/representatives`, { name: '审计代表' })).body;
    await admin.patch(`/api/congresses/${congress.id}/representatives/${rep.id}`, { delegation: '一组' });
    await admin.patch(`/api/congresses/${congress.id}/departments/${department.id}`, { contactName: '王科长' });
    await admin.call(Congress.replaceSettings, { params: { congressId: congress.id }, body: { tally: { signoffs: 3 } } });
    const log = (await admin.call(Audit.listCongressAudit, { params: { congressId: congress.id }, query: { limit: 200 } })).body as { action: string; actorName: string; targetId: string; at: string }[];
    const actions = log.map((e) => e.action);
    for (const a of ['congress.create', 'departments.create', 'accounts.create', 'congress.grant_role', 'roster.create', 'roster.update', 'departments.update', 'congress.update_settings'])
      expect(actions).toContain(a);
    const upd = log.find((e) => e.action === 'roster.update')!;
    expect(upd).toMatchObject({ actorName: '管理员', targetId: rep.id });
    expect(new Date(upd.at).getTime()).toBeGreaterThan(Date.now() - 60_000);
    // Newest first.
    expect(actions[0]).toBe('congress.update_settings');
  });

  it('keeps one unbroken chain under concurrent writes: each write answered, logged once, and inside the verified chain', async () => {
    const { congress } = await congressWithRoles(t, admin);
    const [before] = await t.database.query<{ n: number }>('select count(*)::int as n from audit_log');
    const made = await Promise.all(Array.from({ length: 20 }, (_, i) => admin.post(`/api/congresses/${congress.id}/representatives`, { name: `并发${i}` })));
    // Every write went through (a lost race on the chain's head would refuse one: its entry and its change both gone).
    expect(made.map((r) => r.status)).toEqual(made.map(() => 201));
    const ids = made.map((r) => r.body.id as string).sort();
    // This test's entries only (this congress, this action): exactly one per write, each its own link of the chain.
    const log = (await admin.call(Audit.listCongressAudit, { params: { congressId: congress.id }, query: { limit: 500 } })).body as { seq: number; action: string; targetId: string }[];
    const mine = log.filter((e) => e.action === 'roster.create');
    expect(mine.map((e) => e.targetId).sort()).toEqual(ids);
    expect(new Set(mine.map((e) => Number(e.seq))).size).toBe(20);
    const [after] = await t.database.query<{ n: number }>('select count(*)::int as n from audit_log');
    expect(after.n - before.n).toBe(20);
    // The whole table is one chain: every row checked in order (none forked off or left out), ours among them.
    const report = await verifyAuditChain(t.database.db);
    expect(report).toMatchObject({ ok: true, firstBroken: null, checked: after.n });
    expect(Math.max(...mine.map((e) => Number(e.seq)))).toBeLessThanOrEqual(report.head!.seq);
    const api = await admin.call(Audit.verifyAudit);
    expect(api.body).toMatchObject({ ok: true, firstBroken: null, checked: after.n });
  });

  it('refuses UPDATE and DELETE at the database', async () => {
    await expect(t.database.query(`update audit_log set action = 'x' where seq = 1`)).rejects.toThrow(/append-only/);
    await expect(t.database.query(`delete from audit_log where seq = 1`)).rejects.toThrow(/append-only/);
  });

  it('names the first broken entry when someone tampers past the trigger', async () => {
    await t.database.query(`alter table audit_log disable trigger audit_log_no_update`);
    await t.database.query(`update audit_log set actor_name = '别人' where seq = 3`);
    await t.database.query(`alter table audit_log enable trigger audit_log_no_update`);
    const report = await verifyAuditChain(t.database.db);
    expect(report).toMatchObject({ ok: false, checked: 2, firstBroken: { seq: 3 } });
    expect((await admin.call(Audit.verifyAudit)).body.firstBroken?.seq).toBe(3);
  });

  it('only admins read the audit log', async () => {
    const { congress, clients } = await congressWithRoles(t, admin);
    expect((await clients.presidium.call(Audit.listCongressAudit, { params: { congressId: congress.id } })).status).toBe(403);
    expect((await clients.admin.call(Audit.listAllAudit)).status).toBe(403);
    expect((await clients.admin.call(Audit.verifyAudit)).status).toBe(403);
    expect((await clients.admin.call(Audit.listCongressAudit, { params: { congressId: congress.id } })).status).toBe(200);
  });
});

describe('npm run audit:verify', () => {
  it('says OK on an intact PGlite data dir, names the broken entry after tampering, and refuses a locked dir', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minsheng-audit-'));
    try {
      const { database } = await prepare(readConfig({ DATA_DIR: dir }), { ADMIN_USERNAME: uniq('cli'), ADMIN_PASSWORD: PASSWORD });
      await database.db.transaction((tx) => appendAudit(tx, { actor: null, action: 'test.entry' }));
      await database.close();
      const run = () => spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/audit-verify.ts'], { env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' }, encoding: 'utf8' });
      const ok = run();
      expect(ok.stdout).toMatch(/OK.*2 entries checked/);
      expect(ok.status).toBe(0);

      const again = await prepare(readConfig({ DATA_DIR: dir }), {});
      await again.database.query(`alter table audit_log disable trigger audit_log_no_update`);
      await again.database.query(`update audit_log set action = 'forged' where seq = 2`);
      await again.database.close();
      const broken = run();
      expect(broken.status).toBe(1);
      expect(broken.stdout).toMatch(/BROKEN.*entry 2/);

      // A live server holds the data dir (here: this test process's pid in the lock file): the CLI stays out.
      writeFileSync(join(dir, 'server.lock'), String(process.pid));
      const locked = run();
      expect(locked.status).toBe(2);
      expect(locked.stderr).toMatch(/in use by process/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
