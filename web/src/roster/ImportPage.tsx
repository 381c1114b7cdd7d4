import { A } from '@solidjs/router';
import { createMemo, createSignal, For, Match, Show, Switch } from 'solid-js';
import { parseCsv } from '../../../shared/csv.ts';
import { fieldMessage } from '../../../shared/errors.ts';
import { ROSTER_HEADERS, type ImportPreview } from '../../../shared/roster/schema.ts';
import { ApiError } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { Loading } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { CheckField } from '../components/Field.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useCongress } from '../congress/context.tsx';
import { fmt, lang, t, type MessageKey } from '../i18n.ts';
import { can } from '../session.ts';
import { previewImport, runImport, type ExistingMode } from './roster.data.ts';
import { scrollable } from '../components/Table.tsx';
import './roster.css';

const MAX_BYTES = 1024 * 1024;
const SHOWN_ROWS = 500;
/** Limits of the roster fields, so a "too long" message can say how long is allowed. */
const MAX_LENGTH: Record<string, number> = { name: 40, delegation: 60, constituency: 60, phone: 30 };
const FIELD_LABEL: Record<string, MessageKey> = {
  name: 'roster.field.name',
  gender: 'roster.field.gender',
  delegation: 'roster.field.delegation',
  constituency: 'roster.field.constituency',
  phone: 'roster.field.phone',
  status: 'roster.field.status',
};

type Step =
  | { kind: 'choose'; error?: string }
  | { kind: 'checking'; file: File }
  | { kind: 'preview'; file: File; report: ImportPreview; table: string[][]; error?: string; rechecking?: boolean }
  | { kind: 'importing'; file: File; report: ImportPreview; table: string[][] }
  | { kind: 'done'; imported: number; updated: number; encoding: string };

/** People of the file already on the roster (whatever was chosen for them). */
const existingCount = (r: ImportPreview) => r.counts.unchanged + r.counts.update + r.counts.skip;

/** "Phone: not a phone number" — one problem of a row, in the interface language. */
const problemText = (e: { field: string; code: string; params?: Record<string, number> }) => {
  const msg = fieldMessage(e.code, lang(), { max: e.params?.max ?? MAX_LENGTH[e.field] ?? '' });
  return e.field && FIELD_LABEL[e.field] ? t('import.problem', { field: t(FIELD_LABEL[e.field]), message: msg }) : msg;
};

/** Read the file as the server did (its detected encoding), to show each row's cells beside its problems. */
async function readTable(file: File, encoding: string): Promise<string[][]> {
  try {
    return parseCsv(new TextDecoder(encoding).decode(await file.arrayBuffer()));
  } catch {
    return [];
  }
}

/**
 * Roster import in three steps: choose a CSV file → check it (the server reads UTF-8 or GBK, checks every row and
 * plans it against the roster — new, unchanged, to update or skipped — writing nothing) → import exactly that plan,
 * allowed only when no row is bad and something is to be done. The whole sheet can come again: people already on the
 * roster are skipped or updated, as chosen.
 */
