import { A } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { ApiError } from '../api.ts';
import { Button } from '../components/Button.tsx';
import { toast } from '../components/Toast.tsx';
import { fmt, t } from '../i18n.ts';
import { generateCodes, paths, recordIssued, type Audience, type Round } from './evaluation.data.ts';
import { audienceLabel } from './parts.tsx';

/**
 * 测评码: per audience, make printed one-time codes, print them as slips, and record how many were handed out (the
 * system never knows to whom). Representatives may also take one from the system when signed in with their card.
 */
export function CodesPanel(props: { round: Round; congressId: string; onRound: (r: Round) => void }) {
  return (
    <section class="ev-codes" aria-labelledby="ev-codes-title">
      <h2 id="ev-codes-title">{t('evaluation.codes.title')}</h2>
      <p class="muted">{t('evaluation.codes.lead')}</p>
      <div class="ev-codes-grid">
        <For each={props.round.audiences}>{(a) => <AudienceCodes audience={a} {...props} />}</For>
      </div>
    </section>
  );
}

const toCount = (s: string) => {
  const n = Number(s.replace(/[０-９]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).trim());
  return Number.isInteger(n) ? n : NaN;
};

function AudienceCodes(props: { audience: Audience; round: Round; congressId: string; onRound: (r: Round) => void }) {
  const a = () => props.audience;
  const codes = () => props.round.codes[a()];
  const [make, setMake] = createSignal('50');
  const [issued, setIssued] = createSignal(String(codes().issued || ''));
  const [busy, setBusy] = createSignal<'make' | 'issued' | null>(null);
  const [error, setError] = createSignal<{ which: 'make' | 'issued'; text: string } | null>(null);

  const run = async (which: 'make' | 'issued', raw: string, min: number, max: number, fn: (n: number) => Promise<void>) => {
    const n = toCount(raw);
    if (!Number.isInteger(n) || n < min || n > max) return setError({ which, text: t('evaluation.codes.badCount', { min, max }) });
    setBusy(which);
    setError(null);
    try {
      await fn(n);
    } catch (e) {
      setError({ which, text: e instanceof ApiError ? e.message : t('error.unexpected') });
    } finally {
      setBusy(null);
    }
  };
  const doMake = (e: SubmitEvent) => {
    e.preventDefault();
    void run('make', make(), 1, 5000, async (n) => {
      await generateCodes(props.congressId, props.round.id, a(), n);
      props.onRound({ ...props.round, codes: { ...props.round.codes, [a()]: { ...codes(), printed: codes().printed + n } } });
      toast(t('evaluation.codes.made', { n, audience: audienceLabel(a()) }));
    });
  };
  const doIssued = (e: SubmitEvent) => {
    e.preventDefault();
    void run('issued', issued(), 0, 100000, async (n) => {
      props.onRound(await recordIssued(props.congressId, props.round.id, a(), n));
      toast(t('evaluation.codes.issuedSaved', { n, audience: audienceLabel(a()) }));
    });
  };

  return (
    <article class="card ev-codes-card">
      <h3>{t('evaluation.codes.for', { audience: audienceLabel(a()) })}</h3>
      <dl class="ev-codes-stats">
        <div>
          <dt>{t('evaluation.codes.printed')}</dt>
          <dd class="num">{fmt.count(codes().printed)}</dd>
        </div>
        <div>
          <dt>{t('evaluation.codes.issued')}</dt>
          <dd class="num">{fmt.count(codes().issued)}</dd>
        </div>
        <Show when={a() === 'representatives'}>
          <div>
            <dt>{t('evaluation.codes.granted')}</dt>
            <dd class="num">{fmt.count(codes().granted)}</dd>
          </div>
        </Show>
      </dl>
      <Show when={codes().printed > 0}>
        <p>
          <A class="btn btn-secondary" href={paths.codes(props.congressId, props.round.id, a())}>
            {t('evaluation.codes.print', { n: fmt.count(codes().printed) })}
          </A>
        </p>
      </Show>
      <form class="ev-inline-form" onSubmit={doMake} novalidate>
        <label for={`ev-make-${a()}`}>{t(codes().printed > 0 ? 'evaluation.codes.makeLabel' : 'evaluation.codes.makeFirstLabel')}</label>
        <div class="ev-inline-row">
          <input id={`ev-make-${a()}`} class="num-input" inputmode="numeric" value={make()} onInput={(e) => setMake(e.currentTarget.value)} />
          <Button type="submit" busy={busy() === 'make'}>
            {t('evaluation.codes.make')}
          </Button>
        </div>
        <Show when={error()?.which === 'make'}>
          <p class="field-error" role="alert">
            {error()!.text}
          </p>
        </Show>
      </form>
      <form class="ev-inline-form" onSubmit={doIssued} novalidate>
        <label for={`ev-issued-${a()}`}>{t('evaluation.codes.issuedLabel')}</label>
        <div class="ev-inline-row">
          <input id={`ev-issued-${a()}`} class="num-input" inputmode="numeric" value={issued()} onInput={(e) => setIssued(e.currentTarget.value)} />
          <Button type="submit" busy={busy() === 'issued'}>
            {t('evaluation.codes.issuedSave')}
          </Button>
        </div>
        <p class="hint">{t('evaluation.codes.issuedHint')}</p>
        <Show when={error()?.which === 'issued'}>
          <p class="field-error" role="alert">
            {error()!.text}
          </p>
        </Show>
      </form>
      <Show when={a() === 'representatives'}>
        <p class="hint">{t('evaluation.codes.grantHint')}</p>
      </Show>
    </article>
  );
}
