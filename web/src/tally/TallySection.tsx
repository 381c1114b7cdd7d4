import { A, useNavigate } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { methodOf } from '../../../shared/ballot/methods/index.ts';
import type { Vote } from '../../../shared/ballot/schema.ts';
import type { Mark, MarkMode } from '../../../shared/ballot/methods/index.ts';
import { Alert } from '../components/Alert.tsx';
import { ErrorState, latest, Loading } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { confirmAction } from '../components/Dialog.tsx';
import { CheckField } from '../components/Field.tsx';
import { toast } from '../components/Toast.tsx';
import { fmt, lang, t } from '../i18n.ts';
import { can, rolesIn } from '../session.ts';
import { every } from '../hall/hall.data.ts';
import './tally.css';
import './questions.css';
import { isSitting, MotionResult, QuestionHeading, tallyQuestions } from './questions.tsx';
import { CandidateTable, kindLabel, OutcomeSummary, OverIssuedNote, ruleWords, SignoffList, TotalsRow } from './parts.tsx';
import {
  bulletinUrl,
  createFollowUp,
  fetchTally,
  leaveUnfilled,
  prepareTally,
  publicResultPath,
  publishTally,
  reportPath,
  reserveCandidates,
  resultFileUrl,
  screenPath,
  signTally,
  type FollowUpKind,
  type TallyView,
} from './tally.data.ts';

type Ids = { congressId: string; sessionId: string };

/**
 * 计票与监票 on the vote page, once the vote is closed: a scrutineer prepares the tally (after every paper ballot is
 * in); the scrutineers see every figure and the invalid ballots, and sign it (one as chief, after re-checking the
 * invalid ones); the presidium publishes it; then the result is everyone's, with its files, the report, the public
 * page, and the follow-up votes. Polled, but the sign-off and reserve forms keep what is being filled in.
 */
