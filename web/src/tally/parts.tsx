/** Pieces of a tally shown on the vote page, the printed report and the public result page. */
import { For, Show } from 'solid-js';
import { methodOf, type MarkMode } from '../../../shared/ballot/methods/index.ts';
import { chineseNumber } from '../../../shared/i18n/index.ts';
import { overIssued } from '../../../shared/tally/outcome.ts';
import { lang, t } from '../i18n.ts';
import type { VoteKind } from './tally.data.ts';

export type Rule = { base: string; numerator: number; denominator: number; strict: boolean };
export type Totals = { seated: number; present: number; issued: number; cast: number; valid: number; invalid: number; void: boolean };
export type CandidateRow = { id: string; title: string; for: number; against: number; abstain: number };

/** 1/2 → 二分之一 in Chinese; "1/2" in English. */
export const fractionWords = (r: Pick<Rule, 'numerator' | 'denominator'>) =>
  lang() === 'zh-CN' && r.denominator <= 99 ? `${chineseNumber(r.denominator)}分之${chineseNumber(r.numerator)}` : `${r.numerator}/${r.denominator}`;

const baseCount = (base: string, totals: Pick<Totals, 'seated' | 'present' | 'valid'>) =>
  base === 'present' ? totals.present : base === 'valid' ? totals.valid : totals.seated;

/** "赞成票须超过应到代表 12 人的二分之一，即至少 7 票" — the threshold with its rule in words. */
export function ruleWords(rule: Rule, totals: Pick<Totals, 'seated' | 'present' | 'valid'>, threshold: number): string {
  const base = rule.base === 'present' || rule.base === 'valid' ? rule.base : 'seated';
  return t(`tally.rule.${base}`, {
    strict: rule.strict ? t('tally.rule.strict') : t('tally.rule.atLeast'),
    n: baseCount(base, totals),
    fraction: fractionWords(rule),
    threshold,
  });
}

export const kindLabel = (k: VoteKind) => t(`tally.kind.${k}`);

/** 当选 (with its rank), 并列 or 未当选 for one candidate. */
export function Outcome(props: { id: string; elected: string[]; tied: string[]; void?: boolean }) {
  const rank = () => props.elected.indexOf(props.id);
  return (
    <Show when={!props.void} fallback={<span class="muted">—</span>}>
      <Show
        when={rank() >= 0}
        fallback={
          <Show when={props.tied.includes(props.id)} fallback={<span class="tag tag-muted">{t('tally.outcome.notElected')}</span>}>
            <span class="tag tag-warn">{t('tally.outcome.tied')}</span>
          </Show>
        }
      >
        <span class="tag tag-ok">{t('tally.outcome.elected', { rank: rank() + 1 })}</span>
      </Show>
    </Show>
  );
}

/**
 * 应到 / 实到 / 发出 / 收回 / 有效 / 无效 in one row of figures; on a sitting (`perQuestion`) 有效 / 无效 are each
 * question's own and stand under it, not here.
 */
export function TotalsRow(props: { totals: Totals; class?: string; perQuestion?: boolean }) {
  const items = () =>
    [
      ['tally.seated', props.totals.seated],
      ['tally.present', props.totals.present],
      ['tally.issued', props.totals.issued],
      ['tally.cast', props.totals.cast],
      ...(props.perQuestion
        ? []
        : ([
            ['tally.valid', props.totals.valid],
            ['tally.invalid', props.totals.invalid],
          ] as const)),
    ] as const;
  return (
    <dl class={`tally-totals ${props.class ?? ''}`}>
      <For each={items()}>
        {([key, n]) => (
          <div class="tally-total" classList={{ bad: (key === 'tally.cast' && props.totals.void) || (key === 'tally.issued' && overIssued(props.totals) > 0) }}>
            <dt>{t(key)}</dt>
            <dd class="num">{n}</dd>
          </div>
        )}
      </For>
    </dl>
  );
}

/** 发出多于实到: said plainly with the numbers (nothing when the cards handed out do not exceed those present). */
export function OverIssuedNote(props: { totals: Pick<Totals, 'issued' | 'present'>; class?: string; note?: boolean }) {
  return (
    <Show when={overIssued(props.totals) > 0}>
      <p class={`over-issued ${props.class ?? ''}`} role="note">
        <strong>{t('tally.overIssued', { issued: props.totals.issued, present: props.totals.present, n: overIssued(props.totals) })}</strong>
        <Show when={props.note !== false}> {t('tally.overIssuedNote')}</Show>
      </p>
    </Show>
  );
}

