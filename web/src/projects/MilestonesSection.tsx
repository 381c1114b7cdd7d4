import { createSignal, For, Show } from 'solid-js';
import { CreateMilestone, UpdateMilestone } from '../../../shared/projects/schema.ts';
import { Alert, FormError } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { confirmAction, Dialog } from '../components/Dialog.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { TextAreaField, TextField } from '../components/Field.tsx';
import { toast } from '../components/Toast.tsx';
import { createFormState } from '../forms.ts';
import { fmt, t } from '../i18n.ts';
import { EvidencePicker, FileGallery, MILESTONE_STATUSES, milestoneStatusClass, milestoneStatusLabel, today } from './parts.tsx';
import {
  addMilestone,
  deleteMilestone,
  deleteProjectFile,
  fileUrl,
  updateMilestone,
  uploadProjectFile,
  type Milestone,
  type MilestoneStatus,
  type ProjectDetail,
} from './projects.data.ts';

/**
 * 节点: the milestones as a timeline — planned and actual dates, weight, status, late flags (滞后 N 天), notes and
 * evidence (photos, PDFs). Those who may edit update a milestone in one dialog: status, date done, note and photos.
 */
export function MilestonesSection(props: { congressId: string; project: ProjectDetail; replace: (p: ProjectDetail) => void; refetch: () => void }) {
  const p = () => props.project;
  const editable = () => p().can.edit && p().status !== 'terminated';
  const [editing, setEditing] = createSignal<Milestone | null>(null);
  const [adding, setAdding] = createSignal(false);
  const totalWeight = () => p().milestoneList.reduce((s, m) => s + m.weight, 0);
  const done = () => p().milestoneList.filter((m) => m.status === 'done').length;

  const remove = (m: Milestone) =>
    confirmAction({
      title: t('projects.milestone.delete.title'),
      message: <p>{t('projects.milestone.delete.message', { name: m.name })}</p>,
      confirmLabel: t('projects.milestone.delete.confirm'),
      danger: true,
      action: async () => props.replace(await deleteMilestone(props.congressId, p().id, m.id)),
    }).then((ok) => ok && toast(t('projects.milestone.delete.done', { name: m.name })));

  const removeFile = (fileId: string, name: string) =>
    confirmAction({
      title: t('projects.files.delete.title'),
      message: <p>{t('projects.files.delete.message', { name })}</p>,
      confirmLabel: t('projects.files.delete.confirm'),
      danger: true,
      action: () => deleteProjectFile(props.congressId, p().id, fileId),
    }).then((ok) => ok && props.refetch());

  return (
    <section class="card pj-section" aria-labelledby="pj-milestones">
      <div class="section-head">
        <h2 id="pj-milestones">
          {t('projects.milestones.title')}
          <Show when={p().milestoneList.length > 0}>
            <span class="muted pj-h-count"> {t('projects.milestones.done', { done: done(), n: p().milestoneList.length })}</span>
          </Show>
        </h2>
        <Show when={editable()}>
          <Button onClick={() => setAdding(true)}>{t('projects.milestone.add')}</Button>
        </Show>
      </div>
      <Show
        when={p().milestoneList.length > 0}
        fallback={
          <EmptyState
            title={t('projects.milestones.empty')}
            action={
              <Show when={editable()}>
                <Button variant="primary" onClick={() => setAdding(true)}>
                  {t('projects.milestone.add')}
                </Button>
              </Show>
            }
          >
            {editable() ? t('projects.milestones.emptyNext') : t('projects.milestones.emptyWait')}
          </EmptyState>
        }
      >
        <ol class="pj-timeline">
          <For each={p().milestoneList}>
            {(m) => (
              <li class={`pj-ms pj-ms-${m.status}`} classList={{ late: m.late }}>
                <span class="pj-ms-dot" aria-hidden="true" />
                <div class="pj-ms-body">
                  <div class="pj-ms-head">
                    <h3 class="pj-ms-name">{m.name}</h3>
                    <span class={`tag ${milestoneStatusClass(m.status)}`}>{milestoneStatusLabel(m.status)}</span>
                    <Show when={m.late}>
                      <span class="tag tag-bad">{t('projects.milestone.daysLate', { n: m.daysLate })}</span>
                    </Show>
                  </div>
                  <p class="pj-ms-dates">
                    <span class="nowrap">{t('projects.milestone.plannedOn', { date: fmt.date(m.plannedDate) })}</span>
                    <Show when={m.actualDate}>
                      <span class="nowrap">{t('projects.milestone.doneOn', { date: fmt.date(m.actualDate!) })}</span>
                    </Show>
                    <span class="nowrap muted">{t('projects.milestone.weightShare', { w: m.weight, share: totalWeight() ? Math.round((m.weight * 100) / totalWeight()) : 0 })}</span>
                  </p>
                  <Show when={m.note}>
                    <p class="pj-ms-note pj-pre">{m.note}</p>
                  </Show>
                  <FileGallery
                    files={m.files}
                    small
                    url={(f) => fileUrl(props.congressId, p().id, f.id)}
                    onRemove={editable() ? (f) => removeFile(f.id, f.caption || f.filename) : undefined}
                  />
                  <Show when={editable()}>
                    <div class="pj-ms-actions">
                      <Button variant={m.status === 'done' ? 'secondary' : 'primary'} onClick={() => setEditing(m)} aria-label={t('projects.milestone.updateAria', { name: m.name })}>
                        {t('projects.milestone.update')}
                      </Button>
                      <Button variant="ghost" small onClick={() => remove(m)} aria-label={t('projects.milestone.delete.aria', { name: m.name })}>
                        {t('projects.milestone.delete.button')}
                      </Button>
                    </div>
                  </Show>
                </div>
              </li>
            )}
          </For>
        </ol>
      </Show>

      <Dialog open={!!editing()} onClose={() => setEditing(null)} title={t('projects.milestone.updateTitle', { name: editing()?.name ?? '' })} wide>
        <MilestoneUpdate
          congressId={props.congressId}
          project={p()}
          milestone={editing()!}
          onCancel={() => setEditing(null)}
          onPartial={props.refetch}
          onDone={(next, uploaded) => {
            setEditing(null);
            props.replace(next);
            if (uploaded) props.refetch();
            toast(t('projects.milestone.saved'));
          }}
        />
      </Dialog>
      <Dialog open={adding()} onClose={() => setAdding(false)} title={t('projects.milestone.add')}>
        <MilestoneAdd
          congressId={props.congressId}
          project={p()}
          onCancel={() => setAdding(false)}
          onDone={(next) => {
            setAdding(false);
            props.replace(next);
            toast(t('projects.milestone.added'));
          }}
        />
      </Dialog>
    </section>
  );
}

