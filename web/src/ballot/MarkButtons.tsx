import { For, Show } from 'solid-js';
import type { Mark, Marks } from '../../../shared/ballot/marks.ts';
import { t } from '../i18n.ts';

/**
 * The 赞成 / 反对 / 弃权 segmented buttons for one candidate (or the single 赞成 in approve mode): the tablet ballot
 * and the counters' paper-ballot entry use the same control. Pressing the chosen mark again clears it.
 */
export function MarkButtons(props: { candidateId: string; title: string; approve: boolean; marks: Marks; onMark: (id: string, m: Mark) => void }) {
  const current = () => props.marks[props.candidateId];
  return (
    <div class="ballot-marks" role="group" aria-label={t('ballot.marksFor', { title: props.title })}>
      <Show
        when={!props.approve}
        fallback={
          <button type="button" class="seg seg-for" aria-pressed={current() === 'for'} onClick={() => props.onMark(props.candidateId, 'for')}>
            <span aria-hidden="true">{current() === 'for' ? '✓ ' : ''}</span>
            {t('ballot.mark.approve')}
          </button>
        }
      >
        <For each={['for', 'against', 'abstain'] as Mark[]}>
          {(m) => (
            <button type="button" class={`seg seg-${m}`} aria-pressed={current() === m} onClick={() => props.onMark(props.candidateId, m)}>
              <span aria-hidden="true">{current() === m ? '✓ ' : ''}</span>
              {t(`ballot.mark.${m}`)}
            </button>
          )}
        </For>
      </Show>
    </div>
  );
}

/** Toggle one candidate's mark: the same mark again takes it off (an unmarked candidate counts as 弃权). */
export function toggleMark(marks: Marks, id: string, m: Mark): Marks {
  const next = { ...marks };
  if (next[id] === m) delete next[id];
  else next[id] = m;
  return next;
}
