import { A, useParams } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { Alert } from '../components/Alert.tsx';
import { Async, latest } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { confirmAction, Dialog } from '../components/Dialog.tsx';
import { TextField } from '../components/Field.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { toast } from '../components/Toast.tsx';
import { fetchDepartments } from '../congress/members.data.ts';
import { useCongress } from '../congress/context.tsx';
import { fmt, t } from '../i18n.ts';
import { can } from '../session.ts';
import { ChangesSection } from './ChangesSection.tsx';
import { FindingList } from './Findings.tsx';
import { MilestonesSection } from './MilestonesSection.tsx';
import { EvidencePicker, FileGallery, HealthTag, pct, ProgressBar, Spending, today } from './parts.tsx';
import { PlanSection } from './PlanSection.tsx';
import { ProgressSection } from './ProgressSection.tsx';
import { ProjectForm } from './ProjectForm.tsx';
import { completeProject, deleteProjectFile, fetchProject, fileUrl, paths, uploadProjectFile, type ProjectDetail } from './projects.data.ts';

/**
 * One project: where it stands (derived and reported progress side by side, money, health), its milestones with
 * evidence, the department's progress reports, the implementation plan, inspection findings, change requests, and
 * what it is. Departments use this on tablets: big buttons, the camera for evidence.
 */
export default function ProjectPage() {
  const { id } = useCongress();
  const params = useParams<{ projectId: string }>();
  const [project, { refetch, mutate }] = createResource(() => ({ c: id(), p: params.projectId }), (s) => fetchProject(s.c, s.p));
  return (
    <Show when={can(id(), 'projects.read')} fallback={<NoAccess />}>
      <Async resource={project} retry={refetch}>
        {(p) => <Detail p={latest(project) ?? p} replace={(next) => mutate(next)} refetch={() => void refetch()} />}
      </Async>
    </Show>
  );
}

