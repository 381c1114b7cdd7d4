import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { listAccounts } from '../../../shared/accounts/contract.ts';
import { call } from '../api.ts';
import { Async } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { confirmAction, Dialog } from '../components/Dialog.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Table } from '../components/Table.tsx';
import { toast } from '../components/Toast.tsx';
import { t } from '../i18n.ts';
import { roleLabel, rolesAt } from '../labels.ts';
import { can, me } from '../session.ts';
import { useCongress } from './context.tsx';
import { CreateMemberAccountForm } from './CreateMemberAccountForm.tsx';
import { GrantRoleForm } from './GrantRoleForm.tsx';
import { fetchDepartments, fetchMembers, revokeRole, type Member } from './members.data.ts';
import './congress.css';

/** Accounts and roles in this congress: who may do what, new accounts, and granting or revoking roles. */
export default function MembersPage() {
  const { id, congress } = useCongress();
  const [members, { refetch }] = createResource(id, fetchMembers);
  const [departments, { refetch: refetchDepartments }] = createResource(id, fetchDepartments);
  const [creating, setCreating] = createSignal(false);
  const [granting, setGranting] = createSignal(false);
  const systemAdmin = () => !!me()?.account.systemAdmin;
  // A system administrator may grant a role to any account; a congress admin to the accounts already here.
  const [allAccounts] = createResource(() => granting() && systemAdmin(), () => call(listAccounts));
  const accountOptions = createMemo(() => {
    const list = systemAdmin() && allAccounts.latest ? allAccounts.latest.filter((a) => !a.disabled) : uniqueAccounts(members.latest ?? []);
    return list.map((a) => ({ value: a.id, label: `${a.displayName}（${a.username}）` }));
  });

  const revoke = (m: Member) =>
    confirmAction({
      title: t('members.revoke.title'),
      message: t('members.revoke.message', { name: m.displayName, role: roleLabel(m.role), congress: congress().name }),
      confirmLabel: t('members.revoke.confirm'),
      danger: true,
      action: () => revokeRole(id(), m.id),
    }).then((ok) => {
      if (ok) {
        toast(t('members.revoke.done', { name: m.displayName }));
        void refetch();
      }
    });

  return (
    <Show when={can(id(), 'congress.members.manage')} fallback={<NoAccess />}>
      <PageHeader
        title={t('members.title')}
        lead={t('members.lead')}
        actions={
          <>
            <Button onClick={() => setGranting(true)}>{t('members.grant.open')}</Button>
            <Button variant="primary" onClick={() => { void refetchDepartments(); setCreating(true); }}>
              {t('members.create.open')}
            </Button>
          </>
        }
      />
      <Async resource={members} retry={refetch}>
        {(list) => (
          <Table
            caption={t('members.title')}
            rows={list}
            empty={
              <EmptyState title={t('members.empty')} action={<Button variant="primary" onClick={() => setCreating(true)}>{t('members.create.open')}</Button>}>
                {t('members.emptyNext')}
              </EmptyState>
            }
            rowClass={(m) => (m.disabled ? 'row-muted' : '')}
            columns={[
              {
                header: () => t('members.person'),
                cell: (m) => (
                  <>
                    <strong>{m.displayName}</strong>
                    <span class="muted mono small block">{m.username}</span>
                  </>
                ),
              },
              { header: () => t('members.role'), cell: (m) => <span class="tag">{roleLabel(m.role)}</span> },
              { header: () => t('members.department'), cell: (m) => m.departmentName ?? m.stationName ?? <span class="muted">—</span> },
              {
                header: () => t('members.status'),
                cell: (m) => (m.disabled ? <span class="tag tag-warn">{t('accounts.status.disabled')}</span> : <span class="tag tag-ok">{t('accounts.status.active')}</span>),
              },
              {
                header: () => t('common.actions'),
                noLabel: true,
                class: 'actions',
                cell: (m) => (
                  // A congress admin does not take away their own admin role (they would lock themselves out).
                  <Show when={systemAdmin() || !(m.role === 'admin' && m.accountId === me()?.account.id)}>
                    <Button small variant="danger" onClick={() => revoke(m)} aria-label={t('members.revoke.aria', { name: m.displayName, role: roleLabel(m.role) })}>
                      {t('members.revoke.button')}
                    </Button>
                  </Show>
                ),
              },
            ]}
          />
        )}
      </Async>

      <details class="card explain">
        <summary>{t('members.rolesExplained')}</summary>
        <dl class="role-list">
          <For each={rolesAt(congress().level)}>
            {(r) => (
              <div>
                <dt>{roleLabel(r)}</dt>
                <dd>{t(`role.${r}.does`)}</dd>
              </div>
            )}
          </For>
        </dl>
      </details>

      <Dialog open={creating()} onClose={() => setCreating(false)} title={t('members.create.open')}>
        <CreateMemberAccountForm
          congressId={id()}
          departments={departments.latest ?? []}
          onCancel={() => setCreating(false)}
          onDone={(a) => {
            setCreating(false);
            toast(t('members.create.done', { name: a.displayName, username: a.username }));
            void refetch();
          }}
        />
      </Dialog>
      <Dialog open={granting()} onClose={() => setGranting(false)} title={t('members.grant.open')}>
        <Show when={!systemAdmin() || allAccounts.state === 'ready'} fallback={<Async resource={allAccounts}>{() => null}</Async>}>
          <GrantRoleForm
            congressId={id()}
            accountOptions={accountOptions()}
            onCancel={() => setGranting(false)}
            onDone={() => {
              setGranting(false);
              toast(t('members.grant.done'));
              void refetch();
            }}
          />
        </Show>
      </Dialog>
    </Show>
  );
}

function uniqueAccounts(members: Member[]) {
  const seen = new Map<string, { id: string; displayName: string; username: string }>();
  for (const m of members) if (!m.disabled && !seen.has(m.accountId)) seen.set(m.accountId, { id: m.accountId, displayName: m.displayName, username: m.username });
  return [...seen.values()];
}
