import { createResource, createSignal, Show } from 'solid-js';
import { api, ApiError, query } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { Async } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Table } from '../components/Table.tsx';
import type { AuditEntry, ChainReport } from '../../../shared/audit/schema.ts';
import { useCongress } from '../congress/context.tsx';
import { fmt, t } from '../i18n.ts';
import { actionLabel } from '../labels.ts';
import { can, me } from '../session.ts';

type Entry = AuditEntry;

const PAGE = 50;
const fetchPage = (congressId: string, before?: number) => api.get<Entry[]>(`/congresses/${congressId}/audit${query({ limit: PAGE, before })}`);

/** A short, readable line for an entry's details: "name: 张三 · rows: 120". */
function detailText(details: unknown): string {
  if (details === null || details === undefined) return '';
  if (typeof details !== 'object') return String(details);
  return Object.entries(details as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}

/** 审计日志: every change in this congress, newest first, hash-chained; a system administrator can verify the chain. */
export default function AuditPage() {
  const { id } = useCongress();
  const [first, { refetch }] = createResource(id, (cid) => fetchPage(cid));
  const [older, setOlder] = createSignal<Entry[]>([]);
  const [more, setMore] = createSignal(true);
  const [loadingMore, setLoadingMore] = createSignal(false);
  const [moreError, setMoreError] = createSignal<string | null>(null);
  const entries = () => [...(first.latest ?? []), ...older()];
  const hasMore = () => more() && (first.latest?.length ?? 0) === PAGE;

  const loadMore = async () => {
    const last = entries().at(-1);
    if (!last) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await fetchPage(id(), last.seq);
      setOlder((o) => [...o, ...page]);
      if (page.length < PAGE) setMore(false);
    } catch (e) {
      setMoreError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setLoadingMore(false);
    }
  };
  const reload = () => {
    setOlder([]);
    setMore(true);
    void refetch();
  };

  const [report, setReport] = createSignal<ChainReport | null>(null);
  const [verifying, setVerifying] = createSignal(false);
  const [verifyError, setVerifyError] = createSignal<string | null>(null);
  const verify = async () => {
    setVerifying(true);
    setVerifyError(null);
    setReport(null);
    try {
      setReport(await api.post<ChainReport>('/audit/verify'));
    } catch (e) {
      setVerifyError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setVerifying(false);
    }
  };

  return (
    <Show when={can(id(), ['admin'])} fallback={<NoAccess />}>
      <PageHeader
        title={t('audit.title')}
        lead={t('audit.lead')}
        actions={
          <>
            <Button onClick={reload}>{t('audit.refresh')}</Button>
            <Show when={me()?.account.systemAdmin}>
              <Button variant="primary" busy={verifying()} onClick={() => void verify()}>
                {verifying() ? t('audit.verifying') : t('audit.verify')}
              </Button>
            </Show>
          </>
        }
      />
      <Show when={verifyError()}>
        <Alert kind="error" title={verifyError()} />
      </Show>
      <Show when={report()}>
        {(r) => (
          <Show
            when={r().ok}
            fallback={
              <Alert kind="error" title={t('audit.verify.broken', { seq: r().firstBroken?.seq ?? '?' })}>
                <p>{t('audit.verify.reason', { reason: r().firstBroken?.reason ?? '' })}</p>
                <p>{t('audit.verify.brokenNext')}</p>
              </Alert>
            }
          >
            <Alert kind="success" title={t('audit.verify.ok', { n: fmt.count(r().checked) })}>
              <p>{t('audit.verify.okNote')}</p>
            </Alert>
          </Show>
        )}
      </Show>

      <Async resource={first} retry={reload}>
        {() => (
          <>
            <Table
              caption={t('audit.title')}
              rows={entries()}
              class="audit-table"
              empty={<EmptyState title={t('audit.empty')}>{t('audit.emptyNext')}</EmptyState>}
              columns={[
                { header: () => t('audit.seq'), class: 'num nowrap', cell: (e) => <span class="num">{e.seq}</span> },
                { header: () => t('audit.at'), cell: (e) => <span class="num nowrap">{fmt.dateTime(e.at)}</span> },
                { header: () => t('audit.actor'), class: 'nowrap', cell: (e) => e.actorName ?? <span class="muted">{t('audit.system')}</span> },
                { header: () => t('audit.action'), class: 'nowrap', cell: (e) => actionLabel(e.action) },
                {
                  header: () => t('audit.details'),
                  cell: (e) => (
                    <Show when={detailText(e.details)} fallback={<span class="muted">—</span>}>
                      <span class="details-text" title={detailText(e.details)}>
                        {detailText(e.details)}
                      </span>
                    </Show>
                  ),
                },
                { header: () => t('audit.hash'), class: 'wide-only', cell: (e) => <code class="hash" title={e.hash}>{e.hash.slice(0, 10)}</code> },
              ]}
            />
            <Show when={moreError()}>
              <Alert kind="error" title={moreError()} />
            </Show>
            <Show when={hasMore() && entries().length > 0}>
              <div class="load-more">
                <Button busy={loadingMore()} onClick={() => void loadMore()}>
                  {t('audit.more')}
                </Button>
              </div>
            </Show>
          </>
        )}
      </Async>
    </Show>
  );
}

