import { A, useParams, useSearchParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { Async } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { usePageTitle } from '../components/PageHeader.tsx';
import { fmt, t } from '../i18n.ts';
import { LangSwitch } from '../layout/LangSwitch.tsx';
import { RequireSession } from '../layout/RequireSession.tsx';
import { amount, healthLabel, pct, thisYear } from './parts.tsx';
import { fetchReport, paths, reportCsvUrl, type Period, type ProgressReport } from './projects.data.ts';

/**
 * 进展报告 (mid-year or year-end), generated from the data and printed on A4: the totals by health and money, then one
 * row per project — lead department, money, progress (derived and reported), milestones done, late milestones, open
 * findings and the latest summary. The CSV carries the same rows for a spreadsheet.
 */
export default function ReportPage() {
  return (
    <RequireSession>
      <Report />
    </RequireSession>
  );
}

function Report() {
  const params = useParams<{ congressId: string }>();
  const [search, setSearch] = useSearchParams<{ year?: string; period?: string }>();
  const year = () => (/^\d{4}$/.test(search.year ?? '') ? Number(search.year) : thisYear());
  const period = (): Period => (search.period === 'mid' ? 'mid' : 'end');
  const [data, { refetch }] = createResource(() => ({ c: params.congressId, year: year(), period: period() }), (s) => fetchReport(s.c, s.year, s.period));
  const title = () => t(period() === 'mid' ? 'projects.report.titleMid' : 'projects.report.titleEnd', { year: year() });
  usePageTitle(title);

  return (
    <div class="print-page pj-report-page">
      <header class="print-toolbar no-print">
        <div class="print-toolbar-inner">
          <A href={paths.dashboard(params.congressId)} class="btn btn-ghost">
            ← {t('projects.report.back')}
          </A>
          <div class="print-title">
            <h1>{t('projects.report.name')}</h1>
            <p class="muted">{title()}</p>
          </div>
          <div class="print-tools pj-report-tools">
            <label class="pj-report-year">
              <span class="sr-only">{t('projects.filter.year')}</span>
              <select onChange={(e) => setSearch({ year: e.currentTarget.value })}>
                <For each={[thisYear() + 1, thisYear(), thisYear() - 1, thisYear() - 2, thisYear() - 3]}>
                  {(y) => (
                    <option value={y} selected={y === year()}>
                      {t('projects.yearValue', { year: y })}
                    </option>
                  )}
                </For>
              </select>
            </label>
            <div class="segmented" role="radiogroup" aria-label={t('projects.report.period')}>
              <For each={['mid', 'end'] as Period[]}>
                {(p) => (
                  <button type="button" role="radio" aria-checked={period() === p} classList={{ on: period() === p }} onClick={() => setSearch({ period: p })}>
                    {t(`projects.report.period.${p}`)}
                  </button>
                )}
              </For>
            </div>
            <LangSwitch />
            <a class="btn btn-secondary" href={reportCsvUrl(params.congressId, year(), period())} download="">
              {t('projects.report.csv')}
            </a>
            <Button variant="primary" onClick={() => window.print()} disabled={!data.latest}>
              {t('projects.report.print')}
            </Button>
          </div>
        </div>
        <p class="print-hint">{t('projects.report.hint')}</p>
      </header>
      <main id="main">
        <Async resource={data} retry={refetch} loadingText={t('projects.report.loading')}>
          {(r) => <Sheet r={r} />}
        </Async>
      </main>
    </div>
  );
}

function Sheet(props: { r: ProgressReport }) {
  const r = () => props.r;
  const tot = () => r().totals;
  const share = () => (Number(tot().plannedInvestment) > 0 ? Math.round((Number(tot().spentInvestment) / Number(tot().plannedInvestment)) * 100) : 0);
  return (
    <article class="pj-rp-sheet pj-report-sheet" aria-label={t('projects.report.name')}>
      <header class="pj-rp-head">
        <p class="pj-rp-congress">{r().congress.name}</p>
        <h2 class="pj-rp-title pj-report-title">{t(r().period === 'mid' ? 'projects.report.titleMid' : 'projects.report.titleEnd', { year: r().year })}</h2>
        <p class="pj-rp-meta">{t('projects.report.asOf', { date: fmt.date(r().asOf) })}</p>
      </header>

      <section class="pj-rp-block">
        <h3>{t('projects.report.totals')}</h3>
        <table class="pj-rp-table counts pj-report-counts">
          <thead>
            <tr>
              <th scope="col">{t('projects.report.projects')}</th>
              <th scope="col">{healthLabel('completed')}</th>
              <th scope="col">{healthLabel('on_track')}</th>
              <th scope="col">{healthLabel('at_risk')}</th>
              <th scope="col">{healthLabel('late')}</th>
              <th scope="col">{healthLabel('suspended')}</th>
              <th scope="col">{healthLabel('terminated')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td class="num">{tot().projects}</td>
              <td class="num">{tot().completed}</td>
              <td class="num">{tot().onTrack}</td>
              <td class="num">{tot().atRisk}</td>
              <td class="num">{tot().late}</td>
              <td class="num">{tot().suspended}</td>
              <td class="num">{tot().terminated}</td>
            </tr>
          </tbody>
        </table>
        <p class="pj-rp-validity">
          {t('projects.report.money', { planned: amount(tot().plannedInvestment), spent: amount(tot().spentInvestment), share: share() })}
        </p>
      </section>

      <section class="pj-rp-block pj-report-rows">
        <h3>{t('projects.report.byProject')}</h3>
        <Show when={r().projects.length > 0} fallback={<p>{t('projects.report.none')}</p>}>
          <table class="pj-rp-table pj-report-table">
            <thead>
              <tr>
                <th scope="col" class="pos">{t('projects.report.col.n')}</th>
                <th scope="col">{t('projects.report.col.project')}</th>
                <th scope="col" class="n pj-wrap-head pj-rp-money">{t('projects.report.col.money')}</th>
                <th scope="col" class="n">{t('projects.report.col.progress')}</th>
                <th scope="col" class="n">{t('projects.report.col.milestones')}</th>
                <th scope="col">{t('projects.report.col.health')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={r().projects}>
                {(p, i) => (
                  <>
                    <tr class="pj-report-main">
                      <td class="pos num" rowSpan={p.latestSummary ? 2 : 1}>
                        {i() + 1}
                      </td>
                      <th scope="row">
                        {p.title}
                        <span class="pj-report-dept">{p.leadDepartment.name}</span>
                      </th>
                      <td class="n num">
                        {amount(p.spentInvestment)}
                        <span class="pj-report-of">/ {amount(p.plannedInvestment)}</span>
                      </td>
                      <td class="n num">
                        {pct(p.derivedProgress)}
                        <Show when={p.reportedProgress !== null}>
                          <span class="pj-report-of">{t('projects.progress.reportedShort', { n: pct(p.reportedProgress) })}</span>
                        </Show>
                      </td>
                      <td class="n num">
                        {p.milestonesDone}/{p.milestones}
                        <Show when={p.lateMilestones > 0}>
                          <span class="pj-report-of pj-report-bad">{t('projects.report.lateN', { n: p.lateMilestones })}</span>
                        </Show>
                      </td>
                      <td>
                        <span class="pj-report-health" classList={{ bad: p.health === 'late', warn: p.health === 'at_risk' }}>
                          {healthLabel(p.health)}
                        </span>
                        <Show when={p.completedOn}>
                          <span class="pj-report-of nowrap">{fmt.date(p.completedOn!)}</span>
                        </Show>
                        <Show when={!p.completedOn}>
                          <span class="pj-report-of nowrap">{t('projects.report.due', { date: fmt.date(p.plannedCompletion) })}</span>
                        </Show>
                        <Show when={p.openFindings > 0}>
                          <span class="pj-report-of">{t('projects.list.openFindings', { n: p.openFindings })}</span>
                        </Show>
                      </td>
                    </tr>
                    <Show when={p.latestSummary}>
                      <tr class="pj-report-summary">
                        <td colSpan={5}>
                          <span class="pj-report-label">{t('projects.report.latest')}</span>
                          {p.latestSummary}
                        </td>
                      </tr>
                    </Show>
                  </>
                )}
              </For>
            </tbody>
          </table>
        </Show>
      </section>
      <footer class="pj-rp-foot">{t('projects.report.foot', { congress: r().congress.name, date: fmt.date(r().asOf) })}</footer>
    </article>
  );
}
