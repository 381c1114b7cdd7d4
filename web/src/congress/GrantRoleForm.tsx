import { createResource, createSignal, Show, useContext } from 'solid-js';
import { AddMember } from '../../../shared/congress/schema.ts';
import { FormError, Alert } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { SelectField, type Option } from '../components/Field.tsx';
import { createFormState } from '../forms.ts';
import { t } from '../i18n.ts';
import { roleOptions } from '../labels.ts';
import { CongressListContext } from './context.tsx';
import { fetchDepartments, grantRole } from './members.data.ts';

/**
 * Grant a role to an existing account. Either the congress or the account is fixed by where the form opens
 * (a congress's members page, or an account's row in the account list); the other is chosen.
 */
export function GrantRoleForm(props: {
  congressId?: string;
  congressOptions?: Option[];
  accountId?: string;
  accountOptions?: Option[];
  onCancel: () => void;
  onDone: () => void;
}) {
  const form = createFormState();
  const [congressId, setCongressId] = createSignal(props.congressId ?? '');
  const [accountId, setAccountId] = createSignal(props.accountId ?? '');
  const [role, setRole] = createSignal('');
  const list = useContext(CongressListContext);
  const levelOf = () => list?.congresses.latest?.find((c) => c.id === congressId())?.level;
  const [departmentId, setDepartmentId] = createSignal('');
  const [departments] = createResource(() => (role() === 'department' && congressId() ? congressId() : false), fetchDepartments);
  const departmentOptions = () => (departments.latest ?? []).filter((d) => d.active).map((d) => ({ value: d.id, label: d.name }));

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!congressId()) return form.setErrors({ congressId: t('members.chooseCongress') });
    const input = form.check(AddMember, {
      accountId: accountId() || undefined,
      role: role() || undefined,
      departmentId: role() === 'department' ? departmentId() || undefined : undefined,
    });
    if (!input) return;
    if (input.role === 'department' && !input.departmentId) return form.setErrors({ departmentId: t('members.departmentRequired') });
    const ok = await form.run(() => grantRole(congressId(), input), ['accountId', 'role', 'departmentId']);
    if (ok) props.onDone();
  };

  return (
    <form onSubmit={submit} novalidate>
      <FormError error={form.formError()} />
      <Show when={props.congressOptions}>
        <SelectField label={t('members.congress')} value={congressId()} onValue={setCongressId} options={props.congressOptions!} placeholder={t('members.chooseCongress')} error={form.error('congressId')} required />
      </Show>
      <Show when={props.accountOptions}>
        <SelectField label={t('members.account')} value={accountId()} onValue={setAccountId} options={props.accountOptions!} placeholder={t('members.chooseAccount')} error={form.error('accountId')} required />
      </Show>
      <SelectField label={t('members.role')} value={role()} onValue={setRole} options={roleOptions(levelOf())} placeholder={t('members.chooseRole')} error={form.error('role')} required />
      <Show when={role() === 'department'}>
        <Show when={departments.state !== 'ready' || departmentOptions().length > 0} fallback={<Alert kind="warning">{t('members.noDepartments')}</Alert>}>
          <SelectField label={t('members.department')} value={departmentId()} onValue={setDepartmentId} options={departmentOptions()} placeholder={t('members.chooseDepartment')} error={form.error('departmentId')} required />
        </Show>
      </Show>
      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={form.busy()}>
          {t('members.grant.submit')}
        </Button>
      </div>
    </form>
  );
}
