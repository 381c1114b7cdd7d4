import { A, useParams, useSearchParams } from '@solidjs/router';
import { createResource } from 'solid-js';
import { Async } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { usePageTitle } from '../components/PageHeader.tsx';
import { fmt, t } from '../i18n.ts';
import { LangSwitch } from '../layout/LangSwitch.tsx';
import { RequireSession } from '../layout/RequireSession.tsx';
import { fetchRollup, paths, yearOf } from './county.data.ts';
import { RollupTable, TrendTable } from './RollupTable.tsx';
import './county.css';

/** 年度汇总, printed on A4 landscape: the report table, the trend, the rules of the counts. */
export default function RollupPrintPage() {
  return (
    <RequireSession>
      <Print />
    </RequireSession>
  );
}

function Print() {
  const params = useParams<{ congressId: string }>();
  const [search] = useSearchParams<{ year?: string }>();
  const year = () => yearOf(search.year);
  const [data, { refetch }] = createResource(() => ({ c: params.congressId, y: year() }), (s) => fetchRollup(s.c, s.y));
  usePageTitle(() => t('county.nav.rollup'));
  return (
    <div class="print-page ct-print-page">
      <header class="print-toolbar no-print">
        <div class="print-toolbar-inner">
          <A href={paths.rollup(params.congressId, year())} class="btn btn-ghost">
            ← {t('county.nav.rollup')}
          </A>
          <div class="print-title">
            <h1>{t('county.nav.rollup')}</h1>
          </div>
          <div class="print-tools">
            <LangSwitch />
            <Button variant="primary" onClick={() => window.print()} disabled={!data.latest}>
              {t('county.rollup.print')}
            </Button>
          </div>
        </div>
      </header>
      <main id="main">
        <Async resource={data} retry={refetch} loadingText={t('county.loading')}>
          {(r) => (
            <article class="ct-sheet" aria-label={t('county.rollup.title', { name: r.county.name, year: r.year })}>
              <header class="ct-sheet-head">
                <h2>{t('county.rollup.title', { name: r.county.name, year: r.year })}</h2>
                <p class="ct-meta">{t('county.rollup.asOf', { day: fmt.date(r.asOf) })}</p>
              </header>
              <RollupTable r={r} compact />
              <TrendTable r={r} />
              <p class="ct-foot">{t('county.rollup.rules')}</p>
            </article>
          )}
        </Async>
      </main>
    </div>
  );
}
