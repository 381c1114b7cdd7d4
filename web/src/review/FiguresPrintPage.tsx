import { A, useParams, useSearchParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { Async } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { usePageTitle } from '../components/PageHeader.tsx';
import { fmt, t } from '../i18n.ts';
import { LangSwitch } from '../layout/LangSwitch.tsx';
import { RequireSession } from '../layout/RequireSession.tsx';
import { CountsTable, GROUPINGS, RatingsTable, thisYear } from './parts.tsx';
import { fetchFigures, paths } from './review.data.ts';
import './review.css';

const UUID = /^[0-9a-f-]{36}$/i;

/** 意见建议办理情况统计表, printed on A4: every grouping, the handling ratings, the rules of the counts. */
export default function FiguresPrintPage() {
  return (
    <RequireSession>
      <Print />
    </RequireSession>
  );
}

function Print() {
  const params = useParams<{ congressId: string }>();
  const [search] = useSearchParams<{ year?: string; department?: string }>();
  const year = () => (/^\d{4}$/.test(search.year ?? '') ? Number(search.year) : thisYear());
  const department = () => (UUID.test(search.department ?? '') ? search.department : undefined);
  const [data, { refetch }] = createResource(() => ({ c: params.congressId, y: year(), d: department() }), (s) => fetchFigures(s.c, s.y, s.d));
  usePageTitle(() => t('review.figures.print', { year: year() }));
  return (
    <div class="print-page rv-print-page">
      <header class="print-toolbar no-print">
        <div class="print-toolbar-inner">
          <A href={paths.review(params.congressId, year(), department())} class="btn btn-ghost">
            ← {t('review.back')}
          </A>
          <div class="print-title">
            <h1>{t('review.figures.print', { year: year() })}</h1>
          </div>
          <div class="print-tools">
            <LangSwitch />
            <Button variant="primary" onClick={() => window.print()} disabled={!data.latest}>
              {t('review.printNow')}
            </Button>
          </div>
        </div>
      </header>
      <main id="main">
        <Async resource={data} retry={refetch} loadingText={t('review.loading')}>
          {(f) => (
            <article class="rv-sheet" aria-label={t('review.figures.print', { year: f.year })}>
              <header class="rv-sheet-head">
                <p class="rv-congress">{f.congress.name}</p>
                <h2>{t('review.figures.print', { year: f.year })}</h2>
                <p class="rv-meta">
                  {t('review.asOfDate', { date: fmt.date(f.asOf) })}
                  <Show when={f.department}> · {f.department!.name}</Show>
                </p>
              </header>
              <For each={GROUPINGS}>{(g) => <CountsTable f={f} grouping={g} caption={t(`review.by.${g}`)} compact />}</For>
              <RatingsTable f={f} caption />
              <p class="rv-foot">{t('review.rules')}</p>
              <p class="rv-foot">{t('review.ratings.lead', { k: f.kMin })}</p>
            </article>
          )}
        </Async>
      </main>
    </div>
  );
}
