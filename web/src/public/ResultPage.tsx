import { A, useLocation, useParams } from '@solidjs/router';
import { createMemo, createResource, For, Show } from 'solid-js';
import { ApiError } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { Async, latest } from '../components/Async.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { usePageTitle } from '../components/PageHeader.tsx';
import { methodOf } from '../../../shared/ballot/methods/index.ts';
import { fmt, t } from '../i18n.ts';
import { PublicLayout } from '../layout/PublicLayout.tsx';
import { kindLabel, Outcome, OutcomeSummary, SignoffList, TotalsRow } from '../tally/parts.tsx';
import { isSitting, MotionResult, QuestionHeading, viewOf, type QuestionView } from '../tally/questions.tsx';
import '../tally/questions.css';
import { bulletinUrl, fetchPublicResult, resultFileUrl, type PublicResult } from '../tally/tally.data.ts';
import { ReceiptBox } from './ReceiptBox.tsx';
import { DecisionsOfVote } from './DecisionLinks.tsx';
import './public.css';

/**
 * /v/:voteId — a published vote for anyone, phone first: who was elected, each candidate's figures, the counts, the
 * scrutineers; a receipt check; and how to recount it from the two files. The printed report's QR opens this page
 * with `#sha256=<digest of result.json>`, which is compared with the digest published here.
 */
export default function ResultPage() {
  const params = useParams<{ voteId: string }>();
  const [data, { refetch }] = createResource(() => params.voteId, fetchPublicResult);
  usePageTitle(() => (latest(data) ? `${latest(data)!.vote.title} · ${t('result.title')}` : t('result.title')));
  const notYet = () => data.state === 'errored' && data.error instanceof ApiError && data.error.status === 404;

  return (
    <PublicLayout wide class="resident result-page" congress={latest(data)?.congress}>
      <Show
        when={!notYet()}
        fallback={
          <>
            <header class="resident-head">
              <h1>{t('result.title')}</h1>
            </header>
            <EmptyState title={t('result.notPublished')}>{t('result.notPublishedNext')}</EmptyState>
            <ReceiptBox voteId={params.voteId} />
          </>
        }
      >
        <Async resource={data} retry={refetch} loadingText={t('result.loading')}>
          {(r) => <ResultView r={r} />}
        </Async>
      </Show>
    </PublicLayout>
  );
}

