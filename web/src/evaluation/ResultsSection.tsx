import { A, useNavigate } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { Alert } from '../components/Alert.tsx';
import { Async, latest } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { confirmAction } from '../components/Dialog.tsx';
import { toast } from '../components/Toast.tsx';
import { fmt, t } from '../i18n.ts';
import {
  fetchComments,
  fetchResults,
  fetchRounds,
  GRADES,
  paths,
  reevaluate,
  resultsCsvUrl,
  type Audience,
  type CommentList,
  type Grade,
  type Group,
  type Results,
  type Round,
  type TargetResult,
} from './evaluation.data.ts';
import { audienceLabel, BarLegend, choiceLabel, GradeTag, itemText, pct, score, StackBar, targetKindLabel, targetSubtitle } from './parts.tsx';
import { SCALE5 } from '../../../shared/evaluation/kinds.ts';
import { scrollable } from '../components/Table.tsx';

/**
 * The figures of a closed (staff) or published (everyone) round: an overview bar per target, then per target its
 * grade, 综合满意率 and weighted score, a row per audience and together, a row per item, and the comments in sorted
 * order. Groups under k answers are withheld and say so.
 */
export function ResultsSection(props: { round: Round; congressId: string; staff: boolean }) {
  const key = () => ({ c: props.congressId, r: props.round.id, state: props.round.state });
  const [results, { refetch }] = createResource(key, (k) => fetchResults(k.c, k.r));
  const [comments] = createResource(key, (k) => fetchComments(k.c, k.r));
  const [rounds] = createResource(key, (k) => (props.staff ? fetchRounds(k.c) : Promise.resolve([] as Round[])));
  const navigate = useNavigate();
  const followUp = () => (latest(rounds) ?? []).find((x) => x.previousRoundId === props.round.id);

  const startReevaluation = async (n: number) => {
    let made: Round | null = null;
    const ok = await confirmAction({
      title: t('evaluation.reevaluate.confirmTitle'),
      message: <p>{t('evaluation.reevaluate.confirmText', { n })}</p>,
      confirmLabel: t('evaluation.reevaluate.confirm'),
      action: async () => {
        made = await reevaluate(props.congressId, props.round.id);
      },
    });
    if (ok && made) {
      toast(t('evaluation.created', { title: (made as Round).title }));
      navigate(paths.round(props.congressId, (made as Round).id));
    }
  };

  return (
    <section class="ev-results" aria-labelledby="ev-results-title">
      <div class="ev-results-head">
        <h2 id="ev-results-title">{t('evaluation.results.title')}</h2>
        <div class="ev-results-tools">
          <a class="btn btn-secondary" href={resultsCsvUrl(props.congressId, props.round.id)} download="">
            {t('evaluation.results.csv')}
          </a>
          <A class="btn btn-secondary" href={paths.report(props.congressId, props.round.id)}>
            {t('evaluation.results.report')}
          </A>
        </div>
      </div>
      <Show when={props.round.state === 'closed'}>
        <Alert kind="warning" title={t('evaluation.results.notPublished')}>
          <p>{t('evaluation.results.notPublishedNext')}</p>
        </Alert>
      </Show>
      <Async resource={results} retry={refetch} loadingText={t('evaluation.results.loading')}>
        {(res) => {
          const dissatisfied = () => res.targets.filter((x) => x.grade === 'dissatisfied').length;
          return (
            <>
              <Summary res={res} round={props.round} />
              <Show when={props.staff && props.round.state === 'published' && dissatisfied() > 0}>
                <div class="ev-reeval">
                  <p>
                    <strong>{t('evaluation.reevaluate.needed', { n: dissatisfied() })}</strong> {t('evaluation.reevaluate.why')}
                  </p>
                  <Show
                    when={followUp()}
                    fallback={
                      <Button variant="primary" onClick={() => void startReevaluation(dissatisfied())}>
                        {t('evaluation.reevaluate.button')}
                      </Button>
                    }
                  >
                    {(f) => (
                      <A class="btn btn-secondary" href={paths.round(props.congressId, f().id)}>
                        {t('evaluation.reevaluate.open', { title: f().title })}
                      </A>
                    )}
                  </Show>
                </div>
              </Show>
              <Show when={props.round.state === 'published' && res.targets.some((x) => x.grade === 'basic' || x.grade === 'dissatisfied')}>
                <p class="ev-rect-link">
                  {t('evaluation.results.rectifications')} <A href={paths.rectifications(props.congressId)}>{t('evaluation.results.rectificationsLink')}</A>
                </p>
              </Show>
              <Overview res={res} round={props.round} />
              <div class="ev-target-cards">
                <For each={res.targets}>{(x) => <TargetCard target={x} res={res} round={props.round} comments={latest(comments)} />}</For>
              </div>
            </>
          );
        }}
      </Async>
    </section>
  );
}

