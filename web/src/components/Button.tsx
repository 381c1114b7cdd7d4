import { Show, splitProps, type JSX } from 'solid-js';

type Props = JSX.ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost' | 'link';
  busy?: boolean;
  small?: boolean;
};

/** A button that says it is working (and cannot be pressed twice) while its action runs. */
export function Button(props: Props) {
  const [own, rest] = splitProps(props, ['variant', 'busy', 'small', 'class', 'children', 'disabled', 'type']);
  return (
    <button
      type={own.type ?? 'button'}
      {...rest}
      class={`btn btn-${own.variant ?? 'secondary'} ${own.small ? 'btn-sm' : ''} ${own.class ?? ''}`}
      disabled={own.disabled || own.busy}
      aria-busy={own.busy || undefined}
    >
      <Show when={own.busy}>
        <span class="spinner" aria-hidden="true" />
      </Show>
      {own.children}
    </button>
  );
}
