import { createSignal } from 'solid-js';
import { EndTerm, type Representative } from '../../../shared/roster/schema.ts';
import { Alert, FormError } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { TextAreaField, TextField } from '../components/Field.tsx';
import { createFormState } from '../forms.ts';
import { t } from '../i18n.ts';
import { endTerm } from './roster.data.ts';
import { shanghaiToday } from '../../../shared/time.ts';

/** 终止代表资格: the date and reason, with the consequence stated before the one confirming click. */
export function EndTermForm(props: { congressId: string; rep: Representative; onCancel: () => void; onDone: (r: Representative) => void }) {
  const form = createFormState();
  const [endedOn, setEndedOn] = createSignal(shanghaiToday());
  const [reason, setReason] = createSignal('');

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const input = form.check(EndTerm, { endedOn: endedOn(), reason: reason() });
    if (!input) return;
    const done = await form.run(() => endTerm(props.congressId, props.rep.id, input), ['endedOn', 'reason']);
    if (done) props.onDone(done.value);
  };

  return (
    <form onSubmit={submit} novalidate>
      <Alert kind="warning" title={t('roster.endTerm.consequenceTitle', { name: props.rep.name })}>
        <p>{t('roster.endTerm.consequence')}</p>
      </Alert>
      <FormError error={form.formError()} />
      <TextField label={t('roster.endTerm.date')} type="date" value={endedOn()} onValue={setEndedOn} error={form.error('endedOn')} required />
      <TextAreaField label={t('roster.endTerm.reason')} hint={t('roster.endTerm.reasonHint')} value={reason()} onValue={setReason} error={form.error('reason')} maxLength={200} />
      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="danger" busy={form.busy()}>
          {t('roster.endTerm.submit', { name: props.rep.name })}
        </Button>
      </div>
    </form>
  );
}
