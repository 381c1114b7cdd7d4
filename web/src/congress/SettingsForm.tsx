import { createMemo, createSignal, createUniqueId, For, Show, type JSX } from 'solid-js';
import { createStore, produce, reconcile, unwrap } from 'solid-js/store';
import type { Congress } from '../../../shared/congress/schema.ts';
import { CongressSettings, quorumCount, type Fraction } from '../../../shared/congress/settings.ts';
import { PROJECT_MARK_MODES as MARK_MODES, methodOf } from '../../../shared/ballot/methods/index.ts';
import { Audience } from '../../../shared/evaluation/schema.ts';
import * as C from '../../../shared/congress/contract.ts';
import { call } from '../api.ts';
import { FormError } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { CheckField, Field, SelectField, TextField } from '../components/Field.tsx';
import { toast } from '../components/Toast.tsx';
import { createFormState } from '../forms.ts';
import { fmt, t, type MessageKey } from '../i18n.ts';
import './congress.css';

type Path = readonly string[];
type Obj = Record<string, unknown>;
const EXAMPLE_SEATED = 100;

/** The smallest whole number of votes above (strict) or at (not strict) base × fraction — design §10. */
export function thresholdCount(base: number, numerator: number, denominator: number, strict: boolean): number {
  const x = (base * numerator) / denominator;
  return strict ? Math.floor(x) + 1 : Math.ceil(x);
}

const GRADING_DEFAULTS = {
  share: { mode: 'share', base: 'answered', satisfied: { numerator: 1, denominator: 2 }, satisfiedOrBasic: { numerator: 1, denominator: 2 } },
  rate: { mode: 'rate', satisfiedPercent: 80, basicPercent: 60 },
} as const;

/**
 * Every per-congress rule later stages read (quorum, vote threshold, cards, surplus, sign-offs, evaluation grading
 * and weights), each with a sentence on what it does and a worked example. Saved whole (PUT settings).
 */