function ResultView(props: { r: PublicResult }) {
  const r = () => props.r;
  const res = () => r().result;
  const location = useLocation();
  const claimed = createMemo(() => /^#sha256=([0-9a-fA-F]{64})$/.exec(location.hash)?.[1]?.toLowerCase() ?? null);
  /** Every question in card order (a plain vote: its one project question). */
  const questions = () => r().questions.map((q) => viewOf(q));
  const sitting = () => isSitting(r().questions);
  const only = () => questions()[0];
  const base = () => ({ seated: res().seated, present: res().present });

  return (
    <article class="result">
      <header class="resident-head">
        <p class="kicker">
          {r().congress.name} · {r().session.name}
        </p>
        <h1>{r().vote.title}</h1>
        <p class="muted">
          <Show when={r().vote.kind !== 'regular'}>
            <span class="tag tag-accent">{kindLabel(r().vote.kind)}</span>{' '}
          </Show>
          {t('result.publishedAt', { time: fmt.dateTime(r().publishedAt) })}
        </p>
        <DecisionsOfVote congressId={r().congress.id} voteId={r().vote.id} />
      </header>

      <Show
        when={sitting()}
        fallback={
          <Show when={only()}>
            {(q) => (
              <>
                <section class="result-outcome" aria-labelledby="outcome-title">
                  <h2 id="outcome-title">{t('result.outcome')}</h2>
                  <Show when={res().void}>
                    <Alert kind="error" title={t('tally.void')}>
                      <p>{t('result.voidNext')}</p>
                    </Alert>
                  </Show>
                  <OutcomeSummary candidates={q().rows} elected={q().elected} tied={q().tied} unfilledSeats={q().unfilledSeats} void={res().void} />
                </section>

                <section aria-labelledby="figures-title">
                  <h2 id="figures-title">{t('result.figures')}</h2>
                  <p class="tally-threshold">
                    <strong>{t('tally.threshold', { n: q().needed })}</strong> <span class="muted">{t('result.thresholdNote', { seats: q().seats })}</span>
                  </p>
                  <CandidateBars q={q()} void={res().void} />
                </section>
              </>
            )}
          </Show>
        }
      >
        <section class="result-outcome result-questions" aria-labelledby="outcome-title">
          <h2 id="outcome-title">{t('result.sitting.figures')}</h2>
          <p class="muted">{t('tally.sitting.lead', { n: questions().length })}</p>
          <Show when={res().void}>
            <Alert kind="error" title={t('tally.void')}>
              <p>{t('result.voidNext')}</p>
            </Alert>
          </Show>
          <For each={questions()}>
            {(q, i) => (
              <section class="question-block" aria-labelledby={`q-${q.id}`}>
                <QuestionHeading q={q} n={i() + 1} id={`q-${q.id}`} />
                <Show
                  when={q.kind === 'projects'}
                  fallback={
                    <>
                      <MotionResult q={q} base={base()} void={res().void} />
                      <Show when={q.body}>
                        <details class="question-body">
                          <summary>{t('tally.motion.body')}</summary>
                          <p class="question-body-text">{q.body}</p>
                        </details>
                      </Show>
                    </>
                  }
                >
                  <OutcomeSummary candidates={q.rows} elected={q.elected} tied={q.tied} unfilledSeats={q.unfilledSeats} void={res().void} />
                  <p class="tally-threshold">
                    <strong>{t('tally.threshold', { n: q.needed })}</strong> <span class="muted">{t('result.thresholdNote', { seats: q.seats })}</span>
                  </p>
                  <CandidateBars q={q} void={res().void} />
                  <p class="muted small">{t('tally.question.ballots', { valid: q.valid, invalid: q.invalid })}</p>
                </Show>
              </section>
            )}
          </For>
        </section>
      </Show>

      <section aria-labelledby="totals-title">
        <h2 id="totals-title">{t('result.totals')}</h2>
        <TotalsRow totals={{ ...res(), valid: only()?.valid ?? 0, invalid: only()?.invalid ?? 0 }} perQuestion={sitting()} class="compact" />
      </section>

      <section aria-labelledby="signoffs-title">
        <h2 id="signoffs-title">{t('result.scrutineers')}</h2>
        <SignoffList signoffs={r().signoffs} fmtTime={fmt.dateTime} />
      </section>

      <ReceiptBox voteId={r().vote.id} />
      <p class="small">
        <A href={`/r/${r().congress.id}`}>{t('result.allReceipts')}</A>
      </p>

      <section class="result-verify" aria-labelledby="verify-title">
        <h2 id="verify-title">{t('result.verify')}</h2>
        <Show when={claimed()}>
          {(hex) => (
            <Show
              when={hex() === r().resultDigest.toLowerCase()}
              fallback={
                <Alert kind="error" title={t('result.digestMismatch')}>
                  <p>{t('result.digestMismatchNext')}</p>
                </Alert>
              }
            >
              <Alert kind="success" title={t('result.digestMatch')} />
            </Show>
          )}
        </Show>
        <p>{t('result.verifyLead')}</p>
        <ul class="result-downloads">
          <li>
            <a class="btn btn-secondary" href={bulletinUrl(r().vote.id)} download="bulletin.json">
              {t('result.bulletin')}
            </a>
          </li>
          <li>
            <a class="btn btn-secondary" href={resultFileUrl(r().vote.id)} download="result.json">
              {t('result.resultFile')}
            </a>
          </li>
        </ul>
        <ol class="verify-steps">
          <li>{t('result.step.download')}</li>
          <li>
            {t('result.step.run')}
            <code class="mono verify-cmd">npm run verify -- bulletin.json result.json</code>
          </li>
          <li>{t('result.step.match')}</li>
        </ol>
        <p class="small">
          {t('result.digest')} <code class="mono break">{r().resultDigest}</code>
        </p>
        <p class="small muted">{t('result.digestNote')}</p>
      </section>
    </article>
  );
}


/** Each candidate of a project question: 赞成 as a bar against the threshold line, the figures and the outcome. */
function CandidateBars(props: { q: QuestionView; void: boolean }) {
  const q = () => props.q;
  const scale = () => Math.max(q().valid, q().needed, ...q().rows.map((c) => c.for), 1);
  const method = () => methodOf(q().markMode);
  return (
    <ol class="result-cands" style={{ '--p': String(q().needed / scale()) }}>
      <For each={q().rows}>
        {(c) => (
          <li class="result-cand" classList={{ elected: q().elected.includes(c.id), tied: q().tied.includes(c.id) }}>
            <div class="result-cand-head">
              <span class="result-cand-title">{c.title}</span>
              <Outcome id={c.id} elected={q().elected} tied={q().tied} void={props.void} />
            </div>
            <div class="result-bar" aria-hidden="true">
              <span class="result-bar-fill" style={{ width: `${(c.for / scale()) * 100}%` }} />
              <span class="result-bar-line" />
            </div>
            <p class="result-cand-figures num">
              <span>
                {t('ballot.mark.for')} <strong>{c.for}</strong>
              </span>
              <Show when={method().words.showsAgainst}>
                <span>
                  {t('ballot.mark.against')} {c.against}
                </span>
              </Show>
              <span>
                {t(method().words.unmarked)} {method().unmarkedCount(c)}
              </span>
            </p>
          </li>
        )}
      </For>
    </ol>
  );
}
