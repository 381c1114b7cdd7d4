import { createMemo, createSignal, For, Show } from 'solid-js';
import { CreateEntries, ENTRY_KINDS, REPORT_RATINGS, UpdateEntry, type EntryKind } from '../../../shared/archive/schema.ts';
import { shanghaiToday } from '../../../shared/time.ts';
import { FormError } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { SelectField, TextField } from '../components/Field.tsx';
import { createFormState } from '../forms.ts';
import { t, type MessageKey } from '../i18n.ts';
import { createEntries, updateEntry, type Entry } from './archive.data.ts';
import { ratingWord } from './parts.tsx';

type Person = { id: string; name: string; delegation: string };

/**
 * 登记培训或述职: the kind, the day, a title, the rating for a report (述职评议), a note; for a new entry the
 * representatives (several at once: a training is attended by many). Editing changes one entry of one person.
 */
export function EntryForm(props: { congressId: string; people?: Person[]; fixed?: string; entry?: Entry; onCancel: () => void; onDone: (n: number) => void }) {
  const form = createFormState();
  const [kind, setKind] = createSignal<EntryKind>(props.entry?.kind ?? 'training');
  const [heldOn, setHeldOn] = createSignal(props.entry?.heldOn ?? shanghaiToday());
  const [title, setTitle] = createSignal(props.entry?.title ?? '');
  const [rating, setRating] = createSignal<string>(props.entry?.rating ?? '');
  const [note, setNote] = createSignal(props.entry?.note ?? '');
  const [who, setWho] = createSignal<string[]>(props.fixed ? [props.fixed] : []);
  const [q, setQ] = createSignal('');
  const matches = createMemo(() => {
    const term = q().trim();
    return (props.people ?? []).filter((p) => !term || p.name.includes(term) || p.delegation.includes(term));
  });
  const edit = (path: string, set: (v: string) => void) => (v: string) => {
    set(v);
    form.clearError(path);
  };
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const fields = { kind: kind(), heldOn: heldOn(), title: title(), rating: kind() === 'report' && rating() ? rating() : null, note: note() };
    if (props.entry) {
      const input = form.check(UpdateEntry, fields);
      if (!input) return;
      const done = await form.run(() => updateEntry(props.congressId, props.entry!.id, input), Object.keys(fields));
      if (done) props.onDone(1);
      return;
    }
    if (who().length === 0) {
      form.setErrors({ representativeIds: t('archive.entries.pickSome') });
      return;
    }
    const input = form.check(CreateEntries, { ...fields, representativeIds: who() });
    if (!input) return;
    const done = await form.run(() => createEntries(props.congressId, input), [...Object.keys(fields), 'representativeIds']);
    if (done) props.onDone(done.value.ids.length);
  };
  return (
    <form onSubmit={submit} novalidate class="ar-entry-form">
      <FormError error={form.formError()} />
      <fieldset class="ar-kind">
        <legend>{t('archive.entries.kind')}</legend>
        <div class="segmented" role="radiogroup" aria-label={t('archive.entries.kind')}>
          <For each={ENTRY_KINDS}>
            {(k) => (
              <button type="button" role="radio" aria-checked={kind() === k} classList={{ on: kind() === k }} onClick={() => setKind(k)}>
                {t(`archive.entry.kind.${k}` as MessageKey)}
              </button>
            )}
          </For>
        </div>
      </fieldset>
      <div class="row-2">
        <TextField label={t('archive.entries.title')} hint={t('archive.entries.titleHint')} value={title()} onValue={edit('title', setTitle)} error={form.error('title')} maxlength={120} required />
        <TextField label={t('archive.entries.heldOn')} type="date" max={shanghaiToday()} value={heldOn()} onValue={edit('heldOn', setHeldOn)} error={form.error('heldOn')} required />
      </div>
      <Show when={kind() === 'report'}>
        <SelectField
          label={t('archive.entries.rating')}
          value={rating()}
          onValue={edit('rating', setRating)}
          options={REPORT_RATINGS.map((r) => ({ value: r, label: ratingWord(r) }))}
          placeholder={t('archive.entries.noRating')}
          error={form.error('rating')}
        />
      </Show>
      <TextField label={t('archive.entries.note')} value={note()} onValue={edit('note', setNote)} error={form.error('note')} maxlength={500} />
      <Show when={!props.entry && !props.fixed}>
        <fieldset class="ar-who" classList={{ 'has-error': !!form.error('representativeIds') }}>
          <legend>
            {t('archive.entries.who')} <span class="muted num">（{who().length}）</span>
          </legend>
          <p class="hint">{t('archive.entries.whoHint')}</p>
          <label class="search">
            <span class="sr-only">{t('archive.name')}</span>
            <input type="search" placeholder={t('archive.name')} value={q()} onInput={(e) => setQ(e.currentTarget.value)} />
          </label>
          <ul class="ar-who-list">
            <For each={matches()}>
              {(p) => (
                <li>
                  <label class="ar-who-one" classList={{ on: who().includes(p.id) }}>
                    <input
                      type="checkbox"
                      checked={who().includes(p.id)}
                      onChange={(e) => {
                        setWho(e.currentTarget.checked ? [...who(), p.id] : who().filter((x) => x !== p.id));
                        form.clearError('representativeIds');
                      }}
                    />
                    <span>{p.name}</span>
                    <Show when={p.delegation}>
                      <span class="muted small">{p.delegation}</span>
                    </Show>
                  </label>
                </li>
              )}
            </For>
          </ul>
          <Show when={form.error('representativeIds')}>
            <p class="field-error">{form.error('representativeIds')}</p>
          </Show>
        </fieldset>
      </Show>
      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={form.busy()}>
          {t(props.entry ? 'archive.entries.update' : 'archive.entries.save')}
        </Button>
      </div>
    </form>
  );
}