function Summary(props: { res: Results; round: Round }) {
  const count = (g: Grade) => props.res.targets.filter((x) => x.grade === g).length;
  return (
    <div class="ev-summary">
      <dl class="ev-summary-stats">
        <For each={props.round.audiences}>
          {(a) => (
            <div>
              <dt>{t('evaluation.results.responsesOf', { audience: audienceLabel(a) })}</dt>
              <dd class="num">{fmt.count(props.res.responses[a])}</dd>
            </div>
          )}
        </For>
        <Show when={props.round.audiences.length > 1}>
          <div>
            <dt>{t('evaluation.results.responsesAll')}</dt>
            <dd class="num">{fmt.count(props.res.responses.all)}</dd>
          </div>
        </Show>
        <For each={GRADES}>
          {(g) => (
            <div class={`ev-grade-count ev-grade-${g}`}>
              <dt>{t('evaluation.results.gradedAs', { grade: t(`evaluation.grade.${g}`) })}</dt>
              <dd class="num">{t('evaluation.results.targetsN', { n: count(g) })}</dd>
            </div>
          )}
        </For>
      </dl>
      <p class="muted small">{t('evaluation.results.note', { k: props.res.k })}</p>
    </div>
  );
}

/** Every target at a glance: its bar of shares, 综合满意率 and grade, in the round's order. */
function Overview(props: { res: Results; round: Round }) {
  /** The bar of shares is the 3-grade scale's: a target not asked it shows its headline rate only. */
  const asksScale = (kind: TargetResult['kind']) => (props.round.items[kind] ?? []).some((i) => (i.kind ?? 'satisfaction3') === 'satisfaction3');
  return (
    <section class="card ev-overview" aria-labelledby="ev-overview-title">
      <div class="ev-overview-head">
        <h3 id="ev-overview-title">{t('evaluation.results.overview')}</h3>
        <BarLegend />
      </div>
      <p class="ev-overview-note">{t('evaluation.results.overviewNote')}</p>
      <ol class="ev-overview-rows">
        <For each={props.res.targets}>
          {(x) => (
            <li class="ev-overview-row">
              <span class="ev-overview-name">
                <span class="muted small">{targetKindLabel(x.kind)}</span>
                <span class="ev-overview-title">{x.title}</span>
              </span>
              <Show when={asksScale(x.kind)} fallback={<span class="ev-overview-nobar" />}>
                <StackBar counts={x.groups.all.counts} label={x.title} withheld={x.groups.all.withheld} k={props.res.k} />
              </Show>
              <span class="ev-overview-rate num">{x.groups.all.withheld ? '—' : pct(x.groups.all.overall)}</span>
              <span class="ev-overview-grade">
                <GradeTag grade={x.grade} withheld={x.groups.all.withheld} />
              </span>
            </li>
          )}
        </For>
      </ol>
    </section>
  );
}

