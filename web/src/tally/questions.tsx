/**
 * A vote's questions as every result page shows them (issue 23): a plain vote asks one question (its project list), a
 * sitting (表决事项单) several — motions (议题) and at most one project vote — in card order. The server reads every
 * result through `resultQuestions` (one function for either file version) and sends each question with its title and
 * rule; the pages draw them one by one from here, never by the file's version: a motion's 赞成 / 反对 / 弃权, what it
 * needed with the base it counts from (「应到 12 人，过半数 7 票」), and 通过 / 未通过 in words and a mark, never by
 * colour alone.
 */
import { For, Show } from 'solid-js';
import type { MarkMode } from '../../../shared/ballot/methods/index.ts';
import type { Vote } from '../../../shared/ballot/schema.ts';
import { t } from '../i18n.ts';
import { fractionWords, type CandidateRow, type Rule } from './parts.tsx';
import type { TallyView } from './tally.data.ts';

export type QuestionKind = 'projects' | 'motion';

/**
 * One question as the server sends it with a result (QuestionResult of shared/tally/schema.ts, built from
 * `resultQuestions` and the card's questions): its title, its rule and its figures by candidate.
 */
export type QuestionResultLike = {
  id: string;
  kind: QuestionKind;
  motionKind: string | null;
  title: string;
  body?: string;
  markMode: MarkMode;
  seats: number;
  maxFor: number;
  rule: Rule;
  valid: number;
  invalid: number;
  threshold: number;
  candidates: CandidateRow[];
  elected: string[];
  tied: string[];
  unfilledSeats: number;
  passed: boolean | null;
};

/** A question as the pages draw it: its rule (`threshold`) apart from the number of votes it came to (`needed`). */
export type QuestionView = {
  id: string;
  kind: QuestionKind;
  motionKind: string | null;
  title: string;
  body: string;
  markMode: MarkMode;
  seats: number;
  maxFor: number;
  threshold: Rule;
  /** The number of votes needed (当选票数 / 通过所需). */
  needed: number;
  valid: number;
  invalid: number;
  rows: CandidateRow[];
  elected: string[];
  tied: string[];
  unfilledSeats: number;
  /** A motion's outcome (null for the project question). */
  passed: boolean | null;
};

/** The view of one question of a result (`body`: a motion's text, when the page has it). */
export const viewOf = (q: QuestionResultLike, body?: string): QuestionView => ({
  id: q.id,
  kind: q.kind,
  motionKind: q.motionKind,
  title: q.title,
  body: body ?? q.body ?? '',
  markMode: q.markMode,
  seats: q.seats,
  maxFor: q.maxFor,
  threshold: q.rule,
  needed: q.threshold,
  valid: q.valid,
  invalid: q.invalid,
  rows: q.candidates,
  elected: q.elected,
  tied: q.tied,
  unfilledSeats: q.unfilledSeats,
  passed: q.passed,
});

/** More than one question, or a motion: a sitting (表决事项单), whose questions are numbered and titled. */
export const isSitting = (qs: readonly { kind: QuestionKind }[]) => qs.length > 1 || qs.some((q) => q.kind === 'motion');

/** A motion's one row of figures (its only "candidate" is itself). */
export const motionRow = (q: QuestionView): CandidateRow => q.rows[0] ?? { id: q.id, title: q.title, for: 0, against: 0, abstain: 0 };

/** Whether a motion passed: the count's own word, else its 赞成 against what it needed. */
export const motionPassed = (q: QuestionView): boolean => q.passed ?? q.elected.includes(q.id);

type Base = { seated: number; present: number; valid?: number };

/** 「应到 12 人，过半数 7 票」: what a motion needs, with the base it counts from. */
export function motionRuleWords(rule: Rule, base: Base, needed: number, valid = 0): string {
  const b = rule.base === 'present' || rule.base === 'valid' ? rule.base : 'seated';
  const n = b === 'present' ? base.present : b === 'valid' ? (base.valid ?? valid) : base.seated;
  const half = rule.strict && rule.numerator * 2 === rule.denominator;
  const share = half
    ? t('tally.motion.share.half', { threshold: needed })
    : t(rule.strict ? 'tally.motion.share.more' : 'tally.motion.share.atLeast', { fraction: fractionWords(rule), threshold: needed });
  return t('tally.motion.rule', { base: t(`tally.motion.base.${b}`, { n }), share });
}

