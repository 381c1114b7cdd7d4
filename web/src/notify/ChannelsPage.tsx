import { A } from '@solidjs/router';
import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { ROBOT_CHANNELS, type Channel, type RobotChannel } from '../../../shared/notify/enums.ts';
import { ApiError } from '../api.ts';
import { Alert, FormError } from '../components/Alert.tsx';
import { Async } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { confirmAction } from '../components/Dialog.tsx';
import { TextField } from '../components/Field.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { toast } from '../components/Toast.tsx';
import { useCongress } from '../congress/context.tsx';
import { createFormState } from '../forms.ts';
import { every } from '../hall/hall.data.ts';
import { t } from '../i18n.ts';
import { can } from '../session.ts';
import { channelLabel, fetchChannels, fetchMessages, setRobot, testSend, type ChannelStatus, type Message } from './notify.data.ts';
import { StateCell } from './parts.tsx';
import './notify.css';

/** While a test message is on its way its state is asked for this often. */
const POLL_MS = 2000;
const isRobot = (c: Channel): c is RobotChannel => (ROBOT_CHANNELS as readonly string[]).includes(c);

/**
 * 通知渠道: each channel on or off and what it sends through (no secret shown). SMS and e-mail are the deployment's
 * (README "Notifications"); the group robots are this congress's: their webhook (and 钉钉's 加签 secret) set or removed
 * here. Each channel that is on has a test send, whose message's state then shows here until it is sent or given up.
 */
export default function ChannelsPage() {
  const { id } = useCongress();
  const [status, { refetch }] = createResource(() => (can(id(), 'notify.staff') ? id() : false), fetchChannels);
  return (
    <Show when={can(id(), 'notify.staff')} fallback={<NoAccess />}>
      <PageHeader title={t('notify.channels.title')} lead={t('notify.channels.lead')} />
      <Async resource={status} retry={refetch}>
        {(s) => (
          <div class="nt-channels">
            <For each={s.channels}>{(c) => <ChannelCard status={c} congressId={id()} onChanged={() => void refetch()} />}</For>
          </div>
        )}
      </Async>
    </Show>
  );
}

function ChannelCard(props: { status: ChannelStatus; congressId: string; onChanged: () => void }) {
  const c = () => props.status.channel;
  const headId = () => `nt-ch-${c()}`;
  return (
    <section class="card nt-channel" aria-labelledby={headId()}>
      <div class="nt-channel-head">
        <h2 id={headId()}>{channelLabel(c())}</h2>
        <span class={`tag ${props.status.configured ? 'tag-ok' : 'tag-muted'}`}>{props.status.configured ? t('notify.channels.on') : t('notify.channels.off')}</span>
      </div>
      <Show when={props.status.detail}>
        <p class="nt-detail">
          <span class="muted">{t('notify.channels.through')}</span> <span class="mono">{props.status.detail}</span>
        </p>
      </Show>
      <Show when={!isRobot(c()) && !props.status.configured}>
        <p class="muted small">{t('notify.channels.offDeployment')}</p>
      </Show>
      <Show when={isRobot(c())}>
        <RobotForm channel={c() as RobotChannel} status={props.status} congressId={props.congressId} onChanged={props.onChanged} />
      </Show>
      <Show when={props.status.configured}>
        <TestSendForm channel={c()} congressId={props.congressId} />
      </Show>
    </section>
  );
}

/** A group robot's webhook (and 钉钉's 加签 secret): set, replaced, or removed. The secret is never shown back. */
function RobotForm(props: { channel: RobotChannel; status: ChannelStatus; congressId: string; onChanged: () => void }) {
  const form = createFormState();
  const [webhook, setWebhook] = createSignal('');
  const [secret, setSecret] = createSignal('');
  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!webhook().trim()) return form.setErrors({ webhook: t('notify.channels.webhookRequired') });
    // An empty secret box keeps the secret kept (absent), a typed one replaces it.
    const s = props.channel === 'dingtalk' && secret().trim() ? secret().trim() : undefined;
    const done = await form.run(() => setRobot(props.congressId, props.channel, webhook().trim(), s), ['webhook', 'secret']);
    if (done) {
      setWebhook('');
      setSecret('');
      toast(t('notify.channels.robotSaved', { channel: channelLabel(props.channel) }));
      props.onChanged();
    }
  };
  const remove = () =>
    confirmAction({
      title: t('notify.channels.removeTitle', { channel: channelLabel(props.channel) }),
      message: t('notify.channels.removeText'),
      confirmLabel: t('notify.channels.remove'),
      danger: true,
      action: () => setRobot(props.congressId, props.channel, '', ''),
    }).then((ok) => {
      if (ok) {
        toast(t('notify.channels.robotRemoved', { channel: channelLabel(props.channel) }));
        props.onChanged();
      }
    });
  return (
    <form class="nt-robot" onSubmit={save} novalidate>
      <h3>{props.status.configured ? t('notify.channels.replaceRobot') : t('notify.channels.setRobot')}</h3>
      <TextField
        label={t('notify.channels.webhook')}
        hint={t(props.channel === 'wecom' ? 'notify.channels.webhookHint.wecom' : 'notify.channels.webhookHint.dingtalk')}
        inputmode="url"
        autocomplete="off"
        spellcheck={false}
        value={webhook()}
        onValue={(v) => {
          setWebhook(v);
          form.clearError('webhook');
        }}
        error={form.error('webhook')}
      />
      <Show when={props.channel === 'dingtalk'}>
        <TextField
          label={t('notify.channels.secret')}
          hint={props.status.hasSecret ? t('notify.channels.secretKept') : t('notify.channels.secretHint')}
          autocomplete="off"
          spellcheck={false}
          value={secret()}
          onValue={setSecret}
          error={form.error('secret')}
        />
      </Show>
      <FormError error={form.formError()} />
      <div class="form-actions">
        <Show when={props.status.configured}>
          <Button variant="danger" onClick={() => void remove()}>
            {t('notify.channels.remove')}
          </Button>
        </Show>
        <Button type="submit" variant="primary" busy={form.busy()}>
          {t('notify.channels.saveRobot')}
        </Button>
      </div>
    </form>
  );
}

