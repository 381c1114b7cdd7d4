import { createEffect, createMemo, createSignal, For, Show } from 'solid-js';
import { createStore, reconcile, unwrap } from 'solid-js/store';
import { CHECKS } from '../../../shared/gathering/schema.ts';
import { FormError } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { toast } from '../components/Toast.tsx';
import { createFormState } from '../forms.ts';
import { fmt, t } from '../i18n.ts';
import { checkLabel, checkResultLabel, type CheckKey, type CheckResult } from '../labels.ts';
import { saveChecks, type Checks } from './gathering.data.ts';
import './gathering.css';

const RESULTS: CheckResult[] = ['pass', 'fail', 'not_applicable', 'pending'];
const RESULT_CLASS: Record<CheckResult, string> = { pass: 'tag-ok', fail: 'tag-bad', not_applicable: 'tag-muted', pending: 'tag-warn' };

export const checksSummary = (checks: Checks) => ({
  done: CHECKS.filter((k) => checks[k].result !== 'pending').length,
  todo: CHECKS.filter((k) => checks[k].result === 'pending'),
  failed: CHECKS.filter((k) => checks[k].result === 'fail'),
});

/**
 * The seven screening checks local rules ask for (论证, 评估, 合法性审查, 财政承受能力, 环境影响, 用地, 公共安全), each
 * passed, failed or not applicable, with a note. The government office records them; everyone else reads them.
 */
export function ChecksForm(props: {
  congressId: string;
  proposalId: string;
  checks: Checks;
  editable: boolean;
  onSaved: (checks: Checks) => void;
  onDirty?: (dirty: boolean) => void;
}) {
  const [checks, setChecks] = createStore<Checks>(structuredClone(props.checks));
  const [saved, setSaved] = createSignal(JSON.stringify(props.checks));
  const dirty = createMemo(() => JSON.stringify(checks) !== saved());
  const form = createFormState();
  const summary = () => checksSummary(checks);
  createEffect(() => props.onDirty?.(dirty()));

  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    const value = structuredClone(unwrap(checks));
    const ok = await form.run(() => saveChecks(props.congressId, props.proposalId, value));
    if (ok) {
      setSaved(JSON.stringify(value));
      props.onSaved(value);
      toast(t('checks.saved'));
    }
  };
  const undo = () => setChecks(reconcile(JSON.parse(saved()) as Checks));

  return (
    <form onSubmit={save} novalidate class="checks-form">
      <p class="checks-summary" aria-live="polite">
        {t('checks.summary', { done: fmt.count(summary().done), total: CHECKS.length })}
        <Show when={summary().failed.length > 0}>
          <span class="tag tag-bad">{t('checks.failedCount', { n: summary().failed.length })}</span>
        </Show>
        <Show when={summary().done === CHECKS.length && summary().failed.length === 0}>
          <span class="tag tag-ok">{t('checks.allPassed')}</span>
        </Show>
      </p>
      <FormError error={form.formError()} />
      <ul class="check-rows">
        <For each={CHECKS}>
          {(k: CheckKey) => (
            <li class="check-row" classList={{ failed: checks[k].result === 'fail' }}>
              <Show
                when={props.editable}
                fallback={
                  <div class="check-read">
                    <div>
                      <p class="check-name">{checkLabel(k)}</p>
                      <Show when={checks[k].note}>
                        <p class="check-note">{checks[k].note}</p>
                      </Show>
                    </div>
                    <span class={`tag ${RESULT_CLASS[checks[k].result]}`}>{checkResultLabel(checks[k].result)}</span>
                  </div>
                }
              >
                <fieldset class="check-edit">
                  <legend class="check-name">{checkLabel(k)}</legend>
                  <p class="hint">{t(`check.${k}.hint`)}</p>
                  <div class="seg-radios">
                    <For each={RESULTS}>
                      {(r) => (
                        <label class={`seg-opt seg-${r}`} classList={{ on: checks[k].result === r }}>
                          <input type="radio" name={`check-${k}`} value={r} checked={checks[k].result === r} onChange={() => setChecks(k, 'result', r)} />
                          <span>{checkResultLabel(r)}</span>
                        </label>
                      )}
                    </For>
                  </div>
                  <label class="check-note-field">
                    <span class="sr-only">{t('checks.noteFor', { check: checkLabel(k) })}</span>
                    <input
                      type="text"
                      maxlength={500}
                      placeholder={checks[k].result === 'fail' ? t('checks.notePlaceholderFail') : t('checks.notePlaceholder')}
                      value={checks[k].note}
                      onInput={(e) => setChecks(k, 'note', e.currentTarget.value)}
                    />
                  </label>
                </fieldset>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={props.editable}>
        <div class="form-actions">
          <Show when={dirty()} fallback={<span class="muted small">{t('checks.noChanges')}</span>}>
            <span class="muted small">{t('checks.unsaved')}</span>
          </Show>
          <Button onClick={undo} disabled={!dirty() || form.busy()}>
            {t('settings.reset')}
          </Button>
          <Button type="submit" variant="primary" busy={form.busy()} disabled={!dirty()}>
            {t('checks.save')}
          </Button>
        </div>
      </Show>
    </form>
  );
}
