import { Navigate, useLocation } from '@solidjs/router';
import { createResource, createSignal, Match, onCleanup, onMount, Show, Switch } from 'solid-js';
import { ApiError, setCsrfToken } from '../api.ts';
import { usePageTitle } from '../components/PageHeader.tsx';
import { fmt, lang, t, useLangOnly } from '../i18n.ts';
import { CheckInDesk } from '../hall/CheckInPage.tsx';
import { enrolDevice, fetchKioskMe, type KioskMe } from './device.data.ts';
import './kiosk.css';
import { HallEvaluation } from './HallEvaluation.tsx';
import { LeaveKiosk } from './LeaveKiosk.tsx';

type Kiosk = NonNullable<KioskMe['kiosk']>;
type Ended = NonNullable<KioskMe['ended']>;

/**
 * /k — the kiosk device's own page. Opened from the staff's set-up QR (`/k#<token>`) it makes this browser the kiosk and
 * loads itself afresh; afterwards it is the check-in desk (or sends the voting tablet to its ballot page; at /k?m=eval
 * the voting tablet's 测评 mode, HallEvaluation.tsx). A device
 * whose kiosk has ended says so, with the way to the ordinary sign-in page.
 */
export default function KioskPage() {
  usePageTitle(() => t('kiosk.setup.title'));
  const token = decodeURIComponent(location.hash.replace(/^#/, ''));
  if (location.hash) history.replaceState(null, '', location.pathname + location.search); // the link works once; keep it out of history
  const endedParam = new URLSearchParams(location.search).get('ended');
  // From the router (a link within the app changes the address only after the page is made).
  const loc = useLocation();
  const hallEvaluation = () => new URLSearchParams(loc.search).get('m') === 'eval';
  const [failed, setFailed] = createSignal('');
  const [me, { refetch, mutate }] = createResource(
    () => !token && !endedParam,
    async () => {
      const r = await fetchKioskMe();
      if (r.kiosk) setCsrfToken(r.kiosk.csrfToken);
      return r;
    },
  );

  onMount(async () => {
    if (!token) return;
    try {
      await enrolDevice(token);
      location.replace('/k'); // a fresh load: the kiosk's guard and its credential from here on, nothing of before
    } catch (e) {
      setFailed(e instanceof ApiError ? e.message : t('error.unexpected'));
    }
  });
  // The desk's count and the kiosk's standing, asked every 20 seconds (a revoked desk shows so).
  const poll = window.setInterval(() => {
    if (me()?.kiosk && document.visibilityState === 'visible') void refetch();
  }, 20_000);
  onCleanup(() => window.clearInterval(poll));

  const ended = (): Ended | null => (endedParam === 'expired' || endedParam === 'revoked' || endedParam === 'left' ? endedParam : (me()?.ended ?? null));

  return (
    <Switch
      fallback={
        <Notice title={t('kiosk.none.title')} lead={t('kiosk.none.lead')} />
      }
    >
      <Match when={token && !failed()}>
        <div class="kiosk">
          <main id="main" class="kiosk-main">
            <div class="kiosk-wait" role="status">
              <span class="spinner" aria-hidden="true" />
              <span>{t('kiosk.enrol.working')}</span>
            </div>
          </main>
        </div>
      </Match>
      <Match when={failed()}>
        <Notice title={t('kiosk.enrol.failed')} lead={failed()} next={t('kiosk.enrol.failedNext')} />
      </Match>
      <Match when={ended()}>{(how) => <Notice title={t(`kiosk.ended.${how()}`)} lead={t('kiosk.ended.next')} />}</Match>
      <Match when={me.loading && !me.latest}>
        <div class="kiosk" aria-busy="true" />
      </Match>
      <Match when={me.error}>
        <Notice title={me.error instanceof ApiError ? me.error.message : t('error.unexpected')} lead={t('kiosk.none.lead')} />
      </Match>
      <Match when={me.latest?.kiosk}>
        {(k) => (
          <Show
            when={k().kind === 'check_in'}
            fallback={
              // A voting tablet in its 测评 mode (会场测评, /k?m=eval), else at its ballot page.
              <Show when={hallEvaluation()} fallback={<Navigate href={`/b?c=${k().congressId}`} />}>
                <HallEvaluation kiosk={k()} />
              </Show>
            }
          >
            <CheckInKiosk kiosk={k()} onCheckedIn={(present, seated) => mutate({ kiosk: { ...k(), present, seated }, ended: null })} />
          </Show>
        )}
      </Match>
    </Switch>
  );
}

/** The check-in desk locked to its one job: a big prompt, the desk, the count; no menu, no link out. */
function CheckInKiosk(props: { kiosk: Kiosk; onCheckedIn: (present: number, seated: number) => void }) {
  const switchLang = () => void useLangOnly(lang() === 'en' ? 'zh-CN' : 'en'); // this page only, nothing stored
  return (
    <div class="kiosk kiosk-checkin">
      <header class="kiosk-head">
        <div class="brand">
          <span class="brand-mark" aria-hidden="true" />
          <span class="brand-name">{t('kiosk.badge', { kind: t('kiosk.kind.check_in'), label: props.kiosk.label })}</span>
          <span class="kiosk-where">
            {props.kiosk.congressName} · {props.kiosk.sessionName}
          </span>
        </div>
        <button type="button" class="btn btn-ghost lang-switch" lang={lang() === 'en' ? 'zh-CN' : 'en'} onClick={switchLang}>
          {t('lang.other')}
        </button>
      </header>
      <main id="main" class="kiosk-main">
        <h1>{t('kiosk.checkin.title')}</h1>
        <p class="kiosk-lead">{t('kiosk.checkin.lead')}</p>
        <CheckInDesk
          congressId={props.kiosk.congressId}
          sessionId={props.kiosk.sessionId}
          idle={
            <>
              {t('kiosk.checkin.nextWelcome')}
              <Show when={props.kiosk.seated !== null}>
                <span class="kiosk-count num block">{t('checkin.count', { present: props.kiosk.present ?? 0, seated: props.kiosk.seated ?? 0 })}</span>
              </Show>
            </>
          }
          clearAfterSeconds={10}
          onCheckedIn={(r) => props.onCheckedIn(r.present, r.seated)}
        />
      </main>
      <footer class="kiosk-bar">
        <span class="kiosk-badge">{t('kiosk.expires', { time: fmt.dateTime(props.kiosk.expiresAt) })}</span>
        <LeaveKiosk />
      </footer>
    </div>
  );
}

function Notice(props: { title: string; lead: string; next?: string }) {
  return (
    <div class="kiosk">
      <main id="main" class="kiosk-main">
        <section class="kiosk-refused">
          <h1>{props.title}</h1>
          <p class="kiosk-lead">{props.lead}</p>
          <Show when={props.next}>
            <p class="kiosk-hint">{props.next}</p>
          </Show>
          <div class="kiosk-actions">
            <a class="btn btn-secondary kiosk-big" href="/login">
              {t('kiosk.toSignIn')}
            </a>
          </div>
        </section>
      </main>
    </div>
  );
}