/** Status as three big buttons (touch), the date done, a note and photos, and — folded away — the plan of the milestone. */
function MilestoneUpdate(props: { congressId: string; project: ProjectDetail; milestone: Milestone; onCancel: () => void; onDone: (p: ProjectDetail, uploaded: boolean) => void; onPartial: () => void }) {
  const m = props.milestone;
  const form = createFormState();
  const [status, setStatus] = createSignal<MilestoneStatus>(m.status);
  const [actual, setActual] = createSignal(m.actualDate ?? '');
  const [note, setNote] = createSignal(m.note);
  const [name, setName] = createSignal(m.name);
  const [planned, setPlanned] = createSignal(m.plannedDate);
  const [weight, setWeight] = createSignal(String(m.weight));
  const [files, setFiles] = createSignal<File[]>([]);
  const [caption, setCaption] = createSignal('');
  const [progress, setProgress] = createSignal('');

  const choose = (s: MilestoneStatus) => {
    setStatus(s);
    if (s === 'done' && !actual()) setActual(today());
    form.clearError('actualDate');
  };

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const values: Record<string, unknown> = {};
    if (status() !== m.status) values.status = status();
    const nextActual = status() === 'done' ? actual() || null : null;
    if (nextActual !== m.actualDate) values.actualDate = nextActual;
    if (note().trim() !== m.note) values.note = note();
    if (name().trim() !== m.name) values.name = name();
    if (planned() !== m.plannedDate) values.plannedDate = planned();
    if (Number(weight()) !== m.weight) values.weight = Number(weight());
    if (status() === 'done' && !actual()) {
      form.setErrors({ actualDate: t('projects.milestone.actualNeeded') });
      return;
    }
    if (Object.keys(values).length === 0 && files().length === 0) return props.onCancel();
    let input: ReturnType<typeof UpdateMilestone.parse> | null = null;
    if (Object.keys(values).length > 0) {
      input = form.check(UpdateMilestone, values);
      if (!input) return;
    }
    let uploaded = false;
    const done = await form.run(async () => {
      let next = props.project;
      if (input) next = await updateMilestone(props.congressId, props.project.id, m.id, input);
      const list = files();
      for (let i = 0; i < list.length; i++) {
        setProgress(t('projects.files.uploading', { i: i + 1, n: list.length }));
        await uploadProjectFile(props.congressId, props.project.id, list[i], { caption: caption(), milestoneId: m.id });
        uploaded = true;
        setFiles(list.slice(i + 1));
      }
      return next;
    }, ['status', 'actualDate', 'note', 'name', 'plannedDate', 'weight']);
    setProgress('');
    if (done) props.onDone(done.value, uploaded);
    else if (uploaded || input) props.onPartial();
  };

  return (
    <form onSubmit={submit} novalidate class="pj-ms-form">
      <FormError error={form.formError()} />
      <fieldset class="pj-seg-field">
        <legend>{t('projects.milestone.field.status')}</legend>
        <div class="pj-seg" role="radiogroup" aria-label={t('projects.milestone.field.status')}>
          <For each={MILESTONE_STATUSES}>
            {(s) => (
              <button type="button" role="radio" aria-checked={status() === s} class={`pj-seg-btn pj-seg-${s}`} classList={{ on: status() === s }} onClick={() => choose(s)}>
                {milestoneStatusLabel(s)}
              </button>
            )}
          </For>
        </div>
      </fieldset>
      <Show when={status() === 'done'}>
        <TextField
          label={t('projects.milestone.field.actualDate')}
          type="date"
          max={today()}
          value={actual()}
          onValue={(v) => {
            setActual(v);
            form.clearError('actualDate');
          }}
          error={form.error('actualDate')}
          fieldClass="pj-date-field"
          required
        />
      </Show>
      <TextAreaField label={t('projects.milestone.field.note')} hint={t('projects.milestone.field.noteHint')} value={note()} onValue={setNote} error={form.error('note')} rows={3} maxlength={1000} />
      <EvidencePicker label={t('projects.milestone.field.evidence')} files={files()} onChange={setFiles} />
      <Show when={files().length > 0}>
        <TextField label={t('projects.files.caption')} hint={t('projects.files.captionHint')} value={caption()} onValue={setCaption} maxlength={200} />
      </Show>
      <details class="pj-more">
        <summary>{t('projects.milestone.changePlan')}</summary>
        <TextField label={t('projects.milestone.field.name')} value={name()} onValue={setName} error={form.error('name')} maxlength={80} />
        <div class="row-2">
          <TextField label={t('projects.milestone.field.plannedDate')} type="date" value={planned()} onValue={setPlanned} error={form.error('plannedDate')} />
          <TextField label={t('projects.milestone.field.weight')} type="number" inputmode="numeric" min={1} max={100} value={weight()} onValue={setWeight} error={form.error('weight')} hint={t('projects.milestone.field.weightHint')} />
        </div>
      </details>
      <Show when={progress()}>
        <Alert kind="info" title={progress()} />
      </Show>
      <div class="dialog-actions">
        <Button onClick={props.onCancel} disabled={form.busy()}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" variant="primary" busy={form.busy()}>
          {files().length > 0 ? t('projects.milestone.saveWithFiles', { n: files().length }) : t('projects.milestone.save')}
        </Button>
      </div>
    </form>
  );
}

