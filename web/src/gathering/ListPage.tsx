import { A, useNavigate, useParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { listWarnings } from '../../../shared/gathering/schema.ts';
import { ApiError } from '../api.ts';
import { Alert, FormError } from '../components/Alert.tsx';
import { Async, latest } from '../components/Async.tsx';
import { Button } from '../components/Button.tsx';
import { confirmAction } from '../components/Dialog.tsx';
import { TextField } from '../components/Field.tsx';
import { NoAccess } from '../components/NoAccess.tsx';
import { Parts } from '../components/Nowrap.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { toast } from '../components/Toast.tsx';
import { useCongress } from '../congress/context.tsx';
import { createFormState } from '../forms.ts';
import { fmt, t } from '../i18n.ts';
import { can } from '../session.ts';
import { fetchCandidates, fetchList, fetchLists, freezeList, newListVersion, sumWan, updateList, type Candidate, type CandidateList } from './gathering.data.ts';
import { ListState } from './ListsPage.tsx';
import { SurplusMeter } from './Surplus.tsx';
import './gathering.css';

/**
 * One candidate list. A draft is built here: title and seats, candidates of its year picked and put in order with
 * up / down buttons (no dragging needed on a tablet), the 差额 shown as it changes, then frozen (admin) after a
 * warning that names the consequence. A frozen list is read-only, links to its public page, and can start a new
 * version; the versions of the list are linked to each other.
 */
export default function ListPage() {
  const { id } = useCongress();
  const params = useParams<{ listId: string }>();
  const [list, { refetch, mutate }] = createResource(() => ({ id: id(), lid: params.listId }), (s) => fetchList(s.id, s.lid));
  return (
    <Show when={can(id(), 'gathering.lists.page')} fallback={<NoAccess />}>
      <Async resource={list} retry={refetch}>
        {(l) => (
          <Show when={list.latest ?? l} keyed>
            {(current) => <ListView list={current} replace={(next) => mutate(next)} />}
          </Show>
        )}
      </Async>
    </Show>
  );
}

function ListView(props: { list: CandidateList; replace: (l: CandidateList) => void }) {
  const { id } = useCongress();
  const navigate = useNavigate();
  const l = () => props.list;
  // Every list of the congress, for the version links and for whether a newer version has been frozen.
  const [all] = createResource(id, fetchLists);
  const lists = () => latest(all) ?? [];
  const editor = () => can(id(), 'gathering.lists.edit');

  const startNewVersion = () => {
    let created: CandidateList | null = null;
    void confirmAction({
      title: t('lists.newVersion.title'),
      message: <p>{t('lists.newVersion.message', { n: l().version, next: l().version + 1 })}</p>,
      confirmLabel: t('lists.newVersion.confirm', { next: l().version + 1 }),
      action: async () => {
        created = await newListVersion(id(), l().id);
      },
    }).then((ok) => {
      if (ok && created) {
        toast(t('lists.newVersion.done', { n: created.version }));
        navigate(`/c/${id()}/gathering/lists/${created.id}`);
      }
    });
  };

  return (
    <>
      <PageHeader
        kicker={<A href={`/c/${id()}/gathering/lists`}>← {t('lists.title')}</A>}
        title={l().title}
        lead={
          <span class="proposal-lead">
            <ListState list={l()} all={lists()} />
            <span>{t('windows.yearValue', { year: l().year })}</span>
            <span>{t('lists.version', { n: l().version })}</span>
          </span>
        }
        actions={
          <Show when={l().frozenAt}>
            <a class="btn btn-secondary" href={`/p/${id()}/candidates?list=${l().id}`} target="_blank" rel="noopener">
              {t('lists.publicPage')}
            </a>
            <Show when={editor() && !l().supersededById}>
              <Button onClick={startNewVersion}>{t('lists.newVersion.button')}</Button>
            </Show>
          </Show>
        }
      />
      <Versions list={l()} all={lists()} />
      <Show when={l().frozenAt} fallback={<Builder list={l()} editable={editor()} replace={props.replace} />}>
        <FrozenView list={l()} all={lists()} />
      </Show>
    </>
  );
}

/** Links between the versions of one list (each new version points back to the one it replaces). */
function Versions(props: { list: CandidateList; all: CandidateList[] }) {
  const { id } = useCongress();
  const chain = createMemo(() => {
    const lists = props.all;
    if (!props.list.supersedesId && !props.list.supersededById) return [];
    const byId = new Map(lists.map((x) => [x.id, x]));
    let first = props.list;
    while (first.supersedesId && byId.has(first.supersedesId)) first = byId.get(first.supersedesId)!;
    const out: CandidateList[] = [first];
    while (out[out.length - 1].supersededById && byId.has(out[out.length - 1].supersededById!)) out.push(byId.get(out[out.length - 1].supersededById!)!);
    return out;
  });
  return (
    <Show when={chain().length > 1}>
      <nav class="versions" aria-label={t('lists.versions')}>
        <span class="muted">{t('lists.versions')}</span>
        <For each={chain()}>
          {(v) => (
            <Show
              when={v.id !== props.list.id}
              fallback={
                <span class="version-current" aria-current="page">
                  {t('lists.version', { n: v.version })} · {v.frozenAt ? t('lists.state.frozenShort') : t('lists.state.draft')}
                </span>
              }
            >
              <A href={`/c/${id()}/gathering/lists/${v.id}`}>
                {t('lists.version', { n: v.version })} · {v.frozenAt ? t('lists.state.frozenShort') : t('lists.state.draft')}
              </A>
            </Show>
          )}
        </For>
      </nav>
    </Show>
  );
}

function FrozenView(props: { list: CandidateList; all: CandidateList[] }) {
  const { id } = useCongress();
  const l = () => props.list;
  const successor = () => props.all.find((x) => x.id === l().supersededById);
  return (
    <>
      <Alert kind="success" title={t('lists.frozen.title', { date: fmt.dateTime(l().frozenAt!), by: l().frozenBy ?? '' })}>
        <p>{t('lists.frozen.body')}</p>
      </Alert>
      <Show when={l().supersededById}>
        <Alert kind="warning" title={successor()?.frozenAt ? t('lists.frozen.superseded', { n: successor()!.version }) : t('lists.frozen.newerDraft', { n: l().version + 1 })}>
          <p>
            <A href={`/c/${id()}/gathering/lists/${l().supersededById}`}>{t('lists.frozen.toNewer')}</A>
          </p>
        </Alert>
      </Show>
      <p class="summary-line">
        <Parts text={t('publicList.summary', { year: l().year, seats: l().seats, n: l().items.length, total: fmt.wan(sumWan(l().items.map((i) => i.plannedInvestment))) })} />
      </p>
      <ol class="cand-items staff">
        <For each={l().items}>{(c) => <CandidateBlock c={c} position={c.position} />}</For>
      </ol>
    </>
  );
}

function CandidateBlock(props: { c: Candidate; position: number }) {
  return (
    <li class="cand-item">
      <span class="cand-n" aria-hidden="true">
        {props.position}
      </span>
      <div class="cand-body">
        {/* Under the page's h1 directly (the list has no heading of its own): an h2, styled as the public list's h3. */}
        <h2>
          <span class="sr-only">{t('publicList.number', { n: props.position })} </span>
          {props.c.title}
        </h2>
        <p class="cand-content">{props.c.content}</p>
        <dl class="cand-facts">
          <div>
            <dt>{t('candidate.field.investment')}</dt>
            <dd class="num strong">{fmt.wan(Number(props.c.plannedInvestment))}</dd>
          </div>
          <div>
            <dt>{t('candidate.field.funding')}</dt>
            <dd>{props.c.fundingSource}</dd>
          </div>
          <div>
            <dt>{t('candidate.field.lead')}</dt>
            <dd>{props.c.leadDepartment.name}</dd>
          </div>
          <div>
            <dt>{t('candidate.field.co')}</dt>
            <dd>{props.c.coDepartments.length ? props.c.coDepartments.map((d) => d.name).join(t('list.separator')) : <span class="muted">{t('candidate.noCo')}</span>}</dd>
          </div>
          <div>
            <dt>{t('candidate.field.completion')}</dt>
            <dd>{fmt.date(props.c.plannedCompletion)}</dd>
          </div>
          <div>
            <dt>{t('candidate.field.outcome')}</dt>
            <dd>{props.c.expectedOutcome}</dd>
          </div>
        </dl>
      </div>
    </li>
  );
}

function Builder(props: { list: CandidateList; editable: boolean; replace: (l: CandidateList) => void }) {
  const { id, congress } = useCongress();
  const form = createFormState();
  const [pool, { refetch: refetchPool }] = createResource(() => ({ id: id(), year: props.list.year }), (s) => fetchCandidates(s.id, s.year));
  const [title, setTitle] = createSignal(props.list.title);
  const [seats, setSeats] = createSignal(String(props.list.seats));
  const [order, setOrder] = createSignal<string[]>(props.list.items.map((i) => i.id));
  const saved = () => JSON.stringify([props.list.title, String(props.list.seats), props.list.items.map((i) => i.id)]);
  const dirty = () => JSON.stringify([title(), seats(), order()]) !== saved();
  const minSurplus = () => congress().settings.candidates.minSurplus;
  const seatsN = () => (/^\d+$/.test(seats().trim()) ? Number(seats()) : NaN);

  /** Every candidate we know by id: those on the list (as saved) and those of the year. */
  const byId = createMemo(() => {
    const m = new Map<string, Candidate>();
    for (const c of props.list.items) m.set(c.id, c);
    for (const c of latest(pool) ?? []) m.set(c.id, c);
    return m;
  });
  const chosen = () => order().map((cid) => byId().get(cid)).filter((c): c is Candidate => !!c);
  const available = () => (latest(pool) ?? []).filter((c) => !order().includes(c.id));

  const move = (index: number, by: -1 | 1) => {
    const next = [...order()];
    const [x] = next.splice(index, 1);
    next.splice(index + by, 0, x);
    setOrder(next);
  };

  const save = async (): Promise<CandidateList | null> => {
    const input = { title: title().trim(), seats: seatsN(), candidateIds: order() };
    const extra: Record<string, string> = {};
    if (!input.title) extra.title = t('lists.titleRequired');
    if (!Number.isInteger(input.seats) || input.seats < 1 || input.seats > 100) extra.seats = t('lists.seatsInvalid');
    if (Object.keys(extra).length) {
      form.setErrors(extra);
      return null;
    }
    const done = await form.run(() => updateList(id(), props.list.id, input), ['title', 'seats', 'candidateIds']);
    if (!done) return null;
    props.replace(done.value);
    return done.value;
  };

  const onSave = async (e: SubmitEvent) => {
    e.preventDefault();
    if (await save()) toast(t('lists.saved'));
  };

  const freeze = async () => {
    const current = dirty() ? await save() : props.list;
    if (!current) return;
    const warnings = listWarnings(current.items.length, current.seats, minSurplus());
    if (warnings.includes('empty') || warnings.includes('fewer_than_seats')) {
      form.setFormError({ message: t('lists.freeze.tooFew', { n: current.items.length, seats: current.seats }), extra: [] });
      return;
    }
    const below = warnings.includes('below_min_surplus');
    let frozen: CandidateList | null = null;
    let ack = below;
    const ok = await confirmAction({
      title: t('lists.freeze.title'),
      message: (
        <>
          <p class="consequence">{t('lists.freeze.consequence')}</p>
          <p>{t('lists.freeze.message', { n: current.items.length, seats: current.seats })}</p>
          <Show when={below}>
            <Alert kind="warning" title={t('lists.freeze.belowTitle')}>
              <p>{t('surplus.text.below_min_surplus', { n: current.items.length, seats: current.seats, surplus: current.items.length - current.seats, min: minSurplus() })}</p>
            </Alert>
          </Show>
        </>
      ),
      confirmLabel: below ? t('lists.freeze.confirmAnyway') : t('lists.freeze.confirm'),
      danger: true,
      // A refusal is shown in the dialog in the server's words. Should the server find the surplus too small where
      // this page did not (the minimum was changed meanwhile), pressing again confirms it.
      action: async () => {
        try {
          frozen = await freezeList(id(), current.id, ack);
        } catch (e) {
          if (e instanceof ApiError && e.code === 'list_surplus_warning' && !ack) {
            ack = true;
            throw new ApiError(e.status, e.code, `${e.message} ${t('lists.freeze.pressAgain')}`);
          }
          throw e;
        }
      },
    });
    if (ok && frozen) {
      props.replace(frozen);
      toast(t('lists.freeze.done'));
    }
  };

  return (
    <form onSubmit={onSave} novalidate class="builder-form">
      <SurplusMeter candidates={order().length} seats={seatsN()} minSurplus={minSurplus()} />
      <FormError error={form.formError()} />
      <Show when={props.editable} fallback={<p class="muted">{t('lists.readOnlyDraft')}</p>}>
        <div class="row-2 list-settings">
          <TextField label={t('lists.field.title')} value={title()} onValue={setTitle} error={form.error('title')} maxlength={120} required />
          <TextField
            label={t('lists.field.seats')}
            hint={t('lists.field.seatsHint')}
            type="number"
            inputmode="numeric"
            min="1"
            max="100"
            class="num-input"
            value={seats()}
            onValue={setSeats}
            error={form.error('seats')}
            required
          />
        </div>
      </Show>

      <div class="builder">
        <section class="card" aria-labelledby="on-list">
          <h2 id="on-list">{t('lists.onList', { n: order().length })}</h2>
          <p class="muted small">{t('lists.onListLead')}</p>
          <Show when={chosen().length > 0} fallback={<p class="empty-inline">{t('lists.onListEmpty')}</p>}>
            <ol class="order-list">
              <For each={chosen()}>
                {(c, i) => (
                  <li class="order-item">
                    <span class="order-n" aria-hidden="true">
                      {i() + 1}
                    </span>
                    <div class="order-text">
                      <strong>{c.title}</strong>
                      <span class="small muted block">
                        {fmt.wan(Number(c.plannedInvestment))} · {c.leadDepartment.name}
                      </span>
                    </div>
                    <Show when={props.editable}>
                      <div class="order-buttons">
                        <button type="button" class="btn btn-sm order-btn" disabled={i() === 0} onClick={() => move(i(), -1)} aria-label={t('lists.moveUp', { title: c.title })}>
                          <span aria-hidden="true">↑</span>
                          <span class="order-btn-word">{t('lists.up')}</span>
                        </button>
                        <button type="button" class="btn btn-sm order-btn" disabled={i() === chosen().length - 1} onClick={() => move(i(), 1)} aria-label={t('lists.moveDown', { title: c.title })}>
                          <span aria-hidden="true">↓</span>
                          <span class="order-btn-word">{t('lists.down')}</span>
                        </button>
                        <button type="button" class="btn btn-sm btn-ghost" onClick={() => setOrder(order().filter((x) => x !== c.id))} aria-label={t('lists.removeAria', { title: c.title })}>
                          {t('lists.remove')}
                        </button>
                      </div>
                    </Show>
                  </li>
                )}
              </For>
            </ol>
          </Show>
        </section>

        <Show when={props.editable}>
          <section class="card" aria-labelledby="pool">
            <h2 id="pool">{t('lists.pool', { year: props.list.year })}</h2>
            <Async resource={pool} retry={refetchPool}>
              {() => (
                <Show
                  when={available().length > 0}
                  fallback={
                    <Show when={(latest(pool) ?? []).length === 0} fallback={<p class="empty-inline">{t('lists.poolAllUsed')}</p>}>
                      <p class="empty-inline">
                        {t('lists.poolEmpty', { year: props.list.year })}{' '}
                        <A href={`/c/${id()}/gathering/proposals?year=${props.list.year}&status=submitted`}>{t('lists.toProposals')}</A>
                      </p>
                    </Show>
                  }
                >
                  <ul class="pool-list">
                    <For each={available()}>
                      {(c) => (
                        <li class="order-item">
                          <div class="order-text">
                            <strong>{c.title}</strong>
                            <span class="small muted block">
                              {fmt.wan(Number(c.plannedInvestment))} · {c.leadDepartment.name}
                            </span>
                          </div>
                          <Button small onClick={() => setOrder([...order(), c.id])} aria-label={t('lists.addAria', { title: c.title })}>
                            {t('lists.addToList')}
                          </Button>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              )}
            </Async>
          </section>
        </Show>
      </div>

      <Show when={props.editable}>
        <div class="form-actions sticky-actions">
          <Show when={dirty()} fallback={<span class="muted small">{t('settings.noChanges')}</span>}>
            <span class="muted small">{t('settings.unsaved')}</span>
          </Show>
          <Button
            onClick={() => {
              setTitle(props.list.title);
              setSeats(String(props.list.seats));
              setOrder(props.list.items.map((i) => i.id));
              form.reset();
            }}
            disabled={!dirty() || form.busy()}
          >
            {t('settings.reset')}
          </Button>
          <Button type="submit" busy={form.busy()} disabled={!dirty()}>
            {t('lists.save')}
          </Button>
          <Show when={can(id(), 'gathering.lists.freeze')}>
            <Button variant="primary" onClick={() => void freeze()} disabled={form.busy()}>
              {dirty() ? t('lists.freeze.saveAndButton') : t('lists.freeze.button')}
            </Button>
          </Show>
        </div>
      </Show>
    </form>
  );
}
