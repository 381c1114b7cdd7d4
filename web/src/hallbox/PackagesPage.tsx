import { A, useSearchParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { groupedFingerprint, isFingerprint } from '../../../shared/hallbox/format.ts';
import { Alert } from '../components/Alert.tsx';
import { Async } from '../components/Async.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { Field } from '../components/Field.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Pager } from '../components/Pager.tsx';
import { Table } from '../components/Table.tsx';
import { useCongress } from '../congress/context.tsx';
import { fmt, t } from '../i18n.ts';
import { can } from '../session.ts';
import { fetchPackages, fetchTownships, filePackage, type FiledPackage, paths } from './hallbox.data.ts';
import './hallbox.css';

/**
 * 会场数据包: the packages the townships' laptops exported, filed beside each township once the server has verified
 * them; and, for the county's administrators, the upload — the file and the key fingerprint typed from the paper
 * receipt. A refused package says why (each kind of tampering has its own reason).
 */
export default function PackagesPage() {
  const { id } = useCongress();
  const [params, setParams] = useSearchParams<{ childId?: string; page?: string }>();
  const page = () => Math.max(1, Number(params.page) || 1);
  const [list, { refetch }] = createResource(
    () => (can(id(), 'hallbox.read') ? { c: id(), childId: params.childId || undefined, page: page() } : false),
    (s) => fetchPackages(s.c, { childId: s.childId, page: s.page, size: 50 }),
  );
  const [townships] = createResource(() => (can(id(), 'hallbox.read') ? id() : false), (c) => fetchTownships(c));
  const [child, setChild] = createSignal('');
  const [file, setFile] = createSignal<File | null>(null);
  const [fingerprint, setFingerprint] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [outcome, setOutcome] = createSignal<{ ok: true; pkg: FiledPackage } | { ok: false; message: string; details: string[] } | null>(null);
  const [tried, setTried] = createSignal(false);
  let fileInput: HTMLInputElement | undefined;

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setTried(true);
    const f = file();
    if (!child() || !f || !isFingerprint(fingerprint())) return;
    setBusy(true);
    setOutcome(null);
    try {
      const pkg = await filePackage(id(), child(), f, fingerprint());
      setOutcome({ ok: true, pkg });
      setFile(null);
      setFingerprint('');
      setTried(false);
      if (fileInput) fileInput.value = '';
      refetch();
    } catch (err) {
      const raw = (err as { raw?: { error?: { details?: { differences?: string[] } } } }).raw;
      setOutcome({ ok: false, message: (err as Error).message, details: raw?.error?.details?.differences ?? [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Show when={can(id(), 'hallbox.read')} fallback={<NoAccess />}>
      <PageHeader title={t('hallbox.list.title')} lead={t('hallbox.list.lead')} />
      <Show when={can(id(), 'hallbox.file')}>
        <section class="card hb-upload" aria-labelledby="hb-upload">
          <h2 id="hb-upload">{t('hallbox.file.title')}</h2>
          <form onSubmit={submit} novalidate>
            <div class="hb-fields">
              <Field label={t('hallbox.file.township')} required error={tried() && !child() ? t('hallbox.file.choose') : undefined}>
                {(c) => (
                  <select id={c.id} aria-describedby={c.describedBy} aria-invalid={c.invalid} required value={child()} onChange={(e) => setChild(e.currentTarget.value)}>
                    <option value="">{t('hallbox.file.choose')}</option>
                    <For each={townships()?.items ?? []}>{(b) => <option value={b.id}>{b.parentName && b.parentId !== id() ? `${b.parentName} · ${b.name}` : b.name}</option>}</For>
                  </select>
                )}
              </Field>
              <Field label={t('hallbox.file.file')} required error={tried() && !file() ? t('hallbox.file.file') : undefined}>
                {(c) => <input ref={fileInput} id={c.id} aria-describedby={c.describedBy} aria-invalid={c.invalid} type="file" accept="application/json,.json" required onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />}
              </Field>
              <Field label={t('hallbox.file.fingerprint')} hint={t('hallbox.file.fingerprintHint')} required error={tried() && !isFingerprint(fingerprint()) ? t('hallbox.file.fingerprintHint') : undefined} class="hb-wide">
                {(c) => (
                  <input
                    id={c.id}
                    aria-describedby={c.describedBy}
                    aria-invalid={c.invalid}
                    class="hb-fingerprint"
                    autocomplete="off"
                    spellcheck={false}
                    inputmode="text"
                    value={fingerprint()}
                    onInput={(e) => setFingerprint(e.currentTarget.value)}
                  />
                )}
              </Field>
            </div>
            <p class="hint">{t('hallbox.file.checks')}</p>
            <button type="submit" class="btn btn-primary" disabled={busy()}>
              {busy() ? t('hallbox.file.checking') : t('hallbox.file.submit')}
            </button>
          </form>
          <Show when={outcome()}>
            {(o) => {
              const v = o();
              return v.ok ? (
                <Alert kind="success">
                  {t('hallbox.file.filed', { session: v.pkg.sessionTitle, township: v.pkg.congressName })} <A href={paths.one(id(), v.pkg.id)}>{t('hallbox.open')}</A>
                </Alert>
              ) : (
                <Alert kind="error" title={t('hallbox.file.refused')}>
                  <p class="hb-reason">{v.message}</p>
                  <Show when={v.details.length}>
                    <ul class="hb-diffs">
                      <For each={v.details}>{(d) => <li>{d}</li>}</For>
                    </ul>
                  </Show>
                </Alert>
              );
            }}
          </Show>
        </section>
      </Show>
      <form class="hb-filter" role="search" onSubmit={(e) => e.preventDefault()}>
        <label class="field">
          <span class="label">{t('hallbox.filter.township')}</span>
          <select value={params.childId ?? ''} onChange={(e) => setParams({ childId: e.currentTarget.value || undefined, page: undefined })}>
            <option value="">{t('hallbox.filter.all')}</option>
            <For each={townships()?.items ?? []}>{(b) => <option value={b.id}>{b.name}</option>}</For>
          </select>
        </label>
      </form>
      <Async resource={list} retry={refetch} loadingText={t('hallbox.loading')}>
        {(l) => (
          <>
            <Table
              caption={t('hallbox.list.title')}
              rows={l.items}
              empty={<EmptyState title={t('hallbox.empty')} />}
              columns={[
                { header: () => t('hallbox.col.township'), cell: (p) => p.congressName },
                { header: () => t('hallbox.col.session'), cell: (p) => <A href={paths.one(id(), p.id)}>{p.sessionTitle}</A> },
                { header: () => t('hallbox.col.heldOn'), cell: (p) => (p.heldOn ? fmt.date(p.heldOn) : '—') },
                { header: () => t('hallbox.col.votes'), cell: (p) => fmt.count(p.votes.length), class: 'num' },
                { header: () => t('hallbox.col.elected'), cell: (p) => p.votes.flatMap((v) => v.elected).join('、') || '—' },
                { header: () => t('hallbox.col.importedAt'), cell: (p) => fmt.dateTime(p.importedAt) },
                { header: () => t('hallbox.col.fingerprint'), cell: (p) => <code class="hb-fp">{groupedFingerprint(p.keyFingerprint).slice(0, 19)}…</code> },
              ]}
            />
            <Pager page={l.page} size={l.size} total={l.total} onPage={(p) => setParams({ page: p === 1 ? undefined : String(p) })} />
          </>
        )}
      </Async>
    </Show>
  );
}
