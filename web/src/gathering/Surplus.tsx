import { Show } from 'solid-js';
import { listWarnings, type CandidateList } from '../../../shared/gathering/schema.ts';
import { fmt, t } from '../i18n.ts';
import './gathering.css';

type Warning = CandidateList['warnings'][number] | 'ok';
const worst = (w: CandidateList['warnings']): Warning => w[0] ?? 'ok';
const TAG: Record<Warning, string> = { ok: 'tag-ok', below_min_surplus: 'tag-warn', fewer_than_seats: 'tag-bad', empty: 'tag-muted' };

/** 差额 in one word, for tables. */
export function SurplusTag(props: { warnings: CandidateList['warnings'] }) {
  const w = () => worst(props.warnings);
  return <span class={`tag ${TAG[w()]}`}>{t(`surplus.word.${w()}`)}</span>;
}

/**
 * The candidate surplus (差额) of a list: candidates, seats and their difference against the congress's minimum,
 * with what it means in words (fewer candidates than seats cannot be frozen; below the minimum needs a confirmation).
 */
export function SurplusMeter(props: { candidates: number; seats: number; minSurplus: number }) {
  const warnings = () => listWarnings(props.candidates, Number.isFinite(props.seats) ? props.seats : 0, props.minSurplus);
  const w = () => worst(warnings());
  const surplus = () => props.candidates - props.seats;
  const params = () => ({ n: fmt.count(props.candidates), seats: fmt.count(props.seats), surplus: fmt.count(surplus()), min: fmt.count(props.minSurplus) });
  return (
    <section class={`surplus surplus-${w()}`} aria-labelledby="surplus-title" aria-live="polite">
      <h2 id="surplus-title" class="sr-only">
        {t('surplus.title')}
      </h2>
      <dl class="stats">
        <div>
          <dt>{t('surplus.candidates')}</dt>
          <dd class="num">{fmt.count(props.candidates)}</dd>
        </div>
        <div>
          <dt>{t('surplus.seats')}</dt>
          <dd class="num">{Number.isFinite(props.seats) ? fmt.count(props.seats) : '—'}</dd>
        </div>
        <div class="surplus-diff">
          <dt>{t('surplus.difference')}</dt>
          <dd class="num">{Number.isFinite(props.seats) ? fmt.count(surplus()) : '—'}</dd>
        </div>
        <div>
          <dt>{t('surplus.minimum')}</dt>
          <dd class="num">{fmt.count(props.minSurplus)}</dd>
        </div>
      </dl>
      <p class="surplus-text">
        <span class={`tag ${TAG[w()]}`}>{t(`surplus.word.${w()}`)}</span>
        <Show when={Number.isFinite(props.seats)}>{t(`surplus.text.${w()}`, params())}</Show>
      </p>
    </section>
  );
}
