/**
 * The notify stage's templates routes (shared/notify/contract.ts): each message's words (built-in and this congress's
 * own, both languages) and the approved SMS template it uses; changing them within the kind's placeholders and the
 * provider's approved templates; and inviting residents to an open evaluation round by SMS (invite.ts).
 */
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import * as C from '../../shared/notify/contract.ts';
import { KIND_AUDIENCE, KIND_PARAMS, MESSAGE_KINDS, type MessageKind } from '../../shared/notify/enums.ts';
import { unknownPlaceholders } from '../../shared/notify/rules.ts';
import { notifyTemplates } from '../db/schema/index.ts';
import { appendAudit } from '../lib/audit.ts';
import { actorOf } from '../lib/auth.ts';
import { implement } from '../lib/contract.ts';
import type { AppEnv, Deps } from '../lib/env.ts';
import { AppError } from '../lib/errors.ts';
import { notifyRuntimeOf } from './channels/index.ts';
import { inviteResidents } from './invite.ts';
import { smsTemplateFor } from './render.ts';
import { TEXTS } from './texts.ts';

/** The deployment's approved SMS templates per kind (SMS_TEMPLATES). */
const approvedOf = (deps: Deps): Partial<Record<MessageKind, string>> => notifyRuntimeOf(deps).config.smsTemplates;

export const templatesRoutes = new Hono<AppEnv>();

implement(templatesRoutes, C.listTemplates, async (c, { access }) => {
  const deps = c.get('deps');
  const approved = approvedOf(deps);
  const own = new Map((await deps.db.select().from(notifyTemplates).where(eq(notifyTemplates.congressId, access.congress.id))).map((t) => [t.kind, t]));
  return {
    templates: MESSAGE_KINDS.map((kind) => {
      const t = own.get(kind);
      return {
        kind,
        audience: KIND_AUDIENCE[kind],
        params: [...KIND_PARAMS[kind]],
        defaults: { ...TEXTS[kind] },
        own: { zh: t?.zh ?? null, en: t?.en ?? null },
        smsTemplateCode: smsTemplateFor(kind, t?.smsTemplateCode, approved),
        ownSmsTemplateCode: t?.smsTemplateCode ?? null,
      };
    }),
    approvedSmsTemplates: [...new Set(Object.values(approved).filter((v): v is string => !!v))].sort(),
  };
});

implement(templatesRoutes, C.setTemplate, async (c, { access, params, body }) => {
  const deps = c.get('deps');
  const kind = params.kind as MessageKind;
  for (const text of [body.zh, body.en]) {
    const unknown = text ? unknownPlaceholders(kind, text) : [];
    if (unknown.length)
      throw new AppError('notify_template_param_unknown', { names: unknown.map((k) => `{${k}}`).join(' '), allowed: KIND_PARAMS[kind].map((k) => `{${k}}`).join(' ') });
  }
  if (body.smsTemplateCode && !Object.values(approvedOf(deps)).includes(body.smsTemplateCode)) throw new AppError('notify_sms_template_unapproved');
  await deps.db.transaction(async (tx) => {
    const where = and(eq(notifyTemplates.congressId, access.congress.id), eq(notifyTemplates.kind, kind));
    const [was] = await tx.select().from(notifyTemplates).where(where).for('update');
    const next = {
      zh: body.zh === undefined ? (was?.zh ?? null) : body.zh,
      en: body.en === undefined ? (was?.en ?? null) : body.en,
      smsTemplateCode: body.smsTemplateCode === undefined ? (was?.smsTemplateCode ?? null) : body.smsTemplateCode || null,
    };
    if (next.zh === null && next.en === null && next.smsTemplateCode === null) await tx.delete(notifyTemplates).where(where);
    else
      await tx
        .insert(notifyTemplates)
        .values({ congressId: access.congress.id, kind, ...next })
        .onConflictDoUpdate({ target: [notifyTemplates.congressId, notifyTemplates.kind], set: { ...next, updatedAt: new Date() } });
    await appendAudit(tx, { actor: actorOf(access.auth), congressId: access.congress.id, action: 'notify.set_template', targetType: 'notify_template', targetId: kind, details: { kind, ...body } });
  });
  return { ok: true as const };
});

implement(templatesRoutes, C.inviteResidents, async (c, { access, params, body }) =>
  c.get('deps').db.transaction(async (tx) => {
    const done = await inviteResidents(tx, access.congress.id, params.roundId, body.phones);
    // How many, never which numbers.
    await appendAudit(tx, { actor: actorOf(access.auth), congressId: access.congress.id, action: 'notify.invite', targetType: 'eval_round', targetId: params.roundId, details: { ...done } });
    return done;
  }),
);
