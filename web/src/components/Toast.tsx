import { createSignal, For } from 'solid-js';
import { t } from '../i18n.ts';

type Toast = { id: number; kind: 'success' | 'error' | 'info'; message: string };
const [toasts, setToasts] = createSignal<Toast[]>([]);
let next = 1;

const dismiss = (id: number) => setToasts((list) => list.filter((x) => x.id !== id));

/** A short confirmation that something happened ("已保存"); stays 6 s, errors until closed. */
export function toast(message: string, kind: Toast['kind'] = 'success') {
  const id = next++;
  setToasts((list) => [...list.slice(-3), { id, kind, message }]);
  if (kind !== 'error') setTimeout(() => dismiss(id), 6000);
}

export function ToastHost() {
  return (
    <div class="toasts" aria-live="polite" aria-relevant="additions">
      <For each={toasts()}>
        {(x) => (
          <div class={`toast toast-${x.kind}`} role={x.kind === 'error' ? 'alert' : 'status'}>
            <span class="toast-word">{t(x.kind === 'error' ? 'alert.error' : x.kind === 'success' ? 'alert.success' : 'alert.info')}</span>
            <span class="toast-msg">{x.message}</span>
            <button type="button" class="icon-btn" onClick={() => dismiss(x.id)} aria-label={t('common.close')}>
              <span aria-hidden="true">×</span>
            </button>
          </div>
        )}
      </For>
    </div>
  );
}
