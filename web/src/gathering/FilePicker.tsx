import { createSignal, createUniqueId, For, onCleanup, Show, type JSX } from 'solid-js';
import { Alert } from '../components/Alert.tsx';
import { t } from '../i18n.ts';

/** What the server takes (it checks the bytes again): JPG, PNG or WebP photos and PDFs, five at most, 5 MB each. */
export const FILE_LIMITS = { maxFiles: 5, maxBytes: 5 * 1024 * 1024, label: '5 MB' };
const TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'];
const EXTENSIONS = /\.(jpe?g|png|webp|pdf)$/i;

export const formatBytes = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/**
 * Photos and PDFs to send with a proposal: checked for type, size and number before anything is sent, each shown
 * with a preview (photos) or its name (PDFs) and a button to take it out again.
 */
export function FilePicker(props: { files: File[]; onChange: (files: File[]) => void; label: JSX.Element; hint?: JSX.Element; disabled?: boolean }) {
  const [problems, setProblems] = createSignal<string[]>([]);
  const id = createUniqueId();
  let input!: HTMLInputElement;

  const add = (list: FileList | null) => {
    const next = [...props.files];
    const bad: string[] = [];
    for (const f of Array.from(list ?? [])) {
      if (!TYPES.includes(f.type) && !(f.type === '' && EXTENSIONS.test(f.name))) bad.push(t('files.badType', { name: f.name }));
      else if (f.size > FILE_LIMITS.maxBytes) bad.push(t('files.tooLarge', { name: f.name, limit: FILE_LIMITS.label }));
      else if (f.size === 0) bad.push(t('files.empty', { name: f.name }));
      else if (next.length >= FILE_LIMITS.maxFiles) {
        bad.push(t('files.tooMany', { max: FILE_LIMITS.maxFiles }));
        break;
      } else next.push(f);
    }
    setProblems(bad);
    props.onChange(next);
    input.value = '';
  };
  const remove = (f: File) => {
    setProblems([]);
    props.onChange(props.files.filter((x) => x !== f));
  };

  return (
    <div class="field file-picker">
      <div class="label-row">
        <span class="label-text" id={`${id}-label`}>
          {props.label}
        </span>
      </div>
      <Show when={props.files.length > 0}>
        <ul class="file-list" aria-label={t('files.chosen', { n: props.files.length, max: FILE_LIMITS.maxFiles })}>
          <For each={props.files}>{(f) => <FileItem file={f} onRemove={() => remove(f)} />}</For>
        </ul>
      </Show>
      <Show when={props.files.length < FILE_LIMITS.maxFiles}>
        <label class="file-add" classList={{ disabled: !!props.disabled }}>
          <span class="file-add-plus" aria-hidden="true">
            +
          </span>
          <span id={`${id}-add`}>{props.files.length ? t('files.addMore', { left: FILE_LIMITS.maxFiles - props.files.length }) : t('files.add')}</span>
          <input
            ref={input}
            class="visually-hidden-input"
            type="file"
            multiple
            accept=".jpg,.jpeg,.png,.webp,.pdf,image/jpeg,image/png,image/webp,application/pdf"
            aria-labelledby={`${id}-label ${id}-add`}
            aria-describedby={`${id}-hint`}
            disabled={props.disabled}
            onChange={(e) => add(e.currentTarget.files)}
          />
        </label>
      </Show>
      <p class="hint" id={`${id}-hint`}>
        {props.hint ?? t('files.hint', { max: FILE_LIMITS.maxFiles, limit: FILE_LIMITS.label })}
      </p>
      <Show when={problems().length > 0}>
        <Alert kind="error" title={t('files.notAdded')}>
          <ul class="plain-list">
            <For each={problems()}>{(p) => <li>{p}</li>}</For>
          </ul>
        </Alert>
      </Show>
    </div>
  );
}

function FileItem(props: { file: File; onRemove: () => void }) {
  const image = props.file.type.startsWith('image/');
  const url = image ? URL.createObjectURL(props.file) : '';
  onCleanup(() => url && URL.revokeObjectURL(url));
  return (
    <li class="file-item">
      <Show when={image} fallback={<span class="file-thumb file-pdf" aria-hidden="true">PDF</span>}>
        <img class="file-thumb" src={url} alt="" />
      </Show>
      <span class="file-meta">
        <span class="file-title">{props.file.name}</span>
        <span class="muted small">{formatBytes(props.file.size)}</span>
      </span>
      <button type="button" class="btn btn-secondary btn-sm" onClick={() => props.onRemove()} aria-label={t('files.removeAria', { name: props.file.name })}>
        {t('files.remove')}
      </button>
    </li>
  );
}
