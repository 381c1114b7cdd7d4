import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import type { Vote } from '../../../shared/ballot/schema.ts';
import { UpdateCongress, type Congress } from '../../../shared/congress/schema.ts';
import { call } from '../api.ts';
import * as C from '../../../shared/congress/contract.ts';
import { listDepartments } from '../../../shared/departments/contract.ts';
import { listRepresentatives } from '../../../shared/roster/contract.ts';
import { FormError } from '../components/Alert.tsx';
import { Button } from '../components/Button.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { SelectField, TextField } from '../components/Field.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { toast } from '../components/Toast.tsx';
import { createFormState } from '../forms.ts';
import { fmt, t, type MessageKey } from '../i18n.ts';
import { levelLabel, levelOptions, roleLabel } from '../labels.ts';
import { can } from '../session.ts';
import { fetchSessions, fetchVotes } from '../hall/hall.data.ts';
import { useCongress } from './context.tsx';
import { SettingsForm } from './SettingsForm.tsx';
import { WorkList } from '../home/WorkList.tsx';
import './congress.css';

/** Counts for the setup checklist; each only when this account may read it. */
async function fetchSetupCounts(opts: { id: string; roster: boolean; members: boolean }) {
  const [reps, deps, members] = await Promise.all([
    opts.roster ? call(listRepresentatives, { params: { congressId: opts.id }, query: { status: 'seated' } }) : null,
    call(listDepartments, { params: { congressId: opts.id } }),
    opts.members ? call(C.listMembers, { params: { congressId: opts.id } }) : null,
  ]);
  return { seated: reps?.length ?? null, departments: deps.filter((d) => d.active).length, members: members?.length ?? null };
}

/** The latest session and its votes, for the people who run the hall: one tap from here to where they are needed. */
async function fetchCurrent(id: string) {
  const session = (await fetchSessions(id))[0]; // newest first
  if (!session) return null;
  return { session, votes: await fetchVotes(id, session.id) };
}

