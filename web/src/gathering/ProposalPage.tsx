import { A, useNavigate, useParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { fetchDepartments } from '../congress/members.data.ts';
import { Alert, FormError } from '../components/Alert.tsx';
import { Async, latest } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { confirmAction, Dialog } from '../components/Dialog.tsx';
import { CheckField, SelectField, TextAreaField } from '../components/Field.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { toast } from '../components/Toast.tsx';
import { useCongress } from '../congress/context.tsx';
import { createFormState } from '../forms.ts';
import { fmt, t } from '../i18n.ts';
import { categoryLabel, channelLabel, checkLabel, proposalStatusClass, proposalStatusLabel } from '../labels.ts';
import { can } from '../session.ts';
import { CandidateFieldsForm } from './CandidateFieldsForm.tsx';
import { ChecksForm, checksSummary } from './ChecksForm.tsx';
import { formatBytes } from './FilePicker.tsx';
import {
  acceptProposal,
  attachmentUrl,
  fetchProposal,
  fetchProposals,
  fetchSimilar,
  fetchWindows,
  mergeProposal,
  rejectProposal,
  reserveProposal,
  reviveProposal,
  type Proposal,
  type Similar,
} from './gathering.data.ts';
import './gathering.css';

/**
 * One proposal: what was proposed and by whom (the contact is private), its attachments, negative-list flags and
 * likely duplicates; for the government office the screening checks and the decision — accept as a candidate with
 * its formal fields, merge into another proposal, or not adopt with a reason (and perhaps keep in the reserve pool).
 * Reserved proposals of earlier years can be brought back into a later window.
 */
export default function ProposalPage() {
  const { id } = useCongress();
  const params = useParams<{ proposalId: string }>();
  const [proposal, { refetch, mutate }] = createResource(
    () => ({ id: id(), pid: params.proposalId }),
    (s) => fetchProposal(s.id, s.pid),
  );
  return (
    <Show when={can(id(), 'gathering.proposals.page')} fallback={<NoAccess />}>
      <Async resource={proposal} retry={refetch}>
        {(p) => <Detail p={proposal.latest ?? p} refetch={() => void refetch()} replace={(next) => mutate(next)} />}
      </Async>
    </Show>
  );
}

function Detail(props: { p: Proposal; refetch: () => void; replace: (p: Proposal) => void }) {
  const { id } = useCongress();
  const navigate = useNavigate();
  const p = () => props.p;
  const reader = () => can(id(), 'gathering.proposals.readAll');
  const screener = () => can(id(), 'gathering.screen');
  const pending = () => p().status === 'submitted';
  const [similar, { refetch: refetchSimilar }] = createResource(
    () => (reader() && pending() ? { id: id(), pid: p().id } : false),
    (s) => fetchSimilar(s.id, s.pid),
  );
  const [checksDirty, setChecksDirty] = createSignal(false);
  const [dialog, setDialog] = createSignal<'accept' | 'merge' | 'reject' | null>(null);

  /** What stands between this proposal and being accepted, in words. */
  const blockers = createMemo(() => {
    const s = checksSummary(p().checks);
    const out: string[] = [];
    if (p().negativeListHits.length) out.push(t('decide.block.negative', { words: p().negativeListHits.join(t('list.separator')) }));
    if (s.failed.length) out.push(t('decide.block.failed', { checks: s.failed.map(checkLabel).join(t('list.separator')) }));
    if (s.todo.length) out.push(t('decide.block.todo', { checks: s.todo.map(checkLabel).join(t('list.separator')) }));
    if (checksDirty()) out.push(t('decide.block.unsaved'));
    return out;
  });

  const decided = (message: string) => {
    setDialog(null);
    toast(message);
    props.refetch();
  };

  const mergeInto = (target: { id: string; title: string }) =>
    confirmAction({
      title: t('merge.confirm.title'),
      message: (
        <>
          <p>{t('merge.confirm.message', { from: p().title, into: target.title })}</p>
          <p>{t('merge.consequence')}</p>
        </>
      ),
      confirmLabel: t('merge.confirm.button'),
      action: () => mergeProposal(id(), p().id, { intoId: target.id, reason: t('merge.defaultReason', { title: target.title }) }),
    }).then((ok) => ok && decided(t('merge.done', { title: target.title })));

  const reserve = () =>
    confirmAction({
      title: t('reserve.title'),
      message: <p>{t('reserve.message', { title: p().title })}</p>,
      confirmLabel: t('reserve.confirm'),
      action: () => reserveProposal(id(), p().id),
    }).then((ok) => ok && decided(t('reserve.done')));

  return (
    <>
      <PageHeader
        kicker={<A href={`/c/${id()}/gathering/proposals`}>← {t('proposals.title')}</A>}
        title={p().title}
        lead={
          <span class="proposal-lead">
            <span class={`tag ${proposalStatusClass(p().status)}`}>{proposalStatusLabel(p().status)}</span>
            <span>
              {t('proposal.code')} <strong class="mono">{p().trackingCode}</strong>
            </span>
            <span>{t('windows.yearValue', { year: p().year })}</span>
          </span>
        }
      />

      <Show when={p().negativeListHits.length > 0}>
        <Alert kind="error" class="negative-alert" title={t('proposal.negative.title', { words: p().negativeListHits.join(t('list.separator')) })}>
          <p>{t('proposal.negative.body')}</p>
        </Alert>
      </Show>
      <Outcome p={p()} />

      <div class="detail-grid">
        <div class="detail-main detail-top">
          <section class="card" aria-labelledby="p-content">
            <h2 id="p-content">{t('proposal.content')}</h2>
            <p class="prose">{p().description}</p>
            <dl class="facts">
              <div>
                <dt>{t('proposal.field.category')}</dt>
                <dd>{categoryLabel(p().category)}</dd>
              </div>
              <div>
                <dt>{t('proposal.field.location')}</dt>
                <dd>{p().location}</dd>
              </div>
              <div>
                <dt>{t('proposal.field.investment')}</dt>
                <dd class="num">{p().estimatedInvestment ? fmt.wan(Number(p().estimatedInvestment)) : <span class="muted">{t('proposal.notGiven')}</span>}</dd>
              </div>
              <div>
                <dt>{t('proposal.field.beneficiaries')}</dt>
                <dd>{p().beneficiaries || <span class="muted">{t('proposal.notGiven')}</span>}</dd>
              </div>
              <div>
                <dt>{t('proposal.field.channel')}</dt>
                <dd>
                  {channelLabel(p().channel)}
                  {p().station ? ` · ${p().station}` : ''}
                </dd>
              </div>
              <div>
                <dt>{t('proposal.field.submittedAt')}</dt>
                <dd class="num">{fmt.dateTime(p().createdAt)}</dd>
              </div>
            </dl>
          </section>

          <Show when={p().attachments.length > 0}>
            <section class="card" aria-labelledby="p-files">
              <h2 id="p-files">{t('proposal.attachments', { n: p().attachments.length })}</h2>
              <ul class="attachments">
                <For each={p().attachments}>
                  {(a) => (
                    <li>
                      <a href={attachmentUrl(id(), p().id, a.id)} target="_blank" rel="noopener" class="attachment" aria-label={t('proposal.openAttachment', { name: a.filename })}>
                        <Show when={a.mime.startsWith('image/')} fallback={<span class="file-thumb file-pdf" aria-hidden="true">PDF</span>}>
                          <img class="att-thumb" src={attachmentUrl(id(), p().id, a.id)} alt="" loading="lazy" />
                        </Show>
                        <span class="att-name">{a.filename}</span>
                        <span class="muted small">{formatBytes(a.size)}</span>
                      </a>
                    </li>
                  )}
                </For>
              </ul>
            </section>
          </Show>
        </div>

        <aside class="detail-side">
          <Show when={reader() || p().submitterName || p().submitterContact}>
            <section class="card private" aria-labelledby="p-submitter">
              <h2 id="p-submitter">{t('proposal.submitter.title')}</h2>
              <p class="private-note">{t('proposal.submitter.private')}</p>
              <dl class="facts">
                <div>
                  <dt>{t('proposal.field.submitterName')}</dt>
                  <dd>{p().submitterName || <span class="muted">{t('proposal.notGiven')}</span>}</dd>
                </div>
                <div>
                  <dt>{t('proposal.field.submitterContact')}</dt>
                  <dd class="num">{p().submitterContact || <span class="muted">{t('proposal.notGiven')}</span>}</dd>
                </div>
              </dl>
            </section>
          </Show>

          <Links p={p()} />

          <Show when={reader() && pending()}>
            <section class="card" aria-labelledby="p-similar">
              <h2 id="p-similar">{t('similar.title')}</h2>
              <Async resource={similar} retry={refetchSimilar}>
                {(list: Similar[]) => (
                  <Show when={list.length > 0} fallback={<p class="muted">{t('similar.none')}</p>}>
                    <p class="muted small">{t('similar.lead')}</p>
                    <ul class="similar-list">
                      <For each={list}>
                        {(s) => (
                          <li>
                            <div>
                              <A href={`/c/${id()}/gathering/proposals/${s.id}`}>{s.title}</A>
                              <span class="muted small block">
                                {s.location} · <span class={`tag ${proposalStatusClass(s.status)}`}>{proposalStatusLabel(s.status)}</span>
                                {t('similar.score', { n: Math.round(s.score * 100) })}
                              </span>
                            </div>
                            <Show when={screener()}>
                              <Button small onClick={() => void mergeInto(s)} aria-label={t('similar.mergeAria', { title: s.title })}>
                                {t('similar.merge')}
                              </Button>
                            </Show>
                          </li>
                        )}
                      </For>
                    </ul>
                  </Show>
                )}
              </Async>
            </section>
          </Show>

          <Show when={p().status === 'not_adopted' && screener()}>
            <section class="card" aria-labelledby="p-reserve">
              <h2 id="p-reserve">{t('reserve.title')}</h2>
              <p class="muted">{t('reserve.lead')}</p>
              <Button onClick={() => void reserve()}>{t('reserve.confirm')}</Button>
            </section>
          </Show>

          <Show when={p().status === 'reserved' && !p().revivedAs && can(id(), 'gathering.proposals.revive')}>
            <RevivePanel p={p()} onDone={(np) => { toast(t('revive.done', { year: np.year, code: np.trackingCode })); navigate(`/c/${id()}/gathering/proposals/${np.id}`); }} />
          </Show>
        </aside>

        <div class="detail-main detail-bottom">
          <section class="card" aria-labelledby="p-checks">
            <h2 id="p-checks">{t('checks.title')}</h2>
            <Show when={pending() && screener()} fallback={<p class="muted">{pending() ? t('checks.readerLead') : t('checks.doneLead')}</p>}>
              <p class="muted">{t('checks.lead')}</p>
            </Show>
            <Show when={p().id} keyed>
              <ChecksForm
                congressId={id()}
                proposalId={p().id}
                checks={p().checks}
                editable={pending() && screener()}
                onDirty={setChecksDirty}
                onSaved={(checks) => props.replace({ ...p(), checks })}
              />
            </Show>
          </section>

          <Show when={pending() && screener()}>
            <section class="card decide" aria-labelledby="p-decide">
              <h2 id="p-decide">{t('decide.title')}</h2>
              <p class="muted">{t('decide.lead')}</p>
              <div class="decide-options">
                <div class="decide-option">
                  <Button variant="primary" disabled={blockers().length > 0} onClick={() => setDialog('accept')} aria-describedby="accept-blockers">
                    {t('decide.accept')}
                  </Button>
                  <Show when={blockers().length > 0} fallback={<p class="hint" id="accept-blockers">{t('decide.acceptReady')}</p>}>
                    <ul class="blockers" id="accept-blockers">
                      <For each={blockers()}>{(b) => <li>{b}</li>}</For>
                    </ul>
                  </Show>
                </div>
                <div class="decide-option">
                  <Button onClick={() => setDialog('merge')}>{t('decide.merge')}</Button>
                  <p class="hint">{t('decide.mergeHint')}</p>
                </div>
                <div class="decide-option">
                  <Button variant="danger" onClick={() => setDialog('reject')}>
                    {t('decide.reject')}
                  </Button>
                  <p class="hint">{t('decide.rejectHint')}</p>
                </div>
              </div>
            </section>
          </Show>
        </div>
      </div>

      <Dialog open={dialog() === 'accept'} onClose={() => setDialog(null)} title={t('accept.title')} wide>
        <AcceptDialog p={p()} onCancel={() => setDialog(null)} onDone={() => decided(t('accept.done', { title: p().title }))} />
      </Dialog>
      <Dialog open={dialog() === 'merge'} onClose={() => setDialog(null)} title={t('merge.title')}>
        <MergeForm p={p()} onCancel={() => setDialog(null)} onDone={(title) => decided(t('merge.done', { title }))} />
      </Dialog>
      <Dialog open={dialog() === 'reject'} onClose={() => setDialog(null)} title={t('reject.title')}>
        <RejectForm p={p()} onCancel={() => setDialog(null)} onDone={(reserved) => decided(t(reserved ? 'reject.doneReserved' : 'reject.done'))} />
      </Dialog>
    </>
  );
}

/** The decision, once made, at the top of the page. */
function Outcome(props: { p: Proposal }) {
  const { id } = useCongress();
  const p = () => props.p;
  return (
    <Switch>
      <Match when={p().status === 'accepted'}>
        <Alert kind="success" title={t('outcome.accepted', { date: p().screenedAt ? fmt.date(p().screenedAt!) : '' })}>
          <Show when={p().decisionReason}>
            <p>{t('outcome.note', { note: p().decisionReason })}</p>
          </Show>
          <p>
            <A href={`/c/${id()}/gathering/candidates?year=${p().year}`}>{t('outcome.toCandidates')}</A>
          </p>
        </Alert>
      </Match>
      <Match when={p().status === 'merged'}>
        <Alert kind="info" title={t('outcome.merged')}>
          <Show when={p().mergedInto}>
            {(m) => (
              <p>
                <A href={`/c/${id()}/gathering/proposals/${m().id}`}>{m().title}</A> <span class="mono small">{m().trackingCode}</span>
              </p>
            )}
          </Show>
          <Show when={p().decisionReason}>
            <p>{t('outcome.reason', { reason: p().decisionReason })}</p>
          </Show>
        </Alert>
      </Match>
      <Match when={p().status === 'not_adopted'}>
        <Alert kind="warning" title={t('outcome.notAdopted')}>
          <p>{t('outcome.reason', { reason: p().decisionReason })}</p>
        </Alert>
      </Match>
      <Match when={p().status === 'reserved'}>
        <Alert kind="info" title={t('outcome.reserved')}>
          <Show when={p().decisionReason}>
            <p>{t('outcome.reason', { reason: p().decisionReason })}</p>
          </Show>
        </Alert>
      </Match>
    </Switch>
  );
}

/** Merges, the candidate it became, and its life across years in the reserve pool. */
function Links(props: { p: Proposal }) {
  const { id } = useCongress();
  const p = () => props.p;
  const any = () => p().mergedFrom.length > 0 || p().revivedFrom || p().revivedAs || p().candidateId;
  return (
    <Show when={any()}>
      <section class="card" aria-labelledby="p-links">
        <h2 id="p-links">{t('proposal.links')}</h2>
        <ul class="link-list">
          <Show when={p().candidateId}>
            <li>
              {t('proposal.link.candidate')} <A href={`/c/${id()}/gathering/candidates?year=${p().year}`}>{t('outcome.toCandidates')}</A>
            </li>
          </Show>
          <Show when={p().mergedFrom.length > 0}>
            <li>
              {t('proposal.link.mergedFrom', { n: p().mergedFrom.length })}
              <ul class="plain-list">
                <For each={p().mergedFrom}>
                  {(m) => (
                    <li>
                      <A href={`/c/${id()}/gathering/proposals/${m.id}`}>{m.title}</A> <span class="mono small muted">{m.trackingCode}</span>
                    </li>
                  )}
                </For>
              </ul>
            </li>
          </Show>
          <Show when={p().revivedFrom}>
            {(r) => (
              <li>
                {t('proposal.link.revivedFrom', { year: r().year })} <A href={`/c/${id()}/gathering/proposals/${r().id}`}>{r().trackingCode}</A>
              </li>
            )}
          </Show>
          <Show when={p().revivedAs}>
            {(r) => (
              <li>
                {t('proposal.link.revivedAs')} <A href={`/c/${id()}/gathering/proposals/${r()}`}>{t('proposal.link.open')}</A>
              </li>
            )}
          </Show>
        </ul>
      </section>
    </Show>
  );
}

function AcceptDialog(props: { p: Proposal; onCancel: () => void; onDone: () => void }) {
  const { id } = useCongress();
  const [departments, { refetch }] = createResource(id, fetchDepartments);
  return (
    <Async resource={departments} retry={refetch}>
      {(list) => (
        <CandidateFieldsForm
          departments={list}
          withNote
          intro={<p class="lead">{t('accept.lead')}</p>}
          initial={{
            title: props.p.title,
            content: props.p.description.slice(0, 2000),
            leadDepartmentId: '',
            coDepartmentIds: [],
            plannedInvestment: props.p.estimatedInvestment ?? '',
            fundingSource: '',
            plannedCompletion: `${props.p.year}-12-31`,
            expectedOutcome: '',
          }}
          submitLabel={t('accept.submit')}
          onSubmit={(candidate, note) => acceptProposal(id(), props.p.id, { candidate, note })}
          onCancel={props.onCancel}
          onDone={props.onDone}
        />
      )}
    </Async>
  );
}

function MergeForm(props: { p: Proposal; onCancel: () => void; onDone: (title: string) => void }) {
  const { id } = useCongress();
  const form = createFormState();
  const [targets, { refetch }] = createResource(
    () => ({ id: id(), year: props.p.year }),
    async (s) => (await fetchProposals(s.id, { year: s.year })).filter((x) => x.id !== props.p.id && (x.status === 'submitted' || x.status === 'accepted')),
  );
  const [into, setInto] = createSignal('');
  const [reason, setReason] = createSignal('');

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!into()) return form.setErrors({ intoId: t('merge.chooseTarget') });
    const target = targets.latest?.find((x) => x.id === into());
    const ok = await form.run(() => mergeProposal(id(), props.p.id, { intoId: into(), reason: reason().trim() }), ['intoId', 'reason']);
    if (ok) props.onDone(target?.title ?? '');
  };

  return (
    <Async resource={targets} retry={refetch}>
      {(list) => (
        <form onSubmit={submit} novalidate>
          <p>{t('merge.lead', { year: props.p.year })}</p>
          <FormError error={form.formError()} />
          <Show when={list.length > 0} fallback={<Alert kind="info" title={t('merge.noTargets')} />}>
            <SelectField
              label={t('merge.target')}
              value={into()}
              onValue={setInto}
              placeholder={t('merge.chooseTarget')}
              options={list.map((x) => ({ value: x.id, label: t('merge.targetOption', { title: x.title, location: x.location, status: proposalStatusLabel(x.status), code: x.trackingCode }) }))}
              error={form.error('intoId')}
              required
            />
            <TextAreaField label={t('merge.reason')} hint={t('merge.reasonHint')} value={reason()} onValue={setReason} error={form.error('reason')} rows={2} maxlength={500} />
            <p class="consequence">{t('merge.consequence')}</p>
          </Show>
          <div class="dialog-actions">
            <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
            <Button type="submit" variant="primary" busy={form.busy()} disabled={list.length === 0}>
              {t('merge.submit')}
            </Button>
          </div>
        </form>
      )}
    </Async>
  );
}

