import { A } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { CreateWindow, UpdateWindow } from '../../../shared/gathering/schema.ts';
import { FormError, Alert } from '../components/Alert.tsx';
import { Async, latest } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { confirmAction, Dialog } from '../components/Dialog.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { TextField } from '../components/Field.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { nowrap } from '../components/Nowrap.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Table } from '../components/Table.tsx';
import { toast } from '../components/Toast.tsx';
import { useCongress } from '../congress/context.tsx';
import { createFormState } from '../forms.ts';
import { fmt, t, tx } from '../i18n.ts';
import { windowStateClass, windowStateLabel } from '../labels.ts';
import { submitPageUrl } from '../public/public.data.ts';
import { can } from '../session.ts';
import { closeWindow, createWindow, currentWindow, fetchWindows, updateWindow, type CollectionWindow } from './gathering.data.ts';
import { addDays, shanghaiToday } from '../../../shared/time.ts';
import './gathering.css';


/**
 * 征集安排: one collection window per year — when residents and every other channel may send proposals. Staff
 * schedule it, move its dates, close it early (and reopen it by moving the dates); the public page, the poster and
 * the tracking page are linked from here.
 */
export default function WindowsPage() {
  const { id, congress } = useCongress();
  const [windows, { refetch }] = createResource(id, fetchWindows);
  const admin = () => can(id(), 'gathering.windows.manage');
  const [editing, setEditing] = createSignal<CollectionWindow | 'new' | null>(null);

  const close = (w: CollectionWindow) =>
    confirmAction({
      title: t('windows.close.title'),
      message: (
        <>
          <p>{t('windows.close.message', { year: w.year })}</p>
          <p>{t('windows.close.next')}</p>
        </>
      ),
      confirmLabel: t('windows.close.confirm'),
      danger: true,
      action: () => closeWindow(id(), w.id),
    }).then((ok) => {
      if (ok) {
        toast(t('windows.close.done', { year: w.year }));
        void refetch();
      }
    });

  return (
    <Show when={can(id(), 'gathering.windows.page')} fallback={<NoAccess />}>
      <PageHeader
        title={t('windows.title')}
        lead={t('windows.lead', { congress: congress().name })}
        actions={
          <Show when={admin()}>
            <Button variant="primary" onClick={() => setEditing('new')}>
              {t('windows.add')}
            </Button>
          </Show>
        }
      />
      <Async resource={windows} retry={refetch}>
        {(list) => {
          const current = () => currentWindow(list);
          return (
            <>
              <Show when={current()}>
                {(w) => (
                  <Alert kind="info" title={tx(`windows.now.${w().state}`, { year: String(w().year), from: nowrap(fmt.date(w().opensOn)), to: nowrap(fmt.date(w().closesOn)) })}>
                    <p>{t(`windows.now.${w().state}.next`)}</p>
                  </Alert>
                )}
              </Show>
              <Table
                caption={t('windows.title')}
                rows={list}
                empty={
                  <EmptyState
                    title={t('windows.empty')}
                    action={
                      <Show when={admin()}>
                        <Button variant="primary" onClick={() => setEditing('new')}>
                          {t('windows.add')}
                        </Button>
                      </Show>
                    }
                  >
                    {admin() ? t('windows.emptyNext') : t('windows.emptyNextReader')}
                  </EmptyState>
                }
                columns={[
                  { header: () => t('windows.year'), class: 'nowrap', cell: (w) => <strong>{t('windows.yearValue', { year: w.year })}</strong> },
                  {
                    header: () => t('windows.dates'),
                    cell: (w) => (
                      <>
                        {tx('windows.range', { from: nowrap(fmt.date(w.opensOn)), to: nowrap(fmt.date(w.closesOn)) })}
                        <Show when={w.closedAt}>
                          <span class="muted small block">{t('windows.closedEarly', { at: fmt.dateTime(w.closedAt!) })}</span>
                        </Show>
                      </>
                    ),
                  },
                  { header: () => t('windows.state'), cell: (w) => <span class={`tag ${windowStateClass(w.state)}`}>{windowStateLabel(w.state)}</span> },
                  {
                    header: () => t('windows.proposals'),
                    class: 'nowrap',
                    cell: (w) => (
                      <A href={`/c/${id()}/gathering/proposals?year=${w.year}`} aria-label={t('a11y.proposalsOfYear', { count: t('windows.proposalsCount', { n: fmt.count(w.proposals) }), year: w.year })}>
                        {t('windows.proposalsCount', { n: fmt.count(w.proposals) })}
                      </A>
                    ),
                  },
                  ...(admin()
                    ? [
                        {
                          header: () => t('common.actions'),
                          noLabel: true,
                          class: 'actions',
                          cell: (w: CollectionWindow) => (
                            <div class="row-actions">
                              <Button small onClick={() => setEditing(w)} aria-label={t('a11y.ofYear', { action: t('windows.edit'), year: w.year })}>
                                {t('windows.edit')}
                              </Button>
                              <Show when={w.state === 'open'}>
                                <Button small variant="danger" onClick={() => void close(w)} aria-label={t('a11y.ofYear', { action: t('windows.close.button'), year: w.year })}>
                                  {t('windows.close.button')}
                                </Button>
                              </Show>
                            </div>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
            </>
          );
        }}
      </Async>

      <section class="card public-links" aria-labelledby="public-links-title">
        <h2 id="public-links-title">{t('windows.public.title')}</h2>
        <p class="muted">{t('windows.public.lead')}</p>
        <dl class="facts">
          <div>
            <dt>{t('windows.public.submit')}</dt>
            <dd>
              <a href={`/p/${id()}`} target="_blank" rel="noopener" class="mono break">
                {submitPageUrl(id())}
              </a>
            </dd>
          </div>
          <div>
            <dt>{t('windows.public.track')}</dt>
            <dd>
              <a href="/t" target="_blank" rel="noopener" class="mono break">
                {`${location.origin}/t`}
              </a>
            </dd>
          </div>
          <div>
            <dt>{t('windows.public.list')}</dt>
            <dd>
              <a href={`/p/${id()}/candidates`} target="_blank" rel="noopener" class="mono break">
                {`${location.origin}/p/${id()}/candidates`}
              </a>
            </dd>
          </div>
        </dl>
        <div class="form-actions start">
          <A class="btn btn-secondary" href={`/c/${id()}/gathering/poster`}>
            {t('windows.public.poster')}
          </A>
        </div>
      </section>

      <Dialog
        open={editing() !== null}
        onClose={() => setEditing(null)}
        title={editing() === 'new' ? t('windows.add') : t('windows.edit.title', { year: (editing() as CollectionWindow | null)?.year ?? '' })}
      >
        <WindowForm
          congressId={id()}
          window={editing() === 'new' ? undefined : (editing() as CollectionWindow)}
          years={(latest(windows) ?? []).map((w) => w.year)}
          onCancel={() => setEditing(null)}
          onDone={(year, added) => {
            setEditing(null);
            toast(t(added ? 'windows.added' : 'windows.saved', { year }));
            void refetch();
          }}
        />
      </Dialog>
    </Show>
  );
}

function WindowForm(props: { congressId: string; window?: CollectionWindow; years: number[]; onCancel: () => void; onDone: (year: number, added: boolean) => void }) {
  const form = createFormState();
  const today = shanghaiToday();
  const nextYear = () => {
    const y = Number(today.slice(0, 4)) + 1;
    return props.years.includes(y) ? Math.max(...props.years) + 1 : y;
  };
  const [year, setYear] = createSignal(String(props.window?.year ?? nextYear()));
  const [opensOn, setOpensOn] = createSignal(props.window?.opensOn ?? today);
  const [closesOn, setClosesOn] = createSignal(props.window?.closesOn ?? addDays(today, 30));
  const reopens = () => !!props.window?.closedAt && closesOn() >= today;

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const w = props.window;
    if (w) {
      const input = form.check(UpdateWindow, { opensOn: opensOn(), closesOn: closesOn() });
      if (!input) return;
      if (input.opensOn! > input.closesOn!) return form.setErrors({ closesOn: t('windows.datesOrder') });
      const ok = await form.run(() => updateWindow(props.congressId, w.id, input), ['opensOn', 'closesOn']);
      if (ok) props.onDone(w.year, false);
    } else {
      const input = form.check(CreateWindow, { year: year() === '' ? NaN : Number(year()), opensOn: opensOn(), closesOn: closesOn() });
      if (!input) return;
      const ok = await form.run(() => createWindow(props.congressId, input), ['year', 'opensOn', 'closesOn']);
      if (ok) props.onDone(input.year, true);
    }
  };

  return (
    <form onSubmit={submit} novalidate>
      <FormError error={form.formError()} />
      <Show when={!props.window} fallback={<p class="lead">{t('windows.edit.lead', { year: props.window!.year })}</p>}>
        <TextField
          label={t('windows.year')}
          hint={t('windows.yearHint')}
          type="number"
          inputmode="numeric"
          min="2000"
          max="2100"
          class="num-input"
          value={year()}
          onValue={setYear}
          error={form.error('year')}
          required
        />
      </Show>
      <div class="row-2">
        <TextField label={t('windows.opensOn')} type="date" value={opensOn()} onValue={setOpensOn} error={form.error('opensOn')} required />
        <TextField label={t('windows.closesOn')} type="date" value={closesOn()} onValue={setClosesOn} error={form.error('closesOn')} required />
      </div>
      <p class="hint">{t('windows.datesHint')}</p>
      <Show when={reopens()}>
        <Alert kind="warning" title={t('windows.reopens')} />
      </Show>
      <div class="dialog-actions">
        <Button onClick={props.onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" busy={form.busy()}>
          {props.window ? t('common.save') : t('windows.addSubmit')}
        </Button>
      </div>
    </form>
  );
}
