import { A, useNavigate, useParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { FormError } from '../components/Alert.tsx';
import { Async, latest } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { SelectField, TextField } from '../components/Field.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Table } from '../components/Table.tsx';
import { toast } from '../components/Toast.tsx';
import { useCongress } from '../congress/context.tsx';
import { createFormState } from '../forms.ts';
import { fetchLists } from '../gathering/gathering.data.ts';
import { replaced } from '../gathering/ListsPage.tsx';
import { fmt, t } from '../i18n.ts';
import { can } from '../session.ts';
import { createVote, every, fetchAttendance, fetchMotions, fetchSession, fetchVotes, markAttendance, type AttendanceRow, type AttendanceStatus, type Motion, type SessionSummary, type Vote } from './hall.data.ts';
import { ExportPackageButton } from '../hallbox/ExportButton.tsx';
import { MotionsSection } from './Motions.tsx';
import './hall.css';

export function QuorumTag(props: { s: SessionSummary }) {
  return (
    <span class={`tag ${props.s.quorum.met ? 'tag-ok' : 'tag-warn'}`}>
      {props.s.quorum.met ? t('session.quorum.met', { needed: props.s.quorum.needed }) : t('session.quorum.notMet', { needed: props.s.quorum.needed })}
    </span>
  );
}

export function VoteStateTag(props: { vote: Vote }) {
  const cls = () => (props.vote.state === 'open' ? 'tag-ok' : props.vote.state === 'closed' ? 'tag-muted' : 'tag-warn');
  return <span class={`tag ${cls()}`}>{t(`vote.state.${props.vote.state}`)}</span>;
}

const STATUSES: AttendanceStatus[] = ['present', 'leave', 'absent'];

/** One session: live counts with the quorum line, the attendance list (staff mark it), and its votes. */
export default function SessionPage() {
  const { id, congress } = useCongress();
  const params = useParams<{ sessionId: string }>();
  const navigate = useNavigate();
  const key = () => ({ c: id(), s: params.sessionId });
  const [summary, { refetch: refetchSummary, mutate: setSummary }] = createResource(key, (k) => fetchSession(k.c, k.s));
  const [rows, { refetch: refetchRows }] = createResource(key, (k) => fetchAttendance(k.c, k.s));
  const [votes, { refetch: refetchVotes }] = createResource(key, (k) => fetchVotes(k.c, k.s));
  const [motions, { refetch: refetchMotions }] = createResource(key, (k) => fetchMotions(k.c, k.s));
  const motionsChanged = () => {
    void refetchMotions();
    void refetchVotes();
  };
  const [creating, setCreating] = createSignal(false);
  const [filter, setFilter] = createSignal('');
  const admin = () => can(id(), 'session.manage');
  onCleanup(
    every(4000, () => {
      void refetchSummary();
      void refetchRows();
    }),
  );

  const mark = async (r: AttendanceRow, status: AttendanceStatus) => {
    try {
      setSummary(await markAttendance(id(), params.sessionId, r.representativeId, status));
      toast(t('session.marked', { name: r.name, status: t(`attendance.${status}`) }));
      void refetchRows();
    } catch (e) {
      toast(e instanceof Error ? e.message : String(e), 'error');
    }
  };
  const shown = createMemo(() => {
    const q = filter().trim();
    const all = latest(rows) ?? [];
    return q ? all.filter((r) => r.name.includes(q) || r.delegation.includes(q)) : all;
  });

  return (
    <Show when={can(id(), 'session.hall')} fallback={<NoAccess />}>
      <PageHeader
        kicker={<A href={`/c/${id()}/sessions`}>← {t('sessions.title')}</A>}
        title={latest(summary)?.name ?? t('session.title')}
        lead={latest(summary) ? fmt.date(latest(summary)!.date) : undefined}
        actions={
          <>
            {/* The projector opens this address on its own screen (no account needed there). */}
            <a class="btn btn-secondary" href={`/screen/${params.sessionId}`} target="_blank" rel="noopener">
              {t('screen.open')}
            </a>
            <Show when={can(id(), 'session.checkIn')}>
              <A class="btn btn-primary" href={`/c/${id()}/sessions/${params.sessionId}/check-in`}>
                {t('checkin.open')}
              </A>
            </Show>
            {/* The hall in a box: a township that held its session offline gives its county the signed package afterwards. */}
            <Show when={can(id(), 'hallbox.export')}>
              <ExportPackageButton congressId={id()} sessionId={params.sessionId} />
            </Show>
            <Show when={can(id(), 'kiosk.manage')}>
              <A class="btn btn-secondary" href={`/c/${id()}/sessions/${params.sessionId}/kiosks`}>
                {t('kiosk.setup.link')}
              </A>
            </Show>
          </>
        }
      />
      <Async resource={summary} retry={refetchSummary}>
        {(s) => (
          <section class="hall-counts" aria-label={t('session.counts')}>
            <div class="stat">
              <span class="stat-label">{t('session.seated')}</span>
              <span class="stat-value num">{s.seated}</span>
            </div>
            <div class="stat stat-strong">
              <span class="stat-label">{t('session.present')}</span>
              <span class="stat-value num">{s.present}</span>
            </div>
            <div class="stat">
              <span class="stat-label">{t('session.leave')}</span>
              <span class="stat-value num">{s.leave}</span>
            </div>
            <div class="stat">
              <span class="stat-label">{t('session.absent')}</span>
              <span class="stat-value num">{s.absent}</span>
            </div>
            <p class="quorum-line" classList={{ met: s.quorum.met }}>
              <QuorumTag s={s} /> {t('session.quorum.line', { present: s.present, needed: s.quorum.needed, seated: s.seated, fraction: fmt.fraction(congress().settings.quorum) })}
            </p>
          </section>
        )}
      </Async>

      <section class="section">
        <div class="section-head">
          <h2>{t('votes.title')}</h2>
          <Show when={can(id(), 'ballot.votes.manage')}>
            <Button variant="secondary" onClick={() => setCreating(true)}>
              {t('votes.add')}
            </Button>
          </Show>
        </div>
        <Async resource={votes} retry={refetchVotes}>
          {(list) => (
            <Table
              caption={t('votes.title')}
              rows={list}
              empty={<EmptyState title={t('votes.empty')}>{t('votes.emptyNext')}</EmptyState>}
              columns={[
                {
                  header: () => t('votes.field.title'),
                  noLabel: true,
                  cell: (v: Vote) => (
                    <A class="strong-link" href={`/c/${id()}/sessions/${params.sessionId}/votes/${v.id}`}>
                      {v.title}
                    </A>
                  ),
                },
                { header: () => t('votes.field.questions'), class: 'nowrap', cell: (v: Vote) => <span class="num">{t('votes.questionsShort', { n: v.questions.length })}</span> },
                { header: () => t('votes.field.state'), cell: (v: Vote) => <VoteStateTag vote={v} /> },
                { header: () => t('votes.field.cards'), class: 'nowrap', cell: (v: Vote) => <span class="num">{t('votes.cardsShort', { generated: v.cards.generated, issued: v.cards.issued })}</span> },
              ]}
            />
          )}
        </Async>
      </section>

      <Async resource={motions} retry={refetchMotions}>
        {(list) => (
          <MotionsSection
            congressId={id()}
            sessionId={params.sessionId}
            session={latest(summary)}
            motions={list}
            votes={latest(votes) ?? []}
            manage={can(id(), 'ballot.votes.manage')}
            onChange={motionsChanged}
          />
        )}
      </Async>

      <section class="section">
        <div class="section-head">
          <h2>{t('session.attendance')}</h2>
          <input class="search-input" type="search" placeholder={t('session.filter')} aria-label={t('session.filter')} value={filter()} onInput={(e) => setFilter(e.currentTarget.value)} />
        </div>
        <Async resource={rows} retry={refetchRows}>
          {() => (
            <Table
              caption={t('session.attendance')}
              rows={shown()}
              empty={<EmptyState title={t('session.noneSeated')}>{t('session.noneSeatedNext')}</EmptyState>}
              columns={[
                { header: () => t('session.field.name'), cell: (r: AttendanceRow) => <strong>{r.name}</strong> },
                { header: () => t('session.field.delegation'), cell: (r: AttendanceRow) => r.delegation || '—' },
                {
                  header: () => t('session.field.status'),
                  cell: (r: AttendanceRow) => (
                    <span class={`tag ${r.status === 'present' ? 'tag-ok' : r.status ? 'tag-warn' : 'tag-muted'}`}>
                      {r.status ? t(`attendance.${r.status}`) : t('attendance.unknown')}
                      {r.via === 'card' ? ` · ${t('attendance.viaCard')}` : ''}
                    </span>
                  ),
                },
                {
                  header: () => t('common.actions'),
                  noLabel: true,
                  class: 'actions',
                  cell: (r: AttendanceRow) => (
                    <Show when={admin()}>
                      <div class="seg-small" role="group" aria-label={t('session.markAria', { name: r.name })}>
                        <For each={STATUSES}>
                          {(st) => (
                            <button type="button" class="btn btn-sm btn-secondary" aria-pressed={r.status === st} onClick={() => mark(r, st)}>
                              {t(`attendance.${st}`)}
                            </button>
                          )}
                        </For>
                      </div>
                    </Show>
                  ),
                },
              ]}
            />
          )}
        </Async>
      </section>

      <Dialog open={creating()} onClose={() => setCreating(false)} title={t('votes.add')}>
        <NewVoteForm
          congressId={id()}
          sessionId={params.sessionId}
          motions={latest(motions) ?? []}
          onCancel={() => setCreating(false)}
          onDone={(v) => {
            setCreating(false);
            // The next step is on the new vote's page (its cards, its rules): go there rather than back to the list.
            toast(t('hall.vote.createdGo', { title: v.title }));
            navigate(`/c/${id()}/sessions/${params.sessionId}/votes/${v.id}`);
          }}
        />
      </Dialog>
    </Show>
  );
}

function NewVoteForm(props: { congressId: string; sessionId: string; motions: readonly Motion[]; onCancel: () => void; onDone: (v: Vote) => void }) {
  const form = createFormState();
  const [lists] = createResource(() => props.congressId, fetchLists);
  const frozen = () => (latest(lists) ?? []).filter((l) => l.frozenAt && !replaced(l, latest(lists) ?? []));
  /** The list chosen: '' until one is picked (the newest frozen one then), NONE for a sitting of motions only. */
  const [listId, setListId] = createSignal('');
  const NONE = 'none';
  const chosenList = () => (listId() === NONE ? undefined : listId() || frozen()[0]?.id);
  /** The session's motions not on a vote yet, any of them ticked to go on the card (in the order shown). */
  const free = () => props.motions.filter((m) => m.state === 'draft' && !m.voteId);
  const [ticked, setTicked] = createSignal<string[]>([]);
  const usualTitle = () => (chosenList() ? t('votes.defaultTitle') : t('votes.sittingTitle'));
  /** Until the office writes its own, the title follows what the card asks (a project vote, or a sitting). */
  const [title, setTitle] = createSignal<string | null>(null);
  const shownTitle = () => title() ?? usualTitle();
  const tick = (id: string, on: boolean) => setTicked(on ? [...ticked(), id] : ticked().filter((x) => x !== id));
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const list = chosenList();
    const motionIds = free()
      .map((m) => m.id)
      .filter((id) => ticked().includes(id));
    if (!list && motionIds.length === 0) return form.setFormError({ message: frozen().length || free().length ? t('votes.needQuestion') : t('votes.noFrozenList'), extra: [] });
    const done = await form.run(() => createVote(props.congressId, props.sessionId, { ...(list ? { listId: list } : {}), ...(motionIds.length ? { motionIds } : {}), title: shownTitle() }), ['title', 'listId', 'motionIds']);
    if (done) props.onDone(done.value);
  };
  return (
    <form onSubmit={submit} novalidate>
      <p class="lead">{t('votes.new.lead')}</p>
      <FormError error={form.formError()} />
      <SelectField
        label={t('votes.field.list')}
        value={listId() || frozen()[0]?.id || NONE}
        onValue={setListId}
        options={[...frozen().map((l) => ({ value: l.id, label: `${l.title} · ${t('lists.version', { n: l.version })}` })), { value: NONE, label: t('votes.field.listNone') }]}
        error={form.error('listId')}
      />
      <Show when={free().length > 0}>
        <fieldset class="field new-vote-motions" aria-describedby="new-vote-motions-hint">
          <legend>{t('votes.field.motions')}</legend>
          <p class="hint" id="new-vote-motions-hint">
            {t('votes.field.motionsHint')}
          </p>
          <For each={free()}>
            {(m) => (
              <label class="motion-pick">
                <input type="checkbox" checked={ticked().includes(m.id)} onChange={(e) => tick(m.id, e.currentTarget.checked)} />
                <span>
                  <span class="tag">{t(`motion.kind.${m.kind}`)}</span> {m.title}
                </span>
              </label>
            )}
          </For>
          <Show when={form.error('motionIds')}>
            <p class="field-error">{form.error('motionIds')}</p>
          </Show>
        </fieldset>
      </Show>
      <TextField label={t('votes.field.title')} value={shownTitle()} onValue={setTitle} error={form.error('title')} maxlength={120} required />
      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={form.busy() || lists.loading}>
          {t('votes.new.submit')}
        </Button>
      </div>
    </form>
  );
}
