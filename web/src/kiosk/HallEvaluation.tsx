import { For, Show } from 'solid-js';
import { ApiError } from '../api.ts';
import { AnswerFlow } from '../evaluation/AnswerPage.tsx';
import { codeForCard, isDelegateCard } from '../evaluation/evaluation.data.ts';
import { t } from '../i18n.ts';
import type { KioskMe } from './device.data.ts';
import { LeaveKiosk } from './LeaveKiosk.tsx';
import './kiosk.css';

type Kiosk = NonNullable<KioskMe['kiosk']>;

/** How long 已提交 stays before the tablet is back at its scanner for the next representative. */
const SUBMITTED_SECONDS = 8;

/**
 * 会场测评 — a voting tablet's 测评 mode (/k?m=eval): a representative scans the QR of the round's printed slip (or types
 * its serial), answers the questionnaire, submits, sees 已提交, and the tablet is back at its scanner for the next one
 * with nothing of the answers left (the one answering flow of /e, web/src/evaluation/AnswerPage.tsx). Only the rounds
 * held at this tablet's session and open now are taken here; a slip of any other round is refused before it shows.
 * A representative may scan their delegate card (代表证) instead: the tablet asks for one code of the round for them
 * (/public/evaluation/hall-card, this tablet's own credential; stored: that they got one, not which) and goes on as
 * with a slip. The code is the credential of the answer: the tablet's own cookie rides on no answer. Switching modes loads the page afresh (a
 * full load: nothing of one mode stays in the other).
 */
export function HallEvaluation(props: { kiosk: Kiosk }) {
  const rounds = () => props.kiosk.evaluations;
  /** A delegate card: a code of the first open round the representative has not had one of yet. */
  const codeOf = async (scanned: string) => {
    if (!isDelegateCard(scanned)) return scanned;
    let given: unknown = null;
    for (const r of rounds()) {
      try {
        return (await codeForCard(r.id, scanned)).token;
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 'eval_code_given')) throw e;
        given = e;
      }
    }
    throw given ?? new ApiError(409, 'round_not_open', t('kiosk.eval.none'));
  };
  return (
    <div class="kiosk-hall-eval">
      <Show
        when={rounds().length > 0}
        fallback={
          <div class="kiosk">
            <main id="main" class="kiosk-main">
              <section class="kiosk-refused" role="status">
                <h1>{t('kiosk.eval.none')}</h1>
                <p class="kiosk-lead">{t('kiosk.eval.noneLead')}</p>
              </section>
            </main>
          </div>
        }
      >
        <AnswerFlow
          congressId={props.kiosk.congressId}
          title={t('kiosk.badge', { kind: t('kiosk.kind.evaluation'), label: props.kiosk.label })}
          startLead={t('kiosk.eval.lead')}
          clearAfter={SUBMITTED_SECONDS}
          codeOf={codeOf}
          accept={(q) => (rounds().some((r) => r.id === q.round.id) ? null : t('kiosk.eval.otherRound'))}
        />
      </Show>
      <footer class="kiosk-bar kiosk-bar-ballot">
        <span class="kiosk-badge">
          {props.kiosk.sessionName}
          <Show when={rounds().length > 0}>
            {' · '}
            <For each={rounds()}>{(r, i) => <>{(i() > 0 ? '、' : '') + r.title}</>}</For>
          </Show>
        </span>
        <a class="btn btn-secondary kiosk-mode-link" href={`/b?c=${props.kiosk.congressId}`} rel="external">
          {t('kiosk.mode.vote')}
        </a>
        <LeaveKiosk />
      </footer>
    </div>
  );
}
