import { A, useNavigate } from '@solidjs/router';
import { createSignal, Match, onMount, Switch } from 'solid-js';
import * as C from '../../../shared/auth/contract.ts';
import { ApiError, call } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { Loading } from '../components/Async.tsx';
import { usePageTitle } from '../components/PageHeader.tsx';
import { t } from '../i18n.ts';
import { PublicLayout } from '../layout/PublicLayout.tsx';
import { signedIn } from '../session.ts';

/**
 * The delegate card's QR opens /l#<token>. The token sits in the fragment so it never reaches a server log; it is
 * read once, removed from the address bar (and so from history), then sent to sign in.
 */
export default function CardLoginPage() {
  usePageTitle(() => t('cardLogin.title'));
  const navigate = useNavigate();
  const [state, setState] = createSignal<'working' | 'noToken' | 'badToken' | 'failed'>('working');
  const [error, setError] = createSignal('');

  onMount(async () => {
    const token = decodeURIComponent(location.hash.replace(/^#/, ''));
    history.replaceState(history.state, '', location.pathname);
    if (!token) return setState('noToken');
    try {
      signedIn(await call(C.cardLogin, { body: { token } }));
      navigate('/', { replace: true });
    } catch (e) {
      // A QR read only in part fails the request's check ("some fields are not valid"): say what that means here.
      if (e instanceof ApiError && e.code === 'validation') return setState('badToken');
      setError(e instanceof ApiError ? e.message : t('error.unexpected'));
      setState('failed');
    }
  });

  return (
    <PublicLayout class="resident card-login">
      <h1>{t('cardLogin.title')}</h1>
      <Switch>
        <Match when={state() === 'working'}>
          <Loading text={t('cardLogin.working')} />
        </Match>
        <Match when={state() === 'noToken'}>
          <Alert kind="info" title={t('cardLogin.noToken')}>
            <p>{t('cardLogin.noTokenHelp')}</p>
          </Alert>
          <p>
            <A href="/login">{t('cardLogin.toPasswordLogin')}</A>
          </p>
        </Match>
        <Match when={state() === 'badToken'}>
          <Alert kind="error" title={t('cardLogin.badToken')}>
            <p>{t('cardLogin.badTokenHelp')}</p>
          </Alert>
          <p>
            <A href="/login">{t('cardLogin.toPasswordLogin')}</A>
          </p>
        </Match>
        <Match when={state() === 'failed'}>
          <Alert kind="error" title={error()}>
            <p>{t('cardLogin.failedHelp')}</p>
          </Alert>
          <p>
            <A href="/login">{t('cardLogin.toPasswordLogin')}</A>
          </p>
        </Match>
      </Switch>
    </PublicLayout>
  );
}
