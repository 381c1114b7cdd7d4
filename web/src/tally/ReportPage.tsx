import { A, useParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { methodOf } from '../../../shared/ballot/methods/index.ts';
import { Async } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { usePageTitle } from '../components/PageHeader.tsx';
import { fmt, lang, t } from '../i18n.ts';
import { LangSwitch } from '../layout/LangSwitch.tsx';
import { RequireSession } from '../layout/RequireSession.tsx';
import { kindLabel, OverIssuedNote, ruleWords, withoutRoleWord } from './parts.tsx';
import { isSitting, motionPassed, motionRow, motionRuleWords, viewOf, type QuestionView } from './questions.tsx';
import './tally.css';
import { fetchReport, type TallyReport } from './tally.data.ts';

/**
 * 计票结果报告单, printed on A4 and signed by hand: every figure of the tally, the threshold with its rule, the outcome,
 * the scrutineers with their sign-off times and a line to sign on, the publication, and what lets anyone check the
 * published files (the digests, the card commitment, and a QR of the public result page carrying the result's digest).
 * Until the presidium publishes, a watermark says it is not published.
 */
export default function ReportPage() {
  return (
    <RequireSession>
      <Report />
    </RequireSession>
  );
}

function Report() {
  const params = useParams<{ congressId: string; sessionId: string; voteId: string }>();
  const [data, { refetch }] = createResource(() => ({ ...params }), (p) => fetchReport(p.congressId, p.sessionId, p.voteId));
  usePageTitle(() => (data.latest ? `${t('report.title')} · ${data.latest.vote.title}` : t('report.title')));
  const back = () => `/c/${params.congressId}/sessions/${params.sessionId}/votes/${params.voteId}`;

  return (
    <div class="print-page report-page">
      <header class="print-toolbar no-print">
        <div class="print-toolbar-inner">
          <A href={back()} class="btn btn-ghost">
            ← {t('report.back')}
          </A>
          <div class="print-title">
            <h1>{t('report.title')}</h1>
            <Show when={data.latest}>{(d) => <p class="muted">{d().vote.title}</p>}</Show>
          </div>
          <div class="print-tools">
            <LangSwitch />
            <Button variant="primary" onClick={() => window.print()} disabled={!data.latest}>
              {t('report.print')}
            </Button>
          </div>
        </div>
        <p class="print-hint">{t('report.hint')}</p>
      </header>
      <main id="main">
        <Async resource={data} retry={refetch} loadingText={t('report.loading')}>
          {(d) => <Sheet r={d} />}
        </Async>
      </main>
    </div>
  );
}

function Sheet(props: { r: TallyReport }) {
  const r = () => props.r;
  const res = () => r().result;
  /** Every question in card order (a plain vote: its one project question). */
  const questions = () => r().questions.map((q) => viewOf(q));
  const sitting = () => isSitting(r().questions);
  /** A plain vote's one question: printed under 二、三、四 as always. */
  const only = () => questions()[0];
  const published = () => r().state === 'published';
  // Blank lines for hand signatures: one per scrutineer who signed, at least as many as were needed.
  const signLines = () => Math.max(r().signoffs.length, 2);
  const sessionNamesCongress = () => r().session.name.includes(r().congress.name);
  const roleOf = (chief: boolean) => (chief ? t('tally.chief') : t('role.scrutineer'));
  const base = () => ({ seated: res().seated, present: res().present });

  return (
    <article class="report-sheet" classList={{ draft: !published(), sitting: sitting() }} aria-label={t('report.title')}>
      <Show when={!published()}>
        <div class="report-watermark" aria-hidden="true">
          {t('report.watermark')}
        </div>
        <p class="report-draft-note">{t('report.draftNote')}</p>
      </Show>
      <header class="report-head">
        {/* The congress's name once: a session named 「…人民代表大会第三次会议」 already carries it. */}
        <p class="report-congress">{sessionNamesCongress() ? r().session.name : r().congress.name}</p>
        <h2 class="report-title">{t('report.title')}</h2>
        <p class="report-meta">
          <Show when={!sessionNamesCongress()}>{r().session.name} · </Show>
          {fmt.date(r().session.date)}
        </p>
        <p class="report-vote">
          {r().vote.title}
          <Show when={r().vote.kind !== 'regular'}>
            <span class="report-kind">（{kindLabel(r().vote.kind)}）</span>
          </Show>
        </p>
      </header>

      <section class="report-block">
        <h3>{t('report.counts')}</h3>
        <table class="report-table counts">
          <thead>
            <tr>
              <th scope="col">{t('tally.seated')}</th>
              <th scope="col">{t('tally.present')}</th>
              <th scope="col">{t('tally.issued')}</th>
              <th scope="col">{t('tally.cast')}</th>
              {/* On a sitting each question has its own valid and invalid ballots (under it). */}
              <Show when={!sitting()}>
                <th scope="col">{t('tally.valid')}</th>
                <th scope="col">{t('tally.invalid')}</th>
              </Show>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td class="num">{res().seated}</td>
              <td class="num">{res().present}</td>
              <td class="num">{res().issued}</td>
              <td class="num">{res().cast}</td>
              <Show when={!sitting()}>
                <td class="num">{only()?.valid ?? 0}</td>
                <td class="num">{only()?.invalid ?? 0}</td>
              </Show>
            </tr>
          </tbody>
        </table>
        <p class="report-validity" classList={{ bad: res().void }}>
          {res().void ? t('report.void') : t('report.valid', { cast: res().cast, issued: res().issued })}
        </p>
        <OverIssuedNote totals={res()} class="report-over-issued" />
      </section>

      <Show
        when={sitting()}
        fallback={
          <Show when={only()}>
            {(q) => (
              <>
                <section class="report-block">
                  <h3>{t('report.rules')}</h3>
                  <dl class="report-facts report-rules">
                    <div>
                      <dt>{t('report.seats')}</dt>
                      <dd>{t('report.seatsValue', { seats: q().seats, n: q().rows.length })}</dd>
                    </div>
                    <div>
                      <dt>{t('report.maxFor')}</dt>
                      <dd>{t('report.maxForValue', { max: q().maxFor })}</dd>
                    </div>
                    <div>
                      <dt>{t('report.threshold')}</dt>
                      <dd>
                        <strong>{t('tally.forVotes', { n: q().needed })}</strong>
                        <span class="report-rule">{ruleWords(q().threshold, { ...base(), valid: q().valid }, q().needed)}</span>
                      </dd>
                    </div>
                  </dl>
                </section>
                <section class="report-block">
                  <h3>{t('report.byCandidate')}</h3>
                  <CandidateFigures q={q()} void={res().void} />
                </section>
                <section class="report-block">
                  <h3>{t('report.outcome')}</h3>
                  <Show when={!res().void} fallback={<p class="report-validity bad">{t('report.voidOutcome')}</p>}>
                    <ProjectOutcome q={q()} vacancyLeft={r().vacancyLeft} />
                  </Show>
                </section>
              </>
            )}
          </Show>
        }
      >
        <section class="report-block report-questions">
          <h3>{t('report.sitting.questions')}</h3>
          <Show when={res().void}>
            <p class="report-validity bad">{t('report.voidOutcome')}</p>
          </Show>
          <For each={questions()}>
            {(q, i) => (
              <div class="report-question">
                <h4 class="report-question-title">
                  <span class="report-question-n">{t('tally.question.n', { n: i() + 1 })}</span>
                  {q.title}
                </h4>
                <Show
                  when={q.kind === 'projects'}
                  fallback={<MotionFigures q={q} base={base()} void={res().void} />}
                >
                  <p class="report-question-rule">
                    {t('report.question.rules', { seats: q.seats, max: q.maxFor })}；<strong>{t('tally.threshold', { n: q.needed })}</strong>（{ruleWords(q.threshold, { ...base(), valid: q.valid }, q.needed).replace(/[。.]$/, '')}）
                  </p>
                  <CandidateFigures q={q} void={res().void} />
                  <p class="report-question-rule">{t('tally.question.ballots', { valid: q.valid, invalid: q.invalid })}</p>
                  <Show when={!res().void}>
                    <ProjectOutcome q={q} vacancyLeft={r().vacancyLeft} />
                  </Show>
                </Show>
              </div>
            )}
          </For>
        </section>
      </Show>

      <section class="report-block">
        <h3>{sitting() ? t('report.sitting.scrutineers') : t('report.scrutineers')}</h3>
        <table class="report-table signers">
          <thead>
            <tr>
              <th scope="col">{t('report.signer')}</th>
              <th scope="col">{t('report.signerRole')}</th>
              <th scope="col">{t('report.signedAt')}</th>
              <th scope="col" class="sign">
                {t('report.signature')}
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={Array.from({ length: signLines() }, (_, i) => r().signoffs[i])}>
              {(s) => (
                <tr>
                  <td>{s ? withoutRoleWord(s.name, roleOf(s.chief)) : ''}</td>
                  <td>{s ? roleOf(s.chief) : ''}</td>
                  <td class="num">{s ? fmt.dateTime(s.at) : ''}</td>
                  <td class="sign" />
                </tr>
              )}
            </For>
            {/* The publication on its own line: the presidium's member, named without repeating 主席团. */}
            <Show when={published() && r().publishedAt}>
              <tr class="report-publisher">
                <td>{withoutRoleWord(r().publishedBy ?? '', t('role.presidium'))}</td>
                <td>{t('report.signedPublish')}</td>
                <td class="num">{fmt.dateTime(r().publishedAt!)}</td>
                <td class="sign" />
              </tr>
            </Show>
          </tbody>
        </table>
        <Show when={!published()}>
          <p class="report-publication">{t('report.notPublished')}</p>
        </Show>
      </section>

      <section class="report-block report-verify">
        <h3>{t('report.howTitle')}</h3>
        <div class="report-verify-grid">
          <div>
            <ol class="report-how-steps">
              <li>{t('report.how1')}</li>
              <li>{t('report.how2', { url: r().receiptsUrl })}</li>
              <li>{t('report.how3')}</li>
            </ol>
            <dl class="report-digests">
              <div>
                <dt>{t('report.publicPage')}</dt>
                <dd class="mono report-url">{r().verifyUrl}</dd>
              </div>
              <div>
                <dt>{t('report.digest.result')}</dt>
                <dd class="mono">{r().resultDigest}</dd>
              </div>
              <div>
                <dt>{t('report.digest.receipts')}</dt>
                <dd class="mono">{res().digests.receipts}</dd>
              </div>
              <div>
                <dt>{t('report.digest.ballots')}</dt>
                <dd class="mono">{res().digests.ballots}</dd>
              </div>
              <Show when={res().cardsCommitment}>
                <div>
                  <dt>{t('report.digest.cards')}</dt>
                  <dd class="mono">{res().cardsCommitment}</dd>
                </div>
              </Show>
            </dl>
          </div>
          <figure class="report-qr">
            {/* Server-made SVG of the public result page's address with the result's digest. */}
            <div class="report-qr-img" role="img" aria-label={t('report.qrLabel')} innerHTML={r().qrSvg} />
            <figcaption>{t('report.qrCaption')}</figcaption>
          </figure>
        </div>
      </section>

      <footer class="report-foot">{t('report.footer', { time: fmt.dateTime(new Date()) })}</footer>
    </article>
  );
}

/** Every candidate of a project question with 赞成 / 反对 / 弃权 (or 未勾选) and the outcome. */
function CandidateFigures(props: { q: QuestionView; void: boolean }) {
  const q = () => props.q;
  const method = () => methodOf(q().markMode);
  // Up to 15 candidates, the figures, the result and the signatures stay on the first A4 page.
  const dense = () => q().rows.length > 8;
  return (
    <table class="report-table figures" classList={{ dense: dense() }}>
      <thead>
        <tr>
          <th scope="col" class="pos">
            {t('tally.col.n')}
          </th>
          <th scope="col">{t('tally.col.candidate')}</th>
          <th scope="col" class="n">
            {t('ballot.mark.for')}
          </th>
          <Show when={method().words.showsAgainst}>
            <th scope="col" class="n">
              {t('ballot.mark.against')}
            </th>
          </Show>
          <th scope="col" class="n">
            {t(method().words.unmarked)}
          </th>
          <th scope="col">{t('tally.col.outcome')}</th>
        </tr>
      </thead>
      <tbody>
        <For each={q().rows}>
          {(c, i) => {
            const rank = () => q().elected.indexOf(c.id);
            return (
              <tr>
                <td class="pos num">{i() + 1}</td>
                <th scope="row">{c.title}</th>
                <td class="n num">{c.for}</td>
                <Show when={method().words.showsAgainst}>
                  <td class="n num">{c.against}</td>
                </Show>
                <td class="n num">{method().unmarkedCount(c)}</td>
                <td>
                  {props.void
                    ? '—'
                    : rank() >= 0
                      ? t('tally.outcome.elected', { rank: rank() + 1 })
                      : q().tied.includes(c.id)
                        ? t('tally.outcome.tied')
                        : t('tally.outcome.notElected')}
                </td>
              </tr>
            );
          }}
        </For>
      </tbody>
    </table>
  );
}

/** 当选项目 in rank, 并列, 空缺 of a project question. */
function ProjectOutcome(props: { q: QuestionView; vacancyLeft: TallyReport['vacancyLeft'] }) {
  const q = () => props.q;
  const title = (id: string) => q().rows.find((c) => c.id === id)?.title ?? id;
  const count = (id: string) => q().rows.find((c) => c.id === id);
  const sep = () => (lang() === 'zh-CN' ? '、' : ', ');
  return (
    <dl class="report-facts">
      <div>
        <dt>{t('report.elected')}</dt>
        <dd>
          <Show when={q().elected.length > 0} fallback={t('report.none')}>
            {/* In rank; many of them run on as one paragraph so that the page keeps its signatures. */}
            <ol class="report-elected" classList={{ inline: q().elected.length > 2 }}>
              <For each={q().elected}>
                {(id, i) => (
                  <li>
                    <span class="report-elected-n">{i() + 1}.</span>
                    {t('report.electedItem', { title: title(id), n: count(id)?.for ?? 0 })}
                  </li>
                )}
              </For>
            </ol>
          </Show>
        </dd>
      </div>
      <div>
        <dt>{t('report.tied')}</dt>
        <dd>{q().tied.length > 0 ? t('report.tiedValue', { titles: q().tied.map(title).join(sep()), n: count(q().tied[0])?.for ?? 0 }) : t('report.none')}</dd>
      </div>
      <div>
        <dt>{t('report.unfilled')}</dt>
        <dd>
          {q().unfilledSeats === 0
            ? t('report.none')
            : q().tied.length > 0
              ? t('report.unfilledTied', { n: q().unfilledSeats })
              : props.vacancyLeft
                ? t('report.leftEmpty', { n: q().unfilledSeats, time: fmt.dateTime(props.vacancyLeft.at) })
                : t('report.unfilledValue', { n: q().unfilledSeats })}
        </dd>
      </div>
    </dl>
  );
}

/** A motion on paper: 赞成 / 反对 / 弃权, what it needed with its base, and 通过 / 未通过 in words (the mark too). */
function MotionFigures(props: { q: QuestionView; base: { seated: number; present: number }; void: boolean }) {
  const row = () => motionRow(props.q);
  const passed = () => motionPassed(props.q);
  return (
    <>
      {/* One row: each figure beside its name, so that a sitting's questions keep the signatures on the first page. */}
      <table class="report-table figures motion">
        <tbody>
          <tr>
            <th scope="row">{t('ballot.mark.for')}</th>
            <td class="n num">{row().for}</td>
            <th scope="row">{t('ballot.mark.against')}</th>
            <td class="n num">{row().against}</td>
            <th scope="row">{t('ballot.mark.abstain')}</th>
            <td class="n num">{row().abstain}</td>
            <th scope="row">{t('report.motion.col.needed')}</th>
            <td class="n num">{props.q.needed}</td>
            <td class="report-verdict" classList={{ passed: !props.void && passed(), failed: !props.void && !passed() }}>
              {props.void ? '—' : `${passed() ? '✓' : '✗'} ${passed() ? t('tally.motion.passed') : t('tally.motion.failed')}`}
            </td>
          </tr>
        </tbody>
      </table>
      <p class="report-question-rule">
        {motionRuleWords(props.q.threshold, props.base, props.q.needed, props.q.valid)}；{t('tally.question.ballots', { valid: props.q.valid, invalid: props.q.invalid })}
      </p>
    </>
  );
}