/** 通过 / 未通过 as a word with a mark (✓ / ✗) and a colour; a void vote decides nothing (—). */
export function Verdict(props: { passed: boolean; void?: boolean; class?: string }) {
  return (
    <Show when={!props.void} fallback={<span class={`verdict verdict-none ${props.class ?? ''}`}>—</span>}>
      <span class={`verdict ${props.passed ? 'verdict-passed' : 'verdict-failed'} ${props.class ?? ''}`}>
        <span class="verdict-mark" aria-hidden="true">
          {props.passed ? '✓' : '✗'}
        </span>
        {props.passed ? t('tally.motion.passed') : t('tally.motion.failed')}
      </span>
    </Show>
  );
}

/**
 * A motion's result on the vote page and the public page: the verdict, 赞成 / 反对 / 弃权, a bar of 赞成 with the line
 * of what it needed, and the rule in words.
 */
export function MotionResult(props: { q: QuestionView; base: Base; void: boolean; class?: string }) {
  const row = () => motionRow(props.q);
  const passed = () => motionPassed(props.q);
  // The bar's scale: every ballot that could have said 赞成 (the base), so the line sits where the rule puts it.
  const scale = () => Math.max(props.base.seated, props.base.present, props.q.valid, props.q.needed, row().for, 1);
  const marks = () =>
    [
      ['for', row().for],
      ['against', row().against],
      ['abstain', row().abstain],
    ] as const;
  return (
    <div class={`motion-result ${props.class ?? ''}`} classList={{ passed: !props.void && passed(), failed: !props.void && !passed() }}>
      <div class="motion-verdict-line">
        <Verdict passed={passed()} void={props.void} />
        <Show when={!props.void}>
          <span class="motion-verdict-words">
            {passed() ? t('tally.motion.verdictPassed', { for: row().for, threshold: props.q.needed }) : t('tally.motion.verdictFailed', { for: row().for, threshold: props.q.needed })}
          </span>
        </Show>
      </div>
      <dl class="motion-figures" aria-label={t('tally.motion.figures')}>
        <For each={marks()}>
          {([mark, n]) => (
            <div class={`motion-figure mark-${mark}`}>
              <dt>{t(`ballot.mark.${mark}`)}</dt>
              <dd class="num">{n}</dd>
            </div>
          )}
        </For>
      </dl>
      <div class="motion-bar" style={{ '--p': String(props.q.needed / scale()) }} role="img" aria-label={`${t('result.motion.bar')}: ${row().for} / ${props.q.needed}`}>
        <span class="motion-bar-fill" style={{ width: `${(row().for / scale()) * 100}%` }} />
        <span class="motion-bar-line" />
      </div>
      <p class="motion-result-rule">
        <strong>{motionRuleWords(props.q.threshold, props.base, props.q.needed, props.q.valid)}</strong>
      </p>
      <p class="motion-ballots muted small">{t('tally.question.ballots', { valid: props.q.valid, invalid: props.q.invalid })}</p>
    </div>
  );
}

/** 「第 2 项」 and the question's title, as the heading of its block. */
export function QuestionHeading(props: { q: QuestionView; n: number; id?: string }) {
  return (
    <h3 class="question-heading" id={props.id}>
      <span class="question-heading-n">{t('tally.question.n', { n: props.n })}</span>
      <span class="question-heading-title">{props.q.title}</span>
    </h3>
  );
}

/** The tally's figures per question, in card order (nothing before the asker may see them); a motion's text from the vote. */
export function tallyQuestions(tv: TallyView, vote: Pick<Vote, 'questions'>): QuestionView[] {
  return (tv.questions ?? []).map((q) => viewOf(q, vote.questions.find((x) => x.id === q.id)?.body));
}
