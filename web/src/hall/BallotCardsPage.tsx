import { useParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { usePageTitle } from '../components/PageHeader.tsx';
import { PrintSheets } from '../components/PrintSheets.tsx';
import { t } from '../i18n.ts';
import { RequireSession } from '../layout/RequireSession.tsx';
import { fetchBallotCards, fetchVote, type BallotCards, type Question } from './hall.data.ts';
import './hall.css';

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
  // The card lists what it asks when it asks several things (a sitting): the questions' titles, in card order.
  const [data, { refetch }] = createResource(
    () => ({ ...params }),
    async (p) => {
      const [cards, vote] = await Promise.all([fetchBallotCards(p.congressId, p.sessionId, p.voteId), fetchVote(p.congressId, p.sessionId, p.voteId)]);
      return { ...cards, questions: vote.questions.length > 1 || vote.questions[0]?.kind === 'motion' ? vote.questions : [] };
    },
  );
  usePageTitle(() => (data.latest ? `${t('ballotCards.title')} · ${data.latest.vote.title}` : t('ballotCards.title')));
  const back = () => `/c/${params.congressId}/sessions/${params.sessionId}/votes/${params.voteId}`;

  return (
    <PrintSheets
      data={data}
      retry={refetch}
      items={(d) => d.cards}
      card={(card, d) => <BallotCard title={d.vote.title} card={card} questions={d.questions} />}
      back={{ href: back(), label: t('ballotCards.back') }}
      title={t('ballotCards.title')}
      subject={(d) => d.vote.title}
      count={(n, pages) => t('cards.count', { n, pages })}
      print={t('cards.print')}
      hint={t('ballotCards.hint')}
      loading={t('ballotCards.loading')}
      empty={{ title: t('ballotCards.empty'), next: t('ballotCards.emptyNext'), action: { href: back(), label: t('ballotCards.back') } }}
    />
  );
}

function BallotCard(props: { title: string; card: BallotCards['cards'][number]; questions: readonly Question[] }) {
  return (
    <article class="delegate-card ballot-card" classList={{ voided: props.card.voided, 'has-questions': props.questions.length > 0 }}>
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
      <Show when={props.questions.length > 0}>
        <div class="bc-questions" classList={{ many: props.questions.length > 3 }}>
          <p class="bc-questions-head">{t('ballotCards.questions')}</p>
          <ol>
            <For each={props.questions}>{(q) => <li>{q.title}</li>}</For>
          </ol>
        </div>
      </Show>
      <footer class="dc-foot">{t('ballotCards.footer')}</footer>
    </article>
  );
}