export function SettingsForm(props: { congress: Congress; editable: boolean; onSaved: (c: Congress) => void }) {
  const [form, setForm] = createStore<CongressSettings>(structuredClone(props.congress.settings));
  const state = createFormState();
  const [saved, setSaved] = createSignal(JSON.stringify(props.congress.settings));
  const dirty = createMemo(() => JSON.stringify(form) !== saved());
  const disabled = () => !props.editable;

  const get = (path: Path): unknown => path.reduce<unknown>((o, k) => (o as Obj | undefined)?.[k], form);
  const set = (path: Path, value: unknown) => {
    clearError(path);
    setForm(
      produce((draft) => {
        let o = draft as unknown as Obj;
        for (const k of path.slice(0, -1)) o = o[k] as Obj;
        o[path[path.length - 1]] = value;
      }),
    );
  };
  /** Editing a field takes its message away (for a fraction, the message of either box and of the whole). */
  const clearError = (path: Path) => {
    const key = path.join('.');
    const last = path[path.length - 1];
    const parent = path.slice(0, -1).join('.');
    const related = last === 'numerator' || last === 'denominator' ? [key, parent, `${parent}.numerator`, `${parent}.denominator`] : [key];
    const current = state.errors();
    if (related.some((k) => k in current)) state.setErrors(Object.fromEntries(Object.entries(current).filter(([k]) => !related.includes(k))));
  };
  const err = (path: Path) => state.error(path.join('.'));

  const Num = (p: { path: Path; label: MessageKey; hint?: MessageKey; min?: number; max?: number; step?: number; suffix?: string }) => (
    <Field label={t(p.label)} hint={p.hint ? t(p.hint) : undefined} error={err(p.path)}>
      {(c) => (
        <div class="with-suffix">
          <input
            type="number"
            inputmode="decimal"
            id={c.id}
            aria-describedby={c.describedBy}
            aria-invalid={c.invalid || undefined}
            class="num-input"
            min={p.min}
            max={p.max}
            step={p.step ?? 1}
            disabled={disabled()}
            value={Number.isNaN(get(p.path) as number) ? '' : String(get(p.path))}
            onInput={(e) => set(p.path, e.currentTarget.value === '' ? NaN : e.currentTarget.valueAsNumber)}
          />
          <Show when={p.suffix}>
            <span class="suffix">{p.suffix}</span>
          </Show>
        </div>
      )}
    </Field>
  );

  /** A fraction as two small boxes: 2 / 3. */
  const Frac = (p: { path: Path; label: MessageKey; hint?: MessageKey; example?: () => JSX.Element; children?: JSX.Element }) => {
    const error = () => err([...p.path, 'numerator']) ?? err([...p.path, 'denominator']) ?? err(p.path);
    return (
      <fieldset class="field fraction" classList={{ 'has-error': !!error() }}>
        <legend>{t(p.label)}</legend>
        <div class="fraction-inputs">
          <input
            type="number"
            inputmode="numeric"
            class="num-input"
            min="1"
            aria-label={t('settings.numerator')}
            disabled={disabled()}
            value={Number.isNaN(get([...p.path, 'numerator']) as number) ? '' : String(get([...p.path, 'numerator']))}
            onInput={(e) => set([...p.path, 'numerator'], e.currentTarget.value === '' ? NaN : e.currentTarget.valueAsNumber)}
          />
          <span class="slash" aria-hidden="true">
            /
          </span>
          <input
            type="number"
            inputmode="numeric"
            class="num-input"
            min="1"
            aria-label={t('settings.denominator')}
            disabled={disabled()}
            value={Number.isNaN(get([...p.path, 'denominator']) as number) ? '' : String(get([...p.path, 'denominator']))}
            onInput={(e) => set([...p.path, 'denominator'], e.currentTarget.value === '' ? NaN : e.currentTarget.valueAsNumber)}
          />
        </div>
        <Show when={p.hint}>
          <p class="hint">{t(p.hint!)}</p>
        </Show>
        <Show when={p.example && !error()}>
          <p class="example">{p.example!()}</p>
        </Show>
        <Show when={error()}>
          <p class="field-error">{error()}</p>
        </Show>
        {p.children}
      </fieldset>
    );
  };

  const Choice = (p: { path: Path; label: MessageKey; hint?: MessageKey; options: { value: string; label: MessageKey }[] }) => (
    <SelectField
      label={t(p.label)}
      hint={p.hint ? t(p.hint) : undefined}
      value={String(get(p.path))}
      onValue={(v) => set(p.path, v)}
      options={p.options.map((o) => ({ value: o.value, label: t(o.label) }))}
      error={err(p.path)}
      disabled={disabled()}
    />
  );

  const valid = (f: Fraction) => Number.isFinite(f.numerator) && Number.isFinite(f.denominator) && f.denominator > 0;
  const quorumExample = () =>
    valid(form.quorum) ? t('settings.quorum.example', { seated: EXAMPLE_SEATED, n: quorumCount(EXAMPLE_SEATED, form.quorum), fraction: fmt.fraction(form.quorum) }) : '';
  const thresholdExample = () => {
    const th = form.vote.threshold;
    if (!valid(th)) return '';
    const base = t(`settings.threshold.base.${th.base}`);
    return t('settings.threshold.example', { base, count: EXAMPLE_SEATED, n: thresholdCount(EXAMPLE_SEATED, th.numerator, th.denominator, th.strict) });
  };

  const setMode = (mode: 'share' | 'rate') => {
    if (form.evaluation.grading.mode !== mode) set(['evaluation', 'grading'], structuredClone(GRADING_DEFAULTS[mode]));
  };

  const reset = () => {
    setForm(reconcile(structuredClone(props.congress.settings)));
    state.reset();
  };

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const input = state.check(CongressSettings, structuredClone(unwrap(form)));
    if (!input) {
      state.setFormError({ message: t('settings.invalid'), extra: [] });
      return;
    }
    const done = await state.run(() => call(C.replaceSettings, { params: { congressId: props.congress.id }, body: input }), ALL_PATHS);
    if (done) {
      setSaved(JSON.stringify(done.value.settings));
      setForm(reconcile(structuredClone(done.value.settings)));
      props.onSaved(done.value);
      toast(t('settings.saved'));
    }
  };

  return (
    <form onSubmit={submit} novalidate class="settings-form">
      <Show when={!props.editable}>
        <p class="muted">{t('settings.readOnly')}</p>
      </Show>
      <FormError error={state.formError()} />

      <fieldset class="settings-group">
        <legend>{t('settings.group.vote')}</legend>
        <div class="grid-2">
          <Frac path={['quorum']} label="settings.quorum" hint="settings.quorum.hint" example={quorumExample} />
          <Choice
            path={['vote', 'markMode']}
            label="settings.markMode"
            hint="settings.markMode.hint"
            options={MARK_MODES.map((m) => ({ value: m, label: methodOf(m).words.setting }))}
          />
          <Choice
            path={['vote', 'threshold', 'base']}
            label="settings.threshold.base"
            hint="settings.threshold.base.hint"
            options={[
              { value: 'seated', label: 'settings.threshold.base.seated' },
              { value: 'present', label: 'settings.threshold.base.present' },
              { value: 'valid', label: 'settings.threshold.base.valid' },
            ]}
          />
          <Frac path={['vote', 'threshold']} label="settings.threshold.fraction" hint="settings.threshold.fraction.hint" example={thresholdExample}>
            <CheckField
              label={t('settings.threshold.strict')}
              hint={t('settings.threshold.strict.hint')}
              checked={form.vote.threshold.strict}
              onValue={(v) => set(['vote', 'threshold', 'strict'], v)}
              disabled={disabled()}
            />
          </Frac>
          <Choice
            path={['vote', 'unfilledSeats']}
            label="settings.unfilledSeats"
            hint="settings.unfilledSeats.hint"
            options={[
              { value: 'leave_empty', label: 'settings.unfilledSeats.leave_empty' },
              { value: 'further_vote', label: 'settings.unfilledSeats.further_vote' },
            ]}
          />
          <Num path={['vote', 'spareCards']} label="settings.spareCards" hint="settings.spareCards.hint" min={0} max={500} suffix={t('unit.cards')} />
        </div>
      </fieldset>

      <fieldset class="settings-group">
        <legend>{t('settings.group.gathering')}</legend>
        <NegativeListField
          words={form.gathering.negativeList}
          disabled={disabled()}
          error={Object.entries(state.errors()).find(([k]) => k === 'gathering.negativeList' || k.startsWith('gathering.negativeList.'))?.[1]}
          onChange={(words) => {
            const current = state.errors();
            if (Object.keys(current).some((k) => k.startsWith('gathering.negativeList')))
              state.setErrors(Object.fromEntries(Object.entries(current).filter(([k]) => !k.startsWith('gathering.negativeList'))));
            set(['gathering', 'negativeList'], words);
          }}
        />
      </fieldset>

      <fieldset class="settings-group">
        <legend>{t('settings.group.candidatesTally')}</legend>
        <div class="grid-2">
          <Num path={['candidates', 'minSurplus']} label="settings.minSurplus" hint="settings.minSurplus.hint" min={0} max={100} suffix={t('unit.items')} />
          <Num path={['tally', 'signoffs']} label="settings.signoffs" hint="settings.signoffs.hint" min={1} max={20} suffix={t('unit.people')} />
        </div>
      </fieldset>

      <fieldset class="settings-group">
        <legend>{t('settings.group.evaluation')}</legend>
        <div class="grid-2">
          <Num path={['evaluation', 'kMin']} label="settings.kMin" hint="settings.kMin.hint" min={1} max={1000} suffix={t('unit.responses')} />
          <SelectField
            label={t('settings.grading.mode')}
            hint={t('settings.grading.mode.hint')}
            value={form.evaluation.grading.mode}
            onValue={(v) => setMode(v as 'share' | 'rate')}
            options={[
              { value: 'share', label: t('settings.grading.mode.share') },
              { value: 'rate', label: t('settings.grading.mode.rate') },
            ]}
            disabled={disabled()}
          />
          <Show when={form.evaluation.grading.mode === 'share'}>
            <Choice
              path={['evaluation', 'grading', 'base']}
              label="settings.grading.base"
              options={[
                { value: 'answered', label: 'settings.grading.base.answered' },
                { value: 'invited', label: 'settings.grading.base.invited' },
              ]}
            />
            <Frac path={['evaluation', 'grading', 'satisfied']} label="settings.grading.satisfied" hint="settings.grading.satisfied.hint" />
            <Frac path={['evaluation', 'grading', 'satisfiedOrBasic']} label="settings.grading.satisfiedOrBasic" hint="settings.grading.satisfiedOrBasic.hint" />
          </Show>
          <Show when={form.evaluation.grading.mode === 'rate'}>
            <Num path={['evaluation', 'grading', 'satisfiedPercent']} label="settings.grading.satisfiedPercent" min={0} max={100} step={0.1} suffix="%" />
            <Num path={['evaluation', 'grading', 'basicPercent']} label="settings.grading.basicPercent" min={0} max={100} step={0.1} suffix="%" />
          </Show>
        </div>
        <h3 class="sub">{t('settings.optionWeights')}</h3>
        <p class="hint">{t('settings.optionWeights.hint')}</p>
        <div class="grid-3">
          <For each={['satisfied', 'basic', 'dissatisfied'] as const}>
            {(k) => <Num path={['evaluation', 'optionWeights', k]} label={`settings.option.${k}`} min={0} max={100} step={0.1} suffix={t('unit.points')} />}
          </For>
        </div>
        <h3 class="sub">{t('settings.audienceWeights')}</h3>
        <p class="hint">{t('settings.audienceWeights.hint', { total: fmt.count(audienceTotal(form)) })}</p>
        <div class="grid-3">
          <For each={Audience.options}>
            {(k) => <Num path={['evaluation', 'audienceWeights', k]} label={`settings.audience.${k}`} min={0} max={100} step={0.1} />}
          </For>
        </div>
      </fieldset>

      <fieldset class="settings-group">
        <legend>{t('notify.settings.group')}</legend>
        <div class="grid-2">
          <Num path={['notify', 'smsDailyCap']} label="notify.settings.smsDailyCap" hint="notify.settings.smsDailyCap.hint" min={0} max={1_000_000} suffix={t('notify.settings.unit.messages')} />
          <Num path={['notify', 'perPersonDailyCap']} label="notify.settings.perPersonDailyCap" hint="notify.settings.perPersonDailyCap.hint" min={1} max={100} suffix={t('notify.settings.unit.messages')} />
          <Num path={['notify', 'digestHour']} label="notify.settings.digestHour" hint="notify.settings.digestHour.hint" min={0} max={23} suffix={t('notify.settings.unit.hour')} />
          <TextField
            label={t('notify.settings.officeEmail')}
            hint={t('notify.settings.officeEmail.hint')}
            inputmode="email"
            autocomplete="off"
            disabled={disabled()}
            value={form.notify.officeEmail}
            onValue={(v) => set(['notify', 'officeEmail'], v)}
            error={err(['notify', 'officeEmail'])}
          />
        </div>
      </fieldset>

      <Show when={props.editable}>
        <div class="form-actions sticky-actions">
          <Show when={dirty()} fallback={<span class="muted small">{t('settings.noChanges')}</span>}>
            <span class="muted small">{t('settings.unsaved')}</span>
          </Show>
          <Button onClick={reset} disabled={!dirty() || state.busy()}>
            {t('settings.reset')}
          </Button>
          <Button type="submit" variant="primary" busy={state.busy()} disabled={!dirty()}>
            {t('settings.save')}
          </Button>
        </div>
      </Show>
    </form>
  );
}

