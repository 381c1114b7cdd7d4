import { useParams, useSearchParams } from '@solidjs/router';
import { createResource } from 'solid-js';
import { usePageTitle } from '../components/PageHeader.tsx';
import { PrintSheets } from '../components/PrintSheets.tsx';
import { fetchCongress } from '../congress/congresses.data.ts';
import { t } from '../i18n.ts';
import { RequireSession } from '../layout/RequireSession.tsx';
import { fetchShortAddress, typable } from '../public/short-address.data.ts';
import { fetchRound, fetchSlips, paths, type Audience, type Slip } from './evaluation.data.ts';
import { HallSlip } from './HallSlip.tsx';
import { audienceLabel } from './parts.tsx';

/**
 * 测评码 slips to print on A4 for one audience: eight a sheet with dashed cut lines, each with the congress and round,
 * the QR of `<origin>/e#<token>` made by the server, the serial in large type, and one line on how to answer. Handed
 * out at random: nothing on a slip says whose it is.
 */
export default function CodesPrintPage() {
  return (
    <RequireSession>
      <Sheets />
    </RequireSession>
  );
}

function Sheets() {
  const params = useParams<{ congressId: string; roundId: string }>();
  const [search] = useSearchParams<{ audience?: string }>();
  const audience = (): Audience => (search.audience === 'representatives' ? 'representatives' : 'residents');
  const [data, { refetch }] = createResource(
    () => ({ c: params.congressId, r: params.roundId, a: audience() }),
    async (k) => {
      const [congress, round, slips, address] = await Promise.all([fetchCongress(k.c), fetchRound(k.c, k.r), fetchSlips(k.c, k.r, k.a), fetchShortAddress(k.c)]);
      return { congress, round, slips, address };
    },
  );
  usePageTitle(() => (data.latest ? `${t('evaluation.slips.title')} · ${data.latest.round.title}` : t('evaluation.slips.title')));
  const back = () => paths.round(params.congressId, params.roundId);
  // Typing a serial needs the congress: the address printed is the short one that opens the right form (/e/<code>).
  const typeAt = () => (data.latest ? typable(data.latest.address.answerUrl) : `${location.host}${paths.answer(params.congressId)}`);

  return (
    <PrintSheets
      data={data}
      retry={refetch}
      items={(d) => d.slips}
      card={(s, d) => (d.round.session ? <HallSlip congress={d.congress.name} round={d.round} session={d.round.session} slip={s} /> : <SlipCard congress={d.congress.name} round={d.round.title} audience={audience()} slip={s} typeAt={typeAt()} />)}
      back={{ href: back(), label: t('evaluation.slips.back') }}
      title={t('evaluation.slips.heading', { audience: audienceLabel(audience()) })}
      subject={(d) => d.round.title}
      count={(n, pages) => t('evaluation.slips.count', { n, pages })}
      print={t('evaluation.slips.print')}
      hint={t('evaluation.slips.hint')}
      loading={t('evaluation.slips.loading')}
      empty={{ title: t('evaluation.slips.empty', { audience: audienceLabel(audience()) }), next: t('evaluation.slips.emptyNext'), action: { href: back(), label: t('evaluation.slips.back') } }}
    />
  );
}

function SlipCard(props: { congress: string; round: string; audience: Audience; slip: Slip; typeAt: string }) {
  return (
    <article class="delegate-card ev-slip">
      <header class="dc-head">
        <span class="dc-congress">{props.congress}</span>
        <span class="dc-term">{t('evaluation.slips.kind', { audience: audienceLabel(props.audience) })}</span>
      </header>
      <p class="ev-slip-round">{props.round}</p>
      <div class="dc-body ev-slip-body">
        <div class="ev-slip-qr" role="img" aria-label={t('evaluation.slips.qrLabel', { serial: props.slip.serial })} innerHTML={props.slip.qrSvg} />
        <div class="dc-text">
          <p class="dc-kind">{t('evaluation.slips.serial')}</p>
          <p class="bc-serial ev-slip-serial">{props.slip.serial}</p>
          <p class="ev-slip-how">{t('evaluation.slips.how')}</p>
          <p class="ev-slip-addr mono">{props.typeAt}</p>
        </div>
      </div>
      <footer class="dc-foot">{t('evaluation.slips.footer')}</footer>
    </article>
  );
}
