import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { filesReports } from '../../../shared/evaluation/policy.ts';
import { RectificationReport, ReviewRectification, SetDeadline } from '../../../shared/evaluation/schema.ts';
import { Alert, FormError } from '../components/Alert.tsx';
import { Async } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { TextAreaField, TextField } from '../components/Field.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { toast } from '../components/Toast.tsx';
import { useCongress } from '../congress/context.tsx';
import { createFormState } from '../forms.ts';
import { fmt, t } from '../i18n.ts';
import { can, rolesIn } from '../session.ts';
import { fetchRectifications, fileRectification, paths, reviewRectification, setRectificationDeadline, type Rectification } from './evaluation.data.ts';
import { GradeTag, targetKindLabel } from './parts.tsx';
import { shanghaiToday } from '../../../shared/time.ts';

type Filter = 'all' | 'todo' | 'reported' | 'accepted';
const FILTERS: Filter[] = ['all', 'todo', 'reported', 'accepted'];
const matches = (f: Filter, x: Rectification) =>
  f === 'all' || (f === 'todo' ? x.state === 'open' || x.state === 'returned' : x.state === f);
const stateClass = (s: Rectification['state']) => ({ open: 'tag-warn', reported: 'tag-info ev-tag-info', accepted: 'tag-ok', returned: 'tag-bad' })[s];

/**
 * 整改: what a published round's 基本满意 and 不满意 grades opened. A department files its report by the deadline
 * (and again when it is returned); staff accept or return it with a note and may move the deadline. A 不满意 grade
 * also needs a re-evaluation, whose grade shows here once published; repeated 不满意 is marked.
 */
export default function RectificationsPage() {
  const { id } = useCongress();
  const [list, { refetch, mutate }] = createResource(id, fetchRectifications);
  const [filter, setFilter] = createSignal<Filter>('all');
  const staff = () => can(id(), 'evaluation.rectifications.review');
  const department = () => filesReports({ roles: rolesIn(id()) });
  const replace = (x: Rectification) => mutate((list.latest ?? []).map((y) => (y.id === x.id ? x : y)));

  return (
    <Show when={can(id(), 'evaluation.read')} fallback={<NoAccess />}>
      <PageHeader
        kicker={
          <Show when={!department() || staff()}>
            <A href={paths.rounds(id())}>← {t('evaluation.rounds.title')}</A>
          </Show>
        }
        title={t('rectification.title')}
        lead={department() && !staff() ? t('rectification.leadDepartment') : t('rectification.lead')}
      />
      <Async resource={list} retry={refetch}>
        {(rows) => (
          <Show
            when={rows.length > 0}
            fallback={<EmptyState title={t('rectification.empty')}>{department() ? t('rectification.emptyDepartment') : t('rectification.emptyNext')}</EmptyState>}
          >
            <div class="toolbar">
              <div class="segmented" role="radiogroup" aria-label={t('rectification.filter')}>
                <For each={FILTERS}>
                  {(f) => (
                    <button type="button" role="radio" aria-checked={filter() === f} classList={{ on: filter() === f }} onClick={() => setFilter(f)}>
                      {t(`rectification.filter.${f}`)} <span class="num">{rows.filter((x) => matches(f, x)).length}</span>
                    </button>
                  )}
                </For>
              </div>
              <Show when={rows.some((x) => x.overdue)}>
                <span class="tag tag-bad">{t('rectification.overdueCount', { n: rows.filter((x) => x.overdue).length })}</span>
              </Show>
            </div>
            <Show when={rows.some((x) => matches(filter(), x))} fallback={<p class="empty-inline">{t('rectification.noneHere')}</p>}>
              <div class="ev-rects">
                <For each={rows.filter((x) => matches(filter(), x))}>
                  {(x) => <RectCard x={x} congressId={id()} staff={staff()} department={department()} onChange={replace} />}
                </For>
              </div>
            </Show>
          </Show>
        )}
      </Async>
    </Show>
  );
}

