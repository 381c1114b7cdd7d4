import { A, useNavigate } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import * as D from '../../../shared/ballot/decision-contract.ts';
import { ApiError, call } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { toast } from '../components/Toast.tsx';
import { t } from '../i18n.ts';
import { can } from '../session.ts';

/**
 * On a published project vote's page: the decision on the projects of its chain — a link to it when drafted, else
 * 「起草决定」 for the staff and the presidium (refused with the reason while the chain's list is not final).
 */
export function DecisionLink(props: { congressId: string; voteId: string }) {
  const navigate = useNavigate();
  const [all] = createResource(() => props.congressId, (c) => call(D.listDecisions, { params: { congressId: c } }));
  const mine = () => (all.latest ?? []).find((d) => d.chainVoteIds.includes(props.voteId) && d.state !== 'failed');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  async function draft() {
    setBusy(true);
    setError(null);
    try {
      const d = await call(D.draftDecision, { params: { congressId: props.congressId, voteId: props.voteId } });
      toast(t('decision.draft.done'));
      navigate(`/c/${props.congressId}/decisions/${d.motionId}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Show when={all.state === 'ready' || all.state === 'refreshing'}>
      <section class="section decision-link-box" aria-labelledby="decision-link-title">
        <h2 id="decision-link-title">{t('decision.title')}</h2>
        <Show
          when={mine()}
          fallback={
            <Show when={can(props.congressId, 'ballot.votes.manage')}>
              <p class="muted">{t('decision.draft.lead')}</p>
              <Show when={error()}>{(m) => <Alert kind="warning" title={m()} />}</Show>
              <Button variant="primary" busy={busy()} onClick={() => void draft()}>
                {t('decision.draft.button')}
              </Button>
            </Show>
          }
        >
          {(d) => (
            <p>
              {t('decision.existing', { title: d().title })} <span class="tag tag-muted">{t(`decision.state.${d().state}`)}</span>{' '}
              <A href={`/c/${props.congressId}/decisions/${d().motionId}`} class="btn btn-secondary btn-sm">
                {t('decision.open')}
              </A>
            </p>
          )}
        </Show>
      </section>
    </Show>
  );
}
