import { A, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, createUniqueId, For, on, onCleanup, Show } from 'solid-js';
import { AUDIT_AREAS, actionsOf, isAuditAction, REF_KINDS, refPath, type AuditArea, type RefKind } from '../../../shared/audit/actions.ts';
import { verifyAudit } from '../../../shared/audit/contract.ts';
import { indexRefs, SYSTEM_ACTOR, type AuditFilter, type AuditRefs, type ChainReport } from '../../../shared/audit/schema.ts';
import { actionWords, detailParts, targetOf, type Named } from '../../../shared/audit/words.ts';
import { ApiError, call } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { Async, latest } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Pager, pageParam } from '../components/Pager.tsx';
import { Table } from '../components/Table.tsx';
import { useCongress } from '../congress/context.tsx';
import { fmt, t } from '../i18n.ts';
import { can } from '../session.ts';
import { auditCsvUrl, fetchAudit, say, type AuditList } from './audit.data.ts';
import './audit.css';

type Entry = AuditList['items'][number];
type Params = { actor?: string; what?: string; kind?: string; from?: string; to?: string; q?: string; page?: string };
const PAGE_SIZE = 50;
const isDay = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);

/** An object by its name: a link to its page where it has one, "（已删除）" where it is gone. */
function RefName(props: { congressId: string; named: Named; refs: AuditRefs }) {
  const path = () => (props.named.found ? refPath(props.congressId, props.named.kind, props.named.id, props.refs[props.named.kind]?.[props.named.id]) : null);
  return (
    <Show when={path()} fallback={<span classList={{ muted: !props.named.found }}>{props.named.name}</span>}>
      {(p) => <A href={p()}>{props.named.name}</A>}
    </Show>
  );
}

