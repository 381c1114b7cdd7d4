import { A, useParams, useSearchParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { Async } from '../components/Async.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { usePageTitle } from '../components/PageHeader.tsx';
import { fmt, t } from '../i18n.ts';
import { PublicLayout } from '../layout/PublicLayout.tsx';
import { HealthTag, ProgressBar, Spending } from './parts.tsx';
import { fetchPublicProjects, paths, publicFileUrl, type PublicCard } from './projects.data.ts';

/**
 * /progress/:congressId — for residents, no account, phone first: this year's livelihood projects (other years by
 * tab) as cards with a photo, the progress bar, health and money. Nothing private: no contacts, no notes.
 */
export default function PublicProgressPage() {
  const params = useParams<{ congressId: string }>();
  const [search, setSearch] = useSearchParams<{ year?: string }>();
  const year = () => (/^\d{4}$/.test(search.year ?? '') ? Number(search.year) : undefined);
  const [data, { refetch }] = createResource(() => ({ c: params.congressId, year: year() }), (s) => fetchPublicProjects(s.c, s.year));
  usePageTitle(() => (data.latest ? `${t('progress.title', { year: data.latest.year })} · ${data.latest.congress.name}` : t('progress.titlePlain')));

  return (
    <PublicLayout wide class="resident pj-public" congress={data.latest?.congress}>
      <Async resource={data} retry={refetch} loadingText={t('progress.loading')}>
        {(d) => (
          <>
            <header class="resident-head">
              <p class="kicker">{d.congress.name}</p>
              <h1>{t('progress.title', { year: d.year })}</h1>
              <p class="lead">{t('progress.lead')}</p>
            </header>
            <Show when={d.years.length > 1}>
              <nav class="pj-year-tabs" aria-label={t('progress.years')}>
                <For each={d.years}>
                  {(y) => (
                    <button type="button" aria-current={y === d.year ? 'page' : undefined} classList={{ on: y === d.year }} onClick={() => setSearch({ year: String(y) })}>
                      {t('progress.yearTab', { year: y })}
                    </button>
                  )}
                </For>
              </nav>
            </Show>
            <Show when={d.projects.length > 0} fallback={<EmptyState title={t('progress.empty', { year: d.year })}>{t('progress.emptyNext')}</EmptyState>}>
              <p class="pj-public-count">{t('progress.count', { n: d.projects.length, done: d.projects.filter((p) => p.status === 'completed').length })}</p>
              <ul class="pj-cards">
                <For each={d.projects}>{(p) => <Card p={p} congressId={params.congressId} />}</For>
              </ul>
            </Show>
          </>
        )}
      </Async>
    </PublicLayout>
  );
}

function Card(props: { p: PublicCard; congressId: string }) {
  const p = () => props.p;
  return (
    <li class="pj-card">
      <A href={paths.publicProject(props.congressId, p().id)} class="pj-card-link">
        <Show when={p().photo}>
          <img class="pj-card-photo" src={publicFileUrl(p().photo!)} alt="" loading="lazy" />
        </Show>
        <span class="pj-card-body">
          <span class="pj-card-title">{p().title}</span>
          <span class="pj-card-tags">
            <HealthTag health={p().health} />
            <span class="muted">{p().leadDepartment}</span>
          </span>
          <ProgressBar derived={p().derivedProgress} reported={p().reportedProgress} health={p().health} resident />
          <span class="pj-card-facts">
            <span>
              <span class="muted">{t('progress.money')}</span>
              <Spending spent={p().spentInvestment} planned={p().plannedInvestment} compact />
            </span>
            <span>
              <span class="muted">{p().completedOn ? t('progress.completedOn') : t('progress.plannedCompletion')}</span>
              <span class="num block">{fmt.date(p().completedOn ?? p().plannedCompletion)}</span>
            </span>
          </span>
        </span>
      </A>
    </li>
  );
}
