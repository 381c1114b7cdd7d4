import { createSignal } from 'solid-js';
import { CreateStation, UpdateStation, type StationDetail } from '../../../shared/stations/schema.ts';
import { FormError } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { SelectField, TextAreaField, TextField } from '../components/Field.tsx';
import { createFormState } from '../forms.ts';
import { t } from '../i18n.ts';
import { stationKindOptions } from './labels.ts';
import { createStation, updateStation } from './stations.data.ts';

const FIELDS = ['name', 'kind', 'address', 'contact', 'receptionTimes', 'duties'];

/** Add or edit a station: what its wall and its public page say (name, kind, address, public contact, reception times, duties). */
export function StationForm(props: { congressId: string; station?: StationDetail; onCancel: () => void; onDone: (name: string) => void }) {
  const form = createFormState();
  const s = props.station;
  const [name, setName] = createSignal(s?.name ?? '');
  const [kind, setKind] = createSignal<string>(s?.kind ?? 'village');
  const [address, setAddress] = createSignal(s?.address ?? '');
  const [contact, setContact] = createSignal(s?.contact ?? '');
  const [times, setTimes] = createSignal(s?.receptionTimes ?? '');
  const [duties, setDuties] = createSignal(s?.duties ?? '');

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const values = { name: name(), kind: kind(), address: address(), contact: contact(), receptionTimes: times(), duties: duties() };
    const input = form.check(s ? UpdateStation : CreateStation, values);
    if (!input) return;
    const ok = await form.run(async () => {
      if (s) await updateStation(props.congressId, s.id, input);
      else await createStation(props.congressId, input as typeof values & { kind: 'central' | 'village' });
    }, FIELDS);
    if (ok) props.onDone(values.name.trim());
  };

  return (
    <form onSubmit={submit} novalidate>
      <FormError error={form.formError()} />
      <TextField label={t('stations.field.name')} hint={t('stations.field.nameHint')} value={name()} onValue={setName} error={form.error('name')} maxlength={60} required autofocus />
      <SelectField label={t('stations.field.kind')} value={kind()} onValue={setKind} options={stationKindOptions()} error={form.error('kind')} required />
      <TextField label={t('stations.field.address')} value={address()} onValue={setAddress} error={form.error('address')} maxlength={120} />
      <TextField label={t('stations.field.contact')} hint={t('stations.field.contactHint')} value={contact()} onValue={setContact} error={form.error('contact')} maxlength={80} />
      <TextField label={t('stations.field.receptionTimes')} hint={t('stations.field.receptionTimesHint')} value={times()} onValue={setTimes} error={form.error('receptionTimes')} maxlength={200} />
      <TextAreaField label={t('stations.field.duties')} hint={t('stations.field.dutiesHint')} value={duties()} onValue={setDuties} error={form.error('duties')} rows={4} maxlength={2000} />
      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={form.busy()}>
          {s ? t('common.save') : t('stations.add')}
        </Button>
      </div>
    </form>
  );
}