export default function ImportPage() {
  const { id, congress } = useCongress();
  const [step, setStep] = createSignal<Step>({ kind: 'choose' });
  const [existing, setExisting] = createSignal<ExistingMode>('skip');
  const [onlyBad, setOnlyBad] = createSignal(true);
  const [dragging, setDragging] = createSignal(false);
  let input!: HTMLInputElement;

  const choose = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_BYTES) return setStep({ kind: 'choose', error: t('import.tooLarge', { name: file.name }) });
    if (file.size === 0) return setStep({ kind: 'choose', error: t('import.emptyFile', { name: file.name }) });
    setStep({ kind: 'checking', file });
    try {
      const report = await previewImport(id(), file, existing());
      setOnlyBad(report.invalid > 0);
      setStep({ kind: 'preview', file, report, table: await readTable(file, report.encoding) });
    } catch (e) {
      setStep({ kind: 'choose', error: e instanceof ApiError ? e.message : t('error.unexpected') });
    }
  };

  /** Skip or update the people already on the roster: the server plans the file again for the new choice. */
  const chooseExisting = async (mode: ExistingMode) => {
    const s = step();
    setExisting(mode);
    if (s.kind !== 'preview' || s.report.existing === mode) return;
    setStep({ ...s, rechecking: true, error: undefined });
    try {
      const report = await previewImport(id(), s.file, mode);
      setStep({ kind: 'preview', file: s.file, report, table: s.table });
    } catch (e) {
      setStep({ ...s, rechecking: false, error: e instanceof ApiError ? e.message : t('error.unexpected') });
    }
  };

  const startImport = async () => {
    const s = step();
    if (s.kind !== 'preview') return;
    setStep({ kind: 'importing', file: s.file, report: s.report, table: s.table });
    try {
      const r = await runImport(id(), s.file, s.report.existing, { new: s.report.counts.new, update: s.report.counts.update });
      setStep({ kind: 'done', imported: r.imported, updated: r.updated, encoding: r.encoding });
    } catch (e) {
      // The roster changed since the check (someone added or edited a representative): show the new plan.
      const fresh = e instanceof ApiError && ['import_invalid', 'import_changed', 'import_nothing'].includes(e.code) ? (e.raw as ImportPreview) : null;
      const report = fresh && typeof fresh === 'object' && 'counts' in fresh ? fresh : s.report;
      setStep({ kind: 'preview', file: s.file, report, table: s.table, error: e instanceof ApiError ? e.message : t('error.unexpected') });
    }
  };

  const again = () => {
    if (input) input.value = '';
    setStep({ kind: 'choose' });
  };

  const stepIndex = () => ({ choose: 1, checking: 2, preview: 2, importing: 3, done: 3 })[step().kind];

  return (
    <Show when={can(id(), 'roster.manage')} fallback={<NoAccess />}>
      <PageHeader
        kicker={<A href={`/c/${id()}/roster`}>← {t('roster.title')}</A>}
        title={t('import.title')}
        lead={t('import.lead', { congress: congress().name })}
      />
      <ol class="wizard" aria-label={t('import.stepsLabel')}>
        <For each={['import.step.choose', 'import.step.check', 'import.step.import'] as const}>
          {(k, i) => (
            <li classList={{ current: stepIndex() === i() + 1, past: stepIndex() > i() + 1 }} aria-current={stepIndex() === i() + 1 ? 'step' : undefined}>
              <span class="wizard-n">{i() + 1}</span>
              {t(k)}
            </li>
          )}
        </For>
      </ol>

      <Switch>
        <Match when={step().kind === 'choose'}>
          <Show when={(step() as { error?: string }).error}>
            <Alert kind="error" title={(step() as { error?: string }).error} />
          </Show>
          <div class="grid-import">
            <label
              class="dropzone"
              classList={{ dragging: dragging() }}
              onDragOver={(e) => {
                e.preventDefault();
                setDragging(true);
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={(e) => {
                e.preventDefault();
                setDragging(false);
                void choose(e.dataTransfer?.files[0]);
              }}
            >
              <span class="dropzone-title">{t('import.choose')}</span>
              <span class="dropzone-hint">{t('import.chooseHint')}</span>
              <span class="btn btn-primary" aria-hidden="true">
                {t('import.chooseButton')}
              </span>
              <input ref={input} class="visually-hidden-input" type="file" accept=".csv,text/csv" onChange={(e) => void choose(e.currentTarget.files?.[0])} />
            </label>
            <section class="card format-help">
              <h2>{t('import.format.title')}</h2>
              <p>{t('import.format.lead')}</p>
              <div class="table-wrap" ref={scrollable}>
                <table class="table sample">
                  <thead>
                    <tr>
                      <th scope="col">{t('import.format.col.name')}</th>
                      <th scope="col">{t('import.format.col.gender')}</th>
                      <th scope="col">{t('import.format.col.delegation')}</th>
                      <th scope="col">{t('import.format.col.constituency')}</th>
                      <th scope="col">{t('import.format.col.phone')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <tr>
                      <td>{t('import.format.sampleName')}</td>
                      <td>{t('import.format.sampleGender')}</td>
                      <td>{t('import.format.sampleDelegation')}</td>
                      <td>{t('import.format.sampleConstituency')}</td>
                      <td class="num">13800000000</td>
                    </tr>
                  </tbody>
                </table>
              </div>
              <ul class="bullets">
                <li>{t('import.format.required')}</li>
                <li>{t('import.format.optional')}</li>
                <li>{t('import.format.encoding')}</li>
                <li>{t('import.format.reimport')}</li>
                <li>{t('import.format.allOrNothing')}</li>
              </ul>
            </section>
          </div>
        </Match>

        <Match when={step().kind === 'checking'}>
          <div class="card">
            <Loading text={t('import.checking', { name: (step() as { file: File }).file.name })} />
            <div class="progress indeterminate" aria-hidden="true">
              <span />
            </div>
          </div>
        </Match>

        <Match when={step().kind === 'preview' || step().kind === 'importing'}>
          <PreviewView
            step={step() as Extract<Step, { kind: 'preview' | 'importing' }>}
            onlyBad={onlyBad()}
            setOnlyBad={setOnlyBad}
            onAgain={again}
            onImport={() => void startImport()}
            onExisting={(m) => void chooseExisting(m)}
          />
        </Match>

        <Match when={step().kind === 'done'}>
          {(() => {
            const s = step() as Extract<Step, { kind: 'done' }>;
            return (
              <div class="card done-card">
                <Alert kind="success" title={s.updated > 0 ? t('import.doneBoth', { n: fmt.count(s.imported), m: fmt.count(s.updated) }) : t('import.done', { n: fmt.count(s.imported) })}>
                  <p>{t('import.doneEncoding', { encoding: s.encoding.toUpperCase() })}</p>
                </Alert>
                <div class="form-actions">
                  <A class="btn btn-primary" href={`/c/${id()}/roster`}>
                    {t('import.toRoster')}
                  </A>
                  <A class="btn btn-secondary" href={`/c/${id()}/roster/cards`}>
                    {t('roster.cards.open')}
                  </A>
                  <Button onClick={again}>{t('import.another')}</Button>
                </div>
              </div>
            );
          })()}
        </Match>
      </Switch>
    </Show>
  );
}

const ROW_TAG: Record<string, { key: MessageKey; cls: string }> = {
  new: { key: 'import.row.new', cls: 'tag-ok' },
  unchanged: { key: 'import.row.unchanged', cls: 'tag-muted' },
  update: { key: 'import.row.update', cls: 'tag-accent' },
  skip: { key: 'import.row.skip', cls: 'tag-warn' },
};

function PreviewView(props: {
  step: Extract<Step, { kind: 'preview' | 'importing' }>;
  onlyBad: boolean;
  setOnlyBad: (v: boolean) => void;
  onAgain: () => void;
  onImport: () => void;
  onExisting: (mode: ExistingMode) => void;
}) {
  const report = () => props.step.report;
  const header = () => props.step.table[0] ?? [];
  /** Which file column holds each field, to mark the cell a problem is about. */
  const columnOf = createMemo(() => {
    const map: Record<string, number> = {};
    header().forEach((h, i) => {
      const key = h.trim().toLowerCase();
      const field = ROSTER_HEADERS[key] ?? ROSTER_HEADERS[key.replace(/\s/g, '')];
      if (field && map[field] === undefined) map[field] = i;
    });
    return map;
  });
  const counts = () => report().counts;
  const toDo = () => counts().new + counts().update;
  const canImport = () => report().headerErrors.length === 0 && report().invalid === 0 && toDo() > 0;
  /** The button says what it will do, or — disabled — why nothing can be done. */
  const buttonLabel = () => {
    if (props.step.kind === 'importing') return t('import.importingNow');
    if (report().headerErrors.length > 0 || report().invalid > 0) return t('import.cannot.errors', { n: fmt.count(Math.max(report().invalid, 1)) });
    if (toDo() === 0) return t('import.cannot.nothing');
    if (counts().new > 0 && counts().update > 0) return t('import.submitBoth', { n: fmt.count(counts().new), m: fmt.count(counts().update) });
    return counts().new > 0 ? t('import.submitNew', { n: fmt.count(counts().new) }) : t('import.submitUpdate', { n: fmt.count(counts().update) });
  };
  const fieldLabel = (f: string) => (FIELD_LABEL[f] ? t(FIELD_LABEL[f]) : f);
  const shownValue = (f: string, v: string) => (v === '' ? t('import.empty') : f === 'gender' ? (v === '男' ? t('gender.male') : t('gender.female')) : v);
  const rows = () => (props.onlyBad ? report().rows.filter((r) => r.errors.length > 0) : report().rows);
  const shown = () => rows().slice(0, SHOWN_ROWS);
  const importing = () => props.step.kind === 'importing';

  return (
    <>
      <Show when={props.step.kind === 'preview' && (props.step as { error?: string }).error}>
        <Alert kind="error" title={(props.step as { error?: string }).error} />
      </Show>
      <section class="card">
        <div class="preview-summary">
          <div>
            <p class="file-name">{props.step.file.name}</p>
            <p class="muted small">{t('import.encoding', { encoding: report().encoding.toUpperCase() })}</p>
          </div>
          <dl class="stats">
            <div>
              <dt>{t('import.total')}</dt>
              <dd class="num">{fmt.count(report().total)}</dd>
            </div>
            <div class="ok">
              <dt>{t('import.count.new')}</dt>
              <dd class="num">{fmt.count(counts().new)}</dd>
            </div>
            <div>
              <dt>{t('import.count.unchanged')}</dt>
              <dd class="num">{fmt.count(counts().unchanged)}</dd>
            </div>
            <Show when={report().existing === 'update'} fallback={
              <div>
                <dt>{t('import.count.skip')}</dt>
                <dd class="num">{fmt.count(counts().skip)}</dd>
              </div>
            }>
              <div>
                <dt>{t('import.count.update')}</dt>
                <dd class="num">{fmt.count(counts().update)}</dd>
              </div>
            </Show>
            <div classList={{ bad: report().invalid > 0 }}>
              <dt>{t('import.invalid')}</dt>
              <dd class="num">{fmt.count(report().invalid)}</dd>
            </div>
          </dl>
        </div>

        <Show when={existingCount(report()) > 0 || report().existing === 'update'}>
          <fieldset class="field choices existing-choice" aria-describedby="existing-hint" disabled={importing() || (props.step as { rechecking?: boolean }).rechecking}>
            <legend>
              {t('import.existing.legend')} · <span class="num">{fmt.count(existingCount(report()))}</span>
            </legend>
            <p class="muted small" id="existing-hint">
              {t('import.existing.hint')}
            </p>
            <div class="choice-grid">
              <For each={['skip', 'update'] as const}>
                {(m) => (
                  <label class="choice" classList={{ on: report().existing === m }}>
                    <input type="radio" name="existing" value={m} checked={report().existing === m} onChange={() => props.onExisting(m)} />
                    <span class="choice-text">
                      <span class="choice-title">{t(m === 'skip' ? 'import.existing.skip' : 'import.existing.update')}</span>
                      <span class="choice-hint">{t(m === 'skip' ? 'import.existing.skipHint' : 'import.existing.updateHint')}</span>
                    </span>
                  </label>
                )}
              </For>
            </div>
          </fieldset>
        </Show>

        <Switch>
          <Match when={report().headerErrors.length > 0}>
            <Alert kind="error" title={t('import.headerProblem')}>
              <ul class="plain-list">
                <For each={report().headerErrors}>{(e) => <li>{problemText(e)}</li>}</For>
              </ul>
              <p>{t('import.fixAndRetry')}</p>
            </Alert>
          </Match>
          <Match when={report().invalid > 0}>
            <Alert kind="error" title={t('import.rowsProblem', { n: fmt.count(report().invalid) })}>
              <p>{t('import.fixAndRetry')}</p>
            </Alert>
          </Match>
          <Match when={toDo() === 0}>
            <Alert kind="info" title={t('import.cannot.nothing')}>
              <p>{t('import.why.nothing', { n: fmt.count(report().total) })}</p>
              <Show when={counts().skip > 0}>
                <p>{t('import.why.skipped', { n: fmt.count(counts().skip) })}</p>
              </Show>
            </Alert>
          </Match>
          <Match when={true}>
            <Alert kind="info" title={t('import.ready', { new: fmt.count(counts().new), update: fmt.count(counts().update) })}>
              <Show when={counts().skip > 0}>
                <p>{t('import.why.skipped', { n: fmt.count(counts().skip) })}</p>
              </Show>
            </Alert>
          </Match>
        </Switch>

        <Show when={report().rows.length > 0}>
          <div class="preview-tools">
            <Show when={report().invalid > 0}>
              <CheckField label={t('import.onlyBad')} checked={props.onlyBad} onValue={props.setOnlyBad} />
            </Show>
            <Show when={rows().length > SHOWN_ROWS}>
              <p class="muted small">{t('import.firstRows', { n: SHOWN_ROWS, total: fmt.count(rows().length) })}</p>
            </Show>
          </div>
          <div class="table-wrap preview-table" ref={scrollable}>
            <table class="table">
              <caption class="sr-only">{t('import.previewCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col" class="num">
                    {t('import.line')}
                  </th>
                  <th scope="col">{t('import.result')}</th>
                  <For each={header()}>{(h) => <th scope="col">{h}</th>}</For>
                </tr>
              </thead>
              <tbody>
                <For each={shown()}>
                  {(row) => {
                    const cells = props.step.table[row.line - 1] ?? [];
                    const bad = row.errors.length > 0;
                    const badCols = new Set(row.errors.map((e) => columnOf()[e.field]).filter((i) => i !== undefined));
                    return (
                      <tr class={bad ? 'row-bad' : ''}>
                        <th scope="row" class="num">
                          {row.line}
                        </th>
                        <td class="result">
                          <Show
                            when={bad}
                            fallback={
                              <>
                                <span class={`tag ${ROW_TAG[row.action]?.cls ?? 'tag-ok'}`}>{t(ROW_TAG[row.action]?.key ?? 'import.rowOk')}</span>
                                <Show when={row.changes.length > 0}>
                                  <ul class="problems changes">
                                    <For each={row.changes}>{(ch) => <li>{t('import.change', { field: fieldLabel(ch.field), from: shownValue(ch.field, ch.from), to: shownValue(ch.field, ch.to) })}</li>}</For>
                                  </ul>
                                </Show>
                              </>
                            }
                          >
                            <span class="tag tag-bad">{t('import.rowBad')}</span>
                            <ul class="problems">
                              <For each={row.errors}>{(e) => <li>{problemText(e)}</li>}</For>
                            </ul>
                          </Show>
                        </td>
                        <For each={header()}>{(_, i) => <td classList={{ 'cell-bad': badCols.has(i()) }}>{cells[i()] ?? ''}</td>}</For>
                      </tr>
                    );
                  }}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      </section>

      <div class="form-actions sticky-actions">
        <Show when={!canImport() && !importing()}>
          <span class="muted small" id="import-blocked">
            {report().invalid > 0 || report().headerErrors.length > 0 ? t('import.blocked') : t('import.why.nothing', { n: fmt.count(report().total) })}
          </span>
        </Show>
        <Button onClick={props.onAgain} disabled={importing()}>
          {t('import.chooseAgain')}
        </Button>
        <Button
          variant="primary"
          disabled={!canImport() || !!(props.step as { rechecking?: boolean }).rechecking}
          busy={importing() || !!(props.step as { rechecking?: boolean }).rechecking}
          onClick={props.onImport}
          aria-describedby={canImport() ? undefined : 'import-blocked'}
        >
          {buttonLabel()}
        </Button>
      </div>
    </>
  );
}