/** 审计日志: every change in this congress in words, filtered, searched and paged on the server; CSV export; the chain check. */
export default function AuditPage() {
  const { id } = useCongress();
  const uid = createUniqueId();
  const [params, setParams] = useSearchParams<Params>();

  // The address holds the filters and the page, so a reload or the back button keeps the place.
  const what = () => params.what ?? '';
  const filter = (): AuditFilter => {
    const w = what();
    return {
      actor: params.actor || undefined,
      area: w.startsWith('area:') && (AUDIT_AREAS as readonly string[]).includes(w.slice(5)) ? (w.slice(5) as AuditArea) : undefined,
      action: isAuditAction(w) ? w : undefined,
      kind: (REF_KINDS as readonly string[]).includes(params.kind ?? '') ? (params.kind as RefKind) : undefined,
      from: isDay(params.from),
      to: isDay(params.to),
      q: (params.q ?? '').trim() || undefined,
    };
  };
  const page = () => pageParam(params.page);
  const [log, { refetch }] = createResource(
    () => ({ id: id(), f: filter(), page: page() }),
    (s) => fetchAudit(s.id, { ...s.f, page: s.page, size: PAGE_SIZE }),
  );
  const filtered = () => Object.values(filter()).some((v) => v !== undefined);
  /** A filter changed: back to the first page. */
  const setFilter = (p: Partial<Params>) => setParams({ ...p, page: undefined });

  // The search follows typing, a moment after the pause.
  const [search, setSearch] = createSignal(params.q ?? '');
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(
    on(search, (q) => {
      clearTimeout(timer);
      timer = setTimeout(() => setParams({ q: q.trim() || undefined, page: undefined }, { replace: true }), 300);
    }, { defer: true }),
  );
  onCleanup(() => clearTimeout(timer));
  const clearFilters = () => {
    setSearch('');
    setParams({ actor: undefined, what: undefined, kind: undefined, from: undefined, to: undefined, q: undefined, page: undefined });
  };
  const toPage = (p: number) => {
    setParams({ page: p > 1 ? String(p) : undefined });
    document.getElementById('audit-list')?.scrollIntoView({ block: 'start' });
  };

  const [report, setReport] = createSignal<ChainReport | null>(null);
  const [verifying, setVerifying] = createSignal(false);
  const [verifyError, setVerifyError] = createSignal<string | null>(null);
  const verify = async () => {
    setVerifying(true);
    setVerifyError(null);
    setReport(null);
    try {
      setReport(await call(verifyAudit));
    } catch (e) {
      setVerifyError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setVerifying(false);
    }
  };

  const actors = () => latest(log)?.actors ?? [];
  // The names of what this page's entries name, by kind and id (the API sends them as a list).
  const refs = createMemo(() => indexRefs(latest(log)?.refs ?? []));
  const kindWord = (k: RefKind) => t(`audit.kind.${k}`);

  return (
    <Show when={can(id(), 'audit.read')} fallback={<NoAccess />}>
      <PageHeader
        title={t('audit.title')}
        lead={t('audit.lead')}
        actions={
          <>
            <a class="btn btn-secondary" href={auditCsvUrl(id(), filter())} download="" title={t('audit.exportHint')}>
              {t('audit.export')}
            </a>
            <Button onClick={() => void refetch()}>{t('audit.refresh')}</Button>
            <Show when={can(id(), 'systemAdmin')}>
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

      <div class="filters audit-filters" role="search" aria-label={t('audit.filters')}>
        <label class="search">
          <span class="sr-only">{t('audit.search')}</span>
          <input type="search" placeholder={t('audit.search')} value={search()} onInput={(e) => setSearch(e.currentTarget.value)} />
        </label>
        <div class="field">
          <div class="label-row">
            <label class="label-text" for={`audit-${uid}-actor`}>{t('audit.filter.actor')}</label>
          </div>
          <select id={`audit-${uid}-actor`} value={params.actor ?? ''} onChange={(e) => setFilter({ actor: e.currentTarget.value || undefined })}>
            <option value="">{t('audit.filter.allActors')}</option>
            <For each={actors()}>{(a) => <option value={a.id} selected={params.actor === a.id}>{a.name}</option>}</For>
            <Show when={latest(log)?.hasSystem}>
              <option value={SYSTEM_ACTOR} selected={params.actor === SYSTEM_ACTOR}>
                {t('audit.system')}
              </option>
            </Show>
          </select>
        </div>
        <div class="field">
          <div class="label-row">
            <label class="label-text" for={`audit-${uid}-what`}>{t('audit.filter.action')}</label>
          </div>
          <select id={`audit-${uid}-what`} value={what()} onChange={(e) => setFilter({ what: e.currentTarget.value || undefined })}>
            <option value="">{t('audit.filter.allActions')}</option>
            <For each={AUDIT_AREAS}>
              {(area) => (
                <optgroup label={t(`audit.area.${area}`)}>
                  <option value={`area:${area}`} selected={what() === `area:${area}`}>
                    {t('audit.filter.allOfArea', { area: t(`audit.area.${area}`) })}
                  </option>
                  <For each={actionsOf(area)}>
                    {(a) => (
                      <option value={a} selected={what() === a}>
                        {t(`audit.action.${a}`)}
                      </option>
                    )}
                  </For>
                </optgroup>
              )}
            </For>
          </select>
        </div>
        <div class="field">
          <div class="label-row">
            <label class="label-text" for={`audit-${uid}-kind`}>{t('audit.filter.kind')}</label>
          </div>
          <select id={`audit-${uid}-kind`} value={params.kind ?? ''} onChange={(e) => setFilter({ kind: e.currentTarget.value || undefined })}>
            <option value="">{t('audit.filter.allKinds')}</option>
            <For each={REF_KINDS}>
              {(k) => (
                <option value={k} selected={params.kind === k}>
                  {kindWord(k)}
                </option>
              )}
            </For>
          </select>
        </div>
        <div class="audit-dates">
          <div class="field">
            <div class="label-row">
              <label class="label-text" for={`audit-${uid}-from`}>{t('audit.filter.from')}</label>
            </div>
            <input id={`audit-${uid}-from`} type="date" value={isDay(params.from) ?? ''} max={isDay(params.to)} onChange={(e) => setFilter({ from: e.currentTarget.value || undefined })} />
          </div>
          <div class="field">
            <div class="label-row">
              <label class="label-text" for={`audit-${uid}-to`}>{t('audit.filter.to')}</label>
            </div>
            <input id={`audit-${uid}-to`} type="date" value={isDay(params.to) ?? ''} min={isDay(params.from)} onChange={(e) => setFilter({ to: e.currentTarget.value || undefined })} />
          </div>
        </div>
      </div>

      <Async resource={log} retry={refetch}>
        {(l) => (
          <section id="audit-list" aria-label={t('audit.title')}>
            <p class="count-line" aria-live="polite">
              {t(filtered() ? 'audit.countFiltered' : 'audit.count', { n: fmt.count(l.total) })}
              <Show when={log.state === 'refreshing'}>
                <span class="spinner small" aria-hidden="true" />
              </Show>
            </p>
            <Table
              caption={t('audit.title')}
              rows={l.items}
              class="audit-table"
              empty={
                <Show when={filtered()} fallback={<EmptyState title={t('audit.empty')}>{t('audit.emptyNext')}</EmptyState>}>
                  <EmptyState title={t('audit.noMatch')} action={<Button onClick={clearFilters}>{t('audit.clearFilters')}</Button>} />
                </Show>
              }
              columns={[
                { header: () => t('audit.seq'), class: 'num nowrap', cell: (e: Entry) => <span class="num">{e.seq}</span> },
                { header: () => t('audit.at'), cell: (e: Entry) => <span class="num audit-at">{fmt.dateTime(e.at)}</span> },
                { header: () => t('audit.actor'), class: 'nowrap', cell: (e: Entry) => e.actorName ?? <span class="muted">{t('audit.system')}</span> },
                { header: () => t('audit.action'), cell: (e: Entry) => <strong class="audit-action">{actionWords(e.action, say)}</strong> },
                {
                  header: () => t('audit.target'),
                  cell: (e: Entry) => (
                    <Show when={targetOf(e, refs(), say)} fallback={<span class="muted">—</span>}>
                      {(n) => (
                        <>
                          <span class="muted small block">{kindWord(n().kind)}</span>
                          <RefName congressId={id()} named={n()} refs={refs()} />
                        </>
                      )}
                    </Show>
                  ),
                },
                {
                  header: () => t('audit.details'),
                  cell: (e: Entry) => (
                    <Show when={detailParts(e, refs(), say)} keyed>
                      {(parts) => (
                        <Show when={parts.length > 0} fallback={<span class="muted">—</span>}>
                          <ul class="audit-details">
                            <For each={parts}>
                              {(p) => (
                                <li>
                                  <Show when={p.label}>
                                    <span class="muted">{t('audit.kv', { k: p.label, v: '' })}</span>
                                  </Show>
                                  <Show when={p.refs.length > 0} fallback={<span class="details-text">{p.text}</span>}>
                                    <For each={p.refs}>
                                      {(n, i) => (
                                        <>
                                          {i() > 0 ? t('list.separator') : ''}
                                          <RefName congressId={id()} named={n} refs={refs()} />
                                        </>
                                      )}
                                    </For>
                                  </Show>
                                </li>
                              )}
                            </For>
                          </ul>
                        </Show>
                      )}
                    </Show>
                  ),
                },
                { header: () => t('audit.hash'), class: 'wide-only', cell: (e: Entry) => <code class="hash" title={e.hash}>{e.hash.slice(0, 10)}</code> },
              ]}
            />
            <Show when={l.total > 0}>
              <Pager page={l.page} size={l.size} total={l.total} onPage={toPage} />
            </Show>
          </section>
        )}
      </Async>
    </Show>
  );
}

