import { A, useParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { CreateFinding } from '../../../shared/projects/schema.ts';
import { Alert, FormError } from '../components/Alert.tsx';
import { Async, latest } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { CheckField, SelectField, TextAreaField, TextField } from '../components/Field.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { toast } from '../components/Toast.tsx';
import { fetchDepartments } from '../congress/members.data.ts';
import { useCongress } from '../congress/context.tsx';
import { createFormState } from '../forms.ts';
import { fmt, t } from '../i18n.ts';
import { can } from '../session.ts';
import { FindingList } from './Findings.tsx';
import { EvidencePicker, FileGallery, today } from './parts.tsx';
import { addFinding, fetchInspection, fetchProject, fileUrl, paths, uploadInspectionFile, type Inspection } from './projects.data.ts';

/**
 * One inspection (视察): when, who went, what they saw and suggest, photos, and the findings — each may ask a
 * department to answer by a date; the department answers here and the standing committee's staff accept or return it.
 */
export default function InspectionPage() {
  const { id } = useCongress();
  const params = useParams<{ inspectionId: string }>();
  const [inspection, { refetch, mutate }] = createResource(() => ({ c: id(), i: params.inspectionId }), (s) => fetchInspection(s.c, s.i));
  return (
    <Show when={can(id(), 'projects.read')} fallback={<NoAccess />}>
      <Async resource={inspection} retry={refetch}>
        {(i) => <Detail i={latest(inspection) ?? i} replace={(next) => mutate(next)} refetch={() => void refetch()} />}
      </Async>
    </Show>
  );
}

function Detail(props: { i: Inspection; replace: (i: Inspection) => void; refetch: () => void }) {
  const { id } = useCongress();
  const i = () => props.i;
  const admin = () => can(id(), 'projects.inspections.manage');
  const overdue = () => i().findings.filter((f) => f.overdue).length;
  return (
    <>
      <PageHeader
        kicker={<A href={paths.inspections(id())}>← {t('inspections.title')}</A>}
        title={i().title}
        lead={
          <span class="proposal-lead">
            <span class="num">{fmt.date(i().date)}</span>
            <A href={paths.project(id(), i().projectId)}>{i().projectTitle}</A>
          </span>
        }
      />
      <Show when={overdue() > 0}>
        <Alert kind="error" title={t('inspections.overdueAlert', { n: overdue() })} />
      </Show>
      <section class="card pj-section" aria-labelledby="ins-what">
        <h2 id="ins-what">{t('inspections.record')}</h2>
        <dl class="facts">
          <div>
            <dt>{t('inspections.field.attendees')}</dt>
            <dd>
              <Show when={i().attendees.length > 0} fallback={<span class="muted">{t('inspections.attendees.none')}</span>}>
                <ul class="pj-names">
                  <For each={i().attendees}>{(a) => <li>{a.name}</li>}</For>
                </ul>
              </Show>
            </dd>
          </div>
          <div>
            <dt>{t('inspections.field.summary')}</dt>
            <dd class="pj-pre">{i().summary || <span class="muted">{t('projects.notGiven')}</span>}</dd>
          </div>
          <div>
            <dt>{t('inspections.field.suggestions')}</dt>
            <dd class="pj-pre">{i().suggestions || <span class="muted">{t('projects.notGiven')}</span>}</dd>
          </div>
        </dl>
      </section>

      <section class="card pj-section" aria-labelledby="ins-photos">
        <h2 id="ins-photos">{t('inspections.photos')}</h2>
        <Show when={i().files.length > 0} fallback={<p class="muted pj-none">{t('inspections.noPhotos')}</p>}>
          <FileGallery files={i().files} url={(f) => fileUrl(id(), i().projectId, f.id)} />
        </Show>
        <Show when={admin()}>
          <PhotoUpload congressId={id()} inspectionId={i().id} onDone={props.refetch} />
        </Show>
      </section>

      <section class="card pj-section" aria-labelledby="ins-findings">
        <h2 id="ins-findings">{t('inspections.findings')}</h2>
        <Show when={i().findings.length > 0} fallback={<p class="muted pj-none">{t('inspections.noFindings')}</p>}>
          <FindingList congressId={id()} findings={i().findings} onChange={(f) => props.replace({ ...i(), findings: i().findings.map((x) => (x.id === f.id ? f : x)) })} />
        </Show>
        <Show when={admin()}>
          <FindingForm congressId={id()} inspection={i()} onDone={props.replace} />
        </Show>
      </section>
    </>
  );
}

function PhotoUpload(props: { congressId: string; inspectionId: string; onDone: () => void }) {
  const [files, setFiles] = createSignal<File[]>([]);
  const [caption, setCaption] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const upload = async () => {
    setBusy(true);
    setError('');
    try {
      const list = files();
      for (let n = 0; n < list.length; n++) {
        await uploadInspectionFile(props.congressId, props.inspectionId, list[n], caption());
        setFiles(list.slice(n + 1));
      }
      setCaption('');
      toast(t('projects.files.uploaded'));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
      props.onDone();
    }
  };
  return (
    <div class="pj-upload">
      <EvidencePicker label={t('inspections.addPhotos')} files={files()} onChange={setFiles} />
      <Show when={files().length > 0}>
        <TextField label={t('projects.files.caption')} hint={t('projects.files.captionHint')} value={caption()} onValue={setCaption} maxlength={200} />
        <Show when={error()}>
          <Alert kind="error" title={error()} />
        </Show>
        <Button variant="primary" busy={busy()} onClick={upload}>
          {t('projects.files.upload', { n: files().length })}
        </Button>
      </Show>
    </div>
  );
}

/** A finding; when it demands an answer, the department (by default the project's lead) and the date. */
function FindingForm(props: { congressId: string; inspection: Inspection; onDone: (i: Inspection) => void }) {
  const form = createFormState();
  const [project] = createResource(() => ({ c: props.congressId, p: props.inspection.projectId }), (s) => fetchProject(s.c, s.p));
  const [departments] = createResource(() => props.congressId, fetchDepartments);
  const [text, setText] = createSignal('');
  const [demand, setDemand] = createSignal(true);
  const [dept, setDept] = createSignal('');
  const [due, setDue] = createSignal('');
  const defaultDept = () => dept() || latest(project)?.leadDepartment.id || '';
  /** The project's departments first, then the rest. */
  const options = () => {
    const p = latest(project);
    const onProject = p ? [p.leadDepartment, ...p.coDepartments] : [];
    const rest = (latest(departments) ?? []).filter((d) => d.active && !onProject.some((x) => x.id === d.id));
    return [...onProject, ...rest].map((d) => ({ value: d.id, label: d.name }));
  };
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const values = demand() ? { text: text(), departmentId: defaultDept() || undefined, answerDueOn: due() || undefined } : { text: text() };
    if (demand() && !due()) {
      form.check(CreateFinding, values);
      form.setErrors({ ...form.errors(), answerDueOn: t('inspections.finding.dueNeeded') });
      return;
    }
    const input = form.check(CreateFinding, values);
    if (!input) return;
    const done = await form.run(() => addFinding(props.congressId, props.inspection.id, input), ['text', 'departmentId', 'answerDueOn']);
    if (done) {
      setText('');
      setDue('');
      toast(t('inspections.finding.added'));
      props.onDone(done.value);
    }
  };
  return (
    <form class="pj-finding-form" onSubmit={submit} novalidate>
      <h3 class="pj-form-title">{t('inspections.finding.add')}</h3>
      <FormError error={form.formError()} />
      <TextAreaField label={t('inspections.finding.text')} value={text()} onValue={(v) => { setText(v); form.clearError('text'); }} error={form.error('text')} rows={3} maxlength={2000} required />
      <CheckField label={t('inspections.finding.demand')} hint={t('inspections.finding.demandHint')} checked={demand()} onValue={setDemand} />
      <Show when={demand()}>
        <div class="row-2">
          <SelectField label={t('inspections.finding.department')} value={defaultDept()} onValue={(v) => { setDept(v); form.clearError('departmentId'); }} options={options()} error={form.error('departmentId')} required />
          <TextField label={t('inspections.finding.due')} type="date" min={today()} value={due()} onValue={(v) => { setDue(v); form.clearError('answerDueOn'); }} error={form.error('answerDueOn')} required />
        </div>
      </Show>
      <div class="form-actions start">
        <Button type="submit" variant="primary" busy={form.busy()}>
          {t('inspections.finding.submit')}
        </Button>
      </div>
    </form>
  );
}
