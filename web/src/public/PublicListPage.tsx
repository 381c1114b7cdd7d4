import { A, useParams, useSearchParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { Async, latest } from '../components/Async.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { Parts } from '../components/Nowrap.tsx';
import { SelectField } from '../components/Field.tsx';
import { usePageTitle } from '../components/PageHeader.tsx';
import { sumWan } from '../gathering/gathering.data.ts';
import { fmt, t } from '../i18n.ts';
import { PublicLayout } from '../layout/PublicLayout.tsx';
import { fetchFrozenLists, fetchPublicCongress, frozenListCsvUrl, type FrozenList } from './public.data.ts';
import './public.css';

/**
 * /p/:congressId/candidates — the frozen candidate list (候选项目清单) as printed on the ballots: in order, each
 * project with its content, total investment, departments, completion date and funding. `?list=` picks a version.
 */
export default function PublicListPage() {
  const params = useParams<{ congressId: string }>();
  const [search, setSearch] = useSearchParams<{ list?: string }>();
  const [data, { refetch }] = createResource(
    () => params.congressId,
    async (id) => {
      const [congress, lists] = await Promise.all([fetchPublicCongress(id), fetchFrozenLists(id)]);
      return { congress, lists };
    },
  );
  usePageTitle(() => (latest(data) ? `${t('publicList.title')} · ${latest(data)!.congress.name}` : t('publicList.title')));

  return (
    <PublicLayout wide class="resident public-list" congress={latest(data)?.congress}>
      <Async resource={data} retry={refetch}>
        {(d) => {
          const list = () => d.lists.find((l) => l.id === search.list) ?? d.lists[0];
          return (
            <>
              <header class="resident-head">
                <p class="kicker">{d.congress.name}</p>
                <h1>{t('publicList.title')}</h1>
              </header>
              <Show
                when={list()}
                fallback={
                  <EmptyState title={t('publicList.empty')} action={<A href={`/p/${d.congress.id}`}>{t('publicList.toSubmit')}</A>}>
                    {t('publicList.emptyNext')}
                  </EmptyState>
                }
              >
                {(l) => (
                  <>
                    <Show when={d.lists.length > 1}>
                      <SelectField
                        label={t('publicList.choose')}
                        value={l().id}
                        onValue={(v) => setSearch({ list: v })}
                        options={d.lists.map((x) => ({ value: x.id, label: t('publicList.option', { title: x.title, version: x.version, date: fmt.date(x.frozenAt) }) }))}
                        fieldClass="list-choose"
                      />
                    </Show>
                    <ListView congressId={d.congress.id} list={l()} />
                  </>
                )}
              </Show>
            </>
          );
        }}
      </Async>
    </PublicLayout>
  );
}

function ListView(props: { congressId: string; list: FrozenList }) {
  const l = () => props.list;
  return (
    <section aria-labelledby="list-title">
      <div class="list-summary">
        <h2 id="list-title">
          {l().title}
          <span class="muted version"> {t('lists.version', { n: l().version })}</span>
        </h2>
        <p>
          <Parts text={t('publicList.summary', { year: l().year, seats: l().seats, n: l().items.length, total: fmt.wan(sumWan(l().items.map((i) => i.plannedInvestment))) })} />
        </p>
        <p class="muted small">{t('publicList.frozenAt', { date: fmt.date(l().frozenAt) })}</p>
        <a class="btn btn-secondary" href={frozenListCsvUrl(props.congressId, l().id)} download="">
          {t('publicList.csv')}
        </a>
      </div>
      <ol class="cand-items">
        <For each={l().items}>
          {(i) => (
            <li class="cand-item">
              <span class="cand-n" aria-hidden="true">
                {i.position}
              </span>
              <div class="cand-body">
                <h3>
                  <span class="sr-only">{t('publicList.number', { n: i.position })} </span>
                  {i.title}
                </h3>
                <p class="cand-content">{i.content}</p>
                <dl class="cand-facts">
                  <div>
                    <dt>{t('candidate.field.investment')}</dt>
                    <dd class="num strong">{fmt.wan(Number(i.plannedInvestment))}</dd>
                  </div>
                  <div>
                    <dt>{t('candidate.field.funding')}</dt>
                    <dd>{i.fundingSource}</dd>
                  </div>
                  <div>
                    <dt>{t('candidate.field.lead')}</dt>
                    <dd>{i.leadDepartment}</dd>
                  </div>
                  <div>
                    <dt>{t('candidate.field.co')}</dt>
                    <dd>{i.coDepartments.length ? i.coDepartments.join(t('list.separator')) : <span class="muted">{t('candidate.noCo')}</span>}</dd>
                  </div>
                  <div>
                    <dt>{t('candidate.field.completion')}</dt>
                    <dd>{fmt.date(i.plannedCompletion)}</dd>
                  </div>
                  <div>
                    <dt>{t('candidate.field.outcome')}</dt>
                    <dd>{i.expectedOutcome}</dd>
                  </div>
                </dl>
              </div>
            </li>
          )}
        </For>
      </ol>
    </section>
  );
}
