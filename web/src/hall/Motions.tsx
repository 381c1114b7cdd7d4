import { A } from '@solidjs/router';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { defaultMotionTitle, MOTION_KINDS, MOTION_THRESHOLD_BASES, type MotionKind, type MotionThresholdBase } from '../../../shared/ballot/motion-kinds.ts';
import { ApiError } from '../api.ts';
import { Alert, FormError } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { confirmAction, Dialog } from '../components/Dialog.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { CheckField, SelectField, TextAreaField, TextField } from '../components/Field.tsx';
import { Table } from '../components/Table.tsx';
import { toast } from '../components/Toast.tsx';
import { createFormState } from '../forms.ts';
import { lang, t } from '../i18n.ts';
import { createMotion, deleteMotion, setQuestions, updateMotion, type Motion, type Question, type SessionSummary, type Vote } from './hall.data.ts';

/**
 * 议题 (motions, SPEC §15): the agenda, the name lists, the decision on the projects, resolutions — each a question of
 * 赞成 / 反对 / 弃权 that passes by more than half of all seated representatives unless its own rule says otherwise.
 * The session page lists and edits them; a vote's page puts them on its card (表决事项单) in order.
 */

type Ids = { congressId: string; sessionId: string };
type Threshold = Pick<Question['threshold'], 'numerator' | 'denominator' | 'strict'> & { base: Question['threshold']['base'] };
const message = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

/** 赞成票超过全体代表的 1/2 — a motion's rule in words. */
export const ruleText = (r: Threshold) =>
  t('vote.rule.thresholdValue', {
    base: t(`settings.threshold.base.${r.base}`),
    fraction: `${r.numerator}/${r.denominator}`,
    strict: r.strict ? t('vote.rule.strict') : t('vote.rule.atLeast'),
  });

/** A motion may change while it is on no sitting or its sitting is a draft without cards (the server says so too). */
const editable = (m: Motion, votes: readonly Vote[]) => m.state === 'draft' || (m.state === 'on_sitting' && (votes.find((v) => v.id === m.voteId)?.cards.generated ?? 0) === 0);

function MotionState(props: { motion: Motion }) {
  const cls = () => ({ draft: 'tag-muted', on_sitting: 'tag-warn', voting: 'tag-ok', closed: 'tag-muted', passed: 'tag-ok', failed: 'tag-bad' })[props.motion.state];
  return <span class={`tag ${cls()}`}>{t(`motion.state.${props.motion.state}`)}</span>;
}

