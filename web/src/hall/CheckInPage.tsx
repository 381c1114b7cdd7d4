import { A, useParams } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { ApiError } from '../api.ts';
import { latest } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useCongress } from '../congress/context.tsx';
import { t } from '../i18n.ts';
import { can } from '../session.ts';
import { ScanPanel } from '../ballot/ScanPanel.tsx';
import { checkIn, fetchSession, type CheckedIn } from './hall.data.ts';

/**
 * The entrance tablet: staff scan each representative's delegate card (or paste the code a hand scanner types);
 * the tablet greets them by name in large type and shows how many are present of the seated.
 */
export default function CheckInPage() {
  const { id } = useCongress();
  const params = useParams<{ sessionId: string }>();
  const [session] = createResource(() => ({ c: id(), s: params.sessionId }), (k) => fetchSession(k.c, k.s));
  const [scanning, setScanning] = createSignal(false);
  const [code, setCode] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [last, setLast] = createSignal<CheckedIn | null>(null);
  const [error, setError] = createSignal('');
  let input!: HTMLInputElement;

  const send = async (token: string) => {
    const value = token.trim();
    if (!value) return;
    setBusy(true);
    setError('');
    try {
      setLast(await checkIn(id(), params.sessionId, value));
      setCode('');
    } catch (e) {
      setLast(null);
      setError(e instanceof ApiError ? e.message : t('error.unexpected'));
    } finally {
      setBusy(false);
      input?.focus();
    }
  };

  return (
    <Show when={can(id(), ['admin'])} fallback={<NoAccess />}>
      <PageHeader
        kicker={<A href={`/c/${id()}/sessions/${params.sessionId}`}>← {latest(session)?.name ?? t('session.title')}</A>}
        title={t('checkin.title')}
        lead={t('checkin.lead')}
      />
      <div class="checkin">
        <div class="checkin-result" aria-live="polite">
          <Show
            when={last()}
            fallback={
              <Show when={error()} fallback={<p class="checkin-idle">{t('checkin.idle')}</p>}>
                <div class="checkin-error" role="alert">
                  <p class="checkin-name">{error()}</p>
                  <p>{t('checkin.errorNext')}</p>
                </div>
              </Show>
            }
          >
            {(r) => (
              <div class="checkin-ok">
                <p class="checkin-greet">{r().alreadyPresent ? t('checkin.already') : t('checkin.welcome')}</p>
                <p class="checkin-name">{t('checkin.name', { name: r().name })}</p>
                <Show when={r().delegation}>
                  <p class="checkin-deleg">{r().delegation}</p>
                </Show>
                <p class="checkin-count num">{t('checkin.count', { present: r().present, seated: r().seated })}</p>
              </div>
            )}
          </Show>
        </div>
        <div class="checkin-tools">
          <Show when={scanning()} fallback={<Button variant="primary" class="btn-lg" onClick={() => setScanning(true)}>{t('checkin.scan')}</Button>}>
            <ScanPanel
              onCode={(text) => {
                setScanning(false);
                void send(text);
              }}
              onCancel={() => setScanning(false)}
            />
          </Show>
          <form
            class="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              void send(code());
            }}
          >
            <label for="checkin-code">{t('checkin.codeLabel')}</label>
            <div class="inline-row">
              <input id="checkin-code" ref={input} value={code()} onInput={(e) => setCode(e.currentTarget.value)} autocomplete="off" spellcheck={false} />
              <Button type="submit" busy={busy()}>
                {t('checkin.submit')}
              </Button>
            </div>
            <p class="hint">{t('checkin.codeHint')}</p>
          </form>
        </div>
      </div>
    </Show>
  );
}
