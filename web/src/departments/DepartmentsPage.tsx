import { createResource, createSignal, For, Show } from 'solid-js';
import type { z } from 'zod';
import { CreateDepartment, UpdateDepartment, type Department } from '../../../shared/departments/schema.ts';
import * as C from '../../../shared/departments/contract.ts';
import { call } from '../api.ts';
import { FormError } from '../components/Alert.tsx';
import { Async } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { confirmAction, Dialog } from '../components/Dialog.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { CheckField, SelectField, TextField } from '../components/Field.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Table } from '../components/Table.tsx';
import { toast } from '../components/Toast.tsx';
import { useCongress } from '../congress/context.tsx';
import { CreateMemberAccountForm } from '../congress/CreateMemberAccountForm.tsx';
import { fetchDepartments } from '../congress/members.data.ts';
import { createFormState } from '../forms.ts';
import { fmt, t } from '../i18n.ts';
import { kindLabel, kindOptions } from '../labels.ts';
import { can } from '../session.ts';

const setActive = (congressId: string, id: string, active: boolean) => call(C.updateDepartment, { params: { congressId, departmentId: id }, body: { active } });

/** 承办单位: the departments that will carry out projects, their contacts and their accounts. */
export default function DepartmentsPage() {
  const { id } = useCongress();
  const [departments, { refetch }] = createResource(id, fetchDepartments);
  const [showInactive, setShowInactive] = createSignal(false);
  const [editing, setEditing] = createSignal<Department | 'new' | null>(null);
  const [addingAccount, setAddingAccount] = createSignal<Department | null>(null);
  const admin = () => can(id(), 'departments.manage');

  const deactivate = (d: Department) =>
    confirmAction({
      title: t('departments.deactivate.title'),
      message: t('departments.deactivate.message', { name: d.name }),
      confirmLabel: t('departments.deactivate.confirm'),
      danger: true,
      action: () => setActive(id(), d.id, false),
    }).then((ok) => {
      if (ok) {
        toast(t('departments.deactivate.done', { name: d.name }));
        void refetch();
      }
    });
  const reactivate = async (d: Department) => {
    try {
      await setActive(id(), d.id, true);
      toast(t('departments.reactivate.done', { name: d.name }));
      void refetch();
    } catch (e) {
      toast(e instanceof Error ? e.message : String(e), 'error');
    }
  };

  return (
    <Show when={can(id(), 'departments.office')} fallback={<NoAccess />}>
      <PageHeader
        title={t('departments.title')}
        lead={t('departments.lead')}
        actions={
          <Show when={admin()}>
            <Button variant="primary" onClick={() => setEditing('new')}>
              {t('departments.add')}
            </Button>
          </Show>
        }
      />
      <Async resource={departments} retry={refetch}>
        {(list) => {
          const inactive = () => list.filter((d) => !d.active).length;
          const rows = () => (showInactive() ? list : list.filter((d) => d.active));
          return (
            <>
              <div class="toolbar">
                <p class="count-line">{t('departments.count', { n: fmt.count(list.length - inactive()) })}</p>
                <Show when={inactive() > 0}>
                  <CheckField label={t('departments.showInactive', { n: fmt.count(inactive()) })} checked={showInactive()} onValue={setShowInactive} />
                </Show>
              </div>
              <Table
                caption={t('departments.title')}
                rows={rows()}
                rowClass={(d) => (d.active ? '' : 'row-muted')}
                empty={
                  <EmptyState
                    title={t('departments.empty')}
                    action={
                      <Show when={admin()}>
                        <Button variant="primary" onClick={() => setEditing('new')}>
                          {t('departments.add')}
                        </Button>
                      </Show>
                    }
                  >
                    {admin() ? t('departments.emptyNext') : t('departments.emptyNextReader')}
                  </EmptyState>
                }
                columns={[
                  {
                    header: () => t('departments.field.name'),
                    cell: (d) => (
                      <>
                        <strong>{d.name}</strong>
                        <span class="muted small block">{kindLabel(d.kind)}</span>
                      </>
                    ),
                  },
                  {
                    header: () => t('departments.field.contact'),
                    cell: (d) => (
                      <Show when={d.contactName || d.contactPhone} fallback={<span class="muted">—</span>}>
                        {d.contactName}
                        <span class="num small block">{d.contactPhone}</span>
                      </Show>
                    ),
                  },
                  {
                    header: () => t('departments.accounts'),
                    cell: (d) => (
                      <>
                        <Show when={d.accounts.length > 0} fallback={<span class="muted small">{t('departments.noAccounts')}</span>}>
                          <ul class="plain-list">
                            <For each={d.accounts}>
                              {(a) => (
                                <li>
                                  {a.displayName} <span class="muted mono small">{a.username}</span>
                                </li>
                              )}
                            </For>
                          </ul>
                        </Show>
                        <Show when={admin() && d.active}>
                          <button type="button" class="linklike small block" onClick={() => setAddingAccount(d)}>
                            + {t('departments.addAccount')}
                          </button>
                        </Show>
                      </>
                    ),
                  },
                  {
                    header: () => t('departments.field.status'),
                    cell: (d) => (d.active ? <span class="tag tag-ok">{t('departments.active')}</span> : <span class="tag tag-muted">{t('departments.inactive')}</span>),
                  },
                  ...(admin()
                    ? [
                        {
                          header: () => t('common.actions'),
                          noLabel: true,
                          class: 'actions',
                          cell: (d: Department) => (
                            <div class="row-actions">
                              <Button small onClick={() => setEditing(d)} aria-label={t('departments.edit.aria', { name: d.name })}>
                                {t('common.edit')}
                              </Button>
                              <Show
                                when={d.active}
                                fallback={
                                  <Button small onClick={() => void reactivate(d)}>
                                    {t('departments.reactivate.button')}
                                  </Button>
                                }
                              >
                                <Button small variant="danger" onClick={() => deactivate(d)}>
                                  {t('departments.deactivate.button')}
                                </Button>
                              </Show>
                            </div>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
            </>
          );
        }}
      </Async>

      <Dialog open={editing() !== null} onClose={() => setEditing(null)} title={editing() === 'new' ? t('departments.add') : t('departments.edit.title')}>
        <DepartmentForm
          congressId={id()}
          department={editing() === 'new' ? undefined : (editing() as Department)}
          onCancel={() => setEditing(null)}
          onDone={(name, added) => {
            setEditing(null);
            toast(t(added ? 'departments.added' : 'departments.saved', { name }));
            void refetch();
          }}
        />
      </Dialog>
      <Dialog open={addingAccount() !== null} onClose={() => setAddingAccount(null)} title={t('departments.addAccount')}>
        <Show when={addingAccount()}>
          {(d) => (
            <CreateMemberAccountForm
              congressId={id()}
              departments={departments.latest ?? []}
              fixedRole="department"
              fixedDepartment={d()}
              onCancel={() => setAddingAccount(null)}
              onDone={(a) => {
                setAddingAccount(null);
                toast(t('members.create.done', { name: a.displayName, username: a.username }));
                void refetch();
              }}
            />
          )}
        </Show>
      </Dialog>
    </Show>
  );
}

function DepartmentForm(props: { congressId: string; department?: Department; onCancel: () => void; onDone: (name: string, added: boolean) => void }) {
  const form = createFormState();
  const [name, setName] = createSignal(props.department?.name ?? '');
  const [kind, setKind] = createSignal<string>(props.department?.kind ?? 'bureau');
  const [contactName, setContactName] = createSignal(props.department?.contactName ?? '');
  const [contactPhone, setContactPhone] = createSignal(props.department?.contactPhone ?? '');

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const values = { name: name(), kind: kind(), contactName: contactName(), contactPhone: contactPhone() };
    const input = form.check(props.department ? UpdateDepartment : CreateDepartment, values);
    if (!input) return;
    const fields = ['name', 'kind', 'contactName', 'contactPhone'];
    const ok = await form.run(
      async () => {
        if (props.department) await call(C.updateDepartment, { params: { congressId: props.congressId, departmentId: props.department.id }, body: input });
        else await call(C.createDepartment, { params: { congressId: props.congressId }, body: input as z.input<typeof CreateDepartment> });
      },
      fields,
    );
    if (ok) props.onDone(values.name.trim(), !props.department);
  };

  return (
    <form onSubmit={submit} novalidate>
      <FormError error={form.formError()} />
      <TextField label={t('departments.field.name')} hint={t('departments.field.nameHint')} value={name()} onValue={setName} error={form.error('name')} required autofocus />
      <SelectField label={t('departments.field.kind')} value={kind()} onValue={setKind} options={kindOptions()} error={form.error('kind')} required />
      <div class="row-2">
        <TextField label={t('departments.field.contactName')} value={contactName()} onValue={setContactName} error={form.error('contactName')} />
        <TextField label={t('departments.field.contactPhone')} type="tel" inputmode="tel" value={contactPhone()} onValue={setContactPhone} error={form.error('contactPhone')} />
      </div>
      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={form.busy()}>
          {props.department ? t('common.save') : t('departments.add')}
        </Button>
      </div>
    </form>
  );
}
