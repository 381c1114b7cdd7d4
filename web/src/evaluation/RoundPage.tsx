import { A, useParams } from '@solidjs/router';
import { createResource, createSignal, For, Match, onCleanup, Show, Switch } from 'solid-js';
import { ApiError } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { ErrorState, latest, Loading } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { confirmAction } from '../components/Dialog.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { toast } from '../components/Toast.tsx';
import { useCongress } from '../congress/context.tsx';
import { every } from '../hall/hall.data.ts';
import { fmt, t } from '../i18n.ts';
import { can } from '../session.ts';
import { CodesPanel } from './CodesPanel.tsx';
import { HallSessionPanel } from './HallSessionPanel.tsx';
import { closeRound, fetchRound, getMyCode, openRound, paths, publishRound, type Round, type State } from './evaluation.data.ts';
import { audienceLabel, itemText, StateTag, TargetList } from './parts.tsx';
import { QuestionnaireEditor } from './QuestionnaireEditor.tsx';
import { InviteResidents } from '../notify/InviteResidents.tsx';
import { ResultsSection } from './ResultsSection.tsx';

/** While a round is open its page asks for the count of answers this often. */
const POLL_MS = 4000;

/**
 * One round through its life: 准备 (targets, questionnaire, codes) → 测评中 (only the count of answers, refreshed on its
 * own) → 已结束 (staff see the figures) → 已公布 (everyone does; rectifications open). A representative gets their one
 * code here while it is open.
 */
export default function RoundPage() {
  const { id } = useCongress();
  const params = useParams<{ roundId: string }>();
  const key = () => ({ c: id(), r: params.roundId });
  const [round, { refetch, mutate }] = createResource(key, (k) => fetchRound(k.c, k.r));
  onCleanup(
    every(POLL_MS, () => {
      if (latest(round)?.state === 'open') void refetch();
    }),
  );
  const staff = () => can(id(), 'evaluation.manage');
  const title = () => latest(round)?.title ?? t('evaluation.round.title');

  return (
    <Show when={can(id(), 'evaluation.read')} fallback={<NoAccess />}>
      <PageHeader
        kicker={<A href={paths.rounds(id())}>← {t('evaluation.rounds.title')}</A>}
        title={title()}
        lead={
          <Show when={latest(round)}>
            {(r) => (
              <>
                {t('evaluation.yearValue', { year: r().year })} · {r().audiences.map(audienceLabel).join(' · ')}
                <Show when={r().kind === 'reevaluation' && r().previousRoundId}>
                  {' · '}
                  <A href={paths.round(id(), r().previousRoundId!)}>{t('evaluation.round.reevaluationOf')}</A>
                </Show>
              </>
            )}
          </Show>
        }
        actions={<Show when={latest(round)}>{(r) => <StateTag state={r().state} />}</Show>}
      />
      <Show when={round.state === 'errored'}>
        <ErrorState error={round.error} retry={refetch} />
      </Show>
      {/* Not through Async: the poll while open must not rebuild the page (and lose what is being typed). */}
      <Show when={latest(round)} fallback={<Show when={round.state !== 'errored'}><Loading /></Show>}>
        {(r) => (
          <div class="ev-round">
            <Lifecycle round={r()} staff={staff()} congressId={id()} onRound={(x) => mutate(x)} />
            <Show when={can(id(), 'evaluation.code.offer') && r().state === 'open' && r().audiences.includes('representatives')}>
              <MyCodeCard round={r()} congressId={id()} />
            </Show>
            <Show when={r().state === 'open'}>
              <LiveCount round={r()} staff={staff()} />
            </Show>
            <Switch>
              <Match when={r().state === 'closed' && !staff()}>
                <Alert kind="info" title={t('evaluation.round.waitPublication')} />
              </Match>
              <Match when={r().state === 'closed' || r().state === 'published'}>
                <ResultsSection round={r()} congressId={id()} staff={staff()} />
              </Match>
            </Switch>
            <HallSessionPanel round={r()} congressId={id()} staff={staff()} onRound={(x) => mutate(x)} />
            {/* In preparation the questionnaire comes first, then the codes; once open, the codes (to record how many
                were handed out) come before the read-only questionnaire. */}
            <Show when={staff() && r().state === 'draft'}>
              <QuestionnaireEditor round={r()} congressId={id()} onRound={(x) => mutate(x)} />
            </Show>
            <Show when={staff() && (r().state === 'draft' || r().state === 'open')}>
              <CodesPanel round={r()} congressId={id()} onRound={(x) => mutate(x)} />
            </Show>
            <Show when={can(id(), 'notify.staff') && r().state === 'open' && r().audiences.includes('residents')}>
              <InviteResidents congressId={id()} roundId={r().id} />
            </Show>
            <Show when={!(staff() && r().state === 'draft')}>
              <Setup round={r()} />
            </Show>
          </div>
        )}
      </Show>
    </Show>
  );
}

