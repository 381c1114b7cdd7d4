import { A, useParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { Async } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { usePageTitle } from '../components/PageHeader.tsx';
import { fetchCongress } from '../congress/congresses.data.ts';
import { fmt, t } from '../i18n.ts';
import { LangSwitch } from '../layout/LangSwitch.tsx';
import { RequireSession } from '../layout/RequireSession.tsx';
import { fetchResults, fetchRound, paths, type Grade, type Results, type Round, type TargetKind, type TargetResult } from './evaluation.data.ts';
import { audienceLabel, gradeLabel, pct, score } from './parts.tsx';
import type { Congress } from '../../../shared/congress/schema.ts';
import './evaluation.css';
import { shanghaiToday } from '../../../shared/time.ts';

/**
 * 满意度测评结果报告, printed on A4 for the appraisal file (考核): who answered, every target with its rates, weighted
 * score and grade (withheld groups marked), per audience when both answered, the grade totals and the rules behind
 * them. Until publication a watermark says it is not published.
 */
export default function ReportPage() {
  return (
    <RequireSession>
      <Report />
    </RequireSession>
  );
}

type Data = { congress: Congress; round: Round; results: Results };

function Report() {
  const params = useParams<{ congressId: string; roundId: string }>();
  const [data, { refetch }] = createResource(
    () => ({ c: params.congressId, r: params.roundId }),
    async (k): Promise<Data> => {
      const [congress, round, results] = await Promise.all([fetchCongress(k.c), fetchRound(k.c, k.r), fetchResults(k.c, k.r)]);
      return { congress, round, results };
    },
  );
  usePageTitle(() => (data.latest ? `${t('evaluation.report.title')} · ${data.latest.round.title}` : t('evaluation.report.title')));
  const back = () => paths.round(params.congressId, params.roundId);

  return (
    <div class="print-page report-page">
      <header class="print-toolbar no-print">
        <div class="print-toolbar-inner">
          <A href={back()} class="btn btn-ghost">
            ← {t('evaluation.report.back')}
          </A>
          <div class="print-title">
            <h1>{t('evaluation.report.title')}</h1>
            <Show when={data.latest}>{(d) => <p class="muted">{d().round.title}</p>}</Show>
          </div>
          <div class="print-tools">
            <LangSwitch />
            <Button variant="primary" onClick={() => window.print()} disabled={!data.latest}>
              {t('evaluation.report.print')}
            </Button>
          </div>
        </div>
        <p class="print-hint">{t('evaluation.report.hint')}</p>
      </header>
      <main id="main">
        <Async resource={data} retry={refetch} loadingText={t('evaluation.results.loading')}>
          {(d) => <Sheet d={d} />}
        </Async>
      </main>
    </div>
  );
}

function Sheet(props: { d: Data }) {
  const round = () => props.d.round;
  const res = () => props.d.results;
  const published = () => round().state === 'published';
  const of = (k: TargetKind) => res().targets.filter((x) => x.kind === k);
  const gradeCount = (g: Grade) => res().targets.filter((x) => x.grade === g).length;
  const handedOut = (a: 'representatives' | 'residents') => round().codes[a].issued + round().codes[a].granted;
  const both = () => round().audiences.length > 1;

  return (
    <article class="report-sheet ev-report" aria-label={t('evaluation.report.title')}>
      <Show when={!published()}>
        <div class="report-watermark" aria-hidden="true">
          {t('evaluation.report.watermark')}
        </div>
        <p class="report-draft-note">{t('evaluation.report.draftNote')}</p>
      </Show>
      <header class="report-head">
        <p class="report-congress">{props.d.congress.name}</p>
        <h2 class="report-title">{t('evaluation.report.title')}</h2>
        <p class="report-vote">
          {round().title}
          <Show when={round().kind === 'reevaluation'}>
            <span class="report-kind">（{t('evaluation.kind.reevaluation')}）</span>
          </Show>
        </p>
        <p class="report-meta">
          {t('evaluation.yearValue', { year: round().year })} · {round().audiences.map(audienceLabel).join('、')}
          <Show when={round().publishedAt ?? round().closedAt}>{(when) => <> · {t(published() ? 'evaluation.report.publishedOn' : 'evaluation.report.closedOn', { date: fmt.date(when()) })}</>}</Show>
        </p>
      </header>

      <section class="report-block">
        <h3>{t('evaluation.report.responses')}</h3>
        <table class="report-table counts">
          <thead>
            <tr>
              <For each={round().audiences}>
                {(a) => (
                  <>
                    <th scope="col">{t('evaluation.report.handedOut', { audience: audienceLabel(a) })}</th>
                    <th scope="col">{t('evaluation.report.answered', { audience: audienceLabel(a) })}</th>
                  </>
                )}
              </For>
              <Show when={both()}>
                <th scope="col">{t('evaluation.results.responsesAll')}</th>
              </Show>
            </tr>
          </thead>
          <tbody>
            <tr>
              <For each={round().audiences}>
                {(a) => (
                  <>
                    <td class="num">{handedOut(a)}</td>
                    <td class="num">{res().responses[a]}</td>
                  </>
                )}
              </For>
              <Show when={both()}>
                <td class="num">{res().responses.all}</td>
              </Show>
            </tr>
          </tbody>
        </table>
      </section>

      <For each={['project', 'department'] as const}>
        {(k) => (
          <Show when={of(k).length > 0}>
            <section class="report-block">
              <h3>{t(`evaluation.report.targets.${k}`)}</h3>
              <TargetTable rows={of(k)} k={res().k} />
            </section>
          </Show>
        )}
      </For>

      <Show when={both()}>
        <section class="report-block">
          <h3>{t('evaluation.report.byAudience')}</h3>
          <table class="report-table ev-report-table">
            <thead>
              <tr>
                <th scope="col">{t('evaluation.col.target')}</th>
                <For each={round().audiences}>{(a) => <th scope="col" class="n">{audienceLabel(a)}</th>}</For>
                <th scope="col" class="n">{t('evaluation.group.all')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={res().targets}>
                {(x) => (
                  <tr>
                    <th scope="row">{x.title}</th>
                    <For each={round().audiences}>
                      {(a) => <td class="n num">{x.groups[a]?.withheld ? t('evaluation.withheldShort') : pct(x.groups[a]?.overall)}</td>}
                    </For>
                    <td class="n num">{x.groups.all.withheld ? t('evaluation.withheldShort') : pct(x.groups.all.overall)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
          <p class="report-how">{t('evaluation.report.byAudienceNote')}</p>
        </section>
      </Show>

      <section class="report-block">
        <h3>{t('evaluation.report.grades')}</h3>
        <p class="ev-report-grades">
          {t('evaluation.report.gradeLine', { s: gradeCount('satisfied'), b: gradeCount('basic'), d: gradeCount('dissatisfied') })}
        </p>
        <p class="report-how">{t('evaluation.report.rectificationRule')}</p>
      </section>

      <section class="report-block">
        <h3>{t('evaluation.report.notes')}</h3>
        <ol class="ev-report-notes">
          <li>{t('evaluation.report.noteRates')}</li>
          <li>{t('evaluation.report.noteK', { k: res().k })}</li>
          <li>{t('evaluation.report.noteScore')}</li>
          <li>{t('evaluation.report.noteAnonymous')}</li>
        </ol>
      </section>
      <footer class="report-foot">{t('evaluation.report.printedOn', { date: fmt.date(shanghaiToday()) })}</footer>
    </article>
  );
}

function TargetTable(props: { rows: TargetResult[]; k: number }) {
  return (
    <table class="report-table ev-report-table">
      <thead>
        <tr>
          <th scope="col" class="pos">{t('evaluation.col.n')}</th>
          <th scope="col" class="ev-report-target">{t('evaluation.col.target')}</th>
          <th scope="col" class="n">{t('evaluation.col.responses')}</th>
          <th scope="col" class="n">{t('evaluation.rate.satisfied')}</th>
          <th scope="col" class="n">{t('evaluation.rate.basic')}</th>
          <th scope="col" class="n">{t('evaluation.rate.dissatisfied')}</th>
          <th scope="col" class="n">{t('evaluation.rate.overall')}</th>
          <th scope="col" class="n">{t('evaluation.col.score')}</th>
          <th scope="col" class="ev-report-grade">{t('evaluation.col.grade')}</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.rows}>
          {(x, i) => {
            const g = () => x.groups.all;
            return (
              <tr classList={{ 'ev-report-bad': x.grade === 'dissatisfied' }}>
                <td class="pos num">{i() + 1}</td>
                <th scope="row">
                  {x.title}
                  <Show when={x.subtitle}>
                    <span class="ev-report-sub">{x.subtitle}</span>
                  </Show>
                </th>
                <td class="n num">{g().responses}</td>
                <Show
                  when={!g().withheld}
                  fallback={
                    <td colspan={6} class="ev-report-withheld">
                      {t('evaluation.withheld', { k: props.k })}
                    </td>
                  }
                >
                  <td class="n num">{pct(g().rates?.satisfied)}</td>
                  <td class="n num">{pct(g().rates?.basic)}</td>
                  <td class="n num">{pct(g().rates?.dissatisfied)}</td>
                  <td class="n num strong">{pct(g().overall)}</td>
                  <td class="n num">{score(x.weightedScore ?? g().score)}</td>
                  <td class="ev-report-grade">
                    {x.grade ? gradeLabel(x.grade) : '—'}
                    <Show when={x.repeatedDissatisfied}>
                      <span class="ev-report-sub">{t('evaluation.repeated')}</span>
                    </Show>
                  </td>
                </Show>
              </tr>
            );
          }}
        </For>
      </tbody>
    </table>
  );
}
