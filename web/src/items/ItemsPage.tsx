import { A, useSearchParams } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { ITEM_CATEGORIES, ITEM_SOURCES, ITEM_STATUSES, type ItemStatus } from '../../../shared/items/enums.ts';
import { normalizeTrackingCode } from '../../../shared/gathering/tracking-code.ts';
import { Async, latest } from '../components/Async.tsx';
import { CheckField, SelectField } from '../components/Field.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Pager, pageParam } from '../components/Pager.tsx';
import { Table } from '../components/Table.tsx';
import { useCongress } from '../congress/context.tsx';
import { fetchDepartments } from '../congress/members.data.ts';
import { fmt, t, type MessageKey } from '../i18n.ts';
import { can, rolesIn } from '../session.ts';
import { fetchItemPage, fetchStations, type ItemFilter, type ItemRow } from './items.data.ts';
import { categoryOptions, DueTag, itemCategoryLabel, itemSourceLabel, itemStatusLabel, KeyTag, sourceOptions, StatusTag } from './parts.tsx';
import './items.css';

type Params = { status?: string; due?: string; department?: string; station?: string; source?: string; category?: string; key?: string; month?: string; mine?: string; q?: string; page?: string };
const PAGE_SIZE = 50;
/** What a department's items can be: with it, answered and waiting for the check, done. */
const DEPARTMENT_STATUSES: readonly ItemStatus[] = ['assigned', 'answered', 'done'];
const pick = <T extends string>(list: readonly T[], v: string | undefined): T | undefined => ((list as readonly string[]).includes(v ?? '') ? (v as T) : undefined);
const UUID = /^[0-9a-f-]{36}$/i;
/** A tracking code typed loosely is put in its printed form (AB3K-7XQ9); other words are searched in titles. */
const searchTerm = (q: string | undefined) => {
  const text = (q ?? '').trim();
  return text ? (normalizeTrackingCode(text) ?? text) : undefined;
};

/**
 * 意见建议: staff and the government office see every item with filters kept in the address (state, deadline,
 * department, station, source, category, key items, month, words); a department the items assigned to it with a big
 * 答复 button; a station keeper their station's; a representative on a phone the items they raised (`?mine=1`).
 */