function RejectForm(props: { p: Proposal; onCancel: () => void; onDone: (reserved: boolean) => void }) {
  const { id } = useCongress();
  const form = createFormState();
  const [reason, setReason] = createSignal(props.p.negativeListHits.length ? t('reject.negativeReason', { words: props.p.negativeListHits.join(t('list.separator')) }) : '');
  const [reserve, setReserve] = createSignal(false);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!reason().trim()) return form.setErrors({ reason: t('reject.reasonRequired') });
    const ok = await form.run(() => rejectProposal(id(), props.p.id, { reason: reason().trim(), reserve: reserve() }), ['reason', 'reserve']);
    if (ok) props.onDone(reserve());
  };

  return (
    <form onSubmit={submit} novalidate>
      <FormError error={form.formError()} />
      <TextAreaField label={t('reject.reason')} hint={t('reject.reasonHint')} value={reason()} onValue={setReason} error={form.error('reason')} rows={4} maxlength={1000} required />
      <CheckField label={t('reject.reserve')} hint={t('reject.reserveHint')} checked={reserve()} onValue={setReserve} />
      <p class="consequence">{t('reject.consequence')}</p>
      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="danger" busy={form.busy()}>
          {reserve() ? t('reject.submitReserve') : t('reject.submit')}
        </Button>
      </div>
    </form>
  );
}

