import { A, useSearchParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { CONGRESS_LEVELS } from '../../../shared/congress/schema.ts';
import { DASHBOARD_SORTS, type DashboardSort, VOTE_SHOWN } from '../../../shared/county/schema.ts';
import { Async } from '../components/Async.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Pager } from '../components/Pager.tsx';
import { useCongress } from '../congress/context.tsx';
import { fmt, t, type MessageKey } from '../i18n.ts';
import { can } from '../session.ts';
import { fetchDashboard, paths, pct, yearChoices, yearOf } from './county.data.ts';
import { evaluationLine, loopLine, projectsLine, StateTag } from './parts.tsx';
import './county.css';
import { scrollable } from '../components/Table.tsx';

type Search = { year?: string; q?: string; level?: string; vote?: string; sort?: string; dir?: string; page?: string };

/**
 * 乡镇看板: every township and street below the county side by side for the year — collection, candidate list, vote,
 * projects, evaluation, the loop — with the county's totals; filtered, sorted and paged on the server; each name opens
 * that township's year in detail.
 */
export default function DashboardPage() {
  const { id } = useCongress();
  const [params, setParams] = useSearchParams<Search>();
  const year = () => yearOf(params.year);
  const sort = (): DashboardSort => ((DASHBOARD_SORTS as readonly string[]).includes(params.sort ?? '') ? (params.sort as DashboardSort) : 'name');
  const dir = () => (params.dir === 'desc' ? 'desc' : 'asc');
  const page = () => Math.max(1, Number(params.page) || 1);
  const query = () => ({ year: year(), q: params.q || undefined, level: (CONGRESS_LEVELS as readonly string[]).includes(params.level ?? '') ? params.level : undefined, vote: (VOTE_SHOWN as readonly string[]).includes(params.vote ?? '') ? params.vote : undefined, sort: sort(), dir: dir(), page: page(), size: 50 });
  const [data, { refetch }] = createResource(() => (can(id(), 'county.read') ? { c: id(), q: query() } : false), (s) => fetchDashboard(s.c, s.q as never));
  const [text, setText] = createSignal(params.q ?? '');
  const set = (o: Partial<Search>) => setParams({ ...o, page: undefined });
  const sortBy = (s: DashboardSort) => set({ sort: s === 'name' ? undefined : s, dir: sort() === s && dir() === 'asc' ? 'desc' : s === 'name' ? undefined : sort() === s ? undefined : 'desc' });
  const ariaSort = (s: DashboardSort) => (sort() === s ? (dir() === 'asc' ? 'ascending' : 'descending') : 'none');
  const SortHead = (p: { s: DashboardSort; label: MessageKey }) => (
    <th scope="col" aria-sort={ariaSort(p.s)}>
      <button type="button" class="ct-sort" onClick={() => sortBy(p.s)}>
        {t(p.label)}
        <span aria-hidden="true">{sort() === p.s ? (dir() === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );

  return (
    <Show when={can(id(), 'county.read')} fallback={<NoAccess />}>
      <PageHeader
        title={t('county.dashboard.title')}
        lead={t('county.dashboard.lead')}
        actions={
          <A class="btn btn-secondary" href={paths.rollup(id(), year())}>
            {t('county.nav.rollup')}
          </A>
        }
      />
      <form
        class="ct-filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: text().trim() || undefined });
        }}
      >
        <label class="field ct-field">
          <span class="label">{t('county.year')}</span>
          <select value={year()} onChange={(e) => set({ year: e.currentTarget.value })}>
            <For each={yearChoices()}>{(y) => <option value={y}>{y}</option>}</For>
          </select>
        </label>
        <label class="field ct-field">
          <span class="label">{t('county.search')}</span>
          <input type="search" value={text()} onInput={(e) => setText(e.currentTarget.value)} onChange={(e) => set({ q: e.currentTarget.value.trim() || undefined })} />
        </label>
        <label class="field ct-field">
          <span class="label">{t('county.level')}</span>
          <select value={params.level ?? ''} onChange={(e) => set({ level: e.currentTarget.value || undefined })}>
            <option value="">{t('county.level.all')}</option>
            <For each={CONGRESS_LEVELS.filter((l) => l !== 'city')}>{(l) => <option value={l}>{t(`congress.level.${l}` as MessageKey)}</option>}</For>
          </select>
        </label>
        <label class="field ct-field">
          <span class="label">{t('county.vote.filter')}</span>
          <select value={params.vote ?? ''} onChange={(e) => set({ vote: e.currentTarget.value || undefined })}>
            <option value="">{t('county.vote.all')}</option>
            <For each={VOTE_SHOWN}>{(v) => <option value={v}>{t(`county.vote.${v}` as MessageKey)}</option>}</For>
          </select>
        </label>
        <label class="field ct-field">
          <span class="label">{t('county.sort')}</span>
          <select value={sort()} onChange={(e) => set({ sort: e.currentTarget.value === 'name' ? undefined : e.currentTarget.value })}>
            <For each={DASHBOARD_SORTS}>{(s) => <option value={s}>{t(`county.sort.${s}` as MessageKey)}</option>}</For>
          </select>
        </label>
        <div class="segmented ct-dir" role="radiogroup" aria-label={t('county.sort')}>
          <button type="button" role="radio" aria-checked={dir() === 'asc'} classList={{ on: dir() === 'asc' }} onClick={() => set({ dir: undefined })}>
            {t('county.dir.asc')}
          </button>
          <button type="button" role="radio" aria-checked={dir() === 'desc'} classList={{ on: dir() === 'desc' }} onClick={() => set({ dir: 'desc' })}>
            {t('county.dir.desc')}
          </button>
        </div>
      </form>

      <Async resource={data} retry={refetch} loadingText={t('county.loading')}>
        {(d) => (
          <>
            <section aria-labelledby="ct-totals" class="ct-totals-wrap">
              <h2 id="ct-totals" class="ct-h2">
                {t('county.totals')} · {d.year} <span class="muted ct-asof">{t('county.rollup.asOf', { day: fmt.date(d.asOf) })}</span>
              </h2>
              <dl class="ct-tiles">
                <div><dt>{t('county.totals.congresses')}</dt><dd>{fmt.count(d.totals.congresses)}</dd></div>
                <div><dt>{t('county.totals.windowsOpened')}</dt><dd>{fmt.count(d.totals.windowsOpened)}</dd></div>
                <div><dt>{t('county.totals.votesPublished')}</dt><dd>{fmt.count(d.totals.votesPublished)}</dd></div>
                <div><dt>{t('county.col.projectsTotal')}</dt><dd>{fmt.count(d.totals.projects.total)}</dd></div>
                <div><dt>{t('county.col.onTimeRate')}</dt><dd>{pct(d.totals.projects.onTimeRate)}</dd></div>
                <div classList={{ bad: d.totals.projects.late > 0 }}><dt>{t('county.col.late')}</dt><dd>{fmt.count(d.totals.projects.late)}</dd></div>
                <div><dt>{t('county.col.evalRate')}</dt><dd>{pct(d.totals.evaluation.satisfactionRate)}</dd></div>
                <div><dt>{t('county.col.itemsReceived')}</dt><dd>{fmt.count(d.totals.loop.received)}</dd></div>
                <div><dt>{t('county.col.itemsOnTimeRate')}</dt><dd>{pct(d.totals.loop.onTimeRate)}</dd></div>
                <div><dt>{t('county.col.itemsRate')}</dt><dd>{pct(d.totals.loop.satisfactionRate)}</dd></div>
              </dl>
            </section>
            <Show
              when={d.items.length > 0}
              fallback={<EmptyState title={d.totals.congresses === 0 ? t('county.empty') : t('county.noMatch')} />}
            >
              <div class="ct-scroll" ref={scrollable}>
                <table class="ct-table">
                  <caption class="sr-only">{t('county.dashboard.title')}</caption>
                  <thead>
                    <tr>
                      <SortHead s="name" label="county.col.name" />
                      <SortHead s="proposals" label="county.col.window" />
                      <SortHead s="candidates" label="county.col.list" />
                      <th scope="col">{t('county.col.vote')}</th>
                      <SortHead s="projectsOnTime" label="county.col.projects" />
                      <SortHead s="evaluation" label="county.col.evaluation" />
                      <SortHead s="items" label="county.col.loop" />
                    </tr>
                  </thead>
                  <tbody>
                    <For each={d.items}>
                      {(r) => (
                        <tr>
                          <th scope="row" data-label={t('county.col.name')}>
                            <A href={paths.child(id(), r.id, d.year)} class="ct-name">
                              {r.name}
                            </A>
                            <span class="ct-sub muted">
                              {t(`congress.level.${r.level}` as MessageKey)}
                              <Show when={r.parentName && r.parentId !== d.county.id}> · {r.parentName}</Show>
                            </span>
                          </th>
                          <td data-label={t('county.col.window')}>
                            <StateTag kind="window" state={r.window.state} />
                            <span class="ct-sub">{t('county.proposals', { n: fmt.count(r.window.proposals) })}</span>
                          </td>
                          <td data-label={t('county.col.list')}>
                            <StateTag kind="list" state={r.list.state} />
                            <Show when={r.list.state === 'frozen'}>
                              <span class="ct-sub">{t('county.candidates', { n: fmt.count(r.list.candidates) })}</span>
                            </Show>
                          </td>
                          <td data-label={t('county.col.vote')}>
                            <StateTag kind="vote" state={r.vote.state} />
                            <Show when={r.vote.heldOn}>
                              <span class="ct-sub">{fmt.date(r.vote.heldOn!)}</span>
                            </Show>
                            <Show when={r.vote.chosen > 0}>
                              <span class="ct-sub">{t('county.chosen', { n: fmt.count(r.vote.chosen) })}</span>
                            </Show>
                            <Show when={r.packages.filed > 0}>
                              <span class="ct-sub">{t('county.packages', { n: fmt.count(r.packages.filed) })}</span>
                            </Show>
                          </td>
                          <td data-label={t('county.col.projects')}>
                            <strong class="num">{pct(r.projects.onTimeRate)}</strong>
                            <span class="ct-sub">{projectsLine(r.projects)}</span>
                          </td>
                          <td data-label={t('county.col.evaluation')}>
                            <strong class="num">{pct(r.evaluation.satisfactionRate)}</strong>
                            <span class="ct-sub">{evaluationLine(r.evaluation)}</span>
                          </td>
                          <td data-label={t('county.col.loop')}>
                            <strong class="num">{fmt.count(r.loop.received)}</strong>
                            <span class="ct-sub">{loopLine(r.loop)}</span>
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
              <Pager page={d.page} size={d.size} total={d.total} onPage={(p) => setParams({ page: p === 1 ? undefined : String(p) })} />
            </Show>
          </>
        )}
      </Async>
    </Show>
  );
}
