import { createSignal, For, Match, Switch } from 'solid-js';
import { AddDays } from '../../../shared/stations/schema.ts';
import { FormError } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { SelectField, TextField } from '../components/Field.tsx';
import { createFormState } from '../forms.ts';
import { t } from '../i18n.ts';
import { receptionKindOptions } from './labels.ts';
import { addPlanDays } from './stations.data.ts';

const RULES = ['one', 'monthly', 'weekly'] as const;
const FIELDS = ['day', 'dayOfMonth', 'weekday', 'from', 'to', 'kind', 'theme'];

/** Reception days: one day, every Nth of the month, or every weekday between two dates (days already planned are skipped). */
export function AddDaysForm(props: { congressId: string; stationId: string; year: number; onCancel: () => void; onDone: (added: number) => void }) {
  const form = createFormState();
  const [rule, setRule] = createSignal<(typeof RULES)[number]>('monthly');
  const [day, setDay] = createSignal('');
  const [dayOfMonth, setDayOfMonth] = createSignal('15');
  const [weekday, setWeekday] = createSignal('2');
  const [from, setFrom] = createSignal(`${props.year}-01-01`);
  const [to, setTo] = createSignal(`${props.year}-12-31`);
  const [kind, setKind] = createSignal('reception');
  const [theme, setTheme] = createSignal('');

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const common = { kind: kind(), theme: theme() };
    const values =
      rule() === 'one'
        ? { rule: 'one', day: day(), ...common }
        : rule() === 'monthly'
          ? { rule: 'monthly', dayOfMonth: Number(dayOfMonth()), from: from(), to: to(), ...common }
          : { rule: 'weekly', weekday: Number(weekday()), from: from(), to: to(), ...common };
    const input = form.check(AddDays, values);
    if (!input) return;
    const done = await form.run(() => addPlanDays(props.congressId, props.stationId, input), FIELDS);
    if (done) props.onDone(done.value.added);
  };

  return (
    <form onSubmit={submit} novalidate>
      <FormError error={form.formError()} />
      <fieldset class="field choices">
        <legend>{t('stations.plan.rule')}</legend>
        <div class="choice-row">
          <For each={RULES}>
            {(r) => (
              <label class="choice" classList={{ on: rule() === r }}>
                <input type="radio" name="rule" value={r} checked={rule() === r} onChange={() => setRule(r)} />
                <span class="choice-title">{t(`stations.plan.rule.${r}`)}</span>
              </label>
            )}
          </For>
        </div>
      </fieldset>
      <Switch>
        <Match when={rule() === 'one'}>
          <TextField type="date" label={t('stations.plan.day')} value={day()} onValue={setDay} error={form.error('day')} required />
        </Match>
        <Match when={rule() !== 'one'}>
          <Switch>
            <Match when={rule() === 'monthly'}>
              <TextField type="number" inputmode="numeric" min={1} max={31} label={t('stations.plan.dayOfMonth')} value={dayOfMonth()} onValue={setDayOfMonth} error={form.error('dayOfMonth')} required />
            </Match>
            <Match when={rule() === 'weekly'}>
              <SelectField
                label={t('stations.plan.weekday')}
                value={weekday()}
                onValue={setWeekday}
                options={[1, 2, 3, 4, 5, 6, 7].map((w) => ({ value: String(w), label: t(`stations.weekday.${w}` as 'stations.weekday.1') }))}
                error={form.error('weekday')}
                required
              />
            </Match>
          </Switch>
          <div class="row-2">
            <TextField type="date" label={t('stations.plan.from')} value={from()} onValue={setFrom} error={form.error('from')} required />
            <TextField type="date" label={t('stations.plan.to')} value={to()} onValue={setTo} error={form.error('to')} required />
          </div>
        </Match>
      </Switch>
      <div class="row-2">
        <SelectField label={t('stations.plan.kind')} value={kind()} onValue={setKind} options={receptionKindOptions()} error={form.error('kind')} />
        <TextField label={t('stations.plan.theme')} hint={t('stations.plan.themeHint')} value={theme()} onValue={setTheme} error={form.error('theme')} maxlength={80} />
      </div>
      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={form.busy()}>
          {t('stations.plan.add')}
        </Button>
      </div>
    </form>
  );
}