const STEPS: State[] = ['draft', 'open', 'closed', 'published'];

/** Where the round stands, when each step happened, and the one next step for staff (asked once, in words). */
function Lifecycle(props: { round: Round; staff: boolean; congressId: string; onRound: (r: Round) => void }) {
  const r = () => props.round;
  const at = (s: State) => (s === 'open' ? r().openedAt : s === 'closed' ? r().closedAt : s === 'published' ? r().publishedAt : null);
  const index = () => STEPS.indexOf(r().state);
  // Published is the last step: once there it is done, not still to do.
  const done = (i: number) => i < index() || (i === index() && r().state === 'published');
  const total = () => r().responses.representatives + r().responses.residents;

  const step = async (which: 'open' | 'close' | 'publish') => {
    let next: Round | null = null;
    const action = async () => {
      next = await (which === 'open' ? openRound : which === 'close' ? closeRound : publishRound)(props.congressId, r().id);
    };
    const ok = await confirmAction({
      title: t(`evaluation.${which}.confirmTitle`),
      message: (
        <>
          <p>{t(`evaluation.${which}.confirmText`, { n: total() })}</p>
          <p class="consequence">{t(`evaluation.${which}.consequence`)}</p>
        </>
      ),
      confirmLabel: t(`evaluation.${which}.confirm`),
      danger: which !== 'open',
      action,
    });
    if (ok && next) {
      props.onRound(next);
      toast(t(`evaluation.${which}.done`));
    }
  };

  return (
    <section class="ev-life" aria-label={t('evaluation.round.lifecycle')}>
      <ol class="ev-steps">
        <For each={STEPS}>
          {(s, i) => (
            <li classList={{ done: done(i()), current: i() === index() }} aria-current={i() === index() ? 'step' : undefined}>
              <span class="ev-step-dot num" aria-hidden="true">
                {done(i()) ? '✓' : i() + 1}
              </span>
              <span class="ev-step-text">
                <span class="ev-step-name">{t(`evaluation.step.${s}`)}</span>
                <Show when={at(s)}>{(when) => <span class="ev-step-time num">{fmt.dateTime(when())}</span>}</Show>
              </span>
            </li>
          )}
        </For>
      </ol>
      <Show when={props.staff && r().state !== 'published'}>
        <div class="ev-life-action">
          <p class="muted">{t(`evaluation.next.${r().state as 'draft' | 'open' | 'closed'}`)}</p>
          <Switch>
            <Match when={r().state === 'draft'}>
              <Button variant="primary" onClick={() => void step('open')}>
                {t('evaluation.open.button')}
              </Button>
            </Match>
            <Match when={r().state === 'open'}>
              <Button variant="primary" onClick={() => void step('close')}>
                {t('evaluation.close.button')}
              </Button>
            </Match>
            <Match when={r().state === 'closed'}>
              <Button variant="primary" onClick={() => void step('publish')}>
                {t('evaluation.publish.button')}
              </Button>
            </Match>
          </Switch>
        </div>
      </Show>
    </section>
  );
}

