import { A, useParams } from '@solidjs/router';
import { createResource, createSignal, onCleanup, Show } from 'solid-js';
import { methodOf } from '../../../shared/ballot/methods/index.ts';
import { ApiError } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { ErrorState, latest, Loading } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { confirmAction } from '../components/Dialog.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { toast } from '../components/Toast.tsx';
import { useCongress } from '../congress/context.tsx';
import { fmt, t } from '../i18n.ts';
import { can } from '../session.ts';
import { ScanPanel } from '../ballot/ScanPanel.tsx';
import { closeVote, every, fetchMotions, fetchSession, fetchVote, issueCard, makeCards, openVote, voidCard, type Vote } from './hall.data.ts';
import { SittingQuestions } from './Motions.tsx';
import { QuorumTag, VoteStateTag } from './SessionPage.tsx';
import { IssuanceMode, IssueCountSection, OverIssueAlert, PaperSection, RulesForm } from './VoteExtras.tsx';
import { TallySection } from '../tally/TallySection.tsx';
import { DecisionLink } from './DecisionLink.tsx';
import './hall.css';

/**
 * Running one vote: its rules; the scrutineers make and print the cards and record each one handed out at the desk;
 * the presidium opens it (after the quorum) and closes it. While it is open only the count of ballots cast shows.
 */