export function TallySection(props: Ids & { vote: Vote; onState?: (state: TallyView['state']) => void }) {
  const v = () => props.vote;
  const [tally, { refetch, mutate }] = createResource(
    () => ({ c: props.congressId, s: props.sessionId, v: v().id }),
    (k) => fetchTally(k.c, k.s, k.v),
  );
  createEffect(() => {
    const state = latest(tally)?.state;
    if (state) props.onState?.(state);
  });
  onCleanup(every(4000, () => void refetch()));
  // Preparing, signing and publishing need the role itself (a system administrator is neither scrutineer nor presidium).
  const scrutineer = () => rolesIn(props.congressId).includes('scrutineer');
  const presidium = () => rolesIn(props.congressId).includes('presidium');
  /** The questions with their figures, in card order (a plain vote: its one project question). */
  const questions = createMemo(() => {
    const tv = latest(tally);
    return tv ? tallyQuestions(tv, v()) : [];
  });
  /** More than one question on the card (a sitting, 表决事项单): each is numbered and titled. */
  const sitting = () => isSitting(v().questions);

  return (
    <section class="section tally" aria-labelledby="tally-title">
      <div class="section-head">
        <h2 id="tally-title">{t('tally.title')}</h2>
        <Show when={latest(tally)}>{(tv) => <TallyStateTag state={tv().state} />}</Show>
      </div>
      <Show when={tally.state === 'errored' && !latest(tally)}>
        <ErrorState error={tally.error} retry={refetch} />
      </Show>
      <Show when={latest(tally)} fallback={<Show when={tally.state !== 'errored'}><Loading /></Show>}>
        {(tv) => (
          <>
            <Show when={tv().state === 'not_prepared'}>
              <Prepare {...props} tally={tv()} scrutineer={scrutineer()} onTally={mutate} />
            </Show>
            <Show when={tv().state !== 'not_prepared'}>
              <Show when={tv().state === 'published'}>
                <Published {...props} tally={tv()} />
              </Show>
              <Show when={tv().totals}>
                {(totals) => (
                  <>
                    <h3 class="tally-sub">{t('tally.totals')}</h3>
                    <TotalsRow totals={totals()} perQuestion={sitting()} />
                    <OverIssuedNote totals={totals()} />
                    <Show when={totals().void}>
                      <Alert kind="error" title={t('tally.void')} class="tally-void-alert">
                        <p>{t('tally.voidNext')}</p>
                      </Alert>
                    </Show>
                  </>
                )}
              </Show>
              <Show
                when={tv().figures || tv().questions}
                fallback={
                  <p class="muted tally-hidden">{sitting() ? t('tally.sitting.figuresHidden') : t('tally.figuresHidden')}</p>
                }
              >
                <Show when={sitting()}>
                  <p class="muted tally-sitting-lead">{t('tally.sitting.lead', { n: questions().length })}</p>
                </Show>
                <For each={questions()}>
                  {(q, i) => (
                    <Show
                      when={q.kind === 'projects'}
                      fallback={
                        <div class="question-block" role="group" aria-labelledby={`question-${q.id}`}>
                          <QuestionHeading q={q} n={i() + 1} id={`question-${q.id}`} />
                          <MotionResult q={q} base={tv().totals ?? { seated: 0, present: 0 }} void={!!tv().totals?.void} />
                        </div>
                      }
                    >
                      <div class={sitting() ? 'question-block' : undefined} role={sitting() ? 'group' : undefined} aria-labelledby={sitting() ? `question-${q.id}` : undefined}>
                        <Show when={sitting()} fallback={<h3 class="tally-sub">{t('tally.byCandidate')}</h3>}>
                          <QuestionHeading q={q} n={i() + 1} id={`question-${q.id}`} />
                        </Show>
                        <p class="tally-threshold">
                          <strong>{t('tally.threshold', { n: q.needed })}</strong>{' '}
                          <span class="muted">{ruleWords(q.threshold, { ...(tv().totals ?? { seated: 0, present: 0 }), valid: q.valid }, q.needed)}</span>
                        </p>
                        <Show when={sitting()}>
                          <p class="muted small">{t('tally.question.ballots', { valid: q.valid, invalid: q.invalid })}</p>
                        </Show>
                        <CandidateTable
                          caption={sitting() ? q.title : t('tally.byCandidate')}
                          candidates={q.rows}
                          elected={q.elected}
                          tied={q.tied}
                          threshold={q.needed}
                          void={!!tv().totals?.void}
                          mode={q.markMode}
                        />
                        <OutcomeSummary candidates={q.rows} elected={q.elected} tied={q.tied} unfilledSeats={q.unfilledSeats} void={!!tv().totals?.void} />
                        <Show when={tv().state === 'published' && tv().next.vacancy}>
                          {(vac) => <Vacancy {...props} tally={tv()} vacancy={vac()} onTally={mutate} />}
                        </Show>
                      </div>
                    </Show>
                  )}
                </For>
              </Show>
              <Show when={tv().state === 'prepared' && tv().invalidBallots}>
                {(list) => <InvalidBallots vote={v()} list={list()} />}
              </Show>
              <Signoffs {...props} tally={tv()} scrutineer={scrutineer()} onTally={mutate} />
              <Show when={tv().state === 'prepared'}>
                <Publish {...props} tally={tv()} presidium={presidium()} onTally={mutate} />
              </Show>
              <Show when={tv().state === 'published'}>
                <FollowUps {...props} tally={tv()} onChange={() => void refetch()} />
              </Show>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}

function TallyStateTag(props: { state: TallyView['state'] }) {
  const cls = () => (props.state === 'published' ? 'tag-ok' : props.state === 'prepared' ? 'tag-warn' : 'tag-muted');
  return <span class={`tag ${cls()}`}>{t(`tally.state.${props.state}`)}</span>;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

function Prepare(props: Ids & { vote: Vote; tally: TallyView; scrutineer: boolean; onTally: (t: TallyView) => void }) {
  const [busy, setBusy] = createSignal(false);
  const pending = () => props.tally.paperPending;
  const prepare = async () => {
    setBusy(true);
    try {
      props.onTally(await prepareTally(props.congressId, props.sessionId, props.vote.id));
      toast(t('tally.prepare.done'));
    } catch (e) {
      toast(errorText(e), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="tally-prepare">
      <Show when={pending() > 0}>
        <Alert kind="warning" title={t('tally.prepare.paperPending', { n: pending() })}>
          <p>{t('tally.prepare.paperPendingNext')}</p>
        </Alert>
      </Show>
      <Show when={props.scrutineer} fallback={<p class="muted">{t('tally.prepare.waiting')}</p>}>
        <p>{t('tally.prepare.lead')}</p>
        <Button variant="primary" busy={busy()} disabled={pending() > 0} onClick={prepare} aria-describedby={pending() > 0 ? 'prepare-why' : undefined}>
          {t('tally.prepare.submit')}
        </Button>
        <Show when={pending() > 0}>
          <p class="hint" id="prepare-why">
            {t('tally.prepare.disabledWhy')}
          </p>
        </Show>
      </Show>
    </div>
  );
}

/**
 * 计算机认定的无效票, each with its marks by candidate, for the chief scrutineer to re-check; on a sitting, the question
 * (or questions) each ballot is invalid for — it counts as usual for the others.
 */
function InvalidBallots(props: { vote: Vote; list: NonNullable<TallyView['invalidBallots']> }) {
  const sitting = () => isSitting(props.vote.questions);
  /** Every key of the card in card order: the questions in turn, each question's candidates in turn. */
  const keys = createMemo(() => {
    const out = new Map<string, { title: string; order: number }>();
    for (const q of props.vote.questions) for (const c of q.candidates) out.set(c.id, { title: c.title, order: out.size });
    for (const c of props.vote.candidates) if (!out.has(c.id)) out.set(c.id, { title: c.title, order: out.size });
    return out;
  });
  const title = (id: string) => keys().get(id)?.title ?? id;
  const order = (id: string) => keys().get(id)?.order ?? 0;
  const question = (id: string) => props.vote.questions.find((q) => q.id === id);
  /** Why: the 赞成 of that question against its limit. */
  const why = (marks: Record<string, Mark>, q: { markMode: MarkMode; maxFor: number; candidates: { id: string }[] }) =>
    methodOf(q.markMode).invalid(Object.fromEntries(q.candidates.filter((c) => c.id in marks).map((c) => [c.id, marks[c.id]])), q)?.marked ?? 0;
  return (
    <div class="tally-invalid">
      <h3 class="tally-sub">{t('tally.invalid.title', { n: props.list.length })}</h3>
      <Show when={props.list.length > 0} fallback={<p class="muted">{t('tally.invalid.none')}</p>}>
        <p class="muted">{sitting() ? t('tally.invalid.leadSitting') : t('tally.invalid.lead')}</p>
        <ol class="invalid-list">
          <For each={props.list}>
            {(b) => (
              <li class="invalid-item">
                <p class="invalid-head">
                  <strong>{t('tally.invalid.n', { n: b.n })}</strong>
                  <Show when={b.paper} fallback={<span class="tag">{t('tally.invalid.tablet')}</span>}>
                    <span class="tag tag-warn">{t('tally.invalid.paper')}</span>
                    <Show when={b.serial}>
                      <span class="mono">{t('tally.invalid.serial', { serial: b.serial! })}</span>
                    </Show>
                  </Show>
                  <Show when={!sitting()}>
                    <span class="invalid-why">{t('tally.invalid.why', { n: methodOf(props.vote.markMode).invalid(b.marks, props.vote)?.marked ?? 0, max: props.vote.maxFor })}</span>
                  </Show>
                </p>
                <Show when={sitting()}>
                  <For each={b.questions}>
                    {(qid) => (
                      <Show when={question(qid)}>
                        {(q) => (
                          <p class="invalid-question">
                            {t('tally.invalid.forQuestion', { title: q().title })}
                            <span class="invalid-why"> · {t('tally.invalid.whyShort', { n: why(b.marks, q()), max: q().maxFor })}</span>
                          </p>
                        )}
                      </Show>
                    )}
                  </For>
                </Show>
                <ul class="invalid-marks">
                  <For each={Object.entries(b.marks).sort((x, y) => order(x[0]) - order(y[0]))}>
                    {([id, mark]) => (
                      <li>
                        <span>{title(id)}</span>
                        <span class={`review-mark mark-${mark}`}>{t(`ballot.mark.${mark}`)}</span>
                      </li>
                    )}
                  </For>
                </ul>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </div>
  );
}

function Signoffs(props: Ids & { vote: Vote; tally: TallyView; scrutineer: boolean; onTally: (t: TallyView) => void }) {
  const tv = () => props.tally;
  const chiefSigned = () => tv().signoffs.some((s) => s.chief);
  return (
    <div class="tally-signoffs">
      <h3 class="tally-sub">
        {t('tally.signoffs.title')} <span class="signoff-count num">{t('tally.signoffs.count', { n: tv().signoffs.length, required: tv().required })}</span>
      </h3>
      <Show when={tv().signoffs.length > 0} fallback={<p class="muted">{t('tally.signoffs.none')}</p>}>
        <SignoffList signoffs={tv().signoffs} fmtTime={fmt.dateTime} />
      </Show>
      <Show when={tv().state === 'prepared' && !chiefSigned() && tv().signoffs.length > 0}>
        <p class="hint">{t('tally.signoffs.needChief')}</p>
      </Show>
      <Show when={tv().state === 'prepared' && !props.scrutineer && tv().signoffs.length < tv().required}>
        <p class="hint">{t('tally.sign.onlyScrutineers')}</p>
      </Show>
      <Show when={tv().state === 'prepared' && props.scrutineer}>
        <Show when={!tv().mySignoff} fallback={<Alert kind="success" title={t('tally.sign.mine')} />}>
          <SignForm {...props} chiefSigned={chiefSigned()} />
        </Show>
      </Show>
    </div>
  );
}

/** One scrutineer confirms the tally; the chief also confirms the re-check of the invalid ballots. */
function SignForm(props: Ids & { vote: Vote; tally: TallyView; chiefSigned: boolean; onTally: (t: TallyView) => void }) {
  const [chief, setChief] = createSignal(false);
  const [checked, setChecked] = createSignal(false);
  const [error, setError] = createSignal('');
  const invalid = () => props.tally.invalidBallots?.length ?? props.tally.totals?.invalid ?? 0;
  const needCheck = () => chief() && invalid() > 0;
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (needCheck() && !checked()) return setError(t('tally.sign.checkFirst'));
    setError('');
    let result: TallyView | undefined;
    const ok = await confirmAction({
      title: chief() ? t('tally.sign.confirmTitleChief') : t('tally.sign.confirmTitle'),
      message: t('tally.sign.confirmText'),
      confirmLabel: t('tally.sign.confirm'),
      action: async () => (result = await signTally(props.congressId, props.sessionId, props.vote.id, { chief: chief(), invalidChecked: needCheck() && checked() })),
    });
    if (ok && result) {
      props.onTally(result);
      toast(t('tally.sign.done'));
    }
  };
  return (
    <form class="sign-form" onSubmit={submit} novalidate>
      <h4>{t('tally.sign.title')}</h4>
      <p class="muted">{t('tally.sign.lead')}</p>
      <Show when={!props.chiefSigned} fallback={<p class="hint">{t('tally.sign.chiefDone')}</p>}>
        <CheckField label={t('tally.sign.chief')} hint={t('tally.sign.chiefHint')} checked={chief()} onValue={setChief} />
      </Show>
      <Show when={needCheck()}>
        <CheckField label={t('tally.sign.invalidChecked')} hint={t('tally.sign.invalidCheckedHint', { n: invalid() })} checked={checked()} onValue={(x) => { setChecked(x); setError(''); }} />
      </Show>
      <Show when={error()}>
        <p class="field-error">{error()}</p>
      </Show>
      <div class="form-actions start">
        <Button type="submit" variant="primary">
          {t('tally.sign.submit')}
        </Button>
      </div>
    </form>
  );
}

/** The presidium publishes; everyone else who can see the tally is told who can, and what is still missing. */
function Publish(props: Ids & { vote: Vote; tally: TallyView; presidium: boolean; onTally: (t: TallyView) => void }) {
  const tv = () => props.tally;
  const enough = () => tv().signoffs.length >= tv().required;
  const chief = () => tv().signoffs.some((s) => s.chief);
  const ready = () => enough() && chief();
  const publish = async () => {
    let result: TallyView | undefined;
    const ok = await confirmAction({
      title: t('tally.publish.confirmTitle'),
      message: t('tally.publish.confirmText'),
      confirmLabel: t('tally.publish.confirm'),
      action: async () => (result = await publishTally(props.congressId, props.sessionId, props.vote.id)),
    });
    if (ok && result) {
      props.onTally(result);
      toast(t('tally.publish.done'));
    }
  };
  return (
    <div class="tally-publish">
      <h3 class="tally-sub">{t('tally.publish.title')}</h3>
      <Show when={props.presidium} fallback={<p class="tally-publish-who">{t('tally.publish.onlyPresidium')}</p>}>
        <Button variant="primary" disabled={!ready()} onClick={publish} aria-describedby="publish-why">
          {t('tally.publish.submit')}
        </Button>
      </Show>
      <p class="hint" id="publish-why">
        {ready()
          ? t('tally.publish.ready')
          : !enough()
            ? t('tally.publish.needSignoffs', { n: tv().required - tv().signoffs.length, required: tv().required })
            : t('tally.publish.needChief')}
      </p>
    </div>
  );
}

function Published(props: Ids & { vote: Vote; tally: TallyView }) {
  const tv = () => props.tally;
  return (
    <div class="tally-published">
      <Alert kind="success" title={t('tally.published', { time: fmt.dateTime(tv().publishedAt!), name: tv().publishedBy ?? '' })}>
        <p>{t('tally.publishedNext')}</p>
      </Alert>
      <ul class="tally-links">
        <li>
          <A class="btn btn-secondary" href={reportPath(props.congressId, props.sessionId, props.vote.id)}>
            {t('tally.links.report')}
          </A>
        </li>
        <li>
          <a class="btn btn-secondary" href={publicResultPath(props.vote.id)} target="_blank" rel="noopener">
            {t('tally.links.public')}
          </a>
        </li>
        <li>
          <a class="btn btn-secondary" href={screenPath(props.sessionId)} target="_blank" rel="noopener">
            {t('tally.links.screen')}
          </a>
        </li>
        <li>
          <a class="btn btn-ghost" href={bulletinUrl(props.vote.id)} download="bulletin.json">
            {t('tally.links.bulletin')}
          </a>
        </li>
        <li>
          <a class="btn btn-ghost" href={resultFileUrl(props.vote.id)} download="result.json">
            {t('tally.links.result')}
          </a>
        </li>
      </ul>
      <Show when={tv().resultDigest}>
        <p class="small muted">
          {t('tally.resultDigest')} <code class="mono break">{tv().resultDigest}</code>
        </p>
      </Show>
    </div>
  );
}

/**
 * 空缺名额: right under 「空缺 n 个名额」, the next steps the congress's rules allow — a further vote among the
 * candidates not elected (when the rules allow one), leaving the seats empty (the presidium's recorded decision), and
 * the reserve pool for the candidates not elected. Once decided, what was decided.
 */
function Vacancy(props: Ids & { vote: Vote; tally: TallyView; vacancy: NonNullable<TallyView['next']['vacancy']>; onTally: (t: TallyView) => void }) {
  const navigate = useNavigate();
  const vac = () => props.vacancy;
  const further = () => props.tally.next.further;
  const manage = () => can(props.congressId, 'tally.followups.create');
  // Leaving a seat empty is the presidium's own decision (the server refuses anyone else, a system administrator too).
  const presidium = () => rolesIn(props.congressId).includes('presidium');
  const reserve = () => can(props.congressId, 'tally.reserve') && props.tally.next.reservable.some((r) => !r.reserved);
  const hasFurther = () => props.tally.followUps.length > 0;
  const title = (id: string) => props.tally.figures?.candidates.find((c) => c.id === id)?.title ?? id;
  const list = (ids: string[]) => ids.map(title).join(lang() === 'zh-CN' ? '、' : ', ');

  const startFurther = async (r: { seats: number; candidateIds: string[] }) => {
    let created: Vote | undefined;
    const ok = await confirmAction({
      title: t('tally.next.further.confirmTitle'),
      message: t('tally.next.further.confirmText', { seats: r.seats, titles: list(r.candidateIds) }),
      confirmLabel: t('tally.next.further.confirm'),
      action: async () => (created = await createFollowUp(props.congressId, props.sessionId, props.vote.id, 'further')),
    });
    if (ok && created) {
      toast(t('votes.created', { title: created.title }));
      navigate(`/c/${props.congressId}/sessions/${created.sessionId}/votes/${created.id}`);
    }
  };
  const leave = async () => {
    let result: TallyView | undefined;
    const ok = await confirmAction({
      title: t('tally.vacancy.leave.confirmTitle', { n: vac().seats }),
      message: t('tally.vacancy.leave.confirmText', { n: vac().seats }),
      confirmLabel: t('tally.vacancy.leave.confirm'),
      action: async () => (result = await leaveUnfilled(props.congressId, props.sessionId, props.vote.id)),
    });
    if (ok && result) {
      props.onTally(result);
      toast(t('tally.vacancy.leave.done'));
    }
  };
  const toReserve = () => {
    const el = document.getElementById('tally-reserve-title');
    el?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    el?.focus({ preventScroll: true });
  };

  return (
    <div class="tally-vacancy" role="group" aria-labelledby="vacancy-title">
      <h3 class="tally-sub" id="vacancy-title">
        {vac().leftEmpty ? t('tally.vacancy.titleLeft', { n: vac().seats }) : t('tally.vacancy.title', { n: vac().seats })}
      </h3>
      <Show
        when={!vac().leftEmpty}
        fallback={<p class="tally-vacancy-left">{t('tally.vacancy.left', { n: vac().seats, time: fmt.dateTime(vac().leftEmpty!.at), name: vac().leftEmpty!.by })}</p>}
      >
        <p class="muted">{vac().rule === 'further_vote' ? t('tally.vacancy.ruleFurther') : t('tally.vacancy.ruleEmpty')}</p>
        <Show when={hasFurther()}>
          <p class="hint">{t('tally.vacancy.furtherUsed')}</p>
        </Show>
        <Show when={manage() || reserve()} fallback={<p class="hint">{t('tally.vacancy.onlyPresidium')}</p>}>
          <div class="next-actions">
            <Show when={manage() && further()}>
              {(r) => (
                <div class="next-action">
                  <p>{t('tally.next.further.lead', { n: r().candidateIds.length, seats: r().seats })}</p>
                  <Button variant="primary" onClick={() => startFurther(r())}>
                    {t('tally.next.further.submit')}
                  </Button>
                </div>
              )}
            </Show>
            <Show when={vac().canLeaveEmpty}>
              <div class="next-action">
                <p>{t('tally.vacancy.leave.lead', { n: vac().seats })}</p>
                <Show when={presidium()} fallback={<p class="hint">{t('tally.vacancy.onlyPresidium')}</p>}>
                  <Button variant={further() ? 'secondary' : 'primary'} onClick={leave}>
                    {t('tally.vacancy.leave.submit')}
                  </Button>
                </Show>
              </div>
            </Show>
            <Show when={reserve()}>
              <div class="next-action">
                <p>{t('tally.vacancy.reserve.lead')}</p>
                <Button variant="secondary" onClick={toReserve}>
                  {t('tally.vacancy.reserve.go')}
                </Button>
              </div>
            </Show>
          </div>
        </Show>
      </Show>
    </div>
  );
}

/** Runoff, re-vote (admin, presidium) and the reserve pool (admin, government, presidium). */
function FollowUps(props: Ids & { vote: Vote; tally: TallyView; onChange: () => void }) {
  const navigate = useNavigate();
  const tv = () => props.tally;
  const manage = () => can(props.congressId, 'tally.followups.create');
  const reserve = () => can(props.congressId, 'tally.reserve');
  const title = (id: string) => tv().figures?.candidates.find((c) => c.id === id)?.title ?? props.vote.candidates.find((c) => c.id === id)?.title ?? id;
  const list = (ids: string[]) => ids.map(title).join(lang() === 'zh-CN' ? '、' : ', ');

  const start = async (kind: FollowUpKind, message: string) => {
    let created: Vote | undefined;
    const ok = await confirmAction({
      title: t(`tally.next.${kind}.confirmTitle`),
      message,
      confirmLabel: t(`tally.next.${kind}.confirm`),
      action: async () => (created = await createFollowUp(props.congressId, props.sessionId, props.vote.id, kind)),
    });
    if (ok && created) {
      toast(t('votes.created', { title: created.title }));
      navigate(`/c/${props.congressId}/sessions/${created.sessionId}/votes/${created.id}`);
    }
  };
  // The further vote is offered with the other choices for an unfilled seat (Vacancy, under the outcome).
  const any = () => tv().next.runoff || tv().next.revote;

  return (
    <>
      <Show when={(manage() && any()) || tv().followUps.length > 0}>
        <div class="tally-next">
          <h3 class="tally-sub">{t('tally.next.title')}</h3>
          <Show when={manage()}>
            <div class="next-actions">
              <Show when={tv().next.runoff}>
                {(r) => (
                  <div class="next-action">
                    <p>{t('tally.next.runoff.lead', { n: r().candidateIds.length, seats: r().seats, titles: list(r().candidateIds) })}</p>
                    <Button variant="primary" onClick={() => start('runoff', t('tally.next.runoff.confirmText', { seats: r().seats, titles: list(r().candidateIds) }))}>
                      {t('tally.next.runoff.submit')}
                    </Button>
                  </div>
                )}
              </Show>
              <Show when={tv().next.revote}>
                <div class="next-action">
                  <p>{t('tally.next.revote.lead')}</p>
                  <Button variant="primary" onClick={() => start('revote', t('tally.next.revote.confirmText'))}>
                    {t('tally.next.revote.submit')}
                  </Button>
                </div>
              </Show>
            </div>
          </Show>
          <Show when={tv().followUps.length > 0}>
            <p class="outcome-label">{t('tally.next.existing')}</p>
            <ul class="followup-list">
              <For each={tv().followUps}>
                {(f) => (
                  <li>
                    <span class="tag tag-accent">{kindLabel(f.kind)}</span>
                    <A href={`/c/${props.congressId}/sessions/${props.sessionId}/votes/${f.id}`}>{f.title}</A>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </div>
      </Show>
      <Show when={reserve() && tv().next.reservable.length > 0}>
        <ReserveForm {...props} onChange={props.onChange} />
      </Show>
    </>
  );
}

/** 转入储备库: candidates not elected go to the reserve pool, to come back in next year's collection. */
function ReserveForm(props: Ids & { vote: Vote; tally: TallyView; onChange: () => void }) {
  const [chosen, setChosen] = createSignal<ReadonlySet<string>>(new Set());
  // Rows keyed by id, so that a poll does not rebuild the checkboxes (nor move the keyboard focus).
  const ids = createMemo(() => props.tally.next.reservable.map((r) => r.id), [], { equals: (a, b) => a.length === b.length && a.every((x, i) => x === b[i]) });
  const row = (id: string) => props.tally.next.reservable.find((r) => r.id === id);
  const open = () => props.tally.next.reservable.filter((r) => !r.reserved);
  const picked = () => open().filter((r) => chosen().has(r.id));
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen());
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
  };
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const list = picked();
    if (list.length === 0) return;
    let reserved = 0;
    const ok = await confirmAction({
      title: t('tally.reserve.confirmTitle', { n: list.length }),
      message: t('tally.reserve.confirmText', { titles: list.map((r) => r.title).join(lang() === 'zh-CN' ? '、' : ', ') }),
      confirmLabel: t('tally.reserve.confirm'),
      action: async () => (reserved = (await reserveCandidates(props.congressId, props.sessionId, props.vote.id, list.map((r) => r.id))).reserved),
    });
    if (ok) {
      toast(t('tally.reserve.done', { n: reserved }));
      setChosen(new Set<string>());
      props.onChange();
    }
  };
  return (
    <form class="tally-reserve" id="tally-reserve" onSubmit={submit} novalidate>
      <h3 class="tally-sub" id="tally-reserve-title" tabindex="-1">
        {t('tally.reserve.title')}
      </h3>
      <p class="muted">{t('tally.reserve.lead')}</p>
      <ul class="plain-list reserve-list">
        <For each={ids()}>
          {(id) => (
            <Show when={row(id)}>
              {(r) => (
                <li>
                  <Show
                    when={!r().reserved}
                    fallback={
                      <p class="reserved-row">
                        <span>{r().title}</span> <span class="tag tag-muted">{t('tally.reserve.already')}</span>
                      </p>
                    }
                  >
                    <CheckField label={r().title} checked={chosen().has(id)} onValue={(on) => toggle(id, on)} />
                  </Show>
                </li>
              )}
            </Show>
          )}
        </For>
      </ul>
      <Show when={open().length > 0}>
        <div class="form-actions start">
          <Button type="submit" disabled={picked().length === 0}>
            {t('tally.reserve.submit', { n: picked().length })}
          </Button>
        </div>
      </Show>
    </form>
  );
}
