import { Navigate, useLocation } from '@solidjs/router';
import { Match, Switch, type JSX } from 'solid-js';
import { Button } from '../components/Button.tsx';
import { Loading } from '../components/Async.tsx';
import { Alert } from '../components/Alert.tsx';
import { t } from '../i18n.ts';
import { loadSession, me, session } from '../session.ts';

/** Shows its children only to a signed-in account; otherwise sends the person to setup or sign-in. */
export function RequireSession(props: { children: JSX.Element }) {
  const location = useLocation();
  const next = () => encodeURIComponent(location.pathname + location.search);
  return (
    <Switch>
      {/* A first password given by staff must be changed before anything else (the server refuses the rest). */}
      <Match when={me()?.account.mustChangePassword}>
        <Navigate href={`/password?next=${next()}`} />
      </Match>
      <Match when={session().status === 'signedIn'}>{props.children}</Match>
      <Match when={session().status === 'setup'}>
        <Navigate href="/setup" />
      </Match>
      <Match when={session().status === 'signedOut'}>
        <Navigate href={`/login?next=${next()}`} />
      </Match>
      <Match when={session().status === 'error'}>
        <div class="center-page">
          <Alert kind="error" title={t('error.sessionLoad')}>
            <p>{(session() as { error?: Error }).error?.message}</p>
            <p>
              <Button onClick={() => void loadSession()}>{t('common.retry')}</Button>
            </p>
          </Alert>
        </div>
      </Match>
      <Match when={true}>
        <div class="center-page">
          <Loading />
        </div>
      </Match>
    </Switch>
  );
}
