import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { CreateAccount, UpdateAccount, type AccountSummary, type CreatedAccount } from '../../../shared/accounts/schema.ts';
import * as C from '../../../shared/accounts/contract.ts';
import { call } from '../api.ts';
import { FormError } from '../components/Alert.tsx';
import { Async } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { confirmAction, Dialog } from '../components/Dialog.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { CheckField, TextField } from '../components/Field.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Table } from '../components/Table.tsx';
import { toast } from '../components/Toast.tsx';
import { useCongressList } from '../congress/context.tsx';
import { GrantRoleForm } from '../congress/GrantRoleForm.tsx';
import { revokeRole } from '../congress/members.data.ts';
import { createFormState } from '../forms.ts';
import { fmt, t } from '../i18n.ts';
import { roleLabel } from '../labels.ts';
import { me, refreshMe } from '../session.ts';
import { FirstPasswordPanel } from './FirstPasswordPanel.tsx';
import './accounts.css';

const fetchAccounts = () => call(C.listAccounts);

/** System administration: every account, its roles in every congress, and the levers to create, disable and reset. */
export default function AccountsPage() {
  const [accounts, { refetch }] = createResource(fetchAccounts);
  const [filter, setFilter] = createSignal('');
  const [creating, setCreating] = createSignal(false);
  const [managingId, setManagingId] = createSignal<string | null>(null);
  const managing = () => accounts.latest?.find((a) => a.id === managingId()) ?? null;

  const matches = (a: AccountSummary) => {
    const q = filter().trim().toLowerCase();
    if (!q) return true;
    return [a.displayName, a.username, ...a.memberships.map((m) => m.congressName)].some((s) => s.toLowerCase().includes(q));
  };

  return (
    <Show when={me()?.account.systemAdmin} fallback={<NoAccess />}>
      <PageHeader
        title={t('accounts.title')}
        lead={t('accounts.lead')}
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            {t('accounts.create')}
          </Button>
        }
      />
      <div class="toolbar" role="search">
        <label class="search">
          <span class="sr-only">{t('accounts.search')}</span>
          <input type="search" placeholder={t('accounts.search')} value={filter()} onInput={(e) => setFilter(e.currentTarget.value)} />
        </label>
      </div>
      <Async resource={accounts} retry={refetch}>
        {(list) => (
          <>
            <p class="count-line">{t('accounts.count', { n: fmt.count(list.filter(matches).length) })}</p>
            <Table
              caption={t('accounts.title')}
              rows={list.filter(matches)}
              rowClass={(a) => (a.disabled ? 'row-muted' : '')}
              empty={
                <EmptyState title={filter() ? t('accounts.noMatch') : t('accounts.empty')} action={<Button variant="primary" onClick={() => setCreating(true)}>{t('accounts.create')}</Button>}>
                  {t('accounts.emptyNext')}
                </EmptyState>
              }
              columns={[
                {
                  header: () => t('accounts.account'),
                  cell: (a) => (
                    <>
                      <strong>{a.displayName}</strong>
                      <span class="muted mono small block">
                        {a.username}
                        <Show when={a.id === me()?.account.id}>
                          <span class="tag tag-muted you">{t('accounts.you')}</span>
                        </Show>
                      </span>
                    </>
                  ),
                },
                {
                  header: () => t('accounts.roles'),
                  cell: (a) => (
                    <span class="tag-list">
                      <Show when={a.systemAdmin}>
                        <span class="tag tag-accent">{t('role.systemAdmin')}</span>
                      </Show>
                      <For each={a.memberships} fallback={<Show when={!a.systemAdmin}><span class="muted small">{t('accounts.noRoles')}</span></Show>}>
                        {(m) => (
                          <span class="tag">
                            {m.congressName} · {roleLabel(m.role)}
                            {m.departmentName ? ` · ${m.departmentName}` : ''}
                          </span>
                        )}
                      </For>
                    </span>
                  ),
                },
                {
                  header: () => t('accounts.status'),
                  cell: (a) => (a.disabled ? <span class="tag tag-warn">{t('accounts.status.disabled')}</span> : <span class="tag tag-ok">{t('accounts.status.active')}</span>),
                },
                { header: () => t('accounts.createdAt'), class: 'nowrap', cell: (a) => <span class="num small">{fmt.date(a.createdAt)}</span> },
                {
                  header: () => t('common.actions'),
                  noLabel: true,
                  class: 'actions',
                  cell: (a) => (
                    <Button small onClick={() => setManagingId(a.id)} aria-label={t('a11y.named', { action: t('accounts.manage'), name: a.displayName })}>
                      {t('accounts.manage')}
                    </Button>
                  ),
                },
              ]}
            />
          </>
        )}
      </Async>

      <Dialog open={creating()} onClose={() => setCreating(false)} title={t('accounts.create')}>
        <CreateAccountForm
          onCancel={() => setCreating(false)}
          onDone={(name) => {
            setCreating(false);
            toast(t('accounts.created', { name }));
            void refetch();
          }}
        />
      </Dialog>
      <Dialog open={managing() !== null} onClose={() => setManagingId(null)} title={t('accounts.manageTitle', { name: managing()?.displayName ?? '' })} wide>
        <Show when={managing()} keyed>
          {(a) => <ManageAccount account={a} onChanged={() => void refetch()} />}
        </Show>
      </Dialog>
    </Show>
  );
}

