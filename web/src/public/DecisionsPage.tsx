import { A, useParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import * as D from '../../../shared/ballot/decision-contract.ts';
import { ApiError, call } from '../api.ts';
import { Async, latest } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { usePageTitle } from '../components/PageHeader.tsx';
import { DecisionDocument } from '../hall/DecisionPrintPage.tsx';
import '../hall/decision.css';
import { fmt, t } from '../i18n.ts';
import { PublicLayout } from '../layout/PublicLayout.tsx';
import { publicResultPath } from '../tally/tally.data.ts';
import { fetchPublicCongress } from './public.data.ts';
import './public.css';

type PublicDecision = Awaited<ReturnType<typeof call<typeof D.getPublicDecision>>>;

/**
 * /r/:congressId/decisions — the decisions the session adopted (a decision is public only once its sitting is
 * published and passed it), each with its adoption line and figures; /r/:congressId/decisions/:motionId — one of
 * them as the office issues it, printable on A4, with the vote's figures and the projects it decided below.
 */
export default function DecisionsPage() {
  const params = useParams<{ congressId: string; motionId?: string }>();
  const [congress] = createResource(() => params.congressId, fetchPublicCongress);
  const [list, { refetch }] = createResource(
    () => (params.motionId ? null : params.congressId),
    (c) => call(D.listPublicDecisions, { params: { congressId: c } }),
  );
  const [one, { refetch: refetchOne }] = createResource(
    () => (params.motionId ? { c: params.congressId, m: params.motionId } : null),
    (k) => call(D.getPublicDecision, { params: { congressId: k.c, motionId: k.m } }),
  );
  usePageTitle(() => (params.motionId && latest(one) ? latest(one)!.title : `${t('decision.public.title')}${latest(congress) ? ` · ${latest(congress)!.name}` : ''}`));
  const notFound = () => one.state === 'errored' && one.error instanceof ApiError && one.error.status === 404;

  return (
    <PublicLayout wide class="resident decisions-page" congress={latest(congress)}>
      <Show
        when={params.motionId}
        fallback={
          <>
            <header class="resident-head">
              <Show when={latest(congress)}>{(c) => <p class="kicker">{c().name}</p>}</Show>
              <h1>{t('decision.public.title')}</h1>
              <p class="lead">{t('decision.public.lead')}</p>
            </header>
            <Async resource={list} retry={refetch}>
              {(ds) => (
                <Show when={ds.length > 0} fallback={<EmptyState title={t('decision.public.none')}>{t('decision.public.noneNext')}</EmptyState>}>
                  <For each={ds}>{(d) => <DecisionCard d={d} />}</For>
                </Show>
              )}
            </Async>
          </>
        }
      >
        <div class="decision-tools">
          <A href={`/r/${params.congressId}/decisions`} class="btn btn-ghost">
            ← {t('decision.public.all')}
          </A>
          <Button variant="primary" onClick={() => window.print()} disabled={!latest(one)}>
            {t('decision.print')}
          </Button>
        </div>
        <Show when={!notFound()} fallback={<EmptyState title={t('decision.public.notFound')}>{t('decision.public.notFoundNext')}</EmptyState>}>
          <Async resource={one} retry={refetchOne}>
            {(d) => (
              <>
                <div class="decision-sheet">
                  <DecisionDocument title={d.title} body={d.body} adoptionLine={d.adoptionLine} />
                </div>
                <DecisionAfter d={d} />
              </>
            )}
          </Async>
        </Show>
      </Show>
    </PublicLayout>
  );
}

function Figures(props: { d: PublicDecision }) {
  const f = () => props.d.figures;
  return (
    <p>
      <span class="tag tag-ok">{t('decision.state.adopted')}</span> {t('decision.figures', { for: f().for, against: f().against, abstain: f().abstain, threshold: f().threshold })}
      <span class="muted"> · {t('decision.figures.totals', { seated: f().seated, present: f().present, cast: f().cast })}</span>
    </p>
  );
}

function DecisionCard(props: { d: PublicDecision }) {
  const d = () => props.d;
  return (
    <article class="decision-card" aria-labelledby={`d-${d().motionId}`}>
      <h2 id={`d-${d().motionId}`} lang="zh-CN">
        <A href={`/r/${d().congress.id}/decisions/${d().motionId}`}>{d().title}</A>
      </h2>
      <p class="muted" lang="zh-CN">
        {d().adoptionLine}
      </p>
      <Figures d={d()} />
      <p>
        <A href={`/r/${d().congress.id}/decisions/${d().motionId}`}>{t('decision.public.open')}</A>
        {' · '}
        <A href={publicResultPath(d().sitting.voteId)}>{t('decision.public.resultLink')}</A>
      </p>
    </article>
  );
}

function DecisionAfter(props: { d: PublicDecision }) {
  const d = () => props.d;
  return (
    <section class="decision-after" aria-labelledby="decision-after-title">
      <h2 id="decision-after-title">{t('decision.public.result')}</h2>
      <Figures d={d()} />
      <p class="muted">{t('decision.adoptedAt', { time: fmt.dateTime(d().adoptedAt) })}</p>
      <p>
        <A href={publicResultPath(d().sitting.voteId)}>{t('decision.public.resultLink')}</A>
      </p>
      <Show when={d().projects.length > 0}>
        <h2>{t('decision.public.projects')}</h2>
        <ul class="plain-list">
          <For each={d().projects}>
            {(p) => (
              <li>
                <A href={`/progress/${d().congress.id}/${p.id}`}>{p.title}</A>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
