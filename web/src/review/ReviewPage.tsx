import { A, useSearchParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { Async } from '../components/Async.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useCongress } from '../congress/context.tsx';
import { fetchDepartments } from '../congress/members.data.ts';
import { fmt, t } from '../i18n.ts';
import { can } from '../session.ts';
import { CountsTable, GROUPINGS, RatingsTable, thisMonth, thisYear, yearChoices, type Grouping } from './parts.tsx';
import { fetchFigures, figuresCsvUrl, figuresXlsxUrl, paths } from './review.data.ts';
import './review.css';

const UUID = /^[0-9a-f-]{36}$/i;

/**
 * 研判与统计: the year's figures — received, answered on time, resolved, satisfaction, reopened — by department,
 * category, station and month, each row a link to the items it counts; the back-to-back handling ratings by the k-rule;
 * downloads (CSV, Excel) and the printed table; the monthly review sheet and the holiday calendar. A department account
 * sees its own department's figures.
 */
export default function ReviewPage() {
  const { id } = useCongress();
  const [params, setParams] = useSearchParams<{ year?: string; department?: string; by?: string }>();
  const year = () => (/^\d{4}$/.test(params.year ?? '') ? Number(params.year) : thisYear());
  const department = () => (UUID.test(params.department ?? '') ? params.department : undefined);
  const all = () => can(id(), 'review.figures.all');
  const by = (): Grouping => ((GROUPINGS as string[]).includes(params.by ?? '') ? (params.by as Grouping) : 'department');
  const [departments] = createResource(() => (all() ? id() : false), fetchDepartments);
  const [figures, { refetch }] = createResource(() => ({ c: id(), y: year(), d: department() }), (s) => fetchFigures(s.c, s.y, s.d));
  const [month, setMonth] = createSignal(thisMonth());
  const itemsLink = (o: Record<string, string>) => paths.items(id(), { ...(department() ? { department: department() } : {}), ...o });

  return (
    <Show when={can(id(), 'review.figures')} fallback={<NoAccess />}>
      <PageHeader
        title={t('review.title')}
        lead={t('review.lead')}
        actions={
          <>
            <a class="btn btn-secondary" href={figuresCsvUrl(id(), year(), department())} download="">
              {t('review.csv')}
            </a>
            <a class="btn btn-secondary" href={figuresXlsxUrl(id(), year(), department())} download="">
              {t('review.xlsx')}
            </a>
            <A class="btn btn-primary" href={paths.figuresPrint(id(), year(), department())}>
              {t('review.print')}
            </A>
          </>
        }
      />
      <div class="rv-filters">
        <label class="field rv-field">
          <span class="label">{t('review.year')}</span>
          <select value={year()} onChange={(e) => setParams({ year: e.currentTarget.value })}>
            <For each={yearChoices()}>{(y) => <option value={y}>{t('review.yearValue', { year: y })}</option>}</For>
          </select>
        </label>
        <Show when={all()}>
          <label class="field rv-field">
            <span class="label">{t('review.department')}</span>
            <select value={department() ?? ''} onChange={(e) => setParams({ department: e.currentTarget.value || undefined })}>
              <option value="">{t('review.allDepartments')}</option>
              <For each={departments() ?? []}>{(d) => <option value={d.id}>{d.name}</option>}</For>
            </select>
          </label>
        </Show>
        <div class="segmented rv-by" role="radiogroup" aria-label={t('review.col.group')}>
          <For each={GROUPINGS}>
            {(g) => (
              <button type="button" role="radio" aria-checked={by() === g} classList={{ on: by() === g }} onClick={() => setParams({ by: g === 'department' ? undefined : g })}>
                {t(`review.by.${g}`)}
              </button>
            )}
          </For>
        </div>
      </div>

      <Async resource={figures} retry={refetch} loadingText={t('review.loading')}>
        {(f) => (
          <>
            <p class="muted rv-asof">
              {t('review.asOfDate', { date: fmt.date(f.asOf) })}
              <Show when={f.department}> · {f.department!.name}</Show>
            </p>
            <dl class="rv-tiles">
              <div>
                <dt>{t('review.col.received')}</dt>
                <dd>{f.total.received}</dd>
              </div>
              <div>
                <dt>{t('review.col.onTimeRate')}</dt>
                <dd>{f.total.onTimeRate === null ? '—' : `${f.total.onTimeRate.toFixed(1)}%`}</dd>
              </div>
              <div>
                <dt>{t('review.col.resolvedRate')}</dt>
                <dd>{f.total.resolvedRate === null ? '—' : `${f.total.resolvedRate.toFixed(1)}%`}</dd>
              </div>
              <div>
                <dt>{t('review.col.satisfactionRate')}</dt>
                <dd>{f.total.satisfactionRate === null ? '—' : `${f.total.satisfactionRate.toFixed(1)}%`}</dd>
              </div>
              <div classList={{ bad: f.total.overdue > 0 }}>
                <dt>{t('review.col.overdue')}</dt>
                <dd>
                  <A href={itemsLink({ due: 'overdue' })}>{f.total.overdue}</A>
                </dd>
              </div>
              <div>
                <dt>{t('review.col.reopened')}</dt>
                <dd>{f.total.reopened}</dd>
              </div>
            </dl>
            <CountsTable f={f} grouping={by()} caption={`${t(`review.by.${by()}`)} · ${t('review.yearValue', { year: f.year })}`} linkOf={itemsLink} />
            <p class="hint rv-rules">{t('review.rules')}</p>
            <section class="rv-section" aria-labelledby="rv-ratings">
              <h2 id="rv-ratings">{t('review.ratings.title')}</h2>
              <p class="hint">{t('review.ratings.lead', { k: f.kMin })}</p>
              <RatingsTable f={f} />
            </section>
          </>
        )}
      </Async>

      <div class="rv-more">
        <Show when={can(id(), 'review.sheet')}>
          <section class="card rv-card" aria-labelledby="rv-sheet">
            <h2 id="rv-sheet">{t('review.sheet.title')}</h2>
            <p class="hint">{t('review.sheet.lead')}</p>
            <div class="rv-row">
              <label class="field rv-field">
                <span class="label">{t('review.sheet.month')}</span>
                <input type="month" value={month()} onInput={(e) => setMonth(e.currentTarget.value)} />
              </label>
              <A class="btn btn-primary" href={paths.sheet(id(), /^\d{4}-\d{2}$/.test(month()) ? month() : thisMonth())}>
                {t('review.sheet.open')}
              </A>
            </div>
          </section>
        </Show>
        <Show when={can(id(), 'review.calendar.read')}>
          <section class="card rv-card" aria-labelledby="rv-cal">
            <h2 id="rv-cal">{t('review.calendar.title')}</h2>
            <p class="hint">{t('review.calendar.lead')}</p>
            <A class="btn btn-secondary" href={paths.calendar(id())}>
              {t('review.calendar.link')}
            </A>
          </section>
        </Show>
      </div>
    </Show>
  );
}
