import { useSearchParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { AUDIENCES, CHANNELS, MESSAGE_KINDS, MESSAGE_STATES, type Audience, type Channel, type MessageKind, type MessageState } from '../../../shared/notify/enums.ts';
import { ApiError } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { Async, latest } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { SelectField } from '../components/Field.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Pager, pageParam } from '../components/Pager.tsx';
import { Table } from '../components/Table.tsx';
import { toast } from '../components/Toast.tsx';
import { useCongress } from '../congress/context.tsx';
import { fmt, t } from '../i18n.ts';
import { can } from '../session.ts';
import { audienceWord, channelLabel, fetchMessages, kindLabel, retryMessage, type Message, type MessagesFilter } from './notify.data.ts';
import { StateCell } from './parts.tsx';
import './notify.css';

type Params = { state?: string; channel?: string; kind?: string; audience?: string; page?: string };
const PAGE_SIZE = 50;
const oneOf = <T extends string>(list: readonly T[], v: string | undefined): T | undefined => (list as readonly string[]).includes(v ?? '') ? (v as T) : undefined;

/**
 * 通知记录: every message of this congress (newest first) with its delivery state — counts per state as chips, the
 * channel, kind and audience as filters, all kept in the address; the address masked; a failed one sent again.
 */
export default function MessagesPage() {
  const { id } = useCongress();
  const [params, setParams] = useSearchParams<Params>();
  const filter = (): MessagesFilter => ({
    state: oneOf<MessageState>(MESSAGE_STATES, params.state),
    channel: oneOf<Channel>(CHANNELS, params.channel),
    kind: oneOf<MessageKind>(MESSAGE_KINDS, params.kind),
    audience: oneOf<Audience>(AUDIENCES, params.audience),
  });
  const page = () => pageParam(params.page);
  const [list, { refetch }] = createResource(
    () => (can(id(), 'notify.staff') ? { id: id(), f: filter(), page: page() } : false),
    (s) => fetchMessages(s.id, { ...s.f, page: s.page, size: PAGE_SIZE }),
  );
  const set = (k: keyof Params) => (v: string) => setParams({ [k]: v || undefined, page: undefined });
  const filtered = () => Object.values(filter()).some((v) => v !== undefined);
  const clear = () => setParams({ state: undefined, channel: undefined, kind: undefined, audience: undefined, page: undefined });
  const total = () => Object.values(latest(list)?.counts ?? {}).reduce((a, b) => a + b, 0);
  const toPage = (p: number) => {
    setParams({ page: p > 1 ? String(p) : undefined });
    document.getElementById('nt-list')?.scrollIntoView({ block: 'start' });
  };

  const [retrying, setRetrying] = createSignal<string | null>(null);
  const [retryError, setRetryError] = createSignal('');
  const retry = async (m: Message) => {
    setRetrying(m.id);
    setRetryError('');
    try {
      await retryMessage(id(), m.id);
      toast(t('notify.messages.retried'));
      void refetch();
    } catch (e) {
      setRetryError(e instanceof ApiError ? e.message : t('error.unexpected'));
    } finally {
      setRetrying(null);
    }
  };

  return (
    <Show when={can(id(), 'notify.staff')} fallback={<NoAccess />}>
      <PageHeader
        title={t('notify.messages.title')}
        lead={t('notify.messages.lead')}
        actions={
          <Button onClick={() => void refetch()} busy={list.state === 'refreshing'}>
            {t('notify.messages.refresh')}
          </Button>
        }
      />
      <div class="status-tabs" role="radiogroup" aria-label={t('notify.messages.filter.state')}>
        <For each={[undefined, ...MESSAGE_STATES] as (MessageState | undefined)[]}>
          {(s) => (
            <button type="button" role="radio" aria-checked={filter().state === s} classList={{ on: filter().state === s }} onClick={() => setParams({ state: s, page: undefined })}>
              <span>{s ? t(`notify.state.${s}`) : t('notify.messages.filter.allStates')}</span>
              <span class="count num">{fmt.count(s ? (latest(list)?.counts[s] ?? 0) : total())}</span>
            </button>
          )}
        </For>
      </div>
      <div class="filters nt-filters" role="search" aria-label={t('notify.messages.filters')}>
        <SelectField
          label={t('notify.messages.filter.channel')}
          value={filter().channel ?? ''}
          onValue={set('channel')}
          options={[{ value: '', label: t('notify.messages.filter.allChannels') }, ...CHANNELS.map((c) => ({ value: c, label: channelLabel(c) }))]}
        />
        <SelectField
          label={t('notify.messages.filter.kind')}
          value={filter().kind ?? ''}
          onValue={set('kind')}
          options={[{ value: '', label: t('notify.messages.filter.allKinds') }, ...MESSAGE_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))]}
        />
        <SelectField
          label={t('notify.messages.filter.audience')}
          value={filter().audience ?? ''}
          onValue={set('audience')}
          options={[{ value: '', label: t('notify.messages.filter.allAudiences') }, ...AUDIENCES.map((a) => ({ value: a, label: audienceWord(a) }))]}
        />
      </div>
      <Show when={retryError()}>
        <Alert kind="error" title={retryError()} />
      </Show>
      <Async resource={list} retry={refetch}>
        {(l) => (
          <section id="nt-list" aria-label={t('notify.messages.title')}>
            <p class="count-line" aria-live="polite">
              {t(filtered() ? 'notify.messages.countFiltered' : 'notify.messages.count', { n: fmt.count(l.total) })}
              <Show when={filtered()}>
                {' '}
                <button type="button" class="linklike" onClick={clear}>
                  {t('notify.messages.clearFilters')}
                </button>
              </Show>
            </p>
            <Table
              caption={t('notify.messages.title')}
              rows={l.items}
              class="nt-table"
              empty={
                <Show when={filtered()} fallback={<EmptyState title={t('notify.messages.empty')}>{t('notify.messages.emptyNext')}</EmptyState>}>
                  <EmptyState title={t('notify.messages.noMatch')} action={<Button onClick={clear}>{t('notify.messages.clearFilters')}</Button>} />
                </Show>
              }
              columns={[
                { header: () => t('notify.messages.at'), class: 'nt-at', cell: (m: Message) => <span class="num">{fmt.dateTime(m.createdAt)}</span> },
                {
                  header: () => t('notify.messages.kind'),
                  class: 'nt-kind',
                  cell: (m: Message) => (
                    <>
                      <strong>{kindLabel(m.kind)}</strong>
                      <Show when={m.preview}>
                        <span class="nt-preview muted small block">{m.preview}</span>
                      </Show>
                    </>
                  ),
                },
                { header: () => t('notify.messages.audience'), class: 'nowrap', cell: (m: Message) => audienceWord(m.audience) },
                {
                  header: () => t('notify.messages.to'),
                  cell: (m: Message) => (
                    <>
                      <span class="block">{channelLabel(m.channel)}</span>
                      <Show when={m.addressMasked}>
                        <span class="num muted small">{m.addressMasked}</span>
                      </Show>
                    </>
                  ),
                },
                { header: () => t('notify.messages.state'), cell: (m: Message) => <StateCell message={m} /> },
                { header: () => t('notify.messages.attempts'), class: 'num nowrap', cell: (m: Message) => <span class="num">{m.attempts}</span> },
                {
                  header: () => t('notify.messages.lastError'),
                  cell: (m: Message) => (
                    <Show when={m.lastError} fallback={<span class="muted">—</span>}>
                      <span class="nt-error small">{m.lastError}</span>
                    </Show>
                  ),
                },
                {
                  header: () => t('common.actions'),
                  noLabel: true,
                  class: 'actions',
                  cell: (m: Message) => (
                    <Show when={m.state === 'failed'}>
                      <Button small variant="primary" busy={retrying() === m.id} onClick={() => void retry(m)} aria-label={t('notify.messages.retryOne', { kind: kindLabel(m.kind), to: m.addressMasked || channelLabel(m.channel) })}>
                        {t('notify.messages.retry')}
                      </Button>
                    </Show>
                  ),
                },
              ]}
            />
            <Show when={l.total > 0}>
              <Pager page={l.page} size={l.size} total={l.total} onPage={toPage} />
            </Show>
          </section>
        )}
      </Async>
    </Show>
  );
}
