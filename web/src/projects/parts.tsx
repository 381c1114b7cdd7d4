/** Pieces every page of the projects stage shares: words for codes, the health tag, progress bars, money, photos. */
import { createSignal, createUniqueId, For, onCleanup, Show, type JSX } from 'solid-js';
import type { ProjectViewer } from '../../../shared/projects/policy.ts';
import { Alert } from '../components/Alert.tsx';
import { fmt, lang, t } from '../i18n.ts';
import { me, rolesIn } from '../session.ts';
import type { Change, ChangeKind, Finding, Health, MilestoneStatus, ProjectFile } from './projects.data.ts';
import './projects.css';
import { shanghaiToday, shanghaiYear } from '../../../shared/time.ts';

export const HEALTHS: readonly Health[] = ['on_track', 'at_risk', 'late', 'completed', 'suspended', 'terminated'];
export const healthLabel = (h: Health) => t(`projects.health.${h}`);
/** Green / amber / red for on track / at risk / late, always beside the word. */
export const healthClass = (h: Health) =>
  ({ on_track: 'tag-ok', at_risk: 'tag-warn', late: 'tag-bad', completed: 'tag-done', suspended: 'tag-muted', terminated: 'tag-muted' })[h];
export function HealthTag(props: { health: Health }) {
  return <span class={`tag pj-health ${healthClass(props.health)}`}>{healthLabel(props.health)}</span>;
}

export const MILESTONE_STATUSES: readonly MilestoneStatus[] = ['pending', 'in_progress', 'done'];
export const milestoneStatusLabel = (s: MilestoneStatus) => t(`projects.milestone.status.${s}`);
export const milestoneStatusClass = (s: MilestoneStatus) => ({ pending: 'tag-muted', in_progress: 'tag-info', done: 'tag-ok' })[s];

export const CHANGE_KINDS: readonly ChangeKind[] = ['major_change', 'suspension', 'termination', 'resumption'];
export const changeKindLabel = (k: ChangeKind) => t(`projects.change.kind.${k}`);
export const changeStateLabel = (s: Change['state']) => t(`projects.change.state.${s}`);
export const changeStateClass = (s: Change['state']) => ({ pending: 'tag-warn', approved: 'tag-ok', rejected: 'tag-bad' })[s];
export const decidedByLabel = (d: 'standing_committee' | 'session') => t(`projects.change.decidedBy.${d}`);

export const findingStateLabel = (f: Pick<Finding, 'state'>) => t(`inspections.finding.state.${f.state}`);
export const findingStateClass = (f: Pick<Finding, 'state' | 'overdue'>) =>
  f.overdue ? 'tag-bad' : ({ noted: 'tag-muted', awaiting_answer: 'tag-warn', answered: 'tag-info', accepted: 'tag-ok', returned: 'tag-bad' })[f.state];

export const today = () => shanghaiToday();
export const thisYear = () => shanghaiYear();

/** Money in 万元 as the API gives it (exact strings), shown with two decimals. */
export const wan = (amount: string | null | undefined) => fmt.wan(Number(amount ?? 0));

