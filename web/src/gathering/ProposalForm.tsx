import { createSignal, Show } from 'solid-js';
import { StaffProposal } from '../../../shared/gathering/schema.ts';
import type { Role } from '../../../shared/roles.ts';
import { Alert, FormError } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { SelectField, TextAreaField, TextField } from '../components/Field.tsx';
import { MoneyField } from '../components/MoneyField.tsx';
import { nowrap } from '../components/Nowrap.tsx';
import { createFormState } from '../forms.ts';
import { fmt, t, tx } from '../i18n.ts';
import { categoryOptions, channelLabel, type Channel } from '../labels.ts';
import { FilePicker } from './FilePicker.tsx';
import { submitStaffProposal, type CollectionWindow, type Proposal } from './gathering.data.ts';
import './gathering.css';

/** The channels an account may enter: staff enter what liaison stations, the hotline and offices gathered. */
export function channelsFor(roles: readonly Role[], systemAdmin: boolean): Channel[] {
  if (systemAdmin || roles.includes('admin')) return ['liaison_station', 'hotline_12345', 'government'];
  const own: Channel[] = [];
  if (roles.includes('government')) own.push('government');
  if (roles.includes('representative')) own.push('representative');
  if (roles.includes('department')) own.push('department');
  return own;
}

/** Channels where the person behind the proposal is someone else, whose name and contact are written down. */
const ON_BEHALF: Channel[] = ['liaison_station', 'hotline_12345'];

/**
 * Enter a proposal from an account: a liaison station's or the hotline's (by staff, with the resident's contact,
 * never published), or one's own as a representative, department or government office. Staff may still file into
 * a window that has closed (into the latest year); everyone else needs an open window.
 */
export function ProposalForm(props: {
  congressId: string;
  channels: Channel[];
  staff: boolean;
  windows: CollectionWindow[];
  onCancel: () => void;
  onDone: (p: Proposal) => void;
}) {
  const form = createFormState();
  const [channel, setChannel] = createSignal<Channel>(props.channels[0]);
  const [station, setStation] = createSignal('');
  const [title, setTitle] = createSignal('');
  const [category, setCategory] = createSignal('');
  const [location, setLocation] = createSignal('');
  const [description, setDescription] = createSignal('');
  const [beneficiaries, setBeneficiaries] = createSignal('');
  const [investment, setInvestment] = createSignal('');
  const [name, setName] = createSignal('');
  const [contact, setContact] = createSignal('');
  const [files, setFiles] = createSignal<File[]>([]);

  const edit = (path: string, set: (v: string) => void) => (v: string) => {
    set(v);
    form.clearError(path);
  };
  const open = () => props.windows.find((w) => w.state === 'open');
  const latest = () => props.windows[0];
  const blocked = () => !open() && (!props.staff || !latest());
  const onBehalf = () => ON_BEHALF.includes(channel());

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const values = {
      channel: channel(),
      station: channel() === 'liaison_station' ? station() : '',
      title: title(),
      category: category(),
      location: location(),
      description: description(),
      beneficiaries: beneficiaries(),
      estimatedInvestment: investment().trim() || undefined,
      submitterName: name(),
      submitterContact: onBehalf() ? contact() : '',
    };
    const input = form.check(StaffProposal, values);
    const extra: Record<string, string> = {};
    if (channel() === 'liaison_station' && !station().trim()) extra.station = t('proposalForm.stationRequired');
    if (!category()) extra.category = t('submit.chooseCategory');
    if (!input || Object.keys(extra).length) {
      form.setErrors({ ...form.errors(), ...extra });
      return;
    }
    const done = await form.run(() => submitStaffProposal(props.congressId, input, files()), Object.keys(values));
    if (done) props.onDone(done.value);
  };

  return (
    <form onSubmit={submit} novalidate>
      <Show when={!open()}>
        <Show when={props.staff && latest()} fallback={<Alert kind="warning" title={t('proposalForm.noWindow')} />}>
          <Alert kind="info" title={t('proposalForm.lateFiling', { year: latest()!.year })} />
        </Show>
      </Show>
      <FormError error={form.formError()} />
      <div class="row-2">
        <Show
          when={props.channels.length > 1}
          fallback={
            <div class="field">
              <p class="label-row">
                <strong>{t('proposal.field.channel')}</strong>
              </p>
              <p>{channelLabel(channel())}</p>
            </div>
          }
        >
          <SelectField
            label={t('proposal.field.channel')}
            value={channel()}
            onValue={(v) => setChannel(v as Channel)}
            options={props.channels.map((c) => ({ value: c, label: channelLabel(c) }))}
            error={form.error('channel')}
            required
          />
        </Show>
        <Show when={channel() === 'liaison_station'}>
          <TextField label={t('proposal.field.station')} hint={t('proposalForm.stationHint')} value={station()} onValue={edit('station', setStation)} error={form.error('station')} maxlength={80} required />
        </Show>
      </div>
      <TextField label={t('proposal.field.title')} value={title()} onValue={edit('title', setTitle)} error={form.error('title')} maxlength={80} required />
      <div class="row-2">
        <SelectField
          label={t('proposal.field.category')}
          value={category()}
          onValue={edit('category', setCategory)}
          options={categoryOptions()}
          placeholder={t('proposalForm.chooseCategory')}
          error={form.error('category')}
          required
        />
        <TextField label={t('proposal.field.location')} value={location()} onValue={edit('location', setLocation)} error={form.error('location')} maxlength={80} required />
      </div>
      <TextAreaField label={t('proposal.field.description')} value={description()} onValue={edit('description', setDescription)} error={form.error('description')} rows={5} maxlength={4000} required />
      <div class="row-2">
        <TextField label={t('proposal.field.beneficiaries')} value={beneficiaries()} onValue={edit('beneficiaries', setBeneficiaries)} error={form.error('beneficiaries')} maxlength={200} />
        <MoneyField label={t('proposal.field.investment')} hint={t('submit.field.investmentHint')} value={investment()} onValue={edit('estimatedInvestment', setInvestment)} error={form.error('estimatedInvestment')} />
      </div>
      <Show
        when={onBehalf()}
        fallback={
          <Show when={channel() === 'government'}>
            <TextField label={t('proposalForm.office')} hint={t('proposalForm.officeHint')} value={name()} onValue={edit('submitterName', setName)} error={form.error('submitterName')} maxlength={40} />
          </Show>
        }
      >
        <fieldset class="private-box">
          <legend>{t('proposal.submitter.title')}</legend>
          <p class="hint">{t('proposalForm.privateHint')}</p>
          <div class="row-2">
            <TextField label={t('proposal.field.submitterName')} value={name()} onValue={edit('submitterName', setName)} error={form.error('submitterName')} maxlength={40} />
            <TextField label={t('proposal.field.submitterContact')} type="tel" value={contact()} onValue={edit('submitterContact', setContact)} error={form.error('submitterContact')} maxlength={80} />
          </div>
        </fieldset>
      </Show>
      <FilePicker label={t('proposal.field.attachments')} files={files()} onChange={setFiles} />
      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={form.busy()} disabled={blocked()}>
          {open() ? t('proposalForm.submitYear', { year: open()!.year }) : latest() ? t('proposalForm.submitYear', { year: latest()!.year }) : t('proposalForm.submit')}
        </Button>
      </div>
      <Show when={open()}>
        <p class="muted small">{tx('proposalForm.windowNote', { from: nowrap(fmt.date(open()!.opensOn)), to: nowrap(fmt.date(open()!.closesOn)) })}</p>
      </Show>
    </form>
  );
}
