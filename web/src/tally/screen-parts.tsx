/** Pieces of the big screen's result shared by a plain vote and a sitting: the bars of a project question and the QR. */
import QRCode from 'qrcode';
import { createMemo, createResource, For, Show } from 'solid-js';
import { t } from '../i18n.ts';
import { publicResultPath } from './tally.data.ts';

export type BarsResult = { threshold: number; valid: number; candidates: { id: string; title: string; for: number }[]; elected: string[]; tied: string[] };

/** How many candidates a chart holds decides its row height and type size. */
export const barsSize = (n: number) => (n <= 5 ? 'few' : n <= 9 ? 'some' : 'many');

/** 赞成 per candidate as horizontal bars, the threshold drawn across them; the elected first, in rank. */
export function Bars(props: { result: BarsResult; compact?: boolean }) {
  const r = () => props.result;
  const rows = createMemo(() =>
    r()
      .candidates.map((c, i) => ({ ...c, i }))
      .sort((a, b) => b.for - a.for || a.i - b.i),
  );
  const scale = () => Math.max(r().valid, r().threshold, ...r().candidates.map((c) => c.for), 1);
  const pct = (n: number) => `${(n / scale()) * 100}%`;
  return (
    <div
      class={`screen-chart size-${barsSize(rows().length)}`}
      classList={{ compact: !!props.compact }}
      style={{ '--p': String(r().threshold / scale()) }}
      role="img"
      aria-label={t('screen.chartLabel')}
    >
      <div class="screen-threshold" aria-hidden="true">
        <span class="screen-threshold-label">{t('screen.thresholdLine', { n: r().threshold })}</span>
      </div>
      <For each={rows()}>
        {(c) => {
          const rank = () => r().elected.indexOf(c.id);
          const tied = () => r().tied.includes(c.id);
          return (
            <div class="screen-bar-row" classList={{ elected: rank() >= 0, tied: tied() }}>
              <span class="screen-bar-name">
                <Show when={rank() >= 0}>
                  <span class="screen-rank num">{rank() + 1}</span>
                </Show>
                <span class="screen-bar-title">{c.title}</span>
              </span>
              <span class="screen-bar-track">
                <span class="screen-bar" style={{ width: pct(c.for) }} />
              </span>
              <span class="screen-bar-value num">
                {c.for}
                <Show when={rank() >= 0 || tied()}>
                  <span class="screen-bar-tag">{rank() >= 0 ? t('screen.elected') : t('tally.outcome.tied')}</span>
                </Show>
              </span>
            </div>
          );
        }}
      </For>
    </div>
  );
}

/** The QR of the public result page, with its address under 扫码查看结果. */
export function ResultQr(props: { voteId: string }) {
  const url = () => `${location.origin}${publicResultPath(props.voteId)}`;
  const [qr] = createResource(url, (u) => QRCode.toString(u, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }));
  return (
    <figure class="screen-qr">
      <Show when={qr()}>{(svg) => <div class="screen-qr-img" innerHTML={svg()} />}</Show>
      <figcaption>
        {t('screen.scan')}
        <span class="mono">{url().replace(/^https?:\/\//, '')}</span>
      </figcaption>
    </figure>
  );
}
