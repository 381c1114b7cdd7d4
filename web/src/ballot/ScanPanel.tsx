import { createSignal, onCleanup, onMount, Show } from 'solid-js';
import { t } from '../i18n.ts';

/**
 * The camera view for reading a QR (ballot cards at the tablet and the desk, delegate cards at the entrance). The
 * reader itself (the barcode-detector ponyfill and zxing's WebAssembly) is fetched only now, from our own origin.
 */
export function ScanPanel(props: { onCode: (text: string) => void; onCancel: () => void }) {
  let video!: HTMLVideoElement;
  let stop: (() => void) | undefined;
  let gone = false;
  const [error, setError] = createSignal('');
  const [ready, setReady] = createSignal(false);

  onMount(async () => {
    try {
      const { startScan } = await import('./scanner.ts');
      if (gone) return;
      stop = await startScan(video, (text) => props.onCode(text));
      if (gone) stop();
      setReady(true);
    } catch (e) {
      const name = (e as Error)?.name;
      setError(name === 'NotAllowedError' ? t('scan.denied') : name === 'NotFoundError' ? t('scan.noCamera') : t('scan.failed'));
    }
  });
  onCleanup(() => {
    gone = true;
    stop?.();
  });

  return (
    <div class="scan-panel">
      <Show when={!error()} fallback={<p class="scan-error" role="alert">{error()}</p>}>
        <video ref={video} class="scan-video" muted playsinline aria-label={t('scan.videoLabel')} />
        <p class="scan-hint">{ready() ? t('scan.hint') : t('scan.starting')}</p>
      </Show>
      <button type="button" class="btn btn-secondary" onClick={() => props.onCancel()}>
        {t('scan.cancel')}
      </button>
    </div>
  );
}
