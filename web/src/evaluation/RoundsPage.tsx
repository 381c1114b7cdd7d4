import { A, useNavigate } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { SATISFACTION } from '../../../shared/evaluation/kinds.ts';
import { CreateRound, TARGET_KINDS } from '../../../shared/evaluation/schema.ts';
import { FormError } from '../components/Alert.tsx';
import { Async, Loading } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { CheckField, SelectField, TextField } from '../components/Field.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Table } from '../components/Table.tsx';
import { toast } from '../components/Toast.tsx';
import { useCongress } from '../congress/context.tsx';
import { createFormState } from '../forms.ts';
import { fmt, t } from '../i18n.ts';
import { can } from '../session.ts';
import { AUDIENCES, createRound, fetchProjects, fetchRounds, paths, type Audience, type Round } from './evaluation.data.ts';
import { OtherTargetsPicker, type PickedTarget, TargetRegistry } from './OtherTargets.tsx';
import { audienceLabel, StateTag, targetKindLabel, thisYear } from './parts.tsx';

/** 满意度测评: every round of the congress (newest first), and for staff the form that starts one. */
export default function RoundsPage() {
  const { id } = useCongress();
  const navigate = useNavigate();
  const [list, { refetch }] = createResource(id, fetchRounds);
  const [creating, setCreating] = createSignal(false);
  const staff = () => can(id(), 'evaluation.manage');
  const answers = (r: Round) => r.responses.representatives + r.responses.residents;

  return (
    <Show when={can(id(), 'evaluation.read')} fallback={<NoAccess />}>
      <PageHeader
        title={t('evaluation.rounds.title')}
        lead={t('evaluation.rounds.lead')}
        actions={
          <>
            <A class="btn btn-secondary" href={paths.league(id())}>
              {t('nav.evaluationLeague')}
            </A>
            <A class="btn btn-secondary" href={paths.rectifications(id())}>
              {t('nav.rectifications')}
            </A>
            <Show when={staff()}>
              <Button variant="primary" onClick={() => setCreating(true)}>
                {t('evaluation.rounds.add')}
              </Button>
            </Show>
          </>
        }
      />
      <Async resource={list} retry={refetch}>
        {(rows) => (
          <Table
            caption={t('evaluation.rounds.title')}
            rows={rows}
            empty={
              <EmptyState
                title={t('evaluation.rounds.empty')}
                action={
                  <Show when={staff()}>
                    <Button variant="primary" onClick={() => setCreating(true)}>
                      {t('evaluation.rounds.add')}
                    </Button>
                  </Show>
                }
              >
                {staff() ? t('evaluation.rounds.emptyNext') : t('evaluation.rounds.emptyWait')}
              </EmptyState>
            }
            columns={[
              {
                header: () => t('evaluation.field.title'),
                noLabel: true,
                cell: (r: Round) => (
                  <>
                    <A href={paths.round(id(), r.id)} class="strong-link">
                      {r.title}
                    </A>
                    <span class="muted small block">
                      {t('evaluation.yearValue', { year: r.year })}
                      <Show when={r.kind === 'reevaluation'}>
                        {' · '}
                        {t('evaluation.kind.reevaluation')}
                      </Show>
                    </span>
                  </>
                ),
              },
              { header: () => t('evaluation.field.state'), cell: (r: Round) => <StateTag state={r.state} /> },
              { header: () => t('evaluation.field.audiences'), cell: (r: Round) => r.audiences.map(audienceLabel).join(' · ') },
              {
                header: () => t('evaluation.field.targets'),
                class: 'nowrap',
                cell: (r: Round) => (
                  <span class="num">
                    {TARGET_KINDS.map((k) => [k, r.targets.filter((x) => x.kind === k).length] as const)
                      .filter(([, n]) => n > 0)
                      .map(([k, n]) => t('evaluation.targetsCount', { kind: targetKindLabel(k), n }))
                      .join(' · ')}
                  </span>
                ),
              },
              {
                header: () => t('evaluation.field.answers'),
                class: 'nowrap',
                cell: (r: Round) => <span class="num">{r.state === 'draft' ? '—' : fmt.count(answers(r))}</span>,
              },
            ]}
          />
        )}
      </Async>
      <Show when={staff()}>
        <TargetRegistry congressId={id()} />
      </Show>
      <Dialog open={creating()} onClose={() => setCreating(false)} title={t('evaluation.rounds.add')} wide>
        <NewRoundForm
          congressId={id()}
          onCancel={() => setCreating(false)}
          onDone={(r) => {
            setCreating(false);
            toast(t('evaluation.created', { title: r.title }));
            navigate(paths.round(id(), r.id));
          }}
        />
      </Dialog>
    </Show>
  );
}

/**
 * Year, title, who answers, which projects (their departments with them), which other targets (departments on their
 * own, officials, suggestion handling, inquiries, representatives), and whether 不了解 is offered.
 */
