import { A, useNavigate } from '@solidjs/router';
import { createEffect, createResource, createSignal, Show } from 'solid-js';
import type { ItemCategory, ItemSource, Urgency } from '../../../shared/items/enums.ts';
import { shanghaiToday } from '../../../shared/time.ts';
import { Alert, FormError } from '../components/Alert.tsx';
import { latest } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { SelectField, TextAreaField, TextField } from '../components/Field.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { toast } from '../components/Toast.tsx';
import { useCongress } from '../congress/context.tsx';
import { createFormState } from '../forms.ts';
import { FilePicker } from '../gathering/FilePicker.tsx';
import { t } from '../i18n.ts';
import { fetchRoster } from '../roster/roster.data.ts';
import { can, me } from '../session.ts';
import { createItem, fetchStations } from './items.data.ts';
import { categoryOptions, sourceOptions, urgencyOptions } from './parts.tsx';
import './items.css';

/** What a station keeper enters: what came in at their station. */
const KEEPER_SOURCES: readonly ItemSource[] = ['reception', 'resident', 'representative'];
const FIELDS = ['source', 'category', 'title', 'content', 'place', 'receivedOn', 'stationId', 'representativeId', 'submitterName', 'submitterContact', 'urgency'];

/**
 * 登记 / 反映意见建议. Staff enter any source for any station or representative; a station keeper what came in at
 * their station; a representative on a phone (card sign-in) only says what and where — the server records it as theirs.
 */
