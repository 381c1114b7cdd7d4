/**
 * 大屏 after publication of a sitting (表决事项单): every question of the card at once, in card order, legible from the
 * back of the hall on 1920×1080. The project question (if any) keeps its bars with the threshold line on the left; the
 * motions stand beside it as cards, or fill a grid of their own (2 × 2 for four). Each motion says 通过 / 未通过 in a
 * word with a mark (✓ / ✗) and a colour, its 赞成 / 反对 / 弃权, and what it needed with the base (应到 12 人，过半数 7 票).
 */
import { For, Show, type JSX } from 'solid-js';
import { lang, t } from '../i18n.ts';
import { motionPassed, motionRow, motionRuleWords, type QuestionView } from './questions.tsx';
import { Bars, ResultQr } from './screen-parts.tsx';

export function SittingResult(props: {
  questions: QuestionView[];
  base: { seated: number; present: number };
  void: boolean;
  voteId: string;
  /** A line under the summary (发出多于实到). */
  note?: JSX.Element;
}) {
  const project = () => props.questions.find((q) => q.kind === 'projects');
  const motions = () => props.questions.filter((q) => q.kind === 'motion');
  const numberOf = (q: QuestionView) => props.questions.findIndex((x) => x.id === q.id) + 1;
  const passedCount = () => motions().filter(motionPassed).length;
  // Motions alone: one row of one or two, 2 × 2 up to four, then three a row. Beside the projects: one column.
  const cols = () => (project() ? 1 : motions().length <= 1 ? 1 : motions().length <= 4 ? 2 : 3);
  const sep = () => (lang() === 'zh-CN' ? '、' : ', ');
  /** 共 4 项 · ✓ 通过 2 · ✗ 未通过 1, and the QR of the public result page. */
  const foot = () => (
    <div class="screen-foot">
      <div class="screen-summary">
        <p>{t('screen.sitting.count', { n: props.questions.length })}</p>
        {props.note}
        <Show when={!props.void && motions().length > 0}>
          <p class="screen-sitting-tally">
            <span class="screen-verdict-inline passed">
              ✓ {t('tally.motion.passed')} <span class="num">{passedCount()}</span>
            </span>
            <span class="screen-verdict-inline failed">
              ✗ {t('tally.motion.failed')} <span class="num">{motions().length - passedCount()}</span>
            </span>
          </p>
        </Show>
      </div>
      <ResultQr voteId={props.voteId} />
    </div>
  );
  return (
    <div class="screen-result screen-sitting" classList={{ 'with-projects': !!project() && !props.void, 'many-projects': (project()?.rows.length ?? 0) > 9, dense: motions().length > (project() ? 3 : 6) }}>
      <Show
        when={!props.void}
        fallback={
          <>
            <div class="screen-void">
              <p class="screen-void-title">{t('tally.void')}</p>
              <p>{t('screen.voidNext')}</p>
            </div>
            {foot()}
          </>
        }
      >
        <div class="screen-sitting-grid" role="list" aria-label={t('screen.sitting.chartLabel')}>
          <Show when={project()}>
            {(p) => (
              <section class="screen-question screen-question-projects" role="listitem" aria-labelledby={`sq-${p().id}`}>
                <h3 class="screen-question-title" id={`sq-${p().id}`}>
                  <span class="screen-question-n num">{numberOf(p())}</span>
                  <span class="screen-question-text">{p().title}</span>
                </h3>
                <Bars result={{ threshold: p().needed, valid: p().valid, candidates: p().rows, elected: p().elected, tied: p().tied }} compact />
                <p class="screen-elected">
                  {p().elected.length > 0 ? t('screen.electedList', { titles: p().elected.map((id) => p().rows.find((r) => r.id === id)?.title ?? id).join(sep()) }) : t('tally.noneElected')}
                </p>
                <Show when={p().tied.length > 0}>
                  <p class="screen-tied">{t('screen.tied', { titles: p().tied.map((id) => p().rows.find((r) => r.id === id)?.title ?? id).join(sep()), seats: p().unfilledSeats })}</p>
                </Show>
                {/* Beside the motions' column the foot stands at the bottom of the projects' panel. */}
                {foot()}
              </section>
            )}
          </Show>
          <div class="screen-motions" style={{ '--cols': String(cols()) }}>
            <For each={motions()}>{(q) => <MotionCard q={q} n={numberOf(q)} base={props.base} />}</For>
          </div>
        </div>
        <Show when={!project()}>{foot()}</Show>
      </Show>
    </div>
  );
}

/** One motion: its number and title, 通过 / 未通过 as a stamp, 赞成 / 反对 / 弃权, a bar to the line of what it needed. */
function MotionCard(props: { q: QuestionView; n: number; base: { seated: number; present: number } }) {
  const row = () => motionRow(props.q);
  const passed = () => motionPassed(props.q);
  const scale = () => Math.max(props.base.seated, props.base.present, props.q.valid, props.q.needed, row().for, 1);
  return (
    <section class="screen-question screen-motion" classList={{ passed: passed(), failed: !passed() }} role="listitem" aria-labelledby={`sq-${props.q.id}`}>
      <h3 class="screen-question-title" id={`sq-${props.q.id}`}>
        <span class="screen-question-n num">{props.n}</span>
        <span class="screen-question-text">{props.q.title}</span>
      </h3>
      <div class="screen-motion-main">
        <p class="screen-verdict">
          <span class="screen-verdict-mark" aria-hidden="true">
            {passed() ? '✓' : '✗'}
          </span>
          {passed() ? t('tally.motion.passed') : t('tally.motion.failed')}
        </p>
        <dl class="screen-motion-figures">
          <div class="fig-for">
            <dt>{t('ballot.mark.for')}</dt>
            <dd class="num">{row().for}</dd>
          </div>
          <div class="fig-against">
            <dt>{t('ballot.mark.against')}</dt>
            <dd class="num">{row().against}</dd>
          </div>
          <div class="fig-abstain">
            <dt>{t('ballot.mark.abstain')}</dt>
            <dd class="num">{row().abstain}</dd>
          </div>
        </dl>
      </div>
      <div class="screen-motion-bar" style={{ '--p': String(props.q.needed / scale()) }} aria-hidden="true">
        <span class="screen-motion-fill" style={{ width: `${(row().for / scale()) * 100}%` }} />
        <span class="screen-motion-line" />
      </div>
      <p class="screen-motion-rule">{motionRuleWords(props.q.threshold, props.base, props.q.needed, props.q.valid)}</p>
    </section>
  );
}
