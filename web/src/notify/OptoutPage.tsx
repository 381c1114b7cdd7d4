import { createSignal, Match, onMount, Switch } from 'solid-js';
import type { PersonalChannel } from '../../../shared/notify/enums.ts';
import { ApiError } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { Loading } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { usePageTitle } from '../components/PageHeader.tsx';
import { t } from '../i18n.ts';
import { PublicLayout } from '../layout/PublicLayout.tsx';
import { channelLabel, publicOptout } from './notify.data.ts';
import './notify.css';

/**
 * /n/o#<token>: the 退订 link in a message to a resident. The token sits in the fragment (never in a server log); it is
 * read once and taken out of the address bar. Nothing happens until the resident presses the button (a mail scanner
 * following the link opts nobody out); then that address hears nothing more on that channel.
 */
export default function OptoutPage() {
  usePageTitle(() => t('notify.optout.title'));
  const [token, setToken] = createSignal<string | null>(null);
  const [state, setState] = createSignal<'reading' | 'noToken' | 'ask' | 'done' | 'failed'>('reading');
  const [channel, setChannel] = createSignal<PersonalChannel | null>(null);
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);

  onMount(() => {
    const tk = decodeURIComponent(location.hash.replace(/^#/, '')).trim();
    history.replaceState(history.state, '', location.pathname);
    setToken(tk || null);
    setState(tk ? 'ask' : 'noToken');
  });

  const confirm = async () => {
    const tk = token();
    if (!tk) return;
    setBusy(true);
    setError('');
    try {
      const done = await publicOptout(tk);
      setChannel(done.channel as PersonalChannel);
      setState('done');
    } catch (e) {
      // A link cut short fails the request's shape check: it is the same as a link that is not valid.
      setError(e instanceof ApiError && e.code !== 'validation' ? e.message : t('notify.optout.badLink'));
      setState('failed');
    } finally {
      setBusy(false);
    }
  };

  return (
    <PublicLayout class="resident nt-optout">
      <h1>{t('notify.optout.title')}</h1>
      <Switch>
        <Match when={state() === 'reading'}>
          <Loading />
        </Match>
        <Match when={state() === 'noToken'}>
          <Alert kind="info" title={t('notify.optout.noToken')}>
            <p>{t('notify.optout.noTokenHelp')}</p>
          </Alert>
        </Match>
        <Match when={state() === 'ask'}>
          <p class="lead">{t('notify.optout.ask')}</p>
          <p class="muted">{t('notify.optout.askNote')}</p>
          <Button variant="primary" class="nt-big-btn" busy={busy()} onClick={() => void confirm()}>
            {t('notify.optout.confirm')}
          </Button>
        </Match>
        <Match when={state() === 'done'}>
          <Alert kind="success" title={t('notify.optout.done')}>
            <p>{t('notify.optout.doneText', { channel: channelLabel(channel() ?? 'sms') })}</p>
          </Alert>
        </Match>
        <Match when={state() === 'failed'}>
          <Alert kind="error" title={error()}>
            <p>{t('notify.optout.failedHelp')}</p>
          </Alert>
        </Match>
      </Switch>
    </PublicLayout>
  );
}