export default function NewItemPage() {
  const { id, congress } = useCongress();
  const navigate = useNavigate();
  const staff = () => can(id(), 'items.createAny');
  const keeper = () => !staff() && can(id(), 'items.answerOnSpot');
  const rep = () => !staff() && !keeper();
  const [stations] = createResource(() => (rep() ? false : id()), fetchStations);
  const [roster] = createResource(() => (staff() ? id() : false), (c) => fetchRoster(c, { status: 'seated' }));
  const myStations = () => (latest(stations) ?? []).filter((s) => staff() || s.keepers.some((k) => k.id === me()?.account.id));

  const form = createFormState();
  const [source, setSource] = createSignal<ItemSource>('reception');
  const [category, setCategory] = createSignal<ItemCategory | ''>('');
  const [title, setTitle] = createSignal('');
  const [content, setContent] = createSignal('');
  const [place, setPlace] = createSignal('');
  const [receivedOn, setReceivedOn] = createSignal(shanghaiToday());
  const [stationId, setStationId] = createSignal('');
  const [representativeId, setRepresentativeId] = createSignal('');
  const [name, setName] = createSignal('');
  const [contact, setContact] = createSignal('');
  const [urgency, setUrgency] = createSignal<Urgency>('normal');
  const [files, setFiles] = createSignal<File[]>([]);
  const [created, setCreated] = createSignal<{ id: string; trackingCode: string } | null>(null);
  // A keeper's own station is chosen for them.
  createEffect(() => {
    if (keeper() && !stationId() && myStations().length > 0) setStationId(myStations()[0].id);
  });

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!category()) errors.category = t('items.new.category');
    if (!title().trim()) errors.title = t('items.new.itemTitleHint');
    if (!content().trim()) errors.content = t('items.new.content');
    if (Object.keys(errors).length) return form.setErrors(errors);
    const body = rep()
      ? { source: 'representative' as const, category: category() as ItemCategory, title: title().trim(), content: content().trim(), place: place().trim() }
      : {
          source: source(),
          category: category() as ItemCategory,
          title: title().trim(),
          content: content().trim(),
          place: place().trim(),
          receivedOn: receivedOn(),
          stationId: stationId() || null,
          representativeId: representativeId() || null,
          submitterName: name().trim(),
          submitterContact: contact().trim(),
          urgency: urgency(),
        };
    const ok = await form.run(() => createItem(id(), body, files()), FIELDS);
    if (!ok) return;
    if (rep()) {
      setCreated(ok.value);
      window.scrollTo({ top: 0 });
      return;
    }
    toast(t('items.new.done', { code: ok.value.trackingCode }));
    navigate(`/c/${id()}/items/${ok.value.id}`);
  };

  return (
    <Show when={can(id(), 'items.create')} fallback={<NoAccess />}>
      <div class="item-new" classList={{ 'item-new-rep': rep() }}>
        <PageHeader
          kicker={<A href={rep() ? `/c/${id()}/items?mine=1` : `/c/${id()}/items`}>← {rep() ? t('items.titleMine') : t('items.backToList')}</A>}
          title={rep() ? t('items.new.titleRep') : t('items.new.title')}
          lead={rep() ? t('items.new.leadRep') : t('items.new.lead')}
        />
        <Show
          when={!created()}
          fallback={
            <Alert kind="success" title={t('items.new.done', { code: created()!.trackingCode })}>
              <p class="form-actions start">
                <A class="btn btn-primary" href={`/c/${id()}/items/${created()!.id}`}>
                  {t('items.open')}
                </A>
                <A class="btn btn-secondary" href={`/c/${id()}/items?mine=1`}>
                  {t('items.titleMine')}
                </A>
              </p>
            </Alert>
          }
        >
          <form class="card" onSubmit={submit} novalidate>
            <FormError error={form.formError()} />
            <Show when={!rep()}>
              <div class="grid-2">
                <SelectField label={t('items.new.source')} value={source()} onValue={(v) => setSource(v as ItemSource)} options={sourceOptions(staff() ? undefined : KEEPER_SOURCES)} error={form.error('source')} required />
                <TextField type="date" label={t('items.new.received')} value={receivedOn()} onValue={setReceivedOn} max={shanghaiToday()} error={form.error('receivedOn')} required />
              </div>
            </Show>
            <SelectField label={t('items.new.category')} value={category()} onValue={(v) => setCategory(v as ItemCategory)} placeholder={t('items.new.category')} options={categoryOptions(congress().settings.loop.categories)} error={form.error('category')} required />
            <TextField label={t('items.new.itemTitle')} hint={t('items.new.itemTitleHint')} value={title()} onValue={setTitle} maxlength={80} error={form.error('title')} required />
            <TextAreaField label={t('items.new.content')} value={content()} onValue={setContent} rows={rep() ? 6 : 5} maxlength={4000} error={form.error('content')} required />
            <TextField label={t('items.new.place')} value={place()} onValue={setPlace} maxlength={80} error={form.error('place')} />
            <Show when={!rep()}>
              <div class="grid-2">
                <SelectField
                  label={t('items.new.station')}
                  value={stationId()}
                  onValue={setStationId}
                  options={[...(staff() ? [{ value: '', label: t('items.new.noStation') }] : []), ...myStations().map((s) => ({ value: s.id, label: s.name }))]}
                  error={form.error('stationId')}
                />
                <Show when={staff()}>
                  <SelectField
                    label={t('items.new.representative')}
                    value={representativeId()}
                    onValue={setRepresentativeId}
                    options={[{ value: '', label: t('items.new.noRepresentative') }, ...(latest(roster) ?? []).map((r) => ({ value: r.id, label: r.name }))]}
                    error={form.error('representativeId')}
                  />
                </Show>
              </div>
              <Show when={staff()}>
                <SelectField label={t('items.triage.urgency')} value={urgency()} onValue={(v) => setUrgency(v as Urgency)} options={urgencyOptions()} error={form.error('urgency')} />
              </Show>
              <fieldset class="private-box">
                <legend>{t('items.detail.submitter.title')}</legend>
                <p class="hint">{t('items.new.privateNote')}</p>
                <div class="grid-2">
                  <TextField label={t('items.new.submitterName')} value={name()} onValue={setName} maxlength={40} error={form.error('submitterName')} />
                  <TextField label={t('items.new.submitterContact')} value={contact()} onValue={setContact} maxlength={80} inputmode="tel" error={form.error('submitterContact')} />
                </div>
              </fieldset>
              <FilePicker label={t('items.detail.files')} files={files()} onChange={setFiles} />
            </Show>
            <div class="form-actions start">
              <Button type="submit" variant="primary" busy={form.busy()} class="item-big-btn">
                {rep() ? t('items.new.submitRep') : t('items.new.submit')}
              </Button>
            </div>
          </form>
        </Show>
      </div>
    </Show>
  );
}
