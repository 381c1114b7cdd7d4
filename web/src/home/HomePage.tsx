import { A, Navigate } from '@solidjs/router';
import { createResource, For, Match, Show, Switch } from 'solid-js';
import type { Membership } from '../../../shared/auth/schema.ts';
import type { Role } from '../../../shared/roles.ts';
import { ErrorState, Loading } from '../components/Async.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useCongressList } from '../congress/context.tsx';
import { rememberedCongress } from '../congress/congresses.data.ts';
import { t } from '../i18n.ts';
import { roleLabel } from '../labels.ts';
import { me } from '../session.ts';
import { OfficeCard } from './OfficeHome.tsx';
import { RepresentativePanels } from './RepresentativeHome.tsx';
import { fetchRepresentativeHome } from './work.data.ts';
import { WorkList } from './WorkList.tsx';
import './home.css';

const OFFICE_ROLES: readonly Role[] = ['government', 'presidium', 'scrutineer'];

/**
 * "/": each person lands on their work. The standing committee's staff (and system administrators) go to their
 * congress, whose overview starts with their to-do list; everyone else — 政府办, 主席团, scrutineers, representatives,
 * departments — sees their to-do list here first, then what their role follows (the session, projects, proposals) and
 * the pages where they act.
 */
export default function HomePage() {
  const runsACongress = () => {
    const m = me();
    return !!m && (m.account.systemAdmin || m.memberships.some((x) => x.role === 'admin'));
  };
  /** An account that only oversees (a county's overseer) lands on its county's townships dashboard (SPEC §16). */
  const oversees = () => {
    const m = me();
    if (!m || m.account.systemAdmin || m.memberships.length === 0 || m.memberships.some((x) => x.role !== 'overseer')) return null;
    return m.memberships[0].congressId;
  };
  return (
    <Show when={!oversees()} fallback={<Navigate href={`/c/${oversees()}/county`} />}>
      <Show when={runsACongress()} fallback={<WorkHome />}>
        <StaffHome />
      </Show>
    </Show>
  );
}

function StaffHome() {
  const { congresses, refetch } = useCongressList();
  /** The congress last opened here if still allowed, else the first where this account is staff, else the first. */
  const target = () => {
    const list = congresses.latest ?? [];
    const m = me()!;
    const staffIn = (id: string) => m.account.systemAdmin || m.memberships.some((x) => x.congressId === id && x.role === 'admin');
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

/** One congress's memberships of this account, in the order they first appear. */
function byCongress(ms: Membership[]) {
  const out: { congressId: string; congressName: string; memberships: Membership[] }[] = [];
  for (const m of ms) {
    const g = out.find((x) => x.congressId === m.congressId);
    if (g) g.memberships.push(m);
    else out.push({ congressId: m.congressId, congressName: m.congressName, memberships: [m] });
  }
  return out;
}

function WorkHome() {
  const m = () => me()!;
  const isRep = () => m().memberships.some((x) => x.role === 'representative');
  const [rep] = createResource(() => isRep() || false, fetchRepresentativeHome);
  const repOf = (congressId: string) => (rep.error ? undefined : rep.latest?.congresses.find((c) => c.congressId === congressId));
  return (
    <div class="role-home">
      <PageHeader title={t('home.hello', { name: m().account.displayName })} lead={t('home.work.lead')} />
      <Show when={m().memberships.length > 0} fallback={<div class="card"><p>{t('home.noRoles')}</p></div>}>
        <WorkList />
        <For each={byCongress(m().memberships)}>
          {(g) => {
            const office = () => g.memberships.filter((x) => OFFICE_ROLES.includes(x.role)).map((x) => x.role);
            return (
              <>
                <Show when={office().length > 0}>
                  <OfficeCard congressId={g.congressId} congressName={g.congressName} roles={office()} />
                </Show>
                <For each={g.memberships.filter((x) => x.role === 'department')}>{(d) => <DepartmentCard membership={d} />}</For>
                <Show when={g.memberships.some((x) => x.role === 'overseer')}>
                  <section class="card" aria-label={g.congressName}>
                    <p class="kicker">{g.congressName}</p>
                    <A class="btn btn-primary" href={`/c/${g.congressId}/county`}>
                      {t('county.home.link')}
                    </A>
                  </section>
                </Show>
                <Show when={g.memberships.some((x) => x.role === 'representative') && repOf(g.congressId)}>
                  {(home) => <RepresentativePanels home={home()} />}
                </Show>
              </>
            );
          }}
        </For>
      </Show>
      <p>
        <A href="/account">{t('home.myAccountLink')}</A>
      </p>
    </div>
  );
}

/** A department's pages: the projects it carries out, the findings it answers, rectifications, its proposals. */
function DepartmentCard(props: { membership: Membership }) {
  const c = () => props.membership.congressId;
  const links = () =>
    [
      [`/c/${c()}/projects`, 'home.department.link.projects'],
      [`/c/${c()}/inspections`, 'home.department.link.inspections'],
      [`/c/${c()}/rectifications`, 'home.department.link.rectifications'],
      [`/c/${c()}/gathering/proposals`, 'home.proposals'],
      [`/c/${c()}/items`, 'home.items.department.link'],
    ] as const;
  return (
    <section class="card" aria-labelledby={`dept-${props.membership.id}`}>
      <p class="kicker">{props.membership.congressName}</p>
      <h2 id={`dept-${props.membership.id}`}>
        {roleLabel('department')}
        {props.membership.departmentName ? ` · ${props.membership.departmentName}` : ''}
      </h2>
      <h3>{t('home.department.link.title')}</h3>
      <ul class="home-pages">
        <For each={links()}>
          {([href, label]) => (
            <li>
              <A class="btn btn-secondary" href={href}>
                {t(label)}
              </A>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
