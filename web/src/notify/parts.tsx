/** Pieces the notify pages share: a message's state in words (with why it waits and when it goes). */
import { Show } from 'solid-js';
import type { MessageState } from '../../../shared/notify/enums.ts';
import { fmt, t } from '../i18n.ts';
import { reasonLabel, stateLabel, type Message } from './notify.data.ts';

const TAG: Record<MessageState, string> = { pending: 'tag-warn', sending: 'tag-accent', sent: 'tag-ok', failed: 'tag-bad', skipped: 'tag-muted' };

/** 待发送 · 夜间免打扰，早 8 点发送 · 12月7日 08:00; 已发送 · 12月6日 18:03. */
export function StateCell(props: { message: Pick<Message, 'state' | 'reason' | 'dueAt' | 'sentAt'> }) {
  const m = () => props.message;
  return (
    <span class="nt-state">
      <span class={`tag ${TAG[m().state]}`}>{stateLabel(m().state)}</span>
      <Show when={m().reason}>{(r) => <span class="block small">{reasonLabel(r())}</span>}</Show>
      <Show when={m().state === 'pending' && Date.parse(m().dueAt) > Date.now()}>
        <span class="block small muted num">{t('notify.messages.dueAt', { at: fmt.dateTime(m().dueAt) })}</span>
      </Show>
      <Show when={m().state === 'sent' && m().sentAt}>{(at) => <span class="block small muted num">{t('notify.messages.sentAt', { at: fmt.dateTime(at()) })}</span>}</Show>
    </span>
  );
}