function CurrentSession(props: { congressId: string }) {
  const [current] = createResource(() => props.congressId, fetchCurrent);
  const voteClass = (v: Vote) => (v.state === 'open' ? 'tag-ok' : v.state === 'closed' ? 'tag-muted' : 'tag-warn');
  return (
    <Show when={current.latest}>
      {(c) => {
        const base = () => `/c/${props.congressId}/sessions/${c().session.id}`;
        return (
          <section class="card current-session" aria-labelledby="current-session">
            <div class="section-head">
              <h2 id="current-session">{t('overview.current.title')}</h2>
              <A class="btn btn-primary" href={base()}>
                {t('overview.current.open')}
              </A>
            </div>
            <p>
              <strong>{c().session.name}</strong>{' '}
              <span class="muted num">
                {fmt.date(c().session.date)} · {t('sessions.presentOfSeated', { present: c().session.present, seated: c().session.seated })}
              </span>
            </p>
            <Show when={c().votes.length > 0} fallback={<p class="muted">{t('overview.current.noVotes')}</p>}>
              <ul class="plain-list current-votes">
                <For each={c().votes}>
                  {(v) => (
                    <li>
                      <span class={`tag ${voteClass(v)}`}>{t(`vote.state.${v.state}`)}</span> <A href={`${base()}/votes/${v.id}`}>{v.title}</A>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </section>
        );
      }}
    </Show>
  );
}

/** A congress: what it is, how far its setup has come, and the rules later stages follow. */
export default function CongressOverviewPage() {
  const { id, congress, update } = useCongress();
  const isAdmin = () => can(id(), 'congress.manage');
  const [counts] = createResource(
    () => ({ id: id(), roster: can(id(), 'roster.read'), members: can(id(), 'congress.members.manage') }),
    fetchSetupCounts,
  );
  const [editing, setEditing] = createSignal(false);

  return (
    <>
      <PageHeader
        kicker={`${levelLabel(congress().level)} · ${fmt.term(congress().term)}`}
        title={congress().name}
        lead={t('overview.lead')}
        actions={
          <Show when={isAdmin()}>
            <Button onClick={() => setEditing(true)}>{t('overview.editDetails')}</Button>
          </Show>
        }
      />

      <WorkList congressId={id()} />

      <Show when={can(id(), 'session.hall')}>
        <CurrentSession congressId={id()} />
      </Show>

      <section class="card" aria-labelledby="setup-steps">
        <h2 id="setup-steps">{t('overview.steps.title')}</h2>
        <Show when={counts.state === 'errored'}>
          <p class="muted">{t('overview.steps.unavailable')}</p>
        </Show>
        <ol class="steps">
          <Step
            done={(counts.latest?.seated ?? 0) > 0}
            known={counts.latest?.seated !== null && counts.latest?.seated !== undefined}
            title="overview.steps.roster"
            status={counts.latest?.seated != null ? t('overview.steps.rosterCount', { n: fmt.count(counts.latest.seated) }) : ''}
            href={`/c/${id()}/roster`}
            linkText={(counts.latest?.seated ?? 0) > 0 ? 'overview.steps.rosterOpen' : 'overview.steps.rosterDo'}
            show={can(id(), 'roster.read')}
          />
          <Step
            done={(counts.latest?.departments ?? 0) > 0}
            known={counts.latest !== undefined}
            title="overview.steps.departments"
            status={counts.latest ? t('overview.steps.departmentsCount', { n: fmt.count(counts.latest.departments) }) : ''}
            href={`/c/${id()}/departments`}
            linkText={(counts.latest?.departments ?? 0) > 0 ? 'overview.steps.departmentsOpen' : 'overview.steps.departmentsDo'}
            show={can(id(), 'departments.office')}
          />
          <Step
            done={(counts.latest?.members ?? 0) > 1}
            known={counts.latest?.members !== null && counts.latest?.members !== undefined}
            title="overview.steps.members"
            status={counts.latest?.members != null ? t('overview.steps.membersCount', { n: fmt.count(counts.latest.members) }) : ''}
            href={`/c/${id()}/members`}
            linkText="overview.steps.membersDo"
            show={isAdmin()}
          />
        </ol>
        <Show when={congress().myRoles.length > 0}>
          <p class="muted small">
            {t('overview.myRoles')} {congress().myRoles.map(roleLabel).join('、')}
          </p>
        </Show>
      </section>

      <section class="card" id="settings" aria-labelledby="settings-title">
        <h2 id="settings-title">{t('settings.title')}</h2>
        <p class="muted">{t('settings.lead')}</p>
        <Show when={congress().id} keyed>
          <SettingsForm congress={congress()} editable={isAdmin()} onSaved={update} />
        </Show>
      </section>

      <Dialog open={editing()} onClose={() => setEditing(false)} title={t('overview.editDetails')}>
        <EditCongressForm
          congress={congress()}
          onCancel={() => setEditing(false)}
          onDone={(c) => {
            update(c);
            setEditing(false);
            toast(t('overview.detailsSaved'));
          }}
        />
      </Dialog>
    </>
  );
}

function Step(props: {
  done: boolean;
  known: boolean;
  title: MessageKey;
  status: string;
  href: string;
  linkText: MessageKey;
  show: boolean;
}) {
  return (
    <Show when={props.show}>
      <li class="step" classList={{ done: props.done && props.known }}>
        <span class="step-mark" aria-hidden="true">
          {props.done && props.known ? '✓' : ''}
        </span>
        <div class="step-text">
          <span class="step-title">{t(props.title)}</span>
          <span class="step-status">
            <Show when={props.known}>
              {props.done ? <span class="sr-only">{t('overview.steps.doneWord')} </span> : null}
              {props.status}
            </Show>
          </span>
        </div>
        <A href={props.href} class="btn btn-secondary btn-sm">
          {t(props.linkText)}
        </A>
      </li>
    </Show>
  );
}

function EditCongressForm(props: { congress: Congress; onCancel: () => void; onDone: (c: Congress) => void }) {
  const form = createFormState();
  const [name, setName] = createSignal(props.congress.name);
  const [level, setLevel] = createSignal<string>(props.congress.level);
  const [term, setTerm] = createSignal(String(props.congress.term));

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const input = form.check(UpdateCongress, { name: name(), level: level(), term: term() === '' ? NaN : Number(term()) });
    if (!input) return;
    const done = await form.run(() => call(C.updateCongress, { params: { congressId: props.congress.id }, body: input }), ['name', 'level', 'term']);
    if (done) props.onDone(done.value);
  };

  return (
    <form onSubmit={submit} novalidate>
      <FormError error={form.formError()} />
      <TextField label={t('congress.field.name')} hint={t('congress.field.nameHint')} value={name()} onValue={setName} error={form.error('name')} required />
      <div class="row-2">
        <SelectField label={t('congress.field.level')} value={level()} onValue={setLevel} options={levelOptions()} error={form.error('level')} required />
        <TextField label={t('congress.field.term')} hint={t('congress.field.termHint')} type="number" inputmode="numeric" min="1" max="99" value={term()} onValue={setTerm} error={form.error('term')} required />
      </div>
      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={form.busy()}>
          {t('common.save')}
        </Button>
      </div>
    </form>
  );
}
