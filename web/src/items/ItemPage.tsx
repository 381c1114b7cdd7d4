import { A, useParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { HANDLING_DIMENSIONS, type AnswerClass, type FeedbackGrade, type HandlingDimension, type Urgency } from '../../../shared/items/enums.ts';
import type { ItemAction } from '../../../shared/items/transitions.ts';
import { normalizeTrackingCode } from '../../../shared/gathering/tracking-code.ts';
import { shanghaiToday } from '../../../shared/time.ts';
import { Alert, FormError } from '../components/Alert.tsx';
import { Async, latest } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { confirmAction } from '../components/Dialog.tsx';
import { SelectField, TextAreaField, TextField } from '../components/Field.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { toast } from '../components/Toast.tsx';
import { useCongress } from '../congress/context.tsx';
import { fetchDepartments } from '../congress/members.data.ts';
import { createFormState } from '../forms.ts';
import { FilePicker, formatBytes } from '../gathering/FilePicker.tsx';
import { fmt, lang, t } from '../i18n.ts';
import { fieldMessage } from '../../../shared/errors.ts';
import { can, rolesIn } from '../session.ts';
import {
  acceptAnswer,
  addSupervision,
  answerItem,
  answerOnSpot,
  assignItem,
  fetchDueDate,
  fetchItem,
  fetchItemPage,
  itemFileUrl,
  itemToProposal,
  mergeItem,
  rateHandling,
  reassignItem,
  referItem,
  returnAnswer,
  setKeyItem,
  type Item,
} from './items.data.ts';
import {
  ANSWER_CLASSES,
  answerClassLabel,
  dimensionLabel,
  DueTag,
  eventLabel,
  GradeChoice,
  gradeLabel,
  itemCategoryLabel,
  itemSourceLabel,
  KeyTag,
  StatusTag,
  urgencyLabel,
} from './parts.tsx';
import './items.css';

type LoopFile = Item['files'][number];
const TRIAGE_MOVES: readonly ItemAction[] = ['answer_on_spot', 'assign', 'reassign', 'refer', 'merge', 'to_proposal'];

/**
 * One item: what was raised, by whom (the contact only for those allowed), its history and answers; and, by who is
 * looking, what to do now — triage (the moves the server lists for this state and person), the department's answer,
 * staff's check (accept or return), key-item supervision, or the representative's back-to-back rating.
 */
export default function ItemPage() {
  const { id } = useCongress();
  const params = useParams<{ itemId: string }>();
  const [item, { refetch }] = createResource(() => ({ c: id(), i: params.itemId }), (s) => fetchItem(s.c, s.i));
  return (
    <Show when={can(id(), 'items.page')} fallback={<NoAccess />}>
      <Async resource={item} retry={refetch}>
        {(it) => <Detail item={item.latest ?? it} refetch={() => void refetch()} />}
      </Async>
    </Show>
  );
}

function Detail(props: { item: Item; refetch: () => void }) {
  const { id } = useCongress();
  const it = () => props.item;
  const p = () => ({ congressId: id(), itemId: it().id });
  const triage = () => it().moves.filter((m) => TRIAGE_MOVES.includes(m));
  const done = (message: string) => {
    toast(message);
    props.refetch();
  };
  return (
    <>
      <PageHeader
        kicker={<A href={`/c/${id()}/items`}>← {t('items.backToList')}</A>}
        title={it().title}
        lead={
          <span class="item-lead">
            <StatusTag status={it().status} round={it().round} />
            <DueTag state={it().dueState} />
            <KeyTag on={it().keyItem} leader={it().keyLeader} />
            <span>
              {t('items.code')} <strong class="mono">{it().trackingCode}</strong>
            </span>
          </span>
        }
      />
      <div class="detail-grid item-grid">
        <div class="detail-main">
          {/* The answer is the department's own: a system administrator, who may do anything, does not see it offered. */}
          <Show when={it().moves.includes('answer') && rolesIn(id()).includes('department')}>
            <AnswerForm item={it()} onDone={() => done(t('items.answer.done'))} />
          </Show>
          <Show when={it().canRateHandling}>
            <HandlingRatingForm item={it()} onDone={() => done(t('items.rating.done'))} />
          </Show>
          <Show when={it().handlingRated}>
            <Alert kind="success" title={t('items.rating.already')}>
              <p>{t('items.rating.secret')}</p>
            </Alert>
          </Show>
          <section class="card slot-content" aria-labelledby="i-content">
            <h2 id="i-content">{t('items.detail.content')}</h2>
            <p class="prose">{it().content}</p>
            <FileList files={it().files} p={p()} />
            <dl class="facts item-facts">
              <Fact label={t('items.detail.field.source')}>{itemSourceLabel(it().source)}</Fact>
              <Fact label={t('items.detail.field.category')}>{itemCategoryLabel(it().category)}</Fact>
              <Show when={it().place}>
                <Fact label={t('items.detail.field.place')}>{it().place}</Fact>
              </Show>
              <Fact label={t('items.detail.field.received')}>{fmt.date(it().receivedOn)}</Fact>
              <Show when={it().station}>{(s) => <Fact label={t('items.detail.field.station')}>{s().name}</Fact>}</Show>
              <Show when={it().representative}>{(r) => <Fact label={t('items.detail.field.representative')}>{r().name}</Fact>}</Show>
              <Show when={it().department}>{(d) => <Fact label={t('items.detail.field.department')}>{d().name}</Fact>}</Show>
              <Show when={it().department}>
                <Fact label={t('items.detail.field.urgency')}>{urgencyLabel(it().urgency)}</Fact>
              </Show>
              <Show when={it().assignedOn}>{(d) => <Fact label={t('items.detail.field.assigned')}>{fmt.date(d())}</Fact>}</Show>
              <Show when={it().dueOn}>
                {(d) => (
                  <Fact label={t('items.detail.field.due')}>
                    {fmt.date(d())} <DueTag state={it().dueState} />
                  </Fact>
                )}
              </Show>
              <Show when={it().ticketNo}>{(n) => <Fact label={t('items.detail.field.ticket')}>{n()}</Fact>}</Show>
              <Show when={it().round > 1}>
                <Fact label={t('items.detail.field.round')}>{t('items.detail.roundValue', { n: it().round })}</Fact>
              </Show>
              <Show when={it().feedback}>{(g) => <Fact label={t('itemTrack.rate.title')}>{gradeLabel(g())}</Fact>}</Show>
            </dl>
            <Show when={it().triageNote}>
              <p class="item-note">
                <strong>{t('items.detail.triageNote')}：</strong>
                {it().triageNote}
              </p>
            </Show>
            <Show when={it().proposal}>
              {(pr) => (
                <p>
                  {t('items.detail.proposalLink')}
                  <A href={`/c/${id()}/gathering/proposals/${pr().id}`}>{pr().title}</A> <span class="mono small">{pr().trackingCode}</span>
                </p>
              )}
            </Show>
            <Show when={it().mergedInto}>
              {(m) => (
                <p>
                  {t('items.detail.mergedInto')}
                  <A href={`/c/${id()}/items/${m().id}`}>{m().title}</A> <span class="mono small">{m().trackingCode}</span>
                </p>
              )}
            </Show>
          </section>

          <Show when={it().answers.length > 0}>
            <section class="card slot-answers" aria-labelledby="i-answers">
              <h2 id="i-answers">{t('items.detail.answers')}</h2>
              <ol class="item-answers">
                <For each={it().answers}>
                  {(a) => (
                    <li class="item-answer" data-decision={a.decision ?? 'pending'}>
                      <p class="item-answer-head">
                        <strong>{t('items.detail.answer.round', { n: a.round })}</strong>
                        <span class="tag tag-accent">{answerClassLabel(a.answerClass)}</span>
                        <Show when={a.late}>
                          <span class="tag tag-bad">{t('item.due.overdue' as never)}</span>
                        </Show>
                        <span class={`tag ${a.decision === 'accepted' ? 'tag-ok' : a.decision === 'returned' ? 'tag-bad' : 'tag-warn'}`}>
                          {a.decision === 'accepted' ? t('items.detail.answer.accepted') : a.decision === 'returned' ? t('items.detail.answer.returned', { reason: a.decisionReason }) : t('items.detail.answer.pending')}
                        </span>
                      </p>
                      <p class="muted small">{t('items.detail.answer.by', { department: a.department?.name ?? '', date: fmt.date(a.answeredOn) })}</p>
                      <p class="prose">{a.text}</p>
                      <FileList files={a.files} p={p()} />
                    </li>
                  )}
                </For>
              </ol>
            </section>
          </Show>

          <Show when={it().keyItem || it().supervisions.length > 0}>
            <section class="card slot-sup" aria-labelledby="i-sup">
              <h2 id="i-sup">{t('items.key.supervisions')}</h2>
              <Show when={it().supervisions.length > 0} fallback={<p class="muted">{t('items.key.none')}</p>}>
                <ul class="plain-list item-sups">
                  <For each={it().supervisions}>
                    {(s) => (
                      <li>
                        <p>
                          <strong>{t('items.key.record', { date: fmt.date(s.heldOn), leader: s.leader })}</strong>
                          <Show when={s.newDueOn}>{(d) => <span class="tag tag-warn">{t('items.key.newDue', { date: fmt.date(d()) })}</span>}</Show>
                        </p>
                        <p class="prose">{s.found}</p>
                        <FileList files={s.files} p={p()} />
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </section>
          </Show>

          <section class="card slot-history" aria-labelledby="i-history">
            <h2 id="i-history">{t('items.detail.history')}</h2>
            <Show when={it().events.length > 0} fallback={<p class="muted">{t('items.detail.historyEmpty')}</p>}>
              <ol class="item-history">
                <For each={it().events}>
                  {(e) => (
                    <li data-kind={e.kind}>
                      <span class="item-history-when num">{fmt.dateTime(e.at)}</span>
                      <span class="item-history-what">
                        <strong>{eventLabel(e.kind)}</strong>
                        <Show when={e.actor}> · {e.actor}</Show>
                        <Show when={e.note}>
                          <span class="block muted">{e.note}</span>
                        </Show>
                      </span>
                    </li>
                  )}
                </For>
              </ol>
            </Show>
          </section>
        </div>

        <aside class="detail-side">
          <Show when={it().submitterContact !== null}>
            <section class="card private slot-private" aria-labelledby="i-submitter">
              <h2 id="i-submitter">{t('items.detail.submitter.title')}</h2>
              <p class="private-note">{t('items.detail.submitter.private')}</p>
              <dl class="facts">
                <Fact label={t('items.detail.submitter.name')}>{it().submitterName || <span class="muted">{t('items.notGiven')}</span>}</Fact>
                <Fact label={t('items.detail.submitter.contact')}>{it().submitterContact || <span class="muted">{t('items.notGiven')}</span>}</Fact>
              </dl>
            </section>
          </Show>
          <Show when={triage().length > 0}>
            <TriagePanel item={it()} moves={triage()} onDone={done} />
          </Show>
          <Show when={it().moves.includes('accept') || it().moves.includes('return')}>
            <CheckPanel item={it()} onDone={done} />
          </Show>
          <Show when={it().canSupervise && (it().keyItem || ['received', 'assigned', 'answered'].includes(it().status))}>
            <KeyPanel item={it()} onDone={done} />
          </Show>
        </aside>
      </div>
    </>
  );
}

function Fact(props: { label: string; children: unknown }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd>{props.children as never}</dd>
    </div>
  );
}

function FileList(props: { files: LoopFile[]; p: { congressId: string; itemId: string } }) {
  return (
    <Show when={props.files.length > 0}>
      <ul class="attachments item-files" aria-label={t('items.detail.files')}>
        <For each={props.files}>
          {(f) => (
            <li>
              <a href={itemFileUrl(props.p, f.id)} target="_blank" rel="noopener" class="attachment" aria-label={t('items.detail.openFile', { name: f.filename })}>
                <Show when={f.mime.startsWith('image/')} fallback={<span class="file-thumb file-pdf" aria-hidden="true">PDF</span>}>
                  <img class="att-thumb" src={itemFileUrl(props.p, f.id)} alt="" loading="lazy" />
                </Show>
                <span class="att-name">{f.filename}</span>
                <span class="muted small">{formatBytes(f.size)}</span>
              </a>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}

/** 分类交办: the moves this item allows now, one form each (only the chosen one shows). */
function TriagePanel(props: { item: Item; moves: ItemAction[]; onDone: (message: string) => void }) {
  const { id } = useCongress();
  const [move, setMove] = createSignal<ItemAction>(props.moves[0]);
  const chosen = () => (props.moves.includes(move()) ? move() : props.moves[0]);
  return (
    <section class="card item-triage slot-panel" aria-labelledby="i-triage">
      <h2 id="i-triage">{t('items.triage.title')}</h2>
      <p class="muted small">{t('items.triage.lead')}</p>
      <div class="move-choice" role="radiogroup" aria-label={t('items.triage.title')}>
        <For each={props.moves}>
          {(m) => (
            <button type="button" role="radio" aria-checked={chosen() === m} classList={{ on: chosen() === m }} onClick={() => setMove(m)}>
              {t(`items.triage.${m}` as never)}
            </button>
          )}
        </For>
      </div>
      <p class="hint">{t(`items.triage.hint.${chosen()}` as never)}</p>
      <Show when={chosen()} keyed>
        {(m) => <MoveForm congressId={id()} item={props.item} move={m} onDone={props.onDone} />}
      </Show>
    </section>
  );
}

function MoveForm(props: { congressId: string; item: Item; move: ItemAction; onDone: (message: string) => void }) {
  const form = createFormState();
  const p = () => ({ congressId: props.congressId, itemId: props.item.id });
  const assigning = () => props.move === 'assign' || props.move === 'reassign';
  const [departments] = createResource(() => (assigning() ? props.congressId : false), fetchDepartments);
  const [department, setDepartment] = createSignal(props.move === 'reassign' ? (props.item.department?.id ?? '') : '');
  const [urgency, setUrgency] = createSignal<Urgency>(props.item.urgency);
  const [due] = createResource(() => (assigning() ? { c: props.congressId, u: urgency() } : false), (s) => fetchDueDate(s.c, s.u));
  const [dueOn, setDueOn] = createSignal('');
  const [text, setText] = createSignal('');

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const words = text().trim();
    const m = props.move;
    if ((m === 'answer_on_spot' || m === 'refer' || m === 'merge') && !words) return form.setErrors({ text: fieldMessage('required', lang()) });
    if (assigning() && !department()) return form.setErrors({ departmentId: t('items.triage.chooseDepartment') });
    const name = () => latest(departments)?.find((d) => d.id === department())?.name ?? '';
    const ok = await form.run(async () => {
      if (m === 'answer_on_spot') return answerOnSpot(p(), words);
      if (m === 'refer') return referItem(p(), words);
      if (m === 'to_proposal') return itemToProposal(p(), words);
      if (m === 'merge') {
        const code = normalizeTrackingCode(words) ?? words;
        const found = (await fetchItemPage(props.congressId, { q: code, size: 5 })).items.find((x) => x.trackingCode === code && x.id !== props.item.id);
        if (!found) throw new Error(t('items.triage.mergeIntoHint'));
        return mergeItem(p(), found.id, '');
      }
      const body = { departmentId: department(), urgency: urgency(), dueOn: dueOn() || undefined };
      return m === 'assign' ? assignItem(p(), body) : reassignItem(p(), body);
    }, ['departmentId', 'urgency', 'dueOn', 'note', 'to', 'intoId']);
    if (!ok) return;
    const dueDate = (ok.value as { dueOn?: string | null }).dueOn;
    props.onDone(t(`items.triage.done.${m}` as never, { department: name(), date: dueDate ? fmt.date(dueDate) : '' }));
  };

  const textLabel = () => (props.move === 'refer' ? t('items.triage.referTo') : props.move === 'merge' ? t('items.triage.mergeInto') : props.move === 'answer_on_spot' ? t('items.triage.note') : t('items.triage.reason'));
  return (
    <form onSubmit={submit} novalidate class="move-form">
      <FormError error={form.formError()} />
      <Show when={assigning()}>
        <SelectField
          label={t('items.triage.department')}
          value={department()}
          onValue={setDepartment}
          placeholder={t('items.triage.chooseDepartment')}
          options={(latest(departments) ?? []).map((d) => ({ value: d.id, label: d.name }))}
          error={form.error('departmentId')}
          required
        />
        <fieldset class="urgency-choice">
          <legend>{t('items.triage.urgency')}</legend>
          <div class="seg-radios">
            <For each={['normal', 'urgent', 'complex'] as Urgency[]}>
              {(u) => (
                <label class="seg-opt" classList={{ on: urgency() === u }}>
                  <input type="radio" name="urgency" value={u} checked={urgency() === u} onChange={() => setUrgency(u)} />
                  {urgencyLabel(u)}
                </label>
              )}
            </For>
          </div>
        </fieldset>
        <p class="item-due-preview" aria-live="polite">
          {/* Read in place (not through Show's accessor): a new deadline must replace the one shown. */}
          {!dueOn() && latest(due) ? t('items.triage.dueComputed', { date: fmt.date(latest(due)!.dueOn), n: latest(due)!.workingDays }) : ''}
        </p>
        <TextField type="date" label={t('items.triage.dueOn')} hint={t('items.triage.dueOnHint')} value={dueOn()} onValue={setDueOn} min={shanghaiToday()} error={form.error('dueOn')} />
      </Show>
      <Show when={!assigning()}>
        <Show when={props.move === 'merge'} fallback={<TextAreaField label={textLabel()} value={text()} onValue={setText} rows={3} maxlength={2000} required={props.move !== 'to_proposal'} error={form.error('text') || form.error('note') || form.error('to')} />}>
          <TextField label={textLabel()} hint={t('items.triage.mergeIntoHint')} value={text()} onValue={setText} maxlength={20} autocapitalize="characters" class="mono" required error={form.error('text') || form.error('intoId')} />
        </Show>
      </Show>
      <Show when={props.move === 'to_proposal'}>
        <p class="consequence">{t('items.triage.toProposalConsequence')}</p>
      </Show>
      <div class="form-actions start">
        <Button type="submit" variant="primary" busy={form.busy()}>
          {t(`items.triage.submit.${props.move}` as never)}
        </Button>
      </div>
    </form>
  );
}

/** The department's 答复: one of the four classes, what was done, files. */
function AnswerForm(props: { item: Item; onDone: () => void }) {
  const { id } = useCongress();
  const form = createFormState();
  const [cls, setCls] = createSignal<AnswerClass | ''>('');
  const [text, setText] = createSignal('');
  const [files, setFiles] = createSignal<File[]>([]);
  const returned = () => [...props.item.answers].reverse().find((a) => a.round === props.item.round && a.decision === 'returned');
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!cls()) errors.answerClass = t('items.answer.class');
    if (!text().trim()) errors.text = t('items.answer.textHint');
    if (Object.keys(errors).length) return form.setErrors(errors);
    const ok = await form.run(() => answerItem({ congressId: id(), itemId: props.item.id }, { answerClass: cls() as AnswerClass, text: text().trim() }, files()), ['answerClass', 'text']);
    if (ok) props.onDone();
  };
  return (
    <section class="card item-answer-form" aria-labelledby="i-answer">
      <h2 id="i-answer">{t('items.answer.title')}</h2>
      <p class="muted">{t('items.answer.lead')}</p>
      <Show when={props.item.dueState === 'overdue' && props.item.dueOn}>
        <Alert kind="warning" title={t('items.answer.late', { date: fmt.date(props.item.dueOn!) })} />
      </Show>
      <Show when={returned()}>{(r) => <Alert kind="warning" title={t('items.answer.returnedBefore', { reason: r().decisionReason })} />}</Show>
      <form onSubmit={submit} novalidate>
        <FormError error={form.formError()} />
        <fieldset class="class-choice" classList={{ 'has-error': !!form.error('answerClass') }}>
          <legend>
            {t('items.answer.class')} <span class="req" aria-hidden="true">*</span>
          </legend>
          <div class="class-options">
            <For each={ANSWER_CLASSES}>
              {(c) => (
                <label class="class-opt" classList={{ on: cls() === c }}>
                  <input type="radio" name="answerClass" value={c} checked={cls() === c} onChange={() => setCls(c)} />
                  <span>{answerClassLabel(c)}</span>
                </label>
              )}
            </For>
          </div>
          <Show when={form.error('answerClass')}>
            <p class="field-error">{form.error('answerClass')}</p>
          </Show>
        </fieldset>
        <TextAreaField label={t('items.answer.text')} hint={t('items.answer.textHint')} value={text()} onValue={setText} rows={6} maxlength={4000} required error={form.error('text')} />
        <FilePicker label={t('items.answer.files')} files={files()} onChange={setFiles} />
        <div class="form-actions start">
          <Button type="submit" variant="primary" busy={form.busy()} class="item-big-btn">
            {t('items.answer.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}

/** Staff accept the answer (done, may be rated) or return it with a reason. */
function CheckPanel(props: { item: Item; onDone: (message: string) => void }) {
  const { id } = useCongress();
  const form = createFormState();
  const [returning, setReturning] = createSignal(false);
  const [reason, setReason] = createSignal('');
  const p = () => ({ congressId: id(), itemId: props.item.id });
  const accept = () =>
    confirmAction({
      title: t('items.check.accept'),
      message: <p>{t('items.check.acceptConfirm')}</p>,
      confirmLabel: t('items.check.accept'),
      action: () => acceptAnswer(p()),
    }).then((ok) => ok && props.onDone(t('items.check.accepted')));
  const submitReturn = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!reason().trim()) return form.setErrors({ reason: t('items.check.reason') });
    const ok = await form.run(() => returnAnswer(p(), reason().trim()), ['reason']);
    if (ok) props.onDone(t('items.check.returned'));
  };
  return (
    <section class="card slot-panel" aria-labelledby="i-check">
      <h2 id="i-check">{t('items.check.title')}</h2>
      <p class="muted small">{t('items.check.lead')}</p>
      <Show
        when={returning()}
        fallback={
          <div class="form-actions start">
            <Show when={props.item.moves.includes('accept')}>
              <Button variant="primary" onClick={() => void accept()}>
                {t('items.check.accept')}
              </Button>
            </Show>
            <Show when={props.item.moves.includes('return')}>
              <Button onClick={() => setReturning(true)}>{t('items.check.return')}</Button>
            </Show>
          </div>
        }
      >
        <form onSubmit={submitReturn} novalidate>
          <FormError error={form.formError()} />
          <TextAreaField label={t('items.check.reason')} value={reason()} onValue={setReason} rows={3} maxlength={1000} required error={form.error('reason')} />
          <div class="form-actions start">
            <Button onClick={() => setReturning(false)}>{t('common.cancel')}</Button>
            <Button type="submit" variant="danger" busy={form.busy()}>
              {t('items.check.returnSubmit')}
            </Button>
          </div>
        </form>
      </Show>
    </section>
  );
}

/** 重点督办 on/off with its leader, and the on-site supervision records. */
function KeyPanel(props: { item: Item; onDone: (message: string) => void }) {
  const { id } = useCongress();
  const p = () => ({ congressId: id(), itemId: props.item.id });
  const keyForm = createFormState();
  const supForm = createFormState();
  const [leader, setLeader] = createSignal(props.item.keyLeader);
  const [adding, setAdding] = createSignal(false);
  const [heldOn, setHeldOn] = createSignal(shanghaiToday());
  const [supLeader, setSupLeader] = createSignal(props.item.keyLeader);
  const [found, setFound] = createSignal('');
  const [newDueOn, setNewDueOn] = createSignal('');
  const [files, setFiles] = createSignal<File[]>([]);
  const open = () => props.item.status === 'assigned' || props.item.status === 'answered' || props.item.status === 'received';

  const toggle = async (e: SubmitEvent) => {
    e.preventDefault();
    const on = !props.item.keyItem;
    if (on && !leader().trim()) return keyForm.setErrors({ leader: t('items.key.leader') });
    const ok = await keyForm.run(() => setKeyItem(p(), on ? leader().trim() : null), ['leader']);
    if (ok) props.onDone(t(on ? 'items.key.onDone' : 'items.key.offDone'));
  };
  const addSup = async (e: SubmitEvent) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!supLeader().trim()) errors.leader = t('items.key.leader');
    if (!found().trim()) errors.found = t('items.key.found');
    if (Object.keys(errors).length) return supForm.setErrors(errors);
    const ok = await supForm.run(() => addSupervision(p(), { heldOn: heldOn(), leader: supLeader().trim(), found: found().trim(), newDueOn: newDueOn() || undefined }, files()), ['heldOn', 'leader', 'found', 'newDueOn']);
    if (ok) {
      setAdding(false);
      props.onDone(t('items.key.saved'));
    }
  };
  return (
    <section class="card slot-panel" aria-labelledby="i-key">
      <h2 id="i-key">{t('items.key.title')}</h2>
      <p class="muted small">{t('items.key.lead')}</p>
      <form onSubmit={toggle} novalidate>
        <FormError error={keyForm.formError()} />
        <Show when={!props.item.keyItem}>
          <TextField label={t('items.key.leader')} value={leader()} onValue={setLeader} maxlength={60} required error={keyForm.error('leader')} />
        </Show>
        <div class="form-actions start">
          <Button type="submit" variant={props.item.keyItem ? 'secondary' : 'primary'} busy={keyForm.busy()}>
            {props.item.keyItem ? t('items.key.off') : t('items.key.on')}
          </Button>
        </div>
      </form>
      <Show when={props.item.keyItem && open()}>
        <Show when={adding()} fallback={<Button onClick={() => setAdding(true)}>{t('items.key.add')}</Button>}>
          <form onSubmit={addSup} novalidate class="item-sup-form">
            <h3>{t('items.key.add')}</h3>
            <FormError error={supForm.formError()} />
            <TextField type="date" label={t('items.key.heldOn')} value={heldOn()} onValue={setHeldOn} max={shanghaiToday()} required error={supForm.error('heldOn')} />
            <TextField label={t('items.key.leader')} value={supLeader()} onValue={setSupLeader} maxlength={60} required error={supForm.error('leader')} />
            <TextAreaField label={t('items.key.found')} value={found()} onValue={setFound} rows={3} maxlength={2000} required error={supForm.error('found')} />
            <TextField type="date" label={t('items.key.newDueOn')} value={newDueOn()} onValue={setNewDueOn} min={shanghaiToday()} error={supForm.error('newDueOn')} />
            <FilePicker label={t('items.answer.files')} files={files()} onChange={setFiles} />
            <div class="form-actions start">
              <Button onClick={() => setAdding(false)}>{t('common.cancel')}</Button>
              <Button type="submit" variant="primary" busy={supForm.busy()}>
                {t('common.save')}
              </Button>
            </div>
          </form>
        </Show>
      </Show>
    </section>
  );
}

/** 背靠背: the representative who raised it rates the handling on three dimensions; nothing ties the rating to them. */
function HandlingRatingForm(props: { item: Item; onDone: () => void }) {
  const { id } = useCongress();
  const form = createFormState();
  const [grades, setGrades] = createSignal<Partial<Record<HandlingDimension, FeedbackGrade>>>({});
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const g = grades();
    if (!HANDLING_DIMENSIONS.every((d) => g[d])) return form.setFormError({ message: t('items.rating.pick'), extra: [] });
    const ok = await form.run(() => rateHandling({ congressId: id(), itemId: props.item.id }, { attitude: g.attitude!, handling: g.handling!, effect: g.effect! }));
    if (ok) props.onDone();
  };
  return (
    <section class="card item-rating" aria-labelledby="i-rating">
      <h2 id="i-rating">{t('items.rating.title')}</h2>
      <p>{t('items.rating.lead')}</p>
      <p class="item-secret">{t('items.rating.secret')}</p>
      <form onSubmit={submit} novalidate>
        <FormError error={form.formError()} />
        <For each={HANDLING_DIMENSIONS}>
          {(d) => <GradeChoice name={`rate-${d}`} label={dimensionLabel(d)} value={grades()[d] ?? null} onValue={(v) => {
            form.setFormError(null);
            setGrades({ ...grades(), [d]: v });
          }} />}
        </For>
        <div class="form-actions start">
          <Button type="submit" variant="primary" busy={form.busy()} class="item-big-btn">
            {t('items.rating.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
