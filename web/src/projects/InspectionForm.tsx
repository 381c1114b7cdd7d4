import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { CreateInspection } from '../../../shared/projects/schema.ts';
import { FormError } from '../components/Alert.tsx';
import { latest } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { SelectField, TextAreaField, TextField } from '../components/Field.tsx';
import { createFormState } from '../forms.ts';
import { t } from '../i18n.ts';
import { fetchRoster } from '../roster/roster.data.ts';
import { today } from './parts.tsx';
import { createInspection, type Inspection, type ProjectSummary } from './projects.data.ts';

/** 视察: which project, when, a title, the representatives who went (picked from the roster), what they saw and suggest. */
export function InspectionForm(props: { congressId: string; projects: ProjectSummary[]; projectId?: string; onCancel: () => void; onDone: (i: Inspection) => void }) {
  const form = createFormState();
  const [projectId, setProjectId] = createSignal(props.projectId ?? '');
  const [date, setDate] = createSignal(today());
  const [title, setTitle] = createSignal('');
  const [attendees, setAttendees] = createSignal<string[]>([]);
  const [summary, setSummary] = createSignal('');
  const [suggestions, setSuggestions] = createSignal('');
  const edit = (path: string, set: (v: string) => void) => (v: string) => {
    set(v);
    form.clearError(path);
  };
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const values = { projectId: projectId(), date: date(), title: title(), attendeeIds: attendees(), summary: summary(), suggestions: suggestions() };
    if (!projectId()) {
      form.setErrors({ projectId: t('inspections.form.chooseProject') });
      return;
    }
    const input = form.check(CreateInspection, values);
    if (!input) return;
    const done = await form.run(() => createInspection(props.congressId, input), Object.keys(values));
    if (done) props.onDone(done.value);
  };
  return (
    <form onSubmit={submit} novalidate>
      <FormError error={form.formError()} />
      <SelectField
        label={t('inspections.field.project')}
        value={projectId()}
        onValue={edit('projectId', setProjectId)}
        options={props.projects.map((p) => ({ value: p.id, label: `${p.title}（${p.year}）` }))}
        placeholder={t('inspections.form.chooseProject')}
        error={form.error('projectId')}
        required
      />
      <div class="row-2">
        <TextField label={t('inspections.field.title')} hint={t('inspections.field.titleHint')} value={title()} onValue={edit('title', setTitle)} error={form.error('title')} maxlength={120} required />
        <TextField label={t('inspections.field.date')} type="date" value={date()} onValue={edit('date', setDate)} error={form.error('date')} required />
      </div>
      <AttendeePicker congressId={props.congressId} chosen={attendees()} onChange={setAttendees} error={form.error('attendeeIds')} />
      <TextAreaField label={t('inspections.field.summary')} value={summary()} onValue={edit('summary', setSummary)} error={form.error('summary')} rows={4} maxlength={4000} />
      <TextAreaField label={t('inspections.field.suggestions')} hint={t('inspections.field.suggestionsHint')} value={suggestions()} onValue={edit('suggestions', setSuggestions)} error={form.error('suggestions')} rows={3} maxlength={4000} />
      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={form.busy()}>
          {t('inspections.form.submit')}
        </Button>
      </div>
    </form>
  );
}

/** Representatives from the roster: a search over name and delegation, a box per person, the chosen shown as chips. */
function AttendeePicker(props: { congressId: string; chosen: string[]; onChange: (ids: string[]) => void; error?: string }) {
  const [roster] = createResource(() => props.congressId, (c) => fetchRoster(c, { status: 'seated' }));
  const [q, setQ] = createSignal('');
  const people = () => latest(roster) ?? [];
  const byId = createMemo(() => new Map(people().map((r) => [r.id, r])));
  const matches = createMemo(() => {
    const term = q().trim();
    const list = term ? people().filter((r) => r.name.includes(term) || r.delegation.includes(term) || r.constituency.includes(term)) : people();
    return list.slice(0, 60);
  });
  const toggle = (rid: string, on: boolean) => props.onChange(on ? [...props.chosen, rid] : props.chosen.filter((x) => x !== rid));
  return (
    <fieldset class="pj-attendees" classList={{ 'has-error': !!props.error }}>
      <legend>{t('inspections.field.attendees')}</legend>
      <Show when={props.chosen.length > 0} fallback={<p class="hint">{t('inspections.attendees.none')}</p>}>
        <ul class="pj-chips" aria-label={t('inspections.attendees.chosen', { n: props.chosen.length })}>
          <For each={props.chosen}>
            {(rid) => (
              <li class="pj-chip">
                {byId().get(rid)?.name ?? rid}
                <button type="button" class="chip-remove" onClick={() => toggle(rid, false)} aria-label={t('inspections.attendees.removeAria', { name: byId().get(rid)?.name ?? '' })}>
                  ×
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <label class="search pj-attendee-search">
        <span class="sr-only">{t('inspections.attendees.search')}</span>
        <input type="search" placeholder={t('inspections.attendees.search')} value={q()} onInput={(e) => setQ(e.currentTarget.value)} />
      </label>
      <Show when={roster.state === 'ready' || roster.state === 'refreshing'} fallback={<p class="muted">{roster.state === 'errored' ? t('inspections.attendees.noRoster') : t('common.loading')}</p>}>
        <Show when={matches().length > 0} fallback={<p class="muted">{people().length ? t('inspections.attendees.noMatch') : t('inspections.attendees.emptyRoster')}</p>}>
          <ul class="pj-attendee-list">
            <For each={matches()}>
              {(r) => (
                <li>
                  <label class="pj-attendee" classList={{ on: props.chosen.includes(r.id) }}>
                    <input type="checkbox" checked={props.chosen.includes(r.id)} onChange={(e) => toggle(r.id, e.currentTarget.checked)} />
                    <span>{r.name}</span>
                    <Show when={r.delegation}>
                      <span class="muted small">{r.delegation}</span>
                    </Show>
                  </label>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
      <Show when={props.error}>
        <p class="field-error">{props.error}</p>
      </Show>
    </fieldset>
  );
}
