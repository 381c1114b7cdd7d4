import { createSignal, For, Match, Show, Switch, type Component } from 'solid-js';
import type { FeedbackGrade } from '../../../shared/items/enums.ts';
import type { Tracking } from '../../../shared/gathering/schema.ts';
import { Alert, FormError } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { TextAreaField } from '../components/Field.tsx';
import { createFormState } from '../forms.ts';
import { fmt, t } from '../i18n.ts';
import { Step } from '../public/TrackStep.tsx';
import { itemFeedback, type ItemTracking } from './items.data.ts';
import { answerClassLabel, GradeChoice, gradeLabel, itemCategoryLabel, itemSourceLabel } from './parts.tsx';
import './items.css';

/**
 * An item on the tracking page (/t/:code): received, triage, the department and its deadline, the accepted answers,
 * and — once it is done — the submitter's rating 满意 / 基本满意 / 不满意; 不满意 on the first answer assigns it again
 * (已重新交办). An item that became a proposal goes on with that proposal's own timeline (`Timeline`).
 */
export function ItemTimeline(props: { item: ItemTracking; proposal: Tracking | null; onRated: () => void; Timeline: Component<{ p: Tracking }> }) {
  const it = () => props.item;
  /** Reopened by the submitter's 不满意 and waiting for the second answer (said again on every visit until it comes). */
  const reopened = () => it().round > 1 && (it().status === 'assigned' || it().status === 'answered');
  /** The rating given to round `n`'s answer (only the latest is kept: the first round's, if it reopened the item, is 不满意). */
  const gradeOf = (round: number): FeedbackGrade | null =>
    it().feedbackRound === round ? it().feedback : round === 1 && it().round > 1 ? 'unsatisfied' : null;
  return (
    <section class="track-result" aria-labelledby="track-item">
      <div class="track-head">
        <p class="kicker">{t('itemTrack.kicker', { congress: it().congressName })}</p>
        <h2 id="track-item">{it().title}</h2>
        <p class="muted">
          {itemCategoryLabel(it().category)} · <span class="mono">{it().trackingCode}</span>
        </p>
      </div>
      <Show when={reopened()}>
        <Alert kind="success" title={t('itemTrack.rate.reopened')} />
      </Show>
      <ol class="timeline">
        <Step state="done" title={t('itemTrack.received')} day={it().receivedOn}>
          <p>{t('itemTrack.receivedVia', { source: itemSourceLabel(it().source) })}</p>
        </Step>
        <For each={it().answers}>
          {(a) => (
            <Step state="done" title={t('itemTrack.answer', { class: answerClassLabel(a.answerClass) })} day={a.answeredOn}>
              <Show when={it().department}>{(d) => <p class="muted small">{d()}</p>}</Show>
              <p class="item-track-answer">{a.text}</p>
              <Show when={gradeOf(a.round)}>{(g) => <p class="tl-note">{t('itemTrack.rate.given', { grade: gradeLabel(g()) })}</p>}</Show>
            </Step>
          )}
        </For>
        <Switch>
          <Match when={it().status === 'received'}>
            <Step state="current" title={t('itemTrack.triage')}>
              <p>{t('itemTrack.triageNow')}</p>
            </Step>
          </Match>
          <Match when={it().status === 'assigned'}>
            <Step state="current" title={it().round > 1 ? t('itemTrack.assignedAgain') : t('itemTrack.assigned')}>
              <p>{t(it().round > 1 ? 'itemTrack.assignedAgainText' : 'itemTrack.assignedTo', { department: it().department ?? '', date: it().dueOn ? fmt.date(it().dueOn!) : '' })}</p>
            </Step>
          </Match>
          <Match when={it().status === 'answered'}>
            <Step state="current" title={t('itemTrack.answered')}>
              <p>{t('itemTrack.answeredText')}</p>
            </Step>
          </Match>
          <Match when={it().status === 'done'}>
            <Step state="done" title={it().answers.length === 0 ? t('itemTrack.onSpot') : t('itemTrack.done')}>
              <Show when={it().answers.length === 0 && it().triageNote}>
                <p class="item-track-answer">{it().triageNote}</p>
              </Show>
              <Show when={it().answers.length === 0 && it().feedback}>{(g) => <p class="tl-note">{t('itemTrack.rate.given', { grade: gradeLabel(g()) })}</p>}</Show>
            </Step>
          </Match>
          <Match when={it().status === 'referred'}>
            <Step state="muted" title={t('itemTrack.referred')}>
              <Show when={it().triageNote}>
                <p>{it().triageNote}</p>
              </Show>
            </Step>
          </Match>
          <Match when={it().status === 'merged'}>
            <Step state="muted" title={t('itemTrack.merged')}>
              <Show when={it().mergedInto}>
                {(m) => (
                  <p>
                    “{m().title}” <a href={`/t/${m().trackingCode}`} class="mono">{m().trackingCode}</a>
                  </p>
                )}
              </Show>
            </Step>
          </Match>
          <Match when={it().status === 'to_proposal'}>
            <Step state="done" title={t('itemTrack.toProposal')}>
              <p>{t('itemTrack.toProposalText')}</p>
            </Step>
          </Match>
        </Switch>
      </ol>
      <Show when={it().canRate}>
        <RateForm
          item={it()}
          onDone={() => props.onRated()}
        />
      </Show>
      <Show when={it().status !== 'done' && it().status !== 'referred' && it().status !== 'merged' && it().status !== 'to_proposal'}>
        <Alert kind="info" title={t('itemTrack.comeBack')} />
      </Show>
      <Show when={props.proposal}>{(p) => <props.Timeline p={p()} />}</Show>
    </section>
  );
}

function RateForm(props: { item: ItemTracking; onDone: () => void }) {
  const form = createFormState();
  const [grade, setGrade] = createSignal<FeedbackGrade | null>(null);
  const [comment, setComment] = createSignal('');
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!grade()) return form.setFormError({ message: t('itemTrack.rate.pick'), extra: [] });
    const ok = await form.run(() => itemFeedback(props.item.trackingCode, { grade: grade()!, comment: comment().trim() }));
    if (ok) props.onDone();
  };
  return (
    <form class="card item-rate" onSubmit={submit} novalidate aria-labelledby="item-rate-title">
      <h3 id="item-rate-title">{t('itemTrack.rate.title')}</h3>
      <p class="muted">{t('itemTrack.rate.lead')}</p>
      <FormError error={form.formError()} />
      <GradeChoice name="feedback" legendHidden label={t('itemTrack.rate.title')} value={grade()} onValue={(g) => {
        form.setFormError(null);
        setGrade(g);
      }} />
      <TextAreaField label={t('itemTrack.rate.comment')} value={comment()} onValue={setComment} rows={2} maxlength={500} />
      <Show when={grade() === 'unsatisfied' && props.item.reopensOnUnsatisfied}>
        <p class="consequence">{t('itemTrack.rate.confirmUnsatisfied')}</p>
      </Show>
      <div class="form-actions start">
        <Button type="submit" variant="primary" busy={form.busy()} class="item-big-btn">
          {t('itemTrack.rate.submit')}
        </Button>
      </div>
    </form>
  );
}
