import { Router } from '@solidjs/router';
import { lazy, Suspense, type JSX } from 'solid-js';
import { Loading } from './components/Async.tsx';
import { ConfirmHost } from './components/Dialog.tsx';
import { ToastHost } from './components/Toast.tsx';
import { routes } from './routes.ts';
import { kioskMode } from './kiosk/mode.ts';

/** A kiosk device (签到/投票平板) sees its own screen only, whatever address is opened on it. */
const KioskGuard = lazy(() => import('./kiosk/KioskGuard.tsx'));

function Root(props: { children?: JSX.Element }) {
  const kiosk = kioskMode();
  return (
    <>
      <Suspense fallback={<div class="center-page"><Loading /></div>}>{kiosk ? <KioskGuard mode={kiosk}>{props.children}</KioskGuard> : props.children}</Suspense>
      <ConfirmHost />
      <ToastHost />
    </>
  );
}

export function App() {
  return <Router root={Root}>{routes}</Router>;
}
