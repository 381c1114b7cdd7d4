/** The figures' tables, said once for the screen and the printed sheet: a grouping's rows with the twelve columns, and the handling ratings. */
import { For, Show } from 'solid-js';
import { HANDLING_DIMENSIONS } from '../../../shared/items/enums.ts';
import { COUNT_COLUMNS } from '../../../shared/review/columns.ts';
import type { Counts, Figures } from '../../../shared/review/schema.ts';
import { t, type MessageKey } from '../i18n.ts';

export type Grouping = 'department' | 'category' | 'station' | 'month';
export const GROUPINGS: Grouping[] = ['department', 'category', 'station', 'month'];
const RATES = new Set(['onTimeRate', 'resolvedRate', 'satisfactionRate']);

export const rate = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`);

/** The rows of one grouping, each with its label. */
export function rowsOf(f: Figures, g: Grouping): { key: string; label: string; c: Counts; link?: Record<string, string> }[] {
  switch (g) {
    case 'department':
      return f.byDepartment.map((r) => ({ key: r.id ?? '-', label: r.id ? r.name : t('review.noDepartment'), c: r, link: r.id ? { department: r.id } : undefined }));
    case 'category':
      return f.byCategory.map((r) => ({ key: r.category, label: t(`item.category.${r.category}` as MessageKey), c: r, link: { category: r.category } }));
    case 'station':
      return f.byStation.map((r) => ({ key: r.id ?? '-', label: r.id ? r.name : t('review.noStation'), c: r, link: r.id ? { station: r.id } : undefined }));
    case 'month':
      return f.byMonth.map((r) => ({ key: r.month, label: r.month, c: r, link: { month: r.month } }));
  }
}

/** One grouping as a table (the total last); `linkOf` makes a row's name a link to the items it counts. */
export function CountsTable(props: { f: Figures; grouping: Grouping; caption: string; linkOf?: (o: Record<string, string>) => string; compact?: boolean }) {
  return (
    <div class="rv-scroll">
      <table class="rv-table" classList={{ compact: !!props.compact }}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t(`review.by.${props.grouping}` as MessageKey)}</th>
            <For each={[...COUNT_COLUMNS]}>{(c) => <th scope="col" class="num" classList={{ rate: RATES.has(c) }}>{t(`review.col.${c}` as MessageKey)}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <For each={rowsOf(props.f, props.grouping)} fallback={<tr><td colSpan={COUNT_COLUMNS.length + 1}>{t('review.none')}</td></tr>}>
            {(r) => (
              <tr>
                <th scope="row">
                  <Show when={props.linkOf && r.link} fallback={r.label}>
                    <a href={props.linkOf!(r.link!)}>{r.label}</a>
                  </Show>
                </th>
                <Cells c={r.c} />
              </tr>
            )}
          </For>
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('review.total')}</th>
            <Cells c={props.f.total} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function Cells(props: { c: Counts }) {
  return (
    <For each={[...COUNT_COLUMNS]}>
      {(k) => (
        <td class="num" classList={{ rate: RATES.has(k), bad: k === 'overdue' && props.c.overdue > 0 }}>
          {RATES.has(k) ? rate(props.c[k] as number | null) : props.c[k]}
        </td>
      )}
    </For>
  );
}

/** The back-to-back handling ratings per department: the grades from kMin ratings on, else only how many. */
export function RatingsTable(props: { f: Figures; caption?: boolean }) {
  return (
    <div class="rv-scroll">
      <table class="rv-table">
        <Show when={props.caption}>
          <caption>{t('review.ratings.title')}</caption>
        </Show>
        <thead>
          <tr>
            <th scope="col">{t('review.col.department')}</th>
            <th scope="col" class="num">{t('review.ratings.n')}</th>
            <For each={[...HANDLING_DIMENSIONS]}>{(d) => <th scope="col">{t(`item.dimension.${d}` as MessageKey)}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <For each={props.f.ratings} fallback={<tr><td colSpan={5}>{t('review.ratings.none')}</td></tr>}>
            {(r) => (
              <tr>
                <th scope="row">{r.name}</th>
                <td class="num">{r.n}</td>
                <Show when={r.shown} fallback={<td colSpan={3} class="muted">{t('review.ratings.tooFew')}</td>}>
                  <For each={[...HANDLING_DIMENSIONS]}>
                    {(d) => {
                      const g = r[d]!;
                      return (
                        <td>
                          <strong>{rate(g.rate)}</strong>
                          <span class="rv-grades">
                            {t('item.grade.satisfied' as MessageKey)} {g.satisfied} · {t('item.grade.basically' as MessageKey)} {g.basically} · {t('item.grade.unsatisfied' as MessageKey)} {g.unsatisfied}
                          </span>
                        </td>
                      );
                    }}
                  </For>
                </Show>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

export const thisYear = () => Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4));
export const thisMonth = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 7);
export const yearChoices = () => [thisYear(), thisYear() - 1, thisYear() - 2, thisYear() - 3];
