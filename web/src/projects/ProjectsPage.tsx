import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { Async, latest } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { SelectField } from '../components/Field.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { nowrap } from '../components/Nowrap.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Table } from '../components/Table.tsx';
import { toast } from '../components/Toast.tsx';
import { fetchDepartments } from '../congress/members.data.ts';
import { useCongress } from '../congress/context.tsx';
import { fmt, t, tx } from '../i18n.ts';
import { can } from '../session.ts';
import { amount, HEALTHS, healthLabel, HealthTag, myDepartmentIds, ProgressBar, thisYear, wan, yearsOf } from './parts.tsx';
import { ProjectForm } from './ProjectForm.tsx';
import { fetchProjects, paths, type Health, type ProjectSummary } from './projects.data.ts';

type Params = { year?: string; health?: string; department?: string };

/**
 * 实施项目: every project of a year with its health, progress, money, late milestones and open findings. A department
 * account gets only the projects it is lead or co-operating on (the API filters) and reads this as 我的项目.
 */
export default function ProjectsPage() {
  const { id, congress } = useCongress();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams<Params>();
  const admin = () => can(id(), 'projects.manage');
  const reader = () => can(id(), 'projects.readAll');
  const department = () => !reader() && myDepartmentIds(id()).length > 0;
  const [all, { refetch }] = createResource(id, (c) => fetchProjects(c));
  const [departments] = createResource(() => (reader() ? id() : false), fetchDepartments);

  const years = () => yearsOf((latest(all) ?? []).map((p) => p.year));
  const year = () => (/^\d{4}$/.test(params.year ?? '') ? Number(params.year) : undefined);
  const health = () => (HEALTHS as readonly string[]).includes(params.health ?? '') ? (params.health as Health) : undefined;
  const dept = () => params.department || undefined;
  const inScope = createMemo(() =>
    (latest(all) ?? []).filter((p) => (!year() || p.year === year()) && (!dept() || p.leadDepartment.id === dept() || p.coDepartments.some((d) => d.id === dept()))),
  );
  const counts = createMemo(() => {
    const c: Partial<Record<Health, number>> = {};
    for (const p of inScope()) c[p.health] = (c[p.health] ?? 0) + 1;
    return c;
  });
  const shown = () => inScope().filter((p) => !health() || p.health === health());
  const filtered = () => !!(year() || health() || dept());
  const [creating, setCreating] = createSignal(false);

  return (
    <Show when={can(id(), 'projects.read')} fallback={<NoAccess />}>
      <PageHeader
        title={department() ? t('projects.mine.title') : t('projects.list.title')}
        lead={department() ? t('projects.mine.lead') : t('projects.list.lead', { congress: congress().name })}
        actions={
          <>
            <Show when={can(id(), 'projects.dashboard')}>
              <A class="btn btn-secondary" href={paths.report(id(), year() ?? thisYear(), 'end')}>
                {t('projects.report.open')}
              </A>
            </Show>
            <Show when={admin()}>
              <Button variant="primary" onClick={() => setCreating(true)}>
                {t('projects.create.title')}
              </Button>
            </Show>
          </>
        }
      />

      <div class="filters pj-filters" role="search" aria-label={t('projects.filter.label')}>
        <SelectField
          label={t('projects.filter.year')}
          value={year() ? String(year()) : ''}
          onValue={(v) => setParams({ year: v || undefined })}
          options={[{ value: '', label: t('projects.filter.allYears') }, ...years().map((y) => ({ value: String(y), label: t('projects.yearValue', { year: y }) }))]}
        />
        <Show when={reader()}>
          <SelectField
            label={t('projects.filter.department')}
            value={dept() ?? ''}
            onValue={(v) => setParams({ department: v || undefined })}
            options={[{ value: '', label: t('projects.filter.allDepartments') }, ...(latest(departments) ?? []).map((d) => ({ value: d.id, label: d.name }))]}
          />
        </Show>
      </div>
      <div class="status-tabs" role="radiogroup" aria-label={t('projects.filter.health')}>
        <For each={[undefined, ...HEALTHS] as (Health | undefined)[]}>
          {(h) => (
            <button type="button" role="radio" aria-checked={health() === h} classList={{ on: health() === h }} onClick={() => setParams({ health: h })}>
              <span>{h ? healthLabel(h) : t('projects.filter.allHealth')}</span>
              <span class="count num">{fmt.count(h ? (counts()[h] ?? 0) : inScope().length)}</span>
            </button>
          )}
        </For>
      </div>

      <Async resource={all} retry={refetch}>
        {() => (
          <>
            <p class="count-line" aria-live="polite">
              {t('projects.list.count', { n: fmt.count(shown().length) })}
            </p>
            <Table
              caption={t('projects.list.title')}
              rows={shown()}
              class="pj-table"
              empty={
                <Show
                  when={filtered() && (latest(all)?.length ?? 0) > 0}
                  fallback={
                    <EmptyState
                      title={department() ? t('projects.mine.empty') : t('projects.list.empty')}
                      action={
                        <Show when={admin()}>
                          <Button variant="primary" onClick={() => setCreating(true)}>
                            {t('projects.create.title')}
                          </Button>
                        </Show>
                      }
                    >
                      {department() ? t('projects.mine.emptyNext') : admin() ? t('projects.list.emptyNext') : t('projects.list.emptyWait')}
                    </EmptyState>
                  }
                >
                  <EmptyState title={t('projects.list.noMatch')} action={<Button onClick={() => setParams({ year: undefined, health: undefined, department: undefined })}>{t('projects.filter.clear')}</Button>} />
                </Show>
              }
              columns={[
                {
                  header: () => t('projects.col.project'),
                  noLabel: true,
                  class: 'pj-title-cell',
                  cell: (p: ProjectSummary) => (
                    <>
                      <A href={paths.project(id(), p.id)} class="strong-link">
                        {p.title}
                      </A>
                      <span class="muted small block">
                        {t('projects.yearValue', { year: p.year })} · {p.leadDepartment.name}
                        <Show when={p.coDepartments.length > 0}> · {t('projects.coShort', { names: p.coDepartments.map((d) => d.name).join(t('list.separator')) })}</Show>
                      </span>
                    </>
                  ),
                },
                {
                  header: () => t('projects.col.health'),
                  cell: (p: ProjectSummary) => (
                    <span class="pj-flags">
                      <HealthTag health={p.health} />
                      <Show when={p.lateMilestones > 0}>
                        <span class="tag tag-bad">{t('projects.list.lateMilestones', { n: p.lateMilestones })}</span>
                      </Show>
                      <Show when={p.openFindings > 0}>
                        <span class="tag" classList={{ 'tag-bad': p.overdueFindings > 0, 'tag-warn': p.overdueFindings === 0 }}>
                          {t('projects.list.openFindings', { n: p.openFindings })}
                        </span>
                      </Show>
                      <Show when={p.pendingChanges > 0}>
                        <span class="tag tag-warn">{t('projects.list.pendingChanges', { n: p.pendingChanges })}</span>
                      </Show>
                    </span>
                  ),
                },
                {
                  header: () => t('projects.col.progress'),
                  class: 'pj-progress-cell',
                  cell: (p: ProjectSummary) => (
                    <>
                      <ProgressBar derived={p.derivedProgress} reported={p.reportedProgress} health={p.health} label={p.title} />
                      <span class="muted small block num pj-spent-line">{tx('projects.list.spent', { spent: nowrap(amount(p.spentInvestment)), planned: nowrap(wan(p.plannedInvestment)) })}</span>
                    </>
                  ),
                },
                { header: () => t('projects.col.completion'), class: 'nowrap wide-only', cell: (p: ProjectSummary) => (p.completedOn ? t('projects.completedOn', { date: fmt.date(p.completedOn) }) : fmt.date(p.plannedCompletion)) },
                {
                  header: () => t('common.actions'),
                  noLabel: true,
                  class: 'actions',
                  cell: (p: ProjectSummary) => (
                    <A class="btn btn-secondary btn-sm" href={paths.project(id(), p.id)} aria-label={t('a11y.named', { action: department() ? t('projects.update') : t('projects.open'), name: p.title })}>
                      {department() ? t('projects.update') : t('projects.open')}
                    </A>
                  ),
                },
              ]}
            />
          </>
        )}
      </Async>

      <Dialog open={creating()} onClose={() => setCreating(false)} title={t('projects.create.title')} wide>
        <ProjectForm
          congressId={id()}
          departments={latest(departments) ?? []}
          onCancel={() => setCreating(false)}
          onDone={(p) => {
            setCreating(false);
            toast(t('projects.create.done', { title: p.title }));
            navigate(paths.project(id(), p.id));
          }}
        />
      </Dialog>
    </Show>
  );
}