function NewRoundForm(props: { congressId: string; onCancel: () => void; onDone: (r: Round) => void }) {
  const form = createFormState();
  const [year, setYear] = createSignal(thisYear());
  const defaultTitle = (y: number) => t('evaluation.new.defaultTitle', { year: y });
  const [title, setTitle] = createSignal(defaultTitle(thisYear()));
  const [audiences, setAudiences] = createSignal<Audience[]>(['representatives', 'residents']);
  const [picked, setPicked] = createSignal<string[]>([]);
  const [others, setOthers] = createSignal<PickedTarget[]>([]);
  const [includeDepartments, setIncludeDepartments] = createSignal(true);
  const [allowUnknown, setAllowUnknown] = createSignal(true);
  const [projects] = createResource(year, (y) => fetchProjects(props.congressId, y));
  const years = () => Array.from({ length: 6 }, (_, i) => thisYear() + 1 - i);
  const departments = createMemo(() => {
    const chosen = (projects.latest ?? []).filter((p) => picked().includes(p.id));
    return [...new Map(chosen.flatMap((p) => [p.leadDepartment, ...p.coDepartments]).map((d) => [d.id, d.name])).values()];
  });

  const changeYear = (y: number) => {
    // The suggested title follows the year until someone writes their own.
    if (title() === defaultTitle(year())) setTitle(defaultTitle(y));
    setYear(y);
    setPicked([]);
  };
  const toggle = <T,>(list: T[], v: T, on: boolean) => (on ? [...list.filter((x) => x !== v), v] : list.filter((x) => x !== v));
  // A choice made clears the message that asked for it.
  const pick = (ids: string[]) => {
    setPicked(ids);
    form.clearError('projectIds');
  };
  const chooseAudiences = (list: Audience[]) => {
    setAudiences(list);
    form.clearError('audiences');
  };
  const allPicked = () => (projects.latest ?? []).length > 0 && picked().length === (projects.latest ?? []).length;

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    // Projects in the order they are listed, whatever order they were ticked in.
    const order = (projects.latest ?? []).map((p) => p.id).filter((id) => picked().includes(id));
    const input = form.check(CreateRound, {
      year: year(),
      title: title(),
      audiences: AUDIENCES.filter((a) => audiences().includes(a)),
      projectIds: order,
      includeDepartments: includeDepartments(),
      // By kind (departments, then officials…), whatever order they were ticked in.
      targets: [...others()].sort((a, b) => TARGET_KINDS.indexOf(a.kind) - TARGET_KINDS.indexOf(b.kind)),
      allowUnknown: allowUnknown(),
    });
    if (!input) return;
    // At least one target of any kind.
    if (input.projectIds.length === 0 && input.targets.length === 0) return void form.setErrors({ projectIds: t('evaluation.new.targetsNeeded') });
    const done = await form.run(() => createRound(props.congressId, input), ['title', 'year', 'audiences', 'projectIds']);
    if (done) props.onDone(done.value);
  };

  return (
    <form onSubmit={submit} novalidate class="ev-new">
      <FormError error={form.formError()} />
      <div class="row-2">
        <SelectField
          label={t('evaluation.field.year')}
          value={String(year())}
          onValue={(v) => changeYear(Number(v))}
          options={years().map((y) => ({ value: String(y), label: t('evaluation.yearValue', { year: y }) }))}
        />
        <TextField label={t('evaluation.field.title')} value={title()} onValue={(v) => (setTitle(v), form.clearError('title'))} error={form.error('title')} maxlength={120} required />
      </div>
      <fieldset class="choices" aria-describedby="ev-aud-hint">
        <legend>{t('evaluation.field.audiences')}</legend>
        <div class="ev-inline-checks">
          <For each={AUDIENCES}>
            {(a) => <CheckField label={audienceLabel(a)} checked={audiences().includes(a)} onValue={(on) => chooseAudiences(toggle(audiences(), a, on))} />}
          </For>
        </div>
        <p class="hint" id="ev-aud-hint">
          {t('evaluation.new.audiencesHint')}
        </p>
        <Show when={form.error('audiences')}>
          <p class="field-error">{t('evaluation.new.audiencesNeeded')}</p>
        </Show>
      </fieldset>
      <fieldset class="choices">
        <legend>{t('evaluation.new.projects', { year: year() })}</legend>
        <Show when={!projects.loading || projects.latest} fallback={<Loading inline />}>
          <Show
            when={(projects.latest ?? []).length > 0}
            fallback={<p class="empty-inline">{t('evaluation.new.noProjects', { year: year() })}</p>}
          >
            <div class="ev-pick-head">
              <CheckField
                label={t('evaluation.new.all', { n: (projects.latest ?? []).length })}
                checked={allPicked()}
                onValue={(on) => pick(on ? (projects.latest ?? []).map((p) => p.id) : [])}
              />
              <span class="muted num">{t('evaluation.new.picked', { n: picked().length })}</span>
            </div>
            <ul class="ev-pick plain-list">
              <For each={projects.latest ?? []}>
                {(p) => (
                  <li>
                    <CheckField
                      label={p.title}
                      hint={[p.leadDepartment.name, ...p.coDepartments.map((d) => d.name)].join('、')}
                      checked={picked().includes(p.id)}
                      onValue={(on) => pick(toggle(picked(), p.id, on))}
                    />
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Show>
        <Show when={form.error('projectIds')}>
          <p class="field-error">{t('evaluation.new.targetsNeeded')}</p>
        </Show>
      </fieldset>
      <CheckField
        label={t('evaluation.new.includeDepartments')}
        hint={departments().length ? t('evaluation.new.departmentsList', { names: departments().join('、') }) : t('evaluation.new.includeDepartmentsHint')}
        checked={includeDepartments()}
        onValue={setIncludeDepartments}
      />
      <OtherTargetsPicker congressId={props.congressId} picked={others()} onPick={(p) => (setOthers(p), form.clearError('projectIds'))} />
      <Show when={SATISFACTION.optional}>
        <CheckField label={t('evaluation.new.allowUnknown')} hint={t('evaluation.new.allowUnknownHint')} checked={allowUnknown()} onValue={setAllowUnknown} />
      </Show>
      <p class="hint">{t('evaluation.new.itemsLater')}</p>
      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={form.busy()}>
          {t('evaluation.new.submit')}
        </Button>
      </div>
    </form>
  );
}
