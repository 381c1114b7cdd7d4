import { createMemo, createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import type { Mark, Marks } from '../../../shared/ballot/marks.ts';
import { PROJECT_MARK_MODES as MARK_MODES, methodOf } from '../../../shared/ballot/methods/index.ts';
import { ApiError } from '../api.ts';
import { Alert } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { CheckField, SelectField } from '../components/Field.tsx';
import { toast } from '../components/Toast.tsx';
import { MarkButtons, toggleMark } from '../ballot/MarkButtons.tsx';
import { ScanPanel } from '../ballot/ScanPanel.tsx';
import { t } from '../i18n.ts';
import { enterPaper, every, fetchPaper, issueByCount, resolvePaper, updateVote, type PaperRow, type PaperState, type Vote, type VoteRules } from './hall.data.ts';
import './hall.css';

type Ids = { congressId: string; sessionId: string };
const message = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

/**
 * One candidate per row with the segmented mark buttons: the counter copies the paper ballot. A card of several
 * questions (a sitting) shows each question under its number and title, in card order, as the paper card has them.
 */
function MarkRows(props: { vote: Vote; marks: Marks; onMark: (id: string, m: Mark) => void }) {
  const many = () => props.vote.questions.length > 1;
  return (
    <For each={props.vote.questions}>
      {(q, i) => (
        <div class="paper-question">
          <Show when={many()}>
            <h4 class="paper-question-title">{t('vote.paper.question', { n: i() + 1, title: q.title })}</h4>
          </Show>
          <ol class="paper-marks">
            <For each={q.candidates}>
              {(c) => (
                <li class="paper-mark-row">
                  <span class="paper-cand">{q.kind === 'projects' ? `${c.position}. ${c.title}` : c.title}</span>
                  <MarkButtons candidateId={c.id} title={c.title} mode={q.markMode} marks={props.marks} onMark={props.onMark} />
                </li>
              )}
            </For>
          </ol>
        </div>
      )}
    </For>
  );
}

const markWord = (m: string | undefined) => (m === 'for' || m === 'against' || m === 'abstain' ? t(`ballot.mark.${m}`) : t('ballot.mark.none'));

/**
 * Paper ballots (after the close): two counters key in each paper ballot; agreeing entries make the ballot, differing
 * ones go to the scrutineers, who record what the paper says.
 */
export function PaperSection(props: Ids & { vote: Vote }) {
  const v = () => props.vote;
  const [card, setCard] = createSignal('');
  const [marks, setMarks] = createSignal<Marks>({});
  const [scanning, setScanning] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [result, setResult] = createSignal<{ kind: 'success' | 'warning' | 'error'; text: string } | null>(null);
  const [pending, { refetch }] = createResource(() => fetchPaper(props.congressId, props.sessionId, v().id));
  onCleanup(every(5000, () => void refetch()));
  // Keyed by serial so that a poll does not rebuild a resolve form being filled in.
  const serials = createMemo(() => (pending.latest ?? []).map((p) => p.serial));
  const row = (serial: string) => (pending.latest ?? []).find((p) => p.serial === serial);

  const words: Record<PaperState, { kind: 'success' | 'warning'; key: 'vote.paper.awaiting_second' | 'vote.paper.counted' | 'vote.paper.mismatch' }> = {
    awaiting_second: { kind: 'success', key: 'vote.paper.awaiting_second' },
    counted: { kind: 'success', key: 'vote.paper.counted' },
    mismatch: { kind: 'warning', key: 'vote.paper.mismatch' },
  };

  const submit = async (e?: SubmitEvent, scanned?: string) => {
    e?.preventDefault();
    const value = (scanned ?? card()).trim();
    if (!value) return setResult({ kind: 'error', text: t('vote.paper.needCard') });
    setBusy(true);
    try {
      const r = await enterPaper(props.congressId, props.sessionId, v().id, value, marks());
      const w = words[r.state];
      setResult({ kind: w.kind, text: t(w.key, { serial: r.serial }) });
      setCard('');
      setMarks({});
      void refetch();
    } catch (err) {
      setResult({ kind: 'error', text: message(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="section paper">
      <h2>{t('vote.paper.title')}</h2>
      <p class="muted">{t('vote.paper.lead')}</p>
      <form class="paper-form" onSubmit={(e) => void submit(e)} novalidate>
        <h3>{t('vote.paper.enter')}</h3>
        <Show when={scanning()} fallback={<Button onClick={() => setScanning(true)}>{t('vote.issue.scan')}</Button>}>
          <ScanPanel
            onCode={(text) => {
              setScanning(false);
              setCard(text);
            }}
            onCancel={() => setScanning(false)}
          />
        </Show>
        <div class="inline-form">
          <label for="paper-card">{t('vote.paper.card')}</label>
          <input id="paper-card" class="mono" value={card()} onInput={(e) => setCard(e.currentTarget.value)} autocomplete="off" spellcheck={false} />
        </div>
        <MarkRows vote={v()} marks={marks()} onMark={(id, m) => setMarks(toggleMark(marks(), id, m))} />
        <p class="hint">{t('vote.paper.unmarked')}</p>
        <div class="form-actions">
          <Button type="submit" variant="primary" busy={busy()}>
            {t('vote.paper.submit')}
          </Button>
        </div>
        <Show when={result()}>{(r) => <Alert kind={r().kind} title={r().text} />}</Show>
      </form>

      <h3>{t('vote.paper.pending')}</h3>
      <Show when={serials().length > 0} fallback={<p class="muted">{t('vote.paper.none')}</p>}>
        <ul class="paper-pending">
          <For each={serials()}>
            {(serial) => (
              <Show when={row(serial)}>
                {(p) => <PendingRow {...props} row={p()} onDone={() => void refetch()} />}
              </Show>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}

function PendingRow(props: Ids & { vote: Vote; row: PaperRow; onDone: () => void }) {
  const [marks, setMarks] = createSignal<Marks>({});
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const resolve = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      await resolvePaper(props.congressId, props.sessionId, props.vote.id, props.row.serial, marks());
      toast(t('vote.paper.resolved', { serial: props.row.serial }));
      props.onDone();
    } catch (err) {
      setError(message(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li class="paper-item" classList={{ mismatch: props.row.state === 'mismatch' }}>
      <p>
        <strong class="mono">{props.row.serial}</strong>{' '}
        <span class={`tag ${props.row.state === 'mismatch' ? 'tag-bad' : ''}`}>{t(`vote.paper.state.${props.row.state}`)}</span>
      </p>
      <Show when={props.row.state === 'mismatch'}>
        <table class="paper-compare">
          <thead>
            <tr>
              <th scope="col">{t('vote.paper.candidate')}</th>
              <For each={props.row.entries}>{(_, i) => <th scope="col">{t('vote.paper.entryN', { n: i() + 1 })}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <For each={props.vote.questions.flatMap((q) => q.candidates.map((c) => ({ ...c, label: q.kind === 'projects' ? `${c.position}. ${c.title}` : c.title })))}>
              {(c) => (
                <tr classList={{ differs: new Set(props.row.entries.map((en) => en.marks[c.id] ?? 'abstain')).size > 1 }}>
                  <th scope="row">{c.label}</th>
                  <For each={props.row.entries}>{(en) => <td>{markWord(en.marks[c.id])}</td>}</For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <form class="paper-resolve" onSubmit={resolve} novalidate>
          <h4>{t('vote.paper.resolve')}</h4>
          <p class="hint">{t('vote.paper.resolveLead')}</p>
          <MarkRows vote={props.vote} marks={marks()} onMark={(id, m) => setMarks(toggleMark(marks(), id, m))} />
          <Button type="submit" variant="primary" busy={busy()}>
            {t('vote.paper.resolveSubmit')}
          </Button>
          <Show when={error()}>
            <Alert kind="error" title={error()} />
          </Show>
        </form>
      </Show>
    </li>
  );
}

/** 发出票数多于出席人数: said at the desk with both numbers, for as long as it stands. */
export function OverIssueAlert(props: { vote: Vote }) {
  return (
    <Show when={props.vote.issuance.overIssued}>
      <Alert kind="warning" class="over-issue" title={t('hall.over.deskTitle', { issued: props.vote.cards.issued, present: props.vote.issuance.present })}>
        <p>{t('hall.over.deskText')}</p>
      </Alert>
    </Show>
  );
}

/**
 * Which way this vote's cards are handed out (发票方式) and why, in the scrutineer's words: scanned one by one (the
 * default, and the safer: only scanned cards vote) or a number entered (when scanning is not possible: every printed
 * card votes, so the spares must be kept). The mode follows the desk's last action (server/ballot/cast.ts issueCard,
 * votes.ts recordIssuedCount).
 */
export function IssuanceMode(props: { vote: Vote }) {
  const v = () => props.vote;
  const scan = () => v().cards.issuanceMode === 'scan';
  const why = () => (scan() ? (v().cards.issued > 0 ? t('hall.mode.scanWhy', { n: v().cards.issued }) : t('hall.mode.scanWhyDefault')) : t('hall.mode.countWhy', { n: v().cards.issued }));
  return (
    <div class="issuance-mode" data-mode={v().cards.issuanceMode}>
      <h3>{t('hall.mode.title')}</h3>
      <p class="issuance-mode-name">
        <strong>{scan() ? t('hall.mode.scan') : t('hall.mode.count')}</strong> <span>{why()}</span>
      </p>
      <p>{scan() ? t('hall.mode.scanMeans') : t('hall.mode.countMeans')}</p>
      <ul class="hint-list">
        <li>{t('hall.mode.perVote', { title: v().title })}</li>
        <Show when={v().state !== 'closed'}>
          <li>{t('hall.mode.switch')}</li>
        </Show>
        <li>{t('hall.mode.paper')}</li>
      </ul>
    </div>
  );
}

/** When the cards are handed out without scanning them: the number handed out; then cards are not checked at casting. */
export function IssueCountSection(props: Ids & { vote: Vote; onChange: () => void }) {
  const [count, setCount] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const n = Number(count());
    if (!count().trim() || !Number.isInteger(n) || n < 0) return setError(t('vote.issueCount.invalid'));
    setBusy(true);
    setError('');
    try {
      await issueByCount(props.congressId, props.sessionId, props.vote.id, n);
      toast(t('vote.issueCount.done', { n }));
      setCount('');
      props.onChange();
    } catch (err) {
      setError(message(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="section">
      <h2>{t('vote.issueCount.title')}</h2>
      <p class="muted">{t('vote.issueCount.lead')}</p>
      <Show when={props.vote.cards.issuanceMode === 'count'}>
        <p>{t('vote.issueCount.current', { n: props.vote.cards.issued })}</p>
      </Show>
      <form class="inline-form" onSubmit={submit} novalidate>
        <label for="issue-count">{t('vote.issueCount.label')}</label>
        <div class="inline-row">
          <input id="issue-count" type="number" inputmode="numeric" min="0" class="num-input" value={count()} onInput={(e) => setCount(e.currentTarget.value)} />
          <Button type="submit" busy={busy()}>
            {t('vote.issueCount.submit')}
          </Button>
        </div>
        <Show when={error()}>
          <p class="field-error">{error()}</p>
        </Show>
      </form>
      <Show when={props.vote.cards.issuanceMode === 'count'}>
        <OverIssueAlert vote={props.vote} />
      </Show>
    </section>
  );
}

/**
 * The rules, editable until the vote opens (admin or presidium). A sitting of motions only has no project question:
 * only its spare cards are set here (each motion carries its own rule).
 */
export function RulesForm(props: Ids & { vote: Vote; onVote: (v: Vote) => void }) {
  const v = props.vote;
  const projects = !!v.listId;
  const [seats, setSeats] = createSignal(String(v.seats));
  const [markMode, setMarkMode] = createSignal<string>(v.markMode);
  const [maxFor, setMaxFor] = createSignal(String(v.maxFor));
  const [base, setBase] = createSignal<string>(v.threshold.base);
  const [num, setNum] = createSignal(String(v.threshold.numerator));
  const [den, setDen] = createSignal(String(v.threshold.denominator));
  const [strict, setStrict] = createSignal(v.threshold.strict);
  const [spare, setSpare] = createSignal(String(v.spareCards));
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');

  const int = (s: string, min: number, max: number) => {
    const n = Number(s);
    return s.trim() && Number.isInteger(n) && n >= min && n <= max ? n : null;
  };
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!projects) {
      const spareCards = int(spare(), 0, 500);
      if (spareCards === null) return setError(t('vote.rulesEdit.invalid'));
      return save({ spareCards });
    }
    const body = {
      seats: int(seats(), 1, 100),
      maxFor: int(maxFor(), 1, 100),
      spareCards: int(spare(), 0, 500),
      numerator: int(num(), 1, 1000),
      denominator: int(den(), 1, 1000),
    };
    if (Object.values(body).some((x) => x === null)) return setError(t('vote.rulesEdit.invalid'));
    if (body.numerator! > body.denominator!) return setError(t('vote.rulesEdit.fraction'));
    return save({
      seats: body.seats!,
      maxFor: body.maxFor!,
      spareCards: body.spareCards!,
      markMode: markMode() as VoteRules['markMode'],
      threshold: { base: base() as Vote['threshold']['base'], numerator: body.numerator!, denominator: body.denominator!, strict: strict() },
    });
  };
  const save = async (rules: VoteRules) => {
    setBusy(true);
    setError('');
    try {
      const nv = await updateVote(props.congressId, props.sessionId, v.id, rules);
      props.onVote(nv);
      toast(t('vote.rulesEdit.saved'));
    } catch (err) {
      setError(message(err));
    } finally {
      setBusy(false);
    }
  };
  const num3 = (id: string, label: string, value: () => string, set: (s: string) => void, min: number) => (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} type="number" inputmode="numeric" min={min} class="num-input" value={value()} onInput={(e) => set(e.currentTarget.value)} />
    </div>
  );
  return (
    <form class="rules-edit" onSubmit={submit} novalidate>
      <h3>{t('vote.rulesEdit.title')}</h3>
      <p class="hint">{t('vote.rulesEdit.lead')}</p>
      <Show when={projects}>
        {num3('rule-seats', t('vote.rule.seats'), seats, setSeats, 1)}
        <SelectField
          label={t('settings.markMode')}
          value={markMode()}
          onValue={setMarkMode}
          options={MARK_MODES.map((m) => ({ value: m, label: t(methodOf(m).words.setting) }))}
        />
        {num3('rule-maxfor', t('vote.rule.maxFor'), maxFor, setMaxFor, 1)}
        <SelectField
          label={t('settings.threshold.base')}
          value={base()}
          onValue={setBase}
          options={(['seated', 'present', 'valid'] as const).map((b) => ({ value: b, label: t(`settings.threshold.base.${b}`) }))}
        />
        <fieldset class="field fraction">
          <legend>{t('settings.threshold.fraction')}</legend>
          <div class="fraction-inputs">
            <input type="number" inputmode="numeric" class="num-input" min="1" aria-label={t('settings.numerator')} value={num()} onInput={(e) => setNum(e.currentTarget.value)} />
            <span class="slash" aria-hidden="true">
              /
            </span>
            <input type="number" inputmode="numeric" class="num-input" min="1" aria-label={t('settings.denominator')} value={den()} onInput={(e) => setDen(e.currentTarget.value)} />
          </div>
        </fieldset>
        <CheckField label={t('settings.threshold.strict')} hint={t('settings.threshold.strict.hint')} checked={strict()} onValue={setStrict} />
      </Show>
      {num3('rule-spare', t('vote.rule.spare'), spare, setSpare, 0)}
      <Show when={error()}>
        <Alert kind="error" title={error()} />
      </Show>
      <div class="form-actions">
        <Button type="submit" variant="primary" busy={busy()}>
          {t('vote.rulesEdit.submit')}
        </Button>
      </div>
    </form>
  );
}
