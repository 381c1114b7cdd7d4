import { A } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import * as D from '../../../shared/ballot/decision-contract.ts';
import { call } from '../api.ts';
import { t } from '../i18n.ts';

const fetchAdopted = (congressId: string) => call(D.listPublicDecisions, { params: { congressId } });

/** The public results area: the decisions the session adopted, each linking to its text (nothing while there is none). */
export function AdoptedDecisions(props: { congressId: string }) {
  const [list] = createResource(() => props.congressId, fetchAdopted);
  return (
    <Show when={(list.latest ?? []).length > 0}>
      <section class="published-votes adopted-decisions" aria-labelledby="adopted-decisions-title">
        <h2 id="adopted-decisions-title">{t('decision.public.title')}</h2>
        <ul class="plain-list published-list">
          <For each={list.latest}>
            {(d) => (
              <li>
                <A href={`/r/${props.congressId}/decisions/${d.motionId}`} class="published-title" lang="zh-CN">
                  {d.title}
                </A>
                <span class="muted" lang="zh-CN">
                  {d.adoptionLine}
                </span>
              </li>
            )}
          </For>
        </ul>
        <p>
          <A href={`/r/${props.congressId}/decisions`}>{t('decision.public.all')} →</A>
        </p>
      </section>
    </Show>
  );
}

/** On a published result: the decision this sitting adopted, or the one adopting this project vote's list. */
export function DecisionsOfVote(props: { congressId: string; voteId: string }) {
  const [list] = createResource(() => props.congressId, fetchAdopted);
  const mine = () => (list.latest ?? []).filter((d) => d.sitting.voteId === props.voteId || d.decidesVoteId === props.voteId);
  return (
    <Show when={mine().length > 0}>
      <p class="decision-of-vote">
        {t('decision.public.adoptedHere')}{' '}
        <For each={mine()}>
          {(d) => (
            <A href={`/r/${props.congressId}/decisions/${d.motionId}`} lang="zh-CN">
              {d.title}
            </A>
          )}
        </For>
      </p>
    </Show>
  );
}
