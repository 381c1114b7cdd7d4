import { A, useParams, useSearchParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { Async } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { usePageTitle } from '../components/PageHeader.tsx';
import { fmt, t } from '../i18n.ts';
import { LangSwitch } from '../layout/LangSwitch.tsx';
import { RequireSession } from '../layout/RequireSession.tsx';
import { fetchCards, type DelegateCards } from './roster.data.ts';
import './roster.css';

const PER_SHEET = 8; // 2 × 4 on A4

const chunk = <T,>(list: T[], n: number) => Array.from({ length: Math.ceil(list.length / n) }, (_, i) => list.slice(i * n, i * n + n));

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
    <div class="print-page">
      <header class="print-toolbar no-print">
        <div class="print-toolbar-inner">
          <A href={`/c/${params.congressId}/roster`} class="btn btn-ghost">
            ← {t('cards.back')}
          </A>
          <div class="print-title">
            <h1>{t('cards.title')}</h1>
            <Show when={data.latest}>
              {(d) => (
                <p class="muted">
                  {d().congress.name} · {t('cards.count', { n: fmt.count(d().cards.length), pages: fmt.count(Math.ceil(d().cards.length / PER_SHEET)) })}
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
        <p class="print-hint">{t('cards.hint')}</p>
      </header>
      <main id="main">
        <Async resource={data} retry={refetch} loadingText={t('cards.loading')}>
          {(d) => (
            <Show
              when={d.cards.length > 0}
              fallback={
                <div class="print-empty">
                  <EmptyState
                    title={t('cards.empty')}
                    action={
                      <A class="btn btn-primary" href={`/c/${params.congressId}/roster/import`}>
                        {t('roster.import.open')}
                      </A>
                    }
                  >
                    {t('cards.emptyNext')}
                  </EmptyState>
                </div>
              }
            >
              <div class="sheets">
                <For each={chunk(d.cards, PER_SHEET)}>
                  {(cards) => (
                    <section class="sheet">
                      <For each={cards}>{(card) => <DelegateCard congress={d.congress} card={card} />}</For>
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
