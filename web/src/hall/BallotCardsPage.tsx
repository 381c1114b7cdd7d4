import { A, useParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { Async } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { usePageTitle } from '../components/PageHeader.tsx';
import { fmt, t } from '../i18n.ts';
import { LangSwitch } from '../layout/LangSwitch.tsx';
import { RequireSession } from '../layout/RequireSession.tsx';
import { fetchBallotCards, type BallotCards } from './hall.data.ts';
import './hall.css';

const PER_SHEET = 8; // 2 × 4 on A4
const chunk = <T,>(list: T[], n: number) => Array.from({ length: Math.ceil(list.length / n) }, (_, i) => list.slice(i * n, i * n + n));

/**
 * Ballot cards (表决卡) to print on A4 for the scrutineers: eight a sheet with dashed cut lines, each with the vote's
 * title, the QR of `<origin>/b#<token>` made by the server, the serial in large type (typed on the tablet when the
 * camera cannot read the QR), and how to vote. Nothing on a card says whose it is.
 */
export default function BallotCardsPage() {
  return (
    <RequireSession>
      <Sheet />
    </RequireSession>
  );
}

function Sheet() {
  const params = useParams<{ congressId: string; sessionId: string; voteId: string }>();
  const [data, { refetch }] = createResource(() => ({ ...params }), (p) => fetchBallotCards(p.congressId, p.sessionId, p.voteId));
  usePageTitle(() => (data.latest ? `${t('ballotCards.title')} · ${data.latest.vote.title}` : t('ballotCards.title')));
  const back = () => `/c/${params.congressId}/sessions/${params.sessionId}/votes/${params.voteId}`;

  return (
    <div class="print-page">
      <header class="print-toolbar no-print">
        <div class="print-toolbar-inner">
          <A href={back()} class="btn btn-ghost">
            ← {t('ballotCards.back')}
          </A>
          <div class="print-title">
            <h1>{t('ballotCards.title')}</h1>
            <Show when={data.latest}>
              {(d) => (
                <p class="muted">
                  {d().vote.title} · {t('cards.count', { n: fmt.count(d().cards.length), pages: fmt.count(Math.ceil(d().cards.length / PER_SHEET)) })}
                </p>
              )}
            </Show>
          </div>
          <div class="print-tools">
            <LangSwitch />
            <Button variant="primary" onClick={() => window.print()} disabled={!data.latest?.cards.length}>
              {t('cards.print')}
            </Button>
          </div>
        </div>
        <p class="print-hint">{t('ballotCards.hint')}</p>
      </header>
      <main id="main">
        <Async resource={data} retry={refetch} loadingText={t('ballotCards.loading')}>
          {(d) => (
            <Show
              when={d.cards.length > 0}
              fallback={
                <div class="print-empty">
                  <EmptyState
                    title={t('ballotCards.empty')}
                    action={
                      <A class="btn btn-primary" href={back()}>
                        {t('ballotCards.back')}
                      </A>
                    }
                  >
                    {t('ballotCards.emptyNext')}
                  </EmptyState>
                </div>
              }
            >
              <div class="sheets">
                <For each={chunk(d.cards, PER_SHEET)}>
                  {(cards) => (
                    <section class="sheet">
                      <For each={cards}>{(card) => <BallotCard title={d.vote.title} card={card} />}</For>
                    </section>
                  )}
                </For>
              </div>
            </Show>
          )}
        </Async>
      </main>
    </div>
  );
}

function BallotCard(props: { title: string; card: BallotCards['cards'][number] }) {
  return (
    <article class="delegate-card ballot-card" classList={{ voided: props.card.voided }}>
      <header class="dc-head">
        <span class="dc-congress">{props.title}</span>
        <span class="dc-term">{t('ballotCards.kind')}</span>
      </header>
      <div class="dc-body">
        <div class="bc-qr" role="img" aria-label={t('ballotCards.qrLabel', { serial: props.card.serial })} innerHTML={props.card.qrSvg} />
        <div class="dc-text">
          <p class="dc-kind">{t('ballotCards.serial')}</p>
          <p class="bc-serial">{props.card.serial}</p>
          <Show when={props.card.voided}>
            <p class="bc-void">{t('ballotCards.voided')}</p>
          </Show>
          <p class="dc-line">{t('ballotCards.how')}</p>
        </div>
      </div>
      <footer class="dc-foot">{t('ballotCards.footer')}</footer>
    </article>
  );
}
