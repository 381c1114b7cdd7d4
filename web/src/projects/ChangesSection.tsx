import { createSignal, For, Show } from 'solid-js';
import { CreateChange, DecideChange } from '../../../shared/projects/schema.ts';
import { Alert, FormError } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { SelectField, TextAreaField, TextField } from '../components/Field.tsx';
import { MoneyField } from '../components/MoneyField.tsx';
import { toast } from '../components/Toast.tsx';
import { createFormState } from '../forms.ts';
import { fmt, t, type MessageKey } from '../i18n.ts';
import { changeKindLabel, changeStateClass, changeStateLabel, decidedByLabel, today, wan } from './parts.tsx';
import { decideChange, requestChange, type Change, type ChangeKind, type ProjectDetail } from './projects.data.ts';

const FIELD_LABEL: Record<string, MessageKey> = {
  title: 'projects.field.title',
  plannedInvestment: 'projects.field.planned',
  plannedCompletion: 'projects.field.completion',
  content: 'projects.field.content',
};
const showValue = (key: string, v: string) => (key === 'plannedInvestment' ? wan(v) : key === 'plannedCompletion' ? fmt.date(v) : v);

/**
 * 变更: a major change, a suspension, a termination (or resuming a suspended project) is requested with its reason,
 * then decided by the standing committee (or, in a township, the session); the decision and its announcement date
 * are recorded and the announcement goes on the public page.
 */