/** A new account: no password is typed — the server makes a first password, shown here once. */
function CreateAccountForm(props: { onCancel: () => void; onDone: (name: string) => void }) {
  const form = createFormState();
  const [displayName, setDisplayName] = createSignal('');
  const [username, setUsername] = createSignal('');
  const [systemAdmin, setSystemAdmin] = createSignal(false);
  const [created, setCreated] = createSignal<(CreatedAccount & { displayName: string }) | null>(null);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const input = form.check(CreateAccount, { displayName: displayName(), username: username(), systemAdmin: systemAdmin() });
    if (!input) return;
    let made: CreatedAccount | undefined;
    const ok = await form.run(async () => (made = await call(C.createAccount, { body: input })), ['displayName', 'username', 'systemAdmin']);
    if (ok && made) setCreated({ ...made, displayName: input.displayName });
  };
  return (
    <Show
      when={created()}
      fallback={
        <form onSubmit={submit} novalidate>
          <FormError error={form.formError()} />
          <TextField label={t('field.displayName')} value={displayName()} onValue={setDisplayName} error={form.error('displayName')} required autofocus />
          <TextField label={t('field.username')} hint={t('field.usernameHint')} value={username()} onValue={setUsername} error={form.error('username')} autocomplete="off" autocapitalize="off" spellcheck={false} required />
          <CheckField label={t('accounts.systemAdmin')} hint={t('accounts.systemAdminHint')} checked={systemAdmin()} onValue={setSystemAdmin} />
          <p class="muted small">{t('accounts.create.firstPasswordNote')}</p>
          <p class="muted small">{t('accounts.create.rolesLater')}</p>
          <div class="dialog-actions">
            <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
            <Button type="submit" variant="primary" busy={form.busy()}>
              {t('accounts.create')}
            </Button>
          </div>
        </form>
      }
    >
      {(c) => <FirstPasswordPanel name={c().displayName} username={c().username} password={c().firstPassword ?? ''} onDone={() => props.onDone(c().displayName)} />}
    </Show>
  );
}

