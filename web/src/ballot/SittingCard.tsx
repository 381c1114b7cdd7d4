import { createEffect, For, on, Show } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { forCount, methodOf, type Mark, type MarkMode, type Marks } from '../../../shared/ballot/marks.ts';
import { invalidQuestions, partOf } from '../../../shared/ballot/questions.ts';
import type { QuestionView } from '../../../shared/ballot/schema.ts';
import { fmt, t } from '../i18n.ts';
import { MarkButtons } from './MarkButtons.tsx';

/**
 * One card, several questions (表决事项单, SPEC §15): the tablet walks a sitting's questions one a screen — a motion's
 * title and text with its three big buttons, or the project list as a plain vote shows it — then reviews them all
 * together before the one cast. Every word about marks comes from the question's vote method (`methodOf`): nothing
 * here branches on a mark mode. A card with one question never comes here (BallotPage shows it as always).
 */

/** A question of the card as the tablet reads it (BallotView.questions), and a project on it. */
export type CardQuestion = QuestionView;
export type CardCandidate = QuestionView['candidates'][number];

const checkable = (q: CardQuestion) => ({ id: q.id, kind: q.kind, markMode: q.markMode, seats: q.seats, maxFor: q.maxFor, candidateIds: q.candidates.map((c) => c.id) });
/** The questions an over-marked part makes invalid (for that question only), with why. */
export const invalidOf = (marks: Marks, questions: readonly CardQuestion[]) => invalidQuestions(marks, questions.map(checkable));
/** How many 赞成 one question holds. */
export const forCountOf = (marks: Marks, q: CardQuestion) => forCount(partOf(marks, checkable(q)));
/** A mark as the review says it, in the question's method's words (an unmarked one so that the voter knows how it counts). */
export const markWordOf = (q: CardQuestion, m: Mark | undefined) => {
  const words = methodOf(q.markMode).words;
  return t(m ? words.button[m] : words.reviewUnmarked);
};
/** A mark's word in parts that never break inside: 未选（按弃权计） may break only before its bracket. */
export const markParts = (word: string) => word.split(/(?=（| \()/);

/** The project rows of a vote (the candidates with their figures and mark buttons); `heading` is h2 on a plain card. */
export function ProjectRows(props: { candidates: readonly CardCandidate[]; mode: MarkMode; marks: Marks; onMark: (id: string, m: Mark) => void; heading: 'h2' | 'h3' }) {
  return (
    <ol class="ballot-list">
      <For each={props.candidates}>
        {(c) => (
          <li class="ballot-row" classList={{ marked: !!props.marks[c.id] }}>
            <div class="ballot-cand">
              <span class="ballot-pos" aria-hidden="true">
                {c.position}
              </span>
              <div>
                <Dynamic component={props.heading} class="ballot-name">
                  {c.title}
                </Dynamic>
                <p class="ballot-meta">
                  <Show when={c.plannedInvestment}>{(a) => <span>{t('ballot.investment', { amount: fmt.wan(Number(a())) })}</span>}</Show>
                  <Show when={c.leadDepartment}>{(d) => <span>{t('ballot.lead', { dept: d() })}</span>}</Show>
                  <Show when={c.plannedCompletion}>{(d) => <span>{t('ballot.completion', { date: fmt.date(d()) })}</span>}</Show>
                </p>
              </div>
            </div>
            <MarkButtons candidateId={c.id} title={c.title} mode={props.mode} marks={props.marks} onMark={props.onMark} />
          </li>
        )}
      </For>
    </ol>
  );
}

/**
 * One question of a sitting, on its own screen: the sitting's bar (its title, the card's serial, and for a project
 * question the 赞成 count against its most), "第 2 项 / 共 4 项" with the question's title (focused when the screen
 * changes, so a screen reader says where it is), a motion's text, the marks, and 上一项 / 下一项 (检查选票 on the last).
 */
export function QuestionScreen(props: {
  sittingTitle: string;
  serial: string;
  questions: readonly CardQuestion[];
  at: number;
  marks: Marks;
  onMark: (id: string, m: Mark) => void;
  onMove: (to: number) => void;
  onReview: () => void;
}) {
  const q = () => props.questions[props.at];
  const total = () => props.questions.length;
  const many = () => q().kind === 'projects';
  const nFor = () => forCountOf(props.marks, q());
  const over = () => invalidOf(props.marks, [q()]).has(q().id);
  const last = () => props.at >= total() - 1;
  let heading: HTMLHeadingElement | undefined;
  // Each new screen starts at its question: the heading takes the focus (a screen reader says where it is).
  createEffect(on(() => props.at, () => heading?.focus({ preventScroll: true })));
  return (
    <section class="ballot ballot-sitting" aria-labelledby="question-title">
      <div class="ballot-bar" classList={{ over: over() }} aria-live="polite">
        <div class="ballot-bar-title">
          <h1>{props.sittingTitle}</h1>
          <span class="muted">{t('ballot.serial', { serial: props.serial })}</span>
        </div>
        <Show when={many()}>
          <div class="ballot-count">
            <strong>{t('ballot.count', { n: nFor(), max: q().maxFor })}</strong>
            <Show when={over()}>
              <span class="ballot-over">{t('ballot.sitting.overWarning', { max: q().maxFor })}</span>
            </Show>
          </div>
        </Show>
      </div>
      <div class="question-head">
        <h2 id="question-title" class="question-title" tabindex="-1" ref={heading}>
          <Show when={total() > 1}>
            <span class="question-progress">{t('ballot.sitting.progress', { n: props.at + 1, total: total() })}</span>
          </Show>
          <span class="question-name">{q().title}</span>
        </h2>
        <p class="kiosk-lead ballot-rule">{t(methodOf(q().markMode).words.ruleOnCard, { max: q().maxFor })}</p>
      </div>
      <Show
        when={many()}
        fallback={
          <div class="motion">
            <Show when={q().body.trim()}>
              <div class="motion-body" role="region" aria-label={t('ballot.sitting.body')} tabindex="0">
                {q().body}
              </div>
            </Show>
            <Show when={q().candidates[0]}>
              {(c) => (
                <div class="motion-marks">
                  <MarkButtons candidateId={c().id} title={q().title} mode={q().markMode} marks={props.marks} onMark={props.onMark} />
                </div>
              )}
            </Show>
          </div>
        }
      >
        <ProjectRows candidates={q().candidates} mode={q().markMode} marks={props.marks} onMark={props.onMark} heading="h3" />
      </Show>
      <div class="ballot-foot sitting-foot">
        <Show when={total() > 1}>
          <button type="button" class="btn btn-secondary kiosk-big" disabled={props.at === 0} onClick={() => props.onMove(props.at - 1)}>
            {t('ballot.sitting.prev')}
          </button>
          <span class="sitting-step" aria-hidden="true">
            {t('ballot.sitting.progress', { n: props.at + 1, total: total() })}
          </span>
        </Show>
        <Show
          when={!last()}
          fallback={
            <button type="button" class="btn btn-primary kiosk-big" onClick={() => props.onReview()}>
              {t('ballot.toReview')}
            </button>
          }
        >
          <button type="button" class="btn btn-primary kiosk-big" onClick={() => props.onMove(props.at + 1)}>
            {t('ballot.sitting.next')}
          </button>
        </Show>
      </div>
    </section>
  );
}

/**
 * The review of a sitting: every question with what was marked (an unmarked one in its method's words), an over-marked
 * question warned as invalid for that question alone, and a way back to each question. The page puts its head (title,
 * or the calm 保存中 while sending) above and the cast button below; `sending` hides the ways back.
 */
export function SittingReview(props: { questions: readonly CardQuestion[]; marks: Marks; sending: boolean; onChange: (at: number) => void }) {
  const invalid = () => invalidOf(props.marks, props.questions);
  return (
    <ol class="review-questions">
      <For each={props.questions}>
        {(q, i) => {
          const why = () => invalid().get(q.id);
          const many = () => q.kind === 'projects';
          return (
            <li class="review-question" classList={{ invalid: !!why() }}>
              <div class="review-question-head">
                <h2>
                  <Show when={props.questions.length > 1}>
                    <span class="question-progress">{t('ballot.sitting.item', { n: i() + 1 })}</span>
                  </Show>
                  <span class="question-name">{q.title}</span>
                </h2>
                <Show when={!many() && q.candidates[0]}>
                  {(c) => (
                    <span class={`review-mark mark-${props.marks[c().id] ?? 'none'}`}>
                      <For each={markParts(markWordOf(q, props.marks[c().id]))}>{(part) => <span class="mark-part">{part}</span>}</For>
                    </span>
                  )}
                </Show>
              </div>
              <Show when={why()}>
                {(w) => (
                  <div class="ballot-invalid" role="alert">
                    <strong>{t('ballot.sitting.overTitle', { n: w().marked, max: w().max })}</strong>
                    <span>{t('ballot.sitting.overText')}</span>
                  </div>
                )}
              </Show>
              <Show when={many()}>
                <ol class="review-list">
                  <For each={q.candidates}>
                    {(c) => (
                      <li class="review-row">
                        <span class="review-name">
                          {c.position}. {c.title}
                        </span>
                        <span class={`review-mark mark-${props.marks[c.id] ?? 'none'}`}>
                          <For each={markParts(markWordOf(q, props.marks[c.id]))}>{(part) => <span class="mark-part">{part}</span>}</For>
                        </span>
                      </li>
                    )}
                  </For>
                </ol>
                <p class="ballot-count review-count" classList={{ over: !!why() }}>
                  <strong>{t('ballot.count', { n: forCountOf(props.marks, q), max: q.maxFor })}</strong>
                </p>
              </Show>
              <Show when={!props.sending}>
                <button type="button" class="btn btn-secondary review-change" aria-label={t('ballot.sitting.changeAria', { n: i() + 1, title: q.title })} onClick={() => props.onChange(i())}>
                  {t('ballot.sitting.change')}
                </button>
              </Show>
            </li>
          );
        }}
      </For>
    </ol>
  );
}
