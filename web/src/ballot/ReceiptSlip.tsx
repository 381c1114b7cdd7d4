import { createResource, For, Show } from 'solid-js';
import { t } from '../i18n.ts';

/** A receipt in groups of five characters (ABCDE FGHIJ): easier to copy a group at a time; typed with or without spaces. */
export const groupsOf = (receipt: string) => receipt.match(/.{1,5}/g) ?? [];

/**
 * 投票回执 for the desk printer: the receipt in large type, the vote's title, and where and how to check it once the
 * result is published — the vote's public page, as an address and a QR code for a phone. Hidden on screen; the
 * print stylesheet (ballot.css) prints this slip alone, nothing else of the tablet. It names no person and no mark.
 */
export function ReceiptSlip(props: { receipt: string; voteId: string; voteTitle: string }) {
  const url = () => `${location.origin}/v/${props.voteId}`;
  // Loaded only when a receipt is shown (not in the tablet's first download); the address is printed in any case.
  const [qr] = createResource(url, async (u) => {
    const { toString } = await import('qrcode');
    return toString(u, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  });
  return (
    <aside class="receipt-slip" aria-hidden="true">
      <h2>{t('hall.receipt.slipTitle')}</h2>
      <p class="slip-vote">{t('hall.receipt.slipVote', { title: props.voteTitle })}</p>
      <p class="slip-code mono">
        <For each={groupsOf(props.receipt)}>{(g) => <span class="receipt-group">{g}</span>}</For>
      </p>
      <div class="slip-check">
        <Show when={qr.state === 'ready' && qr()}>{(svg) => <div class="slip-qr" innerHTML={svg()} />}</Show>
        <div>
          <p>{t('hall.receipt.slipCheck')}</p>
          <p class="slip-url mono">{url()}</p>
        </div>
      </div>
      <p class="slip-note">{t('hall.receipt.slipNote')}</p>
    </aside>
  );
}