export default function ItemsPage() {
  const { id } = useCongress();
  const [params, setParams] = useSearchParams<Params>();
  const all = () => can(id(), 'items.readAll');
  const roles = () => rolesIn(id());
  const department = () => !all() && roles().includes('department');
  const keeper = () => !all() && roles().includes('station');
  const mine = () => params.mine === '1' || (!all() && !department() && !keeper() && roles().includes('representative'));
  const title = (): MessageKey => (mine() ? 'items.titleMine' : department() ? 'items.titleDepartment' : keeper() ? 'items.titleStation' : 'items.title');
  const lead = (): MessageKey => (mine() ? 'items.leadMine' : department() ? 'items.leadDepartment' : keeper() ? 'items.leadStation' : 'items.lead');

  const [departments] = createResource(() => (all() ? id() : false), fetchDepartments);
  const [stations] = createResource(() => (all() ? id() : false), fetchStations);

  const filter = (): ItemFilter => ({
    status: pick(ITEM_STATUSES, params.status),
    due: pick(['overdue', 'due_soon'] as const, params.due),
    department: UUID.test(params.department ?? '') ? params.department : undefined,
    station: UUID.test(params.station ?? '') ? params.station : undefined,
    source: pick(ITEM_SOURCES, params.source),
    category: pick(ITEM_CATEGORIES, params.category),
    key: params.key === '1' ? '1' : undefined,
    month: /^\d{4}-(0[1-9]|1[0-2])$/.test(params.month ?? '') ? params.month : undefined,
    mine: mine() ? '1' : undefined,
    q: searchTerm(params.q),
  });
  const [items, { refetch }] = createResource(
    () => ({ id: id(), f: filter(), page: pageParam(params.page) }),
    ({ id, f, page }) => fetchItemPage(id, { ...f, sort: f.due ? 'due' : 'received', page, size: PAGE_SIZE }),
  );
  const filtered = () => Object.entries(filter()).some(([k, v]) => k !== 'mine' && v !== undefined);
  const toPage = (p: number) => {
    setParams({ page: p > 1 ? String(p) : undefined });
    document.getElementById('items-list')?.scrollIntoView({ block: 'start' });
  };

  const [q, setQ] = createSignal(params.q ?? '');
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(on(q, (v) => {
    clearTimeout(timer);
    timer = setTimeout(() => setParams({ q: v.trim() || undefined, page: undefined }, { replace: true }), 300);
  }, { defer: true }));
  onCleanup(() => clearTimeout(timer));
  const clear = () => {
    setQ('');
    setParams({ status: undefined, due: undefined, department: undefined, station: undefined, source: undefined, category: undefined, key: undefined, month: undefined, q: undefined, page: undefined });
  };
  const set = (k: keyof Params) => (v: string) => setParams({ [k]: v || undefined, page: undefined });

  const canCreate = () => can(id(), 'items.create');
  const href = (row: ItemRow) => `/c/${id()}/items/${row.id}`;
  /** What a person here does with a row: a department answers one waiting for it; a representative rates one done. */
  const action = (row: ItemRow) => {
    if (department() && row.status === 'assigned') return { label: t('items.answerNow'), aria: t('items.answerAria', { title: row.title }), primary: true };
    if (can(id(), 'items.triage') && row.status === 'received') return { label: t('items.triage.title'), aria: t('a11y.named', { action: t('items.triage.title'), name: row.title }), primary: false };
    if (can(id(), 'items.decide') && row.status === 'answered') return { label: t('items.check.title'), aria: t('a11y.named', { action: t('items.check.title'), name: row.title }), primary: false };
    if (mine() && row.status === 'done') return { label: t('items.rateNow'), aria: t('a11y.named', { action: t('items.rateNow'), name: row.title }), primary: false };
    return { label: t('items.open'), aria: t('items.openAria', { title: row.title }), primary: false };
  };

  return (
    <Show when={can(id(), 'items.page')} fallback={<NoAccess />}>
      <PageHeader
        kicker={all() ? undefined : <A href="/">← {t('items.backHome')}</A>}
        title={t(title())}
        lead={t(lead())}
        actions={
          <Show when={canCreate()}>
            <A class="btn btn-primary" href={`/c/${id()}/items/new`}>
              {mine() ? t('items.addMine') : t('items.add')}
            </A>
          </Show>
        }
      />

      <Show when={!mine()}>
        <div class="filters item-filters" role="search" aria-label={t('items.filters')}>
          <label class="search">
            <span class="sr-only">{t('items.search')}</span>
            <input type="search" placeholder={t('items.search')} value={q()} onInput={(e) => setQ(e.currentTarget.value)} />
          </label>
          <SelectField
            label={t('items.filter.due')}
            value={params.due ?? ''}
            onValue={set('due')}
            options={[{ value: '', label: t('items.filter.allDue') }, { value: 'due_soon', label: t('item.due.due_soon' as MessageKey) }, { value: 'overdue', label: t('item.due.overdue' as MessageKey) }]}
          />
          <Show when={all()}>
            <SelectField
              label={t('items.filter.department')}
              value={filter().department ?? ''}
              onValue={set('department')}
              options={[{ value: '', label: t('items.filter.allDepartments') }, ...(latest(departments) ?? []).map((d) => ({ value: d.id, label: d.name }))]}
            />
            <SelectField
              label={t('items.filter.station')}
              value={filter().station ?? ''}
              onValue={set('station')}
              options={[{ value: '', label: t('items.filter.allStations') }, ...(latest(stations) ?? []).map((s) => ({ value: s.id, label: s.name }))]}
            />
          </Show>
          <SelectField label={t('items.filter.source')} value={filter().source ?? ''} onValue={set('source')} options={[{ value: '', label: t('items.filter.allSources') }, ...sourceOptions()]} />
          <SelectField label={t('items.filter.category')} value={filter().category ?? ''} onValue={set('category')} options={[{ value: '', label: t('items.filter.allCategories') }, ...categoryOptions()]} />
          <label class="field item-month">
            <span class="label-row">
              <span class="label-text">{t('items.filter.month')}</span>
            </span>
            <input type="month" value={filter().month ?? ''} onChange={(e) => set('month')(e.currentTarget.value)} />
          </label>
          <CheckField label={t('items.filter.key')} checked={params.key === '1'} onValue={(v) => set('key')(v ? '1' : '')} />
        </div>

        <div class="status-tabs" role="radiogroup" aria-label={t('items.filter.status')}>
          <For each={[undefined, ...(department() ? DEPARTMENT_STATUSES : ITEM_STATUSES)] as (ItemStatus | undefined)[]}>
            {(s) => (
              <button type="button" role="radio" aria-checked={filter().status === s} classList={{ on: filter().status === s }} onClick={() => setParams({ status: s, page: undefined })}>
                <span>{s ? itemStatusLabel(s) : t('items.filter.allStatuses')}</span>
                <span class="count num">{fmt.count(s ? (latest(items)?.counts[s] ?? 0) : (latest(items)?.all ?? 0))}</span>
              </button>
            )}
          </For>
        </div>
      </Show>

      <Async resource={items} retry={refetch}>
        {(data) => (
          <section id="items-list" aria-label={t(title())}>
            <p class="count-line" aria-live="polite">
              {t(filtered() ? 'items.countFiltered' : 'items.count', { n: fmt.count(data.total) })}
              <Show when={filtered()}>
                {' '}
                <button type="button" class="linklike" onClick={clear}>
                  {t('items.filter.clear')}
                </button>
              </Show>
            </p>
            <Table
              caption={t(title())}
              class="items-table"
              rows={data.items}
              rowClass={(r) => (r.dueState === 'overdue' ? 'item-row-overdue' : '')}
              empty={
                <EmptyState title={filtered() ? t('items.empty.filtered') : mine() ? t('items.empty.mine') : department() ? t('items.empty.department') : t('items.empty.title')}>
                  <p>{filtered() ? t('items.empty.filteredBody') : t('items.empty.body')}</p>
                </EmptyState>
              }
              columns={[
                {
                  header: () => t('items.col.title'),
                  cell: (r) => (
                    <div class="item-cell">
                      <A href={href(r)} class="item-title">
                        {r.title}
                      </A>
                      <span class="muted small">
                        <span class="mono">{r.trackingCode}</span> · {itemSourceLabel(r.source)} · {itemCategoryLabel(r.category)}
                        <Show when={r.station}>{(s) => <> · {s().name}</>}</Show>
                      </span>
                      <KeyTag on={r.keyItem} />
                    </div>
                  ),
                },
                { header: () => t('items.col.status'), cell: (r) => <StatusTag status={r.status} round={r.round} /> },
                // A department's list is all its own: no column saying so on every row.
                ...(department() ? [] : [{ header: () => t('items.col.department'), cell: (r: ItemRow) => r.department?.name ?? <span class="muted">—</span> }]),
                {
                  header: () => t('items.col.due'),
                  cell: (r) => (
                    <Show when={r.dueOn} fallback={<span class="muted">—</span>}>
                      <span class="item-due">
                        <span class="num nowrap">{fmt.date(r.dueOn!)}</span> <DueTag state={r.dueState} />
                      </span>
                    </Show>
                  ),
                },
                { header: () => t('items.col.received'), cell: (r) => <span class="num nowrap">{fmt.date(r.receivedOn)}</span> },
                {
                  header: () => t('items.col.action'),
                  noLabel: true,
                  class: 'actions',
                  cell: (r) => {
                    const a = action(r);
                    return (
                      <A class={`btn ${a.primary ? 'btn-primary item-answer-btn' : 'btn-secondary btn-sm'}`} href={href(r)} aria-label={a.aria}>
                        {a.label}
                      </A>
                    );
                  },
                },
              ]}
            />
            <Show when={data.total > 0}>
              <Pager page={data.page} size={data.size} total={data.total} onPage={toPage} />
            </Show>
          </section>
        )}
      </Async>
    </Show>
  );
}
