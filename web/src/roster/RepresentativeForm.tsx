import { createSignal } from 'solid-js';
import { RepresentativeInput, UpdateRepresentative, type Representative } from '../../../shared/roster/schema.ts';
import { FormError } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { SelectField, TextField } from '../components/Field.tsx';
import { createFormState } from '../forms.ts';
import { t } from '../i18n.ts';
import { addRepresentative, updateRepresentative } from './roster.data.ts';

const FIELDS = ['name', 'gender', 'delegation', 'constituency', 'phone'];

/** Add a representative, or correct one (name, gender, delegation, constituency, phone). */
export function RepresentativeForm(props: { congressId: string; rep?: Representative; onCancel: () => void; onDone: (r: Representative) => void }) {
  const form = createFormState();
  const [name, setName] = createSignal(props.rep?.name ?? '');
  const [gender, setGender] = createSignal<string>(props.rep?.gender ?? '');
  const [delegation, setDelegation] = createSignal(props.rep?.delegation ?? '');
  const [constituency, setConstituency] = createSignal(props.rep?.constituency ?? '');
  const [phone, setPhone] = createSignal(props.rep?.phone ?? '');

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const values = { name: name(), gender: gender() || null, delegation: delegation(), constituency: constituency(), phone: phone() };
    const rep = props.rep;
    // Each route with its own schema: a correction may leave fields out, a new person needs a name.
    let send: (() => Promise<Representative>) | undefined;
    if (rep) {
      const input = form.check(UpdateRepresentative, values);
      if (input) send = () => updateRepresentative(props.congressId, rep.id, input);
    } else {
      const input = form.check(RepresentativeInput, values);
      if (input) send = () => addRepresentative(props.congressId, input);
    }
    if (!send) return;
    const done = await form.run(send, FIELDS);
    if (done) props.onDone(done.value);
  };

  return (
    <form onSubmit={submit} novalidate>
      <FormError error={form.formError()} />
      <div class="row-2">
        <TextField label={t('roster.field.name')} value={name()} onValue={setName} error={form.error('name')} required autofocus />
        <SelectField
          label={t('roster.field.gender')}
          value={gender()}
          onValue={setGender}
          options={[
            { value: '', label: t('gender.unset') },
            { value: 'male', label: t('gender.male') },
            { value: 'female', label: t('gender.female') },
          ]}
          error={form.error('gender')}
        />
      </div>
      <TextField label={t('roster.field.delegation')} hint={t('roster.field.delegationHint')} value={delegation()} onValue={setDelegation} error={form.error('delegation')} />
      <TextField label={t('roster.field.constituency')} value={constituency()} onValue={setConstituency} error={form.error('constituency')} />
      <TextField label={t('roster.field.phone')} hint={t('roster.field.phoneHint')} type="tel" inputmode="tel" value={phone()} onValue={setPhone} error={form.error('phone')} autocomplete="off" />
      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={form.busy()}>
          {props.rep ? t('common.save') : t('roster.add.submit')}
        </Button>
      </div>
    </form>
  );
}
