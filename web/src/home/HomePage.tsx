import { A, Navigate } from '@solidjs/router';
import { For, Match, Show, Switch } from 'solid-js';
import { Loading } from '../components/Async.tsx';
import { ErrorState } from '../components/Async.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useCongressList } from '../congress/context.tsx';
import { rememberedCongress } from '../congress/congresses.data.ts';
import { t } from '../i18n.ts';
import { roleLabel } from '../labels.ts';
import { isStaff, me, STAFF_ROLES } from '../session.ts';
import { WorkList } from './WorkList.tsx';

/** "/": staff go to their congress; representatives and department accounts see what they can do here. */
export default function HomePage() {
  return (
    <Show when={isStaff()} fallback={<RoleHome />}>
      <StaffHome />
    </Show>
  );
}

function StaffHome() {
  const { congresses, refetch } = useCongressList();
  /** The congress last opened here if still allowed, else the first where this account is staff, else the first. */
  const target = () => {
    const list = congresses.latest ?? [];
    const m = me()!;
    const staffIn = (id: string) => m.account.systemAdmin || m.memberships.some((x) => x.congressId === id && STAFF_ROLES.includes(x.role));
    const saved = rememberedCongress();
    return list.find((c) => c.id === saved && staffIn(c.id)) ?? list.find((c) => staffIn(c.id)) ?? null;
  };
  return (
    <Switch>
      <Match when={congresses.state === 'errored'}>
        <ErrorState error={congresses.error} retry={refetch} />
      </Match>
      <Match when={congresses.state === 'ready' || congresses.state === 'refreshing'}>
        <Navigate href={target() ? `/c/${target()!.id}` : '/congresses'} />
      </Match>
      <Match when={true}>
        <Loading />
      </Match>
    </Switch>
  );
}

/** Representatives and department accounts: no administration, only what they can do and where. */
function RoleHome() {
  const m = () => me()!;
  return (
    <div class="role-home">
      <PageHeader title={t('home.hello', { name: m().account.displayName })} lead={t('home.lead')} />
      <Show when={m().memberships.length > 0}>
        <WorkList />
      </Show>
      <Show when={m().memberships.length > 0} fallback={<div class="card"><p>{t('home.noRoles')}</p></div>}>
        <For each={m().memberships}>
          {(ms) => (
            <section class="card">
              <p class="kicker">{ms.congressName}</p>
              <h2>
                {roleLabel(ms.role)}
                {ms.departmentName ? ` · ${ms.departmentName}` : ''}
              </h2>
              <Switch fallback={<p>{t('home.staffRole')}</p>}>
                <Match when={ms.role === 'representative'}>
                  <p>{t('home.representative.intro')}</p>
                  <ul class="bullets">
                    <li>{t('home.representative.propose')}</li>
                    <li>{t('home.representative.checkIn')}</li>
                    <li>{t('home.representative.vote')}</li>
                    <li>{t('home.representative.evaluate')}</li>
                  </ul>
                </Match>
                <Match when={ms.role === 'department'}>
                  <p>{t('home.department.intro', { department: ms.departmentName ?? '' })}</p>
                  <ul class="bullets">
                    <li>{t('home.department.propose')}</li>
                    <li>{t('home.department.progress')}</li>
                    <li>{t('home.department.inspections')}</li>
                    <li>{t('home.department.rectification')}</li>
                  </ul>
                </Match>
              </Switch>
              <Show when={ms.role === 'representative' || ms.role === 'department'}>
                <p>
                  <A class="btn btn-primary" href={`/c/${ms.congressId}/gathering/proposals`}>
                    {t('home.proposals')}
                  </A>
                </p>
              </Show>
            </section>
          )}
        </For>
      </Show>
      <p>
        <A href="/account">{t('home.myAccountLink')}</A>
      </p>
    </div>
  );
}