export default function VotePage() {
  const { id } = useCongress();
  const params = useParams<{ sessionId: string; voteId: string }>();
  const key = () => ({ c: id(), s: params.sessionId, v: params.voteId });
  const [vote, { refetch, mutate }] = createResource(key, (k) => fetchVote(k.c, k.s, k.v));
  const [session, { refetch: refetchSession }] = createResource(key, (k) => fetchSession(k.c, k.s));
  const [motions, { refetch: refetchMotions }] = createResource(key, (k) => fetchMotions(k.c, k.s));
  onCleanup(
    every(3000, () => {
      void refetch();
      void refetchSession();
    }),
  );
  const scrutineer = () => can(id(), 'ballot.cards.manage');
  const counter = () => can(id(), 'ballot.paper.count');
  const presidium = () => can(id(), 'ballot.votes.run');
  const sessionPath = () => `/c/${id()}/sessions/${params.sessionId}`;
  // Once the tally is prepared nothing can be added to the vote: the paper ballot desk goes away.
  const [tallyState, setTallyState] = createSignal<'not_prepared' | 'prepared' | 'published'>('not_prepared');

  return (
    <Show when={can(id(), 'session.hall')} fallback={<NoAccess />}>
      <PageHeader
        kicker={<A href={sessionPath()}>← {latest(session)?.name ?? t('session.title')}</A>}
        title={latest(vote)?.title ?? t('vote.title')}
        actions={<Show when={latest(vote)}>{(v) => <VoteStateTag vote={v()} />}</Show>}
      />
      <Show when={vote.state === 'errored'}>
        <ErrorState error={vote.error} retry={refetch} />
      </Show>
      {/* Not through Async: the poll must not rebuild the desk (and lose what is being typed). */}
      <Show when={latest(vote)} fallback={<Show when={vote.state !== 'errored'}><Loading /></Show>}>
        {(v) => (
          <div class="vote-control">
            <section class="vote-live" aria-live="polite">
              <div class="stat stat-strong">
                <span class="stat-label">{t('vote.cast')}</span>
                <span class="stat-value num">{v().cast}</span>
              </div>
              <div class="stat" classList={{ 'stat-warn': v().issuance.overIssued }}>
                <span class="stat-label">{t('vote.issued')}</span>
                <span class="stat-value num">{v().cards.issued}</span>
                <Show when={v().issuance.overIssued}>
                  <span class="tag tag-warn">{t('hall.over.tag')}</span>
                </Show>
              </div>
              <div class="stat">
                <span class="stat-label">{t('session.present')}</span>
                <span class="stat-value num">{latest(session)?.present ?? '—'}</span>
              </div>
              <Show when={latest(session)}>{(s) => <p class="quorum-line"><QuorumTag s={s()} /></p>}</Show>
              <Show when={v().state === 'open' && v().countdownEndsAt}>
                <p class="muted">{t('vote.countdownEnds', { time: fmt.dateTime(v().countdownEndsAt!) })}</p>
              </Show>
            </section>

            <Show when={v().state === 'closed'}>
              <TallySection vote={v()} congressId={id()} sessionId={params.sessionId} onState={setTallyState} />
              <Show when={v().listId && tallyState() === 'published'}>
                <DecisionLink congressId={id()} voteId={v().id} />
              </Show>
            </Show>

            {/* What the card asks, in card order: a sitting's motions and its project question (a plain vote: its list). */}
            <Show when={v().questions.length > 1 || !v().listId || (latest(motions) ?? []).some((m) => m.state === 'draft')}>
              <SittingQuestions
                vote={v()}
                motions={latest(motions) ?? []}
                manage={can(id(), 'ballot.votes.manage')}
                onVote={(nv) => mutate(nv)}
                // Read the vote again too: a poll already on its way (sent before the change) must not put the old order back.
                onChange={() => {
                  void refetchMotions();
                  void refetch();
                }}
                congressId={id()}
                sessionId={params.sessionId}
              />
            </Show>

            <section class="section">
              {/* On a sitting the rules above the cards are the project question's (a motion's rule is with the motion). */}
              <h2>{t(v().questions.length > 1 ? (v().listId ? 'vote.rules.sittingProjects' : 'vote.rules.sittingCards') : 'vote.rules')}</h2>
              <dl class="rules-list">
                <Show when={v().listId}>
                  <dt>{t('vote.rule.seats')}</dt>
                  <dd>{t('vote.rule.seatsValue', { seats: v().seats, n: v().candidates.length })}</dd>
                  <dt>{t('settings.markMode')}</dt>
                  <dd>{t(methodOf(v().markMode).words.setting)}</dd>
                  <dt>{t('vote.rule.maxFor')}</dt>
                  <dd>{t('vote.rule.maxForValue', { max: v().maxFor })}</dd>
                  <dt>{t('vote.rule.threshold')}</dt>
                  <dd>
                    {t('vote.rule.thresholdValue', {
                      base: t(`settings.threshold.base.${v().threshold.base}`),
                      fraction: `${v().threshold.numerator}/${v().threshold.denominator}`,
                      strict: v().threshold.strict ? t('vote.rule.strict') : t('vote.rule.atLeast'),
                    })}
                  </dd>
                </Show>
                <dt>{t('vote.rule.spare')}</dt>
                <dd>{v().spareCards}</dd>
                <Show when={v().rollAtOpen}>
                  {(r) => (
                    <>
                      <dt>{t('vote.rollAtOpen')}</dt>
                      <dd>{t('sessions.presentOfSeated', { present: r().present, seated: r().seated })}</dd>
                    </>
                  )}
                </Show>
              </dl>
              <Show when={v().state === 'draft' && can(id(), 'ballot.votes.manage')}>
                <RulesForm vote={v()} onVote={(nv) => mutate(nv)} congressId={id()} sessionId={params.sessionId} />
              </Show>
            </section>

            <CardsSection vote={v()} scrutineer={scrutineer()} onChange={refetch} congressId={id()} sessionId={params.sessionId} />

            <Show when={counter() && v().state === 'closed' && tallyState() === 'not_prepared'}>
              <PaperSection vote={v()} congressId={id()} sessionId={params.sessionId} />
            </Show>

            <Show when={scrutineer() && v().state !== 'closed'}>
              <IssueCountSection vote={v()} onChange={refetch} congressId={id()} sessionId={params.sessionId} />
            </Show>

            <Show when={presidium()}>
              <PresidiumSection vote={v()} onVote={(nv) => mutate(nv)} congressId={id()} sessionId={params.sessionId} quorumMet={latest(session)?.quorum.met ?? false} />
            </Show>
          </div>
        )}
      </Show>
    </Show>
  );
}