function MilestoneAdd(props: { congressId: string; project: ProjectDetail; onCancel: () => void; onDone: (p: ProjectDetail) => void }) {
  const form = createFormState();
  const [name, setName] = createSignal('');
  const [planned, setPlanned] = createSignal('');
  const [weight, setWeight] = createSignal('10');
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const input = form.check(CreateMilestone, { name: name(), plannedDate: planned(), weight: Number(weight()) });
    if (!input) return;
    const done = await form.run(() => addMilestone(props.congressId, props.project.id, input), ['name', 'plannedDate', 'weight']);
    if (done) props.onDone(done.value);
  };
  return (
    <form onSubmit={submit} novalidate>
      <FormError error={form.formError()} />
      <TextField label={t('projects.milestone.field.name')} hint={t('projects.milestone.field.nameHint')} value={name()} onValue={setName} error={form.error('name')} maxlength={80} required />
      <div class="row-2">
        <TextField label={t('projects.milestone.field.plannedDate')} type="date" value={planned()} onValue={setPlanned} error={form.error('plannedDate')} required />
        <TextField label={t('projects.milestone.field.weight')} type="number" inputmode="numeric" min={1} max={100} value={weight()} onValue={setWeight} error={form.error('weight')} hint={t('projects.milestone.field.weightHint')} required />
      </div>
      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={form.busy()}>
          {t('projects.milestone.add')}
        </Button>
      </div>
    </form>
  );
}
