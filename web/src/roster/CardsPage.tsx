import { useParams, useSearchParams } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import { usePageTitle } from '../components/PageHeader.tsx';
import { PrintSheets } from '../components/PrintSheets.tsx';
import { fmt, t } from '../i18n.ts';
import { RequireSession } from '../layout/RequireSession.tsx';
import { fetchCards, type DelegateCards } from './roster.data.ts';
import './roster.css';

/**
 * Delegate cards (代表证) to print on A4: eight a sheet with dashed cut lines, each with the congress and term, the
 * representative's name, delegation and constituency, and the personal sign-in QR made by the server.
 */
export default function CardsPage() {
  return (
    <RequireSession>
      <Cards />
    </RequireSession>
  );
}

function Cards() {
  const params = useParams<{ congressId: string }>();
  const [search] = useSearchParams<{ ids?: string }>();
  const [data, { refetch }] = createResource(() => ({ id: params.congressId, ids: search.ids }), (p) => fetchCards(p.id, p.ids));
  usePageTitle(() => (data.latest ? `${t('cards.title')} · ${data.latest.congress.name}` : t('cards.title')));

  return (
    <PrintSheets
      data={data}
      retry={refetch}
      items={(d) => d.cards}
      card={(card, d) => <DelegateCard congress={d.congress} card={card} />}
      back={{ href: `/c/${params.congressId}/roster`, label: t('cards.back') }}
      title={t('cards.title')}
      subject={(d) => d.congress.name}
      count={(n, pages) => t('cards.count', { n, pages })}
      print={t('cards.print')}
      hint={t('cards.hint')}
      loading={t('cards.loading')}
      empty={{ title: t('cards.empty'), next: t('cards.emptyNext'), action: { href: `/c/${params.congressId}/roster/import`, label: t('roster.import.open') } }}
    />
  );
}

function DelegateCard(props: { congress: DelegateCards['congress']; card: DelegateCards['cards'][number] }) {
  return (
    <article class="delegate-card">
      <header class="dc-head">
        <span class="dc-congress">{props.congress.name}</span>
        <span class="dc-term">{fmt.term(props.congress.term)}</span>
      </header>
      <div class="dc-body">
        <div class="dc-text">
          <p class="dc-kind">{t('cards.kind')}</p>
          <p class="dc-name">{props.card.name}</p>
          <Show when={props.card.delegation}>
            <p class="dc-line">{props.card.delegation}</p>
          </Show>
          <Show when={props.card.constituency}>
            <p class="dc-line muted">{props.card.constituency}</p>
          </Show>
        </div>
        {/* The server draws the QR (an SVG of the card's sign-in link); it is shown as it comes. */}
        <div class="dc-qr" role="img" aria-label={t('cards.qrLabel', { name: props.card.name })} innerHTML={props.card.qrSvg} />
      </div>
      <footer class="dc-foot">{t('cards.footer')}</footer>
    </article>
  );
}