/** 储备库: bring a reserved proposal back in a later year's window, as a new proposal linked to this one. */
function RevivePanel(props: { p: Proposal; onDone: (p: Proposal) => void }) {
  const { id } = useCongress();
  const [windows] = createResource(id, fetchWindows);
  const later = () => (latest(windows) ?? []).filter((w) => w.year > props.p.year);
  const [chosen, setChosen] = createSignal('');
  const target = () => later().find((w) => w.id === chosen()) ?? later()[0];

  const revive = () => {
    const w = target();
    if (!w) return;
    let created: Proposal | null = null;
    void confirmAction({
      title: t('revive.confirm.title', { year: w.year }),
      message: <p>{t('revive.confirm.message', { year: w.year })}</p>,
      confirmLabel: t('revive.confirm.button', { year: w.year }),
      action: async () => {
        created = await reviveProposal(id(), props.p.id, w.id);
      },
    }).then((ok) => ok && created && props.onDone(created));
  };

  return (
    <section class="card" aria-labelledby="p-revive">
      <h2 id="p-revive">{t('revive.title')}</h2>
      <p class="muted">{t('revive.lead')}</p>
      <Show when={later().length > 0} fallback={<p class="hint">{t('revive.noWindow', { year: props.p.year + 1 })}</p>}>
        <Show when={later().length > 1}>
          <SelectField
            label={t('revive.window')}
            value={target()?.id ?? ''}
            onValue={setChosen}
            options={later().map((w) => ({ value: w.id, label: t('windows.yearValue', { year: w.year }) }))}
          />
        </Show>
        <Button variant="primary" onClick={revive}>
          {t('revive.button', { year: target()!.year })}
        </Button>
      </Show>
    </section>
  );
}
