import { A, useParams, useSearchParams } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import { Async, latest } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { nowrap } from '../components/Nowrap.tsx';
import { usePageTitle } from '../components/PageHeader.tsx';
import { fetchCongress } from '../congress/congresses.data.ts';
import { fmt, t, tx } from '../i18n.ts';
import { LangSwitch } from '../layout/LangSwitch.tsx';
import { RequireSession } from '../layout/RequireSession.tsx';
import { posterQrUrl } from '../public/public.data.ts';
import { fetchShortAddress, typable } from '../public/short-address.data.ts';
import { currentWindow, fetchWindows } from './gathering.data.ts';
import './gathering.css';

/**
 * The collection poster (征集海报) on one A4 sheet, for liaison stations, notice boards and lifts: the congress,
 * the year and dates, a big QR that opens the public submission page (drawn by the server), the short address a
 * person can type from it (/p/K7Q3M, the congress's short code), and three short steps. `?year=` picks a window; otherwise the open one, the next one, or the latest.
 */
export default function PosterPage() {
  return (
    <RequireSession>
      <Poster />
    </RequireSession>
  );
}

function Poster() {
  const params = useParams<{ congressId: string }>();
  const [search] = useSearchParams<{ year?: string }>();
  const [data, { refetch }] = createResource(
    () => params.congressId,
    async (id) => {
      const [congress, windows, address] = await Promise.all([fetchCongress(id), fetchWindows(id), fetchShortAddress(id)]);
      return { congress, windows, address };
    },
  );
  const chosen = () => {
    const d = latest(data);
    if (!d) return null;
    return d.windows.find((w) => String(w.year) === search.year) ?? currentWindow(d.windows);
  };
  usePageTitle(() => (latest(data) ? `${t('poster.title')} · ${latest(data)!.congress.name}` : t('poster.title')));

  return (
    <div class="print-page">
      <header class="print-toolbar no-print">
        <div class="print-toolbar-inner">
          <A href={`/c/${params.congressId}/gathering`} class="btn btn-ghost">
            ← {t('poster.back')}
          </A>
          <div class="print-title">
            <h1>{t('poster.title')}</h1>
            <Show when={latest(data)}>{(d) => <p class="muted">{d().congress.name}</p>}</Show>
          </div>
          <div class="print-tools">
            <LangSwitch />
            <Button variant="primary" onClick={() => window.print()} disabled={!chosen()}>
              {t('poster.print')}
            </Button>
          </div>
        </div>
        <p class="print-hint">{t('poster.hint')}</p>
      </header>
      <main id="main">
        <Async resource={data} retry={refetch}>
          {(d) => (
            <Show
              when={chosen()}
              fallback={
                <div class="print-empty">
                  <EmptyState
                    title={t('poster.noWindow')}
                    action={
                      <A class="btn btn-primary" href={`/c/${params.congressId}/gathering`}>
                        {t('poster.toWindows')}
                      </A>
                    }
                  >
                    {t('poster.noWindowNext')}
                  </EmptyState>
                </div>
              }
            >
              {(w) => (
                <div class="sheets">
                  <article class="sheet poster">
                    <header class="poster-band">
                      <p class="poster-congress">{d.congress.name}</p>
                      <p class="poster-kind">{t('poster.kind', { year: w().year })}</p>
                    </header>
                    <h2 class="poster-headline">{t('poster.headline')}</h2>
                    <p class="poster-lead">{t('poster.lead')}</p>
                    <p class="poster-dates">{tx('poster.dates', { from: nowrap(fmt.date(w().opensOn)), to: nowrap(fmt.date(w().closesOn)) })}</p>
                    <div class="poster-qr-box">
                      <img class="poster-qr" src={posterQrUrl(d.congress.id)} alt={t('poster.qrAlt')} width="280" height="280" />
                      <p class="poster-scan">{t('poster.scan')}</p>
                      <p class="poster-url">
                        {t('poster.orType')}
                        <span class="mono poster-short" data-testid="poster-short-url">
                          {typable(d.address.submitUrl)}
                        </span>
                      </p>
                    </div>
                    <ol class="poster-steps">
                      <li>{t('poster.step1')}</li>
                      <li>{t('poster.step2')}</li>
                      <li>{t('poster.step3')}</li>
                    </ol>
                    <footer class="poster-foot">{t('poster.foot')}</footer>
                  </article>
                </div>
              )}
            </Show>
          )}
        </Async>
      </main>
    </div>
  );
}
