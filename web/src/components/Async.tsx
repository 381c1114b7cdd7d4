import { Match, Show, Switch, type JSX, type Resource } from 'solid-js';
import { ApiError } from '../api.ts';
import { t } from '../i18n.ts';
import { Alert } from './Alert.tsx';
import { Button } from './Button.tsx';

/**
 * A resource's value once it has one, else undefined: never suspends the page around it (reading a pending resource
 * would) and never throws (reading a failed one would). For headers, counts and titles beside an `Async`.
 */
export function latest<T>(r: Resource<T>): T | undefined {
  return r.state === 'ready' || r.state === 'refreshing' ? r.latest : undefined;
}

export function Loading(props: { text?: string; inline?: boolean }) {
  return (
    <div class="loading" classList={{ inline: !!props.inline }} role="status">
      <span class="spinner" aria-hidden="true" />
      <span>{props.text ?? t('common.loading')}</span>
    </div>
  );
}

export function ErrorState(props: { error: unknown; retry?: () => void }) {
  const e = () => props.error;
  const message = () => (e() instanceof ApiError ? (e() as ApiError).message : t('error.unexpected'));
  const forbidden = () => e() instanceof ApiError && [403, 404].includes((e() as ApiError).status);
  return (
    <Alert kind="error" title={message()}>
      <Show when={!forbidden()}>
        <p>{t('error.retryHint')}</p>
      </Show>
      <Show when={props.retry && !forbidden()}>
        <p>
          <Button small onClick={() => props.retry?.()}>
            {t('common.retry')}
          </Button>
        </p>
      </Show>
    </Alert>
  );
}

/**
 * A resource's three faces: loading (first time only — a refresh keeps showing the data), error with a retry,
 * and the data. Never suspends the page around it.
 */
export function Async<T>(props: {
  resource: Resource<T>;
  retry?: () => void;
  loadingText?: string;
  children: (data: T) => JSX.Element;
}) {
  return (
    <Switch>
      <Match when={props.resource.state === 'errored'}>
        <ErrorState error={props.resource.error} retry={props.retry} />
      </Match>
      <Match when={props.resource.state === 'ready' || props.resource.state === 'refreshing'}>
        {props.children(props.resource.latest as T)}
      </Match>
      <Match when={true}>
        <Loading text={props.loadingText} />
      </Match>
    </Switch>
  );
}
