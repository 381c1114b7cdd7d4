import { Navigate, useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, Match, Switch } from 'solid-js';
import { Login } from '../../../shared/auth/schema.ts';
import { safeNext } from '../../../shared/auth/safe-next.ts'; // only addresses inside this app are followed after sign-in
import * as C from '../../../shared/auth/contract.ts';
import { call } from '../api.ts';
import { FormError } from '../components/Alert.tsx';
import { Loading } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { TextField } from '../components/Field.tsx';
import { usePageTitle } from '../components/PageHeader.tsx';
import { createFormState } from '../forms.ts';
import { t } from '../i18n.ts';
import { PublicLayout } from '../layout/PublicLayout.tsx';
import { session, signedIn } from '../session.ts';

export default function LoginPage() {
  usePageTitle(() => t('login.title'));
  const [params] = useSearchParams<{ next?: string }>();
  return (
    <Switch>
      <Match when={session().status === 'signedOut' || session().status === 'error'}>
        <PublicLayout>
          <LoginForm next={safeNext(params.next)} />
        </PublicLayout>
      </Match>
      <Match when={session().status === 'signedIn'}>
        <Navigate href={safeNext(params.next)} />
      </Match>
      <Match when={session().status === 'setup'}>
        <Navigate href="/setup" />
      </Match>
      <Match when={true}>
        <PublicLayout>
          <Loading />
        </PublicLayout>
      </Match>
    </Switch>
  );
}

function LoginForm(props: { next: string }) {
  const navigate = useNavigate();
  const form = createFormState();
  const [username, setUsername] = createSignal('');
  const [password, setPassword] = createSignal('');

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const input = form.check(Login, { username: username(), password: password() });
    if (!input) return;
    let forced = false;
    const ok = await form.run(async () => {
      const me = await call(C.login, { body: input });
      forced = me.account.mustChangePassword;
      signedIn(me);
    }, ['username', 'password']);
    // A first password given by staff: straight to choosing one's own, then on to where the person was going.
    if (ok) navigate(forced ? `/password?next=${encodeURIComponent(props.next)}` : props.next, { replace: true });
  };

  return (
    <form onSubmit={submit} novalidate>
      <h1>{t('login.title')}</h1>
      <p class="lead">{t('login.lead')}</p>
      <FormError error={form.formError()} />
      <TextField label={t('field.username')} value={username()} onValue={setUsername} error={form.error('username')} autocomplete="username" autocapitalize="off" spellcheck={false} required />
      <TextField label={t('field.password')} type="password" value={password()} onValue={setPassword} error={form.error('password')} autocomplete="current-password" required />
      <div class="form-actions">
        <Button type="submit" variant="primary" busy={form.busy()} class="wide">
          {t('login.submit')}
        </Button>
      </div>
      <p class="muted small">{t('login.cardHint')}</p>
    </form>
  );
}
