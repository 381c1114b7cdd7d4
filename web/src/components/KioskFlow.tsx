/**
 * The flow the shared hall tablets run, one person after another (the ballot at /b, the evaluation at /e): scan or
 * type a code → fill → review → send (again and again while the server cannot answer) → receipt or thanks → the
 * screen clears itself for the next person, keeping nothing. The pages keep what they fill in; the stage, the typed
 * code, the camera, the sending, the countdown and the screens every kiosk shows the same way live here.
 */
import { createSignal, onCleanup, onMount, Show, type JSX } from 'solid-js';
import { lang, t, useLangOnly } from '../i18n.ts';
import { sendUntilAnswered } from '../retry.ts';
import { ScanPanel } from '../ballot/ScanPanel.tsx';
import { SavingNotice } from './SavingNotice.tsx';

/**
 * The flow's state. `reset` empties what the page filled in (called by `clear`); `clearAfter` is how many seconds the
 * receipt or thank-you stays before the screen clears itself. Leaving the page stops the sending and the countdown.
 */
export function useKioskFlow<Stage extends string>(o: { clearAfter: number; reset: () => void }) {
  const [stage, setStage] = createSignal<Stage>('start' as Stage);
  const [serial, setSerial] = createSignal('');
  const [scanning, setScanning] = createSignal(false);
  /** Sending, and an attempt has failed without an answer: the same thing is being sent again. */
  const [retrying, setRetrying] = createSignal(false);
  const [left, setLeft] = createSignal(o.clearAfter);
  let timer = 0;
  const stopper = new AbortController();
  const stopCountdown = () => window.clearInterval(timer);
  onCleanup(() => {
    stopper.abort();
    stopCountdown();
  });

  const top = () => window.scrollTo(0, 0);
  /** Forget everything: back to the start with nothing kept. */
  const clear = () => {
    stopCountdown();
    o.reset();
    setSerial('');
    setScanning(false);
    setRetrying(false);
    setStage(() => 'start' as Stage);
    top();
  };
  /** Show the receipt or thanks at `done`, then clear the screen after `clearAfter` seconds. */
  const finish = (done: Stage) => {
    setRetrying(false);
    setStage(() => done);
    top();
    setLeft(o.clearAfter);
    timer = window.setInterval(() => {
      if (left() <= 1) clear();
      else setLeft(left() - 1);
    }, 1000);
  };
  /**
   * Send until answered (retry.ts): while the server cannot answer, `retrying` shows the calm 保存中 and the same
   * request goes again; `onUnanswered` hears of every attempt that got no answer. Rejects with the first definite
   * refusal, or when the page was left (`left()` then says so and nothing should be shown).
   */
  const send = async <T,>(fn: () => Promise<T>, onUnanswered?: () => void): Promise<T> => {
    setRetrying(false);
    try {
      return await sendUntilAnswered(fn, {
        signal: stopper.signal,
        onWaiting: () => {
          onUnanswered?.();
          if (retrying()) return;
          setRetrying(true);
          top();
        },
      });
    } catch (e) {
      setRetrying(false);
      throw e;
    }
  };
  return { stage, setStage, serial, setSerial, scanning, setScanning, retrying, left, top, clear, finish, send, stopCountdown, pageLeft: () => stopper.signal.aborted };
}

/**
 * The card's or slip's QR opens the page at #<code>: read it once (after `ready`, when given) and on every later
 * change of the fragment, and take it out of the address bar (and so out of history) at once.
 */
