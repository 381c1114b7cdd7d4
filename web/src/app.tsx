import { Router } from '@solidjs/router';
import { Suspense, type JSX } from 'solid-js';
import { Loading } from './components/Async.tsx';
import { ConfirmHost } from './components/Dialog.tsx';
import { ToastHost } from './components/Toast.tsx';
import { routes } from './routes.ts';

function Root(props: { children?: JSX.Element }) {
  return (
    <>
      <Suspense fallback={<div class="center-page"><Loading /></div>}>{props.children}</Suspense>
      <ConfirmHost />
      <ToastHost />
    </>
  );
}

export function App() {
  return <Router root={Root}>{routes}</Router>;
}
