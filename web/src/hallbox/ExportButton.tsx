/**
 * 导出会场数据包 on a session's page (a township's administrator, on the laptop or its own server): asks the server for the
 * signed package (`GET …/sessions/:sessionId/package`), saves the file, and shows the key fingerprint to write on the
 * paper receipt the county will type it from. A refusal (a vote still open, a result not published) is said as the
 * server says it, in the page's language.
 */
import { createSignal, Show } from 'solid-js';
import { Alert } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { lang, t } from '../i18n.ts';

export function ExportPackageButton(props: { congressId: string; sessionId: string }) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const [fingerprint, setFingerprint] = createSignal('');
  const run = async () => {
    setBusy(true);
    setError('');
    try {
      const res = await fetch(`/api/congresses/${props.congressId}/sessions/${props.sessionId}/package`, { credentials: 'same-origin', headers: { 'Accept-Language': lang() } });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        setError(body?.error?.message ?? t('hallbox.export.failed'));
        return;
      }
      const name = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'session-package.json';
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setFingerprint(res.headers.get('x-key-fingerprint') ?? '');
    } catch {
      setError(t('hallbox.export.failed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button onClick={run} busy={busy()}>
        {t('hallbox.export.button')}
      </Button>
      <Dialog open={!!error() || !!fingerprint()} onClose={() => (setError(''), setFingerprint(''))} title={t('hallbox.export.button')}>
        <Show when={error()}>
          <Alert kind="error">{error()}</Alert>
        </Show>
        <Show when={fingerprint()}>
          <p>{t('hallbox.export.saved')}</p>
          <p class="lead">{t('hallbox.export.fingerprint')}</p>
          <p class="num" style={{ 'font-size': '1.25rem', 'word-break': 'break-all' }}>
            {fingerprint().replace(/(.{4})(?=.)/g, '$1 ')}
          </p>
        </Show>
      </Dialog>
    </>
  );
}
