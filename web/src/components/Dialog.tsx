import { createEffect, createSignal, createUniqueId, onCleanup, Show, type JSX } from 'solid-js';
import { ApiError } from '../api.ts';
import { t } from '../i18n.ts';
import { Alert } from './Alert.tsx';
import { Button } from './Button.tsx';

/**
 * A modal dialog on the native <dialog> element: focus stays inside, Escape closes, the page behind is inert.
 * Its content is mounted only while open, so a form inside starts fresh each time.
 */
export function Dialog(props: {
  open: boolean;
  onClose: () => void;
  title: JSX.Element;
  children: JSX.Element;
  wide?: boolean;
}) {
  let el!: HTMLDialogElement;
  const titleId = `dlg-${createUniqueId()}`;
  createEffect(() => {
    if (props.open && !el.open) el.showModal();
    else if (!props.open && el.open) el.close();
  });
  onCleanup(() => el?.open && el.close());
  return (
    <dialog
      ref={el}
      class="dialog"
      classList={{ wide: !!props.wide }}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      <Show when={props.open}>
        <div class="dialog-head">
          <h2 id={titleId}>{props.title}</h2>
          <button type="button" class="icon-btn" onClick={() => props.onClose()} aria-label={t('common.close')}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
        <div class="dialog-body">{props.children}</div>
      </Show>
    </dialog>
  );
}

type ConfirmRequest = {
  title: string;
  /** What will happen, in words that name the consequence. */
  message: JSX.Element;
  confirmLabel: string;
  danger?: boolean;
  /** Run on confirm; the dialog stays open and shows the error if it fails. */
  action?: () => Promise<unknown>;
};

const [request, setRequest] = createSignal<(ConfirmRequest & { resolve: (ok: boolean) => void }) | null>(null);

/** Ask once before a destructive or irreversible step. Resolves true when confirmed (and the action succeeded). */
export function confirmAction(req: ConfirmRequest): Promise<boolean> {
  return new Promise((resolve) => setRequest({ ...req, resolve }));
}

/** Rendered once by the app; shows the pending confirmation. */
export function ConfirmHost() {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const close = (ok: boolean) => {
    const r = request();
    setRequest(null);
    setError(null);
    r?.resolve(ok);
  };
  const confirm = async () => {
    const r = request();
    if (!r) return;
    if (!r.action) return close(true);
    setBusy(true);
    setError(null);
    try {
      await r.action();
      close(true);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={!!request()} onClose={() => !busy() && close(false)} title={request()?.title ?? ''}>
      <div class="confirm-message">{request()?.message}</div>
      <Show when={error()}>
        <Alert kind="error" title={error()} />
      </Show>
      <div class="dialog-actions">
        <Button onClick={() => close(false)} disabled={busy()} autofocus>
          {t('common.cancel')}
        </Button>
        <Button variant={request()?.danger ? 'danger' : 'primary'} busy={busy()} onClick={confirm}>
          {request()?.confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}
