import { createSignal, For, Show } from 'solid-js';
import { ProgressUpdate } from '../../../shared/projects/schema.ts';
import { FormError } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { Field, TextAreaField } from '../components/Field.tsx';
import { MoneyField } from '../components/MoneyField.tsx';
import { toast } from '../components/Toast.tsx';
import { createFormState } from '../forms.ts';
import { fmt, t } from '../i18n.ts';
import { pct, wan } from './parts.tsx';
import { postProgress, type ProjectDetail } from './projects.data.ts';

/**
 * 进展报告: the department's own report — its percentage (shown beside the one derived from milestones), money spent
 * so far, and a summary that the public progress page shows — and the history of earlier reports.
 */
export function ProgressSection(props: { congressId: string; project: ProjectDetail; replace: (p: ProjectDetail) => void }) {
  const p = () => props.project;
  return (
    <section class="card pj-section" aria-labelledby="pj-progress">
      <h2 id="pj-progress">{t('projects.updates.title')}</h2>
      <Show when={p().can.report && p().status === 'active'}>
        <ProgressForm congressId={props.congressId} project={p()} onDone={props.replace} />
      </Show>
      <Show when={p().updates.length > 0} fallback={<p class="muted pj-none">{t('projects.updates.empty')}</p>}>
        <h3 class="sub pj-sub">{t('projects.updates.history')}</h3>
        <ol class="pj-updates">
          <For each={p().updates}>
            {(u) => (
              <li>
                <p class="pj-update-head">
                  <span class="num">{fmt.dateTime(u.at)}</span>
                  <span class="muted">{u.by}</span>
                  <Show when={u.progressPercent !== null}>
                    <span class="tag tag-info">{t('projects.updates.percent', { n: pct(u.progressPercent) })}</span>
                  </Show>
                  <Show when={u.spentInvestment !== null}>
                    <span class="tag">{t('projects.updates.spent', { amount: wan(u.spentInvestment) })}</span>
                  </Show>
                </p>
                <p class="pj-pre">{u.summary}</p>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}

function ProgressForm(props: { congressId: string; project: ProjectDetail; onDone: (p: ProjectDetail) => void }) {
  const form = createFormState();
  const [percent, setPercent] = createSignal(props.project.reportedProgress ?? props.project.derivedProgress ?? 0);
  const [spent, setSpent] = createSignal(props.project.spentInvestment === '0.00' ? '' : props.project.spentInvestment);
  const [summary, setSummary] = createSignal('');
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const values = { progressPercent: percent(), spentInvestment: spent().trim() || undefined, summary: summary() };
    const input = form.check(ProgressUpdate, values);
    if (!input) return;
    const done = await form.run(() => postProgress(props.congressId, props.project.id, input), Object.keys(values));
    if (done) {
      setSummary('');
      toast(t('projects.updates.done'));
      props.onDone(done.value);
    }
  };
  const clamp = (v: string) => Math.max(0, Math.min(100, Math.round(Number(v) || 0)));
  return (
    <form class="pj-progress-form" onSubmit={submit} novalidate>
      <FormError error={form.formError()} />
      <div class="pj-progress-inputs">
        <Field label={t('projects.updates.field.percent')} hint={t('projects.updates.field.percentHint', { n: pct(props.project.derivedProgress) })} error={form.error('progressPercent')}>
          {(c) => (
            <div class="pj-percent">
              <input
                type="range"
                min={0}
                max={100}
                step={5}
                value={percent()}
                aria-label={t('projects.updates.field.percent')}
                onInput={(e) => setPercent(clamp(e.currentTarget.value))}
              />
              <span class="with-suffix">
                <input
                  id={c.id}
                  type="number"
                  inputmode="numeric"
                  min={0}
                  max={100}
                  class="num-input pj-percent-input"
                  aria-describedby={c.describedBy}
                  value={percent()}
                  onInput={(e) => setPercent(clamp(e.currentTarget.value))}
                />
                <span class="suffix">%</span>
              </span>
            </div>
          )}
        </Field>
        <MoneyField label={t('projects.updates.field.spent')} hint={t('projects.updates.field.spentHint', { planned: wan(props.project.plannedInvestment) })} value={spent()} onValue={setSpent} error={form.error('spentInvestment')} />
      </div>
      <TextAreaField
        label={t('projects.updates.field.summary')}
        hint={t('projects.updates.field.summaryHint')}
        value={summary()}
        onValue={(v) => {
          setSummary(v);
          form.clearError('summary');
        }}
        error={form.error('summary')}
        rows={4}
        maxlength={2000}
        required
      />
      <div class="form-actions start">
        <Button type="submit" variant="primary" busy={form.busy()}>
          {t('projects.updates.submit')}
        </Button>
      </div>
    </form>
  );
}