function CardsSection(props: { vote: Vote; scrutineer: boolean; onChange: () => void; congressId: string; sessionId: string }) {
  const v = () => props.vote;
  const [busy, setBusy] = createSignal(false);
  const [card, setCard] = createSignal('');
  const [voidSerial, setVoidSerial] = createSignal('');
  const [scanning, setScanning] = createSignal(false);
  // The text as a function, so that it follows a language switch (a server message stays as it came).
  const [desk, setDesk] = createSignal<{ kind: 'success' | 'warning' | 'error'; text: () => string } | null>(null);
  const cardsPath = () => `/c/${props.congressId}/sessions/${props.sessionId}/votes/${v().id}/cards`;

  const generate = async () => {
    setBusy(true);
    try {
      const r = await makeCards(props.congressId, props.sessionId, v().id);
      toast(t('vote.cards.made', { n: r.cards }));
      props.onChange();
    } catch (e) {
      toast(e instanceof ApiError ? e.message : String(e), 'error');
    } finally {
      setBusy(false);
    }
  };
  const issue = async (value: string) => {
    if (!value.trim()) return;
    try {
      const r = await issueCard(props.congressId, props.sessionId, v().id, value.trim());
      setDesk(r.alreadyIssued ? { kind: 'warning', text: () => t('vote.issue.already', { serial: r.serial }) } : { kind: 'success', text: () => t('vote.issue.done', { serial: r.serial, n: r.issued }) });
      setCard('');
      props.onChange();
    } catch (e) {
      const text = e instanceof ApiError ? e.message : String(e);
      setDesk({ kind: 'error', text: () => text });
    }
  };
  const doVoid = async (e: SubmitEvent) => {
    e.preventDefault();
    const serial = voidSerial().trim().toUpperCase();
    if (!serial) return;
    const ok = await confirmAction({
      title: t('vote.void.confirmTitle', { serial }),
      message: t('vote.void.confirmText'),
      confirmLabel: t('vote.void.confirm'),
      danger: true,
      action: () => voidCard(props.congressId, props.sessionId, v().id, serial),
    });
    if (ok) {
      toast(t('vote.void.done', { serial }));
      setVoidSerial('');
      props.onChange();
    }
  };

  return (
    <section class="section">
      <h2>{t('vote.cards.title')}</h2>
      <Show
        when={v().cards.generated > 0}
        fallback={
          <Show when={props.scrutineer} fallback={<p class="muted">{t('vote.cards.noneYet')}</p>}>
            <p>{t('vote.cards.makeLead', { spare: v().spareCards })}</p>
            <Button variant="primary" busy={busy()} onClick={generate}>
              {t('vote.cards.make')}
            </Button>
          </Show>
        }
      >
        <p>{t('vote.cards.summary', { generated: v().cards.generated, issued: v().cards.issued, voided: v().cards.voided })}</p>
        <Show when={props.scrutineer}>
          <IssuanceMode vote={v()} />
        </Show>
        <Show when={v().cards.commitment}>
          <p class="small muted">
            {t('vote.cards.commitment')} <code class="mono break">{v().cards.commitment}</code>
          </p>
        </Show>
        <Show when={props.scrutineer}>
          {/* Cards are printed only before the vote opens: after that no page can show a card's QR (a spoiled card is voided). */}
          <Show when={v().state === 'draft'} fallback={<p class="muted small">{t('vote.cards.locked')}</p>}>
            <p>
              <A class="btn btn-secondary" href={cardsPath()}>
                {t('vote.cards.print')}
              </A>
            </p>
          </Show>
          <Show when={v().state !== 'closed'}>
            <div class="desk">
              <h3>{t('vote.issue.title')}</h3>
              <p class="muted">{t('vote.issue.lead')}</p>
              <Show when={scanning()} fallback={<Button onClick={() => setScanning(true)}>{t('vote.issue.scan')}</Button>}>
                <ScanPanel
                  onCode={(text) => {
                    setScanning(false);
                    void issue(text);
                  }}
                  onCancel={() => setScanning(false)}
                />
              </Show>
              <form
                class="inline-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  void issue(card());
                }}
              >
                <label for="issue-card">{t('vote.issue.label')}</label>
                <div class="inline-row">
                  <input id="issue-card" class="mono" value={card()} onInput={(e) => setCard(e.currentTarget.value)} autocomplete="off" spellcheck={false} />
                  <Button type="submit" variant="primary">
                    {t('vote.issue.submit')}
                  </Button>
                </div>
              </form>
              <Show when={desk()}>{(d) => <Alert kind={d().kind} title={d().text()} />}</Show>
              <Show when={v().cards.issuanceMode === 'scan'}>
                <OverIssueAlert vote={v()} />
              </Show>
              <form class="inline-form" onSubmit={doVoid}>
                <label for="void-serial">{t('vote.void.label')}</label>
                <div class="inline-row">
                  <input id="void-serial" class="mono" value={voidSerial()} onInput={(e) => setVoidSerial(e.currentTarget.value)} autocomplete="off" spellcheck={false} />
                  <Button type="submit" variant="danger">
                    {t('vote.void.submit')}
                  </Button>
                </div>
              </form>
            </div>
          </Show>
        </Show>
      </Show>
    </section>
  );
}

