import { A, useNavigate } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { CreateSession } from '../../../shared/session/schema.ts';
import { FormError } from '../components/Alert.tsx';
import { Async } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { TextField } from '../components/Field.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Table } from '../components/Table.tsx';
import { toast } from '../components/Toast.tsx';
import { useCongress } from '../congress/context.tsx';
import { createFormState } from '../forms.ts';
import { fmt, t } from '../i18n.ts';
import { can } from '../session.ts';
import { createSession, fetchSessions, type SessionSummary } from './hall.data.ts';
import { QuorumTag } from './SessionPage.tsx';
import { shanghaiToday } from '../../../shared/time.ts';

/** 会议: each sitting of the congress, with who is present and whether the quorum is met. */
export default function SessionsPage() {
  const { id } = useCongress();
  const navigate = useNavigate();
  const [list, { refetch }] = createResource(id, fetchSessions);
  const [creating, setCreating] = createSignal(false);
  const admin = () => can(id(), 'session.manage');

  return (
    <Show when={can(id(), 'session.hall')} fallback={<NoAccess />}>
      <PageHeader
        title={t('sessions.title')}
        lead={t('sessions.lead')}
        actions={
          <Show when={admin()}>
            <Button variant="primary" onClick={() => setCreating(true)}>
              {t('sessions.add')}
            </Button>
          </Show>
        }
      />
      <Async resource={list} retry={refetch}>
        {(rows) => (
          <Table
            caption={t('sessions.title')}
            rows={rows}
            empty={
              <EmptyState
                title={t('sessions.empty')}
                action={
                  <Show when={admin()}>
                    <Button variant="primary" onClick={() => setCreating(true)}>
                      {t('sessions.add')}
                    </Button>
                  </Show>
                }
              >
                {admin() ? t('sessions.emptyNext') : t('sessions.emptyWait')}
              </EmptyState>
            }
            columns={[
              {
                header: () => t('sessions.field.name'),
                noLabel: true,
                cell: (s: SessionSummary) => (
                  <>
                    <A href={`/c/${id()}/sessions/${s.id}`} class="strong-link">
                      {s.name}
                    </A>
                    <span class="muted small block">{fmt.date(s.date)}</span>
                  </>
                ),
              },
              {
                header: () => t('sessions.field.attendance'),
                class: 'nowrap',
                cell: (s: SessionSummary) => <span class="num">{t('sessions.presentOfSeated', { present: s.present, seated: s.seated })}</span>,
              },
              { header: () => t('sessions.field.quorum'), cell: (s: SessionSummary) => <QuorumTag s={s} /> },
            ]}
          />
        )}
      </Async>
      <Dialog open={creating()} onClose={() => setCreating(false)} title={t('sessions.add')}>
        <NewSessionForm
          onCancel={() => setCreating(false)}
          onDone={(s) => {
            setCreating(false);
            toast(t('sessions.created', { name: s.name }));
            navigate(`/c/${id()}/sessions/${s.id}`);
          }}
          congressId={id()}
        />
      </Dialog>
    </Show>
  );
}

function NewSessionForm(props: { congressId: string; onCancel: () => void; onDone: (s: SessionSummary) => void }) {
  const form = createFormState();
  const [name, setName] = createSignal('');
  const [date, setDate] = createSignal(shanghaiToday());
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const input = form.check(CreateSession, { name: name(), date: date() });
    if (!input) return;
    const done = await form.run(() => createSession(props.congressId, input), ['name', 'date']);
    if (done) props.onDone(done.value);
  };
  return (
    <form onSubmit={submit} novalidate>
      <FormError error={form.formError()} />
      <TextField label={t('sessions.field.name')} hint={t('sessions.field.nameHint')} value={name()} onValue={setName} error={form.error('name')} maxlength={120} required />
      <TextField label={t('sessions.field.date')} type="date" value={date()} onValue={setDate} error={form.error('date')} required />
      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={form.busy()}>
          {t('sessions.new.submit')}
        </Button>
      </div>
    </form>
  );
}
