import { A, useNavigate } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { CandidateListInput } from '../../../shared/gathering/schema.ts';
import { FormError } from '../components/Alert.tsx';
import { Async, latest } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { SelectField, TextField } from '../components/Field.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Table } from '../components/Table.tsx';
import { toast } from '../components/Toast.tsx';
import { useCongress } from '../congress/context.tsx';
import { createFormState } from '../forms.ts';
import { fmt, t } from '../i18n.ts';
import { can } from '../session.ts';
import { createList, fetchLists, fetchWindows, type CandidateList } from './gathering.data.ts';
import { SurplusTag } from './Surplus.tsx';

/**
 * Where a list stands: a draft, frozen (for the vote), frozen with a newer version being drafted (it still holds
 * until that one is frozen), or replaced by a newer frozen version. `all` is every list of the congress.
 */
export function ListState(props: { list: CandidateList; all: CandidateList[] }) {
  const successor = () => props.all.find((x) => x.id === props.list.supersededById);
  return (
    <Show when={props.list.frozenAt} fallback={<span class="tag tag-warn">{t('lists.state.draft')}</span>}>
      <Show
        when={successor()?.frozenAt}
        fallback={
          <>
            <span class="tag tag-ok">{t('lists.state.frozen', { date: fmt.date(props.list.frozenAt!) })}</span>
            <Show when={props.list.supersededById}>
              <span class="tag tag-warn">{t('lists.state.newerDraft')}</span>
            </Show>
          </>
        }
      >
        <span class="tag tag-muted">{t('lists.state.superseded', { n: successor()!.version })}</span>
      </Show>
    </Show>
  );
}

/** A list replaced by a newer frozen version. */
export const replaced = (l: CandidateList, all: CandidateList[]) => !!all.find((x) => x.id === l.supersededById)?.frozenAt;

/**
 * 候选项目清单: the lists drafted for each year's vote, every version kept. A list is built from the year's
 * candidates in a stated order, then frozen by the standing committee's staff; a change afterwards is a new version.
 */
export default function ListsPage() {
  const { id } = useCongress();
  const navigate = useNavigate();
  const [lists, { refetch }] = createResource(id, fetchLists);
  const [windows] = createResource(id, fetchWindows);
  const editor = () => can(id(), 'gathering.lists.edit');
  const [creating, setCreating] = createSignal(false);

  return (
    <Show when={can(id(), 'gathering.lists.page')} fallback={<NoAccess />}>
      <PageHeader
        title={t('lists.title')}
        lead={t('lists.lead')}
        actions={
          <Show when={editor()}>
            <Button variant="primary" onClick={() => setCreating(true)}>
              {t('lists.add')}
            </Button>
          </Show>
        }
      />
      <Async resource={lists} retry={refetch}>
        {(list) => (
          <Table
            caption={t('lists.title')}
            rows={list}
            rowClass={(l) => (replaced(l, list) ? 'row-muted' : '')}
            empty={
              <EmptyState
                title={t('lists.empty')}
                action={
                  <Show when={editor()}>
                    <Button variant="primary" onClick={() => setCreating(true)}>
                      {t('lists.add')}
                    </Button>
                    <A class="btn btn-secondary" href={`/c/${id()}/gathering/candidates`}>
                      {t('lists.toCandidates')}
                    </A>
                  </Show>
                }
              >
                {t('lists.emptyNext')}
              </EmptyState>
            }
            columns={[
              {
                header: () => t('lists.field.title'),
                class: 'list-cell',
                noLabel: true,
                cell: (l: CandidateList) => (
                  <>
                    <A href={`/c/${id()}/gathering/lists/${l.id}`} class="strong-link">
                      {l.title}
                    </A>
                    <span class="muted small block">
                      {t('lists.version', { n: l.version })} · {t('windows.yearValue', { year: l.year })}
                    </span>
                  </>
                ),
              },
              {
                header: () => t('lists.field.counts'),
                class: 'nowrap',
                cell: (l: CandidateList) => <span class="num">{t('lists.counts', { n: l.items.length, seats: l.seats })}</span>,
              },
              { header: () => t('surplus.title'), cell: (l: CandidateList) => <SurplusTag warnings={l.warnings} /> },
              { header: () => t('lists.field.state'), cell: (l: CandidateList) => <ListState list={l} all={list} /> },
              {
                header: () => t('common.actions'),
                noLabel: true,
                class: 'actions',
                cell: (l: CandidateList) => (
                  <A class="btn btn-secondary btn-sm" href={`/c/${id()}/gathering/lists/${l.id}`} aria-label={t('a11y.named', { action: !l.frozenAt && editor() ? t('lists.edit') : t('lists.open'), name: `${l.title} ${t('lists.version', { n: l.version })}` })}>
                    {!l.frozenAt && editor() ? t('lists.edit') : t('lists.open')}
                  </A>
                ),
              },
            ]}
          />
        )}
      </Async>

      <Dialog open={creating()} onClose={() => setCreating(false)} title={t('lists.add')}>
        {/* The form takes its default year from the windows: not before they are here (on a slow network it showed
            one year and submitted another). */}
        <Show when={latest(windows) !== undefined} fallback={<p role="status">{t('common.loading')}</p>}>
          <NewListForm
            congressId={id()}
            years={[...new Set((latest(windows) ?? []).map((w) => w.year))].sort((a, b) => b - a)}
            onCancel={() => setCreating(false)}
            onDone={(l) => {
              setCreating(false);
              toast(t('lists.created', { title: l.title }));
              navigate(`/c/${id()}/gathering/lists/${l.id}`);
            }}
          />
        </Show>
      </Dialog>
    </Show>
  );
}