/**
 * 负面清单: words that flag a proposal (e.g. 办公楼 — office buildings); a flagged proposal cannot be accepted as a
 * candidate. Shown as removable words with a box to add one (Enter or the button).
 */
function NegativeListField(props: { words: string[]; disabled: boolean; error?: string; onChange: (words: string[]) => void }) {
  const [word, setWord] = createSignal('');
  const [problem, setProblem] = createSignal('');
  const id = createUniqueId();
  const add = () => {
    const w = word().trim();
    if (!w) return;
    if (w.length > 40) return setProblem(t('settings.negativeList.tooLong'));
    if (props.words.some((x) => x.toLowerCase() === w.toLowerCase())) return setProblem(t('settings.negativeList.duplicate', { word: w }));
    if (props.words.length >= 100) return setProblem(t('settings.negativeList.tooMany'));
    props.onChange([...props.words, w]);
    setWord('');
    setProblem('');
  };
  const error = () => problem() || props.error;
  return (
    <div class="field negative-list" classList={{ 'has-error': !!error() }}>
      <div class="label-row">
        <label for={id}>{t('settings.negativeList')}</label>
      </div>
      <p class="hint">{t('settings.negativeList.hint')}</p>
      <Show when={props.words.length > 0} fallback={<p class="muted small">{t('settings.negativeList.empty')}</p>}>
        <ul class="word-chips" aria-label={t('settings.negativeList')}>
          <For each={props.words}>
            {(w) => (
              <li class="word-chip">
                <span>{w}</span>
                <Show when={!props.disabled}>
                  <button type="button" class="chip-remove" onClick={() => props.onChange(props.words.filter((x) => x !== w))} aria-label={t('settings.negativeList.remove', { word: w })}>
                    <span aria-hidden="true">×</span>
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={!props.disabled}>
        <div class="add-word">
          <input
            id={id}
            type="text"
            maxlength={40}
            value={word()}
            placeholder={t('settings.negativeList.placeholder')}
            aria-invalid={!!error() || undefined}
            aria-describedby={error() ? `${id}-err` : undefined}
            onInput={(e) => {
              setWord(e.currentTarget.value);
              setProblem('');
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
          <Button onClick={add} disabled={!word().trim()}>
            {t('settings.negativeList.add')}
          </Button>
        </div>
      </Show>
      <Show when={error()}>
        <p class="field-error" id={`${id}-err`}>
          {error()}
        </p>
      </Show>
    </div>
  );
}

const audienceTotal = (s: CongressSettings) => {
  const w = s.evaluation.audienceWeights;
  return Audience.options.map((a) => w[a]).reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
};

/** Every settings path a server detail may name (so its message lands beside the field). */
const ALL_PATHS = [
  'quorum',
  'quorum.numerator',
  'quorum.denominator',
  'vote.markMode',
  'vote.threshold',
  'vote.threshold.base',
  'vote.threshold.numerator',
  'vote.threshold.denominator',
  'vote.spareCards',
  'vote.unfilledSeats',
  'gathering.negativeList',
  ...Array.from({ length: 100 }, (_, i) => `gathering.negativeList.${i}`),
  'candidates.minSurplus',
  'tally.signoffs',
  'evaluation.kMin',
  'evaluation.grading.base',
  'evaluation.grading.satisfied.numerator',
  'evaluation.grading.satisfied.denominator',
  'evaluation.grading.satisfiedOrBasic.numerator',
  'evaluation.grading.satisfiedOrBasic.denominator',
  'evaluation.grading.satisfiedPercent',
  'evaluation.grading.basicPercent',
  'evaluation.optionWeights.satisfied',
  'evaluation.optionWeights.basic',
  'evaluation.optionWeights.dissatisfied',
  ...Audience.options.map((a) => `evaluation.audienceWeights.${a}`),
  'notify.smsDailyCap',
  'notify.perPersonDailyCap',
  'notify.digestHour',
  'notify.officeEmail',
];
