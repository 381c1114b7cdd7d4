import { For, Show, type JSX } from 'solid-js';

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
      <div class={`table-wrap ${props.class ?? ''}`}>
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
