import { Navigate, useLocation } from '@solidjs/router';
import { createResource, onCleanup, Show, type JSX } from 'solid-js';
import { setCsrfToken } from '../api.ts';
import { t } from '../i18n.ts';
import { fetchKioskMe } from './device.data.ts';
import './kiosk.css';
import { LeaveKiosk } from './LeaveKiosk.tsx';
import type { KioskMode } from '../../../shared/kiosk/mode.ts';

/**
 * Wraps every page while this browser is a kiosk: any address but the kiosk's own screen leads back to it (the check-in
 * desk at /k, the voting tablet at /b of its congress), so there is no menu, link or typed address that leaves. The
 * server refuses everything else anyway (403); this keeps the screen from ever showing a staff page.
 */
export default function KioskGuard(props: { mode: KioskMode; children?: JSX.Element }) {
  const loc = useLocation();
  const ballotHome = () => (props.mode.kind === 'ballot' ? `/b?c=${props.mode.congressId}` : '/k');
  const onBallot = () => props.mode.kind === 'ballot' && loc.pathname === '/b' && new URLSearchParams(loc.search).get('c') === props.mode.congressId;
  const allowed = () => (props.mode.kind === 'check_in' ? loc.pathname === '/k' : loc.pathname === '/k' || onBallot());
  return (
    <Show when={allowed()} fallback={<Navigate href={props.mode.kind === 'ballot' ? ballotHome() : '/k'} />}>
      {props.children}
      <Show when={onBallot()}>
        <BallotKioskBar />
      </Show>
    </Show>
  );
}

/**
 * Under the voting tablet's own page: which tablet this is, its 测评 mode while a hall round is open, and the staff's
 * way out. It asks the server every half
 * minute whether the kiosk still stands (a revoked or expired tablet shows so at once); the question carries nothing
 * of any ballot.
 */
function BallotKioskBar() {
  const [me, { refetch }] = createResource(async () => {
    const r = await fetchKioskMe();
    if (r.kiosk) setCsrfToken(r.kiosk.csrfToken);
    else location.replace(`/k${r.ended ? `?ended=${r.ended}` : ''}`);
    return r;
  });
  const id = window.setInterval(() => void refetch(), 30_000);
  onCleanup(() => window.clearInterval(id));
  return (
    <footer class="kiosk-bar kiosk-bar-ballot">
      <span class="kiosk-badge">
        <Show when={me()?.kiosk}>{(k) => <>{t('kiosk.badge', { kind: t('kiosk.kind.ballot'), label: k().label })}</>}</Show>
      </span>
      {/* 会场测评: while a round held at this session is open, the tablet's 测评 mode (/k?m=eval). */}
      <Show when={(me()?.kiosk?.evaluations.length ?? 0) > 0}>
        <a class="btn btn-secondary kiosk-mode-link" href="/k?m=eval" rel="external">
          {t('kiosk.mode.evaluation')}
        </a>
      </Show>
      <LeaveKiosk />
    </footer>
  );
}
