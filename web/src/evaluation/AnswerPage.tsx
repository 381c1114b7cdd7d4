import { createMemo, createSignal, For, Match, Show, Switch } from 'solid-js';
import { tokenOf, typedEvalSerial } from '../../../shared/serial.ts';
import { ApiError } from '../api.ts';
import { usePageTitle } from '../components/PageHeader.tsx';
import { t, useLangOnly } from '../i18n.ts';
import { isTransient } from '../retry.ts';
import { COMMENT_MAX, choicesOf, DEFAULT_QUESTION_KIND, QUESTIONS, type QuestionKindName } from '../../../shared/evaluation/kinds.ts';
import { openBySerial, openByToken, submitAnswers, type Questionnaire, type Target } from './evaluation.data.ts';
import { choiceLabel, itemText, targetKindLabel, targetSubtitle } from './parts.tsx';
import { KioskRefused, KioskReviewHead, KioskShell, KioskStart, KioskWait, switchKioskLang, useCodeInAddress, useKioskFlow } from '../components/KioskFlow.tsx';

type Stage = 'start' | 'loading' | 'intro' | 'answering' | 'review' | 'submitting' | 'thanks' | 'refused';
type Refusal = { message: string; next: string; back: 'start' | 'review' };

/** How long the thank-you stays before the page clears itself (a shared tablet at a meeting; a phone does not mind). */
const THANKS_SECONDS = 30;

const answerKey = (tg: Target, itemId: string) => `${tg.kind}:${tg.id}:${itemId}`;
const targetKey = (tg: Target) => `${tg.kind}:${tg.id}`;

/** The next step in plain words, by what the server refused. */
function nextStep(e: unknown): string {
  // No connection, or the server cannot answer now (opening a code: submitting is sent again by itself).
  if (isTransient(e)) return t('answer.refused.network');
  const code = e instanceof ApiError ? e.code : '';
  switch (code) {
    case 'eval_code_used':
      return t('answer.refused.used');
    case 'eval_code_given':
      return t('answer.refused.cardGiven');
    case 'card_invalid':
    case 'eval_card_other_congress':
    case 'representative_left':
      return t('answer.refused.card');
    case 'eval_round_closed':
      return t('answer.refused.closed');
    case 'round_not_open':
      return t('answer.refused.notOpen');
    case 'eval_code_invalid':
    case 'eval_serial_unknown':
    case 'validation':
      return t('answer.refused.invalid');
    default:
      return t('answer.refused.other');
  }
}

/**
 * /e — answering a back-to-back evaluation (背靠背), no account: the slip's QR opens /e#<token> (the token is taken
 * out of the address at once), or the camera reads it here, or the serial is typed (the congress comes from ?c=).
 * One target a step, each item by its kind (the 3-grade scale or five words as big buttons, 是/否, a comment box with
 * its counter), an optional comment; a review of every answer; submit once; a
 * thank-you, then nothing is kept — no browser storage, every signal emptied.
 *
 * Submitting runs through failures (design §13): while the server cannot answer (no connection, or a 503) the answers
 * stay on screen, read-only, under a calm 保存中 and the same submission is sent again until it is answered
 * (retry.ts). The server keeps no link from a code to its answers, so a repeat after a commit whose answer was lost
 * is refused as eval_code_used: after such an unanswered attempt that refusal means the answers had arrived.
 */
export default function AnswerPage() {
  const search = new URLSearchParams(location.search);
  if (search.get('lang') === 'en' || search.get('lang') === 'zh-CN') void useLangOnly(search.get('lang') as 'en' | 'zh-CN');
  usePageTitle(() => t('answer.title'));
  return <AnswerFlow congressId={search.get('c') ?? ''} />;
}

/**
 * The answering flow itself, used by /e and by the hall tablet's 测评 mode (web/src/kiosk/HallEvaluation.tsx):
 * `congressId` for typed serials; `title` names the tablet in its head, `startLead` says how to begin; `clearAfter` the seconds the thank-you stays;
 * `accept` may refuse a questionnaire the tablet does not take (a round not held in its hall), before anything of it
 * is shown.
 */
/**
 * `codeOf`: what a scanned QR stands for as a code token (a hall tablet turns a delegate card into a code of its round,
 * HallEvaluation.tsx); by default the QR is the code itself.
 */