/** One account's levers: name and system-admin flag, roles, password, sessions, disable. */
function ManageAccount(props: { account: AccountSummary; onChanged: () => void }) {
  const a = () => props.account;
  const isMe = () => a().id === me()?.account.id;
  const { congresses } = useCongressList();
  const [granting, setGranting] = createSignal(false);
  const congressOptions = createMemo(() => (congresses.latest ?? []).map((c) => ({ value: c.id, label: c.name })));

  const details = createFormState();
  const [displayName, setDisplayName] = createSignal(a().displayName);
  const [systemAdmin, setSystemAdmin] = createSignal(a().systemAdmin);
  const saveDetails = async (e: SubmitEvent) => {
    e.preventDefault();
    const change: Record<string, unknown> = {};
    if (displayName().trim() !== a().displayName) change.displayName = displayName();
    if (systemAdmin() !== a().systemAdmin) change.systemAdmin = systemAdmin();
    if (Object.keys(change).length === 0) return details.setFormError({ message: t('accounts.nothingChanged'), extra: [] });
    const input = details.check(UpdateAccount, change);
    if (!input) return;
    const ok = await details.run(() => call(C.updateAccount, { params: { accountId: a().id }, body: input }), ['displayName', 'systemAdmin']);
    if (ok) {
      toast(t('accounts.saved'));
      props.onChanged();
      if (isMe()) void refreshMe();
    }
  };

  // A reset makes a new first password on the server, shown here once; the owner must change it at the next sign-in.
  const [resetTo, setResetTo] = createSignal<string | null>(null);
  const resetPassword = () =>
    confirmAction({
      title: t('accounts.password.resetConfirmTitle'),
      message: t('accounts.password.resetConfirm', { name: a().displayName }),
      confirmLabel: t('accounts.password.resetConfirmButton'),
      danger: true,
      action: async () => setResetTo((await call(C.resetPassword, { params: { accountId: a().id }, body: {} })).firstPassword ?? null),
    });

  const revokeSessions = () =>
    confirmAction({
      title: t('accounts.signOutEverywhere'),
      message: t('accounts.signOutEverywhere.message', { name: a().displayName }),
      confirmLabel: t('accounts.signOutEverywhere.confirm'),
      danger: true,
      action: () => call(C.revokeSessions, { params: { accountId: a().id } }),
    }).then((ok) => ok && toast(t('accounts.signOutEverywhere.done', { name: a().displayName })));

  const [unlocking, setUnlocking] = createSignal(false);
  const unlock = () => {
    setUnlocking(true);
    return call(C.unlockAccount, { params: { accountId: a().id } })
      .then((r) => toast(t(r.cleared > 0 ? 'accounts.unlock.done' : 'accounts.unlock.none', { name: a().displayName })))
      .catch((e: Error) => toast(e.message, 'error'))
      .finally(() => setUnlocking(false));
  };

  const toggleDisabled = () => {
    if (a().disabled)
      return call(C.updateAccount, { params: { accountId: a().id }, body: { disabled: false } })
        .then(() => {
          toast(t('accounts.enabled', { name: a().displayName }));
          props.onChanged();
        })
        .catch((e: Error) => toast(e.message, 'error'));
    return confirmAction({
      title: t('accounts.disable.title'),
      message: t(isMe() ? 'accounts.disable.messageSelf' : 'accounts.disable.message', { name: a().displayName }),
      confirmLabel: t('accounts.disable.confirm'),
      danger: true,
      action: () => call(C.updateAccount, { params: { accountId: a().id }, body: { disabled: true } }),
    }).then((ok) => {
      if (ok) {
        toast(t('accounts.disabled', { name: a().displayName }));
        props.onChanged();
      }
    });
  };

  const revoke = (m: AccountSummary['memberships'][number]) =>
    confirmAction({
      title: t('members.revoke.title'),
      message: t('members.revoke.message', { name: a().displayName, role: roleLabel(m.role), congress: m.congressName }),
      confirmLabel: t('members.revoke.confirm'),
      danger: true,
      action: () => revokeRole(m.congressId, m.id),
    }).then((ok) => {
      if (ok) {
        toast(t('members.revoke.done', { name: a().displayName }));
        props.onChanged();
        if (isMe()) void refreshMe();
      }
    });

  return (
    <div class="manage">
      <p class="muted mono">{a().username}</p>
      <section>
        <h3>{t('accounts.section.details')}</h3>
        <form onSubmit={saveDetails} novalidate>
          <FormError error={details.formError()} />
          <TextField label={t('field.displayName')} value={displayName()} onValue={setDisplayName} error={details.error('displayName')} required />
          <CheckField label={t('accounts.systemAdmin')} hint={t('accounts.systemAdminHint')} checked={systemAdmin()} onValue={setSystemAdmin} />
          <div class="form-actions">
            <Button type="submit" busy={details.busy()}>
              {t('common.save')}
            </Button>
          </div>
        </form>
      </section>

      <section>
        <h3>{t('accounts.section.roles')}</h3>
        <Show when={a().memberships.length > 0} fallback={<p class="muted">{t('accounts.noRolesYet')}</p>}>
          <ul class="role-rows">
            <For each={a().memberships}>
              {(m) => (
                <li>
                  <span>
                    <strong>{roleLabel(m.role)}</strong> · {m.congressName}
                    {m.departmentName ? ` · ${m.departmentName}` : ''}
                  </span>
                  <Button small variant="danger" onClick={() => revoke(m)}>
                    {t('members.revoke.button')}
                  </Button>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Show
          when={granting()}
          fallback={
            <Button small onClick={() => setGranting(true)} disabled={congressOptions().length === 0}>
              + {t('members.grant.open')}
            </Button>
          }
        >
          <div class="inset">
            <GrantRoleForm
              accountId={a().id}
              congressOptions={congressOptions()}
              onCancel={() => setGranting(false)}
              onDone={() => {
                setGranting(false);
                toast(t('members.grant.done'));
                props.onChanged();
                if (isMe()) void refreshMe();
              }}
            />
          </div>
        </Show>
        <Show when={congressOptions().length === 0}>
          <p class="muted small">{t('accounts.noCongressYet')}</p>
        </Show>
      </section>

      <section>
        <h3>{t('accounts.section.security')}</h3>
        <Show
          when={resetTo()}
          fallback={
            <div class="inset">
              <p class="muted small">{t('accounts.password.resetLead')}</p>
              <Button onClick={() => void resetPassword()}>{t('accounts.password.resetButton')}</Button>
            </div>
          }
        >
          {(pw) => (
            <div class="inset">
              <FirstPasswordPanel reset name={a().displayName} username={a().username} password={pw()} onDone={() => setResetTo(null)} />
            </div>
          )}
        </Show>
        <div class="form-actions start">
          <Button onClick={() => void unlock()} busy={unlocking()} aria-describedby={`unlock-hint-${a().id}`}>
            {t('accounts.unlock')}
          </Button>
          <Button onClick={revokeSessions}>{t('accounts.signOutEverywhere')}</Button>
          <Button variant={a().disabled ? 'secondary' : 'danger'} onClick={() => void toggleDisabled()}>
            {a().disabled ? t('accounts.enable') : t('accounts.disable.button')}
          </Button>
        </div>
        <p class="muted small" id={`unlock-hint-${a().id}`}>
          {t('accounts.unlock.hint')}
        </p>
      </section>
    </div>
  );
}
