import { Show, type JSX } from 'solid-js';
import { fmt, t } from '../i18n.ts';

export type StepState = 'done' | 'current' | 'bad' | 'muted';

/** One step of the tracking page's timeline (a proposal's or an item's): its state in words for screen readers, then what and when. */
export function Step(props: { state: StepState; title: string; date?: string | null; day?: string | null; children?: JSX.Element }) {
  return (
    <li class={`tl-step tl-${props.state}`}>
      <span class="tl-dot" aria-hidden="true" />
      <div class="tl-body">
        <p class="tl-title">
          <span class="sr-only">{t(`track.stepState.${props.state}`)}</span>
          {props.title}
        </p>
        <Show when={props.date}>
          <p class="tl-date">{fmt.dateTime(props.date!)}</p>
        </Show>
        <Show when={props.day}>
          <p class="tl-date">{fmt.date(props.day!)}</p>
        </Show>
        {props.children}
      </div>
    </li>
  );
}