export function AnswerFlow(props: { congressId: string; title?: string; startLead?: string; clearAfter?: number; accept?: (q: Questionnaire) => string | null; codeOf?: (scanned: string) => Promise<string> }) {
  const congressId = props.congressId;

  const [q, setQ] = createSignal<Questionnaire | null>(null);
  const [answers, setAnswers] = createSignal<Record<string, string>>({});
  const [comments, setComments] = createSignal<Record<string, string>>({});
  const [step, setStep] = createSignal(0);
  const [showMissing, setShowMissing] = createSignal(false);
  const [refusal, setRefusal] = createSignal<Refusal | null>(null);
  /** The thank-you follows a repeat that found the code spent by an attempt whose answer was lost. */
  const [arrivedEarlier, setArrivedEarlier] = createSignal(false);
  // Forgetting everything (back to the start) empties all of the answers.
  const flow = useKioskFlow<Stage>({
    clearAfter: props.clearAfter ?? THANKS_SECONDS,
    reset: () => {
      setQ(null);
      setAnswers({});
      setComments({});
      setStep(0);
      setShowMissing(false);
      setRefusal(null);
      setArrivedEarlier(false);
    },
  });
  const { stage, setStage, clear, top } = flow;

  const refuse = (e: unknown, back: Refusal['back'] = 'start') => {
    // A token cut short fails the request's validation: say what that means for a code.
    const message = !(e instanceof ApiError) ? t('error.unexpected') : e.code === 'validation' ? t('answer.badCode') : e.message;
    setRefusal({ message, next: nextStep(e), back });
    if (back === 'start') {
      setQ(null);
      setAnswers({});
      setComments({});
    }
    setStage('refused');
    top();
  };

  const show = (questionnaire: Questionnaire) => {
    const refused = props.accept?.(questionnaire);
    if (refused) return refuse(new ApiError(409, 'eval_code_other_round', refused));
    setQ(questionnaire);
    setAnswers({});
    setComments({});
    setStep(0);
    setStage('intro');
    top();
  };
  const openScanned = (scanned: string) => void open(async () => openByToken(tokenOf(props.codeOf ? await props.codeOf(scanned) : scanned)));
  const open = async (fn: () => Promise<Questionnaire>) => {
    setStage('loading');
    try {
      show(await fn());
    } catch (e) {
      refuse(e);
    }
  };

  const openSerial = (typed: string) => {
    // The serial is E + 8 characters; people often leave out the E (even when the 8 start with an E).
    const s = typedEvalSerial(typed);
    if (!s) return refuse(new ApiError(400, 'serial', t('answer.start.serialLength')));
    if (!congressId) return refuse(new ApiError(400, 'kiosk', t('answer.start.noCongress')));
    void open(() => openBySerial(congressId, s));
  };

  // The slip's QR opens /e#<token> (also the next slip's while a thank-you is shown).
  useCodeInAddress((code) => {
    if (stage() === 'start' || stage() === 'refused' || stage() === 'thanks') {
      flow.stopCountdown();
      openScanned(code);
    }
  });

  const targets = () => q()?.targets ?? [];
  const itemsOf = (tg: Target) => (q()?.round.items[tg.kind] ?? []).map((i) => ({ ...i, kind: i.kind ?? DEFAULT_QUESTION_KIND }));
  const options = (kind: QuestionKindName) => choicesOf(kind, !!q()?.round.allowUnknown);
  const current = () => targets()[step()];
  /** A comment item may stay empty; every other item needs its answer. */
  const missingIn = (tg: Target) => itemsOf(tg).filter((i) => !QUESTIONS[i.kind].text && !answers()[answerKey(tg, i.id)]).length;
  const totalMissing = createMemo(() => targets().reduce((n, tg) => n + missingIn(tg), 0));

  const choose = (tg: Target, itemId: string, a: string) => setAnswers({ ...answers(), [answerKey(tg, itemId)]: a });
  const goTo = (i: number) => {
    setShowMissing(false);
    setStep(i);
    setStage('answering');
    top();
  };
  const next = () => {
    const tg = current();
    if (!tg) return;
    if (missingIn(tg) > 0) {
      setShowMissing(true);
      document.querySelector('.ev-q-item.missing')?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      return;
    }
    if (step() + 1 < targets().length) goTo(step() + 1);
    else {
      setShowMissing(false);
      setStage('review');
      top();
    }
  };

  const thank = (afterLostAnswer: boolean) => {
    // Nothing of the answers stays on the page.
    setQ(null);
    setAnswers({});
    setComments({});
    setArrivedEarlier(afterLostAnswer);
    flow.finish('thanks');
  };

  const submit = async () => {
    const questionnaire = q();
    // Once: the submit button is gone while the answers are being sent.
    if (!questionnaire || stage() !== 'review') return;
    setStage('submitting');
    // Built once: every attempt sends exactly the same submission.
    const body = {
      token: questionnaire.token,
      answers: questionnaire.targets.flatMap((tg) =>
        itemsOf(tg)
          .map((i) => ({ targetKind: tg.kind, targetId: tg.id, itemId: i.id, answer: (answers()[answerKey(tg, i.id)] ?? '').trim() }))
          .filter((a) => a.answer.length > 0),
      ),
      comments: questionnaire.targets
        .map((tg) => ({ targetKind: tg.kind, targetId: tg.id, text: (comments()[targetKey(tg)] ?? '').trim() }))
        .filter((c) => c.text.length > 0),
    };
    // Whether an attempt went unanswered (it may have been stored all the same: a lost answer, a commit before a 503).
    let unanswered = false;
    try {
      await flow.send(
        () => submitAnswers(body),
        () => (unanswered = true),
      );
      thank(false);
    } catch (e) {
      if (flow.pageLeft()) return;
      // The code was opened unspent moments ago: spent now, after an unanswered attempt, it was spent by these answers.
      if (unanswered && e instanceof ApiError && e.code === 'eval_code_used') return thank(true);
      // An answer missing: the answers stay so the person can complete them and send again.
      const keep = e instanceof ApiError && e.code === 'eval_answers_missing';
      refuse(e, keep ? 'review' : 'start');
    }
  };


  return (
    <KioskShell title={props.title ?? t('answer.title')} class="ev-answer" mainClass="ev-answer-main" onLang={() => switchKioskLang()}>
      <Switch>
        <Match when={stage() === 'start'}>
          <KioskStart
            flow={flow}
            class="ev-a-card"
            title={t('answer.start.title')}
            lead={props.startLead ?? t('answer.start.lead')}
            scan={t('answer.start.scan')}
            scanClass="ev-wide"
            onCode={openScanned}
            onSerial={openSerial}
            input={{ id: 'ev-serial', label: t('answer.start.serialLabel'), maxlength: 12, placeholder: 'E7K3M9PQR', hintId: 'ev-serial-hint' }}
            open={t('answer.start.open')}
            hint={congressId ? t('answer.start.serialHint') : t('answer.start.serialNeedsAddress')}
          >
            <p class="ev-a-privacy">{t('answer.privacy')}</p>
          </KioskStart>
        </Match>

        <Match when={stage() === 'loading'}>
          <KioskWait label={t('answer.loading')} />
        </Match>

        <Match when={stage() === 'refused' && refusal()}>
          {(r) => (
            <KioskRefused class="ev-a-card" message={r().message} next={r().next}>
              <Show when={r().back === 'review'}>
                <button type="button" class="btn btn-primary kiosk-big" onClick={() => (setStage('review'), top())}>
                  {t('answer.refused.toReview')}
                </button>
              </Show>
              <Show when={r().back === 'start'}>
                <button type="button" class="btn btn-secondary kiosk-big" onClick={clear}>
                  {t('answer.refused.back')}
                </button>
              </Show>
            </KioskRefused>
          )}
        </Match>

        <Match when={stage() === 'intro' && q()}>
          {(qq) => (
            <section class="ev-a-card ev-intro">
              <p class="ev-a-kicker">{qq().round.congressName}</p>
              <h1>{qq().round.title}</h1>
              <p class="kiosk-lead">
                {t('answer.intro.lead', {
                  n: qq().targets.length,
                  audience: t(`evaluation.audience.${qq().audience}`),
                })}
              </p>
              <ol class="ev-intro-steps">
                <li>{qq().round.allowUnknown ? t('answer.intro.step1Unknown') : t('answer.intro.step1')}</li>
                <li>{t('answer.intro.step2')}</li>
                <li>{t('answer.intro.step3')}</li>
              </ol>
              <p class="ev-a-privacy">{t('answer.privacy')}</p>
              <div class="kiosk-actions">
                <button type="button" class="btn btn-primary kiosk-big ev-wide" onClick={() => goTo(0)}>
                  {t('answer.intro.start')}
                </button>
              </div>
            </section>
          )}
        </Match>

        <Match when={stage() === 'answering' && current()}>
          {(tg) => (
            <section class="ev-step" aria-labelledby="ev-step-title">
              <div class="ev-progress" aria-live="polite">
                <div class="ev-progress-text">
                  <span class="ev-progress-round">{q()?.round.title}</span>
                  <span class="ev-progress-n num" aria-label={t('answer.progressLabel', { n: step() + 1, total: targets().length })}>
                    {step() + 1} / {targets().length}
                  </span>
                </div>
                <div class="ev-progress-bar" aria-hidden="true">
                  <span style={{ width: `${((step() + 1) / targets().length) * 100}%` }} />
                </div>
              </div>
              <header class="ev-step-head">
                <p class="ev-a-kicker">{targetKindLabel(tg().kind)}</p>
                <h1 id="ev-step-title">{tg().title}</h1>
                <Show when={tg().subtitle}>
                  <p class="ev-step-sub">{targetSubtitle(tg())}</p>
                </Show>
              </header>
              <ol class="ev-q-items">
                <For each={itemsOf(tg())}>
                  {(item, i) => {
                    const chosen = () => answers()[answerKey(tg(), item.id)];
                    const missing = () => showMissing() && !QUESTIONS[item.kind].text && !chosen();
                    const n = () => options(item.kind).length;
                    return (
                      <li class="ev-q-item" classList={{ missing: missing() }}>
                        <p class="ev-q-label" id={`ev-q-${item.id}`}>
                          <span class="ev-q-n num">{i() + 1}.</span> {itemText(item.label)}
                        </p>
                        <Show
                          when={!QUESTIONS[item.kind].text}
                          fallback={
                            <div class="ev-comment ev-comment-item">
                              <textarea
                                id={`ev-a-${item.id}`}
                                aria-labelledby={`ev-q-${item.id}`}
                                aria-describedby={`ev-count-${item.id}`}
                                rows={4}
                                maxlength={COMMENT_MAX}
                                value={chosen() ?? ''}
                                onInput={(e) => choose(tg(), item.id, e.currentTarget.value)}
                                placeholder={t('answer.commentItemPlaceholder')}
                              />
                              <p class="kiosk-hint ev-count" id={`ev-count-${item.id}`} aria-live="polite">
                                {t('answer.counter', { n: (chosen() ?? '').length, max: COMMENT_MAX })}
                              </p>
                            </div>
                          }
                        >
                          <div class={`ev-opts ev-opts-${item.kind}`} classList={{ four: n() === 4, two: n() === 2, five: n() >= 5 }} role="group" aria-labelledby={`ev-q-${item.id}`}>
                            <For each={options(item.kind)}>
                              {(a) => (
                                <button type="button" class={`ev-opt ev-opt-${item.kind === 'satisfaction3' ? a : `${item.kind}-${a}`}`} aria-pressed={chosen() === a} onClick={() => choose(tg(), item.id, a)}>
                                  <span class="ev-opt-mark" aria-hidden="true">
                                    {chosen() === a ? '✓' : ''}
                                  </span>
                                  <Show when={item.kind === 'scale5' && a !== 'unknown'}>
                                    <span class="ev-opt-points num" aria-hidden="true">
                                      {a}
                                    </span>
                                  </Show>
                                  {choiceLabel(item.kind, a)}
                                </button>
                              )}
                            </For>
                          </div>
                        </Show>
                        <Show when={missing()}>
                          <p class="ev-q-missing">{t('answer.pickOne')}</p>
                        </Show>
                      </li>
                    );
                  }}
                </For>
              </ol>
              <div class="ev-comment">
                <label for="ev-comment">{t('answer.comment')}</label>
                <textarea
                  id="ev-comment"
                  rows={3}
                  maxlength={500}
                  value={comments()[targetKey(tg())] ?? ''}
                  onInput={(e) => setComments({ ...comments(), [targetKey(tg())]: e.currentTarget.value })}
                  placeholder={t('answer.commentPlaceholder')}
                />
                <p class="kiosk-hint">{t('answer.commentHint')}</p>
              </div>
              <div class="ev-step-foot">
                <Show when={step() > 0}>
                  <button type="button" class="btn btn-secondary kiosk-big" onClick={() => goTo(step() - 1)}>
                    {t('answer.prev')}
                  </button>
                </Show>
                <button type="button" class="btn btn-primary kiosk-big ev-next" onClick={next}>
                  {step() + 1 < targets().length ? t('answer.next') : t('answer.toReview')}
                </button>
              </div>
            </section>
          )}
        </Match>

        <Match when={(stage() === 'review' || stage() === 'submitting') && q()}>
          {(qq) => (
            <section class="ev-review" aria-busy={stage() === 'submitting'}>
              <KioskReviewHead
                sending={stage() === 'submitting'}
                retrying={flow.retrying()}
                title={t('answer.review.title')}
                lead={t('answer.review.lead', { title: qq().round.title })}
                saving={{ sending: t('answer.submitting'), title: t('answer.saving.title'), lead: t('answer.saving.lead'), hint: t('answer.saving.hint') }}
              />
              <Show when={totalMissing() > 0}>
                <p class="ev-q-missing" role="alert">
                  {t('answer.review.missing', { n: totalMissing() })}
                </p>
              </Show>
              <ol class="ev-review-list">
                <For each={qq().targets}>
                  {(tg, i) => (
                    <li class="ev-review-target">
                      <div class="ev-review-head">
                        <h2>
                          <span class="num">{i() + 1}.</span> {tg.title}
                          <span class="ev-review-kind">{targetKindLabel(tg.kind)}</span>
                        </h2>
                        <Show when={stage() === 'review'}>
                          <button type="button" class="btn btn-secondary" onClick={() => goTo(i())} aria-label={t('answer.review.changeLabel', { title: tg.title })}>
                            {t('answer.review.change')}
                          </button>
                        </Show>
                      </div>
                      <ul class="ev-review-items">
                        <For each={itemsOf(tg)}>
                          {(item) => {
                            const a = () => answers()[answerKey(tg, item.id)];
                            const text = QUESTIONS[item.kind].text;
                            return (
                              <li classList={{ 'ev-review-text': text }}>
                                <span>{itemText(item.label)}</span>
                                <Show
                                  when={!text}
                                  fallback={<span class="ev-review-comment-text">{(a() ?? '').trim() || t('answer.review.noComment')}</span>}
                                >
                                  <span class={`ev-answer-tag ev-answer-${a() ? (item.kind === 'satisfaction3' ? a() : `${item.kind}-${a()}`) : 'none'}`}>{a() ? choiceLabel(item.kind, a()!) : t('answer.review.none')}</span>
                                </Show>
                              </li>
                            );
                          }}
                        </For>
                      </ul>
                      <Show when={(comments()[targetKey(tg)] ?? '').trim()}>
                        {(text) => (
                          <p class="ev-review-comment">
                            <span class="muted">{t('answer.review.comment')}</span>
                            {text()}
                          </p>
                        )}
                      </Show>
                    </li>
                  )}
                </For>
              </ol>
              <Show when={stage() === 'review'}>
                <div class="kiosk-actions ev-review-actions">
                  <button type="button" class="btn btn-secondary kiosk-big" onClick={() => goTo(targets().length - 1)}>
                    {t('answer.review.back')}
                  </button>
                  <button type="button" class="btn btn-primary kiosk-big" disabled={totalMissing() > 0} onClick={() => void submit()}>
                    {t('answer.review.submit')}
                  </button>
                </div>
              </Show>
            </section>
          )}
        </Match>

        <Match when={stage() === 'thanks'}>
          <section class="kiosk-receipt ev-a-card ev-thanks">
            <p class="ev-thanks-mark" aria-hidden="true">
              ✓
            </p>
            <h1>{t('answer.thanks.title')}</h1>
            <p class="kiosk-lead">{t('answer.thanks.lead')}</p>
            <Show when={arrivedEarlier()}>
              <p class="kiosk-hint ev-thanks-note">{t('answer.thanks.arrivedEarlier')}</p>
            </Show>
            <div class="kiosk-actions">
              <button type="button" class="btn btn-primary kiosk-big" onClick={clear}>
                {t('answer.thanks.done')}
              </button>
            </div>
            <p class="muted">{t('answer.thanks.clearing', { n: flow.left() })}</p>
          </section>
        </Match>
      </Switch>
    </KioskShell>
  );
}
