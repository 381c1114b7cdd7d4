import { A, useParams, useSearchParams } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import { shanghaiToday } from '../../../shared/time.ts';
import { Async } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { usePageTitle } from '../components/PageHeader.tsx';
import { fmt, t } from '../i18n.ts';
import { LangSwitch } from '../layout/LangSwitch.tsx';
import { RequireSession } from '../layout/RequireSession.tsx';
import { fetchArchive, fetchMyArchive, paths } from './archive.data.ts';
import { Figures, Records, YearPicker, yearOf } from './parts.tsx';
import './archive.css';

/** 代表履职档案 on A4: one representative's year, as the office files it (or as the representative prints their own: `me`). */
export default function PrintPage() {
  return (
    <RequireSession>
      <Sheet />
    </RequireSession>
  );
}

function Sheet() {
  const params = useParams<{ congressId: string; representativeId: string }>();
  const [search, setSearch] = useSearchParams<{ year?: string }>();
  const year = () => yearOf(search.year);
  const me = () => params.representativeId === 'me';
  const [data, { refetch }] = createResource(
    () => ({ c: params.congressId, r: params.representativeId, y: year() }),
    (k) => (k.r === 'me' ? fetchMyArchive(k.c, k.y) : fetchArchive(k.c, k.r, k.y)),
  );
  usePageTitle(() => `${t('archive.print.title')} ${data.latest?.representative.name ?? ''}`);
  return (
    <div class="print-page ar-print-page">
      <header class="print-toolbar no-print">
        <div class="print-toolbar-inner">
          <A href={me() ? paths.me(params.congressId, year()) : paths.one(params.congressId, params.representativeId, year())} class="btn btn-ghost">
            ← {t('archive.title')}
          </A>
          <div class="print-title">
            <h1>{t('archive.print.title')}</h1>
          </div>
          <div class="print-tools">
            <YearPicker year={year()} onYear={(y) => setSearch({ year: String(y) })} />
            <LangSwitch />
            <Button variant="primary" onClick={() => window.print()} disabled={!data.latest}>
              {t('archive.print')}
            </Button>
          </div>
        </div>
      </header>
      <main id="main">
        <Async resource={data} retry={refetch}>
          {(a) => (
            <article class="ar-sheet" aria-label={t('archive.print.title')}>
              <header class="ar-sheet-head">
                <p class="ar-sheet-congress">{a.congressName}</p>
                <h2>{t('archive.one.title', { name: a.representative.name, year: a.year })}</h2>
                <p class="ar-sheet-meta">
                  <Show when={a.representative.delegation}>{a.representative.delegation} · </Show>
                  <Show when={a.representative.constituency}>{a.representative.constituency} · </Show>
                  {t('archive.print.made', { date: fmt.date(shanghaiToday()) })}
                </p>
              </header>
              <Figures a={a} />
              <Records a={a} congressId={params.congressId} />
              <p class="ar-sheet-sign">{t('archive.print.sign')}</p>
            </article>
          )}
        </Async>
      </main>
    </div>
  );
}