function Detail(props: { p: ProjectDetail; replace: (p: ProjectDetail) => void; refetch: () => void }) {
  const { id } = useCongress();
  const p = () => props.p;
  const admin = () => can(id(), 'projects.manage');
  const [editing, setEditing] = createSignal(false);
  const [completing, setCompleting] = createSignal(false);
  const [departments] = createResource(() => (editing() ? id() : false), fetchDepartments);
  const otherFiles = () => p().files.filter((f) => !f.milestoneId && !f.inspectionId);
  const inspectionFiles = () => p().files.filter((f) => f.inspectionId);

  return (
    <>
      <PageHeader
        kicker={<A href={paths.list(id())}>← {t('projects.backToList')}</A>}
        title={p().title}
        lead={
          <span class="proposal-lead">
            <HealthTag health={p().health} />
            <span>{t('projects.yearValue', { year: p().year })}</span>
            <span>{t('projects.leadBy', { name: p().leadDepartment.name })}</span>
          </span>
        }
        actions={
          <>
            <Show when={admin()}>
              <Button onClick={() => setEditing(true)}>{t('projects.editInfo')}</Button>
            </Show>
            <Show when={p().can.edit && p().status === 'active'}>
              <Button onClick={() => setCompleting(true)}>{t('projects.complete.button')}</Button>
            </Show>
          </>
        }
      />

      <Show when={p().status === 'suspended' || p().status === 'terminated'}>
        <Alert kind="warning" title={p().status === 'suspended' ? t('projects.suspendedNote') : t('projects.terminatedNote')} />
      </Show>

      <section class="card pj-summary" aria-labelledby="pj-summary">
        <h2 id="pj-summary" class="sr-only">
          {t('projects.summary')}
        </h2>
        <div class="pj-figures">
          <div class="pj-figure">
            <p class="pj-figure-label">{t('projects.progress.derived')}</p>
            <p class="pj-figure-n num">{pct(p().derivedProgress)}</p>
            <p class="muted small">{p().milestones ? t('projects.progress.derivedHint', { n: p().milestones }) : t('projects.progress.noMilestones')}</p>
          </div>
          <div class="pj-figure">
            <p class="pj-figure-label">{t('projects.progress.reported')}</p>
            <p class="pj-figure-n num">{pct(p().reportedProgress)}</p>
            <p class="muted small">{p().updates[0] ? t('projects.progress.reportedOn', { date: fmt.date(p().updates[0].at) }) : t('projects.progress.notReported')}</p>
          </div>
          <div class="pj-figure pj-figure-money">
            <p class="pj-figure-label">{t('projects.money.spentOfPlanned')}</p>
            <Spending spent={p().spentInvestment} planned={p().plannedInvestment} />
          </div>
        </div>
        <ProgressBar derived={p().derivedProgress} reported={p().reportedProgress} health={p().health} big />
        <dl class="facts pj-facts">
          <div>
            <dt>{t('projects.field.completion')}</dt>
            <dd class="num">
              {fmt.date(p().plannedCompletion)}
              <Show when={p().completedOn}>
                <span class="tag tag-done">{t('projects.completedOn', { date: fmt.date(p().completedOn!) })}</span>
              </Show>
            </dd>
          </div>
          <div>
            <dt>{t('projects.field.lead')}</dt>
            <dd>{p().leadDepartment.name}</dd>
          </div>
          <Show when={p().coDepartments.length > 0}>
            <div>
              <dt>{t('projects.field.co')}</dt>
              <dd>{p().coDepartments.map((d) => d.name).join(t('list.separator'))}</dd>
            </div>
          </Show>
          <div>
            <dt>{t('projects.field.funding')}</dt>
            <dd>{p().fundingSource}</dd>
          </div>
          <Show when={p().decision}>
            {(dc) => (
              <div class="pj-decision">
                <dt>{t('decision.project.label')}</dt>
                <dd>
                  <A href={`/c/${id()}/decisions/${dc().motionId}`}>{t('decision.project.line', { title: dc().title, date: fmt.date(dc().adoptedAt) })}</A>
                </dd>
              </div>
            )}
          </Show>
          <Show when={p().lateMilestones > 0 || p().openFindings > 0}>
            <div>
              <dt>{t('projects.attention')}</dt>
              <dd>
                <Show when={p().lateMilestones > 0}>
                  <span class="tag tag-bad">{t('projects.list.lateMilestones', { n: p().lateMilestones })}</span>
                </Show>
                <Show when={p().openFindings > 0}>
                  <span class="tag" classList={{ 'tag-bad': p().overdueFindings > 0, 'tag-warn': p().overdueFindings === 0 }}>
                    {t('projects.list.openFindings', { n: p().openFindings })}
                  </span>
                </Show>
              </dd>
            </div>
          </Show>
        </dl>
        <details class="pj-more">
          <summary>{t('projects.contentAndOutcome')}</summary>
          <h3 class="sub">{t('projects.field.content')}</h3>
          <p class="pj-pre">{p().content || t('projects.notGiven')}</p>
          <h3 class="sub">{t('projects.field.outcome')}</h3>
          <p class="pj-pre">{p().expectedOutcome || t('projects.notGiven')}</p>
        </details>
      </section>

      <MilestonesSection congressId={id()} project={p()} replace={props.replace} refetch={props.refetch} />
      <ProgressSection congressId={id()} project={p()} replace={props.replace} />
      <PlanSection congressId={id()} project={p()} replace={props.replace} />

      <section class="card pj-section" aria-labelledby="pj-findings">
        <div class="section-head">
          <h2 id="pj-findings">{t('projects.findings.title')}</h2>
          <A class="btn btn-secondary btn-sm" href={`${paths.inspections(id())}?project=${p().id}`}>
            {t('projects.findings.inspections')}
          </A>
        </div>
        <Show when={p().findings.length > 0} fallback={<p class="muted pj-none">{t('projects.findings.empty')}</p>}>
          <FindingList congressId={id()} findings={p().findings} onChange={() => props.refetch()} showInspection />
        </Show>
        <Show when={inspectionFiles().length > 0}>
          <h3 class="sub pj-sub">{t('projects.findings.photos')}</h3>
          <FileGallery files={inspectionFiles()} url={(f) => fileUrl(id(), p().id, f.id)} small />
        </Show>
      </section>

      <ChangesSection congressId={id()} project={p()} replace={props.replace} />
      <OtherFiles congressId={id()} project={p()} files={otherFiles()} refetch={props.refetch} />

      <Dialog open={editing()} onClose={() => setEditing(false)} title={t('projects.editInfo')} wide>
        <Show when={latest(departments)} fallback={<p class="muted">{t('common.loading')}</p>}>
          {(list) => (
            <ProjectForm
              congressId={id()}
              departments={list()}
              project={p()}
              onCancel={() => setEditing(false)}
              onDone={(next) => {
                setEditing(false);
                props.replace(next);
                toast(t('projects.saved'));
              }}
            />
          )}
        </Show>
      </Dialog>
      <Dialog open={completing()} onClose={() => setCompleting(false)} title={t('projects.complete.title')}>
        <CompleteForm congressId={id()} project={p()} onCancel={() => setCompleting(false)} onDone={(next) => { setCompleting(false); props.replace(next); toast(t('projects.complete.done')); }} />
      </Dialog>
    </>
  );
}

