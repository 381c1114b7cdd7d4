import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { Async } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Table } from '../components/Table.tsx';
import { toast } from '../components/Toast.tsx';
import { useCongress } from '../congress/context.tsx';
import { fmt, t } from '../i18n.ts';
import { can } from '../session.ts';
import { stationKindLabel } from './labels.ts';
import { StationForm } from './StationForm.tsx';
import { fetchStations, type StationSummary } from './stations.data.ts';
import './stations.css';

/** 代表联络站: the congress's liaison stations, their keepers, representatives and next reception day. */
export default function StationsPage() {
  const { id } = useCongress();
  const [stations, { refetch }] = createResource(id, fetchStations);
  const [adding, setAdding] = createSignal(false);
  const admin = () => can(id(), 'stations.manage');
  const add = () => (
    <Show when={admin()}>
      <Button variant="primary" onClick={() => setAdding(true)}>
        {t('stations.add')}
      </Button>
    </Show>
  );
  return (
    <Show when={can(id(), 'stations.read')} fallback={<NoAccess />}>
      <PageHeader title={t('stations.title')} lead={t('stations.lead')} actions={add()} />
      <Async resource={stations} retry={refetch}>
        {(list) => (
          <Table
            caption={t('stations.title')}
            rows={list}
            empty={
              <EmptyState title={t('stations.empty')} action={add()}>
                {admin() ? t('stations.emptyNext') : t('stations.emptyNextReader')}
              </EmptyState>
            }
            columns={[
              {
                header: () => t('stations.field.name'),
                cell: (s: StationSummary) => (
                  <>
                    <A href={`/c/${id()}/stations/${s.id}`} class="strong-link">
                      {s.name}
                    </A>
                    <span class="muted small block">
                      {stationKindLabel(s.kind)}
                      <Show when={s.address}> · {s.address}</Show>
                    </span>
                  </>
                ),
              },
              { header: () => t('stations.representatives'), cell: (s) => <span class="num">{fmt.count(s.representatives)}</span> },
              {
                header: () => t('stations.keepers'),
                cell: (s) => (
                  <Show when={s.keepers.length} fallback={<span class="muted small">{t('stations.noKeeper')}</span>}>
                    <For each={s.keepers}>{(k) => <span class="block">{k.displayName}</span>}</For>
                  </Show>
                ),
              },
              { header: () => t('stations.nextDay'), cell: (s) => (s.nextDay ? <span class="num">{fmt.date(s.nextDay)}</span> : <span class="muted">—</span>) },
              { header: () => t('stations.receptionsThisYear'), cell: (s) => <span class="num">{fmt.count(s.receptionsThisYear)}</span> },
              {
                header: () => t('stations.itemsWaiting'),
                cell: (s) => (s.itemsWaiting ? <A href={`/c/${id()}/items?station=${s.id}&status=received`}>{fmt.count(s.itemsWaiting)}</A> : <span class="muted">0</span>),
              },
            ]}
          />
        )}
      </Async>
      <Dialog open={adding()} onClose={() => setAdding(false)} title={t('stations.add')}>
        <StationForm
          congressId={id()}
          onCancel={() => setAdding(false)}
          onDone={(name) => {
            setAdding(false);
            toast(t('stations.added', { name }));
            void refetch();
          }}
        />
      </Dialog>
    </Show>
  );
}
