import { createSignal, For, Index, Show } from 'solid-js';
import { Plan } from '../../../shared/projects/schema.ts';
import { FormError } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { TextAreaField, TextField } from '../components/Field.tsx';
import { toast } from '../components/Toast.tsx';
import { createFormState } from '../forms.ts';
import { fmt, t } from '../i18n.ts';
import { savePlan, type ProjectDetail } from './projects.data.ts';

/**
 * 实施方案: targets, deadline, funding arrangement and support measures, with annual targets for a project that runs
 * over several years. The responsible department is the project's lead department.
 */
export function PlanSection(props: { congressId: string; project: ProjectDetail; replace: (p: ProjectDetail) => void }) {
  const p = () => props.project;
  const [editing, setEditing] = createSignal(false);
  const editable = () => p().can.edit && p().status !== 'terminated';
  return (
    <section class="card pj-section" aria-labelledby="pj-plan">
      <div class="section-head">
        <h2 id="pj-plan">{t('projects.plan.title')}</h2>
        <Show when={editable() && p().plan && !editing()}>
          <Button onClick={() => setEditing(true)}>{t('projects.plan.edit')}</Button>
        </Show>
      </div>
      <Show
        when={!editing()}
        fallback={
          <PlanForm
            congressId={props.congressId}
            project={p()}
            onCancel={() => setEditing(false)}
            onDone={(next) => {
              setEditing(false);
              props.replace(next);
              toast(t('projects.plan.saved'));
            }}
          />
        }
      >
        <Show
          when={p().plan}
          fallback={
            <EmptyState
              title={t('projects.plan.empty')}
              action={
                <Show when={editable()}>
                  <Button variant="primary" onClick={() => setEditing(true)}>
                    {t('projects.plan.write')}
                  </Button>
                </Show>
              }
            >
              {editable() ? t('projects.plan.emptyNext') : t('projects.plan.emptyWait')}
            </EmptyState>
          }
        >
          {(plan) => (
            <dl class="facts pj-plan-facts">
              <div>
                <dt>{t('projects.plan.responsible')}</dt>
                <dd>{p().leadDepartment.name}</dd>
              </div>
              <div>
                <dt>{t('projects.plan.targets')}</dt>
                <dd class="pj-pre">{plan().targets}</dd>
              </div>
              <div>
                <dt>{t('projects.plan.deadline')}</dt>
                <dd class="num">{fmt.date(plan().deadline)}</dd>
              </div>
              <div>
                <dt>{t('projects.plan.funding')}</dt>
                <dd class="pj-pre">{plan().fundingArrangement}</dd>
              </div>
              <Show when={plan().supportMeasures}>
                <div>
                  <dt>{t('projects.plan.measures')}</dt>
                  <dd class="pj-pre">{plan().supportMeasures}</dd>
                </div>
              </Show>
              <Show when={plan().annualTargets.length > 0}>
                <div>
                  <dt>{t('projects.plan.annual')}</dt>
                  <dd>
                    <ul class="pj-annual">
                      <For each={plan().annualTargets}>
                        {(a) => (
                          <li>
                            <strong class="num">{t('projects.yearValue', { year: a.year })}</strong>
                            <span class="pj-pre">{a.target}</span>
                          </li>
                        )}
                      </For>
                    </ul>
                  </dd>
                </div>
              </Show>
              <div>
                <dt>{t('projects.plan.updatedAt')}</dt>
                <dd class="muted num">{fmt.dateTime(plan().updatedAt)}</dd>
              </div>
            </dl>
          )}
        </Show>
      </Show>
    </section>
  );
}

