import { A, useParams, useSearchParams } from '@solidjs/router';
import { createResource, For } from 'solid-js';
import { POINT_EVENTS } from '../../../shared/archive/points.ts';
import { COUNT_KEYS, SORT_KEYS } from '../../../shared/archive/schema.ts';
import { shanghaiToday } from '../../../shared/time.ts';
import { Async } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { usePageTitle } from '../components/PageHeader.tsx';
import { fmt, t, type MessageKey } from '../i18n.ts';
import { LangSwitch } from '../layout/LangSwitch.tsx';
import { RequireSession } from '../layout/RequireSession.tsx';
import { fetchTable, paths, type Order, type SortKey } from './archive.data.ts';
import { countWord, YearPicker, yearOf } from './parts.tsx';
import './archive.css';

/** 年度代表履职统计表 on A4 landscape, in the order chosen on screen, with the points rules it was counted by. */
export default function TablePrintPage() {
  return (
    <RequireSession>
      <Sheet />
    </RequireSession>
  );
}

function Sheet() {
  const params = useParams<{ congressId: string }>();
  const [search, setSearch] = useSearchParams<{ year?: string; sort?: string; order?: string }>();
  const year = () => yearOf(search.year);
  const sort = (): SortKey => ((SORT_KEYS as readonly string[]).includes(search.sort ?? '') ? (search.sort as SortKey) : 'points');
  const order = (): Order => (search.order === 'asc' ? 'asc' : 'desc');
  const [data, { refetch }] = createResource(() => ({ c: params.congressId, y: year(), s: sort(), o: order() }), (k) => fetchTable(k.c, k.y, k.s, k.o));
  usePageTitle(() => t('archive.tableTitle', { year: year() }));
  return (
    <div class="print-page ar-print-page ar-print-wide">
      <header class="print-toolbar no-print">
        <div class="print-toolbar-inner">
          <A href={paths.table(params.congressId, year())} class="btn btn-ghost">
            ← {t('archive.title')}
          </A>
          <div class="print-title">
            <h1>{t('archive.tableTitle', { year: year() })}</h1>
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
          {(tb) => (
            <article class="ar-sheet ar-sheet-wide">
              <header class="ar-sheet-head">
                <h2>{t('archive.print.tableTitle', { congress: tb.congressName, year: tb.year })}</h2>
                <p class="ar-sheet-meta">{t('archive.print.made', { date: fmt.date(shanghaiToday()) })}</p>
              </header>
              <table class="ar-table ar-print-table">
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">{t('archive.name')}</th>
                    <th scope="col">{t('archive.delegation')}</th>
                    <th scope="col">{t('archive.count.points')}</th>
                    <For each={COUNT_KEYS}>{(k) => <th scope="col">{countWord(k)}</th>}</For>
                  </tr>
                </thead>
                <tbody>
                  <For each={tb.rows}>
                    {(r, i) => (
                      <tr>
                        <td class="num">{i() + 1}</td>
                        <th scope="row">{r.name}</th>
                        <td>{r.delegation}</td>
                        <td class="num">
                          <strong>{r.points}</strong>
                        </td>
                        <For each={COUNT_KEYS}>{(k) => <td class="num">{r.counts[k]}</td>}</For>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
              <p class="ar-sheet-rules">
                {t('archive.print.rules', {
                  rules: POINT_EVENTS.map((e) => `${t(`archive.event.${e}` as MessageKey)} ${tb.rules[e]}`).join('；'),
                })}
              </p>
              <p class="ar-sheet-sign">{t('archive.print.sign')}</p>
            </article>
          )}
        </Async>
      </main>
    </div>
  );
}
