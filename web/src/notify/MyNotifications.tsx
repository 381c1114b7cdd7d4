import { createResource, createSignal, For, Show } from 'solid-js';
import type { PersonalChannel } from '../../../shared/notify/enums.ts';
import { ApiError } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { Async } from '../components/Async.tsx';
import { toast } from '../components/Toast.tsx';
import { t } from '../i18n.ts';
import { channelLabel, fetchMyOptouts, setMyOptout } from './notify.data.ts';
import './notify.css';

/**
 * 我的通知 (a section of my account page): each channel I am reached on (an address known for me) as a switch; turned
 * off, no message reaches me on it — whichever role it is for.
 */
export function MyNotifications() {
  const [mine, { refetch, mutate }] = createResource(fetchMyOptouts);
  const [busy, setBusy] = createSignal<PersonalChannel | null>(null);
  const [error, setError] = createSignal('');
  const toggle = async (channel: PersonalChannel, on: boolean) => {
    setBusy(channel);
    setError('');
    try {
      mutate(await setMyOptout(channel, !on));
      toast(t(on ? 'notify.mine.turnedOn' : 'notify.mine.turnedOff', { channel: channelLabel(channel) }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('error.unexpected'));
      void refetch();
    } finally {
      setBusy(null);
    }
  };
  return (
    <section class="card nt-mine" aria-labelledby="nt-mine-title">
      <h2 id="nt-mine-title">{t('notify.mine.title')}</h2>
      <p class="muted">{t('notify.mine.lead')}</p>
      <Show when={error()}>
        <Alert kind="error" title={error()} />
      </Show>
      <Async resource={mine} retry={refetch}>
        {(m) => (
          <Show when={m.channels.length} fallback={<p class="muted">{t('notify.mine.none')}</p>}>
            <ul class="plain-list nt-switches">
              <For each={m.channels}>
                {(c) => (
                  <li class="check-field nt-switch">
                    <input
                      type="checkbox"
                      role="switch"
                      id={`nt-mine-${c.channel}`}
                      checked={!c.optedOut}
                      disabled={busy() === c.channel}
                      aria-describedby={`nt-mine-${c.channel}-hint`}
                      onChange={(e) => void toggle(c.channel as PersonalChannel, e.currentTarget.checked)}
                    />
                    <div>
                      <label for={`nt-mine-${c.channel}`}>{t('notify.mine.receive', { channel: channelLabel(c.channel as PersonalChannel) })}</label>
                      <p class="hint" id={`nt-mine-${c.channel}-hint`}>
                        {c.optedOut ? t('notify.mine.offHint') : t('notify.mine.onHint')}
                      </p>
                    </div>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Async>
    </section>
  );
}
