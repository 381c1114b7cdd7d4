import { A, useSearchParams } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
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
import { fetchDepartments } from '../congress/members.data.ts';
import { fmt, t } from '../i18n.ts';
import { can } from '../session.ts';
import { CandidateFieldsForm } from './CandidateFieldsForm.tsx';
import { candidatesCsvUrl, fetchCandidates, fetchWindows, sumWan, updateCandidate, type Candidate } from './gathering.data.ts';
import './gathering.css';

/**
 * 候选项目: the proposals accepted at screening for a year, with the formal fields that go on the ballot. The
 * government office corrects them until a frozen list holds them; then they are locked.
 */
export default function CandidatesPage() {
  const { id } = useCongress();
  const [params, setParams] = useSearchParams<{ year?: string }>();
  const [windows] = createResource(id, fetchWindows);
  const years = () => [...new Set((latest(windows) ?? []).map((w) => w.year))].sort((a, b) => b - a);
  /** The year in the address, else the latest window's. */
  const year = () => (/^\d{4}$/.test(params.year ?? '') ? Number(params.year) : years()[0]);
  const [candidates, { refetch }] = createResource(
    () => (windows.state === 'ready' || windows.state === 'errored' ? { id: id(), year: year() } : false),
    (s) => fetchCandidates(s.id, s.year),
  );
  const [departments] = createResource(id, fetchDepartments);
  const [editing, setEditing] = createSignal<Candidate | null>(null);
  const editor = () => can(id(), 'gathering.screen');

  return (
    <Show when={can(id(), 'gathering.lists.page')} fallback={<NoAccess />}>
      <PageHeader
        title={t('candidates.title')}
        lead={t('candidates.lead')}
        actions={
          <>
            <Show when={can(id(), 'gathering.proposals.readAll')}>
              <a class="btn btn-secondary" href={candidatesCsvUrl(id(), year())} download="">
                {t('candidates.export')}
              </a>
            </Show>
            <A class="btn btn-secondary" href={`/c/${id()}/gathering/lists`}>
              {t('candidates.toLists')}
            </A>
          </>
        }
      />
      <div class="toolbar">
        <Show when={years().length > 0}>
          <SelectField
            label={t('proposals.filter.year')}
            value={year() ? String(year()) : ''}
            onValue={(v) => setParams({ year: v })}
            options={years().map((y) => ({ value: String(y), label: t('windows.yearValue', { year: y }) }))}
            fieldClass="inline-select"
          />
        </Show>
      </div>
      <Async resource={candidates} retry={refetch}>
        {(list) => (
          <>
            <Show when={list.length > 0}>
              <p class="count-line">{t('candidates.count', { n: fmt.count(list.length), total: fmt.wan(sumWan(list.map((c) => c.plannedInvestment))) })}</p>
            </Show>
            <Table
              caption={t('candidates.title')}
              rows={list}
              class="candidates-table"
              empty={
                <EmptyState
                  title={year() ? t('candidates.empty', { year: year()! }) : t('candidates.emptyNoYear')}
                  action={
                    <A class="btn btn-primary" href={`/c/${id()}/gathering/proposals?status=submitted${year() ? `&year=${year()}` : ''}`}>
                      {t('candidates.toProposals')}
                    </A>
                  }
                >
                  {t('candidates.emptyNext')}
                </EmptyState>
              }
              columns={[
                {
                  header: () => t('candidate.field.title'),
                  class: 'cand-cell',
                  noLabel: true,
                  cell: (c: Candidate) => (
                    <>
                      <strong class="block cand-title">{c.title}</strong>
                      <span class="clamp-2 small">{c.content}</span>
                      <span class="small muted block">{t('candidates.fundingLine', { text: c.fundingSource })}</span>
                      <span class="small muted block">{t('candidates.outcomeLine', { text: c.expectedOutcome })}</span>
                      <A class="small" href={`/c/${id()}/gathering/proposals/${c.proposalId}`}>
                        {c.mergedProposals > 0 ? t('candidates.proposalMerged', { n: c.mergedProposals }) : t('candidates.proposal')}
                      </A>
                    </>
                  ),
                },
                {
                  header: () => t('candidate.field.investment'),
                  class: 'nowrap num-cell',
                  cell: (c: Candidate) => <span class="num strong">{fmt.wan(Number(c.plannedInvestment))}</span>,
                },
                {
                  header: () => t('candidates.departments'),
                  class: 'dept-cell',
                  cell: (c: Candidate) => (
                    <>
                      <span class="block">
                        {c.leadDepartment.name} <span class="muted small nowrap">{t('candidates.leadWord')}</span>
                      </span>
                      <Show when={c.coDepartments.length}>
                        <span class="small muted block">{t('candidates.coLine', { names: c.coDepartments.map((d) => d.name).join(t('list.separator')) })}</span>
                      </Show>
                    </>
                  ),
                },
                { header: () => t('candidate.field.completion'), class: 'nowrap', cell: (c: Candidate) => <span class="num">{fmt.date(c.plannedCompletion)}</span> },
                {
                  header: () => t('common.actions'),
                  noLabel: true,
                  class: 'actions',
                  cell: (c: Candidate) => (
                    <Show
                      when={!c.locked}
                      fallback={
                        <span class="tag tag-muted">{t('candidates.locked')}</span>
                      }
                    >
                      <Show when={editor()} fallback={<span class="tag tag-ok">{t('candidates.editable')}</span>}>
                        <Button small onClick={() => setEditing(c)} aria-label={t('candidates.editAria', { title: c.title })}>
                          {t('common.edit')}
                        </Button>
                      </Show>
                    </Show>
                  ),
                },
              ]}
            />
          </>
        )}
      </Async>

      <Dialog open={editing() !== null} onClose={() => setEditing(null)} title={t('candidates.editTitle')} wide>
        <Show when={editing()}>
          {(c) => (
            <CandidateFieldsForm
              departments={latest(departments) ?? []}
              initial={{
                title: c().title,
                content: c().content,
                leadDepartmentId: c().leadDepartment.id,
                coDepartmentIds: c().coDepartments.map((d) => d.id),
                plannedInvestment: c().plannedInvestment,
                fundingSource: c().fundingSource,
                plannedCompletion: c().plannedCompletion,
                expectedOutcome: c().expectedOutcome,
              }}
              submitLabel={t('common.save')}
              onSubmit={(fields) => updateCandidate(id(), c().id, fields)}
              onCancel={() => setEditing(null)}
              onDone={() => {
                toast(t('candidates.saved', { title: c().title }));
                setEditing(null);
                void refetch();
              }}
            />
          )}
        </Show>
      </Dialog>
    </Show>
  );
}
