import { A, useParams, useSearchParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { Async } from '../components/Async.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useCongress } from '../congress/context.tsx';
import { fmt, t, type MessageKey } from '../i18n.ts';
import { can } from '../session.ts';
import { fetchChild, paths, pct, yearChoices, yearOf } from './county.data.ts';
import { StateTag } from './parts.tsx';
import './county.css';
import { scrollable } from '../components/Table.tsx';

const GRADE_TONE = { satisfied: 'ok', basic: 'warn', dissatisfied: 'bad' } as const;

/**
 * 乡镇详情: one township's year as the public and the office report it — the window, the frozen lists, the votes (the
 * chosen projects once published), the projects with their progress, the published evaluations, the loop by department
 * and category. Nothing here is a ballot, an answer or a contact.
 */
export default function ChildPage() {
  const { id } = useCongress();
  const params = useParams<{ childId: string }>();
  const [search, setSearch] = useSearchParams<{ year?: string }>();
  const year = () => yearOf(search.year);
  const [data, { refetch }] = createResource(() => (can(id(), 'county.read') ? { c: id(), child: params.childId, y: year() } : false), (s) => fetchChild(s.c, s.child, s.y));
  const LoopTable = (p: { caption: string; rows: { label: string; received: number; onTimeRate: number | null; answered: number; resolved: number; resolvedRate: number | null; overdue: number; satisfactionRate: number | null }[] }) => (
    <div class="ct-scroll" ref={scrollable}>
      <table class="ct-table ct-plain">
        <caption>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{p.caption}</th>
            <For each={['itemsReceived', 'itemsAnswered', 'itemsOnTimeRate', 'itemsResolved', 'itemsResolvedRate', 'itemsRate'] as const}>{(k) => <th scope="col" class="num">{t(`county.col.${k}`)}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <For each={p.rows}>
            {(r) => (
              <tr>
                <th scope="row">{r.label}</th>
                <td class="num">{fmt.count(r.received)}</td>
                <td class="num">{fmt.count(r.answered)}</td>
                <td class="num">{pct(r.onTimeRate)}</td>
                <td class="num">{fmt.count(r.resolved)}</td>
                <td class="num">{pct(r.resolvedRate)}</td>
                <td class="num">{pct(r.satisfactionRate)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );

  return (
    <Show when={can(id(), 'county.read')} fallback={<NoAccess />}>
      <Async resource={data} retry={refetch} loadingText={t('county.loading')}>
        {(c) => (
          <>
            <PageHeader
              kicker={
                <A href={paths.dashboard(id(), c.year)} class="ct-back">
                  ← {t('county.child.back')}
                </A>
              }
              title={t('county.child.title', { name: c.congress.name, year: c.year })}
              lead={`${t(`congress.level.${c.congress.level}` as MessageKey)}${c.congress.parentName ? ` · ${c.congress.parentName}` : ''} · ${t('county.rollup.asOf', { day: fmt.date(c.asOf) })}`}
              actions={
                <label class="field ct-field">
                  <span class="label">{t('county.year')}</span>
                  <select value={year()} onChange={(e) => setSearch({ year: e.currentTarget.value })}>
                    <For each={yearChoices()}>{(y) => <option value={y}>{y}</option>}</For>
                  </select>
                </label>
              }
            />
            <div class="ct-cards">
              <section class="card ct-card" aria-labelledby="ct-window">
                <h2 id="ct-window">{t('county.child.window')}</h2>
                <p>
                  <StateTag kind="window" state={c.window.state} />
                  <Show when={c.window.opensOn}>
                    {' '}
                    {fmt.date(c.window.opensOn!)} – {fmt.date(c.window.closesOn!)}
                  </Show>
                </p>
                <p class="ct-big num">{t('county.proposals', { n: fmt.count(c.window.proposals) })}</p>
              </section>
              <section class="card ct-card" aria-labelledby="ct-votes">
                <h2 id="ct-votes">{t('county.child.votes')}</h2>
                <Show when={c.votes.length} fallback={<p class="muted">{t('county.child.noVotes')}</p>}>
                  <ul class="ct-list">
                    <For each={c.votes}>
                      {(v) => (
                        <li>
                          <strong>{v.title}</strong> <StateTag kind="vote" state={v.state} />
                          <Show when={v.heldOn}> <span class="muted">{fmt.date(v.heldOn!)}</span></Show>
                          <Show when={v.chosen} fallback={<p class="muted">{t('county.child.resultPending')}</p>}>
                            <p>
                              {t('county.child.chosen')}：{v.chosen!.join('、')}
                            </p>
                          </Show>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </section>
            </div>

            <section class="ct-section" aria-labelledby="ct-lists">
              <h2 id="ct-lists">{t('county.child.lists')}</h2>
              <Show when={c.lists.length} fallback={<p class="muted">{t('county.child.noLists')}</p>}>
                <For each={c.lists}>
                  {(l) => (
                    <div class="ct-scroll" ref={scrollable}>
                      <table class="ct-table ct-plain">
                        <caption>
                          {l.title} · v{l.version} · {fmt.date(l.frozenAt)}
                        </caption>
                        <tbody>
                          <For each={l.candidates}>
                            {(x, i) => (
                              <tr>
                                <td class="num">{i() + 1}</td>
                                <th scope="row">{x.title}</th>
                                <td>{x.department}</td>
                                <td class="num">{x.plannedInvestment}</td>
                              </tr>
                            )}
                          </For>
                        </tbody>
                      </table>
                    </div>
                  )}
                </For>
              </Show>
            </section>

            <section class="ct-section" aria-labelledby="ct-projects">
              <h2 id="ct-projects">{t('county.child.projects')}</h2>
              <Show when={c.projects.length} fallback={<p class="muted">{t('county.child.noProjects')}</p>}>
                <div class="ct-scroll" ref={scrollable}>
                  <table class="ct-table ct-plain">
                    <thead>
                      <tr>
                        <th scope="col">{t('county.col.name')}</th>
                        <th scope="col">{t('county.col.projects')}</th>
                        <th scope="col" class="num">{t('county.progress')}</th>
                        <th scope="col" class="num">{t('county.col.planned')}</th>
                        <th scope="col" class="num">{t('county.col.spent')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={c.projects}>
                        {(p) => (
                          <tr>
                            <th scope="row">
                              {p.title}
                              <span class="ct-sub muted">{p.department}</span>
                            </th>
                            <td>
                              <StateTag kind="timing" state={p.timing} />
                              <Show when={p.rectified}> <span class="ct-tag ct-warn">{t('county.rectified')}</span></Show>
                              <span class="ct-sub muted">{fmt.date(p.plannedCompletion)}{p.completedOn ? ` → ${fmt.date(p.completedOn)}` : ''}</span>
                            </td>
                            <td class="num">{p.progress === null ? '—' : `${p.progress}%`}</td>
                            <td class="num">{p.planned}</td>
                            <td class="num">{p.spent}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
              </Show>
            </section>

            <section class="ct-section" aria-labelledby="ct-eval">
              <h2 id="ct-eval">{t('county.child.evaluation')}</h2>
              <Show when={c.evaluation.length} fallback={<p class="muted">{t('county.child.noRounds')}</p>}>
                <For each={c.evaluation}>
                  {(r) => (
                    <div class="ct-scroll" ref={scrollable}>
                      <table class="ct-table ct-plain">
                        <caption>
                          {r.title} · {fmt.date(r.publishedAt)}
                        </caption>
                        <tbody>
                          <For each={r.targets}>
                            {(x) => (
                              <tr>
                                <th scope="row">{x.title}</th>
                                <td>
                                  <Show when={!x.withheld && x.grade} fallback={<span class="muted">{x.withheld ? t('county.child.withheld') : '—'}</span>}>
                                    <span class={`ct-tag ct-${GRADE_TONE[x.grade!]}`}>{t(`county.col.grade${x.grade === 'satisfied' ? 'Satisfied' : x.grade === 'basic' ? 'Basic' : 'Dissatisfied'}` as MessageKey)}</span>
                                  </Show>
                                </td>
                                <td class="num">{pct(x.rate)}</td>
                              </tr>
                            )}
                          </For>
                        </tbody>
                      </table>
                    </div>
                  )}
                </For>
              </Show>
            </section>

            <section class="ct-section" aria-labelledby="ct-loop">
              <h2 id="ct-loop">{t('county.child.loop')}</h2>
              <LoopTable caption={t('county.child.byDepartment')} rows={[...c.loop.byDepartment.map((r) => ({ ...r, label: r.name || t('county.noDepartment') })), { ...c.loop.total, label: t('county.rollup.total') }]} />
              <LoopTable caption={t('county.child.byCategory')} rows={c.loop.byCategory.map((r) => ({ ...r, label: t(`item.category.${r.category}` as MessageKey) }))} />
            </section>
          </>
        )}
      </Async>
    </Show>
  );
}