function RectCard(props: { x: Rectification; congressId: string; staff: boolean; department: boolean; onChange: (x: Rectification) => void }) {
  const x = () => props.x;
  const [reviewing, setReviewing] = createSignal<boolean | null>(null);
  const [moving, setMoving] = createSignal(false);
  const canFile = () => props.department && (x().state === 'open' || x().state === 'returned');

  return (
    <article class="card ev-rect" classList={{ overdue: x().overdue }} aria-labelledby={`ev-r-${x().id}`}>
      <header class="ev-rect-head">
        <div class="ev-rect-names">
          <p class="kicker">{x().roundTitle}</p>
          {/* What was graded leads the title: a department sees its projects' cards and its own side by side. */}
          <h2 id={`ev-r-${x().id}`}>
            <span class="tag ev-rect-kind">{targetKindLabel(x().targetKind)}</span> {x().targetTitle}
          </h2>
          <Show when={x().targetKind === 'project'}>
            <p class="muted">{t('rectification.department', { name: x().department.name })}</p>
          </Show>
        </div>
        <div class="ev-rect-tags">
          <span class="tag-list">
            <span class="muted small">{t('rectification.grade')}</span> <GradeTag grade={x().grade} />
          </span>
          <Show when={x().repeated}>
            <span class="tag tag-bad ev-repeated">{t('evaluation.repeated')}</span>
          </Show>
          <span class={`tag ${stateClass(x().state)}`}>{t(`rectification.state.${x().state}`)}</span>
        </div>
      </header>

      <dl class="facts ev-rect-facts">
        <div>
          <dt>{t('rectification.deadline')}</dt>
          <dd>
            <span class="num" classList={{ 'ev-overdue': x().overdue }}>
              {fmt.date(x().deadline)}
            </span>
            <Show when={x().overdue}>
              {' '}
              <span class="tag tag-bad">{t('rectification.overdue')}</span>
            </Show>
          </dd>
        </div>
        <div>
          <dt>{t('rectification.required')}</dt>
          <dd>{x().requiresReevaluation ? t('rectification.requiredReevaluation') : t('rectification.requiredReport')}</dd>
        </div>
        <Show when={x().reportedAt}>
          {(when) => (
            <div>
              <dt>{t('rectification.reportedAt')}</dt>
              <dd class="num">{fmt.dateTime(when())}</dd>
            </div>
          )}
        </Show>
        {/* Only a 不满意 grade is re-evaluated (the server also links the round's other rectifications to it). */}
        <Show when={x().requiresReevaluation && x().reevaluation}>
          {(re) => (
            <div>
              <dt>{t('rectification.reevaluation')}</dt>
              <dd>
                <Show when={re().grade} fallback={<span class="muted">{t('rectification.reevaluationPending')}</span>}>
                  {(g) => <GradeTag grade={g()} />}
                </Show>{' '}
                <A href={paths.round(props.congressId, re().roundId)}>{t('rectification.reevaluationLink')}</A>
              </dd>
            </div>
          )}
        </Show>
      </dl>

      <Show when={x().report}>
        <section class="ev-rect-report">
          <h3>{t('rectification.report')}</h3>
          <p class="ev-pre">{x().report}</p>
        </section>
      </Show>
      <Show when={x().reviewNote && (x().state === 'returned' || x().state === 'accepted')}>
        <Alert kind={x().state === 'returned' ? 'warning' : 'success'} title={x().state === 'returned' ? t('rectification.returnedNote') : t('rectification.acceptedNote')}>
          <p class="ev-pre">{x().reviewNote}</p>
        </Alert>
      </Show>

      <Show when={canFile()}>
        <ReportForm x={x()} congressId={props.congressId} onDone={props.onChange} />
      </Show>

      <Show when={props.staff && x().state !== 'accepted'}>
        <div class="ev-rect-actions">
          <Show when={x().state === 'reported'}>
            <Button variant="primary" onClick={() => setReviewing(true)}>
              {t('rectification.accept')}
            </Button>
            <Button onClick={() => setReviewing(false)}>{t('rectification.return')}</Button>
          </Show>
          <Button onClick={() => setMoving(true)}>
            {t('rectification.moveDeadline')}
          </Button>
        </div>
      </Show>

      <Dialog open={reviewing() !== null} onClose={() => setReviewing(null)} title={reviewing() ? t('rectification.accept') : t('rectification.return')}>
        <ReviewForm
          x={x()}
          accept={!!reviewing()}
          congressId={props.congressId}
          onCancel={() => setReviewing(null)}
          onDone={(next) => {
            setReviewing(null);
            props.onChange(next);
            toast(next.state === 'accepted' ? t('rectification.accepted') : t('rectification.returned'));
          }}
        />
      </Dialog>
      <Dialog open={moving()} onClose={() => setMoving(false)} title={t('rectification.moveDeadline')}>
        <DeadlineForm
          x={x()}
          congressId={props.congressId}
          onCancel={() => setMoving(false)}
          onDone={(next) => {
            setMoving(false);
            props.onChange(next);
            toast(t('rectification.deadlineSaved', { date: fmt.date(next.deadline) }));
          }}
        />
      </Dialog>
    </article>
  );
}

