import { A, useSearchParams } from '@solidjs/router';
import { createMemo, createResource, For, Show } from 'solid-js';
import { sumWan } from '../../../shared/projects/rules.ts';
import { Async, latest } from '../components/Async.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useCongress } from '../congress/context.tsx';
import { fmt, t } from '../i18n.ts';
import { can } from '../session.ts';
import { amount, HEALTHS, healthLabel, pct, thisYear, today, wan, yearsOf } from './parts.tsx';
import { fetchFindings, fetchProject, fetchProjects, paths, type Health, type ProjectSummary } from './projects.data.ts';
import { daysBetween } from '../../../shared/time.ts';

/**
 * 项目实施总览 for the standing committee's staff, the government office and the presidium: one year's projects by
 * health as big tiles, progress per project (derived from milestones, the department's own figure as a marker),
 * money planned and spent, and what needs chasing — late milestones and inspection answers past their date.
 */
export default function DashboardPage() {
  const { id, congress } = useCongress();
  const [params, setParams] = useSearchParams<{ year?: string }>();
  const [all, { refetch }] = createResource(id, (c) => fetchProjects(c));
  const [findings] = createResource(id, fetchFindings);

  const years = () => yearsOf((latest(all) ?? []).map((p) => p.year));
  const year = () => {
    if (/^\d{4}$/.test(params.year ?? '')) return Number(params.year);
    const list = latest(all) ?? [];
    return list.some((p) => p.year === thisYear()) ? thisYear() : (list.map((p) => p.year).sort((a, b) => b - a)[0] ?? thisYear());
  };
  const rows = createMemo(() => (latest(all) ?? []).filter((p) => p.year === year()));
  const counts = createMemo(() => {
    const c = Object.fromEntries(HEALTHS.map((h) => [h, 0])) as Record<Health, number>;
    for (const p of rows()) c[p.health]++;
    return c;
  });
  // Names and dates of late milestones need each late project's detail; only those are fetched.
  const [late] = createResource(
    () => ({ c: id(), ids: rows().filter((p) => p.lateMilestones > 0).map((p) => p.id) }),
    async ({ c, ids }) => {
      const details = await Promise.all(ids.map((pid) => fetchProject(c, pid)));
      return details
        .flatMap((p) => p.milestoneList.filter((m) => m.late).map((m) => ({ project: p, m })))
        .sort((a, b) => b.m.daysLate - a.m.daysLate);
    },
  );
  const overdue = createMemo(() => {
    const ids = new Set(rows().map((p) => p.id));
    return (latest(findings) ?? []).filter((f) => f.overdue && ids.has(f.projectId)).sort((a, b) => (a.answerDueOn ?? '').localeCompare(b.answerDueOn ?? ''));
  });

  return (
    <Show when={can(id(), 'projects.dashboard')} fallback={<NoAccess />}>
      <PageHeader
        title={t('projects.dashboard.title')}
        lead={t('projects.dashboard.lead', { congress: congress().name, year: year() })}
        actions={
          <>
            <label class="field inline-select pj-year">
              <span class="label-row">
                <span class="label-text">{t('projects.filter.year')}</span>
              </span>
              <select onChange={(e) => setParams({ year: e.currentTarget.value })}>
                <For each={years()}>
                  {(y) => (
                    <option value={y} selected={y === year()}>
                      {t('projects.yearValue', { year: y })}
                    </option>
                  )}
                </For>
              </select>
            </label>
            <A class="btn btn-secondary" href={paths.report(id(), year(), Number(today().slice(5, 7)) <= 6 && year() === thisYear() ? 'mid' : 'end')}>
              {t('projects.report.open')}
            </A>
            <a class="btn btn-secondary" href={paths.publicList(id(), year())} target="_blank" rel="noopener">
              {t('projects.publicPage')}
            </a>
          </>
        }
      />
      <Async resource={all} retry={refetch}>
        {() => (
          <Show
            when={rows().length > 0}
            fallback={
              <EmptyState
                title={t('projects.dashboard.empty', { year: year() })}
                action={
                  <A class="btn btn-primary" href={paths.list(id())}>
                    {t('projects.toList')}
                  </A>
                }
              >
                {t('projects.dashboard.emptyNext')}
              </EmptyState>
            }
          >
            <ul class="pj-tiles" aria-label={t('projects.dashboard.byHealth')}>
              <li class="pj-tile pj-tile-total">
                <A href={`${paths.list(id())}?year=${year()}`}>
                  <span class="pj-tile-label">{t('projects.dashboard.total')}</span>
                  <span class="pj-tile-n num">{fmt.count(rows().length)}</span>
                </A>
              </li>
              <For each={HEALTHS}>
                {(h) => (
                  <li class={`pj-tile pj-tile-${h}`} classList={{ zero: counts()[h] === 0 }}>
                    <A href={`${paths.list(id())}?year=${year()}&health=${h}`}>
                      <span class="pj-tile-label">{healthLabel(h)}</span>
                      <span class="pj-tile-n num">{fmt.count(counts()[h])}</span>
                    </A>
                  </li>
                )}
              </For>
            </ul>

            <div class="pj-dash-grid">
              <section class="card pj-chart-card" aria-labelledby="dash-chart">
                <h2 id="dash-chart">{t('projects.dashboard.chart')}</h2>
                <ProgressChart rows={rows()} congressId={id()} />
              </section>
              <section class="card pj-money-card" aria-labelledby="dash-money">
                <h2 id="dash-money">{t('projects.dashboard.money')}</h2>
                <MoneyTotals rows={rows()} />
              </section>
            </div>

            <div class="pj-dash-grid even">
              <section class="card" aria-labelledby="dash-late">
                <h2 id="dash-late">{t('projects.dashboard.late')}</h2>
                <Async resource={late}>
                  {(list) => (
                    <Show when={list.length > 0} fallback={<p class="muted pj-none">{t('projects.dashboard.noLate')}</p>}>
                      <ul class="pj-chase">
                        <For each={list}>
                          {(x) => (
                            <li>
                              <A href={paths.project(id(), x.project.id)} class="strong-link">
                                {x.project.title}
                              </A>
                              <span class="pj-chase-what">{x.m.name}</span>
                              <span class="muted small nowrap">{t('projects.milestone.plannedOn', { date: fmt.date(x.m.plannedDate) })}</span>
                              <span class="tag tag-bad nowrap">{t('projects.milestone.daysLate', { n: x.m.daysLate })}</span>
                            </li>
                          )}
                        </For>
                      </ul>
                    </Show>
                  )}
                </Async>
              </section>
              <section class="card" aria-labelledby="dash-overdue">
                <h2 id="dash-overdue">{t('projects.dashboard.overdue')}</h2>
                <Show when={overdue().length > 0} fallback={<p class="muted pj-none">{t('projects.dashboard.noOverdue')}</p>}>
                  <ul class="pj-chase">
                    <For each={overdue()}>
                      {(f) => (
                        <li>
                          <A href={paths.inspection(id(), f.inspectionId)} class="strong-link">
                            {f.projectTitle}
                          </A>
                          <span class="pj-chase-what clamp-2">{f.text}</span>
                          <span class="muted small">
                            {f.department?.name} · <span class="nowrap">{t('inspections.finding.dueOn', { date: fmt.date(f.answerDueOn!) })}</span>
                          </span>
                          <span class="tag tag-bad nowrap">{t('inspections.finding.overdueDays', { n: daysBetween(f.answerDueOn!, today()) })}</span>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </section>
            </div>
          </Show>
        )}
      </Async>
    </Show>
  );
}

/** One bar per project: the fill is derived from milestones, the dark tick is what the department reported. */
function ProgressChart(props: { rows: ProjectSummary[]; congressId: string }) {
  return (
    <figure class="pj-chart">
      <div class="pj-chart-axis" aria-hidden="true">
        <span />
        <span class="pj-axis-scale">
          <For each={[0, 25, 50, 75, 100]}>{(n) => <span style={{ left: `${n}%` }}>{n}%</span>}</For>
        </span>
        <span />
      </div>
      <ul class="pj-chart-rows">
        <For each={props.rows}>
          {(p) => (
            <li class={`pj-chart-row pj-${p.health}`}>
              <A href={paths.project(props.congressId, p.id)} class="pj-chart-name" title={p.title}>
                {p.title}
              </A>
              <span
                class="pj-chart-track"
                role="img"
                aria-label={t('projects.dashboard.barAria', { title: p.title, derived: pct(p.derivedProgress), reported: pct(p.reportedProgress), health: healthLabel(p.health) })}
              >
                <span class="pj-chart-fill" style={{ width: `${p.derivedProgress ?? 0}%` }} />
                <Show when={p.reportedProgress !== null}>
                  <span class="pj-chart-mark" style={{ left: `${p.reportedProgress}%` }} />
                </Show>
              </span>
              <span class="pj-chart-value num">
                {pct(p.derivedProgress)}
                <Show when={p.reportedProgress !== null}>
                  <span class="muted small block">{t('projects.progress.reportedShort', { n: pct(p.reportedProgress) })}</span>
                </Show>
              </span>
            </li>
          )}
        </For>
      </ul>
      <figcaption class="pj-legend">
        <span>
          <span class="pj-key pj-key-fill" aria-hidden="true" />
          {t('projects.dashboard.legendDerived')}
        </span>
        <span>
          <span class="pj-key pj-key-mark" aria-hidden="true" />
          {t('projects.dashboard.legendReported')}
        </span>
        <span>
          <span class="pj-key pj-key-on_track" aria-hidden="true" />
          {healthLabel('on_track')}
        </span>
        <span>
          <span class="pj-key pj-key-at_risk" aria-hidden="true" />
          {healthLabel('at_risk')}
        </span>
        <span>
          <span class="pj-key pj-key-late" aria-hidden="true" />
          {healthLabel('late')}
        </span>
      </figcaption>
    </figure>
  );
}

function MoneyTotals(props: { rows: ProjectSummary[] }) {
  const planned = () => sumWan(props.rows.map((p) => p.plannedInvestment));
  const spent = () => sumWan(props.rows.map((p) => p.spentInvestment));
  const share = () => (Number(planned()) > 0 ? Math.round((Number(spent()) / Number(planned())) * 100) : 0);
  return (
    <>
      <dl class="pj-money-totals">
        <div>
          <dt>{t('projects.money.planned')}</dt>
          <dd class="num">
            {amount(planned())} <span class="pj-unit">{t('unit.wan')}</span>
          </dd>
        </div>
        <div>
          <dt>{t('projects.money.spent')}</dt>
          <dd class="num">
            {amount(spent())} <span class="pj-unit">{t('unit.wan')}</span>
          </dd>
        </div>
      </dl>
      <div class="pj-money-big" role="img" aria-label={t('projects.money.shareAria', { n: share() })}>
        <span style={{ width: `${Math.min(100, share())}%` }} />
      </div>
      <p class="muted">{t('projects.money.share', { n: share() })}</p>
      <ul class="pj-money-list">
        <For each={props.rows}>
          {(p) => (
            <li>
              <span class="pj-money-title">{p.title}</span>
              <span class="num nowrap">
                {amount(p.spentInvestment)} / {wan(p.plannedInvestment)}
              </span>
            </li>
          )}
        </For>
      </ul>
    </>
  );
}
