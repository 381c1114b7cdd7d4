import { A } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { ApiError } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { TextField } from '../components/Field.tsx';
import { fmt, t } from '../i18n.ts';
import { checkReceipt, normalizeReceipt, publicResultPath, RECEIPT_LENGTH, type ReceiptAnswer } from '../tally/tally.data.ts';
import './public.css';

/**
 * 核对回执: a representative types the receipt the tablet showed and learns whether it is in the published list of
 * one vote (`voteId`) or of any published vote of a congress (`congressId`). The receipt says nothing of the marks.
 */
export function ReceiptBox(props: { voteId?: string; congressId?: string; title?: string }) {
  const [typed, setTyped] = createSignal('');
  // A function, so that a message follows a language switch (a server message stays as it came).
  const [error, setError] = createSignal<() => string>(() => '');
  const [busy, setBusy] = createSignal(false);
  const [answer, setAnswer] = createSignal<ReceiptAnswer | null>(null);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const receipt = normalizeReceipt(typed());
    setAnswer(null);
    if (!receipt) return setError(() => () => t('receipt.enter'));
    if (receipt.length !== RECEIPT_LENGTH) return setError(() => () => t('receipt.badLength', { n: RECEIPT_LENGTH, typed: receipt.length }));
    setError(() => () => '');
    setBusy(true);
    try {
      setAnswer(await checkReceipt({ receipt, voteId: props.voteId, congressId: props.voteId ? undefined : props.congressId }));
    } catch (err) {
      const text = err instanceof ApiError ? err.message : String(err);
      setError(() => () => text);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="receipt-box" aria-labelledby="receipt-title">
      <h2 id="receipt-title">{props.title ?? t('receipt.title')}</h2>
      <p class="muted">{props.voteId ? t('receipt.leadVote') : t('receipt.leadCongress')}</p>
      <form class="track-form" onSubmit={submit} novalidate role="search">
        <TextField
          label={t('receipt.label')}
          hint={t('receipt.hint')}
          value={typed()}
          onValue={(v) => {
            setTyped(v);
            setAnswer(null);
          }}
          error={error()()}
          autocapitalize="characters"
          autocomplete="off"
          spellcheck={false}
          maxlength={24}
          class="code-input"
          fieldClass="track-field"
        />
        <Button type="submit" variant="primary" busy={busy()}>
          {t('receipt.submit')}
        </Button>
      </form>
      <Show when={answer()}>
        {(a) => (
          <Show
            when={a().found.length > 0}
            fallback={
              <Alert kind="warning" title={t('receipt.notFound', { receipt: a().receipt })} class="receipt-answer">
                <p>{t('receipt.notFoundNext')}</p>
              </Alert>
            }
          >
            <Alert kind="success" title={t('receipt.found')} class="receipt-answer">
              <p>{t('receipt.foundIn', { receipt: a().receipt })}</p>
              <ul class="plain-list receipt-votes">
                <For each={a().found}>
                  {(v) => (
                    <li>
                      <Show when={v.voteId !== props.voteId} fallback={<strong>{v.title}</strong>}>
                        <A href={publicResultPath(v.voteId)}>{v.title}</A>
                      </Show>
                      <span class="muted"> · {v.sessionName} · {t('receipt.publishedAt', { time: fmt.dateTime(v.publishedAt) })}</span>
                    </li>
                  )}
                </For>
              </ul>
              <p class="small">{t('receipt.foundNote')}</p>
            </Alert>
          </Show>
        )}
      </Show>
    </section>
  );
}
