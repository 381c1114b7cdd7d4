import { A } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { FormError } from '../components/Alert.tsx';
import { Alert } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { TextAreaField } from '../components/Field.tsx';
import { createFormState } from '../forms.ts';
import { fmt, t } from '../i18n.ts';
import { inviteResidents, type InviteQueued } from './notify.data.ts';
import './notify.css';

/**
 * 短信邀请群众测评 (on an open round's page, for a round open to residents): mobile numbers pasted one a line; each gets
 * an SMS with a one-time code made when it is sent — the number is never kept with the code, and leaves the outbox once
 * sent. Says how many were queued, how many were not mobile numbers and how many were repeated.
 */
export function InviteResidents(props: { congressId: string; roundId: string }) {
  const form = createFormState();
  const [phones, setPhones] = createSignal('');
  const [result, setResult] = createSignal<InviteQueued | null>(null);
  const lines = () => phones().split(/[\n,，;；\s]+/).filter(Boolean).length;
  const send = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!phones().trim()) return form.setErrors({ phones: t('notify.invite.empty') });
    setResult(null);
    const done = await form.run(() => inviteResidents(props.congressId, props.roundId, phones()), ['phones']);
    if (done) {
      setResult(done.value);
      setPhones('');
    }
  };
  return (
    <section class="card nt-invite" aria-labelledby="nt-invite-title">
      <h2 id="nt-invite-title">{t('notify.invite.title')}</h2>
      <p class="muted">{t('notify.invite.lead')}</p>
      <form onSubmit={send} novalidate>
        <TextAreaField
          label={t('notify.invite.phones')}
          hint={t('notify.invite.phonesHint', { n: fmt.count(lines()) })}
          rows={6}
          inputmode="tel"
          value={phones()}
          onValue={(v) => {
            setPhones(v);
            form.clearError('phones');
          }}
          error={form.error('phones')}
        />
        <FormError error={form.formError()} />
        <div class="form-actions">
          <Button type="submit" variant="primary" busy={form.busy()}>
            {t('notify.invite.send')}
          </Button>
        </div>
      </form>
      <Show when={result()}>
        {(r) => (
          <Alert kind={r().queued ? 'success' : 'warning'} title={t('notify.invite.queued', { n: fmt.count(r().queued) })}>
            <Show when={r().invalid || r().duplicates}>
              <p>{t('notify.invite.skipped', { invalid: fmt.count(r().invalid), duplicates: fmt.count(r().duplicates) })}</p>
            </Show>
            <p class="small">
              {t('notify.invite.after')} <A href={`/c/${props.congressId}/notify?kind=evaluation_invite`}>{t('notify.invite.see')}</A>
            </p>
          </Alert>
        )}
      </Show>
    </section>
  );
}
