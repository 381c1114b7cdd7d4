import { A, useNavigate } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { CreateCongress, type Congress } from '../../../shared/congress/schema.ts';
import * as C from '../../../shared/congress/contract.ts';
import { call } from '../api.ts';
import { FormError } from '../components/Alert.tsx';
import { Async } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { SelectField, TextField } from '../components/Field.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { toast } from '../components/Toast.tsx';
import { createFormState } from '../forms.ts';
import { fmt, t } from '../i18n.ts';
import { levelLabel, levelOptions, roleLabel } from '../labels.ts';
import { me } from '../session.ts';
import { useCongressList } from './context.tsx';
import { CongressTree } from './CongressTree.tsx';
import './congress.css';

/** Every congress this account may open; a system administrator creates new ones here. */
export default function CongressListPage() {
  const { congresses, refetch } = useCongressList();
  const [creating, setCreating] = createSignal(false);
  const admin = () => !!me()?.account.systemAdmin;

  return (
    <>
      <PageHeader
        title={t('congresses.title')}
        lead={t('congresses.lead')}
        actions={
          <Show when={admin()}>
            <Button variant="primary" onClick={() => setCreating(true)}>
              {t('congresses.create')}
            </Button>
          </Show>
        }
      />
      <Async resource={congresses} retry={refetch}>
        {(list) => (
          <Show
            when={list.length > 0}
            fallback={
              <EmptyState
                title={t('congresses.empty')}
                action={
                  <Show when={admin()} fallback={<p>{t('congresses.emptyNotAdmin')}</p>}>
                    <p>{t('congresses.emptyNext')}</p>
                    <Button variant="primary" onClick={() => setCreating(true)}>
                      {t('congresses.create')}
                    </Button>
                  </Show>
                }
              />
            }
          >
            {/* A system administrator holds every congress: at city size they are paged and found on the server, with the tree. */}
            <Show
              when={admin()}
              fallback={
                <ul class="tiles">
                  <For each={list}>
                    {(c) => (
                      <li class="tile">
                        <A href={`/c/${c.id}`} class="tile-link">
                          <span class="tile-title">{c.name}</span>
                          <span class="tile-meta">
                            {levelLabel(c.level)} · {fmt.term(c.term)}
                          </span>
                          <span class="tile-tags">
                            <For each={c.myRoles}>{(r) => <span class="tag">{roleLabel(r)}</span>}</For>
                          </span>
                        </A>
                      </li>
                    )}
                  </For>
                </ul>
              }
            >
              <CongressTree changed={refetch} />
            </Show>
          </Show>
        )}
      </Async>
      <Dialog open={creating()} onClose={() => setCreating(false)} title={t('congresses.create')}>
        <CreateCongressForm
          onCancel={() => setCreating(false)}
          onDone={(c) => {
            setCreating(false);
            refetch();
            toast(t('congresses.created', { name: c.name }));
          }}
        />
      </Dialog>
    </>
  );
}

function CreateCongressForm(props: { onCancel: () => void; onDone: (c: Congress) => void }) {
  const navigate = useNavigate();
  const form = createFormState();
  const [name, setName] = createSignal('');
  const [level, setLevel] = createSignal('county');
  const [term, setTerm] = createSignal('');

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const input = form.check(CreateCongress, { name: name(), level: level(), term: term() === '' ? NaN : Number(term()) });
    if (!input) return;
    const done = await form.run(() => call(C.createCongress, { body: input }), ['name', 'level', 'term']);
    if (done) {
      props.onDone(done.value);
      navigate(`/c/${done.value.id}`);
    }
  };

  return (
    <form onSubmit={submit} novalidate>
      <FormError error={form.formError()} />
      <TextField label={t('congress.field.name')} hint={t('congress.field.nameHint')} value={name()} onValue={setName} error={form.error('name')} required autofocus />
      <div class="row-2">
        <SelectField label={t('congress.field.level')} value={level()} onValue={setLevel} options={levelOptions()} error={form.error('level')} required />
        <TextField label={t('congress.field.term')} hint={t('congress.field.termHint')} type="number" inputmode="numeric" min="1" max="99" value={term()} onValue={setTerm} error={form.error('term')} required />
      </div>
      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={form.busy()}>
          {t('congresses.createSubmit')}
        </Button>
      </div>
    </form>
  );
}
