/**
 * A congress's words for its messages and the SMS template each uses (SPEC §17), through the real routes on this run's
 * database: the list (built-in words in both languages, the congress's own, the approved SMS templates of the
 * deployment), a change within the kind's placeholders and the approved templates (refused otherwise, in both
 * languages, changing nothing), back to the built-in words, audited; and inviting residents to an open round by SMS.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as EC from '../../shared/evaluation/contract.ts';
import * as NC from '../../shared/notify/contract.ts';
import { KIND_PARAMS, MESSAGE_KINDS } from '../../shared/notify/enums.ts';
import { fill } from '../../shared/notify/rules.ts';
import { shanghaiYear } from '../../shared/time.ts';
import { notifyTemplates, outbox } from '../../server/db/schema/index.ts';
import { makeNotifyRuntime } from '../../server/notify/channels/index.ts';
import { parseNotifyConfig } from '../../server/notify/config.ts';
import { TEXTS } from '../../server/notify/texts.ts';
import { Client, congressWithRoles, setupAdmin, useTestApp } from '../helpers/app.ts';

const t = useTestApp();
let admin: Client;
let roles: Record<string, Client>;
let congressId: string;
let departmentId: string;
const year = shanghaiYear();
const params = (kind: string) => ({ congressId, kind });

beforeAll(async () => {
  t.deps.notify = makeNotifyRuntime(parseNotifyConfig({ SMS_TEMPLATES: JSON.stringify({ item_answered: 'SMS_15305', item_screened: 'SMS_15306', evaluation_invite: 'SMS_15307' }) }));
  admin = await setupAdmin(t);
  const made = await congressWithRoles(t, admin);
  roles = made.clients;
  congressId = made.congress.id;
  departmentId = made.department.id;
});

describe('templates', () => {
  it("lists every kind with its audience, placeholders, built-in words in both languages and the deployment's SMS template", async () => {
    const res = await roles.admin.call(NC.listTemplates, { params: { congressId } });
    expect(res.status, res.text).toBe(200);
    expect(res.body.templates.map((x) => x.kind)).toEqual(MESSAGE_KINDS);
    expect(res.body.approvedSmsTemplates).toEqual(['SMS_15305', 'SMS_15306', 'SMS_15307']);
    const answered = res.body.templates.find((x) => x.kind === 'item_answered')!;
    expect(answered).toEqual({ kind: 'item_answered', audience: 'resident', params: ['code', 'link'], defaults: TEXTS.item_answered, own: { zh: null, en: null }, smsTemplateCode: 'SMS_15305', ownSmsTemplateCode: null });
    expect(res.body.templates.find((x) => x.kind === 'item_assigned')!.smsTemplateCode).toBeNull();
    // Every built-in text uses only its kind's placeholders, and the Chinese fits an SMS with short parameters.
    for (const k of MESSAGE_KINDS) {
      for (const text of [TEXTS[k].zh, TEXTS[k].en]) for (const [, name] of text.matchAll(/\{(\w+)\}/g)) expect(KIND_PARAMS[k] as readonly string[]).toContain(name);
      // Filled with parameters of 10 characters (a tracking code, a date, a short title; a count of 3 digits): ≤ 70.
      const sample = Object.fromEntries(KIND_PARAMS[k].map((p) => [p, k === 'daily_digest' && p !== 'day' ? '999' : 'X'.repeat(10)]));
      expect(fill(TEXTS[k].zh, sample).length, k).toBeLessThanOrEqual(70);
    }
  });

  it('refuses a placeholder the kind does not fill, and a code not approved, in both languages, changing nothing', async () => {
    const bad = await roles.admin.call(NC.setTemplate, { params: params('item_answered'), body: { zh: '您的事项{code}已由{department}答复：{link}' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe('notify_template_param_unknown');
    expect(bad.body.error?.message).toBe('模板中有这类通知不提供的占位符：{department}。只能使用 {code} {link}。');
    const en = new Client(t, 'en');
    Object.assign(en, { cookie: roles.admin.cookie, csrf: roles.admin.csrf });
    const badEn = await en.call(NC.setTemplate, { params: params('item_answered'), body: { en: 'Item {code} answered by {who}' } });
    expect(badEn.body.error?.message).toBe('The words use placeholders this message does not fill: {who}. Use only {code} {link}.');
    const code = await roles.admin.call(NC.setTemplate, { params: params('item_answered'), body: { smsTemplateCode: 'SMS_99999' } });
    expect([code.status, code.body.error?.code]).toEqual([400, 'notify_sms_template_unapproved']);
    const unknownKind = await roles.admin.request('PUT', `/api/congresses/${congressId}/notify/templates/no_such_kind`, { zh: 'x' });
    expect(unknownKind.status).toBe(400);
    expect(await t.database.db.select().from(notifyTemplates).where(eq(notifyTemplates.congressId, congressId))).toEqual([]);
    // Not the office: refused.
    for (const who of [roles.government, roles.department, roles.representative])
      expect((await who.call(NC.setTemplate, { params: params('item_answered'), body: { zh: '{code}' } })).status).toBe(403);
  });

  it("keeps the congress's own words and another approved template, audited; null goes back to the built-in", async () => {
    const set = await roles.admin.call(NC.setTemplate, { params: params('item_answered'), body: { zh: '您反映的{code}已办结，详见{link}', smsTemplateCode: 'SMS_15307' } });
    expect(set.status, set.text).toBe(200);
    const en = await roles.admin.call(NC.setTemplate, { params: params('item_answered'), body: { en: 'Your matter {code} is answered: {link}' } });
    expect(en.status).toBe(200);
    const row = (await roles.admin.call(NC.listTemplates, { params: { congressId } })).body.templates.find((x) => x.kind === 'item_answered')!;
    expect(row.own).toEqual({ zh: '您反映的{code}已办结，详见{link}', en: 'Your matter {code} is answered: {link}' });
    expect(row.smsTemplateCode).toBe('SMS_15307');
    expect(row.ownSmsTemplateCode).toBe('SMS_15307');
    const audit = await t.database.query<{ action: string; details: Record<string, unknown> }>(`select action, details from audit_log where action = 'notify.set_template' order by seq`);
    expect(audit.map((a) => a.details)).toEqual([
      { kind: 'item_answered', zh: '您反映的{code}已办结，详见{link}', smsTemplateCode: 'SMS_15307' },
      { kind: 'item_answered', en: 'Your matter {code} is answered: {link}' },
    ]);
    expect((await roles.admin.call(NC.setTemplate, { params: params('item_answered'), body: { zh: null } })).status).toBe(200);
    const half = (await roles.admin.call(NC.listTemplates, { params: { congressId } })).body.templates.find((x) => x.kind === 'item_answered')!;
    expect(half.own).toEqual({ zh: null, en: 'Your matter {code} is answered: {link}' });
    expect((await roles.admin.call(NC.setTemplate, { params: params('item_answered'), body: { en: null, smsTemplateCode: null } })).status).toBe(200);
    expect(await t.database.db.select().from(notifyTemplates).where(and(eq(notifyTemplates.congressId, congressId), eq(notifyTemplates.kind, 'item_answered')))).toEqual([]);
    const back = (await roles.admin.call(NC.listTemplates, { params: { congressId } })).body.templates.find((x) => x.kind === 'item_answered')!;
    expect([back.own, back.smsTemplateCode]).toEqual([{ zh: null, en: null }, 'SMS_15305']);
  });
});

describe('inviting residents by SMS', () => {
  let projectId: string;
  const round = async (audiences: string[], open = true) => {
    const r = await roles.admin.call(EC.createRound, { params: { congressId }, body: { year, title: '民生实事满意度测评', audiences, projectIds: [projectId] } as never });
    if (open) await roles.admin.call(EC.openRound, { params: { congressId, roundId: r.body.id } });
    return r.body.id as string;
  };
  beforeAll(async () => {
    projectId = (await roles.admin.post(`/api/congresses/${congressId}/projects`, { year, title: '道路硬化', leadDepartmentId: departmentId, coDepartmentIds: [], plannedInvestment: '100', fundingSource: '县财政', plannedCompletion: `${year}-12-31` })).body.id;
  });

  it('refuses a round not open or not for residents, no number, too many numbers, another congress', async () => {
    const draft = await round(['residents'], false);
    const repsOnly = await round(['representatives']);
    for (const roundId of [draft, repsOnly]) {
      const r = await roles.admin.call(NC.inviteResidents, { params: { congressId, roundId }, body: { phones: '13800138000' } });
      expect([r.status, r.body.error?.code]).toEqual([409, 'notify_round_not_open']);
    }
    const open = await round(['residents']);
    const none = await roles.admin.call(NC.inviteResidents, { params: { congressId, roundId: open }, body: { phones: '12345\nabc' } });
    expect([none.status, none.body.error?.code]).toEqual([400, 'notify_no_numbers']);
    const many = Array.from({ length: 2001 }, (_, i) => `138${String(i).padStart(8, '0')}`).join('\n');
    const tooMany = await roles.admin.call(NC.inviteResidents, { params: { congressId, roundId: open }, body: { phones: many } });
    expect([tooMany.status, tooMany.body.error?.code]).toEqual([400, 'notify_too_many_numbers']);
    expect((await roles.admin.call(NC.inviteResidents, { params: { congressId, roundId: crypto.randomUUID() }, body: { phones: '13800138000' } })).status).toBe(404);
    expect((await roles.government.call(NC.inviteResidents, { params: { congressId, roundId: open }, body: { phones: '13800138000' } })).status).toBe(403);
    expect(await t.database.db.select().from(outbox).where(eq(outbox.kind, 'evaluation_invite'))).toEqual([]);
  });

  it('queues one message per new number, without any code; a number invited before is a duplicate', async () => {
    const open = await round(['representatives', 'residents']);
    const res = await roles.admin.call(NC.inviteResidents, { params: { congressId, roundId: open }, body: { phones: '13800138000\n138 0013 8001\n13800138000\n110\n' } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ queued: 2, invalid: 1, duplicates: 1 });
    const again = await roles.admin.call(NC.inviteResidents, { params: { congressId, roundId: open }, body: { phones: '13800138001,13800138002' } });
    expect(again.body).toEqual({ queued: 1, invalid: 0, duplicates: 1 });
    const rows = await t.database.db.select().from(outbox).where(eq(outbox.subjectId, open));
    expect(rows.filter((r) => r.kind === 'evaluation_invite').map((r) => [r.audience, r.channel, r.addressMasked, r.params]).sort()).toEqual(
      ['138****8000', '138****8001', '138****8002'].map((m) => ['resident', 'sms', m, { round: '民生实事满意度测评', closesOn: '' }]),
    );
  });
});