/** The session's motions: kind, title, state, its sitting, the result once published; new / edit / delete for the office. */
export function MotionsSection(props: Ids & { session: SessionSummary | undefined; motions: readonly Motion[]; votes: readonly Vote[]; manage: boolean; onChange: () => void }) {
  const [editing, setEditing] = createSignal<Motion | 'new' | null>(null);
  const votePath = (voteId: string) => `/c/${props.congressId}/sessions/${props.sessionId}/votes/${voteId}`;
  const remove = async (m: Motion) => {
    const ok = await confirmAction({
      title: t('motions.delete.confirmTitle', { title: m.title }),
      message: m.voteId ? t('motions.delete.confirmTextOn') : t('motions.delete.confirmText'),
      confirmLabel: t('motions.delete.confirm'),
      danger: true,
      action: () => deleteMotion(props.congressId, props.sessionId, m.id),
    });
    if (ok) {
      toast(t('motions.deleted', { title: m.title }));
      props.onChange();
    }
  };
  return (
    <section class="section motions">
      <div class="section-head">
        <h2>{t('motions.title')}</h2>
        <Show when={props.manage}>
          <Button variant="secondary" onClick={() => setEditing('new')} disabled={!props.session}>
            {t('motions.add')}
          </Button>
        </Show>
      </div>
      <p class="muted">{t('motions.lead')}</p>
      <Table
        caption={t('motions.title')}
        rows={[...props.motions]}
        empty={<EmptyState title={t('motions.empty')}>{t('motions.emptyNext')}</EmptyState>}
        columns={[
          { header: () => t('motions.field.kind'), class: 'nowrap', cell: (m: Motion) => <span class="tag">{t(`motion.kind.${m.kind}`)}</span> },
          {
            header: () => t('motions.field.title'),
            cell: (m: Motion) => (
              <div class="motion-cell">
                <strong>{m.title}</strong>
                <span class="small muted">{ruleText(m.threshold)}</span>
              </div>
            ),
          },
          {
            header: () => t('motions.field.state'),
            cell: (m: Motion) => (
              <div class="motion-cell">
                <MotionState motion={m} />
                <Show when={m.voteId ? props.votes.find((v) => v.id === m.voteId) : undefined}>
                  {(v) => (
                    <A class="small" href={votePath(v().id)}>
                      {v().title}
                    </A>
                  )}
                </Show>
              </div>
            ),
          },
          {
            header: () => t('motions.field.result'),
            cell: (m: Motion) => (
              <Show when={m.result} fallback={<span class="muted">—</span>}>
                {(r) => (
                  <span class="num small">
                    {t('motions.resultLine', { for: r().for, against: r().against, abstain: r().abstain, threshold: r().threshold })}
                  </span>
                )}
              </Show>
            ),
          },
          {
            header: () => t('common.actions'),
            noLabel: true,
            class: 'actions',
            cell: (m: Motion) => (
              <Show when={props.manage && editable(m, props.votes)}>
                <div class="row-actions">
                  <Button small onClick={() => setEditing(m)} aria-label={t('motions.editAria', { title: m.title })}>
                    {t('common.edit')}
                  </Button>
                  <Button small variant="danger" onClick={() => void remove(m)} aria-label={t('motions.deleteAria', { title: m.title })}>
                    {t('motions.delete')}
                  </Button>
                </div>
              </Show>
            ),
          },
        ]}
      />
      <Dialog open={editing() !== null} onClose={() => setEditing(null)} title={editing() === 'new' ? t('motions.add') : t('motions.edit')} wide>
        <Show when={props.session}>
          {(s) => (
            <MotionForm
              {...props}
              session={s()}
              motion={editing() === 'new' ? null : (editing() as Motion)}
              onCancel={() => setEditing(null)}
              onDone={(m, created) => {
                setEditing(null);
                toast(created ? t('motions.created', { title: m.title }) : t('motions.saved', { title: m.title }));
                props.onChange();
              }}
            />
          )}
        </Show>
      </Dialog>
    </section>
  );
}

/** The kinds the office creates here: a decision is drafted from its published project vote (on that vote's page). */
const NEW_KINDS = MOTION_KINDS.filter((k) => k !== 'decision');

