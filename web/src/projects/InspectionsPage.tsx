import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, Show } from 'solid-js';
import { Async, latest } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { SelectField } from '../components/Field.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Table } from '../components/Table.tsx';
import { toast } from '../components/Toast.tsx';
import { useCongress } from '../congress/context.tsx';
import { fmt, t } from '../i18n.ts';
import { can } from '../session.ts';
import { FindingList } from './Findings.tsx';
import { InspectionForm } from './InspectionForm.tsx';
import { myDepartmentIds, yearsOf } from './parts.tsx';
import { fetchFindings, fetchInspections, fetchProjects, paths, type Finding, type Inspection } from './projects.data.ts';

/**
 * 视察: the representatives' inspections of projects, newest first, with what is waiting — for a department the
 * findings it must answer, for staff the answers to accept or return and the answers past their date.
 */
export default function InspectionsPage() {
  const { id } = useCongress();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams<{ year?: string; project?: string }>();
  const admin = () => can(id(), 'projects.inspections.manage');
  const year = () => (/^\d{4}$/.test(params.year ?? '') ? Number(params.year) : undefined);
  const projectId = () => params.project || undefined;
  const [list, { refetch }] = createResource(() => ({ c: id(), year: year(), projectId: projectId() }), (s) => fetchInspections(s.c, { year: s.year, projectId: s.projectId }));
  const [projects] = createResource(id, (c) => fetchProjects(c));
  const [findings, { mutate: setFindings, refetch: refetchFindings }] = createResource(id, fetchFindings);
  const [creating, setCreating] = createSignal(false);

  const mine = () => myDepartmentIds(id());
  /** What this viewer has to act on. */
  const todo = createMemo(() =>
    (latest(findings) ?? []).filter((f) =>
      admin() ? f.state === 'answered' || f.overdue : !!f.department && mine().includes(f.department.id) && (f.state === 'awaiting_answer' || f.state === 'returned'),
    ),
  );
  const changed = (f: Finding) => {
    setFindings((all) => (all ?? []).map((x) => (x.id === f.id ? f : x)));
    void refetch();
    void refetchFindings();
  };
  const projectTitle = () => (latest(projects) ?? []).find((p) => p.id === projectId())?.title;

  return (
    <Show when={can(id(), 'projects.read')} fallback={<NoAccess />}>
      <PageHeader
        title={t('inspections.title')}
        lead={projectTitle() ? t('inspections.leadProject', { title: projectTitle()! }) : t('inspections.lead')}
        actions={
          <Show when={admin()}>
            <Button variant="primary" onClick={() => setCreating(true)}>
              {t('inspections.add')}
            </Button>
          </Show>
        }
      />

      <Show when={todo().length > 0}>
        <section class="card pj-todo" aria-labelledby="ins-todo">
          <h2 id="ins-todo">{admin() ? t('inspections.todo.staff', { n: todo().length }) : t('inspections.todo.department', { n: todo().length })}</h2>
          <FindingList congressId={id()} findings={todo()} onChange={changed} showProject showInspection />
        </section>
      </Show>

      <div class="filters pj-filters" role="search" aria-label={t('projects.filter.label')}>
        <SelectField
          label={t('projects.filter.year')}
          value={year() ? String(year()) : ''}
          onValue={(v) => setParams({ year: v || undefined })}
          options={[{ value: '', label: t('projects.filter.allYears') }, ...yearsOf((latest(projects) ?? []).map((p) => p.year)).map((y) => ({ value: String(y), label: t('projects.yearValue', { year: y }) }))]}
        />
        <SelectField
          label={t('inspections.field.project')}
          value={projectId() ?? ''}
          onValue={(v) => setParams({ project: v || undefined })}
          options={[{ value: '', label: t('inspections.filter.allProjects') }, ...(latest(projects) ?? []).map((p) => ({ value: p.id, label: p.title }))]}
        />
      </div>

      <Async resource={list} retry={refetch}>
        {(rows) => (
          <Table
            caption={t('inspections.title')}
            rows={rows}
            class="pj-table"
            empty={
              <EmptyState
                title={t('inspections.empty')}
                action={
                  <Show when={admin()}>
                    <Button variant="primary" onClick={() => setCreating(true)}>
                      {t('inspections.add')}
                    </Button>
                  </Show>
                }
              >
                {admin() ? t('inspections.emptyNext') : t('inspections.emptyWait')}
              </EmptyState>
            }
            columns={[
              { header: () => t('inspections.field.date'), class: 'nowrap', cell: (i: Inspection) => fmt.date(i.date) },
              {
                header: () => t('inspections.field.title'),
                noLabel: true,
                class: 'pj-title-cell',
                cell: (i: Inspection) => (
                  <>
                    <A href={paths.inspection(id(), i.id)} class="strong-link">
                      {i.title}
                    </A>
                    <span class="muted small block">{i.projectTitle}</span>
                  </>
                ),
              },
              { header: () => t('inspections.field.attendees'), cell: (i: Inspection) => t('inspections.attendees.count', { n: i.attendees.length }) },
              {
                header: () => t('inspections.findings'),
                cell: (i: Inspection) => (
                  <span class="pj-flags">
                    <span>{t('inspections.findingsCount', { n: i.findings.length })}</span>
                    <Show when={i.findings.some((f) => f.overdue)}>
                      <span class="tag tag-bad">{t('inspections.overdueCount', { n: i.findings.filter((f) => f.overdue).length })}</span>
                    </Show>
                    <Show when={i.findings.some((f) => f.state === 'answered')}>
                      <span class="tag tag-info">{t('inspections.toReview', { n: i.findings.filter((f) => f.state === 'answered').length })}</span>
                    </Show>
                  </span>
                ),
              },
              {
                header: () => t('common.actions'),
                noLabel: true,
                class: 'actions',
                cell: (i: Inspection) => (
                  <A class="btn btn-secondary btn-sm" href={paths.inspection(id(), i.id)} aria-label={t('a11y.named', { action: t('inspections.open'), name: i.title })}>
                    {t('inspections.open')}
                  </A>
                ),
              },
            ]}
          />
        )}
      </Async>

      <Dialog open={creating()} onClose={() => setCreating(false)} title={t('inspections.add')} wide>
        <InspectionForm
          congressId={id()}
          projects={latest(projects) ?? []}
          projectId={projectId()}
          onCancel={() => setCreating(false)}
          onDone={(i) => {
            setCreating(false);
            toast(t('inspections.added'));
            navigate(paths.inspection(id(), i.id));
          }}
        />
      </Dialog>
    </Show>
  );
}
