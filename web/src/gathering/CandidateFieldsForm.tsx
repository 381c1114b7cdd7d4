import { createSignal, For, Show, type JSX } from 'solid-js';
import { fieldMessage } from '../../../shared/errors.ts';
import { CandidateFields } from '../../../shared/gathering/schema.ts';
import type { Department } from '../../../shared/departments/schema.ts';
import { Alert, FormError } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { CheckField, SelectField, TextAreaField, TextField } from '../components/Field.tsx';
import { MoneyField } from '../components/MoneyField.tsx';
import { createFormState } from '../forms.ts';
import { lang, t } from '../i18n.ts';

export type CandidateDraft = {
  title: string;
  content: string;
  leadDepartmentId: string;
  coDepartmentIds: string[];
  plannedInvestment: string;
  fundingSource: string;
  plannedCompletion: string;
  expectedOutcome: string;
};

const KEYS = ['title', 'content', 'leadDepartmentId', 'coDepartmentIds', 'plannedInvestment', 'fundingSource', 'plannedCompletion', 'expectedOutcome'] as const;

/**
 * A candidate's formal fields (as printed on the ballot): name, content, lead and co-operating departments (from the
 * congress's active departments), planned investment in 万元, funding source, completion date and expected outcome.
 * Used to accept a proposal (with a screening note) and to correct a candidate before its list is frozen.
 */
export function CandidateFieldsForm(props: {
  initial: CandidateDraft;
  departments: Department[];
  /** Accepting a proposal also records a note; the server then names fields `candidate.<field>`. */
  withNote?: boolean;
  intro?: JSX.Element;
  submitLabel: string;
  onSubmit: (fields: CandidateFields, note: string) => Promise<unknown>;
  onCancel: () => void;
  onDone: () => void;
}) {
  const form = createFormState();
  const [title, setTitle] = createSignal(props.initial.title);
  const [content, setContent] = createSignal(props.initial.content);
  const [lead, setLead] = createSignal(props.initial.leadDepartmentId);
  const [co, setCo] = createSignal<string[]>(props.initial.coDepartmentIds);
  const [investment, setInvestment] = createSignal(props.initial.plannedInvestment);
  const [funding, setFunding] = createSignal(props.initial.fundingSource);
  const [completion, setCompletion] = createSignal(props.initial.plannedCompletion);
  const [outcome, setOutcome] = createSignal(props.initial.expectedOutcome);
  const [note, setNote] = createSignal('');

  const edit = (path: string, set: (v: string) => void) => (v: string) => {
    set(v);
    form.clearError(path);
    form.clearError(`candidate.${path}`);
  };
  const active = () => props.departments.filter((d) => d.active || d.id === lead() || co().includes(d.id));
  const err = (k: string) => form.error(k) ?? form.error(`candidate.${k}`);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const values = {
      title: title(),
      content: content(),
      leadDepartmentId: lead(),
      coDepartmentIds: co().filter((d) => d !== lead()),
      plannedInvestment: investment(),
      fundingSource: funding(),
      plannedCompletion: completion(),
      expectedOutcome: outcome(),
    };
    const input = form.check(CandidateFields, values);
    if (!input) {
      // An empty box is "required", not "wrong format"; no lead department is asked for in words.
      const errors = Object.fromEntries(
        Object.entries(form.errors()).map(([k, m]) => [k, (values as Record<string, unknown>)[k] === '' ? fieldMessage('required', lang()) : m]),
      );
      if (errors.leadDepartmentId) errors.leadDepartmentId = t('candidateForm.chooseLead');
      form.setErrors(errors);
      return;
    }
    const fields = [...KEYS, ...KEYS.map((k) => `candidate.${k}`), 'note'];
    const ok = await form.run(() => props.onSubmit(input, note().trim()), fields);
    if (ok) props.onDone();
  };

  return (
    <form onSubmit={submit} novalidate class="candidate-form">
      {props.intro}
      <Show when={active().length === 0}>
        <Alert kind="warning" title={t('candidateForm.noDepartments')} />
      </Show>
      <FormError error={form.formError()} />
      <TextField label={t('candidate.field.title')} hint={t('candidateForm.titleHint')} value={title()} onValue={edit('title', setTitle)} error={err('title')} maxlength={80} required />
      <TextAreaField label={t('candidate.field.content')} hint={t('candidateForm.contentHint')} value={content()} onValue={edit('content', setContent)} error={err('content')} rows={4} maxlength={2000} required />
      <div class="row-2">
        <SelectField
          label={t('candidate.field.lead')}
          value={lead()}
          onValue={(v) => {
            edit('leadDepartmentId', setLead)(v);
            setCo(co().filter((d) => d !== v));
          }}
          options={active().map((d) => ({ value: d.id, label: d.name }))}
          placeholder={t('candidateForm.chooseLead')}
          error={err('leadDepartmentId')}
          required
        />
        <MoneyField label={t('candidate.field.investment')} hint={t('candidateForm.investmentHint')} value={investment()} onValue={edit('plannedInvestment', setInvestment)} error={err('plannedInvestment')} required />
      </div>
      <Show when={active().some((d) => d.id !== lead())}>
        <fieldset class="field co-departments">
          <legend>{t('candidate.field.co')}</legend>
          <p class="hint">{t('candidateForm.coHint')}</p>
          <div class="check-grid">
            <For each={active().filter((d) => d.id !== lead())}>
              {(d) => (
                <CheckField
                  label={d.name}
                  checked={co().includes(d.id)}
                  onValue={(v) => setCo(v ? [...co(), d.id] : co().filter((x) => x !== d.id))}
                />
              )}
            </For>
          </div>
          <Show when={err('coDepartmentIds')}>
            <p class="field-error">{err('coDepartmentIds')}</p>
          </Show>
        </fieldset>
      </Show>
      <div class="row-2">
        <TextField label={t('candidate.field.funding')} hint={t('candidateForm.fundingHint')} value={funding()} onValue={edit('fundingSource', setFunding)} error={err('fundingSource')} maxlength={200} required />
        <TextField label={t('candidate.field.completion')} type="date" value={completion()} onValue={edit('plannedCompletion', setCompletion)} error={err('plannedCompletion')} required />
      </div>
      <TextAreaField label={t('candidate.field.outcome')} hint={t('candidateForm.outcomeHint')} value={outcome()} onValue={edit('expectedOutcome', setOutcome)} error={err('expectedOutcome')} rows={3} maxlength={1000} required />
      <Show when={props.withNote}>
        <TextAreaField label={t('candidateForm.note')} hint={t('candidateForm.noteHint')} value={note()} onValue={setNote} error={form.error('note')} rows={2} maxlength={500} />
      </Show>
      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={form.busy()}>
          {props.submitLabel}
        </Button>
      </div>
    </form>
  );
}
