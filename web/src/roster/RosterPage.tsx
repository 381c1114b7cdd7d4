import { A, useSearchParams } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { Alert } from '../components/Alert.tsx';
import { Async, latest } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { confirmAction, Dialog } from '../components/Dialog.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Table } from '../components/Table.tsx';
import { toast } from '../components/Toast.tsx';
import { useCongress } from '../congress/context.tsx';
import { fmt, t } from '../i18n.ts';
import { genderLabel } from '../labels.ts';
import { can } from '../session.ts';
import { EndTermForm } from './EndTermForm.tsx';
import { RepresentativeForm } from './RepresentativeForm.tsx';
import * as C from '../../../shared/roster/contract.ts';
import { call } from '../api.ts';
import { Pager, pageParam } from '../components/Pager.tsx';
import { exportUrl, reissueCard, type Representative } from './roster.data.ts';
import './roster.css';

type StatusFilter = 'seated' | 'left' | 'all';
const PAGE_SIZE = 50;
/** A page of the roster, searched and filtered on the server (a county roster holds thousands). */
const fetchRosterPage = (congressId: string, f: { status?: 'seated' | 'left'; q?: string; page: number }) =>
  call(C.getRosterPage, { params: { congressId }, query: { ...f, size: PAGE_SIZE } });

