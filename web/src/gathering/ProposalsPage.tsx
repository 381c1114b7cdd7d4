import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { CATEGORIES, CHANNELS, PROPOSAL_STATUSES } from '../../../shared/gathering/schema.ts';
import { normalizeTrackingCode } from '../../../shared/gathering/tracking-code.ts';
import { Async, latest } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { SelectField } from '../components/Field.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Table } from '../components/Table.tsx';
import { toast } from '../components/Toast.tsx';
import { useCongress } from '../congress/context.tsx';
import { fmt, t } from '../i18n.ts';
import {
  categoryLabel,
  categoryOptions,
  channelLabel,
  channelOptions,
  proposalStatusClass,
  proposalStatusLabel,
  type Category,
  type Channel,
  type ProposalStatus,
} from '../labels.ts';
import { can, me, rolesIn } from '../session.ts';
import { pageProposals } from '../../../shared/gathering/contract.ts';
import { call } from '../api.ts';
import { Pager, pageParam } from '../components/Pager.tsx';
import { fetchWindows, proposalsCsvUrl, type Proposal, type ProposalFilter } from './gathering.data.ts';
import { channelsFor, ProposalForm } from './ProposalForm.tsx';

type Params = { year?: string; status?: string; channel?: string; category?: string; location?: string; q?: string; page?: string };
const PAGE_SIZE = 50;
/** A page of proposals, filtered and searched on the server, with counts by status over the other filters. */
const fetchProposalPage = (congressId: string, f: ProposalFilter & { page: number }) =>
  call(pageProposals, { params: { congressId }, query: { ...f, size: PAGE_SIZE } });
/** The server finds a tracking code only as printed (AB3K-7XQ9): a code typed loosely is put in that form first. */
const searchTerm = (q: string | undefined) => {
  const text = (q ?? '').trim();
  return text ? (normalizeTrackingCode(text) ?? text) : undefined;
};
const pick = <T extends string>(list: readonly T[], v: string | undefined): T | undefined => (list as readonly string[]).includes(v ?? '') ? (v as T) : undefined;

/**
 * 项目建议: every proposal of the congress (staff and the government office) or one's own (representatives,
 * departments), with filters kept in the address, counts by status, the CSV export and the form to enter one.
 */
