import { A, useParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { Async, latest } from '../components/Async.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { usePageTitle } from '../components/PageHeader.tsx';
import { fmt, t } from '../i18n.ts';
import { PublicLayout } from '../layout/PublicLayout.tsx';
import { fetchPublishedVotes, publicResultPath } from '../tally/tally.data.ts';
import { fetchPublicCongress } from './public.data.ts';
import { ReceiptBox } from './ReceiptBox.tsx';
import { AdoptedDecisions } from './DecisionLinks.tsx';

/** /r/:congressId — check a receipt against every published vote of a congress, and the list of published votes. */
export default function ReceiptsPage() {
  const params = useParams<{ congressId: string }>();
  const [congress] = createResource(() => params.congressId, fetchPublicCongress);
  const [votes, { refetch }] = createResource(() => params.congressId, fetchPublishedVotes);
  usePageTitle(() => (latest(congress) ? `${t('receipts.title')} · ${latest(congress)!.name}` : t('receipts.title')));

  return (
    <PublicLayout wide class="resident receipts-page">
      <header class="resident-head">
        <Show when={latest(congress)}>{(c) => <p class="kicker">{c().name}</p>}</Show>
        <h1>{t('receipts.title')}</h1>
        <p class="lead">{t('receipts.lead')}</p>
      </header>
      <ReceiptBox congressId={params.congressId} title={t('receipts.boxTitle')} />
      <AdoptedDecisions congressId={params.congressId} />
      <section class="published-votes" aria-labelledby="published-title">
        <h2 id="published-title">{t('receipts.published')}</h2>
        <Async resource={votes} retry={refetch}>
          {(list) => (
            <Show when={list.length > 0} fallback={<EmptyState title={t('receipts.none')}>{t('receipts.noneNext')}</EmptyState>}>
              <ul class="plain-list published-list">
                <For each={list}>
                  {(v) => (
                    <li>
                      <A href={publicResultPath(v.voteId)} class="published-title">
                        {v.title}
                      </A>
                      <span class="muted">
                        {v.sessionName} · {t('receipt.publishedAt', { time: fmt.dateTime(v.publishedAt) })}
                      </span>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Async>
      </section>
    </PublicLayout>
  );
}
