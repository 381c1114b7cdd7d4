import { A, useParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { Async, latest } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { usePageTitle } from '../components/PageHeader.tsx';
import { fmt, t } from '../i18n.ts';
import { LangSwitch } from '../layout/LangSwitch.tsx';
import { RequireSession } from '../layout/RequireSession.tsx';
import { stationKindLabel } from './labels.ts';
import { fetchPublicStation, stationQrUrl } from './stations.data.ts';
import '../gathering/gathering.css';
import './stations.css';

/**
 * A station's poster (联络站公示牌) on one A4 sheet for its wall: the station, its reception times and contact, the
 * representatives of the station, the next published reception days, and a big QR that opens its public page with
 * the form for opinions and suggestions (drawn by the server).
 */
export default function StationPosterPage() {
  return (
    <RequireSession>
      <Poster />
    </RequireSession>
  );
}

function Poster() {
  const params = useParams<{ congressId: string; stationId: string }>();
  const [station, { refetch }] = createResource(() => params.stationId, fetchPublicStation);
  usePageTitle(() => (latest(station) ? `${t('stations.poster')} · ${latest(station)!.name}` : t('stations.poster')));
  return (
    <div class="print-page">
      <header class="print-toolbar no-print">
        <div class="print-toolbar-inner">
          <A href={`/c/${params.congressId}/stations/${params.stationId}`} class="btn btn-ghost">
            ← {t('stations.poster.back')}
          </A>
          <div class="print-title">
            <h1>{t('stations.poster')}</h1>
            <Show when={latest(station)}>{(s) => <p class="muted">{s().name}</p>}</Show>
          </div>
          <div class="print-tools">
            <LangSwitch />
            <Button variant="primary" onClick={() => window.print()} disabled={!latest(station)}>
              {t('poster.print')}
            </Button>
          </div>
        </div>
        <p class="print-hint">{t('stations.poster.hint')}</p>
      </header>
      <main id="main">
        <Async resource={station} retry={refetch}>
          {(s) => (
            <div class="sheets">
              <article class="sheet poster station-poster">
                <header class="poster-band">
                  <p class="poster-congress">{s.congressName}</p>
                  <p class="poster-kind">{stationKindLabel(s.kind)}</p>
                </header>
                <h2 class="poster-headline">{s.name}</h2>
                <p class="poster-lead">{t('stations.poster.lead')}</p>
                <dl class="poster-facts">
                  <Show when={s.receptionTimes}>
                    <dt>{t('stations.field.receptionTimes')}</dt>
                    <dd>{s.receptionTimes}</dd>
                  </Show>
                  <Show when={s.address}>
                    <dt>{t('stations.field.address')}</dt>
                    <dd>{s.address}</dd>
                  </Show>
                  <Show when={s.contact}>
                    <dt>{t('stations.field.contact')}</dt>
                    <dd>{s.contact}</dd>
                  </Show>
                </dl>
                <Show when={s.representatives.length}>
                  <p class="poster-reps">
                    <strong>{t('station.public.representatives')}：</strong>
                    {s.representatives.map((r) => r.name).join('　')}
                  </p>
                </Show>
                <Show when={s.upcoming.length}>
                  <p class="poster-days">
                    <strong>{t('station.public.upcoming')}：</strong>
                    <For each={s.upcoming.slice(0, 4)}>
                      {(d) => (
                        <span class="nowrap">
                          {fmt.date(d.day)}
                          <Show when={d.duty.length}>（{d.duty.join('、')}）</Show>
                          {'　'}
                        </span>
                      )}
                    </For>
                  </p>
                </Show>
                <div class="poster-qr-box">
                  <img class="poster-qr" src={stationQrUrl(s.id)} alt={t('stations.poster.qrAlt')} width="260" height="260" />
                  <p class="poster-scan">{t('stations.poster.scan')}</p>
                  <p class="poster-url mono" data-testid="station-poster-url">
                    {s.pageUrl}
                  </p>
                </div>
                <footer class="poster-foot">{t('stations.poster.foot')}</footer>
              </article>
            </div>
          )}
        </Async>
      </main>
    </div>
  );
}
