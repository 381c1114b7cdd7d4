import { A } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { CreateMemberAccount, type CreatedAccount } from '../../../shared/accounts/schema.ts';
import type { Department } from '../../../shared/departments/schema.ts';
import type { Role } from '../../../shared/roles.ts';
import { createMemberAccount } from '../../../shared/accounts/contract.ts';
import { call } from '../api.ts';
import { Alert, FormError } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { SelectField, TextField } from '../components/Field.tsx';
import { createFormState } from '../forms.ts';
import { t } from '../i18n.ts';
import { roleOptions } from '../labels.ts';
import { useCongress } from './context.tsx';
import { FirstPasswordPanel } from '../accounts/FirstPasswordPanel.tsx';

/**
 * A new account together with its first role in this congress. The department role names its department
 * (fixed when opened from a department's row). No password is typed: the server makes a first password, shown here
 * once, that the owner must change at first sign-in. Representatives are not offered: they sign in with the QR of
 * their delegate card (design §4), so they are put on the roster instead.
 */
export function CreateMemberAccountForm(props: {
  congressId: string;
  departments: Department[];
  fixedRole?: Role;
  fixedDepartment?: Department;
  /** A station keeper's account is made from its station's page (role station, that station). */
  fixedStation?: { id: string; name: string };
  onCancel: () => void;
  onDone: (created: { username: string; displayName: string }) => void;
}) {
  const form = createFormState();
  const [displayName, setDisplayName] = createSignal('');
  const [username, setUsername] = createSignal('');
  const [created, setCreated] = createSignal<(CreatedAccount & { displayName: string }) | null>(null);
  const [role, setRole] = createSignal<string>(props.fixedRole ?? '');
  const [departmentId, setDepartmentId] = createSignal(props.fixedDepartment?.id ?? '');
  const activeDepartments = () => props.departments.filter((d) => d.active);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const input = form.check(CreateMemberAccount, {
      displayName: displayName(),
      username: username(),
      role: role() || undefined,
      departmentId: role() === 'department' ? departmentId() || undefined : undefined,
      stationId: role() === 'station' ? props.fixedStation?.id : undefined,
    });
    if (!input) return;
    if (input.role === 'department' && !input.departmentId) return form.setErrors({ departmentId: t('members.departmentRequired') });
    let made: CreatedAccount | undefined;
    const ok = await form.run(async () => (made = await call(createMemberAccount, { params: { congressId: props.congressId }, body: input })), ['displayName', 'username', 'role', 'departmentId']);
    if (ok && made) setCreated({ ...made, displayName: input.displayName });
  };

  return (
    <Show
      when={created()}
      fallback={
        <form onSubmit={submit} novalidate>
          <Show when={props.fixedDepartment}>
            <p class="lead">{t('members.create.forDepartment', { department: props.fixedDepartment!.name })}</p>
          </Show>
          <Show when={props.fixedStation}>
            <p class="lead">{t('stations.keeper.for', { station: props.fixedStation!.name })}</p>
          </Show>
          <FormError error={form.formError()} />
          <TextField label={t('field.displayName')} hint={t('members.create.displayNameHint')} value={displayName()} onValue={setDisplayName} error={form.error('displayName')} required autofocus />
          <TextField label={t('field.username')} hint={t('field.usernameHint')} value={username()} onValue={setUsername} error={form.error('username')} autocomplete="off" autocapitalize="off" spellcheck={false} required />
          <Show when={!props.fixedRole}>
            <SelectField
              label={t('members.role')}
              value={role()}
              onValue={setRole}
              options={roleOptions(useCongress().congress().level).filter((o) => o.value !== 'representative' && o.value !== 'station')}
              placeholder={t('members.chooseRole')}
              error={form.error('role')}
              required
            />
            <p class="muted small">
              {t('members.create.noRepresentative')} <A href={`/c/${props.congressId}/roster`}>{t('members.create.toRoster')}</A>
            </p>
          </Show>
          <p class="muted small">{t('accounts.create.firstPasswordNote')}</p>
          <Show when={role() === 'department' && !props.fixedDepartment}>
            <Show when={activeDepartments().length > 0} fallback={<Alert kind="warning">{t('members.noDepartments')}</Alert>}>
              <SelectField
                label={t('members.department')}
                value={departmentId()}
                onValue={setDepartmentId}
                options={activeDepartments().map((d) => ({ value: d.id, label: d.name }))}
                placeholder={t('members.chooseDepartment')}
                error={form.error('departmentId')}
                required
              />
            </Show>
          </Show>
          <div class="dialog-actions">
            <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
            <Button type="submit" variant="primary" busy={form.busy()}>
              {t('members.create.submit')}
            </Button>
          </div>
        </form>
      }
    >
      {(c) => (
        <FirstPasswordPanel
          name={c().displayName}
          username={c().username}
          password={c().firstPassword ?? ''}
          onDone={() => props.onDone({ username: c().username, displayName: c().displayName })}
        />
      )}
    </Show>
  );
}