function PresidiumSection(props: { vote: Vote; onVote: (v: Vote) => void; congressId: string; sessionId: string; quorumMet: boolean }) {
  const v = () => props.vote;
  const [minutes, setMinutes] = createSignal('');
  type Figures = { issued: number; present: number };
  const overFigures = (): Figures | undefined => (v().issuance.overIssued ? { issued: v().cards.issued, present: v().issuance.present } : undefined);
  /**
   * With more cards issued than people present the dialog states both numbers and the request confirms exactly them;
   * when the server finds other numbers by then (a card scanned meanwhile), it asks again with the server's numbers.
   */
  const open = async (figures = overFigures(), changed = false) => {
    const m = Number(minutes());
    const seconds = minutes().trim() && m > 0 ? Math.round(m * 60) : undefined;
    let result: Vote | undefined;
    let moved: Figures | undefined;
    const ok = await confirmAction({
      title: figures ? t('hall.open.overTitle') : t('vote.open.confirmTitle'),
      message: figures ? (
        <div class="over-confirm">
          <Show when={changed}>
            <p>
              <strong>{t('hall.open.overChanged')}</strong>
            </p>
          </Show>
          <p class="over-figures">{t('hall.open.overText', { ...figures, extra: figures.issued - figures.present })}</p>
          <p>{t('hall.open.overText2', figures)}</p>
          <p class="muted">{t('vote.open.confirmText', { cards: figures.issued })}</p>
        </div>
      ) : (
        t('vote.open.confirmText', { cards: v().cards.issued })
      ),
      confirmLabel: figures ? t('hall.open.overConfirm', figures) : t('vote.open.confirm'),
      danger: !!figures,
      action: async () => {
        try {
          result = await openVote(props.congressId, props.sessionId, v().id, { countdownSeconds: seconds, ...(figures ? { confirmOverIssue: figures } : {}) });
        } catch (e) {
          const raw = e instanceof ApiError && e.code === 'over_issued' ? (e.raw as Figures | undefined) : undefined;
          if (!raw) throw e;
          moved = { issued: raw.issued, present: raw.present };
        }
      },
    });
    if (ok && moved) return open(moved, true);
    if (ok && result) {
      props.onVote(result);
      toast(t('vote.open.done'));
    }
  };
  const close = async () => {
    let result: Vote | undefined;
    const ok = await confirmAction({
      title: t('vote.close.confirmTitle'),
      message: t('vote.close.confirmText', { cast: v().cast }),
      confirmLabel: t('vote.close.confirm'),
      danger: true,
      action: async () => (result = await closeVote(props.congressId, props.sessionId, v().id)),
    });
    if (ok && result) {
      props.onVote(result);
      toast(t('vote.close.done'));
    }
  };
  return (
    <section class="section presidium">
      <h2>{t('vote.presidium')}</h2>
      <Show when={v().state === 'draft'}>
        <Show when={!props.quorumMet}>
          <Alert kind="warning" title={t('vote.open.noQuorum')} />
        </Show>
        <Show when={overFigures()}>{(f) => <Alert kind="warning" class="over-issue" title={t('hall.over.presidium', f())} />}</Show>
        <div class="inline-form">
          <label for="countdown">{t('vote.open.countdown')}</label>
          <div class="inline-row">
            <input id="countdown" type="number" inputmode="numeric" min="1" max="120" class="num-input" value={minutes()} onInput={(e) => setMinutes(e.currentTarget.value)} />
            <Button variant="primary" onClick={() => void open()} disabled={v().cards.generated === 0}>
              {t('vote.open.submit')}
            </Button>
          </div>
          <p class="hint">{v().cards.generated === 0 ? t('vote.open.needCards') : t('vote.open.countdownHint')}</p>
        </div>
      </Show>
      <Show when={v().state === 'open'}>
        <Button variant="danger" onClick={close}>
          {t('vote.close.submit')}
        </Button>
      </Show>
      <Show when={v().state === 'closed'}>
        <p>{t('vote.closedAt', { time: fmt.dateTime(v().closedAt!) })}</p>
      </Show>
    </section>
  );
}
