import { createResource, createSignal, For, Show } from 'solid-js';
import { ChangePassword } from '../../../shared/auth/schema.ts';
import * as C from '../../../shared/auth/contract.ts';
import { call } from '../api.ts';
import { FormError } from '../components/Alert.tsx';
import { Async } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { confirmAction } from '../components/Dialog.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { TextField } from '../components/Field.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Table } from '../components/Table.tsx';
import { toast } from '../components/Toast.tsx';
import { createFormState } from '../forms.ts';
import { fmt, t } from '../i18n.ts';
import { roleLabel } from '../labels.ts';
import { me } from '../session.ts';
import { MyNotifications } from '../notify/MyNotifications.tsx';
import { describeAgent, fetchMySessions, revokeMySession, type Session } from './sessions.data.ts';
import './auth.css';

/** My account: who I am and my roles, my password, and where I am signed in. */
export default function MyAccountPage() {
  const [sessions, { refetch }] = createResource(fetchMySessions);
  const account = () => me()!.account;

  const revoke = (s: Session) =>
    confirmAction({
      title: t('account.sessions.revokeTitle'),
      message: t('account.sessions.revokeMessage', { device: describeAgent(s.userAgent) ?? t('account.sessions.unknownDevice') }),
      confirmLabel: t('account.sessions.revoke'),
      danger: true,
      action: () => revokeMySession(s.id),
    }).then((ok) => {
      if (ok) {
        toast(t('account.sessions.revoked'));
        void refetch();
      }
    });

  return (
    <>
      <PageHeader title={t('account.title')} lead={t('account.lead')} />

      <section class="card">
        <h2>{t('account.profile')}</h2>
        <dl class="facts">
          <div>
            <dt>{t('field.displayName')}</dt>
            <dd>{account().displayName}</dd>
          </div>
          <div>
            <dt>{t('field.username')}</dt>
            <dd class="mono">{account().username}</dd>
          </div>
          <div>
            <dt>{t('account.roles')}</dt>
            <dd>
              <Show when={account().systemAdmin}>
                <span class="tag tag-accent">{t('role.systemAdmin')}</span>{' '}
              </Show>
              <For each={me()!.memberships} fallback={<Show when={!account().systemAdmin}><span class="muted">{t('account.noRoles')}</span></Show>}>
                {(m) => (
                  <span class="tag">
                    {m.congressName} · {roleLabel(m.role)}
                    {m.departmentName ? ` · ${m.departmentName}` : ''}
                  </span>
                )}
              </For>
            </dd>
          </div>
        </dl>
      </section>

      <section class="card">
        <h2>{t('account.password.title')}</h2>
        <Show when={account().hasPassword} fallback={<p class="muted">{t('account.password.cardOnly')}</p>}>
          <ChangePasswordForm onDone={() => void refetch()} />
        </Show>
      </section>

      <MyNotifications />

      <section class="card">
        <h2>{t('account.sessions.title')}</h2>
        <p class="muted">{t('account.sessions.lead')}</p>
        <Async resource={sessions} retry={refetch}>
          {(list) => (
            <Table
              caption={t('account.sessions.title')}
              rows={list}
              empty={<EmptyState title={t('account.sessions.empty')} />}
              columns={[
                {
                  header: () => t('account.sessions.device'),
                  cell: (s) => (
                    <>
                      {describeAgent(s.userAgent) ?? t('account.sessions.unknownDevice')}
                      <Show when={s.current}>
                        {' '}
                        <span class="tag tag-ok">{t('account.sessions.current')}</span>
                      </Show>
                    </>
                  ),
                },
                { header: () => t('account.sessions.method'), class: 'nowrap', cell: (s) => t(s.method === 'card' ? 'session.method.card' : s.method === 'setup' ? 'session.method.setup' : 'session.method.password') },
                { header: () => t('account.sessions.signedInAt'), class: 'nowrap', cell: (s) => <span class="num">{fmt.dateTime(s.createdAt)}</span> },
                { header: () => t('account.sessions.lastSeen'), class: 'nowrap', cell: (s) => <span class="num">{fmt.dateTime(s.lastSeenAt)}</span> },
                {
                  header: () => t('common.actions'),
                  noLabel: true,
                  class: 'actions',
                  cell: (s) => (
                    <Show when={!s.current} fallback={<span class="muted small">{t('account.sessions.thisDevice')}</span>}>
                      <Button small variant="danger" onClick={() => revoke(s)}>
                        {t('account.sessions.revoke')}
                      </Button>
                    </Show>
                  ),
                },
              ]}
            />
          )}
        </Async>
      </section>
    </>
  );
}

function ChangePasswordForm(props: { onDone: () => void }) {
  const form = createFormState();
  const [current, setCurrent] = createSignal('');
  const [next, setNext] = createSignal('');
  const [repeat, setRepeat] = createSignal('');

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const input = form.check(ChangePassword, { currentPassword: current(), newPassword: next() });
    if (!input) return;
    if (repeat() !== next()) return form.setErrors({ repeat: t('account.password.mismatch') });
    const ok = await form.run(() => call(C.changePassword, { body: input }), ['currentPassword', 'newPassword']);
    if (ok) {
      setCurrent('');
      setNext('');
      setRepeat('');
      toast(t('account.password.changed'));
      props.onDone();
    }
  };

  return (
    <form onSubmit={submit} novalidate class="form-narrow">
      <FormError error={form.formError()} />
      <TextField label={t('account.password.current')} type="password" value={current()} onValue={setCurrent} error={form.error('currentPassword')} autocomplete="current-password" required />
      <TextField label={t('account.password.new')} hint={t('field.passwordHint')} type="password" value={next()} onValue={setNext} error={form.error('newPassword')} autocomplete="new-password" required />
      <TextField label={t('field.passwordRepeat')} type="password" value={repeat()} onValue={setRepeat} error={form.error('repeat')} autocomplete="new-password" required />
      <p class="muted small">{t('account.password.othersSignedOut')}</p>
      <div class="form-actions">
        <Button type="submit" variant="primary" busy={form.busy()}>
          {t('account.password.submit')}
        </Button>
      </div>
    </form>
  );
}
