import { Navigate, useNavigate } from '@solidjs/router';
import { createSignal, Match, Switch } from 'solid-js';
import { Setup } from '../../../shared/auth/schema.ts';
import * as C from '../../../shared/auth/contract.ts';
import { call } from '../api.ts';
import { Alert, FormError } from '../components/Alert.tsx';
import { Loading } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { TextField } from '../components/Field.tsx';
import { usePageTitle } from '../components/PageHeader.tsx';
import { toast } from '../components/Toast.tsx';
import { createFormState } from '../forms.ts';
import { t } from '../i18n.ts';
import { PublicLayout } from '../layout/PublicLayout.tsx';
import { session, signedIn } from '../session.ts';

/** First run: create the first system administrator, who is then signed in. */
export default function SetupPage() {
  usePageTitle(() => t('setup.title'));
  return (
    <Switch>
      <Match when={session().status === 'setup'}>
        <PublicLayout>
          <SetupForm />
        </PublicLayout>
      </Match>
      <Match when={session().status === 'signedIn'}>
        <Navigate href="/" />
      </Match>
      <Match when={session().status === 'signedOut'}>
        <Navigate href="/login" />
      </Match>
      <Match when={true}>
        <PublicLayout>
          <Loading />
        </PublicLayout>
      </Match>
    </Switch>
  );
}

function SetupForm() {
  const navigate = useNavigate();
  const form = createFormState();
  const [displayName, setDisplayName] = createSignal('');
  const [username, setUsername] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [repeat, setRepeat] = createSignal('');

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const input = form.check(Setup, { displayName: displayName(), username: username(), password: password() });
    if (!input) return;
    if (repeat() !== password()) {
      form.setErrors({ repeat: t('account.password.mismatch') });
      return;
    }
    const ok = await form.run(async () => signedIn(await call(C.setup, { body: input })), ['displayName', 'username', 'password']);
    if (ok) {
      toast(t('setup.done'));
      navigate('/congresses', { replace: true });
    }
  };

  return (
    <form onSubmit={submit} novalidate>
      <h1>{t('setup.title')}</h1>
      <p class="lead">{t('setup.lead')}</p>
      <Alert kind="info">{t('setup.note')}</Alert>
      <FormError error={form.formError()} />
      <TextField label={t('field.displayName')} hint={t('setup.displayNameHint')} value={displayName()} onValue={setDisplayName} error={form.error('displayName')} autocomplete="name" required />
      <TextField label={t('field.username')} hint={t('field.usernameHint')} value={username()} onValue={setUsername} error={form.error('username')} autocomplete="username" autocapitalize="off" spellcheck={false} required />
      <TextField label={t('field.password')} hint={t('field.passwordHint')} type="password" value={password()} onValue={setPassword} error={form.error('password')} autocomplete="new-password" required />
      <TextField label={t('field.passwordRepeat')} type="password" value={repeat()} onValue={setRepeat} error={form.error('repeat')} autocomplete="new-password" required />
      <div class="form-actions">
        <Button type="submit" variant="primary" busy={form.busy()} class="wide">
          {t('setup.submit')}
        </Button>
      </div>
    </form>
  );
}
