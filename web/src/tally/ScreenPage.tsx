import { useParams } from '@solidjs/router';
import { createMemo, createSignal, For, Match, onCleanup, onMount, Show, Switch } from 'solid-js';
import { ApiError } from '../api.ts';
import { usePageTitle } from '../components/PageHeader.tsx';
import { isLang } from '../../../shared/i18n/index.ts';
import { lang, t, useLangOnly } from '../i18n.ts';
import { every } from '../hall/hall.data.ts';
import { retryDelay } from '../retry.ts';
import { EvaluationPanel, hallFocus } from './EvaluationOnScreen.tsx';
import { kindLabel } from './parts.tsx';
import './tally.css';
import { isSitting, viewOf } from './questions.tsx';
import { Bars, barsSize, ResultQr } from './screen-parts.tsx';
import { SittingResult } from './ScreenSitting.tsx';
import { fetchScreen, screenEventsUrl, type Screen, type ScreenVoteRow } from './tally.data.ts';

/** Without EventSource (an old browser) the screen polls instead. */
const POLL_MS = 5000;

/** The vote the hall is looking at: the open one, else the one closed last, else the newest. */
export function currentVote(votes: ScreenVoteRow[]): ScreenVoteRow | undefined {
  const open = votes.find((v) => v.state === 'open');
  if (open) return open;
  const closed = votes.filter((v) => v.closedAt).sort((a, b) => Date.parse(b.closedAt!) - Date.parse(a.closedAt!));
  return closed[0] ?? votes[votes.length - 1];
}

/**
 * 大屏 /screen/:sessionId — the projector in the hall, no account: the session, seated and present with the quorum,
 * the current vote with its countdown and the count of ballots cast (nothing else while it is open); after
 * publication the 赞成 of each candidate as bars with the threshold line, the elected in rank, and a QR of the
 * public result page. Live by server-sent events; when the stream fails the page reconnects by itself.
 */
