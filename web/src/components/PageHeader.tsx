import { createEffect, Show, type JSX } from 'solid-js';
import { t } from '../i18n.ts';

/** Set the window title for the page: "<page> · 民生实事". */
export function usePageTitle(title: () => string) {
  createEffect(() => {
    document.title = `${title()} · ${t('app.shortName')}`;
  });
}

export function PageHeader(props: { title: string; lead?: JSX.Element; actions?: JSX.Element; kicker?: JSX.Element }) {
  usePageTitle(() => props.title);
  return (
    <header class="page-head">
      <div class="page-head-text">
        <Show when={props.kicker}>
          <p class="kicker">{props.kicker}</p>
        </Show>
        <h1>{props.title}</h1>
        <Show when={props.lead}>
          <p class="lead">{props.lead}</p>
        </Show>
      </div>
      <Show when={props.actions}>
        <div class="page-actions">{props.actions}</div>
      </Show>
    </header>
  );
}
