import { createSignal, For, Show } from 'solid-js';
import { CreateProject, UpdateProject } from '../../../shared/projects/schema.ts';
import { FormError } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { CheckField, SelectField, TextAreaField, TextField } from '../components/Field.tsx';
import { MoneyField } from '../components/MoneyField.tsx';
import { createFormState } from '../forms.ts';
import { t } from '../i18n.ts';
import { thisYear } from './parts.tsx';
import { createProject, updateProject, type ProjectDetail } from './projects.data.ts';

type Dept = { id: string; name: string; active?: boolean };

/**
 * A project's formal fields: created directly by staff (a project carried over, or decided outside a vote), or
 * corrected later. Year is fixed once created.
 */
export function ProjectForm(props: {
  congressId: string;
  departments: Dept[];
  project?: ProjectDetail;
  onCancel: () => void;
  onDone: (p: ProjectDetail) => void;
}) {
  const form = createFormState();
  const p = props.project;
  const [year, setYear] = createSignal(String(p?.year ?? thisYear()));
  const [title, setTitle] = createSignal(p?.title ?? '');
  const [content, setContent] = createSignal(p?.content ?? '');
  const [lead, setLead] = createSignal(p?.leadDepartment.id ?? '');
  const [co, setCo] = createSignal<string[]>(p?.coDepartments.map((d) => d.id) ?? []);
  const [planned, setPlanned] = createSignal(p?.plannedInvestment ?? '');
  const [funding, setFunding] = createSignal(p?.fundingSource ?? '');
  const [completion, setCompletion] = createSignal(p?.plannedCompletion ?? '');
  const [outcome, setOutcome] = createSignal(p?.expectedOutcome ?? '');
  const edit = (path: string, set: (v: string) => void) => (v: string) => {
    set(v);
    form.clearError(path);
  };
  const usable = () => props.departments.filter((d) => d.active !== false || d.id === lead() || co().includes(d.id));

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const values = {
      title: title(),
      content: content(),
      leadDepartmentId: lead(),
      coDepartmentIds: co().filter((d) => d !== lead()),
      plannedInvestment: planned(),
      fundingSource: funding(),
      plannedCompletion: completion(),
      expectedOutcome: outcome(),
    };
    if (p) {
      const input = form.check(UpdateProject, values);
      if (!input) return;
      const done = await form.run(() => updateProject(props.congressId, p.id, input), Object.keys(values));
      if (done) props.onDone(done.value);
    } else {
      const input = form.check(CreateProject, { ...values, year: Number(year()) });
      if (!input) return;
      const done = await form.run(() => createProject(props.congressId, input), [...Object.keys(values), 'year']);
      if (done) props.onDone(done.value);
    }
  };

  return (
    <form onSubmit={submit} novalidate>
      <FormError error={form.formError()} />
      <div class="row-2">
        <TextField label={t('projects.field.title')} value={title()} onValue={edit('title', setTitle)} error={form.error('title')} maxlength={80} required />
        <Show when={!p}>
          <TextField label={t('projects.field.year')} type="number" inputmode="numeric" value={year()} onValue={edit('year', setYear)} error={form.error('year')} required />
        </Show>
      </div>
      <TextAreaField label={t('projects.field.content')} value={content()} onValue={edit('content', setContent)} error={form.error('content')} rows={4} maxlength={4000} />
      <SelectField
        label={t('projects.field.lead')}
        value={lead()}
        onValue={edit('leadDepartmentId', setLead)}
        options={usable().map((d) => ({ value: d.id, label: d.name }))}
        placeholder={t('projects.field.chooseDepartment')}
        error={form.error('leadDepartmentId')}
        required
      />
      <Show when={usable().length > 1}>
        <fieldset class="co-departments">
          <legend>{t('projects.field.co')}</legend>
          <div class="check-grid">
            <For each={usable().filter((d) => d.id !== lead())}>
              {(d) => (
                <CheckField
                  label={d.name}
                  checked={co().includes(d.id)}
                  onValue={(on) => setCo(on ? [...co(), d.id] : co().filter((x) => x !== d.id))}
                />
              )}
            </For>
          </div>
        </fieldset>
      </Show>
      <div class="row-2">
        <MoneyField label={t('projects.field.planned')} value={planned()} onValue={edit('plannedInvestment', setPlanned)} error={form.error('plannedInvestment')} required />
        <TextField label={t('projects.field.completion')} type="date" value={completion()} onValue={edit('plannedCompletion', setCompletion)} error={form.error('plannedCompletion')} required />
      </div>
      <TextField label={t('projects.field.funding')} value={funding()} onValue={edit('fundingSource', setFunding)} error={form.error('fundingSource')} maxlength={200} required />
      <TextAreaField label={t('projects.field.outcome')} value={outcome()} onValue={edit('expectedOutcome', setOutcome)} error={form.error('expectedOutcome')} rows={3} maxlength={1000} />
      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={form.busy()}>
          {p ? t('common.save') : t('projects.create.submit')}
        </Button>
      </div>
    </form>
  );
}