/** 代表名册: search, filter by status, add, correct, end a term, reissue a card, import, export, print cards. */
export default function RosterPage() {
  const { id, congress } = useCongress();
  const [params, setParams] = useSearchParams<{ status?: string; q?: string; page?: string }>();
  const status = (): StatusFilter => (params.status === 'left' || params.status === 'all' ? params.status : 'seated');
  const [search, setSearch] = createSignal(params.q ?? '');
  // The search, the status and the page live in the address: a reload or the back button keeps the place.
  const [roster, { refetch, mutate }] = createResource(
    () => ({ id: id(), status: status(), q: (params.q ?? '').trim(), page: pageParam(params.page) }),
    (f) => fetchRosterPage(f.id, { status: f.status === 'all' ? undefined : f.status, q: f.q || undefined, page: f.page }),
  );
  const toPage = (p: number) => {
    setParams({ page: p > 1 ? String(p) : undefined });
    document.getElementById('roster-list')?.scrollIntoView({ block: 'start' });
  };
  const admin = () => can(id(), 'roster.manage');
  const filtered = () => status() !== 'seated' || !!params.q;

  // Search as the person types, a moment after they pause.
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(
    on(search, (q) => {
      clearTimeout(timer);
      timer = setTimeout(() => setParams({ q: q.trim() || undefined, page: undefined }, { replace: true }), 300);
    }, { defer: true }),
  );
  onCleanup(() => clearTimeout(timer));

  const [editing, setEditing] = createSignal<Representative | 'new' | null>(null);
  const [ending, setEnding] = createSignal<Representative | null>(null);
  const [reissued, setReissued] = createSignal<Representative | null>(null);

  const replaceRow = (r: Representative) => mutate((p) => p && { ...p, items: p.items.map((x) => (x.id === r.id ? r : x)) });

  const reissue = (r: Representative) =>
    confirmAction({
      title: t('roster.reissue.title'),
      message: (
        <>
          <p>{t('roster.reissue.message', { name: r.name })}</p>
          <p>{t('roster.reissue.next')}</p>
        </>
      ),
      confirmLabel: t('roster.reissue.confirm'),
      danger: true,
      action: async () => {
        const updated = await reissueCard(id(), r.id);
        replaceRow(updated);
        setReissued(updated);
      },
    });

  const clearFilters = () => {
    setSearch('');
    setParams({ q: undefined, status: undefined, page: undefined });
  };

  return (
    <Show when={can(id(), 'roster.read')} fallback={<NoAccess />}>
      <PageHeader
        title={t('roster.title')}
        lead={t('roster.lead', { congress: congress().name })}
        actions={
          <>
            <Show when={admin()}>
              <A class="btn btn-secondary" href={`/c/${id()}/roster/import`}>
                {t('roster.import.open')}
              </A>
            </Show>
            <a class="btn btn-secondary" href={exportUrl(id())} download="">
              {t('roster.export')}
            </a>
            <Show when={admin()}>
              <A class="btn btn-secondary" href={`/c/${id()}/roster/cards`}>
                {t('roster.cards.open')}
              </A>
              <Button variant="primary" onClick={() => setEditing('new')}>
                {t('roster.add.open')}
              </Button>
            </Show>
          </>
        }
      />

      <Show when={reissued()}>
        {(r) => (
          <Alert kind="success" title={t('roster.reissue.done', { name: r().name })}>
            <p>
              <A href={`/c/${id()}/roster/cards?ids=${r().id}`}>{t('roster.reissue.printOne', { name: r().name })}</A>
              {' · '}
              <button type="button" class="linklike" onClick={() => setReissued(null)}>
                {t('common.dismiss')}
              </button>
            </p>
          </Alert>
        )}
      </Show>

      <div class="toolbar" role="search">
        <label class="search">
          <span class="sr-only">{t('roster.search')}</span>
          <input type="search" placeholder={t('roster.search')} value={search()} onInput={(e) => setSearch(e.currentTarget.value)} />
        </label>
        <div class="segmented" role="radiogroup" aria-label={t('roster.statusFilter')}>
          <For each={['seated', 'left', 'all'] as const}>
            {(s) => (
              <button
                type="button"
                role="radio"
                aria-checked={status() === s}
                classList={{ on: status() === s }}
                onClick={() => setParams({ status: s === 'seated' ? undefined : s, page: undefined })}
              >
                {t(`roster.filter.${s}`)}
                <Show when={latest(roster)?.counts}>
                  {(n) => <span class="count num">{fmt.count(s === 'all' ? n().seated + n().left : n()[s])}</span>}
                </Show>
              </button>
            )}
          </For>
        </div>
      </div>

      <Async resource={roster} retry={refetch}>
        {(data) => (
          <section id="roster-list" aria-label={t('roster.title')}>
            <p class="count-line" aria-live="polite" hidden={data.total === 0 && !filtered()}>
              {t(filtered() ? 'roster.countFiltered' : 'roster.count', { n: fmt.count(data.total) })}
              <Show when={roster.state === 'refreshing'}>
                <span class="spinner small" aria-hidden="true" />
              </Show>
            </p>
            <Table
              caption={t('roster.title')}
              rows={data.items}
              rowClass={(r) => (r.status === 'left' ? 'row-muted' : '')}
              empty={
                <Show
                  when={filtered()}
                  fallback={
                    <EmptyState
                      title={t('roster.empty')}
                      action={
                        <Show when={admin()}>
                          <A class="btn btn-primary" href={`/c/${id()}/roster/import`}>
                            {t('roster.import.open')}
                          </A>
                          <Button onClick={() => setEditing('new')}>{t('roster.add.open')}</Button>
                        </Show>
                      }
                    >
                      {admin() ? t('roster.emptyNext') : t('roster.emptyNextReader')}
                    </EmptyState>
                  }
                >
                  <EmptyState title={t('roster.noMatch')} action={<Button onClick={clearFilters}>{t('roster.clearFilters')}</Button>} />
                </Show>
              }
              columns={[
                {
                  header: () => t('roster.field.name'),
                  class: 'nowrap',
                  cell: (r) => (
                    <>
                      <strong>{r.name}</strong>
                      <Show when={r.gender}>
                        <span class="muted"> · {genderLabel(r.gender)}</span>
                      </Show>
                    </>
                  ),
                },
                { header: () => t('roster.field.delegation'), cell: (r) => r.delegation || <span class="muted">—</span> },
                { header: () => t('roster.field.constituency'), class: 'nowrap', cell: (r) => r.constituency || <span class="muted">—</span> },
                { header: () => t('roster.field.phone'), class: 'nowrap', cell: (r) => <span class="num">{r.phone || '—'}</span> },
                // The status column only when the list can hold both (the default list is the seated).
                ...(status() === 'seated'
                  ? []
                  : [
                      {
                        header: () => t('roster.field.status'),
                        cell: (r: Representative) => (
                          <Show when={r.status === 'left'} fallback={<span class="tag tag-ok">{t('roster.status.seated')}</span>}>
                            <span class="tag tag-muted">{t('roster.status.left')}</span>
                            <span class="small muted block">
                              {r.termEndedOn ? fmt.date(r.termEndedOn) : ''}
                              {r.termEndReason ? ` · ${r.termEndReason}` : ''}
                            </span>
                          </Show>
                        ),
                      },
                    ]),
                ...(admin()
                  ? [
                      {
                        header: () => t('common.actions'),
                        noLabel: true,
                        class: 'actions',
                        cell: (r: Representative) => (
                          <Button small onClick={() => setEditing(r)} aria-label={t('roster.manage.aria', { name: r.name })}>
                            {t('roster.manage')}
                          </Button>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
            <Show when={data.total > 0}>
              <Pager page={data.page} size={data.size} total={data.total} onPage={toPage} />
            </Show>
          </section>
        )}
      </Async>

      <Dialog
        open={editing() !== null}
        onClose={() => setEditing(null)}
        title={editing() === 'new' ? t('roster.add.open') : t('roster.edit.title', { name: (editing() as Representative | null)?.name ?? '' })}
      >
        <RepresentativeForm
          congressId={id()}
          rep={editing() === 'new' ? undefined : (editing() as Representative)}
          onCancel={() => setEditing(null)}
          onDone={(r) => {
            const added = editing() === 'new';
            setEditing(null);
            toast(t(added ? 'roster.add.done' : 'roster.edit.done', { name: r.name }));
            if (added) void refetch();
            else replaceRow(r);
          }}
        />
        <Show when={editing() !== 'new' && (editing() as Representative | null)}>
          {(rep) => (
            <Show
              when={rep().status === 'seated'}
              fallback={
                <section class="danger-zone">
                  <p class="muted">
                    {t('roster.manage.left', { date: rep().termEndedOn ? fmt.date(rep().termEndedOn!) : '—', reason: rep().termEndReason || '—' })}
                  </p>
                </section>
              }
            >
              <section class="danger-zone" aria-label={t('roster.manage.cardAndTerm')}>
                <div class="danger-row">
                  <div>
                    <p class="danger-title">{t('roster.reissue.button')}</p>
                    <p class="muted small">{t('roster.manage.reissueText')}</p>
                  </div>
                  <Button onClick={() => { const r = rep(); setEditing(null); void reissue(r); }}>{t('roster.reissue.button')}</Button>
                </div>
                <div class="danger-row">
                  <div>
                    <p class="danger-title">{t('roster.endTerm.title')}</p>
                    <p class="muted small">{t('roster.manage.endText')}</p>
                  </div>
                  <Button variant="danger" onClick={() => { const r = rep(); setEditing(null); setEnding(r); }}>
                    {t('roster.endTerm.button')}
                  </Button>
                </div>
              </section>
            </Show>
          )}
        </Show>
      </Dialog>
      <Dialog open={ending() !== null} onClose={() => setEnding(null)} title={t('roster.endTerm.title')}>
        <Show when={ending()}>
          {(rep) => (
            <EndTermForm
              congressId={id()}
              rep={rep()}
              onCancel={() => setEnding(null)}
              onDone={(r) => {
                setEnding(null);
                toast(t('roster.endTerm.done', { name: r.name }));
                void refetch();
              }}
            />
          )}
        </Show>
      </Dialog>
    </Show>
  );
}