/** An amount in 万元 without the unit: 1,234.50. */
export const amount = (value: string | null | undefined) =>
  new Intl.NumberFormat(lang() === 'en' ? 'en-GB' : 'zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Number(value ?? 0));

/** The departments this account reports for in a congress (department role). */
export function myDepartmentIds(congressId: string): string[] {
  const m = me();
  if (!m) return [];
  return m.memberships.filter((x) => x.congressId === congressId && x.role === 'department' && x.departmentId).map((x) => x.departmentId!);
}

/** Me in a congress, as the projects policy's object-level rules take a viewer (shared/projects/policy.ts). */
export function viewerIn(congressId: string): ProjectViewer {
  return { roles: rolesIn(congressId), departmentIds: myDepartmentIds(congressId), systemAdmin: me()?.account.systemAdmin ?? false };
}

/** A whole percentage, or a dash when there is none. */
export const pct = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${n}%`);

/**
 * Progress as a bar: the fill is the figure derived from the milestones (the department's own when there are no
 * milestones), and a thin marker shows the department's reported figure beside it.
 */
export function ProgressBar(props: { derived: number | null; reported: number | null; health: Health; big?: boolean; label?: string; resident?: boolean }) {
  if (props.resident) return <ResidentProgress {...props} />;
  const fill = () => props.derived ?? props.reported ?? 0;
  const words = () => {
    const parts = [t('projects.progress.derivedShort', { n: pct(props.derived) })];
    if (props.reported !== null) parts.push(t('projects.progress.reportedShort', { n: pct(props.reported) }));
    return parts.join(t('list.separator'));
  };
  return (
    <div class={`pj-bar pj-${props.health}`} classList={{ big: !!props.big }}>
      <div class="pj-bar-track" role="img" aria-label={t('projects.progress.aria', { label: props.label ?? t('projects.progress.title'), words: words() })}>
        <span class="pj-bar-fill" style={{ width: `${fill()}%` }} />
        <Show when={props.reported !== null && props.derived !== null}>
          <span class="pj-bar-mark" style={{ left: `${props.reported}%` }} title={t('projects.progress.reportedShort', { n: pct(props.reported) })} />
        </Show>
      </div>
      <span class="pj-bar-text num">
        <strong>{pct(props.derived ?? props.reported)}</strong>
        <Show when={props.reported !== null && props.derived !== null}>
          <span class="muted small"> {t('projects.progress.reportedShort', { n: pct(props.reported) })}</span>
        </Show>
      </span>
    </div>
  );
}

/**
 * The bar for residents: the picture (fill, marker, big figure) is hidden from screen readers and a sentence under it
 * says the same in plain words — 「按已完成的节点计 30%，承办单位报告已完成 55%」 — with a key to the marker beside the
 * department's figure, so that the marker is explained to everyone.
 */
function ResidentProgress(props: { derived: number | null; reported: number | null; health: Health; big?: boolean }) {
  const fill = () => props.derived ?? props.reported ?? 0;
  const both = () => props.reported !== null && props.derived !== null;
  return (
    <span class={`pj-bar pj-resident pj-${props.health}`} classList={{ big: !!props.big }}>
      <span class="pj-bar-row" aria-hidden="true">
        <span class="pj-bar-track">
          <span class="pj-bar-fill" style={{ width: `${fill()}%` }} />
          <Show when={both()}>
            <span class="pj-bar-mark" style={{ left: `${props.reported}%` }} />
          </Show>
        </span>
        <strong class="pj-bar-text num">{pct(props.derived ?? props.reported)}</strong>
      </span>
      <span class="pj-bar-words small">
        <Show when={props.derived !== null}>
          <span class="nowrap">{t('a11y.progress.derived', { n: pct(props.derived) })}</span>
        </Show>
        <Show when={both()}>{t('a11y.progress.and')}</Show>
        <Show when={props.reported !== null}>
          <span class="nowrap">
            <Show when={both()}>
              <span class="pj-mark-key" aria-hidden="true" title={t('a11y.progress.markKey')} />
            </Show>
            {t('a11y.progress.reported', { n: pct(props.reported) })}
          </span>
        </Show>
        <Show when={props.derived === null && props.reported === null}>{t('a11y.progress.none')}</Show>
      </span>
    </span>
  );
}

/** "已用 120.00 / 计划 300.00 万元" with a thin bar of the share spent. */
export function Spending(props: { spent: string; planned: string; compact?: boolean }) {
  const share = () => {
    const p = Number(props.planned);
    return p > 0 ? Math.min(100, Math.round((Number(props.spent) / p) * 100)) : 0;
  };
  return (
    <div class="pj-money" classList={{ compact: !!props.compact }}>
      <span class="num">
        <strong>{amount(props.spent)}</strong>
        <span class="muted nowrap"> / {wan(props.planned)}</span>
      </span>
      <span class="pj-money-track" aria-hidden="true">
        <span style={{ width: `${share()}%` }} />
      </span>
    </div>
  );
}

/** Thumbnails of photos (and PDF tiles) opening the file; optionally each with a button to remove it. */
export function FileGallery(props: { files: ProjectFile[]; url: (f: ProjectFile) => string; onRemove?: (f: ProjectFile) => void; small?: boolean }) {
  return (
    <Show when={props.files.length > 0}>
      <ul class="pj-files" classList={{ small: !!props.small }}>
        <For each={props.files}>
          {(f) => (
            <li>
              <a href={props.url(f)} target="_blank" rel="noopener" class="pj-file" aria-label={t('projects.files.open', { name: f.caption || f.filename })}>
                <Show when={f.kind === 'photo'} fallback={<span class="pj-thumb pj-pdf" aria-hidden="true">PDF</span>}>
                  <img class="pj-thumb" src={props.url(f)} alt="" loading="lazy" />
                </Show>
                <span class="pj-file-name">{f.caption || f.filename}</span>
              </a>
              <Show when={props.onRemove}>
                <button type="button" class="btn btn-ghost btn-sm pj-file-remove" onClick={() => props.onRemove?.(f)} aria-label={t('projects.files.removeAria', { name: f.caption || f.filename })}>
                  {t('projects.files.remove')}
                </button>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}

const TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'];
const MAX_BYTES = 5 * 1024 * 1024;

/**
 * Evidence to send (photos or PDFs, 5 MB each): a camera button for tablets and phones and a button to choose files;
 * each chosen file shows as a preview with a button to take it out. The server checks the bytes again.
 */
export function EvidencePicker(props: { files: File[]; onChange: (files: File[]) => void; label: JSX.Element; max?: number; hint?: JSX.Element }) {
  const id = createUniqueId();
  const [problems, setProblems] = createSignal<string[]>([]);
  const max = () => props.max ?? 5;
  const add = (input: HTMLInputElement) => {
    const next = [...props.files];
    const bad: string[] = [];
    for (const f of Array.from(input.files ?? [])) {
      if (!TYPES.includes(f.type)) bad.push(t('projects.files.badType', { name: f.name }));
      else if (f.size > MAX_BYTES) bad.push(t('projects.files.tooLarge', { name: f.name }));
      else if (next.length >= max()) bad.push(t('projects.files.tooMany', { max: max() }));
      else next.push(f);
    }
    setProblems(bad);
    props.onChange(next);
    input.value = '';
  };
  return (
    <div class="field pj-picker">
      <div class="label-row">
        <span class="label-text" id={`${id}-label`}>
          {props.label}
        </span>
      </div>
      <Show when={props.files.length > 0}>
        <ul class="pj-chosen">
          <For each={props.files}>{(f) => <Chosen file={f} onRemove={() => props.onChange(props.files.filter((x) => x !== f))} />}</For>
        </ul>
      </Show>
      <Show when={props.files.length < max()}>
        <div class="pj-pick-buttons">
          <label class="btn btn-secondary pj-pick">
            <span aria-hidden="true" class="pj-pick-icon">◉</span>
            {t('projects.files.camera')}
            <input class="visually-hidden-input" type="file" accept="image/*" capture="environment" aria-labelledby={`${id}-label`} onChange={(e) => add(e.currentTarget)} />
          </label>
          <label class="btn btn-secondary pj-pick">
            <span aria-hidden="true" class="pj-pick-icon">＋</span>
            {t('projects.files.choose')}
            <input class="visually-hidden-input" type="file" multiple accept="image/jpeg,image/png,image/webp,application/pdf" aria-labelledby={`${id}-label`} onChange={(e) => add(e.currentTarget)} />
          </label>
        </div>
      </Show>
      <p class="hint">{props.hint ?? t('projects.files.hint')}</p>
      <Show when={problems().length > 0}>
        <Alert kind="error" title={t('projects.files.notAdded')}>
          <ul class="plain-list">
            <For each={problems()}>{(p) => <li>{p}</li>}</For>
          </ul>
        </Alert>
      </Show>
    </div>
  );
}

function Chosen(props: { file: File; onRemove: () => void }) {
  const image = props.file.type.startsWith('image/');
  const url = image ? URL.createObjectURL(props.file) : '';
  onCleanup(() => url && URL.revokeObjectURL(url));
  return (
    <li class="pj-chosen-item">
      <Show when={image} fallback={<span class="pj-thumb pj-pdf" aria-hidden="true">PDF</span>}>
        <img class="pj-thumb" src={url} alt="" />
      </Show>
      <span class="pj-file-name">{props.file.name}</span>
      <button type="button" class="btn btn-secondary btn-sm" onClick={() => props.onRemove()} aria-label={t('projects.files.removeAria', { name: props.file.name })}>
        {t('projects.files.remove')}
      </button>
    </li>
  );
}

/** The year choices of a list: the years present, and this year, newest first. */
export const yearsOf = (years: number[]) => [...new Set([...years, thisYear()])].sort((a, b) => b - a);
