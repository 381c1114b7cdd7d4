import { Show, type JSX } from 'solid-js';

/** What an empty list looks like: what is missing and the next step to take. */
export function EmptyState(props: { title: JSX.Element; children?: JSX.Element; action?: JSX.Element }) {
  return (
    <div class="empty-state">
      <p class="empty-title">{props.title}</p>
      <Show when={props.children}>
        <div class="empty-body">{props.children}</div>
      </Show>
      <Show when={props.action}>
        <div class="empty-action">{props.action}</div>
      </Show>
    </div>
  );
}