export function useCodeInAddress(onCode: (code: string) => void, ready?: Promise<unknown>) {
  const take = () => {
    const code = decodeURIComponent(location.hash.replace(/^#/, ''));
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
    if (code) onCode(code);
  };
  onMount(() => {
    if (ready) void ready.then(take);
    else take();
    window.addEventListener('hashchange', take);
  });
  onCleanup(() => window.removeEventListener('hashchange', take));
}

/** Switch the kiosk to the other language, kept in the address (?lang=en) so that a reload keeps it. */
export function switchKioskLang(words: 'all' | 'core' = 'all') {
  const other = lang() === 'en' ? 'zh-CN' : 'en';
  const params = new URLSearchParams(location.search);
  if (other === 'en') params.set('lang', 'en');
  else params.delete('lang');
  const qs = params.toString();
  history.replaceState(null, '', `${location.pathname}${qs ? `?${qs}` : ''}`);
  void useLangOnly(other, words);
}

/** The kiosk's frame: its name, the language switch (when `onLang` is given) and the main area. */
export function KioskShell(props: { title: string; class?: string; mainClass?: string; onLang?: () => void; children: JSX.Element }) {
  return (
    <div class={props.class ? `kiosk ${props.class}` : 'kiosk'}>
      <header class="kiosk-head">
        <div class="brand">
          <span class="brand-mark" aria-hidden="true" />
          <span class="brand-name">{props.title}</span>
        </div>
        <Show when={props.onLang}>
          {(onLang) => (
            <button type="button" class="btn btn-ghost lang-switch" lang={lang() === 'en' ? 'zh-CN' : 'en'} onClick={() => onLang()()}>
              {t('lang.other')}
            </button>
          )}
        </Show>
      </header>
      <main id="main" class={props.mainClass ? `kiosk-main ${props.mainClass}` : 'kiosk-main'}>
        {props.children}
      </main>
    </div>
  );
}

/**
 * The start screen: scan the code with the camera, or type its serial. `onSerial` gets the typed text; `children`
 * come after the form (a privacy note).
 */
export function KioskStart(props: {
  flow: { serial: () => string; setSerial: (s: string) => void; scanning: () => boolean; setScanning: (b: boolean) => void };
  class?: string;
  title: string;
  lead: string;
  scan: string;
  scanClass?: string;
  onCode: (code: string) => void;
  onSerial: (typed: string) => void;
  input: { id: string; label: string; maxlength: number; placeholder: string; hintId?: string };
  open: string;
  hint: string;
  children?: JSX.Element;
}) {
  return (
    <section class={props.class ? `kiosk-start ${props.class}` : 'kiosk-start'}>
      <h1>{props.title}</h1>
      <p class="kiosk-lead">{props.lead}</p>
      <Show
        when={props.flow.scanning()}
        fallback={
          <button type="button" class={props.scanClass ? `btn btn-primary kiosk-big ${props.scanClass}` : 'btn btn-primary kiosk-big'} onClick={() => props.flow.setScanning(true)}>
            {props.scan}
          </button>
        }
      >
        <ScanPanel
          onCode={(code) => {
            props.flow.setScanning(false);
            props.onCode(code);
          }}
          onCancel={() => props.flow.setScanning(false)}
        />
      </Show>
      <form
        class="kiosk-serial"
        onSubmit={(ev) => {
          ev.preventDefault();
          props.onSerial(props.flow.serial());
        }}
        novalidate
      >
        <label for={props.input.id}>{props.input.label}</label>
        <div class="kiosk-serial-row">
          <input
            id={props.input.id}
            class="mono"
            value={props.flow.serial()}
            onInput={(e) => props.flow.setSerial(e.currentTarget.value)}
            maxlength={props.input.maxlength}
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            placeholder={props.input.placeholder}
            aria-describedby={props.input.hintId}
          />
          <button type="submit" class="btn btn-secondary kiosk-big">
            {props.open}
          </button>
        </div>
        <p class="kiosk-hint" id={props.input.hintId}>
          {props.hint}
        </p>
      </form>
      {props.children}
    </section>
  );
}

/** Waiting for the server to open the code. */
export function KioskWait(props: { label: string }) {
  return (
    <div class="kiosk-wait" role="status">
      <span class="spinner" aria-hidden="true" />
      <span>{props.label}</span>
    </div>
  );
}

/** A refusal in plain words and the next step; `children` are its buttons. */
export function KioskRefused(props: { message: string; next: string; class?: string; children: JSX.Element }) {
  return (
    <section class={props.class ? `kiosk-refused ${props.class}` : 'kiosk-refused'} role="alert">
      <h1>{props.message}</h1>
      <p class="kiosk-lead">{props.next}</p>
      <div class="kiosk-actions">{props.children}</div>
    </section>
  );
}

/**
 * The head of the review: its title and lead, or while sending the calm 保存中 in their place (what was filled in stays
 * in view below, read-only; no button to press twice, none to leave by).
 */
export function KioskReviewHead(props: { sending: boolean; retrying: boolean; title: string; lead: string; saving: { sending: string; title: string; lead: string; hint: string } }) {
  return (
    <Show
      when={props.sending}
      fallback={
        <>
          <h1>{props.title}</h1>
          <p class="kiosk-lead">{props.lead}</p>
        </>
      }
    >
      <SavingNotice retrying={props.retrying} sending={props.saving.sending} title={props.saving.title} lead={props.saving.lead} hint={props.saving.hint} />
    </Show>
  );
}
