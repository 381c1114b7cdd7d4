import { For } from 'solid-js';
import { methodOf, type Mark, type MarkMode, type Marks } from '../../../shared/ballot/marks.ts';
import { t } from '../i18n.ts';

/**
 * The mark buttons for one candidate, as the vote's method gives them (赞成 / 反对 / 弃权, or the single 赞成 tick of
 * approve): the tablet ballot and the counters' paper-ballot entry use the same control. Pressing the chosen mark
 * again clears it.
 */
export function MarkButtons(props: { candidateId: string; title: string; mode: MarkMode; marks: Marks; onMark: (id: string, m: Mark) => void }) {
  const current = () => props.marks[props.candidateId];
  const method = () => methodOf(props.mode);
  return (
    <div class="ballot-marks" role="group" aria-label={t('ballot.marksFor', { title: props.title })}>
      <For each={method().marks}>
        {(m) => (
          <button type="button" class={`seg seg-${m}`} aria-pressed={current() === m} onClick={() => props.onMark(props.candidateId, m)}>
            <span aria-hidden="true">{current() === m ? '✓ ' : ''}</span>
            {t(method().words.button[m])}
          </button>
        )}
      </For>
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
