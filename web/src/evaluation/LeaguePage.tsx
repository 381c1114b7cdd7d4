import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { TARGET_KINDS } from '../../../shared/evaluation/schema.ts';
import { Async } from '../components/Async.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useCongress } from '../congress/context.tsx';
import { t } from '../i18n.ts';
import { can } from '../session.ts';
import { fetchLeague, paths, type LeagueRow, type TargetKind } from './evaluation.data.ts';
import { GradeTag, pct, score, targetKindLabel } from './parts.tsx';
import { scrollable } from '../components/Table.tsx';

/**
 * 满意度排名: the targets of one kind (departments by default; projects, officials, suggestion handling, inquiries,
 * representatives by the filter) ranked by their average headline rate over the published rounds (withheld figures
 * left out), with the average score and the grade of each round as a coloured tag.
 */
export default function LeaguePage() {
  const { id } = useCongress();
  const [kind, setKind] = createSignal<TargetKind>('department');
  const [league, { refetch }] = createResource(() => [id(), kind()] as const, ([c, k]) => fetchLeague(c, k));

  return (
    <Show when={can(id(), 'evaluation.read')} fallback={<NoAccess />}>
      <PageHeader
        kicker={<A href={paths.rounds(id())}>← {t('evaluation.rounds.title')}</A>}
        title={t('evaluation.league.title')}
        lead={t('evaluation.league.lead')}
      />
      <div class="ev-league-filter" role="group" aria-label={t('evaluation.league.kind')}>
        <For each={TARGET_KINDS}>
          {(k) => (
            <button type="button" class="btn btn-secondary" aria-pressed={kind() === k} onClick={() => setKind(k)}>
              {targetKindLabel(k)}
            </button>
          )}
        </For>
      </div>
      <Async resource={league} retry={refetch}>
        {(rows) => (
          <Show
            when={rows.length > 0}
            fallback={
              <EmptyState
                title={t('evaluation.league.empty')}
                action={
                  <A class="btn btn-secondary" href={paths.rounds(id())}>
                    {t('evaluation.rounds.title')}
                  </A>
                }
              >
                {t('evaluation.league.emptyNext')}
              </EmptyState>
            }
          >
            <LeagueTable rows={rows} congressId={id()} kind={kind()} />
          </Show>
        )}
      </Async>
    </Show>
  );
}

function LeagueTable(props: { rows: LeagueRow[]; congressId: string; kind: TargetKind }) {
  const ranked = () => {
    let rank = 0;
    let prev: number | null = null;
    return props.rows.map((r, i) => {
      if (r.averageOverall === null) return { r, rank: null as number | null };
      // Equal averages share a rank (1, 2, 2, 4).
      if (r.averageOverall !== prev) rank = i + 1;
      prev = r.averageOverall;
      return { r, rank };
    });
  };
  return (
    <div class="table-wrap" ref={scrollable}>
      <table class="table stack-on-phone ev-league">
        <caption class="sr-only">{t('evaluation.league.title')}</caption>
        <thead>
          <tr>
            <th scope="col" class="pos">{t('evaluation.league.rank')}</th>
            <th scope="col">{targetKindLabel(props.kind)}</th>
            <th scope="col" class="ev-league-avg">{t('evaluation.league.average')}</th>
            <th scope="col" class="n">{t('evaluation.league.score')}</th>
            <th scope="col">{t('evaluation.league.rounds')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={ranked()}>
            {({ r, rank }) => (
              <tr>
                <td class="pos num" data-label={t('evaluation.league.rank')}>
                  <span class="ev-rank" classList={{ top: rank === 1 }}>
                    {rank ?? '—'}
                  </span>
                </td>
                <th scope="row" class="ev-league-name">
                  {r.target.name}
                </th>
                <td class="ev-league-avg" data-label={t('evaluation.league.average')}>
                  <div class="ev-league-bar">
                    <span class="ev-league-track" aria-hidden="true">
                      <span class="ev-league-fill" style={{ width: `${r.averageOverall ?? 0}%` }} />
                    </span>
                    <span class="num strong">{r.averageOverall === null ? t('evaluation.withheldShort') : pct(r.averageOverall)}</span>
                  </div>
                </td>
                <td class="n num" data-label={t('evaluation.league.score')}>
                  {score(r.averageScore)}
                </td>
                <td class="ev-league-rounds-cell" data-label={t('evaluation.league.rounds')}>
                  {/* Oldest first: the grade of each published round, its rate, and which round it was. */}
                  <ol class="ev-league-rounds">
                    <For each={r.rounds}>
                      {(x) => (
                        <li>
                          <GradeTag grade={x.grade} withheld={x.grade === null} />
                          <A href={paths.round(props.congressId, x.roundId)} class="ev-league-round-link" title={x.title}>
                            <span class="num">{x.overall === null ? '' : `${pct(x.overall)} · `}</span>
                            {x.title}
                          </A>
                        </li>
                      )}
                    </For>
                  </ol>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
