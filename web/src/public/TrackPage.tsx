import { useNavigate, useParams } from '@solidjs/router';
import { createEffect, createResource, createSignal, Match, on, Show, Switch } from 'solid-js';
import { normalizeTrackingCode } from '../../../shared/gathering/tracking-code.ts';
import { Alert } from '../components/Alert.tsx';
import { Async } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { TextField } from '../components/Field.tsx';
import { usePageTitle } from '../components/PageHeader.tsx';
import { fmt, t } from '../i18n.ts';
import { categoryLabel, channelLabel } from '../labels.ts';
import { PublicLayout } from '../layout/PublicLayout.tsx';
import { ItemTimeline } from '../items/TrackItem.tsx';
import { fetchAnyTracking, type Tracking } from './public.data.ts';
import { Step } from './TrackStep.tsx';
import './public.css';

/**
 * /t and /t/:code — a resident follows a proposal or an item (意见建议) with its tracking code: typed in any case, with
 * or without the dash, O for 0 and I or L for 1. The answer is a timeline in words; it never holds anyone's contact
 * details. An item's page also takes the resident's rating of the answer (web/src/items/TrackItem.tsx).
 */
export default function TrackPage() {
  const params = useParams<{ code?: string }>();
  const navigate = useNavigate();
  const [typed, setTyped] = createSignal(params.code ?? '');
  const [error, setError] = createSignal('');
  const code = () => (params.code ? normalizeTrackingCode(params.code) : null);
  const [tracking, { refetch }] = createResource(() => code() ?? false, fetchAnyTracking);
  usePageTitle(() => t('track.title'));

  createEffect(
    on(
      () => params.code,
      (c) => {
        setTyped(c ?? '');
        setError(c && !normalizeTrackingCode(c) ? t('track.badCode') : '');
      },
    ),
  );

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const n = normalizeTrackingCode(typed());
    if (!n) return setError(typed().trim() ? t('track.badCode') : t('track.enterCode'));
    setError('');
    navigate(`/t/${n}`);
  };

  return (
    <PublicLayout wide class="resident">
      <header class="resident-head">
        <h1>{t('track.title')}</h1>
        <p class="lead">{t('track.lead')}</p>
      </header>
      <form class="track-form" onSubmit={submit} novalidate role="search">
        <TextField
          label={t('track.code')}
          hint={t('track.codeHint')}
          value={typed()}
          onValue={setTyped}
          error={error()}
          autocapitalize="characters"
          autocomplete="off"
          spellcheck={false}
          maxlength={20}
          class="code-input"
          fieldClass="track-field"
        />
        <Button type="submit" variant="primary">
          {t('track.submit')}
        </Button>
      </form>
      <Show when={code()}>
        <Async resource={tracking} retry={refetch} loadingText={t('track.loading')}>
          {(found) => (
            <Switch>
              <Match when={found.kind === 'proposal' && found.proposal}>{(p) => <Timeline p={p()} />}</Match>
              <Match when={found.kind === 'item' && found.item}>{(item) => <ItemTimeline item={item()} proposal={found.kind === 'item' ? found.proposal : null} onRated={() => void refetch()} Timeline={Timeline} />}</Match>
            </Switch>
          )}
        </Async>
      </Show>
    </PublicLayout>
  );
}

export function Timeline(props: { p: Tracking }) {
  const p = () => props.p;
  return (
    <section class="track-result" aria-labelledby="track-proposal">
      <div class="track-head">
        <p class="kicker">
          {p().congressName} · {t('track.year', { year: p().year })}
        </p>
        <h2 id="track-proposal">{p().title}</h2>
        <p class="muted">
          {categoryLabel(p().category)} · {p().location} · <span class="mono">{p().trackingCode}</span>
        </p>
      </div>
      <ol class="timeline">
        <Step state="done" title={t('track.submitted')} date={p().submittedAt}>
          <p>{t('track.submittedVia', { channel: channelLabel(p().channel) })}</p>
          <Show when={p().mergedFromCount > 0}>
            <p class="tl-note">{t('track.mergedFrom', { n: p().mergedFromCount })}</p>
          </Show>
        </Step>
        <Switch>
          <Match when={p().status === 'submitted'}>
            <Step state="current" title={t('track.screening')}>
              <p>{t('track.screeningNow')}</p>
            </Step>
          </Match>
          <Match when={p().status === 'accepted'}>
            <Step state="done" title={t('track.accepted')} date={p().screenedAt}>
              <Show when={p().candidate}>{(c) => <p>{t('track.acceptedAs', { title: c().title })}</p>}</Show>
            </Step>
          </Match>
          <Match when={p().status === 'merged'}>
            <Step state="done" title={t('track.merged')} date={p().screenedAt}>
              <Show when={p().mergedInto}>
                {(m) => (
                  <p>
                    {t('track.mergedInto', { title: m().title })}{' '}
                    {m().status === 'submitted' ? t('track.mergedPending') : m().status === 'accepted' ? t('track.mergedAccepted') : ''}
                  </p>
                )}
              </Show>
              <Show when={p().reason}>
                <p class="tl-reason">{t('track.reason', { reason: p().reason })}</p>
              </Show>
            </Step>
          </Match>
          <Match when={p().status === 'not_adopted'}>
            <Step state="bad" title={t('track.notAdopted')} date={p().screenedAt}>
              <p class="tl-reason">{t('track.reason', { reason: p().reason || t('track.noReason') })}</p>
              <p class="muted">{t('track.notAdoptedNext')}</p>
            </Step>
          </Match>
          <Match when={p().status === 'reserved'}>
            <Step state="muted" title={t('track.reserved')} date={p().screenedAt}>
              <p>{t('track.reservedText')}</p>
              <Show when={p().reason}>
                <p class="tl-reason">{t('track.reason', { reason: p().reason })}</p>
              </Show>
              <Show when={p().revivedAs}>{(r) => <p>{t('track.revived', { year: r().year })}</p>}</Show>
            </Step>
          </Match>
        </Switch>
        <Show when={p().candidate}>
          {(c) => (
            <Show
              when={c().onFrozenList}
              fallback={
                <Step state="current" title={t('track.list')}>
                  <p>{t('track.listWaiting')}</p>
                </Step>
              }
            >
              <Step state="done" title={t('track.onList')}>
                <p>{t('track.onListText', { title: c().title })}</p>
              </Step>
            </Show>
          )}
        </Show>
        <Show when={p().projectId}>
          {(pid) => (
            <Step state="done" title={t('track.project')}>
              <p>{t('track.projectText')}</p>
              <p>
                <a class="btn btn-secondary" href={`/progress/${p().congressId}/${pid()}`}>
                  {t('track.projectLink')}
                </a>
              </p>
            </Step>
          )}
        </Show>
      </ol>
      <Show when={p().status === 'submitted'}>
        <Alert kind="info" title={t('track.comeBack')} />
      </Show>
    </section>
  );
}
