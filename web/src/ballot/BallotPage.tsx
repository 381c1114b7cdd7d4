import { createSignal, For, Match, onCleanup, onMount, Show, Switch } from 'solid-js';
import type { z } from 'zod';
import type * as Ballot from '../../../shared/ballot/contract.ts';
import { addressOf } from '../../../shared/contract.ts';

/** The tablet's three routes by address: the tablet carries no schemas (design §9; addressOf checks them). */
const C = {
  openBallot: addressOf<typeof Ballot.openBallot>({ method: 'POST', path: '/public/ballot/open' }),
  openBallotBySerial: addressOf<typeof Ballot.openBallotBySerial>({ method: 'POST', path: '/public/ballot/by-serial' }),
  castBallot: addressOf<typeof Ballot.castBallot>({ method: 'POST', path: '/public/ballot/cast' }),
};
import type { BallotView } from '../../../shared/ballot/schema.ts';
import { forCount, methodOf, type Mark, type Marks } from '../../../shared/ballot/marks.ts';
import { call, ApiError } from '../api.ts';
import { usePageTitle } from '../components/PageHeader.tsx';
import { t, useLangOnly } from '../i18n.ts';
import { MarkButtons, toggleMark } from './MarkButtons.tsx';
import { KioskRefused, KioskReviewHead, KioskShell, KioskStart, KioskWait, switchKioskLang, useCodeInAddress, useKioskFlow } from '../components/KioskFlow.tsx';
import { ReceiptSlip, groupsOf } from './ReceiptSlip.tsx';
import { markParts, ProjectRows, QuestionScreen, SittingReview, type CardQuestion } from './SittingCard.tsx';
import './ballot.css';

type View = z.infer<typeof BallotView>;
type Stage = 'start' | 'loading' | 'marking' | 'review' | 'casting' | 'receipt' | 'refused';

/** How long the receipt stays on screen before the tablet clears itself for the next representative. */
const RECEIPT_SECONDS = 20;
/**
 * 保持显示: a representative who needs longer keeps the receipt until they tap 完成. So that a tablet left alone does
 * not show it to the next person, a held receipt still clears after this long with no touch at all, and a next card
 * scanned (its /b#<token>) clears it before the new ballot opens.
 */
const HOLD_IDLE_MINUTES = 3;

/**
 * The hall tablet (no account): a representative scans their ballot card (or the staff open /b#<token> from it, or
 * type its serial), marks every candidate 赞成 / 反对 / 弃权, reviews every mark, confirms, and sees the receipt.
 * Then the tablet clears back to the start and keeps nothing of the ballot: no browser storage at all, the card
 * token never in the address bar, every signal emptied. The congress comes from `?c=<id>` (for typed serials) and
 * the language from `?lang=en`, so the staff set up each tablet by opening its address once.
 *
 * Casting runs through failures (design §13): while the server cannot answer (no connection, or a 503 while its database
 * is away) the marked ballot stays on screen, read-only, under a calm 保存中 and is sent again and again, the same card
 * and the same marks, until a receipt or a definite refusal comes back (retry.ts).
 */