/** While open: how many answered, per audience and together — never anything about what they answered. */
function LiveCount(props: { round: Round; staff: boolean }) {
  const r = () => props.round;
  const total = () => r().responses.representatives + r().responses.residents;
  const handedOut = (a: 'representatives' | 'residents') => r().codes[a].issued + r().codes[a].granted;
  return (
    <section class="ev-live" aria-live="polite" aria-labelledby="ev-live-title">
      <h2 id="ev-live-title">{t('evaluation.live.title')}</h2>
      <div class="ev-live-stats">
        <For each={r().audiences}>
          {(a) => (
            <div class="ev-live-stat">
              <span class="ev-live-label">{audienceLabel(a)}</span>
              <span class="ev-live-n num">{fmt.count(r().responses[a])}</span>
              <Show when={props.staff}>
                <span class="ev-live-of muted num">
                  <Show when={handedOut(a) > 0} fallback={t('evaluation.live.noneHandedOut')}>
                    {t('evaluation.live.ofHandedOut', { n: fmt.count(handedOut(a)) })}
                  </Show>
                </span>
              </Show>
            </div>
          )}
        </For>
        <Show when={r().audiences.length > 1}>
          <div class="ev-live-stat total">
            <span class="ev-live-label">{t('evaluation.group.all')}</span>
            <span class="ev-live-n num">{fmt.count(total())}</span>
          </div>
        </Show>
      </div>
      <p class="muted">{t('evaluation.live.note', { s: POLL_MS / 1000 })}</p>
    </section>
  );
}

/** A representative signed in with their delegate card gets one code from the system and answers at once. */
function MyCodeCard(props: { round: Round; congressId: string }) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const take = async () => {
    setBusy(true);
    setError('');
    try {
      const code = await getMyCode(props.congressId, props.round.id);
      // A page load rather than an in-app move: the answering page starts clean and takes the token out of the address.
      window.location.assign(`/e#${code.token}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('error.unexpected'));
      setBusy(false);
    }
  };
  return (
    <section class="card ev-mycode">
      <h2>{t('evaluation.mycode.title')}</h2>
      <Show when={!props.round.myCodeReceived} fallback={<p>{t('evaluation.mycode.received')}</p>}>
        <p>{t('evaluation.mycode.lead')}</p>
        <Show when={error()}>
          <Alert kind="error" title={error()} />
        </Show>
        <Button variant="primary" class="ev-big-btn" busy={busy()} onClick={take}>
          {t('evaluation.mycode.button')}
        </Button>
      </Show>
    </section>
  );
}

/** Once the round has opened: what it evaluates and the questionnaire, read only. */
function Setup(props: { round: Round }) {
  const r = () => props.round;
  const grid = () => (
    <div class="ev-setup-grid">
      <TargetList round={r()} />
      <div class="card">
        <h3>{t('evaluation.setup.items')}</h3>
        <For each={['project', 'department'] as const}>
          {(k) => (
            <Show when={r().targets.some((x) => x.kind === k)}>
              <p class="ev-items-kind">{t(`evaluation.items.${k}`)}</p>
              <ol class="ev-items-ro">
                <For each={r().items[k]}>{(i) => <li>{itemText(i.label)}</li>}</For>
              </ol>
            </Show>
          )}
        </For>
        <p class="muted small">{r().allowUnknown ? t('evaluation.setup.unknownOn') : t('evaluation.setup.unknownOff')}</p>
      </div>
    </div>
  );
  // Once there are results, what was asked is reference: folded away below them.
  return (
    <Show
      when={r().state === 'closed' || r().state === 'published'}
      fallback={
        <section class="ev-setup" aria-labelledby="ev-setup-title">
          <h2 id="ev-setup-title">{t('evaluation.setup.title')}</h2>
          {grid()}
        </section>
      }
    >
      <details class="card ev-setup ev-setup-fold">
        <summary>{t('evaluation.setup.folded', { n: r().targets.length })}</summary>
        {grid()}
      </details>
    </Show>
  );
}