function PlanForm(props: { congressId: string; project: ProjectDetail; onCancel: () => void; onDone: (p: ProjectDetail) => void }) {
  const form = createFormState();
  const plan = props.project.plan;
  const [targets, setTargets] = createSignal(plan?.targets ?? '');
  const [deadline, setDeadline] = createSignal(plan?.deadline ?? props.project.plannedCompletion);
  const [funding, setFunding] = createSignal(plan?.fundingArrangement ?? '');
  const [measures, setMeasures] = createSignal(plan?.supportMeasures ?? '');
  const [annual, setAnnual] = createSignal<{ year: string; target: string }[]>((plan?.annualTargets ?? []).map((a) => ({ year: String(a.year), target: a.target })));
  const edit = (path: string, set: (v: string) => void) => (v: string) => {
    set(v);
    form.clearError(path);
  };
  const setRow = (i: number, patch: Partial<{ year: string; target: string }>) => setAnnual(annual().map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const addRow = () => {
    const last = annual().at(-1);
    setAnnual([...annual(), { year: String(last ? Number(last.year) + 1 : props.project.year), target: '' }]);
  };

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const values = {
      targets: targets(),
      deadline: deadline(),
      fundingArrangement: funding(),
      supportMeasures: measures(),
      annualTargets: annual().map((a) => ({ year: Number(a.year), target: a.target })),
    };
    const input = form.check(Plan, values);
    if (!input) return;
    const fields = ['targets', 'deadline', 'fundingArrangement', 'supportMeasures', ...annual().flatMap((_, i) => [`annualTargets.${i}.year`, `annualTargets.${i}.target`])];
    const done = await form.run(() => savePlan(props.congressId, props.project.id, input), fields);
    if (done) props.onDone(done.value);
  };

  return (
    <form onSubmit={submit} novalidate class="pj-plan-form">
      <FormError error={form.formError()} />
      <TextAreaField label={t('projects.plan.targets')} hint={t('projects.plan.targetsHint')} value={targets()} onValue={edit('targets', setTargets)} error={form.error('targets')} rows={4} maxlength={4000} required />
      <TextField label={t('projects.plan.deadline')} type="date" value={deadline()} onValue={edit('deadline', setDeadline)} error={form.error('deadline')} fieldClass="pj-date-field" required />
      <TextAreaField label={t('projects.plan.funding')} hint={t('projects.plan.fundingHint')} value={funding()} onValue={edit('fundingArrangement', setFunding)} error={form.error('fundingArrangement')} rows={3} maxlength={2000} required />
      <TextAreaField label={t('projects.plan.measures')} value={measures()} onValue={edit('supportMeasures', setMeasures)} error={form.error('supportMeasures')} rows={3} maxlength={2000} />
      <fieldset class="pj-annual-edit">
        <legend>{t('projects.plan.annual')}</legend>
        <p class="hint">{t('projects.plan.annualHint')}</p>
        <Index each={annual()}>
          {(row, i) => (
            <div class="pj-annual-row">
              <TextField
                label={t('projects.plan.annualYear')}
                type="number"
                inputmode="numeric"
                value={row().year}
                onValue={(v) => setRow(i, { year: v })}
                error={form.error(`annualTargets.${i}.year`)}
                fieldClass="pj-annual-year"
              />
              <TextField
                label={t('projects.plan.annualTarget')}
                value={row().target}
                onValue={(v) => setRow(i, { target: v })}
                error={form.error(`annualTargets.${i}.target`)}
                maxlength={1000}
                fieldClass="pj-annual-target"
              />
              <Button small variant="ghost" class="pj-annual-remove" onClick={() => setAnnual(annual().filter((_, j) => j !== i))} aria-label={t('projects.plan.annualRemoveAria', { year: row().year })}>
                {t('projects.plan.annualRemove')}
              </Button>
            </div>
          )}
        </Index>
        <Show when={annual().length < 10}>
          <Button small onClick={addRow}>
            {t('projects.plan.annualAdd')}
          </Button>
        </Show>
      </fieldset>
      <div class="form-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={form.busy()}>
          {t('projects.plan.save')}
        </Button>
      </div>
    </form>
  );
}
