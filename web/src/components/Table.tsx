import { For, onCleanup, Show, type JSX } from 'solid-js';

/**
 * `ref={scrollable}` on a wrapper that may scroll sideways (a wide table on a phone): while its content overflows it
 * takes keyboard focus (tabindex 0), so that the part out of view can be scrolled to without a mouse (WCAG 2.1.1); when
 * everything fits it is no extra tab stop.
 */
export function scrollable(el: HTMLElement) {
  const update = () => {
    if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) el.tabIndex = 0;
    else el.removeAttribute('tabindex');
  };
  const observer = new ResizeObserver(update);
  observer.observe(el);
  queueMicrotask(() => {
    update();
    if (el.firstElementChild) observer.observe(el.firstElementChild);
  });
  onCleanup(() => observer.disconnect());
}

export type Column<T> = {
  /** A function, so that the header follows a language switch. */
  header: () => string;
  cell: (row: T) => JSX.Element;
  class?: string;
  /** Hide the label on phones where rows stack (e.g. the actions column). */
  noLabel?: boolean;
};

/**
 * A plain table; on a phone each row becomes a card with the column names beside the values.
 * An empty list shows `empty` (which should say what to do next) instead of an empty table.
 */
export function Table<T>(props: {
  caption?: string;
  columns: Column<T>[];
  rows: T[];
  empty: JSX.Element;
  rowClass?: (row: T) => string;
  class?: string;
}) {
  return (
    <Show when={props.rows.length > 0} fallback={props.empty}>
      <div class={`table-wrap ${props.class ?? ''}`} ref={scrollable}>
        <table class="table stack-on-phone">
          <Show when={props.caption}>
            <caption class="sr-only">{props.caption}</caption>
          </Show>
          <thead>
            <tr>
              <For each={props.columns}>{(c) => <th scope="col" class={c.class}>{c.header()}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <For each={props.rows}>
              {(row) => (
                <tr class={props.rowClass?.(row) ?? ''}>
                  <For each={props.columns}>
                    {(c) => (
                      <td class={c.class} data-label={c.noLabel ? '' : c.header()}>
                        {/* one box per cell, so that on a phone the value sits beside its column name as a whole */}
                        <div class="cell">{c.cell(row)}</div>
                      </td>
                    )}
                  </For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </Show>
  );
}
