import { For, Show, type JSX } from 'solid-js';
import { t } from '../i18n.ts';

type Kind = 'info' | 'success' | 'warning' | 'error';

/** A boxed message; errors are announced at once (role=alert), the rest politely. */
export function Alert(props: { kind?: Kind; title?: JSX.Element; children?: JSX.Element; class?: string }) {
  const kind = () => props.kind ?? 'info';
  return (
    <div class={`alert alert-${kind()} ${props.class ?? ''}`} role={kind() === 'error' ? 'alert' : 'status'}>
      <span class="alert-word">{t(`alert.${kind()}`)}</span>
      <div class="alert-body">
        <Show when={props.title}>
          <p class="alert-title">{props.title}</p>
        </Show>
        {props.children}
      </div>
    </div>
  );
}

/** The server's message for a failed form, with any details that name no field on it. */
export function FormError(props: { error: { message: string; extra: string[] } | null }) {
  return (
    <Show when={props.error}>
      {(e) => (
        <Alert kind="error" title={e().message}>
          <Show when={e().extra.length}>
            <ul class="plain-list">
              <For each={e().extra}>{(m) => <li>{m}</li>}</For>
            </ul>
          </Show>
        </Alert>
      )}
    </Show>
  );
}