export function ChangesSection(props: { congressId: string; project: ProjectDetail; replace: (p: ProjectDetail) => void }) {
  const p = () => props.project;
  const [requesting, setRequesting] = createSignal(false);
  const [deciding, setDeciding] = createSignal<Change | null>(null);
  const kinds = (): ChangeKind[] =>
    p().status === 'suspended' ? ['resumption', 'termination'] : p().status === 'active' ? ['major_change', 'suspension', 'termination'] : [];
  const mayRequest = () => p().can.requestChange && kinds().length > 0;

  return (
    <section class="card pj-section" aria-labelledby="pj-changes">
      <div class="section-head">
        <h2 id="pj-changes">{t('projects.changes.title')}</h2>
        <Show when={mayRequest()}>
          <Button onClick={() => setRequesting(true)}>{t('projects.changes.request')}</Button>
        </Show>
      </div>
      <Show when={p().changes.length > 0} fallback={<p class="muted pj-none">{t('projects.changes.empty')}</p>}>
        <ul class="pj-changes">
          <For each={p().changes}>
            {(c) => (
              <li class="pj-change">
                <p class="pj-change-head">
                  <strong>{changeKindLabel(c.kind)}</strong>
                  <span class={`tag ${changeStateClass(c.state)}`}>{changeStateLabel(c.state)}</span>
                  <span class="muted small">{t('projects.changes.requestedBy', { who: c.requestedBy, at: fmt.dateTime(c.requestedAt) })}</span>
                </p>
                <p class="pj-pre">{c.reason}</p>
                <Show when={Object.keys(c.changes).length > 0}>
                  <dl class="facts pj-change-values">
                    <For each={Object.entries(c.changes)}>
                      {([k, v]) => (
                        <div>
                          <dt>{FIELD_LABEL[k] ? t(FIELD_LABEL[k]) : k}</dt>
                          <dd>{showValue(k, v)}</dd>
                        </div>
                      )}
                    </For>
                  </dl>
                </Show>
                <Show when={c.state !== 'pending'}>
                  <p class="pj-decision">
                    {t('projects.changes.decided', {
                      by: c.decidedBy ? decidedByLabel(c.decidedBy) : '',
                      date: c.decisionDate ? fmt.date(c.decisionDate) : '',
                    })}
                    <Show when={c.announcementDate}> · {t('projects.changes.announced', { date: fmt.date(c.announcementDate!) })}</Show>
                    <Show when={c.note}>
                      <span class="block muted">{c.note}</span>
                    </Show>
                  </p>
                </Show>
                <Show when={c.state === 'pending' && p().can.decideChange}>
                  <Button variant="primary" onClick={() => setDeciding(c)}>
                    {t('projects.changes.decide')}
                  </Button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Dialog open={requesting()} onClose={() => setRequesting(false)} title={t('projects.changes.request')} wide>
        <RequestForm
          congressId={props.congressId}
          project={p()}
          kinds={kinds()}
          onCancel={() => setRequesting(false)}
          onDone={(next) => {
            setRequesting(false);
            props.replace(next);
            toast(t('projects.changes.requested'));
          }}
        />
      </Dialog>
      <Dialog open={!!deciding()} onClose={() => setDeciding(null)} title={t('projects.changes.decideTitle', { kind: deciding() ? changeKindLabel(deciding()!.kind) : '' })}>
        <DecideForm
          congressId={props.congressId}
          project={p()}
          change={deciding()!}
          onCancel={() => setDeciding(null)}
          onDone={(next, approved) => {
            setDeciding(null);
            props.replace(next);
            toast(approved ? t('projects.changes.approvedDone') : t('projects.changes.rejectedDone'));
          }}
        />
      </Dialog>
    </section>
  );
}

function RequestForm(props: { congressId: string; project: ProjectDetail; kinds: ChangeKind[]; onCancel: () => void; onDone: (p: ProjectDetail) => void }) {
  const form = createFormState();
  const [kind, setKind] = createSignal<ChangeKind>(props.kinds[0]);
  const [reason, setReason] = createSignal('');
  const [title, setTitle] = createSignal('');
  const [planned, setPlanned] = createSignal('');
  const [completion, setCompletion] = createSignal('');
  const [content, setContent] = createSignal('');
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const changes: Record<string, string> = {};
    if (kind() === 'major_change') {
      if (title().trim()) changes.title = title();
      if (planned().trim()) changes.plannedInvestment = planned();
      if (completion()) changes.plannedCompletion = completion();
      if (content().trim()) changes.content = content();
    }
    const input = form.check(CreateChange, { kind: kind(), reason: reason(), changes });
    if (!input) return;
    const done = await form.run(() => requestChange(props.congressId, props.project.id, input), ['kind', 'reason', 'changes.title', 'changes.plannedInvestment', 'changes.plannedCompletion', 'changes.content']);
    if (done) props.onDone(done.value);
  };
  return (
    <form onSubmit={submit} novalidate>
      <FormError error={form.formError()} />
      <SelectField label={t('projects.changes.kind')} value={kind()} onValue={(v) => setKind(v as ChangeKind)} options={props.kinds.map((k) => ({ value: k, label: changeKindLabel(k) }))} required />
      <Alert kind="info" title={t(`projects.changes.explain.${kind()}`)} />
      <TextAreaField label={t('projects.changes.reason')} value={reason()} onValue={(v) => { setReason(v); form.clearError('reason'); }} error={form.error('reason')} rows={4} maxlength={2000} required />
      <Show when={kind() === 'major_change'}>
        <fieldset class="pj-new-values">
          <legend>{t('projects.changes.newValues')}</legend>
          <p class="hint">{t('projects.changes.newValuesHint')}</p>
          <TextField label={t('projects.field.title')} placeholder={props.project.title} value={title()} onValue={setTitle} error={form.error('changes.title')} maxlength={80} />
          <div class="row-2">
            <MoneyField label={t('projects.field.planned')} hint={t('projects.changes.now', { value: wan(props.project.plannedInvestment) })} value={planned()} onValue={setPlanned} error={form.error('changes.plannedInvestment')} />
            <TextField label={t('projects.field.completion')} hint={t('projects.changes.now', { value: fmt.date(props.project.plannedCompletion) })} type="date" value={completion()} onValue={setCompletion} error={form.error('changes.plannedCompletion')} />
          </div>
          <TextAreaField label={t('projects.field.content')} value={content()} onValue={setContent} error={form.error('changes.content')} rows={3} maxlength={4000} />
        </fieldset>
      </Show>
      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={form.busy()}>
          {t('projects.changes.submit')}
        </Button>
      </div>
    </form>
  );
}

function DecideForm(props: { congressId: string; project: ProjectDetail; change: Change; onCancel: () => void; onDone: (p: ProjectDetail, approved: boolean) => void }) {
  const form = createFormState();
  const [approved, setApproved] = createSignal<'yes' | 'no' | ''>('');
  const [by, setBy] = createSignal<'standing_committee' | 'session'>('standing_committee');
  const [date, setDate] = createSignal(today());
  const [announced, setAnnounced] = createSignal('');
  const [note, setNote] = createSignal('');
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!approved()) {
      form.setErrors({ approved: t('projects.changes.chooseOutcome') });
      return;
    }
    const values = { approved: approved() === 'yes', decidedBy: by(), decisionDate: date(), announcementDate: announced() || undefined, note: note() };
    const input = form.check(DecideChange, values);
    if (!input) return;
    const done = await form.run(() => decideChange(props.congressId, props.project.id, props.change.id, input), Object.keys(values));
    if (done) props.onDone(done.value, values.approved);
  };
  return (
    <form onSubmit={submit} novalidate>
      <FormError error={form.formError()} />
      <p class="pj-pre">{props.change.reason}</p>
      <fieldset class="pj-seg-field" classList={{ 'has-error': !!form.error('approved') }}>
        <legend>{t('projects.changes.outcome')}</legend>
        <div class="pj-seg" role="radiogroup" aria-label={t('projects.changes.outcome')}>
          <button type="button" role="radio" aria-checked={approved() === 'yes'} class="pj-seg-btn pj-seg-done" classList={{ on: approved() === 'yes' }} onClick={() => { setApproved('yes'); form.clearError('approved'); }}>
            {t('projects.changes.approve')}
          </button>
          <button type="button" role="radio" aria-checked={approved() === 'no'} class="pj-seg-btn pj-seg-no" classList={{ on: approved() === 'no' }} onClick={() => { setApproved('no'); form.clearError('approved'); }}>
            {t('projects.changes.reject')}
          </button>
        </div>
        <Show when={form.error('approved')}>
          <p class="field-error">{form.error('approved')}</p>
        </Show>
      </fieldset>
      <SelectField
        label={t('projects.changes.decidedByLabel')}
        value={by()}
        onValue={(v) => setBy(v as 'standing_committee' | 'session')}
        options={(['standing_committee', 'session'] as const).map((d) => ({ value: d, label: decidedByLabel(d) }))}
        required
      />
      <div class="row-2">
        <TextField label={t('projects.changes.decisionDate')} type="date" value={date()} onValue={setDate} error={form.error('decisionDate')} required />
        <TextField label={t('projects.changes.announcementDate')} hint={t('projects.changes.announcementHint')} type="date" value={announced()} onValue={setAnnounced} error={form.error('announcementDate')} />
      </div>
      <TextAreaField label={t('projects.changes.note')} value={note()} onValue={setNote} error={form.error('note')} rows={2} maxlength={2000} />
      <Show when={approved() === 'yes' && props.change.kind !== 'major_change'}>
        <Alert kind="warning" title={t(`projects.changes.consequence.${props.change.kind}`)} />
      </Show>
      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant={approved() === 'no' ? 'danger' : 'primary'} busy={form.busy()}>
          {approved() === 'no' ? t('projects.changes.recordReject') : t('projects.changes.recordApprove')}
        </Button>
      </div>
    </form>
  );
}