/**
 * An account's display name without a leading role word that the row already says ("主席团 周执行主席" under 主席团 →
 * "周执行主席"), so a printed line does not repeat it.
 */
export const withoutRoleWord = (name: string, role: string) => {
  const rest = name.startsWith(role) ? name.slice(role.length).trim() : '';
  return rest || name;
};

/** Every candidate in ballot order with 赞成 / 反对 / 弃权 and the outcome. */
export function CandidateTable(props: {
  candidates: CandidateRow[];
  elected: string[];
  tied: string[];
  threshold: number;
  void: boolean;
  /** The vote's method: which columns the table has and what the unmarked column is called. */
  mode: MarkMode;
  caption: string;
  class?: string;
}) {
  const method = () => methodOf(props.mode);
  return (
    <div class={`table-wrap ${props.class ?? ''}`}>
      <table class="table tally-table">
        <caption class="sr-only">{props.caption}</caption>
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
          <For each={props.candidates}>
            {(c, i) => (
              <tr classList={{ elected: props.elected.includes(c.id), tied: props.tied.includes(c.id) }}>
                <td class="pos num">{i() + 1}</td>
                <th scope="row" class="cand">
                  {c.title}
                </th>
                <td class="n num" data-label={t('ballot.mark.for')}>
                  <strong classList={{ 'below-threshold': c.for < props.threshold }}>{c.for}</strong>
                </td>
                <Show when={method().words.showsAgainst}>
                  <td class="n num" data-label={t('ballot.mark.against')}>
                    {c.against}
                  </td>
                </Show>
                <td class="n num" data-label={t(method().words.unmarked)}>
                  {method().unmarkedCount(c)}
                </td>
                <td class="outcome">
                  <Outcome id={c.id} elected={props.elected} tied={props.tied} void={props.void} />
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

/** The elected in rank, the tied and the unfilled seats, in sentences. */
export function OutcomeSummary(props: { candidates: { id: string; title: string; for?: number }[]; elected: string[]; tied: string[]; unfilledSeats: number; void: boolean }) {
  const title = (id: string) => props.candidates.find((c) => c.id === id)?.title ?? id;
  const votes = (id: string) => props.candidates.find((c) => c.id === id)?.for;
  return (
    <Show when={!props.void} fallback={<p class="tally-void">{t('tally.void')}</p>}>
      <div class="outcome-summary">
        <Show when={props.elected.length > 0} fallback={<p>{t('tally.noneElected')}</p>}>
          <p class="outcome-label">{t('tally.electedInRank')}</p>
          <ol class="elected-list">
            <For each={props.elected}>
              {(id) => (
                <li>
                  <span class="elected-title">{title(id)}</span>
                  <Show when={votes(id) !== undefined}>
                    <span class="elected-votes num">{t('tally.forVotes', { n: votes(id)! })}</span>
                  </Show>
                </li>
              )}
            </For>
          </ol>
        </Show>
        <Show when={props.tied.length > 0}>
          <p class="outcome-tied">
            {t('tally.tiedLine', { titles: props.tied.map(title).join(lang() === 'zh-CN' ? '、' : ', '), n: votes(props.tied[0]) ?? '', seats: props.unfilledSeats })}
          </p>
        </Show>
        {/* With a tie the seats left are the ones the tied candidates contend for (said above), not unfilled. */}
        <Show when={props.unfilledSeats > 0 && props.tied.length === 0}>
          <p class="outcome-unfilled">{t('tally.unfilledLine', { n: props.unfilledSeats })}</p>
        </Show>
      </div>
    </Show>
  );
}

/** A sign-off list: name, 总监票人, time. */
export function SignoffList(props: { signoffs: { name: string; chief: boolean; at: string }[]; fmtTime: (s: string) => string }) {
  return (
    <ul class="signoff-list">
      <For each={props.signoffs}>
        {(s) => (
          <li>
            <span class="signoff-name">{s.name}</span>
            <Show when={s.chief}>
              <span class="tag tag-accent">{t('tally.chief')}</span>
            </Show>
            <span class="muted num">{props.fmtTime(s.at)}</span>
          </li>
        )}
      </For>
    </ul>
  );
}