/** Send a test now; then follow that message (the list filtered by kind 测试通知) until it is sent or given up. */
function TestSendForm(props: { channel: Channel; congressId: string }) {
  const form = createFormState();
  const [address, setAddress] = createSignal('');
  const [sentId, setSentId] = createSignal<string | null>(null);
  const [message, setMessage] = createSignal<Message | null>(null);
  const [followError, setFollowError] = createSignal('');
  const personal = () => !isRobot(props.channel);

  const follow = async () => {
    const mid = sentId();
    if (!mid) return;
    try {
      const page = await fetchMessages(props.congressId, { kind: 'test', channel: props.channel, page: 1, size: 20 });
      const m = page.items.find((x) => x.id === mid);
      if (m) setMessage(m);
      setFollowError('');
    } catch (e) {
      setFollowError(e instanceof ApiError ? e.message : t('error.unexpected'));
    }
  };
  const settledState = () => {
    const s = message()?.state;
    return s === 'sent' || s === 'failed' || s === 'skipped';
  };
  onCleanup(
    every(POLL_MS, () => {
      if (sentId() && !settledState()) void follow();
    }),
  );

  const send = async (e: SubmitEvent) => {
    e.preventDefault();
    if (personal() && !address().trim()) return form.setErrors({ address: t(props.channel === 'sms' ? 'notify.channels.phoneRequired' : 'notify.channels.emailRequired') });
    const done = await form.run(() => testSend(props.congressId, props.channel, personal() ? address().trim() : undefined), ['address']);
    if (done) {
      setMessage(null);
      setSentId(done.value.messageId);
      toast(t('notify.channels.testQueued'));
      void follow();
    }
  };

  return (
    <form class="nt-test" onSubmit={send} novalidate>
      <h3>{t('notify.channels.test')}</h3>
      <Show when={personal()} fallback={<p class="muted small">{t('notify.channels.testRobotHint')}</p>}>
        <TextField
          label={t(props.channel === 'sms' ? 'notify.channels.testPhone' : 'notify.channels.testEmail')}
          hint={t('notify.channels.testAddressHint')}
          type={props.channel === 'sms' ? 'tel' : 'text'}
          inputmode={props.channel === 'sms' ? 'tel' : 'email'}
          autocomplete="off"
          value={address()}
          onValue={(v) => {
            setAddress(v);
            form.clearError('address');
          }}
          error={form.error('address')}
        />
      </Show>
      <FormError error={form.formError()} />
      <div class="form-actions">
        <Button type="submit" busy={form.busy()}>
          {t('notify.channels.sendTest', { channel: channelLabel(props.channel) })}
        </Button>
      </div>
      <Show when={sentId()}>
        <div class="nt-test-state" aria-live="polite">
          <span class="muted">{t('notify.channels.testState')}</span>{' '}
          <Show when={message()} fallback={<span class="muted">{t('notify.channels.testWaiting')}</span>}>
            {(m) => (
              <>
                <StateCell message={m()} />
                <Show when={m().lastError}>
                  <span class="block small nt-error">{m().lastError}</span>
                </Show>
              </>
            )}
          </Show>
          <Show when={followError()}>
            <Alert kind="error" title={followError()} />
          </Show>{' '}
          <A href={`/c/${props.congressId}/notify?kind=test`}>{t('notify.channels.allTests')}</A>
        </div>
      </Show>
    </form>
  );
}
