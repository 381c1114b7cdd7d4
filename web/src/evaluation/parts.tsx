/** Pieces shared by the evaluation pages: words for the API's codes, grade and state tags, rates, the stacked bar. */
import { For, Show } from 'solid-js';
import { choiceWord, GRADES, QUESTIONS, type QuestionKindName, SATISFACTION } from '../../../shared/evaluation/kinds.ts';
import { lang, t } from '../i18n.ts';
import type { AnswerValue, Audience, Grade, Round, State, TargetKind } from './evaluation.data.ts';
import './evaluation.css';
import { shanghaiYear } from '../../../shared/time.ts';

export const audienceLabel = (a: Audience) => t(`evaluation.audience.${a}`);
export const targetKindLabel = (k: TargetKind) => t(`evaluation.kind.${k}`);
export const answerLabel = (a: AnswerValue) => t(`evaluation.answer.${a}`);
/** How a choice of any kind of question is said (the 3-grade scale from the dictionary, the others from kinds.ts). */
export const choiceLabel = (kind: QuestionKindName, v: string) => (kind === 'satisfaction3' ? answerLabel(v as AnswerValue) : choiceWord(kind, v, lang()));
/** The name of a kind of question. */
export const questionKindLabel = (kind: QuestionKindName) => QUESTIONS[kind].title[lang()];
/** The line under a target's title: a project's department, a department's projects, an official's post… */
export function targetSubtitle(tg: { kind: TargetKind; subtitle: string }): string {
  if (!tg.subtitle) return tg.kind === 'suggestion_handling' ? t('evaluation.subtitle.suggestion_handling') : '';
  return t(`evaluation.subtitle.${tg.kind}`, { s: tg.subtitle });
}
export const gradeLabel = (g: Grade) => t(`evaluation.grade.${g}`);
/** Green / amber / red only for status, always with the word. */
export const gradeClass = (g: Grade) => `tag-${SATISFACTION.tone[g]}`;
export const stateLabel = (s: State) => t(`evaluation.state.${s}`);
const stateClass = (s: State) => ({ draft: 'tag-muted', open: 'tag-ok', closed: 'tag-warn', published: 'tag-accent' })[s];

/** A percentage with one decimal ("83.3%"), or a dash when nobody answered. */
export const pct = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${n.toFixed(1)}%`);
export const score = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toFixed(1));

/**
 * Default items are written "完成情况 Completion": show the half in the interface language. A label staff typed in one
 * language is shown as typed.
 */
export function itemText(label: string): string {
  const m = /^([^A-Za-z]*[\u3400-\u9fff][^A-Za-z]*?)\s+([A-Za-z].*)$/.exec(label.trim());
  if (!m) return label;
  return lang() === 'en' ? m[2] : m[1];
}

export function StateTag(props: { state: State }) {
  return <span class={`tag ${stateClass(props.state)}`}>{stateLabel(props.state)}</span>;
}

/** 测评等次 as a coloured tag with its word; withheld figures and "no grade" say so. */
export function GradeTag(props: { grade: Grade | null; withheld?: boolean; big?: boolean }) {
  return (
    <Show
      when={props.grade}
      fallback={<span class="tag tag-muted" classList={{ 'ev-grade-big': !!props.big }}>{props.withheld ? t('evaluation.withheldShort') : t('evaluation.noGrade')}</span>}
    >
      {(g) => <span class={`tag ${gradeClass(g())} ev-grade`} classList={{ 'ev-grade-big': !!props.big }}>{gradeLabel(g())}</span>}
    </Show>
  );
}

type Shares = Record<Grade, number>;

/**
 * 满意 / 基本满意 / 不满意 as one horizontal bar (pure CSS): each part's share of the answers given (不了解 left out).
 * Parts wide enough carry their percentage; the figures are also in the table beside it.
 */
export function StackBar(props: { counts: Shares | null; label: string; withheld?: boolean; k?: number; minLabel?: number }) {
  const total = () => (props.counts ? GRADES.reduce((n, g) => n + props.counts![g], 0) : 0);
  const parts = () =>
    GRADES.map((key) => ({ key, share: total() ? ((props.counts?.[key] ?? 0) * 100) / total() : 0 }));
  const describe = () =>
    parts()
      .map((p) => `${t(`evaluation.answer.${p.key}`)} ${p.share.toFixed(1)}%`)
      .join(lang() === 'zh-CN' ? '，' : ', ');
  return (
    <Show
      when={!props.withheld && total() > 0}
      fallback={
        <div class="ev-bar ev-bar-empty" role="img" aria-label={`${props.label}: ${props.withheld ? t('evaluation.withheld', { k: props.k ?? 0 }) : t('evaluation.noAnswers')}`}>
          <span>{props.withheld ? t('evaluation.withheld', { k: props.k ?? 0 }) : t('evaluation.noAnswers')}</span>
        </div>
      }
    >
      <div class="ev-bar" role="img" aria-label={`${props.label}: ${describe()}`}>
        <For each={parts()}>
          {(p) => (
            <Show when={p.share > 0}>
              <span class={`ev-seg ev-seg-${p.key}`} style={{ width: `${p.share}%` }}>
                <Show when={p.share >= (props.minLabel ?? 14)}>
                  <span class="ev-seg-text num">{Math.round(p.share)}%</span>
                </Show>
              </span>
            </Show>
          )}
        </For>
      </div>
    </Show>
  );
}

/** The colours of the bar, with their words. */
export function BarLegend() {
  return (
    <ul class="ev-legend" aria-hidden="true">
      <For each={GRADES}>
        {(k) => (
          <li>
            <span class={`ev-swatch ev-seg-${k}`} />
            {t(`evaluation.answer.${k}`)}
          </li>
        )}
      </For>
    </ul>
  );
}

export const thisYear = () => shanghaiYear();

/** What a round evaluates: each project (with its lead department) and each department (with its projects). */
export function TargetList(props: { round: Round }) {
  return (
    <div class="card">
      <h3>{t('evaluation.setup.targets', { n: props.round.targets.length })}</h3>
      <ol class="ev-target-list">
        <For each={props.round.targets}>
          {(x) => (
            <li>
              <span class={`tag ${x.kind === 'project' ? 'tag-accent' : 'tag-muted'}`}>{targetKindLabel(x.kind)}</span>
              <span class="ev-target-name">{x.title}</span>
              <Show when={x.subtitle}>
                <span class="muted small block">{targetSubtitle(x)}</span>
              </Show>
            </li>
          )}
        </For>
      </ol>
    </div>
  );
}