function CompleteForm(props: { congressId: string; project: ProjectDetail; onCancel: () => void; onDone: (p: ProjectDetail) => void }) {
  const [date, setDate] = createSignal(today());
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const open = () => props.project.milestoneList.filter((m) => m.status !== 'done').length;
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!date()) return setError(t('projects.complete.dateNeeded'));
    setBusy(true);
    setError('');
    try {
      props.onDone(await completeProject(props.congressId, props.project.id, date()));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} novalidate>
      <p>{t('projects.complete.message', { title: props.project.title })}</p>
      <Show when={open() > 0}>
        <Alert kind="warning" title={t('projects.complete.openMilestones', { n: open() })} />
      </Show>
      <TextField label={t('projects.complete.date')} type="date" max={today()} value={date()} onValue={setDate} error={error()} fieldClass="pj-date-field" required />
      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={busy()}>
          {t('projects.complete.confirm')}
        </Button>
      </div>
    </form>
  );
}

/** Documents and photos of the project as a whole (not of one milestone): contracts, acceptance reports, site photos. */
function OtherFiles(props: { congressId: string; project: ProjectDetail; files: ProjectDetail['files']; refetch: () => void }) {
  const [files, setFiles] = createSignal<File[]>([]);
  const [caption, setCaption] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const editable = () => props.project.can.edit && props.project.status !== 'terminated';
  const upload = async () => {
    setBusy(true);
    setError('');
    try {
      const list = files();
      for (let i = 0; i < list.length; i++) {
        await uploadProjectFile(props.congressId, props.project.id, list[i], { caption: caption() });
        setFiles(list.slice(i + 1));
      }
      setCaption('');
      toast(t('projects.files.uploaded'));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
      props.refetch();
    }
  };
  const remove = (fileId: string, name: string) =>
    confirmAction({
      title: t('projects.files.delete.title'),
      message: <p>{t('projects.files.delete.message', { name })}</p>,
      confirmLabel: t('projects.files.delete.confirm'),
      danger: true,
      action: () => deleteProjectFile(props.congressId, props.project.id, fileId),
    }).then((ok) => ok && props.refetch());
  return (
    <Show when={props.files.length > 0 || editable()}>
      <section class="card pj-section" aria-labelledby="pj-files">
        <h2 id="pj-files">{t('projects.files.title')}</h2>
        <p class="muted">{t('projects.files.lead')}</p>
        <FileGallery files={props.files} url={(f) => fileUrl(props.congressId, props.project.id, f.id)} onRemove={editable() ? (f) => remove(f.id, f.caption || f.filename) : undefined} />
        <Show when={editable()}>
          <EvidencePicker label={t('projects.files.add')} files={files()} onChange={setFiles} />
          <Show when={files().length > 0}>
            <TextField label={t('projects.files.caption')} hint={t('projects.files.captionHint')} value={caption()} onValue={setCaption} maxlength={200} />
            <Show when={error()}>
              <Alert kind="error" title={error()} />
            </Show>
            <Button variant="primary" busy={busy()} onClick={upload}>
              {t('projects.files.upload', { n: files().length })}
            </Button>
          </Show>
        </Show>
      </section>
    </Show>
  );
}