function MotionForm(props: Ids & { session: SessionSummary; motion: Motion | null; onCancel: () => void; onDone: (m: Motion, created: boolean) => void }) {
  const form = createFormState();
  const m = props.motion;
  const usual = (k: MotionKind) => defaultMotionTitle(k, props.session, lang() === 'en' ? 'en' : 'zh');
  const [kind, setKind] = createSignal<MotionKind>(m?.kind ?? 'agenda');
  const [title, setTitle] = createSignal(m?.title ?? usual('agenda'));
  const [body, setBody] = createSignal(m?.body ?? '');
  const [base, setBase] = createSignal<MotionThresholdBase>(m?.threshold.base ?? 'seated');
  const [num, setNum] = createSignal(String(m?.threshold.numerator ?? 1));
  const [den, setDen] = createSignal(String(m?.threshold.denominator ?? 2));
  const [strict, setStrict] = createSignal(m?.threshold.strict ?? true);
  /** Picking another kind puts in its usual title, unless the office has written its own. */
  const pick = (k: string) => {
    const was = usual(kind());
    setKind(k as MotionKind);
    if (!title().trim() || title() === was) setTitle(usual(k as MotionKind));
  };
  const int = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s) : NaN);
  const threshold = createMemo(() => ({ base: base(), numerator: int(num()), denominator: int(den()), strict: strict() }));

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const r = threshold();
    if (!(r.numerator >= 1 && r.denominator >= 1 && r.numerator <= 1000 && r.denominator <= 1000)) return form.setErrors({ threshold: t('motions.rule.invalid') });
    if (r.numerator > r.denominator) return form.setErrors({ threshold: t('vote.rulesEdit.fraction') });
    const done = await form.run(
      () =>
        m
          ? updateMotion(props.congressId, props.sessionId, m.id, { title: title(), body: body(), threshold: r })
          : createMotion(props.congressId, props.sessionId, { kind: kind(), title: title(), body: body(), threshold: r }),
      ['title', 'body', 'threshold', 'threshold.numerator', 'kind'],
    );
    if (done) props.onDone(done.value, !m);
  };
  const thresholdError = () => form.error('threshold') ?? form.error('threshold.numerator');
  return (
    <form class="motion-form" onSubmit={submit} novalidate>
      <FormError error={form.formError()} />
      <Show
        when={!m}
        fallback={
          <p>
            <span class="tag">{t(`motion.kind.${m!.kind}`)}</span>
          </p>
        }
      >
        <SelectField
          label={t('motions.field.kind')}
          hint={t('motions.kindHint')}
          value={kind()}
          onValue={pick}
          options={NEW_KINDS.map((k) => ({ value: k, label: t(`motion.kind.${k}`) }))}
          error={form.error('kind')}
          required
        />
      </Show>
      <TextField label={t('motions.field.title')} value={title()} onValue={setTitle} error={form.error('title')} maxlength={200} required />
      <TextAreaField label={t('motions.field.body')} hint={t('motions.field.bodyHint')} value={body()} onValue={setBody} error={form.error('body')} rows={6} maxlength={20000} />
      <fieldset class="motion-rule" aria-describedby="motion-rule-now">
        <legend>{t('motions.rule')}</legend>
        <p class="hint" id="motion-rule-now">
          {Number.isFinite(threshold().numerator) && Number.isFinite(threshold().denominator) ? t('motions.rule.now', { rule: ruleText(threshold()) }) : t('motions.rule.default')}
        </p>
        <SelectField
          label={t('settings.threshold.base')}
          value={base()}
          onValue={(v) => setBase(v as MotionThresholdBase)}
          options={MOTION_THRESHOLD_BASES.map((b) => ({ value: b, label: t(`settings.threshold.base.${b}`) }))}
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
        <CheckField label={t('motions.rule.strict')} hint={t('motions.rule.strictHint')} checked={strict()} onValue={setStrict} />
        <Show when={thresholdError()}>
          <p class="field-error">{thresholdError()}</p>
        </Show>
      </fieldset>
      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={form.busy()}>
          {m ? t('motions.save') : t('motions.create')}
        </Button>
      </div>
    </form>
  );
}

/**
 * 表决事项: what a vote's card asks, in card order. While the vote is a draft without cards the office adds the
 * session's free motions, takes them off, and moves any question (the projects too) up or down; every change is sent
 * at once (PUT questions) and the server's refusal shown as it says it.
 */