export default function BallotPage() {
  const search = new URLSearchParams(location.search);
  const congressId = search.get('c') ?? '';
  // The card is read only once the page's language is set, so that the server's answer comes in that language too.
  // Only the core words (shared/i18n/ballot.*.ts): the tablet does not download the whole dictionary (design §9).
  const langReady = useLangOnly(search.get('lang') === 'en' ? 'en' : 'zh-CN', 'core');
  usePageTitle(() => t('ballot.title'));

  const [view, setView] = createSignal<View | null>(null);
  const [marks, setMarks] = createSignal<Marks>({});
  /** The question on screen, when the card asks several (a sitting is walked one question a screen). */
  const [at, setAt] = createSignal(0);
  const [receipt, setReceipt] = createSignal('');
  const [refusal, setRefusal] = createSignal<{ message: string; next: string } | null>(null);
  /** The vote the receipt belongs to (its id and title only, for the printed slip): nothing of the marks. */
  const [receiptVote, setReceiptVote] = createSignal<{ id: string; title: string } | null>(null);
  /** 保持显示 pressed: no countdown; cleared by 完成, a next card, or a long time untouched. */
  const [held, setHeld] = createSignal(false);
  let idle = 0;
  // Forgetting the ballot (back to the start screen) empties all of it.
  const flow = useKioskFlow<Stage>({
    clearAfter: RECEIPT_SECONDS,
    reset: () => {
      window.clearTimeout(idle);
      setHeld(false);
      setReceiptVote(null);
      setView(null);
      setMarks({});
      setAt(0);
      setReceipt('');
      setRefusal(null);
    },
  });
  const { stage, setStage, clear } = flow;
  onCleanup(() => window.clearTimeout(idle));

  /** Any touch or key while a receipt is held starts its idle time again. */
  const stillThere = () => {
    if (!held()) return;
    window.clearTimeout(idle);
    idle = window.setTimeout(clear, HOLD_IDLE_MINUTES * 60_000);
  };
  onMount(() => {
    window.addEventListener('pointerdown', stillThere);
    window.addEventListener('keydown', stillThere);
  });
  onCleanup(() => {
    window.removeEventListener('pointerdown', stillThere);
    window.removeEventListener('keydown', stillThere);
  });
  const hold = () => {
    flow.stopCountdown();
    setHeld(true);
    stillThere();
  };
  /** A slip for the desk printer (the print stylesheet prints the slip alone); the receipt is held while printing. */
  const printReceipt = () => {
    hold();
    window.print();
  };

  const refuse = (e: unknown, next = t('ballot.refused.next')) => {
    setRefusal({ message: e instanceof ApiError ? e.message : t('error.unexpected'), next });
    setStage('refused');
  };

  const show = (v: View) => {
    setView(v);
    setMarks({});
    setAt(0);
    setStage('marking');
    flow.top();
  };

  const openByToken = async (token: string) => {
    setStage('loading');
    try {
      show(await call(C.openBallot, { body: { token } }));
    } catch (e) {
      // A QR read only in part fails the request's check: say so rather than "some fields are not valid".
      if (e instanceof ApiError && e.code === 'validation') refuse(new ApiError(400, 'token', t('ballot.refused.badToken')), t('ballot.refused.badTokenNext'));
      else refuse(e);
    }
  };

  const openBySerial = async (typed: string) => {
    const s = typed.toUpperCase().replace(/[^0-9A-Z]/g, '');
    if (s.length !== 8) return refuse(new ApiError(400, 'serial', t('ballot.start.serialLength')), t('ballot.start.serialHelp'));
    if (!congressId) return refuse(new ApiError(400, 'kiosk', t('ballot.start.noCongress')), t('ballot.start.noCongressNext'));
    setStage('loading');
    try {
      show(await call(C.openBallotBySerial, { body: { congressId, serial: s } }));
    } catch (e) {
      refuse(e);
    }
  };

  // The card's QR opens /b#<token>; also when the page is already open and the next card's address only changes the
  // fragment. Read once the language is set, so that the server's answer comes in that language too.
  useCodeInAddress((token) => {
    // The next representative's card while a receipt is still shown: the receipt goes first, then their ballot opens.
    if (stage() === 'receipt') clear();
    if (stage() === 'start' || stage() === 'refused') void openByToken(token);
  }, langReady);

  const mark = (id: string, m: Mark) => setMarks(toggleMark(marks(), id, m));
  /** The card's questions in card order (a plain vote asks one: its projects). */
  const questions = (): CardQuestion[] => view()?.questions ?? [];
  /**
   * Walked question by question, then reviewed together: a card of several questions, or of one motion. A card with
   * one project question is the ballot as it has always been: the list, its review, no extra step.
   */
  const walk = () => questions().length > 1 || questions()[0]?.kind === 'motion';
  const toReview = () => (setStage('review'), flow.top());
  const moveTo = (i: number) => (setAt(i), setStage('marking'), flow.top());
  const nFor = () => forCount(marks());
  const over = () => nFor() > (view()?.vote.maxFor ?? 0);

  const cast = async () => {
    const v = view();
    // Once: the confirm button is gone while the ballot is being sent.
    if (!v || stage() !== 'review') return;
    setStage('casting');
    // Every attempt sends the same card, vote, marks and a random secret made for this ballot alone: the server answers
    // a repeat with the first receipt only when it carries that secret (never a second ballot, and a card in other
    // hands learns nothing). The secret stays in this page's memory; it names neither the tablet nor the person.
    const body = { token: v.token, marks: { ...marks() }, voteId: v.vote.id, retry: retrySecret() };
    try {
      const r = await flow.send(() => call(C.castBallot, { body }));
      setView(null);
      setMarks({});
      setReceiptVote({ id: v.vote.id, title: v.vote.title });
      setReceipt(r.receipt);
      flow.finish('receipt');
    } catch (e) {
      if (flow.pageLeft()) return;
      refuse(e);
    }
  };

  /** A mark in the review, in the method's words (an unmarked candidate said so that the voter knows how it counts). */
  const markWord = (v: View, m: Mark | undefined) => {
    const words = methodOf(v.vote.markMode).words;
    return t(m ? words.button[m] : words.reviewUnmarked);
  };

  return (
    <KioskShell title={t('ballot.title')} onLang={stage() === 'start' ? () => switchKioskLang('core') : undefined}>
      <Switch>
        <Match when={stage() === 'start'}>
          <KioskStart
            flow={flow}
            title={t('ballot.start.title')}
            lead={t('ballot.start.lead')}
            scan={t('ballot.start.scan')}
            onCode={(code) => void openByToken(code)}
            onSerial={(typed) => void openBySerial(typed)}
            input={{ id: 'ballot-serial', label: t('ballot.start.serialLabel'), maxlength: 9, placeholder: 'XXXXXXXX' }}
            open={t('ballot.start.open')}
            hint={t('ballot.start.serialHint')}
          />
        </Match>

        <Match when={stage() === 'loading'}>
          <KioskWait label={t('ballot.loading')} />
        </Match>

        <Match when={stage() === 'refused' && refusal()}>
          {(r) => (
            <KioskRefused message={r().message} next={r().next}>
              <button type="button" class="btn btn-secondary kiosk-big" onClick={clear}>
                {t('ballot.refused.back')}
              </button>
            </KioskRefused>
          )}
        </Match>

        <Match when={stage() === 'marking' && walk() && view()}>
          {(v) => <QuestionScreen sittingTitle={v().vote.title} serial={v().serial} questions={questions()} at={at()} marks={marks()} onMark={mark} onMove={moveTo} onReview={toReview} />}
        </Match>

        <Match when={stage() === 'marking' && view()}>
          {(v) => (
            <section class="ballot">
              <div class="ballot-bar" classList={{ over: over() }} aria-live="polite">
                <div class="ballot-bar-title">
                  <h1>{v().vote.title}</h1>
                  <span class="muted">{t('ballot.serial', { serial: v().serial })}</span>
                </div>
                <div class="ballot-count">
                  <strong>{t('ballot.count', { n: nFor(), max: v().vote.maxFor })}</strong>
                  <Show when={over()}>
                    <span class="ballot-over">{t('ballot.overWarning', { max: v().vote.maxFor })}</span>
                  </Show>
                </div>
              </div>
              <p class="kiosk-lead ballot-rule">
                {t(methodOf(v().vote.markMode).words.rule, { max: v().vote.maxFor })}
              </p>
              <ProjectRows candidates={v().candidates} mode={v().vote.markMode} marks={marks()} onMark={mark} heading="h2" />
              <div class="ballot-foot">
                <button type="button" class="btn btn-primary kiosk-big" onClick={toReview}>
                  {t('ballot.toReview')}
                </button>
              </div>
            </section>
          )}
        </Match>

        <Match when={(stage() === 'review' || stage() === 'casting') && walk() && view()}>
          {(v) => (
            <section class="ballot ballot-review" aria-busy={stage() === 'casting'}>
              <KioskReviewHead
                sending={stage() === 'casting'}
                retrying={flow.retrying()}
                title={t('ballot.review.title')}
                lead={t('ballot.sitting.reviewLead', { title: v().vote.title })}
                saving={{ sending: t('ballot.casting'), title: t('ballot.saving.title'), lead: t('ballot.saving.lead'), hint: t('ballot.saving.hint') }}
              />
              <SittingReview questions={questions()} marks={marks()} sending={stage() === 'casting'} onChange={moveTo} />
              <Show when={stage() === 'review'}>
                <div class="kiosk-actions">
                  <button type="button" class="btn btn-secondary kiosk-big" onClick={() => moveTo(questions().length - 1)}>
                    {t('ballot.review.back')}
                  </button>
                  <button type="button" class="btn btn-primary kiosk-big" onClick={() => void cast()}>
                    {t('ballot.review.confirm')}
                  </button>
                </div>
              </Show>
            </section>
          )}
        </Match>

        <Match when={(stage() === 'review' || stage() === 'casting') && view()}>
          {(v) => (
            <section class="ballot ballot-review" aria-busy={stage() === 'casting'}>
              <KioskReviewHead
                sending={stage() === 'casting'}
                retrying={flow.retrying()}
                title={t('ballot.review.title')}
                lead={t('ballot.review.lead', { title: v().vote.title })}
                saving={{ sending: t('ballot.casting'), title: t('ballot.saving.title'), lead: t('ballot.saving.lead'), hint: t('ballot.saving.hint') }}
              />
              <Show when={over()}>
                <div class="ballot-invalid" role="alert">
                  <strong>{t('ballot.review.overTitle', { n: nFor(), max: v().vote.maxFor })}</strong>
                  <span>{t('ballot.review.overText')}</span>
                </div>
              </Show>
              <ol class="review-list">
                <For each={v().candidates}>
                  {(c) => (
                    <li class="review-row">
                      <span class="review-name">
                        {c.position}. {c.title}
                      </span>
                      <span class={`review-mark mark-${marks()[c.id] ?? 'none'}`}>
                        <For each={markParts(markWord(v(), marks()[c.id]))}>{(part) => <span class="mark-part">{part}</span>}</For>
                      </span>
                    </li>
                  )}
                </For>
              </ol>
              <p class="ballot-count review-count" classList={{ over: over() }}>
                <strong>{t('ballot.count', { n: nFor(), max: v().vote.maxFor })}</strong>
              </p>
              <Show when={stage() === 'review'}>
                <div class="kiosk-actions">
                  <button type="button" class="btn btn-secondary kiosk-big" onClick={() => setStage('marking')}>
                    {t('ballot.review.back')}
                  </button>
                  <button type="button" class="btn btn-primary kiosk-big" onClick={() => void cast()}>
                    {t('ballot.review.confirm')}
                  </button>
                </div>
              </Show>
            </section>
          )}
        </Match>

        <Match when={stage() === 'receipt'}>
          <section class="kiosk-receipt">
            <h1>{t('ballot.receipt.title')}</h1>
            <p class="kiosk-lead">{t('ballot.receipt.lead')}</p>
            {/* In groups of five, so that it can be copied a group at a time; read out whole by a screen reader. */}
            <p class="receipt-code mono" aria-label={`${t('ballot.receipt.label')} ${receipt()}`}>
              <For each={groupsOf(receipt())}>{(g) => <span class="receipt-group">{g}</span>}</For>
            </p>
            <p class="kiosk-hint">{t('ballot.receipt.note')}</p>
            <div class="kiosk-actions receipt-actions">
              <Show when={!held()}>
                <button type="button" class="btn btn-secondary kiosk-big" onClick={hold}>
                  {t('hall.receipt.keep')}
                </button>
              </Show>
              <button type="button" class="btn btn-secondary kiosk-big" onClick={printReceipt}>
                {t('hall.receipt.print')}
              </button>
              <button type="button" class="btn btn-primary kiosk-big" onClick={clear}>
                {t('hall.receipt.done')}
              </button>
            </div>
            <Show when={held()} fallback={<p class="muted">{t('ballot.receipt.clearing', { n: flow.left() })}</p>}>
              <p class="receipt-held" role="status">
                {t('hall.receipt.kept')}
              </p>
              <p class="muted small">{t('hall.receipt.idleClear', { n: HOLD_IDLE_MINUTES })}</p>
            </Show>
            <Show when={receiptVote()}>{(rv) => <ReceiptSlip receipt={receipt()} voteId={rv().id} voteTitle={rv().title} />}</Show>
          </section>
        </Match>
      </Switch>
    </KioskShell>
  );
}

/** 128 random bits, base64url: the secret of one ballot's attempts (see shared/ballot/schema.ts CastBallot). */
function retrySecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
