/** The roll-up's table, said once for the screen and the A4 print: a row per township and the total, the columns of shared/county/columns.ts. */
import { For } from 'solid-js';
import { RATE_COLUMNS, ROLLUP_COLUMNS } from '../../../shared/county/columns.ts';
import type { Rollup } from '../../../shared/county/schema.ts';
import { fmt, t } from '../i18n.ts';
import { pct } from './county.data.ts';
import { scrollable } from '../components/Table.tsx';

type Figures = Rollup['total'];
const cell = (k: string, v: number | string | null) => ((RATE_COLUMNS as readonly string[]).includes(k) ? pct(v as number | null) : typeof v === 'number' ? fmt.count(v) : (v ?? '—'));

export function RollupTable(props: { r: Rollup; compact?: boolean }) {
  const row = (name: string, f: Figures | Rollup['rows'][number], total = false) => (
    <tr classList={{ 'ct-total': total }}>
      <th scope="row">{name}</th>
      <For each={ROLLUP_COLUMNS}>{([k, read]) => <td class="num">{cell(k, read(f))}</td>}</For>
    </tr>
  );
  return (
    <div class="ct-scroll" ref={scrollable}>
      <table class="ct-table ct-plain ct-rollup" classList={{ compact: !!props.compact }}>
        <thead>
          <tr>
            <th scope="col">{t('county.col.name')}</th>
            <For each={ROLLUP_COLUMNS}>{([k]) => <th scope="col" class="num">{t(`county.col.${k}`)}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <For each={props.r.rows}>{(x) => row(x.name, x)}</For>
          {row(t('county.rollup.total'), props.r.total, true)}
        </tbody>
      </table>
    </div>
  );
}

/** Satisfaction over the years: the evaluation's and the loop's, per township and in total. */
export function TrendTable(props: { r: Rollup }) {
  const years = () => props.r.total.evaluationTrend.map((x) => x.year);
  const line = (name: string, label: string, tr: Rollup['total']['evaluationTrend']) => (
    <tr>
      <th scope="row">{name}</th>
      <td>{label}</td>
      <For each={tr}>
        {(x) => (
          <td class="num">
            {pct(x.rate)}
            {x.change !== null && x.change !== 0 ? <span class="ct-change">{x.change > 0 ? ` ▲${x.change}` : ` ▼${-x.change}`}</span> : ''}
          </td>
        )}
      </For>
    </tr>
  );
  return (
    <div class="ct-scroll" ref={scrollable}>
      <table class="ct-table ct-plain compact">
        <caption>{t('county.rollup.trend')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('county.col.name')}</th>
            <th scope="col">{t('county.rollup.trend')}</th>
            <For each={years()}>{(y) => <th scope="col" class="num">{y}</th>}</For>
          </tr>
        </thead>
        <tbody>
          {line(t('county.rollup.total'), t('county.rollup.trend.evaluation'), props.r.total.evaluationTrend)}
          {line(t('county.rollup.total'), t('county.rollup.trend.loop'), props.r.total.loopTrend)}
          <For each={props.r.rows}>
            {(x) => (
              <>
                {line(x.name, t('county.rollup.trend.evaluation'), x.evaluationTrend)}
                {line(x.name, t('county.rollup.trend.loop'), x.loopTrend)}
              </>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
