import { A, useParams } from '@solidjs/router';
import { createResource, createSignal, onCleanup, Show, type JSX } from 'solid-js';
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
 * The entrance desk inside the staff pages: staff scan each representative's delegate card (or paste the code a hand
 * scanner types). A desk left to the representatives themselves is a locked check-in kiosk (web/src/kiosk), set up from
 * the link beside the title.
 */
export default function CheckInPage() {
  const { id } = useCongress();
  const params = useParams<{ sessionId: string }>();
  const [session] = createResource(() => ({ c: id(), s: params.sessionId }), (k) => fetchSession(k.c, k.s));

  return (
    <Show when={can(id(), 'session.checkIn')} fallback={<NoAccess />}>
      <PageHeader
        kicker={<A href={`/c/${id()}/sessions/${params.sessionId}`}>← {latest(session)?.name ?? t('session.title')}</A>}
        title={t('checkin.title')}
        lead={t('checkin.lead')}
        actions={
          <A class="btn btn-secondary" href={`/c/${id()}/sessions/${params.sessionId}/kiosks`}>
            {t('kiosk.setup.link')}
          </A>
        }
      />
      <CheckInDesk congressId={id()} sessionId={params.sessionId} />
    </Show>
  );
}

/**
 * The desk itself, shared by the staff page and the check-in kiosk: the tablet greets each representative by name in
 * large type and shows how many are present of the seated. On a kiosk (`clearAfterSeconds`) the greeting goes back to
 * the idle state after a while, so the next person in the queue does not read the last one's name.
 */
export function CheckInDesk(props: { congressId: string; sessionId: string; idle?: JSX.Element; clearAfterSeconds?: number; onCheckedIn?: (r: CheckedIn) => void }) {
  const [scanning, setScanning] = createSignal(false);
  const [code, setCode] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [last, setLast] = createSignal<CheckedIn | null>(null);
  const [error, setError] = createSignal('');
  let input!: HTMLInputElement;
  let timer = 0;
  onCleanup(() => window.clearTimeout(timer));
  const clearLater = () => {
    window.clearTimeout(timer);
    if (props.clearAfterSeconds)
      timer = window.setTimeout(() => {
        setLast(null);
        setError('');
      }, props.clearAfterSeconds * 1000);
  };

  const send = async (token: string) => {
    const value = token.trim();
    if (!value) return;
    setBusy(true);
    setError('');
    try {
      const r = await checkIn(props.congressId, props.sessionId, value);
      setLast(r);
      setCode('');
      props.onCheckedIn?.(r);
    } catch (e) {
      setLast(null);
      setError(e instanceof ApiError ? e.message : t('error.unexpected'));
    } finally {
      setBusy(false);
      clearLater();
      input?.focus();
    }
  };

  return (
    <div class="checkin">
      <div class="checkin-result" aria-live="polite">
        <Show
          when={last()}
          fallback={
            <Show when={error()} fallback={<p class="checkin-idle">{props.idle ?? t('checkin.idle')}</p>}>
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
  );
}