export default function ProposalsPage() {
  const { id, congress } = useCongress();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams<Params>();
  const reader = () => can(id(), 'gathering.proposals.readAll');
  const channels = () => channelsFor(rolesIn(id()), !!me()?.account.systemAdmin);
  const [windows] = createResource(id, fetchWindows);

  const year = () => (/^\d{4}$/.test(params.year ?? '') ? Number(params.year) : undefined);
  const status = () => pick<ProposalStatus>(PROPOSAL_STATUSES, params.status);
  const channel = () => pick<Channel>(CHANNELS, params.channel);
  const category = () => pick<Category>(CATEGORIES, params.category);
  // Filters and the page live in the address (a reload or the back button keeps the place); the server pages and
  // counts by status over the other filters, for the status tabs.
  const [proposals, { refetch }] = createResource(
    () => ({ id: id(), year: year(), status: status(), channel: channel(), category: category(), location: (params.location ?? '').trim() || undefined, q: searchTerm(params.q), page: pageParam(params.page) }),
    ({ id, ...f }) => fetchProposalPage(id, f),
  );
  const counts = (): Partial<Record<ProposalStatus, number>> => latest(proposals)?.counts ?? {};
  const toPage = (p: number) => {
    setParams({ page: p > 1 ? String(p) : undefined });
    document.getElementById('proposals-list')?.scrollIntoView({ block: 'start' });
  };
  const filtered = () => !!(year() || status() || channel() || category() || params.location || params.q);

  // Text filters follow typing, a moment after the pause.
  const [q, setQ] = createSignal(params.q ?? '');
  const [place, setPlace] = createSignal(params.location ?? '');
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(
    on(
      [q, place],
      ([qq, pl]) => {
        clearTimeout(timer);
        timer = setTimeout(() => setParams({ q: qq.trim() || undefined, location: pl.trim() || undefined, page: undefined }, { replace: true }), 300);
      },
      { defer: true },
    ),
  );
  onCleanup(() => clearTimeout(timer));

  const clearFilters = () => {
    setQ('');
    setPlace('');
    setParams({ year: undefined, status: undefined, channel: undefined, category: undefined, location: undefined, q: undefined, page: undefined });
  };

  const [entering, setEntering] = createSignal(false);
  const years = () => [...new Set((latest(windows) ?? []).map((w) => w.year))].sort((a, b) => b - a);

  return (
    <Show when={can(id(), 'gathering.proposals.page')} fallback={<NoAccess />}>
      <PageHeader
        kicker={reader() ? undefined : <A href="/">← {t('proposals.backHome')}</A>}
        title={t('proposals.title')}
        lead={reader() ? t('proposals.lead', { congress: congress().name }) : t('proposals.leadOwn')}
        actions={
          <>
            <Show when={reader()}>
              <a class="btn btn-secondary" href={proposalsCsvUrl(id(), { year: year(), status: status(), channel: channel(), category: category(), location: (params.location ?? '').trim() || undefined, q: searchTerm(params.q) })} download="">
                {t('proposals.export')}
              </a>
            </Show>
            <Show when={channels().length > 0}>
              <Button variant="primary" onClick={() => setEntering(true)}>
                {t('proposals.add')}
              </Button>
            </Show>
          </>
        }
      />

      <div class="filters" role="search" aria-label={t('proposals.filters')}>
        <label class="search">
          <span class="sr-only">{t('proposals.search')}</span>
          <input type="search" placeholder={t('proposals.search')} value={q()} onInput={(e) => setQ(e.currentTarget.value)} />
        </label>
        <SelectField
          label={t('proposals.filter.year')}
          value={year() ? String(year()) : ''}
          onValue={(v) => setParams({ year: v || undefined, page: undefined })}
          options={[{ value: '', label: t('proposals.filter.allYears') }, ...years().map((y) => ({ value: String(y), label: t('windows.yearValue', { year: y }) }))]}
        />
        <SelectField
          label={t('proposals.filter.channel')}
          value={channel() ?? ''}
          onValue={(v) => setParams({ channel: v || undefined, page: undefined })}
          options={[{ value: '', label: t('proposals.filter.allChannels') }, ...channelOptions()]}
        />
        <SelectField
          label={t('proposals.filter.category')}
          value={category() ?? ''}
          onValue={(v) => setParams({ category: v || undefined, page: undefined })}
          options={[{ value: '', label: t('proposals.filter.allCategories') }, ...categoryOptions()]}
        />
        <label class="field filter-location">
          <span class="label-row">
            <span class="label-text">{t('proposals.filter.location')}</span>
          </span>
          <input type="text" value={place()} onInput={(e) => setPlace(e.currentTarget.value)} placeholder={t('proposals.filter.locationPlaceholder')} />
        </label>
      </div>

      <div class="status-tabs" role="radiogroup" aria-label={t('proposals.filter.status')}>
        <For each={[undefined, ...PROPOSAL_STATUSES] as (ProposalStatus | undefined)[]}>
          {(s) => (
            <button
              type="button"
              role="radio"
              aria-checked={status() === s}
              classList={{ on: status() === s }}
              onClick={() => setParams({ status: s, page: undefined })}
            >
              <span>{s ? proposalStatusLabel(s) : t('proposals.filter.allStatuses')}</span>
              <span class="count num">{fmt.count(s ? (counts()[s] ?? 0) : (latest(proposals)?.all ?? 0))}</span>
            </button>
          )}
        </For>
      </div>

      <Async resource={proposals} retry={refetch}>
        {(data) => (
          <section id="proposals-list" aria-label={t('proposals.title')}>
            <p class="count-line" aria-live="polite">
              {t(filtered() ? 'proposals.countFiltered' : 'proposals.count', { n: fmt.count(data.total) })}
              <Show when={proposals.state === 'refreshing'}>
                <span class="spinner small" aria-hidden="true" />
              </Show>
            </p>
            <Table
              caption={t('proposals.title')}
              rows={data.items}
              class="proposals-table"
              empty={
                <Show
                  when={filtered()}
                  fallback={
                    <EmptyState
                      title={t('proposals.empty')}
                      action={
                        <>
                          <Show when={channels().length > 0}>
                            <Button variant="primary" onClick={() => setEntering(true)}>
                              {t('proposals.add')}
                            </Button>
                          </Show>
                          <Show when={can(id(), 'gathering.windows.page')}>
                            <A class="btn btn-secondary" href={`/c/${id()}/gathering`}>
                              {t('proposals.toWindows')}
                            </A>
                          </Show>
                        </>
                      }
                    >
                      {reader() ? t('proposals.emptyNext') : t('proposals.emptyNextOwn')}
                    </EmptyState>
                  }
                >
                  <EmptyState title={t('proposals.noMatch')} action={<Button onClick={clearFilters}>{t('proposals.clearFilters')}</Button>} />
                </Show>
              }
              columns={[
                {
                  header: () => t('proposal.field.title'),
                  class: 'proposal-cell',
                  // On a phone the title heads its card, without a column name beside it.
                  noLabel: true,
                  cell: (p: Proposal) => (
                    <>
                      <A href={`/c/${id()}/gathering/proposals/${p.id}`} class="strong-link">
                        {p.title}
                      </A>
                      <span class="muted small block meta-line">
                        <span class="mono nowrap">{p.trackingCode}</span> · <span class="nowrap">{categoryLabel(p.category)}</span> ·{' '}
                        <span class="nowrap">{t('proposals.submittedOn', { date: fmt.date(p.createdAt) })}</span>
                      </span>
                      <Show when={p.negativeListHits.length > 0}>
                        <span class="tag tag-bad">{t('proposal.negative.tag', { words: p.negativeListHits.join(t('list.separator')) })}</span>
                      </Show>
                      <Show when={p.attachments.length > 0}>
                        <span class="tag">{t('proposal.attachmentsCount', { n: p.attachments.length })}</span>
                      </Show>
                    </>
                  ),
                },
                { header: () => t('proposal.field.location'), class: 'location-cell', cell: (p: Proposal) => p.location },
                {
                  header: () => t('proposal.field.channel'),
                  cell: (p: Proposal) => (
                    <>
                      {channelLabel(p.channel)}
                      <Show when={p.station}>
                        <span class="muted small block">{p.station}</span>
                      </Show>
                    </>
                  ),
                },
                { header: () => t('proposal.field.status'), cell: (p: Proposal) => <span class={`tag ${proposalStatusClass(p.status)}`}>{proposalStatusLabel(p.status)}</span> },
                {
                  header: () => t('common.actions'),
                  noLabel: true,
                  class: 'actions',
                  cell: (p: Proposal) => (
                    <A class="btn btn-secondary btn-sm" href={`/c/${id()}/gathering/proposals/${p.id}`} aria-label={t('a11y.named', { action: p.status === 'submitted' && can(id(), 'gathering.screen') ? t('proposals.screen') : t('proposals.open'), name: p.title })}>
                      {p.status === 'submitted' && can(id(), 'gathering.screen') ? t('proposals.screen') : t('proposals.open')}
                    </A>
                  ),
                },
              ]}
            />
            <Show when={data.total > 0}>
              <Pager page={data.page} size={data.size} total={data.total} onPage={toPage} />
            </Show>
          </section>
        )}
      </Async>

      <Dialog open={entering()} onClose={() => setEntering(false)} title={t('proposals.add')} wide>
        <ProposalForm
          congressId={id()}
          channels={channels()}
          staff={can(id(), 'gathering.proposals.anyChannel')}
          windows={latest(windows) ?? []}
          onCancel={() => setEntering(false)}
          onDone={(p) => {
            setEntering(false);
            toast(t('proposals.added', { code: p.trackingCode }));
            navigate(`/c/${id()}/gathering/proposals/${p.id}`);
          }}
        />
      </Dialog>
    </Show>
  );
}