export default function ScreenPage() {
  const params = useParams<{ sessionId: string }>();
  const [screen, setScreen] = createSignal<Screen | null>(null);
  const [error, setError] = createSignal<unknown>(null);
  const [link, setLink] = createSignal<'live' | 'connecting' | 'reconnecting' | 'polling'>('connecting');
  /** The server's time of the figures on screen (shown while reconnecting). */
  const [asOf, setAsOf] = createSignal<number | null>(null);
  // The server's clock minus ours, so that the countdown is right on a projector whose clock is not.
  const [skew, setSkew] = createSignal(0);
  const [now, setNow] = createSignal(Date.now());
  usePageTitle(() => (screen() ? `${t('screen.title')} · ${screen()!.session.name}` : t('screen.title')));

  const receive = (s: Screen) => {
    setSkew(Date.parse(s.now) - Date.now());
    setScreen(s);
    setAsOf(Date.parse(s.now));
    setError(null);
  };
  const load = () =>
    fetchScreen(params.sessionId).then(receive, (e) => {
      if (!screen() || (e instanceof ApiError && e.status === 404)) setError(e);
    });

  /**
   * Live by server-sent events. When the stream fails — the server restarted or dropped it, the network went, or the
   * server refused it past its caps (429/503) — the page closes it and opens a new one after 1, 2, 4, 8, then every
   * 10 s (a fifth longer at random, so that the screens of a hall do not all come back in the same instant), keeping
   * the figures it has under a small 正在重新连接 until the stream is back. The first event of a new stream is the
   * whole screen, so nothing is missed.
   */
  onMount(() => {
    // A projector has no one to press a language button: its language comes with the address (?lang=en).
    const asked = new URLSearchParams(location.search).get('lang');
    if (isLang(asked)) void useLangOnly(asked);
    void load();
    let stream: EventSource | null = null;
    let stopPoll: (() => void) | null = null;
    let retry: number | undefined;
    let failures = 0;
    let stopped = false;
    const connect = () => {
      retry = undefined;
      if (stopped) return;
      const es = new EventSource(screenEventsUrl(params.sessionId));
      stream = es;
      es.addEventListener('screen', (e) => {
        failures = 0;
        setLink('live');
        try {
          receive(JSON.parse((e as MessageEvent<string>).data) as Screen);
        } catch {
          // a malformed event is skipped; the next one replaces it
        }
      });
      es.addEventListener('error', () => {
        if (stream !== es) return;
        es.close();
        stream = null;
        failures++;
        setLink(screen() ? 'reconnecting' : 'connecting');
        retry = window.setTimeout(connect, retryDelay(failures));
      });
    };
    // Back online: try at once rather than at the end of the wait.
    const online = () => {
      if (stream || stopped || retry === undefined) return;
      window.clearTimeout(retry);
      connect();
    };
    if (typeof EventSource === 'function') connect();
    else {
      setLink('polling');
      stopPoll = every(POLL_MS, () => void load());
    }
    window.addEventListener('online', online);
    const tick = window.setInterval(() => setNow(Date.now()), 250);
    onCleanup(() => {
      stopped = true;
      stream?.close();
      window.clearTimeout(retry);
      stopPoll?.();
      window.removeEventListener('online', online);
      window.clearInterval(tick);
    });
  });

  const serverNow = () => now() + skew();
  const vote = createMemo(() => (screen() ? currentVote(screen()!.votes) : undefined));
  /** The votes the current one belongs to (it and its runoff, further vote, re-vote) and their final list. */
  const final = createMemo(() => {
    const v = vote();
    return v ? screen()?.finals.find((x) => x.voteIds.includes(v.id)) : undefined;
  });

  return (
    <div class="screen" classList={{ en: lang() === 'en' }}>
      <Switch>
        <Match when={error() && !screen()}>
          <div class="screen-message">
            <p>{error() instanceof ApiError && (error() as ApiError).status === 404 ? t('screen.notFound') : t('screen.offline')}</p>
          </div>
        </Match>
        <Match when={screen()}>
          {(s) => (
            <>
              <header class="screen-head">
                <div class="screen-names">
                  {/* The congress's name once: a session named 「青山镇第十八届人民代表大会第三次会议」 already says it. */}
                  <Show when={!s().session.name.includes(s().congress.name)}>
                    <p class="screen-congress">{s().congress.name}</p>
                  </Show>
                  <h1 class="screen-session">{s().session.name}</h1>
                </div>
                <div class="screen-tools">
                  <span class={`screen-link link-${link()}`} role="status">
                    <span class="dot" aria-hidden="true" />
                    {t(`screen.link.${link()}`)}
                    <Show when={link() === 'reconnecting' && asOf()}>
                      {(at) => <span class="screen-link-asof">{t('screen.link.asOf', { time: clockSeconds(at()) })}</span>}
                    </Show>
                  </span>
                  <span class="screen-clock num">{clock(serverNow())}</span>
                </div>
              </header>
              <main class="screen-main" id="main">
                <aside class="screen-roll" aria-label={t('screen.roll')}>
                  <div class="screen-stat">
                    <span class="screen-stat-label">{t('tally.seated')}</span>
                    <span class="screen-stat-value num">{s().seated}</span>
                  </div>
                  <div class="screen-stat strong">
                    <span class="screen-stat-label">{t('tally.present')}</span>
                    <span class="screen-stat-value num">{s().present}</span>
                  </div>
                  <p class="screen-quorum" classList={{ met: s().quorum.met }}>
                    {s().quorum.met ? t('screen.quorumMet', { n: s().quorum.needed }) : t('screen.quorumNotMet', { n: s().quorum.needed })}
                  </p>
                </aside>
                {/* 会场测评 (EvaluationOnScreen.tsx): an open hall round, or one closed after the current vote, takes the panel. */}
                <Show
                  when={hallFocus(s().evaluations ?? [], vote())}
                  fallback={
                    <Show when={vote()} fallback={<section class="screen-vote screen-idle">{t('screen.noVote')}</section>}>
                      {(v) => <VotePanel vote={v()} final={final()} serverNow={serverNow()} />}
                    </Show>
                  }
                >
                  {(r) => <EvaluationPanel round={r()} />}
                </Show>
              </main>
            </>
          )}
        </Match>
        <Match when={true}>
          <div class="screen-message">
            <p>{t('common.loading')}</p>
          </div>
        </Match>
      </Switch>
    </div>
  );
}