function TargetCard(props: { target: TargetResult; res: Results; round: Round; comments: CommentList | undefined }) {
  const x = () => props.target;
  const all = () => x().groups.all;
  const rows = () => {
    const out: { key: Audience | 'all'; label: string; g: Group }[] = [];
    for (const a of props.round.audiences) {
      const g = x().groups[a];
      if (g) out.push({ key: a, label: audienceLabel(a), g });
    }
    // With one audience, "together" is the same row again.
    if (props.round.audiences.length > 1) out.push({ key: 'all', label: t('evaluation.group.all'), g: all() });
    return out;
  };
  const myComments = () => props.comments?.find((c) => c.kind === x().kind && c.id === x().id);
  /** The kinds of question this target was asked (the 3-grade tables only when it was asked that scale). */
  const asked = () => new Set((props.round.items[x().kind] ?? []).map((i) => i.kind ?? 'satisfaction3'));
  const hasSat = () => asked().has('satisfaction3');
  const commentCount = () => (myComments()?.comments.length ?? 0) + (myComments()?.items ?? []).reduce((n, i) => n + i.comments.length, 0);

  return (
    <article class="card ev-target" classList={{ [`ev-target-${x().grade ?? 'none'}`]: true }} aria-labelledby={`ev-t-${x().id}`}>
      <header class="ev-target-head">
        <div class="ev-target-names">
          <p class="kicker">{targetKindLabel(x().kind)}</p>
          <h3 id={`ev-t-${x().id}`}>{x().title}</h3>
          <Show when={targetSubtitle(x())}>
            <p class="muted">{targetSubtitle(x())}</p>
          </Show>
        </div>
        <div class="ev-target-grade">
          <span class="ev-target-grade-label">{t('evaluation.results.grade')}</span>
          <GradeTag grade={x().grade} withheld={all().withheld} big />
          <Show when={x().repeatedDissatisfied}>
            <span class="tag tag-bad ev-repeated">{t('evaluation.repeated')}</span>
          </Show>
        </div>
      </header>

      <Show
        when={!all().withheld}
        fallback={
          <p class="ev-withheld" role="note">
            {t('evaluation.withheldLong', { k: props.res.k })}
          </p>
        }
      >
        <dl class="ev-figures">
          <Show when={hasSat()}>
            <div class="ev-figure main">
              <dt>{t('evaluation.rate.overall')}</dt>
              <dd class="num">{pct(all().rates?.overall)}</dd>
            </div>
            <div class="ev-figure">
              <dt>{t('evaluation.rate.satisfied')}</dt>
              <dd class="num">{pct(all().rates?.satisfied)}</dd>
            </div>
          </Show>
          <Show when={all().scale5}>
            {(s5) => (
              <>
                <div class="ev-figure" classList={{ main: !hasSat() }}>
                  <dt>{t('evaluation.rate.scale5Average')}</dt>
                  <dd class="num">{s5().average === null ? '—' : s5().average!.toFixed(2)}</dd>
                </div>
                <div class="ev-figure">
                  <dt>{t('evaluation.rate.scale5High')}</dt>
                  <dd class="num">{pct(s5().favourable)}</dd>
                </div>
              </>
            )}
          </Show>
          <Show when={all().yesNo}>
            {(yn) => (
              <div class="ev-figure" classList={{ main: !hasSat() && !all().scale5 }}>
                <dt>{t('evaluation.rate.yes')}</dt>
                <dd class="num">{pct(yn().yesPercent)}</dd>
              </div>
            )}
          </Show>
          <div class="ev-figure">
            <dt>{t('evaluation.results.score')}</dt>
            <dd class="num">{score(x().weightedScore ?? all().score)}</dd>
          </div>
          <div class="ev-figure">
            <dt>{t('evaluation.results.responses')}</dt>
            <dd class="num">{fmt.count(all().responses)}</dd>
          </div>
        </dl>
      </Show>

      <Show when={hasSat()}>
      <div class="ev-group-bars">
        <For each={rows()}>
          {(row) => (
            <div class="ev-group-bar">
              <span class="ev-group-name">{row.label}</span>
              <StackBar counts={row.g.counts} label={`${x().title} · ${row.label}`} withheld={row.g.withheld} k={props.res.k} />
            </div>
          )}
        </For>
        <BarLegend />
      </div>

      <div class="table-wrap ev-table-wrap" ref={scrollable}>
        <table class="table stack-on-phone ev-table">
          <caption class="sr-only">{t('evaluation.results.groupsCaption', { title: x().title })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('evaluation.col.groupAnswers')}</th>
              <th scope="col" class="n">{t('evaluation.answer.satisfied')}</th>
              <th scope="col" class="n">{t('evaluation.answer.basic')}</th>
              <th scope="col" class="n">{t('evaluation.answer.dissatisfied')}</th>
              <Show when={props.round.allowUnknown}>
                <th scope="col" class="n">{t('evaluation.answer.unknown')}</th>
              </Show>
              <th scope="col" class="n">{t('evaluation.rate.satisfied')}</th>
              <th scope="col" class="n">{t('evaluation.col.overall')}</th>
              <th scope="col" class="n">{t('evaluation.col.score')}</th>
              <th scope="col">{t('evaluation.col.grade')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(row) => (
                <tr classList={{ 'ev-row-all': row.key === 'all', 'ev-row-withheld': row.g.withheld }}>
                  {/* The group with its number of answers in one cell: the table has to fit a tablet in English too. */}
                  <th scope="row">
                    {row.label}
                    <span class="ev-group-n num">{t('evaluation.results.answersN', { n: fmt.count(row.g.responses) })}</span>
                  </th>
                  <Show
                    when={!row.g.withheld && row.g.counts}
                    fallback={
                      <td class="ev-withheld-cell" colspan={props.round.allowUnknown ? 8 : 7} data-label="">
                        {t('evaluation.withheld', { k: props.res.k })}
                      </td>
                    }
                  >
                    {(c) => (
                      <>
                        <td class="n num" data-label={t('evaluation.answer.satisfied')}>{c().satisfied}</td>
                        <td class="n num" data-label={t('evaluation.answer.basic')}>{c().basic}</td>
                        <td class="n num" data-label={t('evaluation.answer.dissatisfied')}>{c().dissatisfied}</td>
                        <Show when={props.round.allowUnknown}>
                          <td class="n num" data-label={t('evaluation.answer.unknown')}>{c().unknown}</td>
                        </Show>
                        <td class="n num" data-label={t('evaluation.rate.satisfied')}>{pct(row.g.rates?.satisfied)}</td>
                        <td class="n num strong" data-label={t('evaluation.rate.overall')}>{pct(row.g.rates?.overall)}</td>
                        <td class="n num" data-label={t('evaluation.col.score')}>{score(row.g.score)}</td>
                        <td data-label={t('evaluation.col.grade')}>
                          <GradeTag grade={row.g.grade} />
                        </td>
                      </>
                    )}
                  </Show>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <p class="muted small">{t('evaluation.results.countsNote')}</p>
      </Show>
      <Show when={!hasSat()}>
        <ul class="ev-group-list">
          <For each={rows()}>
            {(row) => (
              <li classList={{ 'ev-row-withheld': row.g.withheld }}>
                <span class="strong">{row.label}</span> <span class="num">{t('evaluation.results.answersN', { n: fmt.count(row.g.responses) })}</span>{' '}
                <Show when={!row.g.withheld} fallback={<span class="muted">{t('evaluation.withheld', { k: props.res.k })}</span>}>
                  <span class="num">{pct(row.g.overall)}</span> <GradeTag grade={row.g.grade} />
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>

      <Show when={all().items}>
        {(items) => (
          <details class="ev-details">
            <summary>{t('evaluation.results.items', { n: items().length })}</summary>
            <div class="table-wrap ev-table-wrap" ref={scrollable}>
              <table class="table stack-on-phone ev-table ev-items-table">
                <caption class="sr-only">{t('evaluation.results.itemsCaption', { title: x().title })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('evaluation.col.item')}</th>
                    <th scope="col" class="n">{t('evaluation.answer.satisfied')}</th>
                    <th scope="col" class="n">{t('evaluation.answer.basic')}</th>
                    <th scope="col" class="n">{t('evaluation.answer.dissatisfied')}</th>
                    <Show when={props.round.allowUnknown}>
                      <th scope="col" class="n">{t('evaluation.answer.unknown')}</th>
                    </Show>
                    <th scope="col" class="n">{t('evaluation.rate.satisfied')}</th>
                    <th scope="col" class="n">{t('evaluation.col.overall')}</th>
                    <th scope="col" class="ev-bar-col">{t('evaluation.col.shares')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={items()}>
                    {(i) => (
                      <tr>
                        <th scope="row">{itemText(i.label)}</th>
                        <Show
                          when={i.kind === 'satisfaction3' && i.rates}
                          fallback={
                            <td class="ev-item-other" colspan={props.round.allowUnknown ? 7 : 6} data-label="">
                              <ItemOther item={i} />
                            </td>
                          }
                        >
                          {(r) => (
                            <>
                              <td class="n num" data-label={t('evaluation.answer.satisfied')}>{i.counts.satisfied}</td>
                              <td class="n num" data-label={t('evaluation.answer.basic')}>{i.counts.basic}</td>
                              <td class="n num" data-label={t('evaluation.answer.dissatisfied')}>{i.counts.dissatisfied}</td>
                              <Show when={props.round.allowUnknown}>
                                <td class="n num" data-label={t('evaluation.answer.unknown')}>{i.counts.unknown}</td>
                              </Show>
                              <td class="n num" data-label={t('evaluation.rate.satisfied')}>{pct(r().satisfied)}</td>
                              <td class="n num strong" data-label={t('evaluation.rate.overall')}>{pct(r().overall)}</td>
                              <td class="ev-bar-col" data-label={t('evaluation.col.shares')}>
                                <StackBar counts={{ satisfied: i.counts.satisfied ?? 0, basic: i.counts.basic ?? 0, dissatisfied: i.counts.dissatisfied ?? 0 }} label={itemText(i.label)} minLabel={30} />
                              </td>
                            </>
                          )}
                        </Show>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </details>
        )}
      </Show>

      {/* A department reads the comments on itself only: the others are not sent. */}
      <Show when={props.comments === undefined || myComments()}>
      <details class="ev-details ev-comments">
        <summary>
          {myComments()?.withheld
            ? t('evaluation.comments.titleWithheld')
            : t('evaluation.comments.title', { n: commentCount() })}
        </summary>
        <Show when={myComments()} fallback={<p class="muted">{t('common.loading')}</p>}>
          {(c) => (
            <Show when={!c().withheld} fallback={<p class="ev-withheld">{t('evaluation.withheld', { k: props.res.k })}</p>}>
              <Show when={commentCount() > 0} fallback={<p class="muted">{t('evaluation.comments.none')}</p>}>
                <For each={c().items.filter((i) => i.comments.length > 0)}>
                  {(i) => (
                    <>
                      <h4 class="ev-comment-item">{itemText(i.label)}</h4>
                      <ul class="ev-comment-list">
                        <For each={i.comments}>{(text) => <li>{text}</li>}</For>
                      </ul>
                    </>
                  )}
                </For>
                <Show when={c().comments.length > 0}>
                  <Show when={c().items.some((i) => i.comments.length > 0)}>
                    <h4 class="ev-comment-item">{t('answer.comment')}</h4>
                  </Show>
                  <ul class="ev-comment-list">
                    <For each={c().comments}>{(text) => <li>{text}</li>}</For>
                  </ul>
                </Show>
                <p class="muted small">{t('evaluation.comments.order')}</p>
              </Show>
            </Show>
          )}
        </Show>
      </details>
      </Show>
    </article>
  );
}

/** An item of another kind in the items table: the 5-point average and its counts, the share of 是, or how many wrote. */
function ItemOther(props: { item: NonNullable<Group['items']>[number] }) {
  const i = () => props.item;
  return (
    <span class="ev-item-figures">
      <Show when={i().kind === 'scale5'}>
        <span class="strong num">{t('evaluation.results.scale5Item', { avg: i().average === null ? '—' : i().average!.toFixed(2), high: pct(i().favourable) })}</span>{' '}
        <span class="muted num">{SCALE5.values.filter((v) => v !== 'unknown').map((v) => `${choiceLabel('scale5', v)} ${i().counts[v] ?? 0}`).join(' · ')}</span>
      </Show>
      <Show when={i().kind === 'yes_no'}>
        <span class="strong num">{t('evaluation.results.yesItem', { p: pct(i().favourable) })}</span>{' '}
        <span class="muted num">
          {choiceLabel('yes_no', 'yes')} {i().counts.yes ?? 0} · {choiceLabel('yes_no', 'no')} {i().counts.no ?? 0}
        </span>
      </Show>
      <Show when={i().kind === 'comment'}>
        <span class="num">{t('evaluation.results.commentItem', { n: i().counts.written ?? 0 })}</span>
      </Show>
      <Show when={i().grade}>
        {(g) => <GradeTag grade={g()} />}
      </Show>
    </span>
  );
}