function ReportForm(props: { x: Rectification; congressId: string; onDone: (x: Rectification) => void }) {
  const form = createFormState();
  const [report, setReport] = createSignal(props.x.report);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const input = form.check(RectificationReport, { report: report() });
    if (!input) return;
    const done = await form.run(() => fileRectification(props.congressId, props.x.id, input.report), ['report']);
    if (done) {
      props.onDone(done.value);
      toast(t('rectification.filed'));
    }
  };
  return (
    <form class="ev-rect-form" onSubmit={submit} novalidate>
      <FormError error={form.formError()} />
      <TextAreaField
        label={props.x.state === 'returned' ? t('rectification.form.again') : t('rectification.form.label')}
        hint={t('rectification.form.hint', { date: fmt.date(props.x.deadline) })}
        value={report()}
        onValue={(v) => {
          setReport(v);
          form.clearError('report');
        }}
        error={form.error('report')}
        rows={6}
        maxlength={8000}
        required
      />
      <div class="form-actions start">
        <Button type="submit" variant="primary" busy={form.busy()}>
          {t('rectification.form.submit')}
        </Button>
        <span class="muted small">{t('rectification.form.after')}</span>
      </div>
    </form>
  );
}

function ReviewForm(props: { x: Rectification; accept: boolean; congressId: string; onCancel: () => void; onDone: (x: Rectification) => void }) {
  const form = createFormState();
  const [note, setNote] = createSignal('');
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!props.accept && !note().trim()) return form.setErrors({ note: t('rectification.review.noteNeeded') });
    const input = form.check(ReviewRectification, { accept: props.accept, note: note() });
    if (!input) return;
    const done = await form.run(() => reviewRectification(props.congressId, props.x.id, input.accept, input.note), ['note']);
    if (done) props.onDone(done.value);
  };
  return (
    <form onSubmit={submit} novalidate>
      <FormError error={form.formError()} />
      <p>{props.accept ? t('rectification.review.acceptText', { title: props.x.targetTitle }) : t('rectification.review.returnText', { title: props.x.targetTitle })}</p>
      <TextAreaField
        label={props.accept ? t('rectification.review.noteOptional') : t('rectification.review.note')}
        value={note()}
        onValue={(v) => {
          setNote(v);
          form.clearError('note');
        }}
        error={form.error('note')}
        maxlength={1000}
        required={!props.accept}
      />
      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={form.busy()}>
          {props.accept ? t('rectification.review.acceptConfirm') : t('rectification.review.returnConfirm')}
        </Button>
      </div>
    </form>
  );
}

function DeadlineForm(props: { x: Rectification; congressId: string; onCancel: () => void; onDone: (x: Rectification) => void }) {
  const form = createFormState();
  const [date, setDate] = createSignal(props.x.deadline);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const input = form.check(SetDeadline, { deadline: date() });
    if (!input) return;
    const done = await form.run(() => setRectificationDeadline(props.congressId, props.x.id, input.deadline), ['deadline']);
    if (done) props.onDone(done.value);
  };
  return (
    <form onSubmit={submit} novalidate>
      <FormError error={form.formError()} />
      <TextField
        type="date"
        label={t('rectification.deadline')}
        hint={t('rectification.deadlineHint', { today: fmt.date(shanghaiToday()) })}
        value={date()}
        onValue={setDate}
        error={form.error('deadline')}
        required
      />
      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={form.busy()}>
          {t('common.save')}
        </Button>
      </div>
    </form>
  );
}