const pad = (n: number) => String(n).padStart(2, '0');
/** HH:MM in Asia/Shanghai. */
const clock = (ms: number) => {
  const d = new Date(ms + 8 * 3600_000);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
};
/** HH:MM:SS in Asia/Shanghai. */
const clockSeconds = (ms: number) => {
  const d = new Date(ms + 8 * 3600_000);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};
const countdown = (ms: number) => {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${pad(Math.floor(s / 60))}:${pad(s % 60)}`;
};

type Final = Screen['finals'][number];

function VotePanel(props: { vote: ScreenVoteRow; final?: Final; serverNow: number }) {
  const v = () => props.vote;
  const status = () => (v().published ? 'published' : v().state);
  const left = () => (v().countdownEndsAt ? Date.parse(v().countdownEndsAt!) - props.serverNow : null);
  return (
    <section class="screen-vote" aria-live="polite">
      <div class="screen-vote-head">
        <div>
          {/* The kind once: a title like 「…（再次投票）」 already says it. */}
          <Show when={v().kind !== 'regular' && !v().title.includes(kindLabel(v().kind))}>
            <p class="screen-vote-kind">{kindLabel(v().kind)}</p>
          </Show>
          <h2 class="screen-vote-title">{v().title}</h2>
        </div>
        <span class={`screen-status status-${status()}`}>{t(`screen.status.${status()}`)}</span>
      </div>
      <Show when={v().result} fallback={<Live vote={v()} left={left()} />}>
        {(r) => (
          <Show when={isSitting(r().questions)} fallback={<Chart vote={v()} result={r()} final={props.final} />}>
            {/* A sitting (表决事项单): every question of the card at once, in card order. */}
            <SittingResult questions={r().questions.map((q) => viewOf(q))} base={{ seated: r().seated, present: v().present }} void={r().void} voteId={v().id} note={<OverIssued vote={v()} />} />
          </Show>
        )}
      </Show>
    </section>
  );
}

/** Before publication: the countdown and how many ballots are in — never anything about their content. */
function Live(props: { vote: ScreenVoteRow; left: number | null }) {
  const v = () => props.vote;
  const share = () => (v().issued > 0 ? Math.min(100, (v().cast / v().issued) * 100) : 0);
  return (
    <div class="screen-live">
      <Show when={v().state === 'open' && props.left !== null}>
        <div class="screen-countdown" classList={{ over: (props.left ?? 0) <= 0 }}>
          <span class="screen-countdown-label">{(props.left ?? 0) > 0 ? t('screen.timeLeft') : t('screen.timeUp')}</span>
          <span class="screen-countdown-value num">{countdown(props.left ?? 0)}</span>
        </div>
      </Show>
      <div class="screen-cast">
        <span class="screen-cast-label">{t('screen.cast')}</span>
        <span class="screen-cast-value num">
          <strong class="screen-cast-n">{v().cast}</strong>
          <span class="screen-cast-of">/ {v().issued}</span>
        </span>
        <span class="screen-cast-note">{t('screen.castOfIssued', { cast: v().cast, issued: v().issued })}</span>
        <div class="screen-progress" aria-hidden="true">
          <span style={{ width: `${share()}%` }} />
        </div>
      </div>
      <OverIssued vote={v()} />
      {/* A sitting's card: what it asks, in card order — titles only, nothing about the ballots. */}
      <Show when={v().questions.length > 1}>
        <div class="screen-asks">
          <p class="screen-asks-label">{t('screen.asks', { n: v().questions.length })}</p>
          <ol class="screen-asks-list" style={{ '--rows': String(Math.ceil(v().questions.length / 2)) }}>
            <For each={v().questions}>
              {(q, i) => (
                <li>
                  <span class="screen-asks-n num">{i() + 1}</span>
                  {q.title}
                </li>
              )}
            </For>
          </ol>
        </div>
      </Show>
      <p class="screen-note">
        {v().state === 'draft' ? t('screen.note.draft') : v().state === 'open' ? t('screen.note.open') : t('screen.note.closed')}
      </p>
    </div>
  );
}

type Result = NonNullable<ScreenVoteRow['result']>;

/** A plain vote's result: the bars with the threshold line, the elected in rank, the tie, the unfilled seats, the QR. */
function Chart(props: { vote: ScreenVoteRow; result: Result; final?: Final }) {
  const r = () => props.result;
  const title = (id: string) => r().candidates.find((c) => c.id === id)?.title ?? id;
  const sep = () => (lang() === 'zh-CN' ? '、' : ', ');
  /** After a runoff or further vote: the whole final list rather than this vote's elected alone. */
  const chained = () => (props.final && props.final.voteIds.length > 1 ? props.final : undefined);

  return (
    <div class="screen-result" classList={{ many: barsSize(r().candidates.length) === 'many' && !r().void }}>
      <Show
        when={!r().void}
        fallback={
          <div class="screen-void">
            <p class="screen-void-title">{t('tally.void')}</p>
            <p>{t('screen.voidNext')}</p>
          </div>
        }
      >
        <Bars result={r()} />
      </Show>
      <div class="screen-foot">
        <div class="screen-summary">
          <p>{t('screen.ballots', { valid: r().valid, invalid: r().invalid })}</p>
          <OverIssued vote={props.vote} />
          <Show when={chained()}>{(f) => <FinalList final={f()} />}</Show>
          <Show when={!r().void && !chained()}>
            <p class="screen-elected">
              {r().elected.length > 0 ? t('screen.electedList', { titles: r().elected.map(title).join(sep()) }) : t('tally.noneElected')}
            </p>
            <Show when={r().tied.length > 0}>
              <p class="screen-tied">{t('screen.tied', { titles: r().tied.map(title).join(sep()), seats: r().unfilledSeats })}</p>
            </Show>
            <Show when={r().unfilledSeats > 0 && r().tied.length === 0}>
              <p class="screen-unfilled">{props.final?.leftEmpty ? t('screen.final.leftEmpty', { n: r().unfilledSeats }) : t('tally.unfilledLine', { n: r().unfilledSeats })}</p>
            </Show>
          </Show>
        </div>
        <ResultQr voteId={props.vote.id} />
      </div>
    </div>
  );
}

/** 发出多于实到, with the numbers (the vote is not void for it, but the hall should see it). */
function OverIssued(props: { vote: ScreenVoteRow }) {
  const n = () => props.vote.overIssued;
  return (
    <Show when={n() > 0}>
      <p class="screen-over-issued">{t('screen.overIssued', { issued: props.vote.issued, present: props.vote.present, n: n() })}</p>
    </Show>
  );
}

/** The session's final list: the elected of the first vote in rank, then those of its runoff or further vote. */
function FinalList(props: { final: Final }) {
  const f = () => props.final;
  return (
    <section class="screen-final" aria-labelledby="screen-final-title">
      <div class="screen-final-head">
        <h3 id="screen-final-title">{t('screen.final.title')}</h3>
        <span class="screen-final-count">{t('screen.final.count', { seats: f().seats, n: f().elected.length })}</span>
      </div>
      <ol class="screen-final-list">
        <For each={f().elected}>
          {(e, i) => (
            <li>
              <span class="screen-rank num">{i() + 1}</span>
              <span class="screen-final-title">{e.title}</span>
              <span class="screen-final-votes num">{t('screen.final.votes', { n: e.for })}</span>
              <Show when={e.kind !== 'regular'}>
                <span class="screen-final-kind">{kindLabel(e.kind)}</span>
              </Show>
            </li>
          )}
        </For>
      </ol>
      <Show when={f().pending}>
        <p class="screen-final-note">{t('screen.final.pending')}</p>
      </Show>
      <Show when={!f().pending && f().unfilledSeats > 0}>
        <p class="screen-final-note">{f().leftEmpty ? t('screen.final.leftEmpty', { n: f().unfilledSeats }) : t('screen.final.unfilled', { n: f().unfilledSeats })}</p>
      </Show>
    </section>
  );
}
