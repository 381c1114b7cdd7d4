import { For } from 'solid-js';

/** Text kept on one line (a date, an amount) inside a sentence from `tx`. */
export const nowrap = (text: string) => <span class="nowrap">{text}</span>;

/** A summary such as "2027 年度 · 应选 2 项 · 候选 3 项", broken only at its dots. */
export function Parts(props: { text: string }) {
  return (
    <For each={props.text.split(' · ')}>
      {(part, i) => (
        <>
          {i() > 0 ? ' · ' : ''}
          <span class="nowrap">{part}</span>
        </>
      )}
    </For>
  );
}
