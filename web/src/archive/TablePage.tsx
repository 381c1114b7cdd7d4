import { A, useSearchParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { POINT_EVENTS, PointRules } from '../../../shared/archive/points.ts';
import { COUNT_KEYS, SORT_KEYS } from '../../../shared/archive/schema.ts';
import * as Congress from '../../../shared/congress/contract.ts';
import { call } from '../api.ts';
import { FormError } from '../components/Alert.tsx';
import { Async, latest } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { scrollable } from '../components/Table.tsx';
import { toast } from '../components/Toast.tsx';
import { useCongress } from '../congress/context.tsx';
import { createFormState } from '../forms.ts';
import { t, type MessageKey } from '../i18n.ts';
import { can } from '../session.ts';
import { fetchTable, paths, tableCsvUrl, type Order, type SortKey } from './archive.data.ts';
import { EntryForm } from './EntryForm.tsx';
import { countWord, YearPicker, yearOf } from './parts.tsx';
import './archive.css';

/**
 * 年度代表履职统计表: every representative of the year with their counts and points (for choosing 优秀代表), sorted on
 * the server by any column, as CSV and on A4; the points rules; trainings and 述职 entered for several at once.
 */
export default function TablePage() {
  const congress = useCongress();
  const c = () => congress.id();
  const [search, setSearch] = useSearchParams<{ year?: string; sort?: string; order?: string }>();
  const year = () => yearOf(search.year);
  const sort = (): SortKey => ((SORT_KEYS as readonly string[]).includes(search.sort ?? '') ? (search.sort as SortKey) : 'points');
  const order = (): Order => (search.order === 'asc' ? 'asc' : search.order === 'desc' ? 'desc' : sort() === 'name' ? 'asc' : 'desc');
  const [data, { refetch }] = createResource(() => ({ c: c(), y: year(), s: sort(), o: order() }), (k) => fetchTable(k.c, k.y, k.s, k.o));
  const [adding, setAdding] = createSignal(false);
  const [rules, setRules] = createSignal(false);
  /** A column header sorts by it; a second press turns the order round. */
  const sortBy = (k: SortKey) => setSearch({ sort: k, order: sort() === k ? (order() === 'desc' ? 'asc' : 'desc') : k === 'name' ? 'asc' : 'desc' });
  const ariaSort = (k: SortKey) => (sort() === k ? (order() === 'asc' ? 'ascending' : 'descending') : 'none');
  const head = (k: SortKey, label: string) => (
    <th scope="col" aria-sort={ariaSort(k)} class={k === 'name' ? '' : 'num'}>
      <button type="button" class="ar-sort" onClick={() => sortBy(k)}>
        {label}
        <span aria-hidden="true">{sort() === k ? (order() === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );
  return (
    <div class="ar-page">
      <PageHeader
        title={t('archive.tableTitle', { year: year() })}
        lead={t('archive.lead')}
        actions={
          <>
            <Show when={can(c(), 'congress.manage')}>
              <Button onClick={() => setRules(true)}>{t('archive.rules')}</Button>
            </Show>
            <Button variant="primary" onClick={() => setAdding(true)}>
              {t('archive.entries.add')}
            </Button>
          </>
        }
      />
      <div class="ar-toolbar">
        <YearPicker year={year()} onYear={(y) => setSearch({ year: String(y) })} />
        <span class="ar-toolbar-links">
          <a class="btn btn-secondary" href={tableCsvUrl(c(), year(), sort(), order())} download="">
            {t('archive.csv')}
          </a>
          <A class="btn btn-secondary" href={paths.tablePrint(c(), year(), sort(), order())}>
            {t('archive.printAll')}
          </A>
        </span>
      </div>
      <Async resource={data} retry={refetch}>
        {(tb) => (
          <Show when={tb.rows.length > 0} fallback={<EmptyState title={t('archive.empty')} />}>
            <div class="table-wrap ar-table-wrap" ref={scrollable}>
              <table class="table ar-year-table">
                <caption class="sr-only">{t('archive.tableTitle', { year: tb.year })}</caption>
                <thead>
                  <tr>
                    {head('name', t('archive.name'))}
                    {head('points', t('archive.count.points'))}
                    <For each={COUNT_KEYS}>{(k) => head(k, countWord(k))}</For>
                  </tr>
                </thead>
                <tbody>
                  <For each={tb.rows}>
                    {(r) => (
                      <tr classList={{ 'ar-left': r.status === 'left' }}>
                        <th scope="row" class="ar-who-cell">
                          <A href={paths.one(c(), r.id, tb.year)}>{r.name}</A>
                          <Show when={r.status === 'left'}>
                            <span class="tag tag-muted">{t('roster.status.left')}</span>
                          </Show>
                          <Show when={r.delegation}>
                            <span class="ar-group">{r.delegation}</span>
                          </Show>
                        </th>
                        <td class="num ar-pts">
                          <strong>{r.points}</strong>
                        </td>
                        <For each={COUNT_KEYS}>{(k) => <td class="num" classList={{ 'ar-nil': r.counts[k] === 0 }}>{r.counts[k]}</td>}</For>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        )}
      </Async>
      <Dialog open={adding()} onClose={() => setAdding(false)} title={t('archive.entries.add')} wide>
        <EntryForm
          congressId={c()}
          people={(latest(data)?.rows ?? []).filter((r) => r.status === 'seated')}
          onCancel={() => setAdding(false)}
          onDone={(n) => {
            setAdding(false);
            toast(t('archive.entries.saved', { n }));
            void refetch();
          }}
        />
      </Dialog>
      <Dialog open={rules()} onClose={() => setRules(false)} title={t('archive.rules')}>
        <RulesForm
          onCancel={() => setRules(false)}
          onDone={() => {
            setRules(false);
            void refetch();
          }}
        />
      </Dialog>
    </div>
  );
}

/** 积分规则: the points of each event, saved through the congress's settings (the one place settings are kept). */
function RulesForm(props: { onCancel: () => void; onDone: () => void }) {
  const congress = useCongress();
  const form = createFormState();
  const [values, setValues] = createSignal<Record<string, string>>(Object.fromEntries(POINT_EVENTS.map((e) => [e, String(congress.congress().settings.points[e])])));
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const points = form.check(PointRules, Object.fromEntries(POINT_EVENTS.map((ev) => [ev, values()[ev].trim() === '' ? Number.NaN : Number(values()[ev])])));
    if (!points) return;
    const settings = { ...congress.congress().settings, points };
    const done = await form.run(() => call(Congress.replaceSettings, { params: { congressId: congress.id() }, body: settings }), POINT_EVENTS.map((ev) => `points.${ev}`));
    if (done) {
      congress.update(done.value);
      toast(t('archive.rulesSaved'));
      props.onDone();
    }
  };
  return (
    <form onSubmit={submit} novalidate>
      <p class="hint">{t('archive.rulesLead')}</p>
      <FormError error={form.formError()} />
      <div class="ar-rules">
        <For each={POINT_EVENTS}>
          {(ev) => (
            <div class="field" classList={{ 'has-error': !!(form.error(ev) || form.error(`points.${ev}`)) }}>
              <label for={`ar-rule-${ev}`}>{t(`archive.event.${ev}` as MessageKey)}</label>
              <input
                id={`ar-rule-${ev}`}
                type="number"
                inputmode="decimal"
                step="0.5"
                min={-100}
                max={100}
                value={values()[ev]}
                onInput={(e) => {
                  setValues({ ...values(), [ev]: e.currentTarget.value });
                  form.clearError(ev);
                }}
              />
              <Show when={form.error(ev) || form.error(`points.${ev}`)}>
                <p class="field-error">{form.error(ev) || form.error(`points.${ev}`)}</p>
              </Show>
            </div>
          )}
        </For>
      </div>
      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={form.busy()}>
          {t('archive.rulesSave')}
        </Button>
      </div>
    </form>
  );
}