export function SittingQuestions(props: Ids & { vote: Vote; motions: readonly Motion[]; manage: boolean; onVote: (v: Vote) => void; onChange: () => void }) {
  const v = () => props.vote;
  const open = () => props.manage && v().state === 'draft' && v().cards.generated === 0;
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const [adding, setAdding] = createSignal('');
  const free = () => props.motions.filter((m) => m.state === 'draft' && !m.voteId);

  /** Send the card's order: the motions in order, and the project question before the motion at its index. */
  const save = async (order: readonly Pick<Question, 'id' | 'kind'>[]) => {
    setBusy(true);
    setError('');
    try {
      const at = order.findIndex((q) => q.kind === 'projects');
      const nv = await setQuestions(props.congressId, props.sessionId, v().id, { motionIds: order.filter((q) => q.kind === 'motion').map((q) => q.id), listPosition: Math.max(at, 0) });
      props.onVote(nv);
      props.onChange();
      toast(t('sitting.saved'));
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(false);
    }
  };
  const move = (i: number, by: number) => {
    const order = [...v().questions];
    const [q] = order.splice(i, 1);
    order.splice(i + by, 0, q);
    void save(order);
  };
  const remove = (i: number) => void save(v().questions.filter((_, j) => j !== i));
  const add = (e: SubmitEvent) => {
    e.preventDefault();
    const id = adding() || free()[0]?.id;
    if (!id) return;
    setAdding('');
    void save([...v().questions, { id, kind: 'motion' }]);
  };

  return (
    <section class="section sitting">
      <h2>{t('sitting.title')}</h2>
      <p class="muted">{v().questions.length > 1 ? t('sitting.lead', { n: v().questions.length }) : t('sitting.leadOne')}</p>
      <ol class="sitting-list" aria-busy={busy()}>
        <For each={v().questions}>
          {(q, i) => (
            <li class="sitting-item">
              <span class="sitting-pos" aria-hidden="true">
                {i() + 1}
              </span>
              <div class="sitting-text">
                <p class="sitting-kind">
                  <span class="tag">{q.kind === 'projects' ? t('sitting.kind.projects') : t(`motion.kind.${q.motionKind ?? 'other'}`)}</span>
                </p>
                <p class="sitting-name">
                  <strong>{q.title}</strong>
                </p>
                <p class="small muted">
                  {q.kind === 'projects' ? t('sitting.projectsLine', { n: q.candidates.length, seats: q.seats }) : ruleText(q.threshold)}
                </p>
              </div>
              <Show when={open()}>
                <div class="sitting-actions" role="group" aria-label={t('sitting.actionsAria', { n: i() + 1, title: q.title })}>
                  <Button small disabled={busy() || i() === 0} onClick={() => move(i(), -1)} aria-label={t('sitting.upAria', { title: q.title })}>
                    ↑ {t('sitting.up')}
                  </Button>
                  <Button small disabled={busy() || i() === v().questions.length - 1} onClick={() => move(i(), 1)} aria-label={t('sitting.downAria', { title: q.title })}>
                    ↓ {t('sitting.down')}
                  </Button>
                  <Show when={q.kind === 'motion'}>
                    <Button small variant="danger" disabled={busy() || v().questions.length === 1} onClick={() => remove(i())} aria-label={t('sitting.removeAria', { title: q.title })}>
                      {t('sitting.remove')}
                    </Button>
                  </Show>
                </div>
              </Show>
            </li>
          )}
        </For>
      </ol>
      <Show when={error()}>
        <Alert kind="error" title={error()} />
      </Show>
      <Show when={open()} fallback={<Show when={props.manage && v().state === 'draft'}><p class="hint">{t('sitting.locked')}</p></Show>}>
        <Show when={free().length > 0} fallback={<p class="hint">{t('sitting.noneFree')}</p>}>
          <form class="inline-form" onSubmit={add} novalidate>
            <label for="sitting-add">{t('sitting.addLabel')}</label>
            <div class="inline-row">
              <select id="sitting-add" value={adding() || free()[0]?.id} onChange={(e) => setAdding(e.currentTarget.value)}>
                <For each={free()}>{(m) => <option value={m.id}>{`${t(`motion.kind.${m.kind}`)} · ${m.title}`}</option>}</For>
              </select>
              <Button type="submit" variant="primary" busy={busy()}>
                {t('sitting.add')}
              </Button>
            </div>
          </form>
        </Show>
      </Show>
    </section>
  );
}
