import { A, useSearchParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { Async } from '../components/Async.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useCongress } from '../congress/context.tsx';
import { fmt, t } from '../i18n.ts';
import { can } from '../session.ts';
import { fetchRollup, paths, rollupXlsxUrl, yearChoices, yearOf } from './county.data.ts';
import { RollupTable, TrendTable } from './RollupTable.tsx';
import './county.css';

/** 年度汇总: the standing committee's annual report on the townships below — on screen, printed on A4, in Excel. */
export default function RollupPage() {
  const { id } = useCongress();
  const [search, setSearch] = useSearchParams<{ year?: string }>();
  const year = () => yearOf(search.year);
  const [data, { refetch }] = createResource(() => (can(id(), 'county.read') ? { c: id(), y: year() } : false), (s) => fetchRollup(s.c, s.y));
  return (
    <Show when={can(id(), 'county.read')} fallback={<NoAccess />}>
      <PageHeader
        title={t('county.nav.rollup')}
        lead={t('county.rollup.lead')}
        actions={
          <>
            <a class="btn btn-secondary" href={rollupXlsxUrl(id(), year())} download="">
              {t('county.rollup.xlsx')}
            </a>
            <A class="btn btn-primary" href={paths.rollupPrint(id(), year())}>
              {t('county.rollup.print')}
            </A>
          </>
        }
      />
      <div class="ct-filters">
        <label class="field ct-field">
          <span class="label">{t('county.year')}</span>
          <select value={year()} onChange={(e) => setSearch({ year: e.currentTarget.value })}>
            <For each={yearChoices()}>{(y) => <option value={y}>{y}</option>}</For>
          </select>
        </label>
      </div>
      <Async resource={data} retry={refetch} loadingText={t('county.loading')}>
        {(r) => (
          <>
            <h2 class="ct-h2">
              {t('county.rollup.title', { name: r.county.name, year: r.year })} <span class="muted ct-asof">{t('county.rollup.asOf', { day: fmt.date(r.asOf) })}</span>
            </h2>
            <RollupTable r={r} />
            <TrendTable r={r} />
            <p class="hint">{t('county.rollup.rules')}</p>
          </>
        )}
      </Async>
    </Show>
  );
}
