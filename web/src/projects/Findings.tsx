import { A } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { AnswerFinding } from '../../../shared/projects/schema.ts';
import { canAnswerFinding } from '../../../shared/projects/policy.ts';
import { FormError } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { TextAreaField, TextField } from '../components/Field.tsx';
import { toast } from '../components/Toast.tsx';
import { createFormState } from '../forms.ts';
import { fmt, t } from '../i18n.ts';
import { can } from '../session.ts';
import { findingStateClass, findingStateLabel, today, viewerIn } from './parts.tsx';
import { answerFinding, paths, reviewAnswer, type Finding } from './projects.data.ts';
import { daysBetween } from '../../../shared/time.ts';

/** The findings of an inspection or a project, each with its answer box or review where the viewer has one. */
export function FindingList(props: { congressId: string; findings: Finding[]; onChange: (f: Finding) => void; showProject?: boolean; showInspection?: boolean }) {
  return (
    <ol class="pj-findings">
      <For each={props.findings}>
        {(f) => (
          <li>
            <FindingCard congressId={props.congressId} finding={f} onChange={props.onChange} showProject={props.showProject} showInspection={props.showInspection} />
          </li>
        )}
      </For>
    </ol>
  );
}

/**
 * One finding (视察意见): what the representatives found, the department asked to answer and by when; the answer;
 * and the standing committee's acceptance or return. Overdue answers are flagged in red.
 */
export function FindingCard(props: { congressId: string; finding: Finding; onChange: (f: Finding) => void; showProject?: boolean; showInspection?: boolean }) {
  const f = () => props.finding;
  const mine = () => canAnswerFinding(viewerIn(props.congressId), { departmentId: f().department?.id ?? null });
  const mayAnswer = () => mine() && (f().state === 'awaiting_answer' || f().state === 'returned');
  const mayReview = () => can(props.congressId, 'projects.inspections.manage') && f().state === 'answered';
  const late = () => (f().overdue && f().answerDueOn ? daysBetween(f().answerDueOn!, today()) : 0);

  return (
    <article class={`pj-finding pj-finding-${f().state}`} classList={{ overdue: f().overdue }} aria-label={t('inspections.finding.aria')}>
      <header class="pj-finding-head">
        <span class={`tag ${findingStateClass(f())}`}>{f().overdue ? t('inspections.finding.overdue') : findingStateLabel(f())}</span>
        <Show when={f().department}>
          {(d) => (
            <span class="pj-finding-dept">
              {t('inspections.finding.to', { department: d().name })}
              <Show when={mine()}>
                <span class="tag tag-accent">{t('inspections.finding.yours')}</span>
              </Show>
            </span>
          )}
        </Show>
        <Show when={f().answerDueOn}>
          <span class="nowrap" classList={{ 'pj-bad': f().overdue }}>
            {t('inspections.finding.dueOn', { date: fmt.date(f().answerDueOn!) })}
            <Show when={late() > 0}> · {t('inspections.finding.overdueDays', { n: late() })}</Show>
          </span>
        </Show>
      </header>
      <Show when={props.showProject || props.showInspection}>
        <p class="muted small pj-finding-source">
          <Show when={props.showProject}>
            <A href={paths.project(props.congressId, f().projectId)}>{f().projectTitle}</A>
          </Show>
          <Show when={props.showProject && props.showInspection}> · </Show>
          <Show when={props.showInspection}>
            <A href={paths.inspection(props.congressId, f().inspectionId)}>
              {t('inspections.finding.from', { title: f().inspectionTitle, date: fmt.date(f().inspectionDate) })}
            </A>
          </Show>
        </p>
      </Show>
      <p class="pj-finding-text">{f().text}</p>
      <Show when={f().answer}>
        <div class="pj-answer">
          <p class="pj-answer-head">
            <strong>{t('inspections.finding.answer')}</strong>
            <Show when={f().answeredAt}>
              <span class="muted small"> · {fmt.dateTime(f().answeredAt!)}</span>
            </Show>
          </p>
          <p class="pj-pre">{f().answer}</p>
        </div>
      </Show>
      <Show when={f().reviewNote}>
        <p class="pj-review-note" classList={{ returned: f().state === 'returned' }}>
          <strong>{f().state === 'returned' ? t('inspections.review.returnedNote') : t('inspections.review.note')}</strong> {f().reviewNote}
        </p>
      </Show>
      <Show when={mayAnswer()}>
        <AnswerBox congressId={props.congressId} finding={f()} onDone={props.onChange} />
      </Show>
      <Show when={mayReview()}>
        <ReviewBox congressId={props.congressId} finding={f()} onDone={props.onChange} />
      </Show>
    </article>
  );
}

function AnswerBox(props: { congressId: string; finding: Finding; onDone: (f: Finding) => void }) {
  const form = createFormState();
  const [answer, setAnswer] = createSignal(props.finding.state === 'returned' ? props.finding.answer : '');
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const input = form.check(AnswerFinding, { answer: answer() });
    if (!input) return;
    const done = await form.run(() => answerFinding(props.congressId, props.finding.id, input), ['answer']);
    if (done) {
      toast(t('inspections.answer.done'));
      props.onDone(done.value);
    }
  };
  return (
    <form class="pj-answer-form" onSubmit={submit} novalidate>
      <FormError error={form.formError()} />
      <TextAreaField
        label={props.finding.state === 'returned' ? t('inspections.answer.again') : t('inspections.answer.label')}
        hint={t('inspections.answer.hint')}
        value={answer()}
        onValue={(v) => {
          setAnswer(v);
          form.clearError('answer');
        }}
        error={form.error('answer')}
        rows={4}
        maxlength={4000}
        required
      />
      <div class="form-actions start">
        <Button type="submit" variant="primary" busy={form.busy()}>
          {t('inspections.answer.submit')}
        </Button>
      </div>
    </form>
  );
}

function ReviewBox(props: { congressId: string; finding: Finding; onDone: (f: Finding) => void }) {
  const form = createFormState();
  const [note, setNote] = createSignal('');
  const [returning, setReturning] = createSignal(false);
  const send = async (accept: boolean) => {
    if (!accept && !note().trim()) {
      form.setErrors({ note: t('inspections.review.noteNeeded') });
      return;
    }
    setReturning(!accept);
    const done = await form.run(() => reviewAnswer(props.congressId, props.finding.id, { accept, note: note() }), ['note']);
    if (done) {
      toast(accept ? t('inspections.review.accepted') : t('inspections.review.returned'));
      props.onDone(done.value);
    }
  };
  return (
    <div class="pj-review">
      <FormError error={form.formError()} />
      <TextField
        label={t('inspections.review.noteLabel')}
        hint={t('inspections.review.noteHint')}
        value={note()}
        onValue={(v) => {
          setNote(v);
          form.clearError('note');
        }}
        error={form.error('note')}
        maxlength={1000}
      />
      <div class="form-actions start">
        <Button variant="primary" busy={form.busy() && !returning()} disabled={form.busy()} onClick={() => send(true)}>
          {t('inspections.review.accept')}
        </Button>
        <Button variant="danger" busy={form.busy() && returning()} disabled={form.busy()} onClick={() => send(false)}>
          {t('inspections.review.return')}
        </Button>
      </div>
    </div>
  );
}
