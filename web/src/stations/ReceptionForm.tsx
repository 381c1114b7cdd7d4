import { shanghaiToday } from '../../../shared/time.ts';
import { createSignal, For, Index, Show } from 'solid-js';
import { ITEM_CATEGORIES } from '../../../shared/items/enums.ts';
import { useCongress } from '../congress/context.tsx';
import { CreateReception, type StationDetail } from '../../../shared/stations/schema.ts';
import { FormError } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { CheckField, SelectField, TextAreaField, TextField } from '../components/Field.tsx';
import { createFormState } from '../forms.ts';
import { FilePicker } from '../gathering/FilePicker.tsx';
import { fmt, t } from '../i18n.ts';
import { receptionKindOptions } from './labels.ts';
import { createReception, type PlanDay } from './stations.data.ts';

type Raised = { category: string; title: string; content: string; place: string; submitterName: string; submitterContact: string; representativeId: string };
const blank = (): Raised => ({ category: '', title: '', content: '', place: '', submitterName: '', submitterContact: '', representativeId: '' });

/**
 * 接待登记: the day (a planned one or another), who of the station's representatives were there, how many people came,
 * notes, photos or the sign-in sheet (PDF), and each item raised — which gets its own tracking code.
 */
export function ReceptionForm(props: { congressId: string; station: StationDetail; day?: PlanDay; openDays: PlanDay[]; onCancel: () => void; onDone: (codes: string[]) => void }) {
  const form = createFormState();
  const { congress } = useCongress();
  /** The item categories the congress uses (settings `loop.categories`). */
  const used = () => congress().settings.loop.categories;
  const today = shanghaiToday();
  const [dayId, setDayId] = createSignal(props.day?.id ?? '');
  const [heldOn, setHeldOn] = createSignal(props.day?.day ?? today);
  const [kind, setKind] = createSignal<string>(props.day?.kind ?? 'reception');
  const [theme, setTheme] = createSignal(props.day?.theme ?? '');
  const [visitors, setVisitors] = createSignal('');
  const [notes, setNotes] = createSignal('');
  const [present, setPresent] = createSignal(new Set(props.day?.duty.map((r) => r.id) ?? []));
  const [files, setFiles] = createSignal<File[]>([]);
  const [items, setItems] = createSignal<Raised[]>([]);

  const pickDay = (id: string) => {
    setDayId(id);
    const d = props.openDays.find((x) => x.id === id);
    if (d) {
      setHeldOn(d.day);
      setKind(d.kind);
      setTheme(d.theme);
      setPresent(new Set(d.duty.map((r) => r.id)));
    }
  };
  const setItem = (i: number, patch: Partial<Raised>) => setItems(items().map((x, j) => (j === i ? { ...x, ...patch } : x)));

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const values = {
      heldOn: heldOn(),
      kind: kind(),
      theme: theme(),
      dayId: dayId() || undefined,
      visitors: visitors() === '' ? Number.NaN : Number(visitors()),
      notes: notes(),
      representativeIds: [...present()],
      items: items().map((i) => ({ ...i, representativeId: i.representativeId || undefined })),
    };
    const input = form.check(CreateReception, values);
    if (!input) return;
    const done = await form.run(() => createReception(props.congressId, props.station.id, input, files()), ['heldOn', 'kind', 'theme', 'visitors', 'notes']);
    if (done) props.onDone(done.value.items.map((i) => i.trackingCode));
  };

  const presentReps = () => props.station.representativeList.filter((r) => present().has(r.id));

  return (
    <form onSubmit={submit} novalidate class="reception-form">
      <FormError error={form.formError()} />
      <Show when={props.openDays.length}>
        <SelectField
          label={t('stations.record.day')}
          hint={t('stations.record.dayHint')}
          value={dayId()}
          onValue={pickDay}
          options={props.openDays.map((d) => ({ value: d.id, label: fmt.date(d.day) }))}
          placeholder={t('stations.record.noDay')}
        />
      </Show>
      <div class="row-2">
        <TextField type="date" label={t('stations.record.heldOn')} max={today} value={heldOn()} onValue={setHeldOn} error={form.error('heldOn')} required />
        <SelectField label={t('stations.plan.kind')} value={kind()} onValue={setKind} options={receptionKindOptions()} error={form.error('kind')} />
      </div>
      <div class="row-2">
        <TextField label={t('stations.plan.theme')} value={theme()} onValue={setTheme} error={form.error('theme')} maxlength={80} />
        <TextField type="number" inputmode="numeric" min={0} label={t('stations.record.visitors')} value={visitors()} onValue={setVisitors} error={form.error('visitors')} required />
      </div>
      <fieldset class="field">
        <legend>{t('stations.record.present')}</legend>
        <Show when={props.station.representativeList.length} fallback={<p class="muted small">{t('stations.noRepresentatives')}</p>}>
          <div class="check-columns">
            <For each={props.station.representativeList}>
              {(r) => (
                <CheckField
                  label={r.name}
                  checked={present().has(r.id)}
                  onValue={(v) => {
                    const next = new Set(present());
                    if (v) next.add(r.id);
                    else next.delete(r.id);
                    setPresent(next);
                  }}
                />
              )}
            </For>
          </div>
        </Show>
      </fieldset>
      <TextAreaField label={t('stations.record.notes')} value={notes()} onValue={setNotes} error={form.error('notes')} rows={3} maxlength={4000} />
      <FilePicker label={t('stations.record.photos')} hint={t('stations.record.photosHint')} files={files()} onChange={setFiles} />

      <fieldset class="raised">
        <legend>{t('stations.record.items')}</legend>
        <p class="hint">{t('stations.record.itemsHint')}</p>
        <Index each={items()}>
          {(it, i) => (
            <div class="raised-item card">
              <div class="raised-head">
                <strong>{t('stations.record.itemN', { n: String(i + 1) })}</strong>
                <Button small variant="ghost" onClick={() => setItems(items().filter((_, j) => j !== i))}>
                  {t('stations.record.itemRemove')}
                </Button>
              </div>
              <div class="row-2">
                <SelectField
                  label={t('stations.item.category')}
                  value={it().category}
                  onValue={(v) => setItem(i, { category: v })}
                  options={ITEM_CATEGORIES.filter((c) => used().includes(c)).map((c) => ({ value: c, label: t(`item.category.${c}`) }))}
                  placeholder={t('stations.item.chooseCategory')}
                  error={form.error(`items.${i}.category`)}
                  required
                />
                <TextField label={t('stations.item.title')} value={it().title} onValue={(v) => setItem(i, { title: v })} error={form.error(`items.${i}.title`)} maxlength={80} required />
              </div>
              <TextAreaField label={t('stations.item.content')} value={it().content} onValue={(v) => setItem(i, { content: v })} error={form.error(`items.${i}.content`)} rows={3} maxlength={2000} required />
              <div class="row-2">
                <TextField label={t('stations.item.place')} value={it().place} onValue={(v) => setItem(i, { place: v })} maxlength={80} />
                <SelectField
                  label={t('stations.record.takenBy')}
                  value={it().representativeId}
                  onValue={(v) => setItem(i, { representativeId: v })}
                  options={presentReps().map((r) => ({ value: r.id, label: r.name }))}
                  placeholder={t('stations.record.takenByNone')}
                />
              </div>
              <div class="row-2">
                <TextField label={t('stations.item.name')} value={it().submitterName} onValue={(v) => setItem(i, { submitterName: v })} maxlength={40} />
                <TextField label={t('stations.item.contact')} hint={t('stations.item.contactHint')} type="tel" inputmode="tel" value={it().submitterContact} onValue={(v) => setItem(i, { submitterContact: v })} maxlength={80} />
              </div>
            </div>
          )}
        </Index>
        <Button onClick={() => setItems([...items(), blank()])}>+ {t('stations.record.itemAdd')}</Button>
      </fieldset>

      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={form.busy()}>
          {t('stations.record.save')}
        </Button>
      </div>
    </form>
  );
}
