import { Navigate, useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, Match, Switch } from 'solid-js';
import { ChangePassword } from '../../../shared/auth/schema.ts';
import { safeNext } from '../../../shared/auth/safe-next.ts';
import * as C from '../../../shared/auth/contract.ts';
import { call } from '../api.ts';
import { FormError } from '../components/Alert.tsx';
import { Loading } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { TextField } from '../components/Field.tsx';
import { usePageTitle } from '../components/PageHeader.tsx';
import { toast } from '../components/Toast.tsx';
import { createFormState } from '../forms.ts';
import { t } from '../i18n.ts';
import { PublicLayout } from '../layout/PublicLayout.tsx';
import { me, refreshMe, session, signOut } from '../session.ts';

/**
 * /password — the first sign-in with a password given by staff (or an administrator's reset). The server refuses
 * everything else until the owner has chosen their own password, so every signed-in page sends them here
 * (RequireSession) and this page is all they see: the first password, a new one twice, then on to where they were going.
 */
export default function FirstPasswordPage() {
  usePageTitle(() => t('forcedPassword.title'));
  const [params] = useSearchParams<{ next?: string }>();
  const next = () => safeNext(params.next);
  return (
    <Switch>
      <Match when={session().status === 'signedIn' && me()?.account.mustChangePassword}>
        <PublicLayout>
          <ForcedChangeForm next={next()} />
        </PublicLayout>
      </Match>
      <Match when={session().status === 'signedIn'}>
        <Navigate href={next()} />
      </Match>
      <Match when={session().status === 'signedOut' || session().status === 'setup'}>
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

function ForcedChangeForm(props: { next: string }) {
  const navigate = useNavigate();
  const form = createFormState();
  const [current, setCurrent] = createSignal('');
  const [fresh, setFresh] = createSignal('');
  const [repeat, setRepeat] = createSignal('');
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const input = form.check(ChangePassword, { currentPassword: current(), newPassword: fresh() });
    if (!input) return;
    if (repeat() !== fresh()) return form.setErrors({ repeat: t('forcedPassword.mismatch') });
    const ok = await form.run(async () => {
      await call(C.changePassword, { body: input });
      await refreshMe();
    }, ['currentPassword', 'newPassword']);
    if (ok) {
      toast(t('forcedPassword.done'));
      navigate(props.next, { replace: true });
    }
  };
  const leave = async () => {
    await signOut();
    navigate('/login', { replace: true });
  };
  return (
    <form onSubmit={submit} novalidate>
      <h1>{t('forcedPassword.title')}</h1>
      <p class="lead">{t('forcedPassword.lead')}</p>
      <p class="muted small">{t('forcedPassword.who', { name: me()?.account.displayName ?? '', username: me()?.account.username ?? '' })}</p>
      <FormError error={form.formError()} />
      <input type="text" name="username" autocomplete="username" value={me()?.account.username ?? ''} hidden readOnly />
      <TextField label={t('forcedPassword.current')} hint={t('forcedPassword.currentHint')} type="password" value={current()} onValue={setCurrent} error={form.error('currentPassword')} autocomplete="current-password" required autofocus />
      <TextField label={t('forcedPassword.new')} hint={t('forcedPassword.newHint')} type="password" value={fresh()} onValue={setFresh} error={form.error('newPassword')} autocomplete="new-password" required />
      <TextField label={t('forcedPassword.repeat')} type="password" value={repeat()} onValue={setRepeat} error={form.error('repeat')} autocomplete="new-password" required />
      <div class="form-actions">
        <Button type="submit" variant="primary" busy={form.busy()} class="wide">
          {t('forcedPassword.submit')}
        </Button>
      </div>
      <p class="muted small">
        <button type="button" class="linklike" onClick={() => void leave()}>
          {t('forcedPassword.signOut')}
        </button>
      </p>
    </form>
  );
}
