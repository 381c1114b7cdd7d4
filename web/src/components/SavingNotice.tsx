import { Show, type JSX } from 'solid-js';

/**
 * A ballot or an answer sheet being sent (design §13): a quiet "sending" line, and while the server cannot be reached a
 * calm 保存中 with what happens next — no red, no button. The kiosk pages keep the marks in view beneath it.
 */
export function SavingNotice(props: { retrying: boolean; sending: JSX.Element; title: JSX.Element; lead: JSX.Element; hint: JSX.Element }) {
  return (
    <div class="kiosk-saving" role="status">
      <span class="spinner" aria-hidden="true" />
      <div class="kiosk-saving-text">
        <h1>{props.retrying ? props.title : props.sending}</h1>
        <Show when={props.retrying}>
          <p class="kiosk-saving-lead">{props.lead}</p>
          <p class="kiosk-saving-hint">{props.hint}</p>
        </Show>
      </div>
    </div>
  );
}
