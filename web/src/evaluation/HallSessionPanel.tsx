import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { ApiError } from '../api.ts';
import { Button } from '../components/Button.tsx';
import { toast } from '../components/Toast.tsx';
import { fetchSessions } from '../hall/hall.data.ts';
import { fmt, t } from '../i18n.ts';
import { screenPath } from '../tally/tally.data.ts';
import { type Round, updateRound } from './evaluation.data.ts';
import './hall.css';

/**
 * 会场测评 on a round's page: the session where the round is answered on the hall tablets (桃江: 在人代会上开展的满意度测评).
 * Staff pick it while the round is a draft (a session of this congress; none: answered anywhere); once open it is
 * fixed and the page says where it is held, with the way to the session's big screen and hall tablets.
 */
export function HallSessionPanel(props: { round: Round; congressId: string; staff: boolean; onRound: (r: Round) => void }) {
  const editable = () => props.staff && props.round.state === 'draft';
  const [sessions] = createResource(
    () => (editable() ? props.congressId : null),
    (c) => fetchSessions(c),
  );
  const [choice, setChoice] = createSignal(props.round.sessionId ?? '');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      props.onRound(await updateRound(props.congressId, props.round.id, { sessionId: choice() || null }));
      toast(t('evaluation.hall.saved'));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('error.unexpected'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Show when={editable() || props.round.session}>
      <section class="card ev-hall" aria-labelledby="ev-hall-title">
        <h2 id="ev-hall-title">{t('evaluation.hall.title')}</h2>
        <p class="muted">{t('evaluation.hall.lead')}</p>
        <Show
          when={editable()}
          fallback={
            <Show when={props.round.session}>
              {(s) => (
                <>
                  <p>
                    <strong>{t('evaluation.hall.at', { session: s().name, date: fmt.date(s().date) })}</strong>
                  </p>
                  <p class="ev-hall-links">
                    <a class="btn btn-secondary" href={screenPath(s().id)} target="_blank" rel="noopener">
                      {t('evaluation.hall.screen')}
                    </a>{' '}
                    <Show when={props.staff}>
                      <A class="btn btn-secondary" href={`/c/${props.congressId}/sessions/${s().id}/kiosks`}>
                        {t('evaluation.hall.kiosks')}
                      </A>
                    </Show>
                  </p>
                  <Show when={props.staff}>
                    <p class="hint">{t('evaluation.hall.fixed')}</p>
                  </Show>
                </>
              )}
            </Show>
          }
        >
          <form class="ev-inline-form" onSubmit={save} novalidate>
            <label for="ev-hall-session">{t('evaluation.hall.session')}</label>
            <div class="ev-inline-row">
              <select id="ev-hall-session" value={choice()} onChange={(e) => setChoice(e.currentTarget.value)}>
                <option value="">{t('evaluation.hall.none')}</option>
                <For each={sessions() ?? []}>
                  {(s) => (
                    <option value={s.id} selected={s.id === choice()}>
                      {s.name} · {fmt.date(s.date)}
                    </option>
                  )}
                </For>
              </select>
              <Button type="submit" busy={busy()}>
                {t('evaluation.hall.save')}
              </Button>
            </div>
            <Show when={sessions()?.find((x) => x.id === choice())} fallback={<p class="hint">{t('evaluation.hall.notInHall')}</p>}>
              {(s) => <p class="hint">{t('evaluation.hall.perSeat', { n: s().seated })}</p>}
            </Show>
            <Show when={error()}>
              <p class="field-error" role="alert">
                {error()}
              </p>
            </Show>
          </form>
        </Show>
      </section>
    </Show>
  );
}
