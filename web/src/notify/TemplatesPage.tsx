import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { AUDIENCES, type Audience, type MessageKind } from '../../../shared/notify/enums.ts';
import { unknownPlaceholders } from '../../../shared/notify/rules.ts';
import { ApiError } from '../api.ts';
import { FormError } from '../components/Alert.tsx';
import { Async } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { SelectField, TextAreaField } from '../components/Field.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { toast } from '../components/Toast.tsx';
import { useCongress } from '../congress/context.tsx';
import { createFormState } from '../forms.ts';
import { t } from '../i18n.ts';
import { can } from '../session.ts';
import { audienceWord, fetchTemplates, kindLabel, saveTemplate, type TemplateRow } from './notify.data.ts';
import './notify.css';

/**
 * 通知模板: each message's words, grouped by who hears it — the built-in words and this congress's own in Chinese and
 * English side by side, the placeholders the kind fills, and the approved SMS template it goes out under (an SMS can
 * only carry a template the provider approved: the words here are for e-mail and the robots, and the preview).
 */
export default function TemplatesPage() {
  const { id } = useCongress();
  const [list, { refetch }] = createResource(() => (can(id(), 'notify.staff') ? id() : false), fetchTemplates);
  return (
    <Show when={can(id(), 'notify.staff')} fallback={<NoAccess />}>
      <PageHeader title={t('notify.templates.title')} lead={t('notify.templates.lead')} />
      <Async resource={list} retry={refetch}>
        {(l) => (
          <For each={AUDIENCES.filter((a) => l.templates.some((x) => x.audience === a))}>
            {(a) => (
              <section class="nt-group" aria-labelledby={`nt-aud-${a}`}>
                <h2 id={`nt-aud-${a}`}>{t('notify.templates.for', { audience: audienceWord(a as Audience) })}</h2>
                <For each={l.templates.filter((x) => x.audience === a)}>
                  {(row) => <TemplateCard row={row} approved={l.approvedSmsTemplates} congressId={id()} onSaved={() => void refetch()} />}
                </For>
              </section>
            )}
          </For>
        )}
      </Async>
    </Show>
  );
}

function TemplateCard(props: { row: TemplateRow; approved: string[]; congressId: string; onSaved: () => void }) {
  const r = () => props.row;
  const kind = () => r().kind as MessageKind;
  const form = createFormState();
  const [zh, setZh] = createSignal(r().own.zh ?? r().defaults.zh);
  const [en, setEn] = createSignal(r().own.en ?? r().defaults.en);
  const [code, setCode] = createSignal(r().ownSmsTemplateCode ?? '');
  const own = () => r().own.zh !== null || r().own.en !== null;
  const dirty = createMemo(() => zh() !== (r().own.zh ?? r().defaults.zh) || en() !== (r().own.en ?? r().defaults.en) || code() !== (r().ownSmsTemplateCode ?? ''));

  /** A refusal naming placeholders goes to the box that has them (the server's words, at the field). */
  const placeErrors = (e: unknown) => {
    if (!(e instanceof ApiError)) return;
    if (e.code === 'notify_template_param_unknown' && !e.details.some((d) => d.path === 'zh' || d.path === 'en')) {
      const at: Record<string, string> = {};
      if (unknownPlaceholders(kind(), zh()).length) at.zh = e.message;
      if (unknownPlaceholders(kind(), en()).length) at.en = e.message;
      if (Object.keys(at).length) {
        form.setErrors(at);
        form.setFormError(null);
      }
    }
    if (e.code === 'notify_sms_template_unapproved') {
      form.setErrors({ smsTemplateCode: e.message });
      form.setFormError(null);
    }
  };

  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    const body: { zh: string | null; en: string | null; smsTemplateCode?: string | null } = {
      // The built-in words kept as they are stay the built-in (they follow a new release).
      zh: zh().trim() && zh().trim() !== r().defaults.zh ? zh().trim() : null,
      en: en().trim() && en().trim() !== r().defaults.en ? en().trim() : null,
    };
    if (code() !== (r().ownSmsTemplateCode ?? '')) body.smsTemplateCode = code() || null;
    const done = await form.run(() => saveTemplate(props.congressId, kind(), body), ['zh', 'en', 'smsTemplateCode']);
    if (!done) return placeErrors(form.lastError());
    toast(t('notify.templates.saved', { kind: kindLabel(kind()) }));
    props.onSaved();
  };
  const backToBuiltIn = async () => {
    const done = await form.run(() => saveTemplate(props.congressId, kind(), { zh: null, en: null, smsTemplateCode: null }));
    if (!done) return;
    setZh(r().defaults.zh);
    setEn(r().defaults.en);
    setCode('');
    toast(t('notify.templates.reset', { kind: kindLabel(kind()) }));
    props.onSaved();
  };

  return (
    <details class="card nt-template" open={false}>
      <summary>
        <span class="nt-template-name">{kindLabel(kind())}</span>{' '}
        <span class={`tag ${own() ? 'tag-accent' : 'tag-muted'}`}>{own() ? t('notify.templates.own') : t('notify.templates.builtIn')}</span>
        <Show when={r().smsTemplateCode}>
          {(c) => <span class="muted small nt-template-code">{t('notify.templates.smsCodeShort', { code: c() })}</span>}
        </Show>
      </summary>
      <form onSubmit={save} novalidate>
        <p class="small">
          {t('notify.templates.params')}{' '}
          <For each={r().params} fallback={<span class="muted">{t('notify.templates.noParams')}</span>}>
            {(p) => <code class="nt-param">{`{${p}}`}</code>}
          </For>
        </p>
        <div class="nt-langs">
          <div>
            <TextAreaField
              label={t('notify.templates.zh')}
              rows={3}
              value={zh()}
              onValue={(v) => {
                setZh(v);
                form.clearError('zh');
              }}
              error={form.error('zh')}
              hint={t('notify.templates.builtInWords', { text: r().defaults.zh })}
            />
          </div>
          <div>
            <TextAreaField
              label={t('notify.templates.en')}
              rows={3}
              lang="en"
              value={en()}
              onValue={(v) => {
                setEn(v);
                form.clearError('en');
              }}
              error={form.error('en')}
              hint={t('notify.templates.builtInWords', { text: r().defaults.en })}
            />
          </div>
        </div>
        <SelectField
          label={t('notify.templates.smsCode')}
          hint={props.approved.length ? t('notify.templates.smsCodeHint') : t('notify.templates.noApproved')}
          value={code()}
          onValue={(v) => {
            setCode(v);
            form.clearError('smsTemplateCode');
          }}
          options={[{ value: '', label: `${t('notify.templates.smsCodeDeployment')}${!r().ownSmsTemplateCode && r().smsTemplateCode ? ` · ${r().smsTemplateCode}` : ''}` }, ...[...new Set([...props.approved, ...(r().ownSmsTemplateCode ? [r().ownSmsTemplateCode!] : [])])].map((c) => ({ value: c, label: c }))]}
          error={form.error('smsTemplateCode')}
          disabled={!props.approved.length}
        />
        <FormError error={form.formError()} />
        <div class="form-actions">
          <Show when={own() || r().ownSmsTemplateCode}>
            <Button onClick={() => void backToBuiltIn()} disabled={form.busy()}>
              {t('notify.templates.backToBuiltIn')}
            </Button>
          </Show>
          <Button type="submit" variant="primary" busy={form.busy()} disabled={!dirty()}>
            {t('notify.templates.save')}
          </Button>
        </div>
      </form>
    </details>
  );
}
