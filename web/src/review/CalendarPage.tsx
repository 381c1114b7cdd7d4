import { useSearchParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { CALENDAR_KINDS, type CalendarKind } from '../../../shared/items/enums.ts';
import { FormError } from '../components/Alert.tsx';
import { Async } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { SelectField, TextField } from '../components/Field.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { toast } from '../components/Toast.tsx';
import { useCongress } from '../congress/context.tsx';
import { createFormState } from '../forms.ts';
import { fmt, t } from '../i18n.ts';
import { can } from '../session.ts';
import { thisYear } from './parts.tsx';
import { fetchCalendar, removeCalendarDay, setCalendarDay, uploadCalendar, type CalendarYear } from './review.data.ts';
import './review.css';

/**
 * 法定节假日日历: the official calendar deadlines count working days by — a year's holidays and 调休 working days,
 * uploaded as a CSV once the State Council publishes them (replacing that year's), or set a day at a time.
 */
export default function CalendarPage() {
  const { id } = useCongress();
  const [params, setParams] = useSearchParams<{ year?: string }>();
  const year = () => (/^\d{4}$/.test(params.year ?? '') ? Number(params.year) : thisYear());
  const [cal, { refetch, mutate }] = createResource(() => ({ c: id(), y: year() }), (s) => fetchCalendar(s.c, s.y));
  const manage = () => can(id(), 'review.calendar.manage');
  const years = () => [...new Set([thisYear() + 1, thisYear(), ...(cal.latest?.years ?? [])])].sort((a, b) => b - a);

  return (
    <Show when={can(id(), 'review.calendar.read')} fallback={<NoAccess />}>
      <PageHeader title={t('review.calendar.title')} lead={t('review.calendar.lead')} />
      <div class="rv-filters">
        <label class="field rv-field">
          <span class="label">{t('review.year')}</span>
          <select value={year()} onChange={(e) => setParams({ year: e.currentTarget.value })}>
            <For each={years()}>{(y) => <option value={y}>{t('review.yearValue', { year: y })}</option>}</For>
          </select>
        </label>
      </div>
      <Show when={manage()}>
        <div class="rv-more">
          <Upload congressId={id()} year={year()} onDone={(c) => mutate(c)} />
          <DayForm congressId={id()} year={year()} onDone={(c) => mutate(c)} />
        </div>
      </Show>
      <Async resource={cal} retry={refetch} loadingText={t('review.loading')}>
        {(c) => <Days c={c} manage={manage()} congressId={id()} onDone={(x) => mutate(x)} />}
      </Async>
    </Show>
  );
}

function Upload(props: { congressId: string; year: number; onDone: (c: CalendarYear) => void }) {
  const f = createFormState();
  let input!: HTMLInputElement;
  const submit = async (e: Event) => {
    e.preventDefault();
    const file = input.files?.[0];
    if (!file) return;
    const done = await f.run(() => uploadCalendar(props.congressId, props.year, file));
    if (done) {
      props.onDone(done.value);
      toast(t('review.calendar.uploaded', { n: done.value.days.length }));
      input.value = '';
    }
  };
  return (
    <form class="card rv-card" onSubmit={submit}>
      <h2>{t('review.calendar.upload', { year: props.year })}</h2>
      <p class="hint">{t('review.calendar.format')}</p>
      <FormError error={f.formError()} />
      <div class="rv-row">
        <label class="field rv-field">
          <span class="label">{t('review.calendar.file')}</span>
          <input ref={input} type="file" accept=".csv,text/csv,text/plain" required />
        </label>
        <Button type="submit" variant="primary" busy={f.busy()}>
          {t('review.calendar.upload', { year: props.year })}
        </Button>
      </div>
    </form>
  );
}

function DayForm(props: { congressId: string; year: number; onDone: (c: CalendarYear) => void }) {
  const f = createFormState();
  const [day, setDay] = createSignal('');
  const [kind, setKind] = createSignal<CalendarKind>('holiday');
  const [name, setName] = createSignal('');
  const submit = async (e: Event) => {
    e.preventDefault();
    const done = await f.run(() => setCalendarDay(props.congressId, { day: day(), kind: kind(), name: name() }), ['day', 'kind', 'name']);
    if (done) {
      props.onDone(done.value);
      setDay('');
      setName('');
    }
  };
  return (
    <form class="card rv-card" onSubmit={submit}>
      <h2>{t('review.calendar.add')}</h2>
      <FormError error={f.formError()} />
      <TextField label={t('review.calendar.day')} type="date" min={`${props.year}-01-01`} max={`${props.year}-12-31`} value={day()} onValue={setDay} required />
      <SelectField label={t('review.calendar.kind')} value={kind()} onValue={(v) => setKind(v as CalendarKind)} options={CALENDAR_KINDS.map((k) => ({ value: k, label: t(`calendar.kind.${k}`) }))} />
      <TextField label={t('review.calendar.name')} value={name()} onValue={setName} maxLength={60} error={f.error('name')} />
      <Button type="submit" variant="primary" busy={f.busy()}>
        {t('review.calendar.save')}
      </Button>
    </form>
  );
}

function Days(props: { c: CalendarYear; manage: boolean; congressId: string; onDone: (c: CalendarYear) => void }) {
  const [busy, setBusy] = createSignal('');
  const remove = async (day: string) => {
    setBusy(day);
    try {
      props.onDone(await removeCalendarDay(props.congressId, day));
    } catch (e) {
      toast((e as Error).message, 'error');
    } finally {
      setBusy('');
    }
  };
  const count = (k: CalendarKind) => props.c.days.filter((d) => d.kind === k).length;
  return (
    <section class="rv-section" aria-labelledby="rv-days">
      <h2 id="rv-days">{t('review.yearValue', { year: props.c.year })}</h2>
      <Show when={props.c.days.length > 0} fallback={<p class="hint">{t('review.calendar.empty', { year: props.c.year })}</p>}>
        <p class="hint">{t('review.calendar.counts', { holidays: count('holiday'), workdays: count('workday') })}</p>
        <div class="rv-scroll">
          <table class="rv-table">
            <thead>
              <tr>
                <th scope="col">{t('review.calendar.day')}</th>
                <th scope="col">{t('review.calendar.kind')}</th>
                <th scope="col">{t('review.calendar.name')}</th>
                <Show when={props.manage}>
                  <th scope="col">
                    <span class="sr-only">{t('review.calendar.remove', { day: '' })}</span>
                  </th>
                </Show>
              </tr>
            </thead>
            <tbody>
              <For each={props.c.days}>
                {(d) => (
                  <tr classList={{ 'rv-workday': d.kind === 'workday' }}>
                    <td class="nowrap">{fmt.date(d.day)}</td>
                    <td>{t(`calendar.kind.${d.kind}`)}</td>
                    <td>{d.name}</td>
                    <Show when={props.manage}>
                      <td>
                        <Button small variant="ghost" busy={busy() === d.day} onClick={() => remove(d.day)} aria-label={t('review.calendar.remove', { day: d.day })}>
                          ✕
                        </Button>
                      </td>
                    </Show>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}
