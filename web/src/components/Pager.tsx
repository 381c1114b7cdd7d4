import { createMemo, For, Show } from 'solid-js';
import { pageCount } from '../../../shared/paging.ts';
import { fmt, t } from '../i18n.ts';
import './lists.css';

/**
 * Pages of a long list paged on the server: where one is ("第 51–100 条，共 3,000 条"), first / previous / next / last
 * as big buttons, and a page to jump to. The page lives in the address (the caller's `onPage`), so a reload or the
 * back button keeps the place.
 */
export function Pager(props: { page: number; size: number; total: number; onPage: (page: number) => void; class?: string }) {
  const pages = () => pageCount(props.total, props.size);
  const from = () => (props.total === 0 ? 0 : (props.page - 1) * props.size + 1);
  const to = () => Math.min(props.total, props.page * props.size);
  // A jump list while it stays short; longer lists page by the buttons (and the address).
  const jump = createMemo(() => (pages() <= 200 ? Array.from({ length: pages() }, (_, i) => i + 1) : []));
  const go = (p: number) => props.onPage(Math.min(Math.max(1, p), pages()));
  return (
    <div class={`pager ${props.class ?? ''}`}>
      <p class="pager-range num" aria-live="polite">
        {t('pager.range', { from: fmt.count(from()), to: fmt.count(to()), total: fmt.count(props.total) })}
      </p>
      <Show when={pages() > 1}>
        <nav class="pager-nav" aria-label={t('pager.label')}>
          <button type="button" class="btn btn-secondary pager-end" disabled={props.page <= 1} onClick={() => go(1)} aria-label={t('pager.first')}>
            <span aria-hidden="true">«</span>
          </button>
          <button type="button" class="btn btn-secondary" disabled={props.page <= 1} onClick={() => go(props.page - 1)}>
            ‹ {t('pager.prev')}
          </button>
          <Show when={jump().length > 0} fallback={<span class="pager-page num">{t('pager.page', { page: fmt.count(props.page), pages: fmt.count(pages()) })}</span>}>
            <label class="pager-page">
              <span class="sr-only">{t('pager.page', { page: fmt.count(props.page), pages: fmt.count(pages()) })}</span>
              <select class="num" value={String(props.page)} onChange={(e) => go(Number(e.currentTarget.value))}>
                <For each={jump()}>
                  {(p) => (
                    <option value={String(p)} selected={p === props.page}>
                      {t('pager.page', { page: fmt.count(p), pages: fmt.count(pages()) })}
                    </option>
                  )}
                </For>
              </select>
            </label>
          </Show>
          <button type="button" class="btn btn-secondary" disabled={props.page >= pages()} onClick={() => go(props.page + 1)}>
            {t('pager.next')} ›
          </button>
          <button type="button" class="btn btn-secondary pager-end" disabled={props.page >= pages()} onClick={() => go(pages())} aria-label={t('pager.last')}>
            <span aria-hidden="true">»</span>
          </button>
        </nav>
      </Show>
    </div>
  );
}

/** A page number from the address: a whole number from 1, else 1. */
export const pageParam = (v: string | undefined) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 ? n : 1;
};
