import { fmt, t } from '../i18n.ts';
import type { Round, Slip } from './evaluation.data.ts';
import './hall.css';

/**
 * A hall round's slip (会场测评票), one laid on each seat: the congress, the round, the session it is held at, the QR
 * the hall tablet scans, the number to type on the tablet instead. Nothing on it says whose it is.
 */
export function HallSlip(props: { congress: string; round: Pick<Round, 'title'>; session: NonNullable<Round['session']>; slip: Slip }) {
  return (
    <article class="delegate-card ev-slip ev-slip-hall">
      <header class="dc-head">
        <span class="dc-congress">{props.congress}</span>
        <span class="dc-term">{t('evaluation.hall.slip.kind')}</span>
      </header>
      <p class="ev-slip-round">{props.round.title}</p>
      <p class="ev-slip-session">
        {props.session.name} · {fmt.date(props.session.date)}
      </p>
      <div class="dc-body ev-slip-body">
        <div class="ev-slip-qr" role="img" aria-label={t('evaluation.slips.qrLabel', { serial: props.slip.serial })} innerHTML={props.slip.qrSvg} />
        <div class="dc-text">
          <p class="dc-kind">{t('evaluation.hall.slip.serial')}</p>
          <p class="bc-serial ev-slip-serial">{props.slip.serial}</p>
          <p class="ev-slip-how">{t('evaluation.hall.slip.howto')}</p>
        </div>
      </div>
      <footer class="dc-foot">{t('evaluation.slips.footer')}</footer>
    </article>
  );
}
