import { A } from '@solidjs/router';
import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { DEFAULT_COLUMNS, HOTLINE_FIELDS, REQUIRED_FIELDS, type ColumnsDetails, type HotlineColumns, type HotlineField, type HotlinePreview, type PreviewRow, type Problem } from '../../../shared/hotline/schema.ts';
import { ApiError } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { Async, Loading } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { TextField } from '../components/Field.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Pager } from '../components/Pager.tsx';
import { scrollable } from '../components/Table.tsx';
import { toast } from '../components/Toast.tsx';
import { useCongress } from '../congress/context.tsx';
import { fmt, t, type MessageKey } from '../i18n.ts';
import { can } from '../session.ts';
import { fetchImports, fetchMapping, importFile, previewFile, saveMapping } from './hotline.data.ts';
import './hotline.css';

const MAX_BYTES = 10 * 1024 * 1024;
const fieldLabel = (f: HotlineField) => t(`hotline.field.${f}` as MessageKey);
const HINTS: Partial<Record<HotlineField, MessageKey>> = {
  title: 'hotline.mapping.hint.title',
  category: 'hotline.mapping.hint.category',
  callerPhone: 'hotline.mapping.hint.callerPhone',
  representative: 'hotline.mapping.hint.representative',
};
const ACTION_TAG: Record<PreviewRow['action'], string> = { new: 'tag-ok', update: 'tag-accent', unchanged: 'tag-muted', skip: 'tag-muted', error: 'tag-bad' };
const GRADE_TAG = { satisfied: 'tag-ok', basically: 'tag-warn', unsatisfied: 'tag-bad' } as const;

const problemText = (p: Problem) => t(`hotline.problem.${p.code}` as MessageKey, { field: p.field ? fieldLabel(p.field) : '', max: p.max ?? '' });

type Step =
  | { kind: 'choose'; error?: string; missing?: ColumnsDetails }
  | { kind: 'checking'; file: File }
  | { kind: 'preview' | 'importing'; file: File; report: HotlinePreview; error?: string }
  | { kind: 'done'; created: number; updated: number; unchanged: number; skipped: number; representatives: number; unsatisfied: number };

/**
 * 12345 热线: the export's column mapping (set once, shown and editable), the import in two steps — choose a file →
 * the server's check (counts, the first rows, every problem by its row; nothing written) → import exactly that file in
 * one transaction — and the record of imports. Importing the same file again is harmless (idempotent by ticket number).
 */
