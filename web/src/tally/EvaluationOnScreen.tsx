import { For, Show } from 'solid-js';
import type { HallScreenRound } from '../../../shared/evaluation/schema.ts';
import { t } from '../i18n.ts';
import { targetKindLabel } from '../evaluation/parts.tsx';
import type { ScreenVoteRow } from './tally.data.ts';
import './evaluation-screen.css';

/**
 * 会场测评 on the big screen (SPEC §15): which hall round the hall is looking at, if any — an open vote comes first; else
 * an open hall round; else the hall round closed last, when it closed after the current vote (or there is no vote).
 */
export function hallFocus(rounds: readonly HallScreenRound[], vote: ScreenVoteRow | undefined): HallScreenRound | undefined {
  if (vote?.state === 'open') return undefined;
  const open = rounds.find((r) => r.state === 'open');
  if (open) return open;
  const last = rounds.filter((r) => r.closedAt).sort((a, b) => Date.parse(b.closedAt!) - Date.parse(a.closedAt!))[0];
  if (!last) return undefined;
  return !vote?.closedAt || Date.parse(last.closedAt!) > Date.parse(vote.closedAt) ? last : undefined;
}

const pct = (n: number | null) => (n === null ? '—' : `${n.toFixed(1)}%`);

/**
 * A hall round on the big screen: while open only how many answered (never a running figure); closed, that the results
 * wait for publication; published, each target's 满意率, 综合满意率 and grade — a target answered by fewer than k says
 * 人数过少不显示 and shows nothing else.
 */
export function EvaluationPanel(props: { round: HallScreenRound }) {
  const r = () => props.round;
  const status = () => (r().state === 'published' ? 'published' : r().state);
  return (
    <section class="screen-vote screen-eval" aria-live="polite">
      <div class="screen-vote-head">
        <div>
          <p class="screen-vote-kind">{t('evaluation.screen.kind')}</p>
          <h2 class="screen-vote-title">{r().title}</h2>
        </div>
        <span class={`screen-status status-${status()}`}>{t(`evaluation.screen.status.${status()}`)}</span>
      </div>
      <Show
        when={r().targets}
        fallback={
          <div class="screen-live">
            <div class="screen-cast">
              <span class="screen-cast-label">{t('evaluation.screen.answered')}</span>
              <span class="screen-cast-value num">
                <strong class="screen-cast-n" data-testid="eval-answered">
                  {r().answered}
                </strong>
                <Show when={r().issued > 0}>
                  <span class="screen-cast-of">/ {r().issued}</span>
                </Show>
              </span>
              <span class="screen-cast-note">{r().issued > 0 ? t('evaluation.screen.answeredOf', { n: r().answered, issued: r().issued }) : t('evaluation.screen.answeredN', { n: r().answered })}</span>
            </div>
            <p class="screen-note">{r().state === 'open' ? t('evaluation.screen.noteOpen') : t('evaluation.screen.noteClosed')}</p>
          </div>
        }
      >
        {(targets) => (
          <div class="screen-eval-result">
            <table class="screen-eval-table">
              <thead>
                <tr>
                  <th scope="col">{t('evaluation.screen.target')}</th>
                  <th scope="col" class="num">
                    {t('evaluation.screen.responses')}
                  </th>
                  <th scope="col" class="num">
                    {t('evaluation.screen.satisfied')}
                  </th>
                  <th scope="col" class="screen-eval-overall-h">
                    {t('evaluation.screen.overall')}
                  </th>
                  <th scope="col">{t('evaluation.screen.grade')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={targets()}>
                  {(tg) => (
                    <tr classList={{ withheld: tg.withheld }}>
                      <th scope="row">
                        <span class="screen-eval-kind">{targetKindLabel(tg.kind)}</span>
                        {tg.title}
                      </th>
                      <td class="num">{tg.responses}</td>
                      <Show
                        when={!tg.withheld}
                        fallback={
                          <td colSpan={3} class="screen-eval-withheld">
                            {t('evaluation.screen.withheld')}
                          </td>
                        }
                      >
                        <td class="num">{pct(tg.satisfied)}</td>
                        <td>
                          <span class="screen-eval-bar" aria-hidden="true">
                            <span style={{ width: `${tg.overall ?? 0}%` }} />
                          </span>
                          <span class="num screen-eval-pct">{pct(tg.overall)}</span>
                        </td>
                        <td>
                          <Show when={tg.grade} fallback={<span class="screen-eval-grade">—</span>}>
                            {(g) => <span class={`screen-eval-grade grade-${g()}`}>{t(`evaluation.grade.${g()}`)}</span>}
                          </Show>
                        </td>
                      </Show>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <p class="screen-note">{t('evaluation.screen.kRule', { n: r().answered, k: r().k })}</p>
          </div>
        )}
      </Show>
    </section>
  );
}