function NewListForm(props: { congressId: string; years: number[]; onCancel: () => void; onDone: (l: CandidateList) => void }) {
  const form = createFormState();
  const [year, setYear] = createSignal(String(props.years[0] ?? Number(new Date().getFullYear()) + 1));
  const [title, setTitle] = createSignal(t('lists.defaultTitle', { year: year() }));
  const [titleTouched, setTitleTouched] = createSignal(false);
  const [seats, setSeats] = createSignal('');

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const input = form.check(CandidateListInput, { title: title(), year: Number(year()), seats: seats() === '' ? NaN : Number(seats()), candidateIds: [] });
    if (!input) return;
    const done = await form.run(() => createList(props.congressId, input), ['title', 'year', 'seats']);
    if (done) props.onDone(done.value);
  };

  return (
    <form onSubmit={submit} novalidate>
      <p class="lead">{t('lists.new.lead')}</p>
      <FormError error={form.formError()} />
      <Show
        when={props.years.length > 0}
        fallback={<TextField label={t('windows.year')} type="number" inputmode="numeric" class="num-input" value={year()} onValue={setYear} error={form.error('year')} required />}
      >
        <SelectField
          label={t('windows.year')}
          value={year()}
          onValue={(v) => {
            setYear(v);
            if (!titleTouched()) setTitle(t('lists.defaultTitle', { year: v }));
          }}
          options={props.years.map((y) => ({ value: String(y), label: t('windows.yearValue', { year: y }) }))}
          error={form.error('year')}
          required
        />
      </Show>
      <TextField
        label={t('lists.field.title')}
        value={title()}
        onValue={(v) => {
          setTitleTouched(true);
          setTitle(v);
        }}
        error={form.error('title')}
        maxlength={120}
        required
      />
      <TextField
        label={t('lists.field.seats')}
        hint={t('lists.field.seatsHint')}
        type="number"
        inputmode="numeric"
        min="1"
        max="100"
        class="num-input"
        value={seats()}
        onValue={setSeats}
        error={form.error('seats')}
        required
      />
      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={form.busy()}>
          {t('lists.new.submit')}
        </Button>
      </div>
    </form>
  );
}
