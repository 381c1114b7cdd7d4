import { createSignal, Show } from 'solid-js';
import { ApiError } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { TextField } from '../components/Field.tsx';
import { t } from '../i18n.ts';
import { leaveKiosk } from './device.data.ts';

/**
 * The one way off a kiosk: a staff account of its congress signs in here. The server ends the kiosk for good and
 * signs nobody in; the device then loads the ordinary sign-in page afresh (nothing of the kiosk kept in memory).
 */
export function LeaveKiosk() {
  const [open, setOpen] = createSignal(false);
  const [username, setUsername] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const close = () => {
    setOpen(false);
    setUsername('');
    setPassword('');
    setError('');
  };
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!username().trim() || !password()) return;
    setBusy(true);
    setError('');
    try {
      await leaveKiosk(username().trim(), password());
      location.replace('/login');
    } catch (err) {
      setPassword('');
      setError(err instanceof ApiError ? err.message : t('error.unexpected'));
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" class="btn btn-ghost kiosk-leave" onClick={() => setOpen(true)}>
        {t('kiosk.leave.open')}
      </button>
      <Dialog open={open()} onClose={close} title={t('kiosk.leave.title')}>
        <form onSubmit={submit} novalidate>
          <p>{t('kiosk.leave.lead')}</p>
          <Show when={error()}>
            <Alert kind="error" title={error()} />
          </Show>
          <TextField label={t('kiosk.leave.username')} value={username()} onValue={setUsername} autocomplete="off" autocapitalize="none" spellcheck={false} required />
          <TextField label={t('kiosk.leave.password')} type="password" value={password()} onValue={setPassword} autocomplete="off" required />
          <div class="dialog-actions">
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button type="submit" variant="primary" busy={busy()}>
              {t('kiosk.leave.submit')}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