export default function HotlinePage() {
  const { id, congress } = useCongress();
  const manage = () => can(id(), 'hotline.import');
  const [step, setStep] = createSignal<Step>({ kind: 'choose' });
  const [page, setPage] = createSignal(1);
  const [imports, { refetch: refetchImports }] = createResource(() => [id(), page()] as const, ([c, p]) => fetchImports(c, p));
  const [mapping, { refetch: refetchMapping }] = createResource(id, fetchMapping);
  const [fileHeaders, setFileHeaders] = createSignal<string[]>([]);
  let input: HTMLInputElement | undefined;
  let mappingSection: HTMLElement | undefined;

  const choose = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_BYTES) return setStep({ kind: 'choose', error: t('error.http', { status: 413 }) });
    setStep({ kind: 'checking', file });
    try {
      const report = await previewFile(id(), file);
      setFileHeaders(report.headers);
      setStep({ kind: 'preview', file, report });
    } catch (e) {
      const missing = e instanceof ApiError && e.code === 'hotline_columns' ? (e.raw as ColumnsDetails) : undefined;
      if (missing) setFileHeaders(missing.headers);
      setStep({ kind: 'choose', error: e instanceof ApiError ? e.message : t('error.unexpected'), missing });
    }
  };

  const runImport = async () => {
    const s = step();
    if (s.kind !== 'preview') return;
    setStep({ ...s, kind: 'importing', error: undefined });
    try {
      const r = await importFile(id(), s.file);
      setStep({ kind: 'done', ...r });
      setPage(1);
      void refetchImports();
    } catch (e) {
      const fresh = e instanceof ApiError && e.code === 'hotline_invalid' && e.raw && typeof e.raw === 'object' && 'counts' in e.raw ? (e.raw as HotlinePreview) : s.report;
      setStep({ kind: 'preview', file: s.file, report: fresh, error: e instanceof ApiError ? e.message : t('error.unexpected') });
    }
  };

  const again = () => {
    if (input) input.value = '';
    setStep({ kind: 'choose' });
  };

  return (
    <Show when={can(id(), 'hotline.read')} fallback={<NoAccess />}>
      <PageHeader
        title={t('hotline.title')}
        lead={t('hotline.lead', { congress: congress().name })}
        actions={
          <A class="btn btn-secondary" href={`/c/${id()}/items?source=hotline`}>
            {t('hotline.toItems')}
          </A>
        }
      />

      <Show when={manage()}>
        <section class="card hotline-import" aria-labelledby="hotline-import-title">
          <h2 id="hotline-import-title">{t('hotline.import.title')}</h2>
          <Switch>
            <Match when={step().kind === 'choose'}>
              {(() => {
                const s = () => step() as Extract<Step, { kind: 'choose' }>;
                return (
                  <>
                    <Show when={s().error}>
                      <Alert kind="error" title={s().error}>
                        <Show when={s().missing}>
                          {(m) => (
                            <>
                              <p>{t('hotline.import.wrongColumns', { headers: m().headers.join('、') || '—' })}</p>
                              <Button onClick={() => mappingSection?.scrollIntoView({ behavior: 'smooth', block: 'start' })}>{t('hotline.import.fixMapping')}</Button>
                            </>
                          )}
                        </Show>
                      </Alert>
                    </Show>
                    <label class="hotline-drop">
                      <span class="btn btn-primary hotline-choose" aria-hidden="true">
                        {t('hotline.import.choose')}
                      </span>
                      <span class="muted">{t('hotline.import.hint')}</span>
                      <input
                        ref={input}
                        class="visually-hidden-input"
                        type="file"
                        aria-label={t('hotline.import.choose')}
                        accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                        onChange={(e) => void choose(e.currentTarget.files?.[0])}
                      />
                    </label>
                  </>
                );
              })()}
            </Match>
            <Match when={step().kind === 'checking'}>
              <Loading text={t('hotline.import.checking', { name: (step() as { file: File }).file.name })} />
            </Match>
            <Match when={step().kind === 'preview' || step().kind === 'importing'}>
              <PreviewView step={step() as Extract<Step, { kind: 'preview' | 'importing' }>} onImport={() => void runImport()} onAgain={again} />
            </Match>
            <Match when={step().kind === 'done'}>
              {(() => {
                const s = step() as Extract<Step, { kind: 'done' }>;
                return (
                  <Alert kind="success" title={t('hotline.import.done', { created: fmt.count(s.created), updated: fmt.count(s.updated), unchanged: fmt.count(s.unchanged), skipped: fmt.count(s.skipped) })}>
                    <Show when={s.unsatisfied > 0}>
                      <p>{t('hotline.import.doneKey', { n: fmt.count(s.unsatisfied) })}</p>
                    </Show>
                    <Show when={s.representatives > 0}>
                      <p>{t('hotline.import.doneReps', { n: fmt.count(s.representatives) })}</p>
                    </Show>
                    <div class="form-actions start">
                      <A class="btn btn-primary" href={`/c/${id()}/items?source=hotline`}>
                        {t('hotline.toItems')}
                      </A>
                      <Button onClick={again}>{t('hotline.import.again')}</Button>
                    </div>
                  </Alert>
                );
              })()}
            </Match>
          </Switch>
        </section>
      </Show>

      <section class="card" ref={mappingSection} aria-labelledby="hotline-mapping-title">
        <h2 id="hotline-mapping-title">{t('hotline.mapping.title')}</h2>
        <Async resource={mapping} retry={refetchMapping}>
          {(m) => (
            <MappingForm
              columns={m.columns as HotlineColumns}
              saved={m.saved}
              updatedAt={m.updatedAt}
              editable={manage()}
              fileHeaders={fileHeaders()}
              onSave={async (columns) => {
                await saveMapping(id(), columns);
                toast(t('hotline.mapping.savedToast'));
                void refetchMapping();
              }}
            />
          )}
        </Async>
      </section>

      <section class="card" aria-labelledby="hotline-imports-title">
        <h2 id="hotline-imports-title">{t('hotline.imports.title')}</h2>
        <Async resource={imports} retry={refetchImports}>
          {(list) => (
            <Show when={list.total > 0} fallback={<EmptyState title={t('hotline.imports.empty')}>{t('hotline.imports.emptyNext')}</EmptyState>}>
              <div class="table-wrap" ref={scrollable}>
                <table class="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('hotline.imports.at')}</th>
                      <th scope="col">{t('hotline.imports.by')}</th>
                      <th scope="col">{t('hotline.import.file')}</th>
                      <th scope="col" class="num">{t('hotline.imports.rows')}</th>
                      <th scope="col" class="num">{t('hotline.count.new')}</th>
                      <th scope="col" class="num">{t('hotline.count.update')}</th>
                      <th scope="col" class="num">{t('hotline.count.unchanged')}</th>
                      <th scope="col" class="num">{t('hotline.count.skip')}</th>
                      <th scope="col" class="num">{t('hotline.count.representatives')}</th>
                      <th scope="col" class="num">{t('hotline.count.unsatisfied')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={list.items}>
                      {(r) => (
                        <tr>
                          <td class="nowrap">{fmt.dateTime(r.importedAt)}</td>
                          <td>{r.importedBy ?? '—'}</td>
                          <td>
                            <span class="hotline-file">{r.filename || '—'}</span>
                            <span class="muted small"> · {t(`hotline.import.format.${r.format}` as MessageKey)}</span>
                          </td>
                          <td class="num">{fmt.count(r.rows)}</td>
                          <td class="num">{fmt.count(r.created)}</td>
                          <td class="num">{fmt.count(r.updated)}</td>
                          <td class="num">{fmt.count(r.unchanged)}</td>
                          <td class="num">{fmt.count(r.skipped)}</td>
                          <td class="num">{fmt.count(r.representatives)}</td>
                          <td class="num">{fmt.count(r.unsatisfied)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
              <Pager page={list.page} size={list.size} total={list.total} onPage={setPage} />
            </Show>
          )}
        </Async>
      </section>
    </Show>
  );
}

function PreviewView(props: { step: Extract<Step, { kind: 'preview' | 'importing' }>; onImport: () => void; onAgain: () => void }) {
  const r = () => props.step.report;
  const c = () => r().counts;
  const bad = () => c().error > 0;
  const stat = (label: MessageKey, n: number, cls = '') => (
    <div class={cls}>
      <dt>{t(label)}</dt>
      <dd class="num">{fmt.count(n)}</dd>
    </div>
  );
  return (
    <>
      <Show when={props.step.error}>
        <Alert kind="error" title={props.step.error} />
      </Show>
      <div class="hotline-summary">
        <div>
          <p class="hotline-file">{props.step.file.name}</p>
          <p class="muted small">{t(`hotline.import.format.${r().format}` as MessageKey)}</p>
        </div>
        <dl class="stats">
          {stat('hotline.import.total', r().total)}
          {stat('hotline.count.new', c().new, 'ok')}
          {stat('hotline.count.update', c().update)}
          {stat('hotline.count.unchanged', c().unchanged)}
          {stat('hotline.count.skip', c().skip)}
          {stat('hotline.count.error', c().error, bad() ? 'bad' : '')}
          {stat('hotline.count.representatives', r().representatives)}
          {stat('hotline.count.unsatisfied', r().unsatisfied)}
        </dl>
      </div>
      <Show when={r().importedBefore}>{(at) => <Alert kind="info" title={t('hotline.import.before', { at: fmt.dateTime(at()) })} />}</Show>
      <Show when={bad()}>
        <Alert kind="error" title={t('hotline.import.problems', { n: fmt.count(c().error) })}>
          <ul class="hotline-problems">
            <For each={r().problems.slice(0, 200)}>
              {(p) => (
                <li>
                  <strong>{t('hotline.import.problemRow', { line: p.line })}</strong>：{problemText(p)}
                </li>
              )}
            </For>
          </ul>
        </Alert>
      </Show>
      <p class="muted small">{t('hotline.import.shownRows', { n: r().rows.length })}</p>
      <div class="table-wrap hotline-preview" ref={scrollable}>
        <table class="table">
          <thead>
            <tr>
              <th scope="col" class="num">{t('hotline.col.line')}</th>
              <th scope="col">{t('hotline.col.action')}</th>
              <th scope="col">{t('hotline.field.ticketNo')}</th>
              <th scope="col">{t('hotline.col.received')}</th>
              <th scope="col">{t('hotline.col.title')}</th>
              <th scope="col">{t('hotline.field.area')}</th>
              <th scope="col">{t('hotline.field.department')}</th>
              <th scope="col">{t('hotline.field.status')}</th>
              <th scope="col">{t('hotline.field.satisfaction')}</th>
              <th scope="col">{t('hotline.field.representative')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={r().rows}>
              {(row) => (
                <tr classList={{ 'row-bad': row.action === 'error' }}>
                  <th scope="row" class="num">
                    {row.line}
                  </th>
                  <td>
                    <span class={`tag ${ACTION_TAG[row.action]}`}>{t(`hotline.action.${row.action}` as MessageKey)}</span>
                    <Show when={row.changes.length}>
                      <span class="muted small"> {row.changes.map((f) => (HOTLINE_FIELDS.includes(f as HotlineField) ? fieldLabel(f as HotlineField) : f)).join('、')}</span>
                    </Show>
                  </td>
                  <td class="nowrap">{row.ticketNo || '—'}</td>
                  <td class="nowrap">{row.receivedOn ? row.time : <span class="muted">{row.time || '—'}</span>}</td>
                  <td class="hotline-title">{row.title}</td>
                  <td>{row.area}</td>
                  <td>
                    {row.department}
                    <Show when={row.department && !row.departmentId}>
                      <span class="muted small hotline-note"> {t('hotline.department.unmatched')}</span>
                    </Show>
                  </td>
                  <td>
                    {row.status}
                    <Show when={row.closed}>
                      <span class="tag tag-ok hotline-note">{t('hotline.closed')}</span>
                    </Show>
                  </td>
                  <td>
                    <Show when={row.satisfaction}>{(g) => <span class={`tag ${GRADE_TAG[g()]}`}>{t(`item.grade.${g()}` as MessageKey)}</span>}</Show>
                  </td>
                  <td>{row.representative ?? ''}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <div class="form-actions start">
        <Button variant="primary" disabled={bad()} busy={props.step.kind === 'importing'} onClick={props.onImport}>
          {props.step.kind === 'importing'
            ? t('hotline.import.importing')
            : c().new + c().update > 0
              ? t('hotline.import.submit', { n: fmt.count(c().new), m: fmt.count(c().update) })
              : t('hotline.import.submitNothing')}
        </Button>
        <Button onClick={props.onAgain} disabled={props.step.kind === 'importing'}>
          {t('hotline.import.again')}
        </Button>
      </div>
    </>
  );
}

function MappingForm(props: { columns: HotlineColumns; saved: boolean; updatedAt: string | null; editable: boolean; fileHeaders: string[]; onSave: (c: HotlineColumns) => Promise<void> }) {
  const [columns, setColumns] = createSignal<HotlineColumns>({ ...props.columns });
  const [saving, setSaving] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const set = (f: HotlineField, v: string) => setColumns({ ...columns(), [f]: v });
  const submit = async (e: Event) => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await props.onSave(columns());
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('error.unexpected'));
    } finally {
      setSaving(false);
    }
  };
  return (
    <form onSubmit={submit}>
      <p>{t('hotline.mapping.lead')}</p>
      <p class="muted small">{props.saved && props.updatedAt ? t('hotline.mapping.saved', { at: fmt.dateTime(props.updatedAt) }) : t('hotline.mapping.default')}</p>
      <Show when={error()}>
        <Alert kind="error" title={error()!} />
      </Show>
      <datalist id="hotline-file-headers">
        <For each={props.fileHeaders}>{(h) => <option value={h} />}</For>
      </datalist>
      <div class="hotline-mapping">
        <For each={HOTLINE_FIELDS}>
          {(f) => (
            <TextField
              label={fieldLabel(f)}
              required={REQUIRED_FIELDS.includes(f)}
              hint={HINTS[f] ? t(HINTS[f]) : undefined}
              value={columns()[f]}
              onValue={(v) => set(f, v)}
              maxLength={60}
              list="hotline-file-headers"
              disabled={!props.editable}
            />
          )}
        </For>
      </div>
      <Show when={props.editable}>
        <div class="form-actions start">
          <Button type="submit" variant="primary" busy={saving()}>
            {saving() ? t('hotline.mapping.saving') : t('hotline.mapping.save')}
          </Button>
          <Button type="button" onClick={() => setColumns({ ...DEFAULT_COLUMNS })}>
            {t('hotline.mapping.reset')}
          </Button>
        </div>
      </Show>
    </form>
  );
}
